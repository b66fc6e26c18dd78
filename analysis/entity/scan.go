package entity

import (
	"unicode"
	"unicode/utf8"
)

// tok is one word of a text as the entity finder sees it.
type tok struct {
	s, e   int    // byte offsets into the text (e exclusive)
	f      string // lookup folding of text[s:e]
	cap    bool   // first letter is upper case
	upper  bool   // two or more letters, all upper case (an acronym)
	arabic bool   // first letter is Arabic script
	digit  bool   // first rune is a digit
	start  bool   // capitalisation carries no information here: first word of a sentence, line or title-case line
	brk    bool   // something other than white space separates it from the previous word
}

// abbrev are words after which a full stop does not end a sentence.
var abbrev = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "col": true, "prof": true, "jr": true, "sr": true, "sgt": true, "capt": true,
	"maj": true, "adm": true, "no": true, "nr": true, "hr": true, "fr": true, "sra": true, "sr.": true, "dn": true}

// scan splits text into words. A word is a run of letters, marks and
// digits; a hyphen or dot between letters of an acronym (U.S., EE.UU.)
// and a hyphen between letters (Jean-Pierre, États-Unis) stay inside it;
// an apostrophe ends it (Biden's → Biden, s; Türkiye'nin → Türkiye, nin).
// Cost: one pass, one allocation for all the foldings.
func scan(text string) []tok {
	toks := make([]tok, 0, len(text)/6+4)
	buf := make([]byte, 0, len(text)+8)
	type span struct{ a, b int }
	folds := make([]span, 0, cap(toks))
	boundary := true
	sep := false
	lineStart := 0
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			switch r {
			case '\n':
				boundary = true
				markTitleCase(toks, lineStart)
				lineStart = len(toks)
			case '.', '!', '?', '؟', ':', '…', ';', '•', '|':
				if r == '.' && len(toks) > 0 && !sep {
					// "Mr. Biden": no sentence boundary after a title abbreviation.
					last := toks[len(toks)-1]
					if w := buf[folds[len(folds)-1].a:folds[len(folds)-1].b]; abbrev[string(w)] || titleAbbrevs[string(w)] || (last.e-last.s == 1 && last.cap) {
						sep = true
						i += n
						continue
					}
				}
				boundary = true
			}
			if !unicode.IsSpace(r) {
				sep = true
			}
			i += n
			continue
		}
		// A word.
		s := i
		a := len(buf)
		allUpper := true
		letters := 0
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				// ASCII fast path.
				if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
					if c > '9' {
						letters++
						allUpper = false
					}
					buf = append(buf, c)
					i++
					continue
				}
				if 'A' <= c && c <= 'Z' {
					letters++
					buf = append(buf, c+'a'-'A')
					i++
					continue
				}
			}
			r, n = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				buf = foldRune(buf, r)
				if r >= 0x0621 && r <= 0x064A {
					letters++
					allUpper = false
				} else if r > '9' && (r < utf8.RuneSelf || unicode.IsLetter(r)) {
					letters++
					if !isUpperFast(r) {
						allUpper = false
					}
				}
				i += n
				continue
			}
			if (r == '-' || r == '.') && i+n < len(text) {
				r2, _ := utf8.DecodeRuneInString(text[i+n:])
				if r == '-' && unicode.IsLetter(r2) && letters > 0 {
					buf = append(buf, '-')
					i += n
					continue
				}
				if r == '.' && allUpper && letters > 0 && letters <= 3 && unicode.IsUpper(r2) {
					i += n // U.S.: the dots are not kept in the folding
					continue
				}
			}
			if r == '.' && allUpper && letters >= 2 && letters <= 4 && i-s <= 8 && hasDot(text[s:i]) {
				i += n // trailing dot of U.S.
			}
			break
		}
		r0, _ := utf8.DecodeRuneInString(text[s:])
		t := tok{s: s, e: i, brk: sep, start: boundary}
		t.cap = isUpperFast(r0)
		if !t.cap && i-s > 3 && (r0 == 'a' || r0 == 'e' || r0 == 'b' || r0 == 'i') && (text[s+2] == '-' || text[s+3] == '-') {
			t.cap = arabicArticleName(text[s:i])
		}
		t.upper = allUpper && letters >= 2
		t.arabic = r0 >= 0x0600 && r0 <= 0x06FF
		t.digit = unicode.IsDigit(r0)
		folds = append(folds, span{a, len(buf)})
		toks = append(toks, t)
		boundary = false
		sep = false
	}
	markTitleCase(toks, lineStart)
	all := string(buf)
	for k := range toks {
		toks[k].f = all[folds[k].a:folds[k].b]
	}
	return toks
}

func hasDot(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
	}
	if r >= 0x0621 && r <= 0x0670 && r != 0x066A && r != 0x066B && r != 0x066C && r != 0x066D {
		return true // Arabic letters, marks, tatweel and digits
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isUpperFast is unicode.IsUpper with fast paths for ASCII and Arabic.
func isUpperFast(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	if r >= 0x0600 && r <= 0x06FF {
		return false
	}
	return unicode.IsUpper(r)
}

// markTitleCase marks every word of the line toks[from:] as carrying no
// capitalisation information when most of its words are capitalised
// (a headline in title case: "Man Arrested In Fatal Crash").
func markTitleCase(toks []tok, from int) {
	words, caps := 0, 0
	for _, t := range toks[from:] {
		if t.arabic || t.digit {
			continue
		}
		words++
		if t.cap {
			caps++
		}
	}
	if words >= 3 && caps*10 >= words*7 {
		for k := from; k < len(toks); k++ {
			toks[k].start = true
		}
	}
}

// arabicArticleName reports whether w is an Arabic name with its article
// in Latin letters: al-Assad, el-Sisi, ash-Sharaa (lower-case article,
// hyphen, capital).
func arabicArticleName(w string) bool {
	for _, p := range []string{"al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "bin-", "ibn-", "abu-"} {
		if len(w) > len(p) && w[:len(p)] == p {
			r, _ := utf8.DecodeRuneInString(w[len(p):])
			return unicode.IsUpper(r)
		}
	}
	return false
}
