package story

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/eval"
	"github.com/newsim/newsim/semeval"
)

// Threshold is the join decision: an article belongs with a story when the
// pairwise model's predicted Overall against one of the story's exemplars
// is ≤ Cut. It is learned from labelled pairs by LearnThreshold, never set
// by hand.
type Threshold struct {
	// Cut is on the predicted Overall scale (1 very similar … 4 very
	// dissimilar).
	Cut float64 `json:"cut"`
	// F1 is the same-story F1 at Cut on the pairs it was learned from
	// (cross-validated predictions, so the model had not seen them).
	F1 float64 `json:"f1"`
	// Pairs is how many decided pairs (gold Overall ≤ 1.5 or ≥ 2.5) it was
	// learned from; Same how many of them are the same story.
	Pairs     int `json:"pairs"`
	SamePairs int `json:"same_pairs"`
	// Folds is the number of cross-validation folds that produced the
	// predictions (0: the predictions were given).
	Folds int `json:"folds,omitempty"`
	// Source says where the predictions came from.
	Source string `json:"source,omitempty"`
}

// Same reports whether a predicted Overall score means "same story".
func (t Threshold) Same(overall float64) bool { return overall <= t.Cut }

//go:embed threshold.json
var thresholdJSON []byte

// DefaultThreshold returns the threshold shipped in threshold.json, learned
// by LearnFromPairs from cross-validated predictions of the compare model on
// the SemEval-2022 dev pairs (regenerate: go test ./story -run
// TestShippedThreshold -update).
func DefaultThreshold() Threshold {
	var t Threshold
	if err := json.Unmarshal(thresholdJSON, &t); err != nil || t.Cut == 0 {
		panic(fmt.Sprintf("story: embedded threshold.json is broken: %v", err))
	}
	return t
}

// Gold turns a human Overall score into the same-story label: ≤ 1.5 same
// story, ≥ 2.5 different; ok is false in between (such pairs are ignored).
func Gold(overall float64) (same, ok bool) {
	switch {
	case overall <= 1.5:
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
func LearnThreshold(samples []Sample) (Threshold, error) {
	s := append([]Sample(nil), samples...)
	pos := 0
	for _, x := range s {
		if x.Same {
			pos++
		}
	}
	if pos == 0 || pos == len(s) {
		return Threshold{}, fmt.Errorf("story: learning a threshold needs both same-story and different-story pairs (got %d of %d same)", pos, len(s))
	}
	sort.SliceStable(s, func(i, j int) bool { return s[i].Pred < s[j].Pred })
	best := Threshold{Pairs: len(s), SamePairs: pos, F1: -1}
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

// Samples turns labelled pairs and their predicted Overall scores into
// samples, dropping pairs whose gold Overall is between 1.5 and 2.5.
func Samples(preds []eval.Prediction) []Sample {
	var out []Sample
	for _, p := range preds {
		if p.Example.Pair.Gold == nil {
			continue
		}
		if same, ok := Gold(p.Example.Pair.Gold.Overall); ok {
			out = append(out, Sample{Pred: p.Model.Overall, Same: same})
		}
	}
	return out
}

// LearnFromPairs learns the threshold from k-fold cross-validated
// predictions (eval.CrossValidate with compare.DefaultTrainOptions, folds
// by pair_id): every prediction comes from a model that did not see the
// pair, as the shipped model does not see the articles it clusters.
// Deterministic.
func LearnFromPairs(examples []*eval.Example, k int) (Threshold, error) {
	preds, err := eval.CrossValidate(examples, k, compare.DefaultTrainOptions)
	if err != nil {
		return Threshold{}, err
	}
	t, err := LearnThreshold(Samples(preds))
	if err != nil {
		return Threshold{}, err
	}
	t.Folds = k
	t.Source = fmt.Sprintf("%d-fold cross-validated predictions of the compare model (model version %d) on labelled pairs", k, compare.ModelVersion)
	return t, nil
}

var _ = semeval.Dimensions
