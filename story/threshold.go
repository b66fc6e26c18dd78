package story

// Threshold is the learned join decision: an article joins a story when
// the story's score (best predicted Overall against its exemplars, plus
// PerDay × days apart beyond the first day) is ≤ Cut.
type Threshold struct {
	Cut    float64 `json:"cut"`
	PerDay float64 `json:"per_day"`
}

// DefaultThreshold returns the threshold learned from the dev pairs.
func DefaultThreshold() Threshold { return Threshold{Cut: 2.0} }
