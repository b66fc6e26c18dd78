package story

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/newsim/newsim/analysis"
)

// memStore is an in-memory Store for the package's own tests of the
// clustering logic; the SQLite store (package store) is tested against
// the same contract in its package and in cmd/newsim.
type memStore struct {
	docs    map[int64]*analysis.Doc
	when    map[int64]time.Time
	storyOf map[int64]int64
	stories map[int64]*Story
	next    int64
}

func newMemStore() *memStore {
	return &memStore{docs: map[int64]*analysis.Doc{}, when: map[int64]time.Time{}, storyOf: map[int64]int64{}, stories: map[int64]*Story{}}
}

func (m *memStore) add(d *analysis.Doc, at time.Time) int64 {
	id := int64(len(m.docs) + 1)
	m.docs[id] = d
	m.when[id] = at
	return id
}

func (m *memStore) Candidates(ctx context.Context, keys []string, from, to time.Time, limit int) ([]Candidate, error) {
	var out []Candidate
	for id, s := range m.stories {
		if s.LastSeen.Before(from) || s.FirstSeen.After(to) {
			continue
		}
		n := 0
		for _, k := range keys {
			if contains2(s.Keys, k) {
				n++
			}
		}
		if n > 0 {
			out = append(out, Candidate{StoryID: id, Shared: n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Shared != b.Shared {
			return a.Shared > b.Shared
		}
		if la, lb := m.stories[a.StoryID].LastSeen, m.stories[b.StoryID].LastSeen; !la.Equal(lb) {
			return la.After(lb)
		}
		return a.StoryID < b.StoryID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func contains2(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// copyStory round-trips a story the way a persistent store does, so that
// the clusterer never relies on sharing memory with the store.
func copyStory(s *Story) *Story {
	c := *s
	c.Languages = map[string]int{}
	for k, v := range s.Languages {
		c.Languages[k] = v
	}
	c.Outlets = map[string]int{}
	for k, v := range s.Outlets {
		c.Outlets[k] = v
	}
	c.KeyCount = map[string]int{}
	for k, v := range s.KeyCount {
		c.KeyCount[k] = v
	}
	c.Entities = append([]Entity(nil), s.Entities...)
	c.Exemplars = append([]int64(nil), s.Exemplars...)
	c.Keys = append([]string(nil), s.Keys...)
	c.Centroid.Vector.IDs = append([]uint64(nil), s.Centroid.IDs...)
	c.Centroid.Vector.W = append([]float32(nil), s.Centroid.W...)
	return &c
}

func (m *memStore) Story(ctx context.Context, id int64) (*Story, error) {
	s, ok := m.stories[id]
	if !ok {
		return nil, fmt.Errorf("story %d: %w", id, ErrNotFound)
	}
	return copyStory(s), nil
}

func (m *memStore) PutStory(ctx context.Context, s *Story) error {
	if s.ID == 0 {
		m.next++
		s.ID = m.next
	}
	m.stories[s.ID] = copyStory(s)
	return nil
}

func (m *memStore) DeleteStory(ctx context.Context, id int64) error {
	delete(m.stories, id)
	return nil
}

func (m *memStore) SetStory(ctx context.Context, articleID, storyID int64) error {
	if _, ok := m.docs[articleID]; !ok {
		return fmt.Errorf("article %d: %w", articleID, ErrNotFound)
	}
	m.storyOf[articleID] = storyID
	return nil
}

func (m *memStore) MoveMembers(ctx context.Context, from, to int64) error {
	for a, s := range m.storyOf {
		if s == from {
			m.storyOf[a] = to
		}
	}
	return nil
}

func (m *memStore) Members(ctx context.Context, storyID int64) ([]Member, error) {
	var out []Member
	for a, s := range m.storyOf {
		if s == storyID {
			d := m.docs[a]
			out = append(out, Member{ArticleID: a, Title: d.Article.Title, URL: d.Article.URL, Lang: d.Lang, Source: d.Article.Source, Date: When(d, m.when[a])})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Date.Equal(out[j].Date) {
			return out[i].Date.Before(out[j].Date)
		}
		return out[i].ArticleID < out[j].ArticleID
	})
	return out, nil
}

func (m *memStore) Doc(ctx context.Context, id int64) (*analysis.Doc, error) {
	d, ok := m.docs[id]
	if !ok {
		return nil, fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	return d, nil
}

func (m *memStore) Stories(ctx context.Context, since time.Time, lang string, limit int) ([]*Story, error) {
	var out []*Story
	for _, s := range m.stories {
		if s.LastSeen.Before(since) || (lang != "" && s.Languages[lang] == 0) {
			continue
		}
		out = append(out, copyStory(s))
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Size != out[j].Size {
			return out[i].Size > out[j].Size
		}
		return out[i].ID < out[j].ID
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
