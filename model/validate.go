package model

import (
	"fmt"
	"math"
)

// Validation: a model read from a file is checked as a whole before use,
// so that Predict can neither index out of range nor loop. Each Validate
// method returns the first problem found, nil when there is none. Cost:
// linear in the model's size.

// Validate checks that m takes inputs of width features: as many means,
// scales and coefficients as inputs, every value finite, no zero scale.
func (m Linear) Validate(width int) error {
	if len(m.Coef) != width || len(m.Mean) != width || len(m.Scale) != width {
		return fmt.Errorf("linear part has %d coefficients, %d means and %d scales, want %d of each", len(m.Coef), len(m.Mean), len(m.Scale), width)
	}
	if !finite(m.Bias) {
		return fmt.Errorf("linear part: bias is %v", m.Bias)
	}
	for j := 0; j < width; j++ {
		switch {
		case !finite(m.Coef[j]) || !finite(m.Mean[j]):
			return fmt.Errorf("linear part, input %d: coefficient %v, mean %v", j, m.Coef[j], m.Mean[j])
		case !finite(m.Scale[j]) || m.Scale[j] == 0:
			return fmt.Errorf("linear part, input %d: scale %v (want a finite non-zero number)", j, m.Scale[j])
		}
	}
	return nil
}

// Validate checks that every tree of t is a tree over inputs of width
// features: its five arrays of one length (at least one node), every
// split on an input below width with both children in range, and every
// node reached from the root at most once (so no cycle, no shared
// subtree: a prediction visits at most as many nodes as the tree has).
func (t Trees) Validate(width int) error {
	if !finite(t.Base) || !finite(t.Rate) {
		return fmt.Errorf("trees: base %v, rate %v", t.Base, t.Rate)
	}
	total := 0
	for k, tr := range t.Trees {
		if err := tr.validate(width); err != nil {
			return fmt.Errorf("tree %d: %w", k, err)
		}
		total += len(tr.Feat)
		if total > math.MaxInt32 {
			return fmt.Errorf("trees: more than %d nodes", math.MaxInt32)
		}
	}
	return nil
}

func (t Tree) validate(width int) error {
	n := len(t.Feat)
	if n == 0 {
		return fmt.Errorf("no nodes")
	}
	if len(t.Thr) != n || len(t.Left) != n || len(t.Right) != n || len(t.Val) != n {
		return fmt.Errorf("%d features, %d thresholds, %d left and %d right children, %d values: want %d of each", n, len(t.Thr), len(t.Left), len(t.Right), len(t.Val), n)
	}
	seen := make([]bool, n)
	seen[0] = true
	stack := []int{0}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if t.Feat[i] < 0 {
			if !finite(t.Val[i]) {
				return fmt.Errorf("node %d: leaf value %v", i, t.Val[i])
			}
			continue
		}
		if t.Feat[i] >= width {
			return fmt.Errorf("node %d splits on input %d, and the model has %d inputs", i, t.Feat[i], width)
		}
		if !finite(t.Thr[i]) {
			return fmt.Errorf("node %d: threshold %v", i, t.Thr[i])
		}
		for _, c := range []struct {
			side  string
			child int
		}{{"left", t.Left[i]}, {"right", t.Right[i]}} {
			switch {
			case c.child < 0 || c.child >= n:
				return fmt.Errorf("node %d: %s child %d out of range (the tree has %d nodes)", i, c.side, c.child, n)
			case seen[c.child]:
				return fmt.Errorf("node %d: %s child %d is reached twice (a cycle or a shared subtree)", i, c.side, c.child)
			}
			seen[c.child] = true
			stack = append(stack, c.child)
		}
	}
	return nil
}

// Validate checks both parts of e for inputs of width features and its
// blend and calibration: TreeWeight in [0, 1], Scale finite and positive,
// Shift finite.
func (e Ensemble) Validate(width int) error {
	if err := e.Linear.Validate(width); err != nil {
		return err
	}
	if !(e.TreeWeight >= 0 && e.TreeWeight <= 1) {
		return fmt.Errorf("tree weight %v (want 0 to 1)", e.TreeWeight)
	}
	if err := e.Trees.Validate(width); err != nil {
		return err
	}
	if !finite(e.Scale) || e.Scale <= 0 || !finite(e.Shift) {
		return fmt.Errorf("calibration: scale %v, shift %v (want a positive scale)", e.Scale, e.Shift)
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
