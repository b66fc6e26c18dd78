package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/newsim/newsim/analysis/translit"
)

// This file holds the two foldings of entity names:
//
//   - lookup folding (foldLookup): the light, lossless-in-practice folding
//     used to look words up in gazetteers and word lists (case, diacritics,
//     Arabic hamza/alef maqsura/taa marbuta, tatweel);
//   - the spelling-variant key (NameKey): a deliberately lossy folding under
//     which the transliterations of one foreign name meet.

// foldLookup appends the lookup folding of s to dst and returns it.
// Latin and Cyrillic: lower case, diacritics removed (é→e, ß→ss, ı→i,
// ł→l, ø→o). Arabic: أ إ آ ٱ ء-seats ؤ ئ → ا/و/ي, ى → ي, ة → ه,
// diacritics and tatweel removed, Persian letters folded (ک→ك, ی→ي),
// Arabic-Indic digits → ASCII. Apostrophes and other marks are dropped.
func foldLookup(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c == '\'' {
				i++
				continue
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		dst = foldRune(dst, r)
	}
	return dst
}

func foldRune(dst []byte, r rune) []byte {
	if r >= 0xC0 && r < 0x250 {
		if m := latinFold[r-0xC0]; m != 0 {
			return utf8.AppendRune(dst, m)
		}
	}
	switch {
	case r >= 0x0600 && r <= 0x06FF:
		switch {
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ؤ':
			r = 'و'
		case r == 'ئ' || r == 'ى' || r == 'ی':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r == 'ک':
			r = 'ك'
		case r == 'ـ' || (r >= 0x064B && r <= 0x065F) || r == 0x0670:
			return dst
		case r >= '٠' && r <= '٩':
			return append(dst, byte('0'+r-'٠'))
		case r >= '۰' && r <= '۹':
			return append(dst, byte('0'+r-'۰'))
		}
		return utf8.AppendRune(dst, r)
	case r == 'ß':
		return append(dst, 's', 's')
	case r == 'ı' || r == 'İ':
		return append(dst, 'i')
	case r == 'ł' || r == 'Ł':
		return append(dst, 'l')
	case r == 'ø' || r == 'Ø':
		return append(dst, 'o')
	case r == 'æ' || r == 'Æ':
		return append(dst, 'a', 'e')
	case r == 'đ' || r == 'Đ':
		return append(dst, 'd')
	case r == '’' || r == 'ʼ' || r == '‘' || r == 'ʻ':
		return dst
	case unicode.Is(unicode.Mn, r):
		return dst
	}
	r = unicode.ToLower(r)
	if r >= 0xC0 && r < 0x2000 && r != 'ё' {
		// Decompose and keep the base letter (é → e, ş → s, й stays).
		if r == 'й' {
			return utf8.AppendRune(dst, r)
		}
		var buf [16]byte
		d := norm.NFD.AppendString(buf[:0], string(r))
		if len(d) > 0 {
			b, _ := utf8.DecodeRune(d)
			return utf8.AppendRune(dst, b)
		}
	}
	if r == 'ё' {
		r = 'е'
	}
	return utf8.AppendRune(dst, r)
}

// latinFold maps the letters U+00C0..U+024F to their lower-case base
// letter (0 where a special rule applies: ß, ı, ł, ø, æ, đ).
var latinFold = func() (t [0x250 - 0xC0]rune) {
	for r := rune(0xC0); r < 0x250; r++ {
		switch r {
		case 'ß', 'ı', 'İ', 'ł', 'Ł', 'ø', 'Ø', 'æ', 'Æ', 'đ', 'Đ', '×', '÷':
			continue
		}
		l := unicode.ToLower(r)
		d := norm.NFD.String(string(l))
		b, _ := utf8.DecodeRuneInString(d)
		t[r-0xC0] = b
	}
	return t
}()

// NameKey returns the spelling-variant key of a name (one or more words):
// two spellings of one name have the same key. The rules, applied to each
// word after the lookup folding (case, diacritics, hamza forms, ة/ه, ى/ي):
//
// Arabic script:
//   - the article ال at the start of a word is dropped (الكونغرس = كونغرس);
//   - the letters written for G meet: ج غ ق ك گ (غانتس = جانتس);
//   - emphatic and plain consonants meet: ط=ت, ص=س=ث, ض=د, ظ=ذ=ز, and the
//     Persian letters پ=ب, ڤ=ف, چ=ج;
//   - long vowels ا و ي (and ه at the end) are dropped after the first
//     letter (جيك = جاك, سوليفان = سليفن, أوستن = أوستين);
//   - doubled letters are written once.
//
// Latin and Cyrillic script:
//   - case and diacritics are folded (Gantz = gantz, Erdoğan = Erdogan);
//   - doubled letters are written once (Sullivan = Sulivan);
//   - a trailing possessive 's is dropped.
//
// Words are joined by one space. Cost: one pass over the name, one
// allocation.
func NameKey(name string) string {
	var b []byte
	word := 0
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := translit.TrimSuffix(name[start:end])
		start = -1
		if word > 0 {
			b = append(b, ' ')
		}
		n := len(b)
		b = appendWordKey(b, w)
		if len(b) == n && word > 0 {
			b = b[:n-1]
			return
		}
		word++
	}
	for i, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if r == '\'' || r == '’' {
			continue
		}
		flush(i)
	}
	flush(len(name))
	return string(b)
}

// appendWordKey appends the variant key of one word.
func appendWordKey(dst []byte, w string) []byte {
	var tmp [64]byte
	f := foldLookup(tmp[:0], w)
	if len(f) == 0 {
		return dst
	}
	r0, _ := utf8.DecodeRune(f)
	if r0 >= 0x0600 && r0 <= 0x06FF {
		return appendArabicKey(dst, f)
	}
	// Latin, Cyrillic, other: collapse doubled letters.
	var last rune = -1
	for _, r := range string(f) {
		if r == last {
			continue
		}
		last = r
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

func appendArabicKey(dst []byte, f []byte) []byte {
	s := string(f)
	if strings.HasPrefix(s, "ال") && utf8.RuneCountInString(s) > 4 {
		s = s[len("ال"):]
	}
	var last, lastOrig rune = -1, -1
	first := true
	n := utf8.RuneCountInString(s)
	i := 0
	for _, r := range s {
		i++
		orig := r
		switch r {
		case 'ج', 'غ', 'ق', 'ك', 'گ', 'چ':
			r = 'ج'
		case 'ط':
			r = 'ت'
		case 'ص', 'ث':
			r = 'س'
		case 'ض':
			r = 'د'
		case 'ظ', 'ذ':
			r = 'ز'
		case 'پ':
			r = 'ب'
		case 'ڤ':
			r = 'ف'
		case 'ء':
			r = 'ا'
		}
		if !first {
			if r == 'ا' || r == 'و' || r == 'ي' {
				continue
			}
			if r == 'ه' && i == n {
				continue
			}
		}
		first = false
		if orig == lastOrig || (r == last && r != 'ج') {
			// A doubled letter as written; the G letters are compared as
			// written so that جيك keeps both its consonants.
			continue
		}
		last, lastOrig = r, orig
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}
