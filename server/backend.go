package server

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/analysis/normalize"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/ingest"
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/story"
)

// StoreBackend is the Backend of newsim serve: the SQLite store (package
// store) with the story clusterer (package story). Reads run concurrently;
// writes (ingest, delete) are serialised, since the clusterer is for one
// writer at a time.
type StoreBackend struct {
	db   *store.DB
	c    *compare.Comparer
	pipe *ingest.Pipeline

	mu sync.Mutex // serialises writes

	// index is every story's summary and search text. It answers list
	// queries while fresh: built at the current write generation (every
	// write through this backend starts a new one) and younger than
	// indexTTL (another process may write the store). Otherwise plain
	// queries go to the store and a rebuild starts in the background;
	// queries the store cannot answer (until, q) rebuild it first.
	indexMu    sync.Mutex // guards index, gen
	index      *storyIndex
	gen        uint64
	buildMu    sync.Mutex // one build at a time
	building   sync.WaitGroup
	buildingOn bool

	countMu  sync.Mutex
	counted  time.Time
	articles int
	stories  int
}

// OpenStore opens (creating if needed) the store file at path for the
// server, with c as the comparer of the story clusterer and of similar.
// Close the returned backend when done.
//
// The file's structure is checked first (store.DB.QuickCheck, which reads
// the whole file): a damaged store is refused, with a pointer to newsim
// check.
func OpenStore(path string, c *compare.Comparer) (*StoreBackend, error) {
	db, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	if err := db.QuickCheck(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("refusing to serve a damaged store: %w", err)
	}
	return &StoreBackend{db: db, c: c, pipe: ingest.New(db, c, story.Options{})}, nil
}

// Close waits for a background index build, then closes the store.
func (b *StoreBackend) Close() error {
	b.building.Wait()
	return b.db.Close()
}

// DB returns the underlying store.
func (b *StoreBackend) DB() *store.DB { return b.db }

// parseID reads an article or story id of a path ("42"); anything else is
// an unknown id (404).
func parseID(what, s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, errorf(http.StatusNotFound, "not_found", "%s %q not found (ids are positive whole numbers)", what, s)
	}
	return id, nil
}

func notFound(err error) error {
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, story.ErrNotFound) {
		return fmt.Errorf("%w: %v", ErrNotFound, err)
	}
	return err
}

// Ingest stores the batch all or nothing through the ingest pipeline
// (ingest.Pipeline.Batch): every article is analysed first (a bad one
// fails the batch with a 422 before anything is written), then all are
// stored in one transaction, each with its near-duplicate group and story.
// If storing fails, or the request ends (timeout, client gone) before the
// batch is committed, the transaction is rolled back, so a failed request
// leaves no record behind. An article already stored (same URL or same
// content) is not stored twice: its entry reports the existing id with
// Duplicate set.
func (b *StoreBackend) Ingest(ctx context.Context, arts []article.Article) ([]Stored, error) {
	analysed, err := b.pipe.AnalyzeAll(ctx, arts)
	var ae *ingest.AnalysisError
	switch {
	case ctx.Err() != nil:
		return nil, fmt.Errorf("request ended during analysis (%w); nothing was stored", ctx.Err())
	case errors.As(err, &ae):
		name := fmt.Sprintf("articles[%d]", ae.Index)
		if len(arts) == 1 {
			name = "article"
		}
		if errors.Is(ae.Err, analysis.ErrEmpty) {
			return nil, errorf(http.StatusUnprocessableEntity, "empty_article", "%s: article has neither title nor text; nothing was stored", name)
		}
		return nil, errorf(http.StatusUnprocessableEntity, "unreadable_article", "%s: %v; nothing was stored", name, ae.Err)
	case err != nil:
		return nil, fmt.Errorf("analysis: %w; nothing was stored", err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.fileOK(); err != nil {
		return nil, err
	}
	// One transaction for the batch: cancelling ctx (request timeout,
	// client gone) or any error rolls all of it back.
	res, err := b.pipe.Commit(ctx, analysed)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("request ended before the batch was stored (%w); nothing was stored", ctx.Err())
		}
		return nil, fmt.Errorf("store: %w; nothing was stored", err)
	}
	out := make([]Stored, len(res))
	for i, r := range res {
		s := Stored{ID: strconv.FormatInt(r.ID, 10), Duplicate: r.Duplicate}
		if r.Story != 0 {
			s.StoryID = strconv.FormatInt(r.Story, 10)
		} else if r.Duplicate {
			if info, _, err := b.db.Article(ctx, r.ID); err == nil && info.Story != 0 {
				s.StoryID = strconv.FormatInt(info.Story, 10)
			}
		}
		out[i] = s
	}
	b.invalidateCounts()
	b.db.CheckpointIfLarge(ctx) // keeps the write-ahead log bounded; a busy log is left for the next batch
	return out, nil
}

