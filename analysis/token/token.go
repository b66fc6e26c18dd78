// Package token splits text into words and sentences.
package token

import (
	"unicode"
	"unicode/utf8"
)

// Token is one word of a text. Start and End are byte offsets into the
// text that was split (End exclusive); Text is text[Start:End].
type Token struct {
	Text       string
	Start, End int
}

// Span is a byte range [Start, End) of a text.
type Span struct {
	Start, End int
}

// Words returns the words of s: maximal runs of letters, marks and digits.
func Words(s string) []Token {
	var out []Token
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, Token{Text: s[start:i], Start: start, End: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Token{Text: s[start:], Start: start, End: len(s)})
	}
	return out
}

// Sentences returns the sentence spans of s, split after . ! ? ؟ and at
// line breaks. Spans exclude surrounding white space.
func Sentences(s string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		a, b := start, end
		for a < b {
			r, n := utf8.DecodeRuneInString(s[a:])
			if !unicode.IsSpace(r) {
				break
			}
			a += n
		}
		for b > a {
			r, n := utf8.DecodeLastRuneInString(s[a:b])
			if !unicode.IsSpace(r) {
				break
			}
			b -= n
		}
		if b > a {
			out = append(out, Span{a, b})
		}
	}
	for i, r := range s {
		switch r {
		case '\n', '.', '!', '?', '؟':
			emit(i + utf8.RuneLen(r))
			start = i + utf8.RuneLen(r)
		}
	}
	emit(len(s))
	return out
}
