package eval

// Offline learning and measurement for story clustering: the same-story
// threshold learned from labelled pairs, cross-validation folds for
// clustering, and clustering agreement. The serving path (story, store,
// ingest, server) imports none of it: it reads the learned threshold that
// story embeds.

import (
	"fmt"
	"sort"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/story"
)

// SameStory turns a human Overall score into the same-story label: ≤
// SameStoryGold (1.5) same story, ≥ 2.5 different; ok is false in between
// (such pairs are ignored).
func SameStory(overall float64) (same, ok bool) {
	switch {
	case overall <= SameStoryGold:
		return true, true
	case overall >= 2.5:
		return false, true
	}
	return false, false
}

// Sample is one labelled decision: a predicted Overall and the gold label.
type Sample struct {
	Pred float64
	Same bool
}

// LearnThreshold returns the cut on the predicted Overall that maximises
// the same-story F1 over samples. Candidate cuts are the midpoints between
// consecutive distinct predictions (and just above the largest); the
// smallest cut reaching the maximum wins, so the result is deterministic.
// Cost O(n log n).
func LearnThreshold(samples []Sample) (story.Threshold, error) {
	s := append([]Sample(nil), samples...)
	pos := 0
	for _, x := range s {
		if x.Same {
			pos++
		}
	}
	if pos == 0 || pos == len(s) {
		return story.Threshold{}, fmt.Errorf("learning a threshold needs both same-story and different-story pairs (got %d of %d same)", pos, len(s))
	}
	sort.SliceStable(s, func(i, j int) bool { return s[i].Pred < s[j].Pred })
	best := story.Threshold{Pairs: len(s), SamePairs: pos, F1: -1}
	tp, fp := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i].Same {
			tp++
		} else {
			fp++
		}
		if i+1 < len(s) && s[i+1].Pred == s[i].Pred {
			continue
		}
		cut := s[i].Pred + 0.005
		if i+1 < len(s) {
			cut = (s[i].Pred + s[i+1].Pred) / 2
		}
		f1 := 2 * float64(tp) / float64(2*tp+fp+(pos-tp))
		if f1 > best.F1 {
			best.F1, best.Cut = f1, cut
		}
	}
	return best, nil
}

// ThresholdSamples turns labelled pairs and their predicted Overall scores into
// samples, dropping pairs whose gold Overall is between 1.5 and 2.5.
func ThresholdSamples(preds []Prediction) []Sample {
	var out []Sample
	for _, p := range preds {
		if p.Example.Pair.Gold == nil {
			continue
		}
		if same, ok := SameStory(p.Example.Pair.Gold.Overall); ok {
			out = append(out, Sample{Pred: p.Model.Overall, Same: same})
		}
	}
	return out
}

// LearnThresholdFromPairs learns the threshold from k-fold cross-validated
// predictions (CrossValidate with compare.DefaultTrainOptions, folds
// by pair_id): every prediction comes from a model that did not see the
// pair, as the shipped model does not see the articles it clusters.
// Deterministic.
func LearnThresholdFromPairs(examples []*Example, k int) (story.Threshold, error) {
	preds, err := CrossValidate(examples, k, compare.DefaultTrainOptions)
	if err != nil {
		return story.Threshold{}, err
	}
	t, err := LearnThreshold(ThresholdSamples(preds))
	if err != nil {
		return story.Threshold{}, err
	}
	t.Folds = k
	t.Source = fmt.Sprintf("%d-fold cross-validated predictions of the compare model (model version %d) on labelled pairs", k, compare.ModelVersion)
	return t, nil
}

// StoryFold is one cross-validation fold for evaluating clustering honestly:
// a model and a threshold learned without the fold's pairs, and the pairs
// to report on.
type StoryFold struct {
	Index int
	// Comparer uses a model (and background statistics) fitted on the
	// pairs of the other folds only.
	Comparer *compare.Comparer
	// Threshold is learned from out-of-fold predictions of the other
	// folds' pairs: each of those predictions comes from a model that did
	// not see that pair, and no label of this fold is used.
	Threshold story.Threshold
	// Test are this fold's pairs (Fold(pair_id, k) == Index).
	Test []*Example
	// Pairwise counts the same-story decisions on Test made pair by pair
	// (predicted Overall ≤ Threshold.Cut), the reference the clustering is
	// compared with.
	Pairwise map[string]*Counts
}

