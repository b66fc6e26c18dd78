// Package dedup finds near-duplicate articles (wire copies, reposts with a
// new headline, a trimmed paragraph) with MinHash over word shingles and
// banded locality-sensitive hashing.
//
// # Method
//
// The body text (Article.Text; the title only when the body has fewer than
// ShingleWords words) is normalised with analysis/normalize.Fold for the
// article's language and split into words with analysis/token.Words. Every
// run of ShingleWords consecutive words is a shingle, hashed to 64 bits.
// The Signature keeps, for each of NumHashes universal hash functions, the
// smallest hashed shingle; the share of equal positions in two signatures
// is an unbiased estimate of the Jaccard similarity of the two shingle sets
// (standard error sqrt(J(1-J)/NumHashes): 0.040 at J = 0.7).
//
// Two articles are near-duplicates when the estimated Jaccard similarity
// is at least Threshold (0.7). The headline is not shingled, so a changed
// headline does not matter; dropping one paragraph of n keeps J ≈ 1-1/n.
// On the dev articles, separate write-ups of one story (same-story pairs
// that are not copies) fall below 0.5 with few exceptions, while dropping
// the middle paragraph of an article of five or more paragraphs keeps
// J ≥ 0.7 in 87% of cases (≥ 0.6 in 95%).
//
// # Candidates
//
// Only pairs that agree on all Rows positions of at least one of Bands
// bands are compared (banded LSH, Leskovec et al., Mining of Massive
// Datasets ch. 3). With Bands = 25 and Rows = 4 the probability that a
// pair of true Jaccard J becomes a candidate is 1-(1-J^4)^25: 0.999 at
// J = 0.7, 0.97 at 0.6, 0.80 at 0.5, 0.18 at 0.3 and 0.04 at 0.2. Candidates are
// then checked with the full signature, so the only misses are pairs the
// bands miss (0.1% at the threshold, fewer above) and pairs whose estimate
// falls on the wrong side of the threshold.
//
// # Cost
//
// Sign is one pass of word segmentation plus words × NumHashes
// multiply-adds: about 0.2 ms of CPU for a 300-word dev article, most of
// it segmentation (BenchmarkSign). A signature takes SignatureBytes bytes; an article adds Bands
// entries to a band index.
package dedup

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/newsim/newsim/analysis/normalize"
	"github.com/newsim/newsim/analysis/token"
)

const (
	// ShingleWords is the number of consecutive words in a shingle.
	ShingleWords = 5
	// NumHashes is the number of MinHash values in a Signature.
	NumHashes = 128
	// Bands is the number of LSH bands; Rows is the number of signature
	// positions in a band. Bands×Rows ≤ NumHashes.
	Bands = 25
	Rows  = 4
	// Threshold is the estimated Jaccard similarity of the shingle sets at
	// and above which two articles are near-duplicates.
	Threshold = 0.7
	// SignatureBytes is the size of an encoded Signature.
	SignatureBytes = NumHashes * 4
)

// Signature is the MinHash signature of one text.
type Signature [NumHashes]uint32

// hash coefficients: h_i(x) = (a_i·x + b_i) >> 32 over uint64, a_i odd.
// They are fixed (derived from a constant seed) because signatures are
// stored and must compare across runs.
var coefA, coefB [NumHashes]uint64

func init() {
	s := uint64(0x6e657773696d2131) // "newsim!1"
	for i := range NumHashes {
		coefA[i] = splitmix(&s) | 1
		coefB[i] = splitmix(&s)
	}
}

