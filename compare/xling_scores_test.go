package compare_test

import (
	"path/filepath"
	"testing"
)

// TestSeedCheckScores is the scores half of the seed check: the
// English and the French report of the seeds' meeting rate Overall ≤ 2.0
// against each Arabic seed (the same story across languages), the report
// of a different event with the same actors (Blinken, Biden) ≥ 3.0.
func TestSeedCheckScores(t *testing.T) {
	c := defaultComparer(t)
	tests := []struct {
		report string
		max    float64 // Overall at most
		min    float64 // Overall at least
	}{
		{xling.gantzEN, 2.0, 1},
		{xling.gantzFR, 2.0, 1},
		{xling.otherEN, 4, 3.0},
	}
	for _, tc := range tests {
		r := c.Profile(analyseFile(t, tc.report))
		for _, seed := range seeds {
			s := c.Profile(analyseFile(t, seed))
			for _, o := range []float64{c.Score(r, s).Overall, c.Score(s, r).Overall} {
				if o > tc.max || o < tc.min {
					t.Errorf("%s vs %s: Overall %.2f, want in [%.1f, %.1f]", filepath.Base(tc.report), filepath.Base(seed), o, tc.min, tc.max)
				}
			}
		}
	}
}
