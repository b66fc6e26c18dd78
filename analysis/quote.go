package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQuoteDepth is the deepest nesting of quotation marks Quotes follows.
const MaxQuoteDepth = 8

// Quotes returns the passages of text between quotation marks, outermost
// only, in order, trimmed of white space; empty passages are dropped.
//
// Marks and how they pair:
//
//   - “…” (English), „…“ and „…” (German, Polish), «…» (French, Russian,
//     Arabic), »…« (German, Danish), ‹…›, 「…」 and 『…』 (Chinese), ‘…’ and
//     ‚…‘ (single quotes; a ’ with a letter after it is an apostrophe,
//     "Year’s");
//   - the straight quote " by context, as Arabic and much web text use it:
//     after white space, an opening bracket or the start of a line, or
//     after a one-letter Arabic proclitic (و"إسرائيل", ب"…"), it opens;
//     before white space, punctuation or the end of a line it closes;
//     between two letters it closes an open " if there is one, else
//     opens. Nested straight quotes then pair as written:
//     "أهمية … حق "إسرائيل" في الدفاع عن نفسها" is one passage holding
//     another.
//
// A closing mark with no matching opener is ignored; a passage still open
// at a line break is dropped (quotations do not span paragraphs here).
// Cost: one pass over text.
func Quotes(text string) []string {
	var out []string
	var stack [MaxQuoteDepth]quoteOpen
	depth := 0
	push := func(at int, c, alt rune) {
		if depth < MaxQuoteDepth {
			stack[depth] = quoteOpen{at, c, alt}
			depth++
		}
	}
	// pop closes the innermost passage closed by r, if any.
	pop := func(r rune, at int) bool {
		for k := depth - 1; k >= 0; k-- {
			if stack[k].close == r || stack[k].alt == r {
				if k == 0 {
					if q := strings.TrimSpace(text[stack[0].at:at]); q != "" {
						out = append(out, q)
					}
				}
				depth = k
				return true
			}
		}
		return false
	}
	var prev rune = '\n'
	prevStart := 0 // offset of prev
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		next := rune('\n')
		if i+n < len(text) {
			next, _ = utf8.DecodeRuneInString(text[i+n:])
		}
		switch r {
		case '\n':
			depth = 0
		case '“':
			if depth > 0 && stack[depth-1].close == '“' {
				pop(r, i)
			} else {
				push(i+n, '”', '”')
			}
		case '„':
			push(i+n, '“', '”')
		case '”':
			pop(r, i)
		case '«':
			if depth > 0 && stack[depth-1].close == '«' {
				pop(r, i)
			} else {
				push(i+n, '»', '»')
			}
		case '»':
			if !pop(r, i) && isWordRune(next) && !isWordRune(prev) {
				push(i+n, '«', '«')
			}
		case '‹':
			push(i+n, '›', '›')
		case '›':
			pop(r, i)
		case '「':
			push(i+n, '」', '」')
		case '」':
			pop(r, i)
		case '『':
			push(i+n, '』', '』')
		case '』':
			pop(r, i)
		case '‘':
			if depth > 0 && stack[depth-1].close == '‘' {
				pop(r, i)
			} else if !isWordRune(prev) && isWordRune(next) {
				push(i+n, '’', '’')
			}
		case '‚':
			if !isWordRune(prev) {
				push(i+n, '‘', '’')
			}
		case '’':
			if !isWordRune(next) {
				pop(r, i)
			}
		case '"':
			opens := false
			switch {
			case !isWordRune(prev) && !isClosingPunct(prev) && isWordOrOpen(next):
				opens = true
			case isArabicProclitic(text, prevStart, prev) && isWordRune(next):
				opens = true
			case isWordRune(prev) && isWordRune(next):
				opens = !hasOpen(stack[:depth], '"')
			}
			if opens {
				push(i+n, '"', '"')
			} else {
				pop(r, i)
			}
		}
		prev, prevStart = r, i
		i += n
	}
	return out
}

// quoteOpen is an open quotation.
type quoteOpen struct {
	at    int  // byte offset after the opening mark
	close rune // the mark that closes it (alt: a second one)
	alt   rune
}

func hasOpen(st []quoteOpen, r rune) bool {
	for _, o := range st {
		if o.close == r {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isWordOrOpen: a letter, digit, opening bracket or another quotation
// mark can follow an opening quote.
func isWordOrOpen(r rune) bool {
	if isWordRune(r) {
		return true
	}
	switch r {
	case '(', '[', '«', '“', '‘', '.', '…', '-', '—', '–', '$', '€', '£', '#', '@':
		return true
	}
	return false
}

// isClosingPunct: a quote right after these closes ("… said." ).
func isClosingPunct(r rune) bool {
	switch r {
	case '.', ',', '!', '?', '؟', '،', '؛', ';', ':', ')', ']', '…':
		return true
	}
	return false
}

// isArabicProclitic reports whether prev (at offset at) is a one-letter
// Arabic proclitic word (و ف ب ل ك) standing alone before the quote.
func isArabicProclitic(text string, at int, prev rune) bool {
	switch prev {
	case 'و', 'ف', 'ب', 'ل', 'ك':
	default:
		return false
	}
	if at == 0 {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(text[:at])
	return !isWordRune(before)
}
