// Package stem reduces words to stems and recognises stop words.
package stem

import (
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/turkish"
)

// Stemmer reduces a normalised, lower-case word to its stem.
type Stemmer interface {
	Stem(word string) string
}

type snowball func(*snowballstem.Env) bool

func (f snowball) Stem(word string) string {
	env := snowballstem.NewEnv(word)
	f(env)
	return env.Current()
}

type identity struct{}

func (identity) Stem(word string) string { return word }

// For returns the stemmer of lang (ISO 639-1); languages without one get
// the identity stemmer.
func For(lang string) Stemmer {
	switch lang {
	case "ar":
		return snowball(arabic.Stem)
	case "en":
		return snowball(english.Stem)
	case "fr":
		return snowball(french.Stem)
	case "de":
		return snowball(german.Stem)
	case "it":
		return snowball(italian.Stem)
	case "ru":
		return snowball(russian.Stem)
	case "es":
		return snowball(spanish.Stem)
	case "tr":
		return snowball(turkish.Stem)
	}
	return identity{}
}

// IsStop reports whether the normalised, lower-case word is a stop word of
// lang (ISO 639-1).
func IsStop(lang, word string) bool {
	return len(word) <= 2
}
