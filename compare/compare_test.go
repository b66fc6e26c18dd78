package compare_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/internal/devdata"
	"github.com/newsim/newsim/semeval"
)

var seeds = []string{
	filepath.Join("..", "testdata", "seeds", "000_7d9c6d418026c8b1.txt"),
	filepath.Join("..", "testdata", "seeds", "001_5f58f892265ec782.txt"),
}

func analyseFile(t testing.TB, path string) *analysis.Doc {
	t.Helper()
	arts, err := article.ReadFile(path)
	if err != nil || len(arts) != 1 {
		t.Fatalf("read %s: %v (%d articles)", path, err, len(arts))
	}
	d, err := analysis.New().Analyze(arts[0])
	if err != nil {
		t.Fatalf("analyse %s: %v", path, err)
	}
	return d
}

// devPairs reads the labelled dev pairs, skipping the test when they are
// not there.
func devPairs(t testing.TB) []semeval.Pair {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl")
	if _, err := os.Stat(path); err != nil {
		devdata.Missing(t, "dev data not found at %s", path)
	}
	pairs, _, err := semeval.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return pairs
}

func defaultComparer(t testing.TB) *compare.Comparer {
	t.Helper()
	c, err := compare.Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSeedPair checks the bar on the seed pair: one story
// (Overall ≤ 1.5), and Gantz, Sullivan, Blinken and Biden each listed once
// as shared, with their spelling variants.
func TestSeedPair(t *testing.T) {
	c := defaultComparer(t)
	a, b := analyseFile(t, seeds[0]), analyseFile(t, seeds[1])
	r := c.Articles(a, b)
	t.Logf("%s", compare.Summary(r.Scores))
	if r.Scores.Overall > 1.5 {
		t.Errorf("Overall = %.2f, want ≤ 1.5", r.Scores.Overall)
	}
	for _, tc := range []struct {
		person   string
		variants []string // spellings that must be listed
	}{
		{"Gantz", []string{"غانتس", "جانتس"}},
		{"Sullivan", []string{"جيك سوليفان", "جاك سوليفان"}},
		{"Blinken", []string{"بلينكن"}},
		{"Biden", []string{"بايدن"}},
	} {
		var hits []compare.EntityEvidence
		for _, e := range r.Evidence.Entities {
			for _, v := range e.Variants {
				if strings.Contains(v, tc.variants[0]) || (len(tc.variants) > 1 && strings.Contains(v, tc.variants[1])) {
					hits = append(hits, e)
					break
				}
			}
		}
		if len(hits) != 1 {
			t.Errorf("%s: listed %d times, want once: %+v", tc.person, len(hits), hits)
			continue
		}
		if hits[0].In != "both" {
			t.Errorf("%s: in %q, want both", tc.person, hits[0].In)
		}
		all := strings.Join(hits[0].Variants, "|")
		for _, v := range tc.variants {
			if !strings.Contains(all, v) {
				t.Errorf("%s: variants %v lack %q", tc.person, hits[0].Variants, v)
			}
		}
	}
	if len(r.Evidence.Aligned) < 3 {
		t.Errorf("only %d aligned sentences", len(r.Evidence.Aligned))
	}
	if len(r.Evidence.OnlyB) == 0 {
		t.Error("no facts only in B (it reports Lloyd Austin, arms purchases, Lebanon)")
	}
	found := false
	for _, f := range r.Evidence.Framing.A {
		if strings.Contains(f, "العدوان الإسرائيلي") {
			found = true
		}
	}
	if !found {
		t.Errorf("framing of A %v lacks العدوان الإسرائيلي", r.Evidence.Framing.A)
	}
}

// TestUnrelatedPairs checks that dev pairs the annotators found unrelated
// (Overall ≥ 3.5) score Overall ≥ 3 on average, and most of them
// individually.
func TestUnrelatedPairs(t *testing.T) {
	pairs := devPairs(t)
	c := defaultComparer(t)
	an := analysis.New()
	var n, ok int
	var sum float64
	for _, p := range pairs {
		if p.Gold.Overall < 3.5 || n >= 150 {
			continue
		}
		a, errA := an.Analyze(p.A)
		b, errB := an.Analyze(p.B)
		if errA != nil || errB != nil {
			t.Fatalf("pair %s: %v %v", p.ID, errA, errB)
		}
		s := c.Score(c.Profile(a), c.Profile(b))
		n++
		sum += s.Overall
		if s.Overall >= 3 {
			ok++
		}
	}
	mean := sum / float64(n)
	t.Logf("%d unrelated pairs: mean Overall %.2f, %d ≥ 3", n, mean, ok)
	if mean < 3 || float64(ok) < 0.8*float64(n) {
		t.Errorf("unrelated pairs: mean Overall %.2f, %d/%d ≥ 3", mean, ok, n)
	}
}

// TestSlimProfilesScoreTheSame checks the contract of represent.Profile.Slim
// that the story clusterer's cache relies on: scores of slim profiles equal
// the scores of whole ones, to the last bit, on dev pairs of every language.
func TestSlimProfilesScoreTheSame(t *testing.T) {
	pairs := devPairs(t)
	c := defaultComparer(t)
	an := analysis.New()
	perLang := map[string]int{}
	for _, p := range pairs {
		lang := p.A.Lang + "-" + p.B.Lang
		if perLang[lang] >= 25 {
			continue
		}
		a, errA := an.Analyze(p.A)
		b, errB := an.Analyze(p.B)
		if errA != nil || errB != nil {
			continue
		}
		perLang[lang]++
		pa, pb := c.Profile(a), c.Profile(b)
		sa, sb := pa.Slim(), pb.Slim()
		whole, slim := c.Score(pa, pb), c.Score(sa, sb)
		if whole != slim {
			t.Errorf("pair %s (%s): whole profiles score %v, slim %v", p.ID, lang, whole, slim)
		}
		if sa.Doc.Article.Text != "" || sa.Doc.Sentences != nil {
			t.Fatalf("pair %s: slim profile keeps the text or sentences", p.ID)
		}
	}
	if len(perLang) < 6 {
		t.Errorf("only %d language pairs checked: %v", len(perLang), perLang)
	}
}

// TestScoresSymmetric checks that swapping the articles leaves the scores
// unchanged: every signal is symmetric.
func TestScoresSymmetric(t *testing.T) {
	c := defaultComparer(t)
	a, b := c.Profile(analyseFile(t, seeds[0])), c.Profile(analyseFile(t, seeds[1]))
	x, y := c.Score(a, b).Values(), c.Score(b, a).Values()
	for k := range x {
		if math.Abs(x[k]-y[k]) > 1e-9 {
			t.Errorf("%s: Score(a,b) = %v, Score(b,a) = %v", semeval.Dimensions[k], x[k], y[k])
		}
	}
}
