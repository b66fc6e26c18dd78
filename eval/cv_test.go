package eval_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/eval"
	"github.com/newsim/newsim/internal/devdata"
	"github.com/newsim/newsim/semeval"
)

// devPairs is the labelled dev data beside the checkout.
var devPairs = filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl")

func loadDev(t testing.TB) []*eval.Example {
	if _, err := os.Stat(devPairs); err != nil {
		devdata.Missing(t, "dev data not found at %s", devPairs)
	}
	pairs, bad, err := semeval.ReadFile(devPairs)
	if err != nil || len(bad) > 0 {
		t.Fatalf("read dev pairs: %v %v", err, bad)
	}
	ex, errs := eval.Analyse(analysis.New(), pairs, nil)
	for _, err := range errs {
		t.Error(err)
	}
	return ex
}

// TestCrossValidatedAccuracy checks the accuracy bar on the dev
// pairs by 5-fold cross-validation: the model beats the TF-IDF baseline by
// at least 0.03 Pearson (Overall) on every language, and Arabic reaches
// 0.78.
func TestCrossValidatedAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-validation over the dev pairs is slow")
	}
	ex := loadDev(t)
	preds, err := eval.CrossValidate(ex, 5, compare.DefaultTrainOptions)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range eval.Table(preds) {
		t.Logf("%-4s n=%4d overall r=%.3f base=%.3f gain=%+.3f  dims=%.2f", r.Lang, r.Pairs, r.Pearson[0], r.BasePearson[0], r.Pearson[0]-r.BasePearson[0], r.Pearson)
		if r.Pearson[0]-r.BasePearson[0] < 0.03 {
			t.Errorf("%s: model Pearson %.3f is not 0.03 above the baseline's %.3f", r.Lang, r.Pearson[0], r.BasePearson[0])
		}
		if r.Lang == "ar" && r.Pearson[0] < 0.78 {
			t.Errorf("ar: model Pearson %.3f < 0.78", r.Pearson[0])
		}
	}
}
