package story_test

// Tests on the labelled dev pairs. They live in the external test package
// because they use package eval (the offline learning), which imports
// story: story itself imports no evaluation code.

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/analysis/entity"
	"github.com/newsim/newsim/eval"
	"github.com/newsim/newsim/internal/devdata"
	"github.com/newsim/newsim/represent"
	"github.com/newsim/newsim/semeval"
	"github.com/newsim/newsim/story"
)

var update = flag.Bool("update", false, "rewrite threshold.json from the dev pairs")

// devPath is the labelled dev pairs file, outside the repository.
func devPath(t testing.TB) string {
	p := filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl")
	if _, err := os.Stat(p); err != nil {
		devdata.Missing(t, "dev pairs not available: %v", err)
	}
	return p
}

// devExamples analyses the first n labelled dev pairs (n ≤ 0: all), in
// parallel.
func devExamples(t testing.TB, n int) []*eval.Example {
	t.Helper()
	pairs, _, err := semeval.ReadFile(devPath(t))
	if err != nil {
		t.Fatal(err)
	}
	if n > 0 && n < len(pairs) {
		pairs = pairs[:n]
	}
	ex, _ := eval.Analyse(analysis.New(), pairs, nil)
	return eval.Labelled(ex)
}

// uniqueDocs returns the distinct articles of the examples (by text).
func uniqueDocs(ex []*eval.Example) []*analysis.Doc {
	seen := map[string]bool{}
	var out []*analysis.Doc
	for _, e := range ex {
		for _, d := range []*analysis.Doc{e.A, e.B} {
			if !seen[d.Article.Text] {
				seen[d.Article.Text] = true
				out = append(out, d)
			}
		}
	}
	return out
}

// TestShippedThreshold relearns the threshold from the dev pairs and
// checks it equals the shipped threshold.json (reproducible); with -update
// it rewrites the file.
func TestShippedThreshold(t *testing.T) {
	if testing.Short() {
		t.Skip("relearning needs the whole dev set")
	}
	if _, cities, err := entity.GazetteerStatus(); err != nil || cities == 0 {
		t.Fatalf("the shipped cut was learned with the embedded GeoNames city names, which did not load (%v, %d cities): a broken build of analysis/entity/geonames.tsv.gz", err, cities)
	}
	ex := devExamples(t, 0)
	got, err := eval.LearnThresholdFromPairs(ex, 5)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile("threshold.json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote threshold.json: %+v", got)
		return
	}
	want := story.DefaultThreshold()
	// The cut is a midpoint between two predictions, so it moves with the
	// last bits of floating-point sums; 0.001 on the 1–4 scale is far below
	// any decision that matters.
	if math.Abs(got.Cut-want.Cut) > 1e-3 || got.Pairs != want.Pairs || math.Abs(got.F1-want.F1) > 1e-9 {
		t.Fatalf("relearned %+v, shipped %+v: run go test ./story -run TestShippedThreshold -update", got, want)
	}
}

// benchAssign measures Assign through st over the distinct dev articles
// (about 2,500): the first half fills the window (all articles share one
// day, so every story is in the window: about 1,000 stories), then
// articles of the second half are assigned, cycling (a repeat is a
// retitled copy, so later rounds also measure joining). Storing the article
// (add) is not timed.
func benchAssign(b *testing.B, st story.Store, add func(*analysis.Doc) int64) {
	c := story.TestComparer(b)
	docs := uniqueDocs(devExamples(b, 0))
	profs := make([]*represent.Profile, len(docs))
	for i, d := range docs {
		profs[i] = c.Profile(d)
	}
	cl := story.NewClusterer(c, st, story.Options{Now: func() time.Time { return story.T0 }})
	ctx := context.Background()
	half := len(docs) / 2
	for i := 0; i < half; i++ {
		if _, err := cl.Assign(ctx, add(docs[i]), docs[i], profs[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := half + i%(len(docs)-half)
		b.StopTimer()
		d := docs[k]
		if round := i / (len(docs) - half); round > 0 {
			c := *d // a repeat: a new copy with its own content hash
			c.Article.Title = fmt.Sprintf("%s (%d)", c.Article.Title, round)
			d = &c
		}
		id := add(d)
		b.StartTimer()
		if _, err := cl.Assign(ctx, id, d, profs[k]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
