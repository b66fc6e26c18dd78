// Package normalize folds the orthographic variation of text so that
// spellings of one word compare equal.
//
// Fold applies, in one pass over the text:
//
//   - Unicode NFKC, only when the text is not already NFKC (checked with
//     norm.NFKC.QuickSpanString, so plain text pays one scan and no copy):
//     presentation forms (ﻻ → لا), full-width letters and digits (２０ → 20),
//     ligatures (ﬁ → fi) become their plain forms.
//   - Lower-casing. Turkish and Azerbaijani use their own rule for i
//     (I → ı, İ → i), the same as golang.org/x/text/cases with that
//     language; every other language uses the Unicode simple lower case.
//   - Arabic script, whatever lang is (an English text quoting an Arabic
//     name folds it the same way): hamza seats أ إ آ ٱ ٲ ٳ ٵ → ا, ؤ → و,
//     ئ → ي, standalone ء dropped (it is often omitted in writing: وزراء and
//     وزرا meet); alef maqsura ى → ي; taa marbuta ة → ه; Persian and Urdu
//     letters ی → ي, ک ڪ → ك, ۀ ہ ھ → ه; diacritics (harakat U+064B–U+065F,
//     superscript alef U+0670, Quranic marks U+0610–U+061A, U+06D6–U+06ED)
//     and tatweel (ـ) removed; Arabic-Indic (٠–٩) and Persian (۰–۹)
//     digits → 0–9; ٫ → '.', ٬ → ',', ٪ → '%'; punctuation ، → ',',
//     ؛ → ';', ؟ → '?', ۔ → '.'.
//   - Quotation marks of every style (“ ” „ ‟ « » ″ 〝 〞) → '"', single
//     quotes and apostrophes (‘ ’ ‚ ‛ ′ ʼ) → '\”, dashes (‐ ‑ ‒ – — ―)
//     → '-'.
//   - Invisible characters removed: soft hyphen, zero-width (non-)joiners
//     and spaces, bidi marks and embeddings, byte order mark.
//   - Per language: German ß → ss and ä ö ü → a o u (what Snowball's
//     German stemmer does internally, applied to the whole text so that
//     "Strasse" and "Straße" meet); Russian (and any Cyrillic) ё → е.
//     French, Spanish, Italian, Polish and Turkish keep their accents:
//     they distinguish words and the stemmers rely on them.
//
// Bleve's Arabic normaliser (analysis/lang/ar) folds a subset of this
// (alef forms, ى, ة, eight diacritics, tatweel); it works per token on
// rune slices, so this package does the whole folding in one byte pass
// instead and its tests check that it agrees with Bleve's.
//
// Fold never changes ASCII letters other than by lower-casing, so byte
// offsets of an all-ASCII text are preserved; in general they are not:
// tokenise the original text for offsets and fold each token.
//
// Cost: one pass over s and one allocation for the result; an allocation
// and a second pass more when s is not NFKC.
package normalize

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s normalised for language lang (ISO 639-1, lower case; an
// unknown or empty code gets the language-independent folding).
func Fold(lang, s string) string {
	return string(AppendFold(make([]byte, 0, len(s)), lang, s))
}

// AppendFold appends the folding of s (see Fold) to dst and returns the
// extended buffer. With a reused dst it allocates nothing when s is NFKC.
func AppendFold(dst []byte, lang, s string) []byte {
	if !IsNFKC(s) {
		s = norm.NFKC.String(s)
	}
	return AppendFoldNFKC(dst, lang, s)
}

// IsNFKC reports whether s is already in Unicode NFKC (a quick check: it
// may say false for some normalised texts, never true for others).
//
// Runs of stable characters (ASCII, Arabic base letters, digits and
// punctuation, Latin-1 and Latin Extended-A letters, basic Cyrillic, CJK
// ideographs, curly quotes and dashes: starters that have no
// compatibility decomposition and never combine with what precedes them)
// are skipped; every other stretch is checked by norm.NFKC.QuickSpanString
// from the stable character before it to the next stable one. Cost: a
// byte loop over ASCII and Arabic text.
func IsNFKC(s string) bool {
	last := 0 // start of the last stable character
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			last = i
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if stable(r) {
			last = i
			i += n
			continue
		}
		// Unstable stretch: up to the next stable character.
		j := i + n
		for j < len(s) {
			if s[j] < utf8.RuneSelf {
				break
			}
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if stable(r2) {
				break
			}
			j += n2
		}
		w := s[last:j]
		if norm.NFKC.QuickSpanString(w) != len(w) {
			return false
		}
		i = j
	}
	return true
}

