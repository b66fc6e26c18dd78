package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/semeval"
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/version"
)

// ErrNotFound is returned by a Backend for an unknown article or story id.
var ErrNotFound = errors.New("not found")

// Backend is what the store endpoints need: the article store and story
// index (see NewStoreBackend for the one newsim serve uses). Implementations
// must be safe for concurrent use; Ingest must store all of its articles or
// none.
type Backend interface {
	// Ingest stores the articles and groups them into stories.
	Ingest(ctx context.Context, arts []article.Article) ([]Stored, error)
	// Article returns a stored article (ErrNotFound if unknown).
	Article(ctx context.Context, id string) (ArticleOut, error)
	// Delete removes an article (ErrNotFound if unknown).
	Delete(ctx context.Context, id string) error
	// Stories lists stories matching f, biggest and most recent first.
	Stories(ctx context.Context, f StoryFilter) ([]Story, error)
	// Story returns one story and its articles by date (ErrNotFound if unknown).
	Story(ctx context.Context, id string) (Story, []ArticleSummary, error)
	// SimilarTo lists stored articles similar to the stored article id.
	SimilarTo(ctx context.Context, id string, limit int) ([]Similar, error)
	// Similar lists stored articles similar to a (which is not stored).
	Similar(ctx context.Context, a article.Article, limit int) ([]Similar, error)
	// Counts returns how many articles and stories are stored.
	Counts() (articles, stories int)
}

// Stored is one ingested article: its id and the story it joined.
// Duplicate is set when the store already held the article (same URL or
// same content): ID is then the stored copy's id and nothing was written.
type Stored struct {
	ID        string `json:"id"`
	StoryID   string `json:"story_id,omitempty"`
	Duplicate bool   `json:"duplicate,omitempty"`
}

// IngestResult is the answer of POST /v1/articles.
type IngestResult struct {
	Stored []Stored `json:"stored"`
	Count  int      `json:"count"`
}

// ArticleOut is a stored article as GET /v1/articles/{id} returns it. ID
// is the store's id; ExternalID the id the article came with. DuplicateOf names
// the first article of its near-duplicate group, when it has one.
type ArticleOut struct {
	ID          string    `json:"id"`
	ExternalID  string    `json:"external_id"`
	Title       string    `json:"title"`
	Text        string    `json:"text"`
	Lang        string    `json:"lang"`
	Date        time.Time `json:"date,omitzero"`
	URL         string    `json:"url,omitempty"`
	Source      string    `json:"source,omitempty"`
	StoryID     string    `json:"story_id,omitempty"`
	DuplicateOf string    `json:"duplicate_of,omitempty"`
	Ingested    time.Time `json:"ingested,omitzero"`
}

// ArticleSummary is an article without its text, for lists.
type ArticleSummary struct {
	ID         string    `json:"id"`
	ExternalID string    `json:"external_id"` // the id the article came with ("" without one)
	Title      string    `json:"title"`
	Lang       string    `json:"lang,omitempty"`
	Date       time.Time `json:"date,omitzero"`
	Source     string    `json:"source,omitempty"`
	URL        string    `json:"url,omitempty"`
	StoryID    string    `json:"story_id,omitempty"`
}

// Story is a story summary. Langs and Sources are most frequent first;
// Entities are its main names (at most 5). Timeline counts articles per UTC
// day from First to Last (days without articles included; at most the last
// 90 days) for a sparkline. An article without a date counts at its ingest
// time.
type Story struct {
	ID       string     `json:"id"`
	Title    string     `json:"title"`
	Size     int        `json:"size"`
	Langs    []string   `json:"langs"`
	Sources  []string   `json:"sources"`
	Entities []string   `json:"entities"`
	First    time.Time  `json:"first,omitzero"`
	Last     time.Time  `json:"last,omitzero"`
	Timeline []DayCount `json:"timeline"`
}

// DayCount is the number of a story's articles dated on one UTC day.
type DayCount struct {
	Day   string `json:"day"` // YYYY-MM-DD
	Count int    `json:"count"`
}

// StoryFilter selects stories: those with an article dated in [Since,
// Until) (zero = unbounded), in language Lang ("" any) and whose articles'
// titles or texts contain every word of Query ("" any). Limit caps the list.
type StoryFilter struct {
	Since, Until time.Time
	Lang         string
	Query        string
	Limit        int
}

// Similar is one stored article similar to the one asked about, with the
// pair's scores (1 = very similar … 4 = very dissimilar).
type Similar struct {
	Article ArticleSummary `json:"article"`
	Scores  semeval.Scores `json:"scores"`
}

// MaxIngest is the most articles one POST /v1/articles may hold.
const MaxIngest = 10000

func (s *Server) backend(w http.ResponseWriter) Backend {
	if s.cfg.Backend == nil {
		writeError(w, http.StatusServiceUnavailable, "no_store", "this server runs without a store (start it with --store PATH)")
	}
	return s.cfg.Backend
}

