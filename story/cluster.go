// Package story groups a stream of analysed articles into stories, online,
// in the spirit of Miranda et al. 2018 ("Multilingual Clustering of
// Streaming News", EMNLP): each new article retrieves candidate stories
// from a recent time window through an inverted index over its heaviest
// terms and its entities, ranks them with the pairwise model's predicted
// Overall score plus a time-distance penalty, and joins the best one if it
// passes a threshold learned from labelled pairs, or starts a new story.
package story

import (
	"context"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/represent"
)

// Clusterer assigns articles to stories. It keeps a bounded cache of
// member profiles; use one Clusterer per store and call it from one
// goroutine at a time.
type Clusterer struct {
	c     *compare.Comparer
	store Store
	opt   Options
	cache *lru.Cache[int64, *represent.Profile] // member profiles, Options.CacheSize
}

// NewClusterer returns a clusterer that scores with c and persists through st.
func NewClusterer(c *compare.Comparer, st Store, opt Options) *Clusterer {
	return &Clusterer{c: c, store: st, opt: opt.withDefaults(), cache: mustLRU(opt.withDefaults().CacheSize)}
}

// Assign puts the stored article articleID (analysed as doc, represented as
// p = c.Profile(doc)) into the best matching story or a new one, and
// returns the story's ID.
func (cl *Clusterer) Assign(ctx context.Context, articleID int64, doc *analysis.Doc, p *represent.Profile) (int64, error) {
	return cl.AssignIn(ctx, cl.store, articleID, doc, p)
}

// AssignIn is Assign through st instead of the clusterer's own store (for
// example a Store bound to the caller's transaction).
func (cl *Clusterer) AssignIn(ctx context.Context, st Store, articleID int64, doc *analysis.Doc, p *represent.Profile) (int64, error) {
	return cl.assign(ctx, st, articleID, doc, p)
}

// mustLRU returns an LRU cache of member profiles, so that the exemplars
// of busy stories stay in memory. Sizes below 1 are taken as 1.
func mustLRU(size int) *lru.Cache[int64, *represent.Profile] {
	c, _ := lru.New[int64, *represent.Profile](max(size, 1))
	return c
}
