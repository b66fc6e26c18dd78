package analysis

import (
	"strings"
	"unicode/utf8"
)

// MaxTextBytes is the most bytes of an article's body that are analysed:
// 256 KiB, over ten times the longest article of the SemEval dev set
// (19 KB). Analysis costs about 0.2 GB of allocation and 1 s of CPU per MB
// of text, and comparing two long bodies grows with the product of their
// sentence counts, so an unbounded body (32 MiB is what the readers
// accept) would cost gigabytes; beyond the cap the body is cut (see
// Doc.Truncated) and the output says so.
const MaxTextBytes = 256 << 10

// MaxTitleBytes is the most bytes of a title that are analysed (a text
// file without line breaks is all title).
const MaxTitleBytes = 4 << 10

// Truncation records what was cut from an article before analysis: the
// original sizes, in bytes, of the parts that were cut (0 = not cut).
type Truncation struct {
	TitleBytes int `json:"title_bytes,omitempty"`
	TextBytes  int `json:"text_bytes,omitempty"`
}

// clip cuts s to at most max bytes: at the last line break in the last
// eighth of the allowance when there is one (so a paragraph is not cut in
// two), else at the last rune boundary. It returns s and 0 when s fits,
// else the cut string and len(s).
func clip(s string, max int) (string, int) {
	if len(s) <= max {
		return s, 0
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if nl := strings.LastIndexByte(s[:cut], '\n'); nl >= max-max/8 {
		cut = nl
	}
	return s[:cut], len(s)
}
