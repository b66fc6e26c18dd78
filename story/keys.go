package story

import (
	"math"
	"sort"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/represent"
)

// Limits of what an article and a story put into the inverted index.
const (
	// ArticleTerms is how many of an article's heaviest terms (TF-IDF, title
	// terms counted twice) become index keys "t:"+term.
	ArticleTerms = 12
	// ArticleEntities is how many of an article's most mentioned entities
	// become index keys "e:"+key.
	ArticleEntities = 6
	// MaxKeys is the number of index keys a story keeps: the keys most of
	// its members carry.
	MaxKeys = 48
	// MaxEntities is the number of main entities a story keeps.
	MaxEntities = 20
	// MaxExemplars is how many members a new article is compared with.
	MaxExemplars = 5
	// CentroidTerms is how many of its heaviest terms a centroid keeps.
	CentroidTerms = 200
)

// Keys returns the inverted-index keys of an analysed article: "t:"+term
// for its ArticleTerms heaviest terms (weight (1 + ln tf)·idf with idf from
// stats, which may be nil) and "e:"+key for its ArticleEntities most
// mentioned entities. Deterministic; cost linear in the article's length.
func Keys(d *analysis.Doc, stats *represent.Stats) []string {
	tf := map[string]int{}
	for _, t := range d.Terms() {
		tf[t]++
	}
	for _, t := range d.TitleTerms {
		tf[t] += 2
	}
	type kw struct {
		k string
		w float64
	}
	ws := make([]kw, 0, len(tf))
	for t, n := range tf {
		if len([]rune(t)) < 2 {
			continue
		}
		w := 1 + math.Log(float64(n))
		if stats != nil {
			w *= stats.IDF(d.Lang, t)
		}
		ws = append(ws, kw{t, w})
	}
	sort.Slice(ws, func(i, j int) bool {
		if ws[i].w != ws[j].w {
			return ws[i].w > ws[j].w
		}
		return ws[i].k < ws[j].k
	})
	var keys []string
	seen := map[string]bool{}
	for i := 0; i < len(ws) && i < ArticleTerms; i++ {
		keys = append(keys, "t:"+ws[i].k)
	}
	n := 0
	for _, e := range d.Entities {
		if n == ArticleEntities {
			break
		}
		k := "e:" + e.Key
		if e.Key == "" || seen[k] {
			continue
		}
		seen[k] = true
		keys = append(keys, k)
		n++
	}
	return keys
}
