package story

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// Threshold is the join decision: an article belongs with a story when the
// pairwise model's predicted Overall against one of the story's exemplars
// is ≤ Cut. It is learned from labelled pairs (offline, by package eval:
// eval.LearnThreshold), never set by hand.
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
// by eval.LearnThresholdFromPairs from cross-validated predictions of the compare model on
// the SemEval-2022 dev pairs (regenerate: go test ./story -run
// TestShippedThreshold -update).
func DefaultThreshold() Threshold {
	var t Threshold
	if err := json.Unmarshal(thresholdJSON, &t); err != nil || t.Cut == 0 {
		panic(fmt.Sprintf("story: embedded threshold.json is broken: %v", err))
	}
	return t
}
