package story

import (
	"sort"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/represent"
)

// addVec returns a·x + b·y as a sparse vector (IDs sorted), not normalised.
func addVec(x represent.Vector, a float64, y represent.Vector, b float64) represent.Vector {
	out := represent.Vector{IDs: make([]uint64, 0, len(x.IDs)+len(y.IDs)), W: make([]float32, 0, len(x.IDs)+len(y.IDs))}
	i, j := 0, 0
	for i < len(x.IDs) || j < len(y.IDs) {
		switch {
		case j == len(y.IDs) || (i < len(x.IDs) && x.IDs[i] < y.IDs[j]):
			out.IDs = append(out.IDs, x.IDs[i])
			out.W = append(out.W, float32(a*float64(x.W[i])))
			i++
		case i == len(x.IDs) || y.IDs[j] < x.IDs[i]:
			out.IDs = append(out.IDs, y.IDs[j])
			out.W = append(out.W, float32(b*float64(y.W[j])))
			j++
		default:
			out.IDs = append(out.IDs, x.IDs[i])
			out.W = append(out.W, float32(a*float64(x.W[i])+b*float64(y.W[j])))
			i++
			j++
		}
	}
	return out
}

// normalise keeps the CentroidTerms heaviest terms of sum and returns them
// L2-normalised with the norm of what was kept.
func normalise(sum represent.Vector) (represent.Vector, float64) {
	if len(sum.IDs) > CentroidTerms {
		idx := make([]int, len(sum.IDs))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(a, b int) bool {
			wa, wb := sum.W[idx[a]], sum.W[idx[b]]
			if wa != wb {
				return wa > wb
			}
			return sum.IDs[idx[a]] < sum.IDs[idx[b]]
		})
		idx = idx[:CentroidTerms]
		sort.Ints(idx)
		kept := represent.Vector{IDs: make([]uint64, len(idx)), W: make([]float32, len(idx))}
		for k, i := range idx {
			kept.IDs[k], kept.W[k] = sum.IDs[i], sum.W[i]
		}
		sum = kept
	}
	var n float64
	for _, w := range sum.W {
		n += float64(w) * float64(w)
	}
	if n == 0 {
		return represent.Vector{}, 0
	}
	n = sqrt(n)
	out := represent.Vector{IDs: sum.IDs, W: make([]float32, len(sum.W))}
	for i, w := range sum.W {
		out.W[i] = float32(float64(w) / n)
	}
	return out, n
}

// source is the outlet of an article: its Source, else its URL's host.
func source(d *analysis.Doc) string {
	if d.Article.Source != "" {
		return d.Article.Source
	}
	return host(d.Article.URL)
}

// absorb adds one member's contribution to the story's counters: size,
// languages, outlets, time span (at: the member's time; zero leaves the
// span alone), entities, index keys and centroid.
func (s *Story) absorb(d *analysis.Doc, body represent.Vector, keys []string, at time.Time) {
	s.Size++
	if s.Languages == nil {
		s.Languages = map[string]int{}
	}
	if d.Lang != "" {
		s.Languages[d.Lang]++
	}
	if src := source(d); src != "" {
		if s.Outlets == nil {
			s.Outlets = map[string]int{}
		}
		s.Outlets[src]++
	}
	if !at.IsZero() { // zero: an undated member, which leaves the span alone
		if s.FirstSeen.IsZero() || at.Before(s.FirstSeen) {
			s.FirstSeen = at
		}
		if at.After(s.LastSeen) {
			s.LastSeen = at
		}
	}
	var es []Entity
	for _, e := range d.Entities {
		if e.Key != "" {
			es = append(es, Entity{Key: e.Key, Name: e.Name, Kind: string(e.Kind), Count: e.Count})
		}
	}
	s.Entities = mergeEntities(s.Entities, es)
	kc := map[string]int{}
	for _, k := range keys {
		kc[k] = 1
	}
	s.mergeKeys(kc)
	s.Centroid.Vector, s.CentroidNorm = normalise(addVec(s.Centroid.Vector, s.CentroidNorm, body, 1))
}

// combine adds story o's counters to s (a merge); members and exemplars
// are handled by the caller.
func (s *Story) combine(o *Story) {
	s.Size += o.Size
	for l, n := range o.Languages {
		if s.Languages == nil {
			s.Languages = map[string]int{}
		}
		s.Languages[l] += n
	}
	for l, n := range o.Outlets {
		if s.Outlets == nil {
			s.Outlets = map[string]int{}
		}
		s.Outlets[l] += n
	}
	if s.FirstSeen.IsZero() || (!o.FirstSeen.IsZero() && o.FirstSeen.Before(s.FirstSeen)) {
		s.FirstSeen = o.FirstSeen
	}
	if o.LastSeen.After(s.LastSeen) {
		s.LastSeen = o.LastSeen
	}
	s.Entities = mergeEntities(s.Entities, o.Entities)
	s.mergeKeys(o.KeyCount)
	s.Centroid.Vector, s.CentroidNorm = normalise(addVec(s.Centroid.Vector, s.CentroidNorm, o.Centroid.Vector, o.CentroidNorm))
}

// mergeEntities adds the counts of b to a and keeps the MaxEntities most
// mentioned (ties by key).
func mergeEntities(a, b []Entity) []Entity {
	pos := map[string]int{}
	out := append([]Entity(nil), a...)
	for i, e := range out {
		pos[e.Key] = i
	}
	for _, e := range b {
		if i, ok := pos[e.Key]; ok {
			out[i].Count += e.Count
			continue
		}
		pos[e.Key] = len(out)
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	if len(out) > MaxEntities {
		out = out[:MaxEntities]
	}
	return out
}

// mergeKeys adds key counts and recomputes Keys: the MaxKeys keys most
// members carry (ties by key). KeyCount keeps at most 4 × MaxKeys keys.
func (s *Story) mergeKeys(add map[string]int) {
	if s.KeyCount == nil {
		s.KeyCount = map[string]int{}
	}
	for k, n := range add {
		s.KeyCount[k] += n
	}
	ks := make([]string, 0, len(s.KeyCount))
	for k := range s.KeyCount {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if a, b := s.KeyCount[ks[i]], s.KeyCount[ks[j]]; a != b {
			return a > b
		}
		return ks[i] < ks[j]
	})
	if len(ks) > 2*MaxKeys {
		for _, k := range ks[2*MaxKeys:] {
			delete(s.KeyCount, k)
		}
		ks = ks[:2*MaxKeys]
	}
	if len(ks) > MaxKeys {
		ks = ks[:MaxKeys]
	}
	s.Keys = append(s.Keys[:0:0], ks...)
}