func backendErr(what string, err error) error {
	if errors.Is(err, ErrNotFound) {
		return errorf(http.StatusNotFound, "not_found", "%s not found", what)
	}
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	return fmt.Errorf("%s: %w", what, err)
}

// Accepted is the answer of POST /v1/articles on a server that publishes
// to ingest workers (Config.Publisher): 202, the articles are queued.
type Accepted struct {
	Accepted   int `json:"accepted"`   // articles queued for ingest
	Duplicates int `json:"duplicates"` // dropped: published already (same content)
}

func (s *Server) handleIngest(w http.ResponseWriter, r *http.Request) {
	var b Backend
	if s.cfg.Publisher == nil {
		if b = s.backend(w); b == nil {
			return
		}
	}
	var raw json.RawMessage
	if err := readJSON(w, r, &raw); err != nil {
		fail(w, err)
		return
	}
	var ins []*ArticleIn
	trim := strings.TrimLeft(string(raw), " \t\r\n")
	switch {
	case strings.HasPrefix(trim, "["):
		if err := json.Unmarshal(raw, &ins); err != nil {
			fail(w, decodeError(err))
			return
		}
		if len(ins) == 0 {
			fail(w, errorf(http.StatusUnprocessableEntity, "empty_article", "the array holds no articles"))
			return
		}
	case strings.HasPrefix(trim, "{"):
		var one ArticleIn
		if err := json.Unmarshal(raw, &one); err != nil {
			fail(w, decodeError(err))
			return
		}
		ins = []*ArticleIn{&one}
	default:
		fail(w, errorf(http.StatusBadRequest, "bad_json", "want an article object or an array of them"))
		return
	}
	if len(ins) > MaxIngest {
		fail(w, errorf(http.StatusRequestEntityTooLarge, "too_large", "%d articles in one request; the limit is %d", len(ins), MaxIngest))
		return
	}
	// Check every article before storing any: a bad one fails the whole request.
	arts := make([]article.Article, len(ins))
	for i, in := range ins {
		name := "article"
		if len(ins) > 1 || strings.HasPrefix(trim, "[") {
			name = fmt.Sprintf("articles[%d]", i)
		}
		a, err := toArticle(name, in)
		if err != nil {
			fail(w, err)
			return
		}
		if err := article.CheckDate(a.Date); err != nil { // the store keeps years 1678–2261
			fail(w, errorf(http.StatusUnprocessableEntity, "bad_date", "%s: %v; nothing was stored", name, err))
			return
		}
		arts[i] = a
	}
	if s.cfg.Publisher != nil {
		n, dups, err := s.cfg.Publisher.Publish(r.Context(), arts)
		if err != nil {
			fail(w, errorf(http.StatusServiceUnavailable, "queue_unavailable", "publishing for ingest failed after %d articles: %v", n+dups, err))
			return
		}
		writeJSON(w, http.StatusAccepted, Accepted{Accepted: n, Duplicates: dups})
		return
	}
	var stored []Stored
	var err error
	s.work(w, r, func() {
		if stored, err = b.Ingest(r.Context(), arts); err != nil {
			fail(w, backendErr("ingest", err))
		}
	})
	if stored == nil { // answered: busy or an error
		return
	}
	s.metrics.ingested.Add(float64(len(stored)))
	writeJSON(w, http.StatusCreated, IngestResult{Stored: stored, Count: len(stored)})
}

