// Package ingest is newsim's one ingest pipeline: analyse → profile →
// store with near-duplicate group → assign to a story, all in one store
// transaction, with the story clusterer's rollback bookkeeping. The CLI
// (newsim ingest), the HTTP API (POST /v1/articles) and stream workers all
// ingest through a Pipeline.
//
// Two ways in:
//
//   - Batch: all or nothing. Every article is analysed before anything is
//     written; then one transaction stores them all, or none.
//   - Stream: a source of records of any length. A pool of analysis
//     goroutines feeds one writer that commits in input order, a group of
//     up to Options.MaxGroup analysed articles per transaction; each
//     committed, duplicate or rejected record is reported as an Event.
//
// Memory of a Stream is bounded by the articles in flight (about
// 16·Workers + MaxGroup), not by the length of the input.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/represent"
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/story"
)

// Store is what the pipeline writes to: a story.Store for the clusterer
// outside transactions, plus the article operations. *store.DB is one.
type Store interface {
	story.Store
	// Known reports whether a's URL or content is stored already, and
	// the stored copy's id.
	Known(ctx context.Context, a article.Article) (id int64, known bool, err error)
	// PutAll stores docs in one transaction (all or none), calling
	// assign inside it for every article it inserts.
	PutAll(ctx context.Context, docs []*analysis.Doc, assign store.Assigner) ([]store.PutResult, error)
	// StoriesOf counts the distinct stories the given articles are in now.
	StoriesOf(ctx context.Context, ids []int64) (int, error)
}

// Pipeline ingests into one store. It is safe for concurrent use: commits
// are serialised (the story clusterer takes one writer at a time), analysis
// runs in parallel.
type Pipeline struct {
	st Store
	c  *compare.Comparer
	cl *story.Clusterer
	an *analysis.Analyzer

	mu      sync.Mutex    // serialises Commit
	pending []story.Event // story events of the transaction being committed

	// StoryEvents, when set, receives the story events (created, grew,
	// merged) of each committed transaction, in order, after the commit:
	// a rolled-back transaction reports none.
	StoryEvents func([]story.Event)

	// AfterAssign, when set, is called inside the transaction after each
	// article's story assignment (a test hook for rollback paths).
	AfterAssign func(articleID int64)
}

// New returns a pipeline writing to st, scoring with c, clustering with
// story options opt (whose Events the pipeline takes over: set
// StoryEvents to receive them once committed).
func New(st Store, c *compare.Comparer, opt story.Options) *Pipeline {
	p := &Pipeline{st: st, c: c, an: analysis.New()}
	opt.Events = func(e story.Event) { p.pending = append(p.pending, e) }
	p.cl = story.NewClusterer(c, st, opt)
	return p
}

// Clusterer returns the pipeline's story clusterer (for similar queries
// that share its profile cache).
func (p *Pipeline) Clusterer() *story.Clusterer { return p.cl }

// Analyzed is one analysed article ready to be committed; Profile may be
// nil (Commit computes it).
type Analyzed struct {
	Doc     *analysis.Doc
	Profile *represent.Profile
}

// Analyze analyses a and builds its profile. Cost: one analysis and one
// profile (about 1–5 ms for a news article on one core).
func (p *Pipeline) Analyze(a article.Article) (Analyzed, error) {
	return p.AnalyzeContext(context.Background(), a)
}

// AnalyzeContext is Analyze that stops early, with ctx's error, when ctx
// ends (a request gone or timed out).
func (p *Pipeline) AnalyzeContext(ctx context.Context, a article.Article) (Analyzed, error) {
	d, err := p.an.AnalyzeContext(ctx, a)
	if err != nil {
		return Analyzed{}, err
	}
	return Analyzed{Doc: d, Profile: p.c.Profile(d)}, nil
}

// Commit stores the analysed articles in one transaction, each with its
// near-duplicate group and story: all are committed or, on any error
// (ctx cancelled included), none. After a rollback the clusterer forgets
// what it cached for the articles assigned in the failed transaction,
// since the store may give their IDs to other articles.
func (p *Pipeline) Commit(ctx context.Context, arts []Analyzed) ([]store.PutResult, error) {
	docs := make([]*analysis.Doc, len(arts))
	profiles := make(map[*analysis.Doc]*represent.Profile, len(arts))
	for i, a := range arts {
		docs[i] = a.Doc
		if a.Profile != nil {
			profiles[a.Doc] = a.Profile
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pending = p.pending[:0]
	var assigned []int64
	res, err := p.st.PutAll(ctx, docs, func(ctx context.Context, st story.Store, id int64, d *analysis.Doc) (int64, error) {
		pr := profiles[d]
		if pr == nil {
			pr = p.c.Profile(d)
		}
		sid, err := p.cl.AssignIn(ctx, st, id, d, pr)
		if err == nil {
			assigned = append(assigned, id)
		}
		if p.AfterAssign != nil {
			p.AfterAssign(id)
		}
		return sid, err
	})
	if err != nil {
		p.cl.Forget(assigned...)
		return nil, err
	}
	if p.StoryEvents != nil && len(p.pending) > 0 {
		p.StoryEvents(append([]story.Event(nil), p.pending...))
	}
	return res, nil
}

// AnalysisError is Batch's error for an article that cannot be analysed:
// Index is its position in the batch. It unwraps to the analysis error
// (analysis.ErrEmpty for an article without title and text).
type AnalysisError struct {
	Index int
	Err   error
}

func (e *AnalysisError) Error() string { return fmt.Sprintf("article %d: %v", e.Index, e.Err) }
func (e *AnalysisError) Unwrap() error { return e.Err }

// Batch ingests arts all or nothing: AnalyzeAll, then Commit in one
// transaction. The results are in the order of arts; an article already
// stored (same URL or content) is reported Duplicate with the stored
// copy's id.
func (p *Pipeline) Batch(ctx context.Context, arts []article.Article) ([]store.PutResult, error) {
	analysed, err := p.AnalyzeAll(ctx, arts)
	if err != nil {
		return nil, err
	}
	return p.Commit(ctx, analysed)
}

// AnalyzeAll analyses every article of a batch, on all cores, before
// anything is written. The first failure in input order is returned as an
// *AnalysisError; when ctx ends, ctx's error.
func (p *Pipeline) AnalyzeAll(ctx context.Context, arts []article.Article) ([]Analyzed, error) {
	out := make([]Analyzed, len(arts))
	errs := make([]error, len(arts))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(arts)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := ctx.Err(); err != nil {
					errs[i] = err
					continue
				}
				out[i], errs[i] = p.AnalyzeContext(ctx, arts[i])
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, err := range errs {
		if err != nil {
			return nil, &AnalysisError{Index: i, Err: err}
		}
	}
	return out, nil
}

// errStopped ends a Stream's source after a write failed.
var errStopped = errors.New("ingest stopped")