// fileOK answers 503 "store_gone" when the store file was deleted or
// replaced under the server (store.DB.CheckFile): a write would go to the
// old, unlinked file and be lost.
func (b *StoreBackend) fileOK() error {
	if err := b.db.CheckFile(); err != nil {
		return errorf(http.StatusServiceUnavailable, "store_gone", "%v; nothing was written", err)
	}
	return nil
}

// StoreHealth is the store part of GET /healthz.
type StoreHealth struct {
	Path  string `json:"path"`
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

// Health checks that the store file is still the one opened
// (store.DB.CheckFile) and that it answers a query.
func (b *StoreBackend) Health(ctx context.Context) StoreHealth {
	h := StoreHealth{Path: b.db.Path(), OK: true}
	err := b.db.CheckFile()
	if err == nil {
		var one int
		err = b.db.SQL().QueryRowContext(ctx, "SELECT 1 FROM articles LIMIT 1").Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
	}
	if err != nil {
		h.OK, h.Error = false, err.Error()
	}
	return h
}

// Article returns a stored article.
func (b *StoreBackend) Article(ctx context.Context, ids string) (ArticleOut, error) {
	id, err := parseID("article", ids)
	if err != nil {
		return ArticleOut{}, err
	}
	info, doc, err := b.db.Article(ctx, id)
	if err != nil {
		return ArticleOut{}, notFound(err)
	}
	out := ArticleOut{
		ID: ids, ExternalID: info.ExtID, Title: doc.Article.Title, Text: doc.Article.Text, Lang: info.Lang,
		Date: info.Date, URL: info.URL, Source: info.Source, Ingested: info.Ingested,
	}
	if info.Story != 0 {
		out.StoryID = strconv.FormatInt(info.Story, 10)
	}
	if info.DupGroup != 0 && info.DupGroup != id {
		out.DuplicateOf = strconv.FormatInt(info.DupGroup, 10)
	}
	return out, nil
}

// Delete removes a stored article (and its story when left empty).
func (b *StoreBackend) Delete(ctx context.Context, ids string) error {
	id, err := parseID("article", ids)
	if err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.fileOK(); err != nil {
		return err
	}
	if err := b.db.Delete(context.WithoutCancel(ctx), id); err != nil {
		return notFound(err)
	}
	b.invalidateCounts()
	return nil
}

// maxTimeline is the most days a story's timeline lists (the last ones).
const maxTimeline = 90

// summary turns a stored story and its members into the API's Story.
func summary(s *story.Story, members []story.Member) Story {
	out := Story{
		ID: strconv.FormatInt(s.ID, 10), Title: s.Title, Size: s.Size,
		Langs: byCount(s.Languages), Sources: byCount(s.Outlets),
		First: s.FirstSeen, Last: s.LastSeen, Entities: []string{}, Timeline: []DayCount{},
	}
	for i, e := range s.Entities {
		if i == 5 {
			break
		}
		out.Entities = append(out.Entities, e.Name)
	}
	if len(members) == 0 {
		return out
	}
	first, last := members[0].Date.UTC(), members[0].Date.UTC()
	perDay := map[string]int{}
	for _, m := range members {
		d := m.Date.UTC()
		if d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
		perDay[d.Format(time.DateOnly)]++
	}
	out.First, out.Last = first, last
	out.Size = len(members)
	day := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, time.UTC)
	if lastDay := time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC); lastDay.Sub(day) >= maxTimeline*24*time.Hour {
		day = lastDay.AddDate(0, 0, -(maxTimeline - 1))
	}
	for ; !day.After(last); day = day.AddDate(0, 0, 1) {
		k := day.Format(time.DateOnly)
		out.Timeline = append(out.Timeline, DayCount{Day: k, Count: perDay[k]})
	}
	return out
}

