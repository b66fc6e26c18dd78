// Package stem reduces words to stems and recognises stop words.
//
// Words given to this package are already folded by analysis/normalize
// (lower case, Arabic letters folded, ’ → ').
//
// Stemmers, by language (ISO 639-1):
//
//   - en de es fr it ru tr: the Snowball stemmers of
//     github.com/blevesearch/snowballstem. French and Italian words first
//     lose an elided article or pronoun (l', d', qu', dell'…), Turkish
//     words what follows an apostrophe (Ankara'da → ankara), as Bleve's
//     analysers do.
//   - pl: Bleve's Stempel stemmer (analysis/lang/pl/stempel), the Polish
//     stemmer of Lucene; Snowball has none.
//   - ar: the Arabic light stemmer of this package (arabic.go). Both
//     ready-made ones over-strip news words: Bleve's light stemmer makes
//     وزير → زير, بيان → بي, لبنان → لبن; Snowball's makes فلسطين → لسط,
//     بيروت → يرو (see TestArabicStemmersCompared). Ours strips the same
//     affixes (conjunctions, prepositions, the article, attached pronouns,
//     inflection suffixes) under length guards and a list of protected
//     words, so distinct words stay distinct while inflections fold.
//   - zh, fa, ur and any other language: no stemming (identity).
//
// Stop words: Bleve's lists (the Snowball lists for de en es fr it ru, the
// Savoy/Lucene lists for ar fa tr pl) plus, for Arabic, a short list of
// news function words; zh and ur from stopwords-iso 1.1.0 (MIT, embedded).
// All lists are folded with analysis/normalize at load time.
//
// Stemmers returned by For cache their results (a concurrent map of up to
// MaxCached words per language), so a word is stemmed once per process.
package stem

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/lang/pl/stempel"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/turkish"
)

// Stemmer reduces a normalised, lower-case word to its stem.
// Implementations are safe for concurrent use.
type Stemmer interface {
	Stem(word string) string
}

// MaxCached is the most words per language whose stem a Cached stemmer
// keeps (about 100 bytes each). Words past it are stemmed every time.
const MaxCached = 1 << 18

type snowball func(*snowballstem.Env) bool

func (f snowball) Stem(word string) string {
	env := snowballstem.NewEnv(word)
	f(env)
	return env.Current()
}

type identity struct{}

func (identity) Stem(word string) string { return word }

// polish is Bleve's Stempel stemmer.
type polish struct{ trie stempel.Trie }

func (p polish) Stem(word string) string {
	buf := []rune(word)
	diff := p.trie.GetLastOnPath(buf)
	out := stempel.Diff(buf, diff)
	if len(out) == 0 {
		return word
	}
	return string(out)
}

// elider removes an elided article or pronoun before an apostrophe
// (French, Italian) and then stems.
type elider struct {
	prefixes map[string]bool
	next     Stemmer
}

func (e elider) Stem(word string) string {
	if i := strings.IndexByte(word, '\''); i > 0 && e.prefixes[word[:i]] && i+1 < len(word) {
		word = word[i+1:]
	}
	return e.next.Stem(word)
}

// apostropheCut keeps what precedes the first apostrophe (Turkish suffixes
// after proper names: Ankara'da, Biden'ın) and then stems.
type apostropheCut struct{ next Stemmer }

func (a apostropheCut) Stem(word string) string {
	if i := strings.IndexByte(word, '\''); i > 0 {
		word = word[:i]
	}
	return a.next.Stem(word)
}

