package dedup

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/internal/devdata"
	"github.com/newsim/newsim/semeval"
)

// devArticles returns the distinct articles of the dev pairs and the
// pairs themselves, or skips the test when the file is absent.
func devArticles(t testing.TB) ([]article.Article, []semeval.Pair) {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl")
	pairs, _, err := semeval.ReadFile(path)
	if err != nil {
		devdata.Missing(t, "dev data not available: %v", err)
	}
	seen := map[string]bool{}
	var out []article.Article
	for _, p := range pairs {
		for _, a := range []article.Article{p.A, p.B} {
			if !seen[a.Text] {
				seen[a.Text] = true
				out = append(out, a)
			}
		}
	}
	return out, pairs
}

// paragraphs returns the non-blank lines of text.
func paragraphs(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

func shingleSet(a article.Article) []uint64 {
	w := Words(a.Lang, a.Text)
	if len(w) < ShingleWords {
		w = append(Words(a.Lang, a.Title), w...)
	}
	return Shingles(w)
}

func TestSmallEditsStayDuplicates(t *testing.T) {
	arts, _ := devArticles(t)
	edits := []struct {
		name string
		edit func(a article.Article) article.Article
		// minShare is the least share of articles whose edited copy must
		// still be a near-duplicate.
		minShare float64
	}{
		{"changed headline", func(a article.Article) article.Article {
			a.Title = "BREAKING: " + strings.ToUpper(a.Title) + " (updated)"
			return a
		}, 1},
		{"dropped middle paragraph", func(a article.Article) article.Article {
			p := paragraphs(a.Text)
			m := len(p) / 2
			a.Text = strings.Join(append(append([]string{}, p[:m]...), p[m+1:]...), "\n")
			return a
		}, 0.85},
		{"dropped last paragraph and new headline", func(a article.Article) article.Article {
			p := paragraphs(a.Text)
			a.Text = strings.Join(p[:len(p)-1], "\n")
			a.Title = "Update: " + a.Title
			return a
		}, 0.85},
		{"three words changed", func(a article.Article) article.Article {
			w := strings.Fields(a.Text)
			for _, i := range []int{len(w) / 4, len(w) / 2, 3 * len(w) / 4} {
				w[i] = "changed"
			}
			a.Text = strings.Join(w, " ")
			return a
		}, 0.95},
		{"re-wrapped lines and extra spaces", func(a article.Article) article.Article {
			a.Text = strings.Join(strings.Fields(a.Text), "  \n ")
			return a
		}, 1},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			n, dup := 0, 0
			var worst float64 = 1
			for _, a := range arts {
				if len(paragraphs(a.Text)) < 6 || len(strings.Fields(a.Text)) < 150 {
					continue
				}
				b := e.edit(a)
				sa, err1 := Sign(a.Lang, a.Title, a.Text)
				sb, err2 := Sign(b.Lang, b.Title, b.Text)
				if err1 != nil || err2 != nil {
					t.Fatalf("sign: %v %v", err1, err2)
				}
				n++
				j := sa.Jaccard(&sb)
				if j >= Threshold {
					dup++
				}
				worst = min(worst, j)
			}
			if n < 200 {
				t.Fatalf("only %d articles with six paragraphs", n)
			}
			share := float64(dup) / float64(n)
			t.Logf("%d articles: %.1f%% stay near-duplicates (lowest estimate %.2f)", n, 100*share, worst)
			if share < e.minShare {
				t.Errorf("%.1f%% stay near-duplicates, want ≥ %.0f%%", 100*share, 100*e.minShare)
			}
		})
	}
}

func TestDifferentWriteUpsAreNotDuplicates(t *testing.T) {
	_, pairs := devArticles(t)
	flagged, checked := 0, 0
	for _, p := range pairs {
		exact := ExactJaccard(shingleSet(p.A), shingleSet(p.B))
		sa, err1 := Sign(p.A.Lang, p.A.Title, p.A.Text)
		sb, err2 := Sign(p.B.Lang, p.B.Title, p.B.Text)
		if err1 != nil || err2 != nil {
			continue
		}
		checked++
		est := sa.Jaccard(&sb)
		// 0.12 is three standard errors of the estimate at the threshold.
		if exact < Threshold-0.12 && est >= Threshold {
			t.Errorf("pair %s: exact Jaccard %.2f but estimate %.2f flags it", p.ID, exact, est)
		}
		if est >= Threshold {
			flagged++
		}
	}
	t.Logf("%d dev pairs, %d flagged as near-duplicates", checked, flagged)
	if flagged > checked/20 {
		t.Errorf("%d of %d labelled pairs flagged: the dev pairs are mostly separate write-ups", flagged, checked)
	}
}

