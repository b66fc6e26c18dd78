package token

import (
	"strings"
	"unicode/utf8"
)

// Arabic words that UAX #29 leaves joined, split again by appendArabic:
//
//   - Glued punctuation: UAX #29 keeps '.', ':' and apostrophes between
//     letters inside one word (for "U.S", "don't"), but Arabic has no
//     such abbreviations; between two Arabic letters the mark is a missing
//     space ("السكنية.وأفضت" is "السكنية." + "وأفضت"), common in scraped
//     Arabic news. The word is split at the mark and the mark dropped.
//   - Compound names with عبد: عبد + a name with the article is written
//     joined or apart (عبدالعزيز and عبد العزيز, عبدالله and عبد الله);
//     the joined form is split after عبد so that both give the same words.

// arGlue are the inner marks UAX #29 joins letters with (MidLetter and
// MidNumLet).
const arGlue = ".:'·’‘․‧"

// abd is the prefix of a joined compound name: عبد + the article ال.
const abd = "عبدال"

// needsArabicSplit reports, cheaply, whether a Letter word may need
// appendArabic: it holds a glue mark or starts with عبدال.
func needsArabicSplit(w string) bool {
	return strings.HasPrefix(w, abd) || strings.ContainsAny(w, arGlue)
}

// appendArabic appends the parts of the Letter word s[start:end] (see the
// rules above) to dst; a word needing no split is appended whole.
func appendArabic(dst []Token, s string, start, end int) []Token {
	w := s[start:end]
	if strings.HasPrefix(w, abd) && utf8.RuneCountInString(w) >= len([]rune(abd))+2 {
		n := len("عبد")
		dst = append(dst, Token{Text: w[:n], Start: start, End: start + n, Kind: Letter})
		start += n
		w = w[n:]
	}
	from := 0
	for i := 0; i < len(w); {
		r, n := utf8.DecodeRuneInString(w[i:])
		if strings.ContainsRune(arGlue, r) && i > 0 && i+n < len(w) {
			before, _ := utf8.DecodeLastRuneInString(w[:i])
			after, _ := utf8.DecodeRuneInString(w[i+n:])
			if isArabicLetter(before) && isArabicLetter(after) {
				dst = append(dst, Token{Text: w[from:i], Start: start + from, End: start + i, Kind: Letter})
				from = i + n
			}
		}
		i += n
	}
	return append(dst, Token{Text: w[from:], Start: start + from, End: end, Kind: Letter})
}
