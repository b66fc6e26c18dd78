// Package represent is newsim's represent stage: it turns analysed
// documents into weighted sparse term vectors, once per article, so that
// the compare stage can score many pairs cheaply.
package represent

import (
	"math"
	"slices"
)

// Vector is a sparse vector over hashed terms. IDs are sorted ascending and
// unique; W holds the weight of each ID. Vectors built by this package are
// L2-normalised, so Dot is their cosine. Memory: 12 bytes per non-zero term.
type Vector struct {
	IDs []uint64  `json:"ids"`
	W   []float32 `json:"w"`
}

// Hash is the 64-bit FNV-1a hash of term; it is the term's vector ID.
func Hash(term string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(term); i++ {
		h ^= uint64(term[i])
		h *= 1099511628211
	}
	return h
}

// Dot returns the dot product of v and u in O(len(v)+len(u)). The merge
// advances both sides without unpredictable branches.
func (v Vector) Dot(u Vector) float64 {
	var s float64
	a, b := v.IDs, u.IDs
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		if x == y {
			s += float64(v.W[i]) * float64(u.W[j])
		}
		i += lessEq(x, y)
		j += lessEq(y, x)
	}
	return s
}

// lessEq is 1 if x ≤ y, else 0 (compiled without a branch).
func lessEq(x, y uint64) int {
	var r int
	if x <= y {
		r = 1
	}
	return r
}

// Len is the number of non-zero terms of v.
func (v Vector) Len() int { return len(v.IDs) }

// Weigh builds an L2-normalised vector from term counts: each term weighs
// (1 + ln tf) · idf(term). idf may be nil (all weights 1).
func Weigh(terms []string, idf func(string) float64) Vector {
	ids := make([]uint64, len(terms))
	w := make(map[uint64]float64, len(terms))
	for i, t := range terms {
		h := Hash(t)
		ids[i] = h
		if _, ok := w[h]; !ok {
			w[h] = 1
			if idf != nil {
				w[h] = idf(t)
			}
		}
	}
	return weighIDF(ids, w)
}

// Shared returns the number of terms v and u have in common.
func (v Vector) Shared(u Vector) int {
	n, i, j := 0, 0, 0
	for i < len(v.IDs) && j < len(u.IDs) {
		switch {
		case v.IDs[i] < u.IDs[j]:
			i++
		case v.IDs[i] > u.IDs[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// WeighIDs builds an L2-normalised vector from term IDs (repeats count as
// term frequency), each weighing 1 + ln tf. It sorts ids in place.
// Cost: O(n log n), no allocation beyond the result.
func WeighIDs(ids []uint64) Vector {
	if len(ids) == 0 {
		return Vector{}
	}
	slices.Sort(ids)
	v := Vector{}
	var norm float64
	for i := 0; i < len(ids); {
		j := i
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		w := 1 + math.Log(float64(j-i))
		v.IDs = append(v.IDs, ids[i])
		v.W = append(v.W, float32(w))
		norm += w * w
		i = j
	}
	inv := 1 / math.Sqrt(norm)
	for k := range v.W {
		v.W[k] = float32(float64(v.W[k]) * inv)
	}
	return v
}

// HashBytes is Hash for a byte slice.
func HashBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// Coverage returns the share of v's weight on terms that u also has:
// Σ v.W over shared terms / Σ v.W. It is 1 when every term of v occurs in
// u, whatever else u holds (e.g. how much of a headline another article's
// text covers).
func (v Vector) Coverage(u Vector) float64 {
	var shared, all float64
	i, j := 0, 0
	for i < len(v.IDs) {
		all += float64(v.W[i])
		for j < len(u.IDs) && u.IDs[j] < v.IDs[i] {
			j++
		}
		if j < len(u.IDs) && u.IDs[j] == v.IDs[i] {
			shared += float64(v.W[i])
		}
		i++
	}
	if all == 0 {
		return 0
	}
	return shared / all
}