// stable reports whether r is a starter with no compatibility
// decomposition that never composes with a preceding character.
func stable(r rune) bool {
	switch {
	case r >= 0x0621 && r <= 0x063A, r >= 0x0640 && r <= 0x064A, r >= 0x0660 && r <= 0x0669,
		r == 0x060C, r == 0x061B, r == 0x061F, r == 0x066A, r == 0x066B, r == 0x066C:
		return true // Arabic letters, tatweel, digits, punctuation
	case r >= 0x00C0 && r <= 0x017E:
		// Latin-1 letters and Latin Extended-A, less the compatibility
		// characters Ĳ ĳ Ŀ ŀ ŉ.
		return r != 0x0132 && r != 0x0133 && r != 0x013F && r != 0x0140 && r != 0x0149
	case r >= 0x0400 && r <= 0x045F:
		return true // Cyrillic
	case r >= 0x4E00 && r <= 0x9FFF:
		return true // CJK unified ideographs
	case r == 0x00AB || r == 0x00BB, r >= 0x2012 && r <= 0x2015, r >= 0x2018 && r <= 0x201F:
		return true // « » dashes, curly quotes
	}
	return false
}

// AppendFoldNFKC is AppendFold for a text known to be NFKC (IsNFKC): it
// skips the check, which matters when folding a text word by word.
func AppendFoldNFKC(dst []byte, lang, s string) []byte {
	rules := rulesFor(lang)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				if c == 'I' && rules.turkic {
					dst = append(dst, "ı"...)
					i++
					continue
				}
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		dst = appendRune(dst, r, rules)
	}
	return dst
}

// Arabic returns s with the Arabic-script folding of Fold and lower-casing
// (it is Fold with no language-specific rule).
func Arabic(s string) string { return Fold("ar", s) }

type rules struct {
	turkic bool // tr, az: I → ı, İ → i
	german bool // de: ß → ss, umlauts → plain vowels
}

func rulesFor(lang string) rules {
	switch lang {
	case "tr", "az":
		return rules{turkic: true}
	case "de":
		return rules{german: true}
	}
	return rules{}
}

// appendRune appends the folding of one non-ASCII rune.
func appendRune(dst []byte, r rune, ru rules) []byte {
	if r >= 0x0600 && r <= 0x06FF {
		return appendArabic(dst, r)
	}
	switch r {
	case '“', '”', '„', '‟', '«', '»', '″', '〝', '〞', '＂':
		return append(dst, '"')
	case '‘', '’', '‚', '‛', '′', 'ʼ', '＇':
		return append(dst, '\'')
	case '‐', '‑', '‒', '–', '—', '―':
		return append(dst, '-')
	case 0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF,
		0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069:
		return dst
	case 'İ':
		return append(dst, 'i')
	case 'ё', 'Ё':
		return append(dst, "е"...)
	}
	if ru.german {
		switch r {
		case 'ß', 'ẞ':
			return append(dst, 's', 's')
		case 'ä', 'Ä':
			return append(dst, 'a')
		case 'ö', 'Ö':
			return append(dst, 'o')
		case 'ü', 'Ü':
			return append(dst, 'u')
		}
	}
	return utf8.AppendRune(dst, unicode.ToLower(r))
}

// appendArabic folds one rune of the Arabic block U+0600–U+06FF.
func appendArabic(dst []byte, r rune) []byte {
	switch {
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ' || r == 'ٲ' || r == 'ٳ' || r == 'ٵ':
		r = 'ا'
	case r == 'ؤ' || r == 'ٶ':
		r = 'و'
	case r == 'ئ' || r == 'ٸ' || r == 'ى' || r == 'ی' || r == 'ې':
		r = 'ي'
	case r == 'ة' || r == 'ۀ' || r == 'ہ' || r == 'ھ' || r == 'ە':
		r = 'ه'
	case r == 'ک' || r == 'ڪ':
		r = 'ك'
	case r == 'ء' || r == 'ـ' || r == 0x0674:
		return dst
	case (r >= 0x064B && r <= 0x065F) || r == 0x0670 || (r >= 0x0610 && r <= 0x061A) || (r >= 0x06D6 && r <= 0x06ED):
		return dst
	case r >= '٠' && r <= '٩':
		return append(dst, byte('0'+r-'٠'))
	case r >= '۰' && r <= '۹':
		return append(dst, byte('0'+r-'۰'))
	case r == '٫':
		return append(dst, '.')
	case r == '٬' || r == '،':
		return append(dst, ',')
	case r == '٪':
		return append(dst, '%')
	case r == '؛':
		return append(dst, ';')
	case r == '؟':
		return append(dst, '?')
	case r == '۔':
		return append(dst, '.')
	}
	return utf8.AppendRune(dst, r)
}
