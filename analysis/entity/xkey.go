package entity

import (
	"strings"

	"github.com/newsim/newsim/analysis/translit"
)

// crossKey returns the cross-script key of an entity found in a text of
// language lang (see Entity.XKey): its Key for a place, the translit key
// of its Name otherwise.
func crossKey(lang string, e *Entity) string {
	if e.Kind == Place || strings.HasPrefix(e.Key, "place:") {
		return e.Key
	}
	return translit.Key(lang, e.Name)
}

// XKeyOf returns e's cross-script key: e.XKey, or for an entity made
// before the field existed (a stored analysis), the key computed from its
// Name read as English.
func XKeyOf(e Entity) string {
	if e.XKey != "" {
		return e.XKey
	}
	return crossKey("", &e)
}

// SameAcross reports whether a and b, found in two documents of different
// languages or scripts, are the same entity: Same, or, for names that are
// not places, their cross-script keys match under translit.Match
// (بلينكن = Blinken = Блинкен; غانتس = Benny Gantz, the surname alone
// needing at least translit.MinWordLen consonant classes). Places meet
// only by Key, which is language-independent (an ISO code or a GeoNames
// city), so SameAcross adds nothing for them.
//
// Cost: two short key comparisons; a weighted edit distance of a few
// dozen cells when the keys differ.
func SameAcross(a, b Entity) bool {
	if Same(a, b) {
		return true
	}
	if a.Kind == Place || b.Kind == Place || strings.HasPrefix(a.Key, "place:") || strings.HasPrefix(b.Key, "place:") {
		return false
	}
	return translit.Match(XKeyOf(a), XKeyOf(b))
}
