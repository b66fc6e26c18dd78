package story

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/represent"
	"github.com/newsim/newsim/semeval"
)

// SimilarOptions tune Similar. The zero value means the defaults.
type SimilarOptions struct {
	// Limit is the most hits returned; default 20.
	Limit int
	// Exclude is a stored article ID left out of the hits (the article
	// itself when it is stored); 0 excludes nothing.
	Exclude int64
	// Window bounds the candidate stories around the article's own date
	// (default 30 days); an article without a date searches all time.
	Window time.Duration
	// PerStory is the most members scored per candidate story, newest
	// first; default 50.
	PerStory int
}

// Hit is one stored article found by Similar.
type Hit struct {
	Member
	// Story is the ID of the story the stored article belongs to.
	Story int64 `json:"story"`
	// Scores are the pairwise model's seven predicted scores of the query
	// article against this one (1 very similar … 4 very dissimilar).
	Scores semeval.Scores `json:"scores"`
}

// Similar finds stored articles that cover the same story as an article
// (analysed as doc, represented as p = c.Profile(doc)), most similar
// (lowest predicted Overall) first, ties by article ID. Retrieval: the
// inverted index gives up to MaxCandidates stories sharing keys, the
// MaxScored nearest by centroid cosine are kept, and up to PerStory of each
// one's members are scored with c.Score. Cost: one index lookup and at most
// MaxScored × PerStory pairwise scores.
func Similar(ctx context.Context, c *compare.Comparer, st Store, doc *analysis.Doc, p *represent.Profile, opt SimilarOptions) ([]Hit, error) {
	if doc == nil || p == nil {
		return nil, fmt.Errorf("similar: no analysed article")
	}
	if opt.Limit <= 0 {
		opt.Limit = 20
	}
	if opt.Window <= 0 {
		opt.Window = 30 * 24 * time.Hour
	}
	if opt.PerStory <= 0 {
		opt.PerStory = 50
	}
	keys := Keys(doc, c.Model().Stats)
	if len(keys) == 0 {
		return nil, nil
	}
	from, to := allTime()
	if t := doc.Article.Date; !t.IsZero() {
		from, to = t.Add(-opt.Window), t.Add(opt.Window)
	}
	cands, err := st.Candidates(ctx, keys, from, to, MaxCandidates)
	if err != nil {
		return nil, fmt.Errorf("similar: candidates: %w", err)
	}
	type sc struct {
		s   *Story
		cos float64
	}
	var stories []sc
	for _, cd := range cands {
		s, err := st.Story(ctx, cd.StoryID)
		if err != nil {
			return nil, fmt.Errorf("similar: story %d: %w", cd.StoryID, err)
		}
		stories = append(stories, sc{s, p.Body.Dot(s.Centroid.Vector)})
	}
	sort.SliceStable(stories, func(i, j int) bool { return stories[i].cos > stories[j].cos })
	if len(stories) > MaxScored {
		stories = stories[:MaxScored]
	}
	var hits []Hit
	for _, s := range stories {
		ms, err := st.Members(ctx, s.s.ID)
		if err != nil {
			return nil, fmt.Errorf("similar: members of story %d: %w", s.s.ID, err)
		}
		if len(ms) > opt.PerStory {
			ms = ms[len(ms)-opt.PerStory:]
		}
		for _, m := range ms {
			if m.ArticleID == opt.Exclude {
				continue
			}
			d, err := st.Doc(ctx, m.ArticleID)
			if err != nil {
				return nil, fmt.Errorf("similar: article %d: %w", m.ArticleID, err)
			}
			hits = append(hits, Hit{Member: m, Story: s.s.ID, Scores: c.Score(p, c.Profile(d))})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Scores.Overall != hits[j].Scores.Overall {
			return hits[i].Scores.Overall < hits[j].Scores.Overall
		}
		return hits[i].ArticleID < hits[j].ArticleID
	})
	if len(hits) > opt.Limit {
		hits = hits[:opt.Limit]
	}
	return hits, nil
}