func splitmix(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func mix(z uint64) uint64 {
	z = (z ^ (z >> 33)) * 0xff51afd7ed558ccd
	z = (z ^ (z >> 33)) * 0xc4ceb9fe1a85ec53
	return z ^ (z >> 33)
}

// fnv64 is FNV-1a of s.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Words returns the normalised words of text in lang (ISO 639-1), as
// shingled by Sign.
func Words(lang, text string) []string {
	toks := token.Words(normalize.Fold(lang, text))
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// Shingles returns the 64-bit hashes of the ShingleWords-word shingles of
// words, in order (repeats included). A text of fewer words than
// ShingleWords but at least one gives one shingle of all its words.
func Shingles(words []string) []uint64 {
	if len(words) == 0 {
		return nil
	}
	wh := make([]uint64, len(words))
	for i, w := range words {
		wh[i] = fnv64(w)
	}
	n := len(words) - ShingleWords + 1
	if n < 1 {
		n = 1
	}
	out := make([]uint64, n)
	for i := range n {
		h := uint64(0)
		for j := i; j < i+ShingleWords && j < len(wh); j++ {
			h = mix(h*0x9e3779b97f4a7c15 + wh[j])
		}
		out[i] = h
	}
	return out
}

// ErrNoWords is returned by Sign for a text without words.
var ErrNoWords = errors.New("dedup: no words to shingle")

// Sign returns the signature of an article's body text (title when the
// body has fewer than ShingleWords words) in lang.
func Sign(lang, title, text string) (Signature, error) {
	words := Words(lang, text)
	if len(words) < ShingleWords {
		words = append(Words(lang, title), words...)
	}
	return SignShingles(Shingles(words))
}

// SignShingles returns the MinHash signature of a set of shingle hashes.
func SignShingles(sh []uint64) (Signature, error) {
	var sig Signature
	if len(sh) == 0 {
		return sig, ErrNoWords
	}
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	for _, h := range sh {
		for i := range NumHashes {
			v := uint32((coefA[i]*h + coefB[i]) >> 32)
			if v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig, nil
}

// Jaccard returns the estimated Jaccard similarity of the shingle sets of
// s and o: the share of positions where the signatures agree.
func (s *Signature) Jaccard(o *Signature) float64 {
	eq := 0
	for i := range s {
		if s[i] == o[i] {
			eq++
		}
	}
	return float64(eq) / NumHashes
}

// BandKeys returns the Bands LSH keys of s. Key i hashes band number i
// with its Rows values, so keys of different bands never mean the same
// thing. Keys are int64 so that they fit an SQLite INTEGER.
func (s *Signature) BandKeys() [Bands]int64 {
	var out [Bands]int64
	for b := range Bands {
		h := mix(uint64(b) + 0x5851f42d4c957f2d)
		for r := range Rows {
			h = mix(h ^ uint64(s[b*Rows+r]))
		}
		out[b] = int64(h)
	}
	return out
}

// MarshalBinary encodes s as SignatureBytes little-endian bytes.
func (s *Signature) MarshalBinary() ([]byte, error) {
	b := make([]byte, SignatureBytes)
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b, nil
}

// UnmarshalBinary decodes what MarshalBinary wrote.
func (s *Signature) UnmarshalBinary(b []byte) error {
	if len(b) != SignatureBytes {
		return fmt.Errorf("dedup: signature of %d bytes, want %d", len(b), SignatureBytes)
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return nil
}

// ExactJaccard returns the Jaccard similarity of two shingle-hash
// multisets taken as sets. It costs O(n log n); it is the brute-force
// reference for tests and evaluation.
func ExactJaccard(a, b []uint64) float64 {
	sa := make(map[uint64]struct{}, len(a))
	for _, h := range a {
		sa[h] = struct{}{}
	}
	sb := make(map[uint64]struct{}, len(b))
	for _, h := range b {
		sb[h] = struct{}{}
	}
	inter := 0
	for h := range sb {
		if _, ok := sa[h]; ok {
			inter++
		}
	}
	union := len(sa) + len(sb) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// Match is a near-duplicate found by an Index.
type Match struct {
	ID      int64   `json:"id"`
	Jaccard float64 `json:"jaccard"` // estimated
}

// Index is an in-memory band index of signatures. Its zero value is not
// usable: call NewIndex. It is not safe for concurrent use. The store
// package keeps the same bands in SQLite; Index serves tests, evaluation
// and callers without a store. Memory: about SignatureBytes + 30×Bands
// bytes per signature.
type Index struct {
	bands map[int64][]int64
	sigs  map[int64]*Signature
}

// NewIndex returns an empty Index.
func NewIndex() *Index {
	return &Index{bands: map[int64][]int64{}, sigs: map[int64]*Signature{}}
}

// Add adds sig under id. Adding an id twice replaces nothing: do not.
func (ix *Index) Add(id int64, sig Signature) {
	s := sig
	ix.sigs[id] = &s
	for _, k := range s.BandKeys() {
		ix.bands[k] = append(ix.bands[k], id)
	}
}

// Len returns the number of signatures in the index.
func (ix *Index) Len() int { return len(ix.sigs) }

// Candidates returns the ids sharing at least one band with sig, in
// ascending order.
func (ix *Index) Candidates(sig *Signature) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, k := range sig.BandKeys() {
		for _, id := range ix.bands[k] {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Query returns the indexed signatures whose estimated Jaccard similarity
// with sig is at least min, most similar first (ties by id).
func (ix *Index) Query(sig *Signature, min float64) []Match {
	var out []Match
	for _, id := range ix.Candidates(sig) {
		if j := sig.Jaccard(ix.sigs[id]); j >= min {
			out = append(out, Match{ID: id, Jaccard: j})
		}
	}
	SortMatches(out)
	return out
}

// SortMatches orders matches most similar first, ties by ascending id.
func SortMatches(m []Match) {
	sort.Slice(m, func(i, j int) bool {
		if m[i].Jaccard != m[j].Jaccard {
			return m[i].Jaccard > m[j].Jaccard
		}
		return m[i].ID < m[j].ID
	})
}
