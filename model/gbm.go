package model

import (
	"fmt"
	"sort"
)

// Trees is a gradient-boosted ensemble of regression trees fitted by least
// squares: y = Base + Rate · Σ tree(x). Prediction costs O(rounds·depth).
type Trees struct {
	Base  float64 `json:"base"`
	Rate  float64 `json:"rate"`
	Trees []Tree  `json:"trees"`

	// flat holds every tree's nodes in one array (children as absolute
	// indexes, leaves with feat < 0), built by Compile for fast Predict.
	flat  []flatNode
	roots []int32
}

type flatNode struct {
	feat        int32
	left, right int32
	thr         float64 // split threshold, or the leaf value
}

// Compile packs the trees into one contiguous array so that Predict walks
// memory in order. Call it once after decoding; Predict works without it,
// only slower. Not safe to call concurrently with Predict.
func (t *Trees) Compile() {
	t.flat, t.roots = nil, nil
	for _, tr := range t.Trees {
		base := int32(len(t.flat))
		t.roots = append(t.roots, base)
		for i := range tr.Feat {
			n := flatNode{feat: int32(tr.Feat[i]), thr: tr.Val[i]}
			if tr.Feat[i] >= 0 {
				n.thr = tr.Thr[i]
				n.left, n.right = base+int32(tr.Left[i]), base+int32(tr.Right[i])
			}
			t.flat = append(t.flat, n)
		}
	}
}

// Tree is a binary regression tree stored as flat arrays: node i splits on
// feature Feat[i] at Thr[i] (x < Thr goes to Left[i], else Right[i]); a node
// with Feat[i] < 0 is a leaf of value Val[i].
type Tree struct {
	Feat  []int     `json:"f"`
	Thr   []float64 `json:"t"`
	Left  []int     `json:"l"`
	Right []int     `json:"r"`
	Val   []float64 `json:"v"`
}

// TreeOptions control FitTrees.
type TreeOptions struct {
	Rounds  int     // number of trees
	Depth   int     // maximum depth of each tree
	Rate    float64 // shrinkage applied to each tree
	MinLeaf int     // fewest training rows in a leaf
}

// DefaultTreeOptions are conservative settings for a thousand rows.
var DefaultTreeOptions = TreeOptions{Rounds: 200, Depth: 3, Rate: 0.05, MinLeaf: 15}

// FitTrees fits a boosted tree ensemble of y on the rows of x. It is
// deterministic. Cost: O(rounds · depth · n · d) after an O(d · n log n) sort.
func FitTrees(x [][]float64, y []float64, opt TreeOptions) (Trees, error) {
	n := len(x)
	if n == 0 || n != len(y) {
		return Trees{}, fmt.Errorf("fit trees: %d rows and %d targets", n, len(y))
	}
	d := len(x[0])
	order := make([][]int, d) // rows sorted by each feature
	for j := 0; j < d; j++ {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]][j] < x[idx[b]][j] })
		order[j] = idx
	}
	var base float64
	for _, v := range y {
		base += v
	}
	base /= float64(n)
	pred := make([]float64, n)
	for i := range pred {
		pred[i] = base
	}
	res := make([]float64, n)
	t := Trees{Base: base, Rate: opt.Rate}
	node := make([]int, n)
	for r := 0; r < opt.Rounds; r++ {
		for i := range res {
			res[i] = y[i] - pred[i]
			node[i] = 0
		}
		tr := growTree(x, res, order, node, opt)
		for i := range pred {
			pred[i] += opt.Rate * tr.predict(x[i])
		}
		t.Trees = append(t.Trees, tr)
	}
	t.Compile()
	return t, nil
}

