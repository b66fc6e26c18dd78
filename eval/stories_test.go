package eval

import (
	"math"
	"testing"
)

func TestLearnThreshold(t *testing.T) {
	for _, tc := range []struct {
		name    string
		samples []Sample
		cut     float64
		f1      float64
	}{
		{"perfectly separated", []Sample{{1.2, true}, {1.4, true}, {3.0, false}, {3.5, false}}, 2.2, 1},
		{"one overlap costs a false positive", []Sample{{1.2, true}, {1.8, false}, {2.0, true}, {3.0, false}}, 2.5, 0.8},
		{"tied predictions move together", []Sample{{1.5, true}, {1.5, false}, {1.5, true}, {3, false}}, 2.25, 0.8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := LearnThreshold(tc.samples)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got.Cut-tc.cut) > 1e-9 || math.Abs(got.F1-tc.f1) > 1e-9 {
				t.Errorf("cut %.3f F1 %.3f, want cut %.3f F1 %.3f", got.Cut, got.F1, tc.cut, tc.f1)
			}
		})
	}
	if _, err := LearnThreshold([]Sample{{1, true}, {2, true}}); err == nil {
		t.Error("only same-story pairs: want an error")
	}
}

func TestSameStoryBands(t *testing.T) {
	for _, tc := range []struct {
		overall  float64
		same, ok bool
	}{{1, true, true}, {1.5, true, true}, {1.75, false, false}, {2.4, false, false}, {2.5, false, true}, {4, false, true}} {
		if same, ok := SameStory(tc.overall); same != tc.same || ok != tc.ok {
			t.Errorf("SameStory(%v) = %v, %v; want %v, %v", tc.overall, same, ok, tc.same, tc.ok)
		}
	}
}

func TestAdjustedRand(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b map[int64]int64
		want float64
	}{
		{"identical up to labels", map[int64]int64{1: 1, 2: 1, 3: 2, 4: 2}, map[int64]int64{1: 7, 2: 7, 3: 9, 4: 9}, 1},
		{"one split", map[int64]int64{1: 1, 2: 1, 3: 1, 4: 2}, map[int64]int64{1: 1, 2: 1, 3: 3, 4: 2}, 1.0 / 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := AdjustedRand(tc.a, tc.b); math.Abs(got-tc.want) > 1e-6 {
				t.Errorf("got %.6f, want %.6f", got, tc.want)
			}
		})
	}
}
