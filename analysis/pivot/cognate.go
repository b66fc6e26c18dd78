package pivot

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// CognatePrefix is how many letters (diacritics folded) an untranslated
// Latin-script term and an English term must share from their start to be
// taken as cognates (presidente/president, política/politic).
const CognatePrefix = 5

// MaxCognates is the most English terms one prefix may stand for; a
// prefix shared by more (inter-: interest, intern, interview…) says
// nothing.
const MaxCognates = 2

// cognateKey is the first CognatePrefix letters of a Latin-script term,
// diacritics folded, or "" for a shorter term or another script.
func cognateKey(term string) string {
	var out []rune
	for _, r := range norm.NFD.String(term) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if r > unicode.MaxLatin1 && !(r >= 0x100 && r < 0x250) || !unicode.IsLetter(r) {
			return ""
		}
		out = append(out, unicode.ToLower(r))
		if len(out) == CognatePrefix {
			return string(out)
		}
	}
	return ""
}

// indexCognates indexes the English terms of d's translations by
// cognateKey, keeping keys of at most MaxCognates terms (Latin-script
// languages only).
func (d *Dict) indexCognates() {
	switch d.Lang {
	case "ar", "fa", "ur", "ru", "zh":
		return
	}
	by := map[string][]string{}
	seen := map[string]bool{}
	for _, ss := range d.senses {
		for _, s := range ss {
			if seen[s.Term] {
				continue
			}
			seen[s.Term] = true
			if k := cognateKey(s.Term); k != "" {
				by[k] = append(by[k], s.Term)
			}
		}
	}
	d.cognates = map[string][]Sense{}
	for k, ts := range by {
		if len(ts) > MaxCognates {
			continue
		}
		sortStrings(ts)
		ss := make([]Sense, len(ts))
		for i, t := range ts {
			ss[i] = Sense{Term: t, Weight: 1 / float32(len(ts))}
		}
		d.cognates[k] = ss
	}
}

// Cognates returns, for a term without translation, the English terms of
// the dictionary's vocabulary it is a cognate of (sharing its first
// CognatePrefix letters, diacritics folded; at most MaxCognates), or nil.
func (d *Dict) Cognates(term string) []Sense {
	if d == nil || d.cognates == nil {
		return nil
	}
	if k := cognateKey(term); k != "" {
		return d.cognates[k]
	}
	return nil
}