// growTree grows one tree level by level. node[i] is the tree node row i
// is in; it is updated as nodes split.
func growTree(x [][]float64, res []float64, order [][]int, node []int, opt TreeOptions) Tree {
	maxNodes := 1<<(opt.Depth+1) - 1
	tr := Tree{Feat: []int{-1}, Thr: []float64{0}, Left: []int{-1}, Right: []int{-1}, Val: []float64{0}}
	open := make([]bool, maxNodes) // frontier nodes of this level
	open[0] = true
	sum := make([]float64, maxNodes)
	cnt := make([]int, maxNodes)
	best := make([]float64, maxNodes)
	feat := make([]int, maxNodes)
	thr := make([]float64, maxNodes)
	ls := make([]float64, maxNodes)
	lc := make([]int, maxNodes)
	last := make([]float64, maxNodes)
	for depth := 0; depth < opt.Depth; depth++ {
		for k := range sum {
			sum[k], cnt[k], best[k], feat[k] = 0, 0, 0, -1
		}
		for i, nd := range node {
			sum[nd] += res[i]
			cnt[nd]++
		}
		for j := range order {
			for k := range ls {
				ls[k], lc[k] = 0, 0
			}
			for _, i := range order[j] {
				nd := node[i]
				if !open[nd] {
					continue
				}
				v := x[i][j]
				if c := lc[nd]; c >= opt.MinLeaf && cnt[nd]-c >= opt.MinLeaf && v > last[nd] {
					l, r := ls[nd], sum[nd]-ls[nd]
					gain := l*l/float64(c) + r*r/float64(cnt[nd]-c) - sum[nd]*sum[nd]/float64(cnt[nd])
					if gain > best[nd]+1e-12 {
						best[nd], feat[nd], thr[nd] = gain, j, (v+last[nd])/2
					}
				}
				ls[nd] += res[i]
				lc[nd]++
				last[nd] = v
			}
		}
		split := false
		var opened []int
		for nd := range open {
			if !open[nd] {
				continue
			}
			open[nd] = false
			if cnt[nd] > 0 {
				tr.Val[nd] = sum[nd] / float64(cnt[nd])
			}
			if feat[nd] < 0 {
				continue
			}
			l := len(tr.Feat)
			tr.Feat[nd], tr.Thr[nd], tr.Left[nd], tr.Right[nd] = feat[nd], thr[nd], l, l+1
			for k := 0; k < 2; k++ {
				tr.Feat = append(tr.Feat, -1)
				tr.Thr = append(tr.Thr, 0)
				tr.Left = append(tr.Left, -1)
				tr.Right = append(tr.Right, -1)
				tr.Val = append(tr.Val, 0)
			}
			opened = append(opened, l, l+1)
			split = true
		}
		for i, nd := range node {
			if f := tr.Feat[nd]; f >= 0 {
				if x[i][f] < tr.Thr[nd] {
					node[i] = tr.Left[nd]
				} else {
					node[i] = tr.Right[nd]
				}
			}
		}
		for _, nd := range opened {
			open[nd] = true
		}
		if !split {
			break
		}
	}
	for k := range sum {
		sum[k], cnt[k] = 0, 0
	}
	for i, nd := range node {
		sum[nd] += res[i]
		cnt[nd]++
	}
	for nd := range tr.Feat {
		if tr.Feat[nd] < 0 && cnt[nd] > 0 {
			tr.Val[nd] = sum[nd] / float64(cnt[nd])
		}
	}
	return tr
}

func (t Tree) predict(x []float64) float64 {
	i := 0
	for t.Feat[i] >= 0 {
		if x[t.Feat[i]] < t.Thr[i] {
			i = t.Left[i]
		} else {
			i = t.Right[i]
		}
	}
	return t.Val[i]
}

// Predict returns the ensemble's value for x.
func (t Trees) Predict(x []float64) float64 {
	if t.flat != nil {
		var s float64
		for _, i := range t.roots {
			n := &t.flat[i]
			for n.feat >= 0 {
				if x[n.feat] < n.thr {
					n = &t.flat[n.left]
				} else {
					n = &t.flat[n.right]
				}
			}
			s += n.thr
		}
		return t.Base + t.Rate*s
	}
	s := t.Base
	for _, tr := range t.Trees {
		s += t.Rate * tr.predict(x)
	}
	return s
}