// StoryFolds fits k folds (by Fold on pair_id) with
// compare.DefaultTrainOptions: k models, each on the other folds' pairs,
// then per fold a threshold from the other folds' out-of-fold predictions.
// Deterministic. Cost: k model fits.
func StoryFolds(examples []*Example, k int) ([]*StoryFold, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validation needs at least 2 folds, got %d", k)
	}
	folds := make([]*StoryFold, k)
	type oof struct {
		fold int
		s    Sample
		lang string
	}
	var preds []oof
	for f := 0; f < k; f++ {
		var train []compare.Labelled
		var docs []*analysis.Doc
		fd := &StoryFold{Index: f, Pairwise: map[string]*Counts{}}
		for _, e := range examples {
			if e.Pair.Gold == nil {
				continue
			}
			if Fold(e.Pair.ID, k) == f {
				fd.Test = append(fd.Test, e)
				continue
			}
			train = append(train, compare.Labelled{A: e.A, B: e.B, Gold: *e.Pair.Gold})
			docs = append(docs, e.A, e.B)
		}
		if len(train) == 0 || len(fd.Test) == 0 {
			return nil, fmt.Errorf("fold %d has %d training and %d test pairs", f, len(train), len(fd.Test))
		}
		opt := compare.DefaultTrainOptions
		m, err := compare.Train(train, compare.FitStats(docs, opt.MinDF), opt)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", f, err)
		}
		fd.Comparer = compare.New(m)
		for _, e := range fd.Test {
			if same, ok := SameStory(e.Pair.Gold.Overall); ok {
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
			return nil, fmt.Errorf("fold %d: %w", fd.Index, err)
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

// Counts tallies same-story decisions against gold labels.
type Counts struct {
	TP, FP, FN, TN int
}

// Add records one decided pair: predicted same story or not, gold same or not.
func (c *Counts) Add(pred, gold bool) {
	switch {
	case pred && gold:
		c.TP++
	case pred && !gold:
		c.FP++
	case !pred && gold:
		c.FN++
	default:
		c.TN++
	}
}

// Pairs is the number of pairs recorded.
func (c Counts) Pairs() int { return c.TP + c.FP + c.FN + c.TN }

// Precision is TP/(TP+FP), 0 when nothing was predicted same.
func (c Counts) Precision() float64 { return countRatio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 0 when no pair is gold same.
func (c Counts) Recall() float64 { return countRatio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall, 0 when both are 0.
func (c Counts) F1() float64 { return countRatio(2*c.TP, 2*c.TP+c.FP+c.FN) }

func countRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// AdjustedRand is the adjusted Rand index of two clusterings of the same
// items (item → cluster label): 1 for identical partitions, about 0 for
// unrelated ones. Items missing from b are ignored. Cost O(n).
func AdjustedRand(a, b map[int64]int64) float64 {
	type cell struct{ x, y int64 }
	nij := map[cell]int{}
	ai, bj := map[int64]int{}, map[int64]int{}
	n := 0
	for item, x := range a {
		y, ok := b[item]
		if !ok {
			continue
		}
		nij[cell{x, y}]++
		ai[x]++
		bj[y]++
		n++
	}
	c2 := func(k int) float64 { return float64(k) * float64(k-1) / 2 }
	var index, sa, sb float64
	for _, k := range nij {
		index += c2(k)
	}
	for _, k := range ai {
		sa += c2(k)
	}
	for _, k := range bj {
		sb += c2(k)
	}
	expected := sa * sb / c2(n)
	max := (sa + sb) / 2
	if max == expected {
		return 1
	}
	return (index - expected) / (max - expected)
}
