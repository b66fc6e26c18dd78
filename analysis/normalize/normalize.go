// Package normalize folds the orthographic variation of a language so that
// spellings of one word compare equal.
package normalize

import (
	"strings"
	"unicode"
)

// Fold lower-cases s and applies the normalisation of lang (ISO 639-1).
func Fold(lang, s string) string {
	s = strings.ToLower(s)
	if lang == "ar" {
		s = Arabic(s)
	}
	return s
}

// Arabic folds hamza forms of alef to bare alef, alef maqsura to yeh, taa
// marbuta to heh, and removes diacritics and tatweel.
func Arabic(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r == 'ـ' || (r >= 0x064B && r <= 0x0652) || r == 0x0670:
			continue
		case r >= '٠' && r <= '٩':
			r = '0' + (r - '٠')
		case unicode.Is(unicode.Mn, r):
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
