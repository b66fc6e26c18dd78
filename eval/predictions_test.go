package eval_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/eval"
	"github.com/newsim/newsim/internal/devdata"
	"github.com/newsim/newsim/semeval"
)

// TestWritePredictionsWorstResidualFirst cross-validates the first 60
// Arabic dev pairs (2 folds) and checks the predictions file: one line
// per pair, each pair once, the residual is model − gold Overall, and the
// lines go from the largest |residual| down, so the pairs to read by hand
// come first.
func TestWritePredictionsWorstResidualFirst(t *testing.T) {
	if _, err := os.Stat(devPairs); err != nil {
		devdata.Missing(t, "dev data not found at %s", devPairs)
	}
	all, _, err := semeval.ReadFile(devPairs)
	if err != nil {
		t.Fatal(err)
	}
	var pairs []semeval.Pair
	for _, p := range all {
		if p.A.Lang == "ar" && p.B.Lang == "ar" && p.Gold != nil && len(pairs) < 60 {
			pairs = append(pairs, p)
		}
	}
	ex, errs := eval.Analyse(analysis.New(), pairs, nil)
	for _, err := range errs {
		t.Error(err)
	}
	preds, err := eval.CrossValidate(ex, 2, compare.DefaultTrainOptions)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := eval.WritePredictions(&buf, preds); err != nil {
		t.Fatal(err)
	}
	gold := map[string]float64{}
	for _, p := range pairs {
		gold[p.ID] = p.Gold.Overall
	}
	seen := map[string]bool{}
	prev := math.Inf(1)
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r eval.PredictionRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", len(seen)+1, err)
		}
		g, ok := gold[r.PairID]
		if !ok || seen[r.PairID] {
			t.Fatalf("pair %q unknown or written twice", r.PairID)
		}
		seen[r.PairID] = true
		if r.Lang != "ar" || r.Gold.Overall != g || r.Title1 == "" {
			t.Errorf("pair %s: lang %q, gold %v (want %v), title1 %q", r.PairID, r.Lang, r.Gold.Overall, g, r.Title1)
		}
		if math.Abs(r.Residual-(r.Model.Overall-g)) > 1e-9 {
			t.Errorf("pair %s: residual %v, want model %v − gold %v", r.PairID, r.Residual, r.Model.Overall, g)
		}
		if math.Abs(r.Residual) > prev {
			t.Errorf("pair %s: |residual| %v after %v: not worst first", r.PairID, math.Abs(r.Residual), prev)
		}
		prev = math.Abs(r.Residual)
	}
	if len(seen) != len(pairs) {
		t.Errorf("%d lines for %d pairs", len(seen), len(pairs))
	}
}
