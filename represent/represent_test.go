package represent

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/newsim/newsim/analysis"
)

// brute is the cosine of two term lists computed with maps.
func brute(a, b []string, idf func(string) float64) float64 {
	w := func(ts []string) map[string]float64 {
		c := map[string]float64{}
		for _, t := range ts {
			c[t]++
		}
		m := map[string]float64{}
		for t, n := range c {
			m[t] = (1 + math.Log(n)) * idf(t)
		}
		return m
	}
	wa, wb := w(a), w(b)
	var dot, na, nb float64
	for t, x := range wa {
		dot += x * wb[t]
		na += x * x
	}
	for _, y := range wb {
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

func randomTerms(r *rand.Rand, n int) []string {
	vocab := []string{"gantz", "sullivan", "blinken", "biden", "gaza", "washington", "meet", "security", "iran", "aid", "war", "truce"}
	out := make([]string, n)
	for i := range out {
		out[i] = vocab[r.IntN(len(vocab))]
	}
	return out
}

func TestDotMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	st := &Stats{}
	for i := 0; i < 50; i++ {
		st.Add("en", randomTerms(r, 5))
	}
	idf := func(term string) float64 { return st.IDF("en", term) }
	for i := 0; i < 200; i++ {
		a, b := randomTerms(r, 1+r.IntN(30)), randomTerms(r, 1+r.IntN(30))
		got := Weigh(a, idf).Dot(Weigh(b, idf))
		if want := brute(a, b, idf); math.Abs(got-want) > 1e-5 {
			t.Fatalf("Dot = %v, brute force = %v for %v / %v", got, want, a, b)
		}
	}
}

func TestWeighIDsMatchesWeigh(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 100; i++ {
		a, b := randomTerms(r, 1+r.IntN(20)), randomTerms(r, 1+r.IntN(20))
		ids := func(ts []string) []uint64 {
			out := make([]uint64, len(ts))
			for k, x := range ts {
				out[k] = Hash(x)
			}
			return out
		}
		got := WeighIDs(ids(a)).Dot(WeighIDs(ids(b)))
		want := Weigh(a, nil).Dot(Weigh(b, nil))
		if math.Abs(got-want) > 1e-6 {
			t.Fatalf("WeighIDs cosine %v, Weigh cosine %v", got, want)
		}
	}
	if HashBytes([]byte("غانتس")) != Hash("غانتس") {
		t.Error("HashBytes and Hash differ")
	}
}

// TestSentenceRowsMatchBruteForce checks the row-by-row postings merge
// against a dot product of every sentence pair: every pair sharing a term
// is visited once, in order, with its cosine; no other pair is.
func TestSentenceRowsMatchBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	doc := func() *analysis.Doc {
		d := &analysis.Doc{Lang: "en"}
		for i := 0; i < 1+r.IntN(12); i++ {
			d.Sentences = append(d.Sentences, analysis.Sentence{Terms: randomTerms(r, r.IntN(9))})
		}
		return d
	}
	for trial := 0; trial < 100; trial++ {
		a, b := NewProfile(doc(), nil), NewProfile(doc(), nil)
		got := map[[2]int]float64{}
		last := -1
		SentenceRows(a, b, func(i int, js []int, row []float64) {
			if i <= last {
				t.Fatalf("trial %d: row %d after row %d", trial, i, last)
			}
			last = i
			for k, j := range js {
				if k > 0 && j <= js[k-1] {
					t.Fatalf("trial %d: row %d: columns %v not ascending", trial, i, js)
				}
				got[[2]int{i, j}] = row[j]
			}
		})
		for i, u := range a.Sentences {
			for j, v := range b.Sentences {
				want := u.Dot(v)
				g, ok := got[[2]int{i, j}]
				if ok != (want != 0) || math.Abs(g-want) > 1e-6 {
					t.Fatalf("trial %d: sentences %d,%d: rows %v (visited %v), dot %v", trial, i, j, g, ok, want)
				}
			}
		}
	}
}

func TestIDF(t *testing.T) {
	st := &Stats{}
	st.Add("ar", []string{"غانتس", "واشنطن", "واشنطن"})
	st.Add("ar", []string{"واشنطن"})
	for _, tc := range []struct {
		name, lang, term string
		want             float64
	}{
		{"term in every document", "ar", "واشنطن", 1}, // log(3/3) + 1
		{"term in one of two", "ar", "غانتس", math.Log(3.0/2.0) + 1},
		{"unseen term weighs most", "ar", "بلينكن", math.Log(3.0/1.0) + 1},
		{"language without statistics", "tr", "gantz", 1},
	} {
		if got := st.IDF(tc.lang, tc.term); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: IDF = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCoverage(t *testing.T) {
	idf := func(string) float64 { return 1 }
	for _, tc := range []struct {
		name       string
		title, doc []string
		want       float64
	}{
		{"headline fully covered", []string{"gantz", "meet", "sullivan"}, []string{"sullivan", "gantz", "meet", "washington", "aid"}, 1},
		{"headline not covered", []string{"storm", "port"}, []string{"gantz", "meet"}, 0},
		{"one of two", []string{"gantz", "storm"}, []string{"gantz", "aid"}, 0.5},
		{"empty headline", nil, []string{"gantz"}, 0},
	} {
		if got := Weigh(tc.title, idf).Coverage(Weigh(tc.doc, idf)); math.Abs(got-tc.want) > 1e-6 {
			t.Errorf("%s: Coverage = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestProfileMatchesWeigh checks the ID-based vectors of NewProfile against
// Weigh on the same terms.
func TestProfileMatchesWeigh(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	st := &Stats{}
	for i := 0; i < 40; i++ {
		st.Add("en", randomTerms(r, 6))
	}
	idf := func(term string) float64 { return st.IDF("en", term) }
	for trial := 0; trial < 50; trial++ {
		d := &analysis.Doc{Lang: "en", TitleTerms: randomTerms(r, 4)}
		var body []string
		for i := 0; i < 1+r.IntN(6); i++ {
			ts := randomTerms(r, 1+r.IntN(8))
			body = append(body, ts...)
			d.Sentences = append(d.Sentences, analysis.Sentence{Terms: ts})
		}
		p := NewProfile(d, st)
		other := Weigh(randomTerms(r, 10), idf)
		for _, tc := range []struct {
			name string
			got  Vector
			want Vector
		}{
			{"body", p.Body, Weigh(body, idf)},
			{"title", p.Title, Weigh(d.TitleTerms, idf)},
			{"whole", p.Whole, Weigh(append(append([]string(nil), d.TitleTerms...), body...), idf)},
		} {
			if a, b := tc.got.Dot(other), tc.want.Dot(other); math.Abs(a-b) > 1e-5 {
				t.Fatalf("%s: cosine %v via profile, %v via Weigh", tc.name, a, b)
			}
		}
	}
}
