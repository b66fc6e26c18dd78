package token

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSentences checks the invariants of Words and Sentences on any
// input: spans in range, ordered, trimmed; token texts match offsets.
func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"One. Two? Three!", "U.S. Dr. Smith 3.5", "هل انتهى؟ نعم.وقال", "中国。美国！",
		"\"a\" «b» „c“", "...\n\n\n", "\xff\xfe.", strings.Repeat("كلمة، ", 60),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range Sentences(s) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("bad span %+v (prev end %d) in %q", sp, prev, s)
			}
			prev = sp.End
		}
		for _, tok := range Words(s) {
			if tok.Start < 0 || tok.End > len(s) || s[tok.Start:tok.End] != tok.Text {
				t.Fatalf("bad token %+v in %q", tok, s)
			}
		}
		if utf8.ValidString(s) {
			Bigrams(s, Words(s))
		}
	})
}
