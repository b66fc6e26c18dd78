package story

import (
	"fmt"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/eval"
)

// Fold is one cross-validation fold for evaluating clustering honestly:
// a model and a threshold learned without the fold's pairs, and the pairs
// to report on.
type Fold struct {
	Index int
	// Comparer uses a model (and background statistics) fitted on the
	// pairs of the other folds only.
	Comparer *compare.Comparer
	// Threshold is learned from out-of-fold predictions of the other
	// folds' pairs: each of those predictions comes from a model that did
	// not see that pair, and no label of this fold is used.
	Threshold Threshold
	// Test are this fold's pairs (eval.Fold(pair_id, k) == Index).
	Test []*eval.Example
	// Pairwise counts the same-story decisions on Test made pair by pair
	// (predicted Overall ≤ Threshold.Cut), the reference the clustering is
	// compared with.
	Pairwise map[string]*Counts
}

// Folds fits k folds (by eval.Fold on pair_id) with
// compare.DefaultTrainOptions: k models, each on the other folds' pairs,
// then per fold a threshold from the other folds' out-of-fold predictions.
// Deterministic. Cost: k model fits.
func Folds(examples []*eval.Example, k int) ([]*Fold, error) {
	if k < 2 {
		return nil, fmt.Errorf("story: cross-validation needs at least 2 folds, got %d", k)
	}
	folds := make([]*Fold, k)
	type oof struct {
		fold int
		s    Sample
		lang string
	}
	var preds []oof
	for f := 0; f < k; f++ {
		var train []compare.Labelled
		var docs []*analysis.Doc
		fd := &Fold{Index: f, Pairwise: map[string]*Counts{}}
		for _, e := range examples {
			if e.Pair.Gold == nil {
				continue
			}
			if eval.Fold(e.Pair.ID, k) == f {
				fd.Test = append(fd.Test, e)
				continue
			}
			train = append(train, compare.Labelled{A: e.A, B: e.B, Gold: *e.Pair.Gold})
			docs = append(docs, e.A, e.B)
		}
		if len(train) == 0 || len(fd.Test) == 0 {
			return nil, fmt.Errorf("story: fold %d has %d training and %d test pairs", f, len(train), len(fd.Test))
		}
		opt := compare.DefaultTrainOptions
		m, err := compare.Train(train, compare.FitStats(docs, opt.MinDF), opt)
		if err != nil {
			return nil, fmt.Errorf("story: fold %d: %w", f, err)
		}
		fd.Comparer = compare.New(m)
		for _, e := range fd.Test {
			if same, ok := Gold(e.Pair.Gold.Overall); ok {
				o := fd.Comparer.Score(fd.Comparer.Profile(e.A), fd.Comparer.Profile(e.B)).Overall
				preds = append(preds, oof{f, Sample{o, same}, PairLang(e.A, e.B)})
			}
		}
		folds[f] = fd
	}
	for _, fd := range folds {
		var train []Sample
		for _, p := range preds {
			if p.fold != fd.Index {
				train = append(train, p.s)
			}
		}
		t, err := LearnThreshold(train)
		if err != nil {
			return nil, fmt.Errorf("story: fold %d: %w", fd.Index, err)
		}
		t.Folds = k
		t.Source = fmt.Sprintf("out-of-fold predictions of folds other than %d", fd.Index)
		fd.Threshold = t
		for _, p := range preds {
			if p.fold != fd.Index {
				continue
			}
			for _, l := range []string{p.lang, "all"} {
				if fd.Pairwise[l] == nil {
					fd.Pairwise[l] = &Counts{}
				}
				fd.Pairwise[l].Add(t.Same(p.s.Pred), p.s.Same)
			}
		}
	}
	return folds, nil
}

// PairLang is the language key of a pair: "ar", or "de-en" across
// languages.
func PairLang(a, b *analysis.Doc) string {
	if a.Lang == b.Lang {
		return a.Lang
	}
	return a.Lang + "-" + b.Lang
}
