package story

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
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 0 when no pair is gold same.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall, 0 when both are 0.
func (c Counts) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

func ratio(a, b int) float64 {
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
