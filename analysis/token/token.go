// Package token splits text into words and sentences, keeping byte offsets
// into the text that was split.
//
// Words follow Unicode word boundaries (UAX #29) as implemented by
// github.com/blevesearch/segment, the segmenter behind Bleve's unicode
// tokenizer: "U.S", "3.5", "1,000", "Biden's" and "Türkiye'nin" are one
// word each, a hyphen separates words, Arabic words keep their diacritics,
// and each Han character is a word of its own (see Bigrams for the CJK
// terms). Two Arabic repairs follow (arabic.go): a '.' or ':' between
// Arabic letters is a missing space, and عبدال… is split after عبد. Sentences are found by the rules documented on Sentences.
package token

import (
	"github.com/blevesearch/segment"
)

// Kind is the class of a word.
type Kind uint8

// The kinds of word.
const (
	// Letter is a word of letters, possibly with digits and inner
	// punctuation ("U.S", "F16", "don't").
	Letter Kind = iota
	// Number is a numeral ("21", "3.5", "1,000", "٢١").
	Number
	// Ideo is one Han character or a run of kana.
	Ideo
)

// Token is one word of a text. Start and End are byte offsets into the
// text that was split (End exclusive); Text is text[Start:End].
type Token struct {
	Text       string
	Start, End int
	Kind       Kind
}

// Span is a byte range [Start, End) of a text.
type Span struct {
	Start, End int
}

// Words returns the words of s in order. Cost: one pass of the UAX #29
// segmenter; the result is the only allocation besides a copy of s.
func Words(s string) []Token {
	return AppendWords(nil, s)
}

// AppendWords appends the words of s to dst and returns the extended slice.
// Token texts are substrings of s (no per-word allocation).
func AppendWords(dst []Token, s string) []Token {
	if s == "" {
		return dst
	}
	seg := segment.NewWordSegmenterDirect([]byte(s))
	start := 0
	for seg.Segment() {
		end := start + len(seg.Bytes())
		var k Kind
		switch seg.Type() {
		case segment.None:
			start = end
			continue
		case segment.Number:
			k = Number
		case segment.Ideo, segment.Kana:
			k = Ideo
		default:
			k = Letter
		}
		if k == Letter && needsArabicSplit(s[start:end]) {
			dst = appendArabic(dst, s, start, end)
		} else {
			dst = append(dst, Token{Text: s[start:end], Start: start, End: end, Kind: k})
		}
		start = end
	}
	return dst
}

// Bigrams returns the terms of CJK text as Bleve's cjk analyser makes them:
// each run of adjacent Ideo tokens (no gap between them) becomes its
// overlapping character bigrams (中华人民 → 中华 华人 人民); a run of one
// character stays a unigram. Other tokens pass through unchanged. Offsets
// of a bigram span both characters; s is the text the tokens came from.
func Bigrams(s string, toks []Token) []Token {
	out := make([]Token, 0, len(toks))
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.Kind != Ideo {
			out = append(out, t)
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].Kind == Ideo && toks[j].Start == toks[j-1].End {
			j++
		}
		if j-i == 1 {
			out = append(out, t)
		} else {
			for k := i; k+1 < j; k++ {
				a, b := toks[k], toks[k+1]
				out = append(out, Token{Text: s[a.Start:b.End], Start: a.Start, End: b.End, Kind: Ideo})
			}
		}
		i = j
	}
	return out
}
