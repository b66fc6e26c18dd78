package stem

import (
	"strings"
	"testing"
)

// A "word" longer than MaxStemBytes (a URL, a base64 run, text without
// spaces) is its own term, unstemmed: Snowball's cost on it grows with
// the square of its length. Words up to the limit are stemmed as before.
func TestOverlongWordIsItsOwnTerm(t *testing.T) {
	de := ForLang("de")
	long := strings.Repeat("ü", MaxStemBytes/2) + "ungen"
	if got, ok := de.Term([]byte(long)); !ok || got != long {
		t.Errorf("Term(%d-byte word) = %.20q… (ok %v), want the word itself", len(long), got, ok)
	}
	if got, _ := de.Term([]byte("überschwemmungen")); got == "überschwemmungen" {
		t.Errorf("a word under the limit was not stemmed")
	}
}

// BenchmarkStemOverlongWord is the cost of a 64 KB run of letters, which
// took about 4 s before words over MaxStemBytes were left unstemmed.
func BenchmarkStemOverlongWord(b *testing.B) {
	de := ForLang("de")
	w := []byte(strings.Repeat("ü", 32<<10))
	for b.Loop() {
		de.Term(w)
	}
}