func (s *Server) handleGetArticle(w http.ResponseWriter, r *http.Request) {
	b := s.backend(w)
	if b == nil {
		return
	}
	id := r.PathValue("id")
	a, err := b.Article(r.Context(), id)
	if err != nil {
		fail(w, backendErr(fmt.Sprintf("article %q", id), err))
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) handleDeleteArticle(w http.ResponseWriter, r *http.Request) {
	b := s.backend(w)
	if b == nil {
		return
	}
	id := r.PathValue("id")
	if err := b.Delete(r.Context(), id); err != nil {
		fail(w, backendErr(fmt.Sprintf("article %q", id), err))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// SimilarList is the answer of the similar endpoints.
type SimilarList struct {
	Similar []Similar `json:"similar"`
}

func limitParam(r *http.Request, def, max int) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > max {
		return 0, errorf(http.StatusBadRequest, "bad_request", "limit %q: want a whole number from 1 to %d", v, max)
	}
	return n, nil
}

func (s *Server) handleSimilarStored(w http.ResponseWriter, r *http.Request) {
	b := s.backend(w)
	if b == nil {
		return
	}
	limit, err := limitParam(r, 10, 100)
	if err != nil {
		fail(w, err)
		return
	}
	id := r.PathValue("id")
	sim, err := b.SimilarTo(r.Context(), id, limit)
	if err != nil {
		fail(w, backendErr(fmt.Sprintf("article %q", id), err))
		return
	}
	if sim == nil {
		sim = []Similar{}
	}
	writeJSON(w, http.StatusOK, SimilarList{Similar: sim})
}

func (s *Server) handleSimilarPosted(w http.ResponseWriter, r *http.Request) {
	b := s.backend(w)
	if b == nil {
		return
	}
	limit, err := limitParam(r, 10, 100)
	if err != nil {
		fail(w, err)
		return
	}
	var in ArticleIn
	if err := readJSON(w, r, &in); err != nil {
		fail(w, err)
		return
	}
	a, err := toArticle("article", &in)
	if err != nil {
		fail(w, err)
		return
	}
	var sim []Similar
	done := false
	s.work(w, r, func() {
		if sim, err = b.Similar(r.Context(), a, limit); err != nil {
			fail(w, backendErr("similar", err))
			return
		}
		done = true
	})
	if !done { // answered: busy or an error
		return
	}
	if sim == nil {
		sim = []Similar{}
	}
	writeJSON(w, http.StatusOK, SimilarList{Similar: sim})
}

// StoryList is the answer of GET /v1/stories.
type StoryList struct {
	Stories []Story `json:"stories"`
}

// StoryPage is the answer of GET /v1/stories/{id}.
type StoryPage struct {
	Story    Story            `json:"story"`
	Articles []ArticleSummary `json:"articles"`
}

// parseTime reads a since/until parameter (see store.ParseTime).
func parseTime(name, v string, now time.Time) (time.Time, error) {
	t, err := store.ParseTime(v, now)
	if err != nil {
		return time.Time{}, errorf(http.StatusBadRequest, "bad_request", "%s %q: %v", name, v, err)
	}
	return t, nil
}

func (s *Server) handleListStories(w http.ResponseWriter, r *http.Request) {
	b := s.backend(w)
	if b == nil {
		return
	}
	q := r.URL.Query()
	now := time.Now().UTC()
	var f StoryFilter
	var err error
	if f.Since, err = parseTime("since", q.Get("since"), now); err != nil {
		fail(w, err)
		return
	}
	if f.Until, err = parseTime("until", q.Get("until"), now); err != nil {
		fail(w, err)
		return
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Until.After(f.Since) {
		fail(w, errorf(http.StatusBadRequest, "bad_request", "until (%s) is not after since (%s)", f.Until.Format(time.RFC3339), f.Since.Format(time.RFC3339)))
		return
	}
	f.Lang = strings.ToLower(q.Get("lang"))
	if f.Lang != "" && !isLangCode(f.Lang) {
		fail(w, errorf(http.StatusBadRequest, "bad_request", "lang %q is not an ISO 639-1 code", q.Get("lang")))
		return
	}
	f.Query = strings.TrimSpace(q.Get("q"))
	if f.Limit, err = limitParam(r, 50, 1000); err != nil {
		fail(w, err)
		return
	}
	st, err := b.Stories(r.Context(), f)
	if err != nil {
		fail(w, backendErr("stories", err))
		return
	}
	if st == nil {
		st = []Story{}
	}
	writeJSON(w, http.StatusOK, StoryList{Stories: st})
}

func (s *Server) handleGetStory(w http.ResponseWriter, r *http.Request) {
	b := s.backend(w)
	if b == nil {
		return
	}
	id := r.PathValue("id")
	st, arts, err := b.Story(r.Context(), id)
	if err != nil {
		fail(w, backendErr(fmt.Sprintf("story %q", id), err))
		return
	}
	if arts == nil {
		arts = []ArticleSummary{}
	}
	writeJSON(w, http.StatusOK, StoryPage{Story: st, Articles: arts})
}

// healthChecker is a Backend that can check its store (StoreBackend).
type healthChecker interface {
	Health(ctx context.Context) StoreHealth
}

// Health is the answer of GET /healthz: status "ok" (200), or "error"
// (503) when the store is unusable — its file deleted or replaced under
// the server, or unreadable.
type Health struct {
	Status    string       `json:"status"`
	Store     bool         `json:"store"`
	Articles  int          `json:"articles"`
	Stories   int          `json:"stories"`
	Uptime    string       `json:"uptime"`
	StoreFile *StoreHealth `json:"store_file,omitempty"`
	// Version is what `newsim version --json` prints: build and model.
	Version version.Info `json:"version"`
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	out := Health{Status: "ok", Store: s.cfg.Backend != nil, Uptime: time.Since(s.started).Round(time.Second).String(),
		Version: version.Of(s.cfg.Comparer.Model())}
	status := http.StatusOK
	if hc, ok := s.cfg.Backend.(healthChecker); ok {
		h := hc.Health(r.Context())
		out.StoreFile = &h
		if !h.OK {
			out.Status, status = "error", http.StatusServiceUnavailable
			s.log.Error("store unusable", "path", h.Path, "error", h.Error)
		}
	}
	if s.cfg.Backend != nil {
		out.Articles, out.Stories = s.cfg.Backend.Counts()
	}
	writeJSON(w, status, out)
}
