package story

import (
	"context"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/newsim/newsim/analysis"
)

// ErrNotFound is wrapped by Store methods when a story or article does not
// exist.
var ErrNotFound = errors.New("not found")

// Store is everything the clusterer needs from persistence. It is small on
// purpose: an SQLite file implements it today (package store) and a
// server-backed store can implement it later without touching the
// clustering. Article and story IDs are positive int64s assigned by the
// store. Implementations must be safe for use by one goroutine at a time;
// the Clusterer never calls a Store concurrently.
//
// Atomicity: Clusterer.Assign calls several methods in sequence. A store
// that wants "article stored" and "article clustered" to commit together
// passes the clusterer a Store bound to its transaction (see
// Clusterer.AssignIn).
type Store interface {
	// Candidates returns the stories whose index holds at least one of keys
	// and whose [FirstSeen, LastSeen] span overlaps [from, to] (inclusive),
	// most shared keys first, ties broken by later LastSeen, then lower ID;
	// at most limit (limit > 0). Cost: one indexed lookup per key.
	Candidates(ctx context.Context, keys []string, from, to time.Time, limit int) ([]Candidate, error)

	// Story returns the story with the given id, or an error wrapping
	// ErrNotFound. The story may share its maps and slices with the
	// store's cache: callers read it, and Clone it before changing it.
	Story(ctx context.Context, id int64) (*Story, error)

	// PutStory saves s. When s.ID is 0 it creates the story and sets s.ID;
	// otherwise it replaces the stored story. Either way it replaces the
	// story's index entries with s.Keys, valid for [s.FirstSeen, s.LastSeen].
	// Every field of Story must round-trip (the store may keep the struct as
	// JSON beside indexed columns for ID, Size, FirstSeen, LastSeen).
	PutStory(ctx context.Context, s *Story) error

	// DeleteStory removes a story and its index entries. The clusterer calls
	// it only after moving the story's members elsewhere (a merge).
	DeleteStory(ctx context.Context, id int64) error

	// SetStory records that article articleID belongs to story storyID,
	// replacing any earlier story of that article.
	SetStory(ctx context.Context, articleID, storyID int64) error

	// MoveMembers moves every member article of story from into story to.
	MoveMembers(ctx context.Context, from, to int64) error

	// Members returns the member articles of a story, by Date (oldest
	// first), then ArticleID.
	Members(ctx context.Context, storyID int64) ([]Member, error)

	// Doc returns the stored analysis of an article, or an error wrapping
	// ErrNotFound.
	Doc(ctx context.Context, articleID int64) (*analysis.Doc, error)

	// Stories lists the stories with LastSeen ≥ since (zero since: all)
	// that have at least one member in language lang ("" : any), biggest
	// (Size) first, ties by later LastSeen then lower ID; at most limit
	// (0: no limit).
	Stories(ctx context.Context, since time.Time, lang string, limit int) ([]*Story, error)
}

// Candidate is one story found by Store.Candidates.
type Candidate struct {
	StoryID int64
	// Shared is how many of the query keys the story's index holds.
	Shared int
}

// Member is one article of a story as the store keeps it.
type Member struct {
	ArticleID int64 `json:"id"`
	// ExternalID is the id the article came with (its JSON "id", or the
	// name derived from its file), so users can join results to their
	// own records; "" when it came without one.
	ExternalID string `json:"external_id"`
	Title      string `json:"title"`
	URL        string `json:"url"`
	Lang       string `json:"lang"`
	Source     string `json:"source,omitempty"`
	// Date is the article's own date, or its ingest time when it has none.
	Date time.Time `json:"date"`
}

// Story is the summary of one story, kept up to date by the clusterer.
// The store persists it as a whole; only the clusterer writes it.
type Story struct {
	ID int64 `json:"id"`
	// Title is the title of the representative member: the member whose
	// body vector is closest (cosine) to the centroid.
	Title string `json:"title"`
	// Representative is the article ID of that member.
	Representative int64 `json:"representative"`
	// Size is the number of member articles.
	Size int `json:"size"`
	// Languages maps ISO 639-1 code → member count.
	Languages map[string]int `json:"languages"`
	// Outlets maps source (outlet name or URL host) → member count.
	Outlets   map[string]int `json:"outlets"`
	FirstSeen time.Time      `json:"first_seen"`
	LastSeen  time.Time      `json:"last_seen"`
	// Entities are the story's main entities, most mentioned first (at
	// most MaxEntities).
	Entities []Entity `json:"entities"`
	// Centroid is the L2-normalised mean of the members' body TF-IDF
	// vectors, truncated to its CentroidTerms heaviest terms.
	Centroid Centroid `json:"centroid"`
	// CentroidNorm is the L2 norm of the (truncated) sum of the members'
	// body vectors, so that Centroid × CentroidNorm is that sum.
	CentroidNorm float64 `json:"centroid_norm"`
	// Exemplars are the member article IDs a new article is compared with
	// (at most MaxExemplars: the representative, the most recent members
	// and members in other languages).
	Exemplars []int64 `json:"exemplars"`
	// Keys are the story's inverted-index keys (at most MaxKeys): "t:"+term
	// for its heaviest terms and "e:"+entity key for its main entities.
	Keys []string `json:"keys"`
	// KeyCount counts, for the story's most frequent keys (at most
	// 4 × MaxKeys), how many members carry each; Keys are its top MaxKeys.
	KeyCount map[string]int `json:"key_count"`
}

// Entity is one of a story's main entities.
type Entity struct {
	Key   string `json:"key"`
	Name  string `json:"name"`
	Kind  string `json:"kind,omitempty"`
	Count int    `json:"count"`
}

// Clone returns a deep copy of s (maps and slices included), which the
// caller may change without touching s.
func (s *Story) Clone() *Story {
	c := *s
	c.Languages = maps.Clone(s.Languages)
	c.Outlets = maps.Clone(s.Outlets)
	c.KeyCount = maps.Clone(s.KeyCount)
	c.Entities = slices.Clone(s.Entities)
	c.Centroid.IDs = slices.Clone(s.Centroid.IDs)
	c.Centroid.W = slices.Clone(s.Centroid.W)
	c.Exemplars = slices.Clone(s.Exemplars)
	c.Keys = slices.Clone(s.Keys)
	return &c
}