var (
	frElision = set("l m t qu n s j d c jusqu quoiqu lorsqu puisqu")
	itElision = set("c l all dall dell nell sull coll pell gl agl dagl degl negl sugl un m t s v d quell quest")
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func base(lang string) Stemmer {
	switch lang {
	case "ar":
		return arabicStemmer{}
	case "en":
		return snowball(english.Stem)
	case "fr":
		return elider{frElision, snowball(french.Stem)}
	case "de":
		return snowball(german.Stem)
	case "it":
		return elider{itElision, snowball(italian.Stem)}
	case "ru":
		return snowball(russian.Stem)
	case "es":
		return snowball(spanish.Stem)
	case "tr":
		return apostropheCut{snowball(turkish.Stem)}
	case "pl":
		trie, err := stempel.LoadTrie()
		if err != nil {
			// The trie is embedded in Bleve; failing to read it is a
			// broken build, and the identity stemmer still works.
			return identity{}
		}
		return polish{trie}
	}
	return identity{}
}

// Cached is a stemmer with a memo of its results and the stop words of its
// language. It is safe for concurrent use.
type Cached struct {
	lang string
	base Stemmer
	stop map[string]bool

	mu   sync.RWMutex
	memo map[string]string // folded word → stem; "" for stop words
}

var (
	cacheMu sync.Mutex
	cached  = map[string]*Cached{}
)

// For returns the stemmer of lang (ISO 639-1); languages without one get
// the identity stemmer. The returned stemmer is a *Cached, shared by all
// callers.
func For(lang string) Stemmer { return ForLang(lang) }

// ForLang returns the shared Cached stemmer of lang.
func ForLang(lang string) *Cached {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	c, ok := cached[lang]
	if !ok {
		c = &Cached{lang: lang, base: base(lang), stop: stopSet(lang), memo: make(map[string]string, 1024)}
		cached[lang] = c
	}
	return c
}

// Stem returns the stem of word (folded, lower case).
func (c *Cached) Stem(word string) string {
	c.mu.RLock()
	s, ok := c.memo[word]
	c.mu.RUnlock()
	if ok && s != "" {
		return s
	}
	s = c.base.Stem(word)
	c.remember(word, s)
	return s
}

func (c *Cached) remember(word, s string) {
	c.mu.Lock()
	if len(c.memo) < MaxCached {
		c.memo[word] = s
	}
	c.mu.Unlock()
}

// MaxStemBytes is the longest word that is stemmed (the longest German
// compounds have about 80 letters). A longer "word" — a URL, a base64 run,
// a page of text without spaces — is its own term: Snowball's stemmers
// rebuild the word at every step, so their cost grows with the square of
// its length (a 64 KB word took 4 s, a 256 KB one a minute).
const MaxStemBytes = 256

// Term returns the index term of a folded word: its stem (the word itself
// when longer than MaxStemBytes), or ok=false for a stop word and for a
// single letter. The result is shared (interned):
// after the first time, Term allocates nothing.
func (c *Cached) Term(word []byte) (term string, ok bool) {
	c.mu.RLock()
	s, hit := c.memo[string(word)]
	c.mu.RUnlock()
	if hit {
		return s, s != ""
	}
	w := string(word)
	if len(w) > MaxStemBytes { // not a word of any language: kept whole, not cached
		return w, true
	}
	if c.isStop(w) || utf8.RuneCountInString(w) < 2 {
		s = ""
	} else {
		s = c.base.Stem(w)
		if s == "" {
			s = w
		}
	}
	c.remember(w, s)
	return s, s != ""
}

// IsStop reports whether the folded word is a stop word of c's language.
func (c *Cached) isStop(w string) bool {
	if c.stop[w] {
		return true
	}
	switch c.lang {
	case "ar", "fa", "ur":
		// وفي, فهو, وهذا: a conjunction on a stop word.
		if r, n := utf8.DecodeRuneInString(w); (r == 'و' || r == 'ف') && len(w) > n {
			return c.stop[w[n:]]
		}
	case "fr", "it":
		if i := strings.IndexByte(w, '\''); i > 0 && i+1 < len(w) {
			return c.stop[w[i+1:]]
		}
	}
	return false
}

// IsStop reports whether the normalised, lower-case word is a stop word of
// lang (ISO 639-1). Arabic words with the conjunction و or ف on a stop word
// (وفي, فهو) are stop words too, and French or Italian ones with an
// elided article (d'un).
func IsStop(lang, word string) bool {
	return ForLang(lang).isStop(word)
}