// byCount lists a count map's keys, most frequent first, then by name.
func byCount(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		if k != "" {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

func memberSummary(m story.Member, storyID int64) ArticleSummary {
	s := ArticleSummary{ID: strconv.FormatInt(m.ArticleID, 10), ExternalID: m.ExternalID, Title: m.Title, Lang: m.Lang, Date: m.Date, Source: m.Source, URL: m.URL}
	if storyID != 0 {
		s.StoryID = strconv.FormatInt(storyID, 10)
	}
	return s
}

// indexTTL is the longest a story index is used; writes through this
// backend rebuild it at once.
const indexTTL = 10 * time.Second

// storyIndex is a snapshot of every story, in the store's order (biggest
// first, then latest), with what the filters need.
type storyIndex struct {
	built   time.Time
	gen     uint64 // write generation it was built at
	entries []indexEntry
}

type indexEntry struct {
	story Story
	langs []string // member languages
	hay   string   // folded, lower-cased titles and main entity names
}

// haystack is the text a story's query matches: its title, its members'
// titles and its main entities, each folded the way its language folds
// (so hamza and alef variants match in Arabic) and lower-cased.
func haystack(s *story.Story, members []story.Member) (string, []string) {
	var hay strings.Builder
	add := func(lang, t string) {
		hay.WriteString(strings.ToLower(normalize.Fold(lang, t)))
		hay.WriteByte('\n')
	}
	seen := map[string]bool{}
	var langs []string
	for _, m := range members {
		add(m.Lang, m.Title)
		if !seen[m.Lang] {
			seen[m.Lang] = true
			langs = append(langs, m.Lang)
		}
	}
	for _, l := range langs {
		add(l, s.Title)
		for _, e := range s.Entities {
			add(l, e.Name)
		}
	}
	return hay.String(), langs
}

// matches reports whether every query word occurs in the entry's
// haystack, folded as one of the story's languages folds it.
func (e *indexEntry) matches(query []string) bool {
	for _, w := range query {
		found := false
		for _, l := range e.langs {
			if strings.Contains(e.hay, strings.ToLower(normalize.Fold(l, w))) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (e *indexEntry) hasLang(lang string) bool {
	for _, l := range e.langs {
		if l == lang {
			return true
		}
	}
	return false
}

// freshIndex returns the index if it is fresh, else nil.
func (b *StoreBackend) freshIndex() *storyIndex {
	b.indexMu.Lock()
	defer b.indexMu.Unlock()
	if b.index != nil && b.index.gen == b.gen && time.Since(b.index.built) < indexTTL {
		return b.index
	}
	return nil
}

// buildIndex builds the story index and installs it. Cost: decoding every
// story and one members query per story.
func (b *StoreBackend) buildIndex(ctx context.Context) (*storyIndex, error) {
	b.buildMu.Lock()
	defer b.buildMu.Unlock()
	if idx := b.freshIndex(); idx != nil { // built while we waited
		return idx, nil
	}
	b.indexMu.Lock()
	gen := b.gen
	b.indexMu.Unlock()
	built := time.Now()
	all, err := b.db.Stories(ctx, time.Time{}, "", 0)
	if err != nil {
		return nil, err
	}
	idx := &storyIndex{built: built, gen: gen, entries: make([]indexEntry, 0, len(all))}
	for _, s := range all {
		members, err := b.db.Members(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		if len(members) == 0 {
			continue
		}
		hay, langs := haystack(s, members)
		idx.entries = append(idx.entries, indexEntry{story: summary(s, members), langs: langs, hay: hay})
	}
	b.indexMu.Lock()
	b.index = idx
	b.indexMu.Unlock()
	return idx, nil
}

// rebuildSoon starts a background index build unless one is running.
func (b *StoreBackend) rebuildSoon() {
	b.indexMu.Lock()
	defer b.indexMu.Unlock()
	if b.buildingOn {
		return
	}
	b.buildingOn = true
	b.building.Add(1)
	go func() {
		defer b.building.Done()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		b.buildIndex(ctx) // on error the next query tries again
		b.indexMu.Lock()
		b.buildingOn = false
		b.indexMu.Unlock()
	}()
}

// Stories lists stories from the story index when it is fresh. Otherwise
// a query without until and q goes to the store (last article ≥ Since, a
// member in Lang, at most Limit: only those stories are read) while the
// index is rebuilt in the background; a query with until or q waits for
// the index.
func (b *StoreBackend) Stories(ctx context.Context, f StoryFilter) ([]Story, error) {
	out := []Story{}
	idx := b.freshIndex()
	if idx == nil && f.Until.IsZero() && f.Query == "" {
		b.rebuildSoon()
		all, err := b.db.Stories(ctx, f.Since, f.Lang, f.Limit)
		if err != nil {
			return nil, err
		}
		for _, s := range all {
			members, err := b.db.Members(ctx, s.ID)
			if err != nil {
				return nil, err
			}
			if len(members) > 0 {
				out = append(out, summary(s, members))
			}
		}
		return out, nil
	}
	if idx == nil {
		var err error
		if idx, err = b.buildIndex(ctx); err != nil {
			return nil, err
		}
	}
	query := strings.Fields(f.Query)
	for i := range idx.entries {
		e := &idx.entries[i]
		switch {
		case f.Limit > 0 && len(out) == f.Limit:
			return out, nil
		case !f.Since.IsZero() && e.story.Last.Before(f.Since),
			!f.Until.IsZero() && !e.story.First.Before(f.Until),
			f.Lang != "" && !e.hasLang(f.Lang),
			len(query) > 0 && !e.matches(query):
			continue
		}
		out = append(out, e.story)
	}
	return out, nil
}

// Story returns a story and its articles, oldest first.
func (b *StoreBackend) Story(ctx context.Context, ids string) (Story, []ArticleSummary, error) {
	id, err := parseID("story", ids)
	if err != nil {
		return Story{}, nil, err
	}
	s, err := b.db.Story(ctx, id)
	if err != nil {
		return Story{}, nil, notFound(err)
	}
	members, err := b.db.Members(ctx, id)
	if err != nil {
		return Story{}, nil, err
	}
	arts := make([]ArticleSummary, len(members))
	for i, m := range members {
		arts[i] = memberSummary(m, id)
	}
	return summary(s, members), arts, nil
}

func hits(hs []story.Hit) []Similar {
	out := make([]Similar, len(hs))
	for i, h := range hs {
		out[i] = Similar{Article: memberSummary(h.Member, h.Story), Scores: h.Scores}
	}
	return out
}

// SimilarTo lists stored articles similar to stored article ids.
func (b *StoreBackend) SimilarTo(ctx context.Context, ids string, limit int) ([]Similar, error) {
	id, err := parseID("article", ids)
	if err != nil {
		return nil, err
	}
	doc, err := b.db.Doc(ctx, id)
	if err != nil {
		return nil, notFound(err)
	}
	hs, err := story.Similar(ctx, b.c, b.db, doc, b.c.Profile(doc), story.SimilarOptions{Limit: limit, Exclude: id})
	if err != nil {
		return nil, err
	}
	return hits(hs), nil
}

// Similar lists stored articles similar to a, which is analysed, not stored.
func (b *StoreBackend) Similar(ctx context.Context, a article.Article, limit int) ([]Similar, error) {
	an, err := b.pipe.AnalyzeContext(ctx, a)
	if ctx.Err() != nil {
		return nil, fmt.Errorf("request ended during analysis: %w", ctx.Err())
	}
	if errors.Is(err, analysis.ErrEmpty) {
		return nil, errorf(http.StatusUnprocessableEntity, "empty_article", "article has neither title nor text")
	}
	if err != nil {
		return nil, errorf(http.StatusUnprocessableEntity, "unreadable_article", "article: %v", err)
	}
	hs, err := story.Similar(ctx, b.c, b.db, an.Doc, an.Profile, story.SimilarOptions{Limit: limit})
	if err != nil {
		return nil, err
	}
	return hits(hs), nil
}

// countsTTL is how long Counts reuses its last count (counting scans an index).
const countsTTL = 5 * time.Second

// Counts returns the numbers of stored articles and stories (at most
// countsTTL old; -1 each if the store cannot be read).
func (b *StoreBackend) Counts() (articles, stories int) {
	b.countMu.Lock()
	defer b.countMu.Unlock()
	if time.Since(b.counted) < countsTTL {
		return b.articles, b.stories
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := b.db.Stats(ctx)
	if err != nil {
		return -1, -1
	}
	b.articles, b.stories, b.counted = int(st.Articles), int(st.Stories), time.Now()
	return b.articles, b.stories
}

func (b *StoreBackend) invalidateCounts() {
	b.countMu.Lock()
	b.counted = time.Time{}
	b.countMu.Unlock()
	b.indexMu.Lock()
	b.gen++
	b.indexMu.Unlock()
}