func TestIndexAgainstBruteForce(t *testing.T) {
	arts, _ := devArticles(t)
	if len(arts) > 400 {
		arts = arts[:400]
	}
	// Add an edited copy of every third article so that there are pairs
	// above the threshold, not only the reposts the dev set happens to hold.
	var all []article.Article
	for i, a := range arts {
		all = append(all, a)
		if p := paragraphs(a.Text); i%3 == 0 && len(p) >= 4 {
			b := a
			b.Text = strings.Join(p[1:], "\n")
			all = append(all, b)
		}
	}
	ix := NewIndex()
	sets := make([][]uint64, len(all))
	sigs := make([]Signature, len(all))
	for i, a := range all {
		sets[i] = shingleSet(a)
		s, err := SignShingles(sets[i])
		if err != nil {
			t.Fatal(err)
		}
		sigs[i] = s
		ix.Add(int64(i), s)
	}
	found := map[[2]int]float64{}
	for i := range all {
		for _, m := range ix.Query(&sigs[i], Threshold) {
			if int(m.ID) > i {
				found[[2]int{i, int(m.ID)}] = m.Jaccard
			}
		}
	}
	var above, aboveFound, clear, clearFound int
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			exact := ExactJaccard(sets[i], sets[j])
			_, ok := found[[2]int{i, j}]
			if exact >= Threshold {
				above++
				if ok {
					aboveFound++
				}
			}
			if exact >= Threshold+0.12 {
				clear++
				if ok {
					clearFound++
				} else {
					t.Errorf("articles %d and %d: exact Jaccard %.2f, not found by the index", i, j, exact)
				}
			}
			if ok && exact < Threshold-0.12 {
				t.Errorf("articles %d and %d: found (estimate %.2f) but exact Jaccard is %.2f", i, j, found[[2]int{i, j}], exact)
			}
		}
	}
	t.Logf("%d articles; %d pairs with exact Jaccard ≥ %.2f, %d found (recall %.3f); %d pairs ≥ %.2f, %d found; %d pairs reported",
		len(all), above, Threshold, aboveFound, float64(aboveFound)/float64(max(above, 1)), clear, Threshold+0.12, clearFound, len(found))
	if above < 50 {
		t.Fatalf("only %d pairs above the threshold: the test needs more", above)
	}
	if float64(aboveFound) < 0.85*float64(above) {
		t.Errorf("recall %d/%d below 85%%", aboveFound, above)
	}
}

func TestSignatureRoundTrip(t *testing.T) {
	s, err := Sign("en", "A title", "One two three four five six seven eight nine ten.")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.MarshalBinary()
	var back Signature
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if back != s {
		t.Error("signature changed in a round trip")
	}
	if err := back.UnmarshalBinary(b[:10]); err == nil {
		t.Error("a 10-byte signature decoded without error")
	}
}

func TestNoWords(t *testing.T) {
	for _, tc := range []struct{ name, title, text string }{
		{"empty", "", ""},
		{"punctuation only", "—", "... !!! ؟"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Sign("en", tc.title, tc.text); !errors.Is(err, ErrNoWords) {
				t.Errorf("err = %v, want ErrNoWords", err)
			}
		})
	}
}

func TestArabicNormalisationMatches(t *testing.T) {
	// The same sentence with and without hamza on alef and diacritics.
	a := "أعلنت الحكومة المصرية اليوم عن خطة جديدة لإصلاح التعليم في المدارس الحكومية"
	b := "اعلنت الحكومة المصرية اليوم عن خطة جديدة لاصلاح التعليم في المدارس الحكوميةَ"
	sa, _ := Sign("ar", "", a)
	sb, _ := Sign("ar", "", b)
	if j := sa.Jaccard(&sb); j != 1 {
		t.Errorf("Jaccard %.2f, want 1 after normalisation", j)
	}
}

func ExampleSign() {
	text := "The central bank raised its main interest rate by half a point on Thursday, " +
		"the third increase this year, citing stubborn inflation in services and housing."
	a, _ := Sign("en", "Bank raises rates", text)
	b, _ := Sign("en", "Rates go up again", text+" Markets fell.")
	c, _ := Sign("en", "Storm hits coast", "A storm brought heavy rain and strong winds to the coast overnight, cutting power to thousands of homes.")
	fmt.Println(a.Jaccard(&b) >= Threshold, a.Jaccard(&c) >= Threshold)
	// Output: true false
}

// BenchmarkSign measures Sign on the dev articles (about 470 words each).
func BenchmarkSign(b *testing.B) {
	arts, _ := devArticles(b)
	words := 0
	for _, a := range arts {
		words += len(strings.Fields(a.Text))
	}
	b.ResetTimer()
	for i := range b.N {
		a := arts[i%len(arts)]
		if _, err := Sign(a.Lang, a.Title, a.Text); err != nil && !errors.Is(err, ErrNoWords) {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(words)/float64(len(arts)), "words/article")
}
