package server

import (
	"context"
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
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/story"
)

// StoreBackend is the Backend of newsim serve: the SQLite store (package
// store) with the story clusterer (package story). Reads run concurrently;
// writes (ingest, delete) are serialised, since the clusterer is for one
// writer at a time.
type StoreBackend struct {
	db *store.DB
	c  *compare.Comparer
	cl *story.Clusterer
	an *analysis.Analyzer

	mu sync.Mutex // serialises writes

	countMu  sync.Mutex
	counted  time.Time
	articles int
	stories  int
}

// OpenStore opens (creating if needed) the store file at path for the
// server, with c as the comparer of the story clusterer and of similar.
// Close the returned backend when done.
func OpenStore(path string, c *compare.Comparer) (*StoreBackend, error) {
	db, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	return &StoreBackend{db: db, c: c, cl: story.NewClusterer(c, db, story.Options{}), an: analysis.New()}, nil
}

// Close closes the store.
func (b *StoreBackend) Close() error { return b.db.Close() }

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

// Ingest analyses every article first (a bad one fails the batch with a
// 422 before anything is written), then stores them in order, each in one
// store transaction with its near-duplicate group and story. If storing
// fails part-way, or the request ends (timeout, client gone) before the
// batch is done, the articles of this batch already stored are deleted
// again, so a failed request leaves no record behind. An article already
// stored (same URL or same content) is not stored twice: its entry reports
// the existing id with Duplicate set.
func (b *StoreBackend) Ingest(ctx context.Context, arts []article.Article) ([]Stored, error) {
	docs := make([]*analysis.Doc, len(arts))
	for i, a := range arts {
		d, err := b.an.Analyze(a)
		name := fmt.Sprintf("articles[%d]", i)
		if len(arts) == 1 {
			name = "article"
		}
		if errors.Is(err, analysis.ErrEmpty) {
			return nil, errorf(http.StatusUnprocessableEntity, "empty_article", "%s: article has neither title nor text; nothing was stored", name)
		}
		if err != nil {
			return nil, errorf(http.StatusUnprocessableEntity, "unreadable_article", "%s: %v; nothing was stored", name, err)
		}
		docs[i] = d
	}
	assign := func(ctx context.Context, st story.Store, id int64, d *analysis.Doc) (int64, error) {
		return b.cl.AssignIn(ctx, st, id, d, b.c.Profile(d))
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]Stored, 0, len(docs))
	var added []int64
	undo := func() {
		for _, id := range added {
			b.db.Delete(context.WithoutCancel(ctx), id)
		}
	}
	for i, d := range docs {
		if err := ctx.Err(); err != nil { // the request timed out or was dropped
			undo()
			return nil, fmt.Errorf("stopped before articles[%d] (%w); nothing was stored", i, err)
		}
		// One Put is never cancelled half-way: each article is committed
		// whole, and the batch is finished or undone.
		res, err := b.db.Put(context.WithoutCancel(ctx), d, assign)
		if err != nil {
			undo()
			return nil, fmt.Errorf("store articles[%d]: %w; nothing was stored", i, err)
		}
		if !res.Duplicate {
			added = append(added, res.ID)
		}
		s := Stored{ID: strconv.FormatInt(res.ID, 10), Duplicate: res.Duplicate}
		if res.Story != 0 {
			s.StoryID = strconv.FormatInt(res.Story, 10)
		} else if res.Duplicate {
			if info, _, err := b.db.Article(ctx, res.ID); err == nil && info.Story != 0 {
				s.StoryID = strconv.FormatInt(info.Story, 10)
			}
		}
		out = append(out, s)
	}
	b.invalidateCounts()
	return out, nil
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
		ID: ids, ExtID: info.ExtID, Title: doc.Article.Title, Text: doc.Article.Text, Lang: info.Lang,
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
	s := ArticleSummary{ID: strconv.FormatInt(m.ArticleID, 10), Title: m.Title, Lang: m.Lang, Date: m.Date, Source: m.Source, URL: m.URL}
	if storyID != 0 {
		s.StoryID = strconv.FormatInt(storyID, 10)
	}
	return s
}

// matches reports whether every word of the query occurs in the story's
// title, its members' titles or its main entities, compared after each
// language's folding (so hamza and alef variants match in Arabic) and
// lower-casing.
func matches(query []string, s *story.Story, members []story.Member) bool {
	var hay strings.Builder
	add := func(lang, t string) {
		hay.WriteString(strings.ToLower(normalize.Fold(lang, t)))
		hay.WriteByte('\n')
	}
	langs := map[string]bool{}
	for _, m := range members {
		add(m.Lang, m.Title)
		langs[m.Lang] = true
	}
	for l := range langs {
		add(l, s.Title)
		for _, e := range s.Entities {
			add(l, e.Name)
		}
	}
	h := hay.String()
	for _, w := range query {
		found := false
		for l := range langs {
			if strings.Contains(h, strings.ToLower(normalize.Fold(l, w))) {
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

// Stories lists stories: the store selects by last article ≥ Since and
// language; Until (first article before it) and the text query are
// applied here on the members.
func (b *StoreBackend) Stories(ctx context.Context, f StoryFilter) ([]Story, error) {
	limit := f.Limit
	if !f.Until.IsZero() || f.Query != "" {
		limit = 0 // filtered below
	}
	all, err := b.db.Stories(ctx, f.Since, f.Lang, limit)
	if err != nil {
		return nil, err
	}
	query := strings.Fields(f.Query)
	out := []Story{}
	for _, s := range all {
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
		if !f.Until.IsZero() && !s.FirstSeen.Before(f.Until) {
			continue
		}
		members, err := b.db.Members(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		if len(members) == 0 {
			continue
		}
		if len(query) > 0 && !matches(query, s, members) {
			continue
		}
		out = append(out, summary(s, members))
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
	doc, err := b.an.Analyze(a)
	if errors.Is(err, analysis.ErrEmpty) {
		return nil, errorf(http.StatusUnprocessableEntity, "empty_article", "article has neither title nor text")
	}
	if err != nil {
		return nil, errorf(http.StatusUnprocessableEntity, "unreadable_article", "article: %v", err)
	}
	hs, err := story.Similar(ctx, b.c, b.db, doc, b.c.Profile(doc), story.SimilarOptions{Limit: limit})
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
}
