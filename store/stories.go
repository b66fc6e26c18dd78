package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/story"
)

// This file implements story.Store over ops (the DB, or a transaction
// inside Put).

// placeholders returns "?,?,…" with n marks.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}

// Candidates implements story.Store: one range scan of the story_keys
// primary key (key, last_seen) per key, limited to stories seen since from,
// joined with the stories' rows for their size and version. In a
// transaction those are remembered, so that Story on a candidate needs no
// further query until the next write.
func (o *ops) Candidates(ctx context.Context, keys []string, from, to time.Time, limit int) ([]story.Candidate, error) {
	if len(keys) == 0 || limit <= 0 {
		return nil, nil
	}
	args := make([]any, 0, len(keys)+3)
	for _, k := range keys {
		args = append(args, k)
	}
	args = append(args, ns(from), ns(to), limit)
	rows, err := o.q.QueryContext(ctx, `SELECT c.story_id, c.shared, s.size, s.version FROM (
		SELECT story_id, COUNT(*) AS shared, MAX(last_seen) AS last FROM story_keys
		WHERE key IN (`+placeholders(len(keys))+`) AND last_seen >= ? AND first_seen <= ?
		GROUP BY story_id ORDER BY shared DESC, last DESC, story_id LIMIT ?) AS c
		JOIN stories AS s ON s.id = c.story_id ORDER BY c.shared DESC, c.last DESC, c.story_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []story.Candidate
	for rows.Next() {
		var c story.Candidate
		var row storyRow
		if err := rows.Scan(&c.StoryID, &c.Shared, &row.size, &row.version); err != nil {
			return nil, err
		}
		out = append(out, c)
		if o.tx {
			if o.rows == nil {
				o.rows = map[int64]storyRow{}
			}
			o.rows[c.StoryID] = row
		}
	}
	return out, rows.Err()
}

// storyRow is the size and version of a stories row.
type storyRow struct {
	size    int
	version int64
}

// wrote forgets the story rows remembered since the last write.
func (o *ops) wrote() { clear(o.rows) }

// Story implements story.Store. Size is the stored member count. A
// decoded story is cached under its version (a random number PutStory
// draws on every write), so a story changed by another process or by a
// rolled-back transaction is never served stale; a hit costs one
// primary-key lookup (none right after Candidates in a transaction) and
// shares the cached story's maps and slices (the caller Clones to change).
func (o *ops) Story(ctx context.Context, id int64) (*story.Story, error) {
	row, ok := o.rows[id]
	if !ok {
		err := o.q.QueryRowContext(ctx, "SELECT size, version FROM stories WHERE id = ?", id).Scan(&row.size, &row.version)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("story %d: %w", id, story.ErrNotFound)
		}
		if err != nil {
			return nil, err
		}
	}
	if e, ok := o.db.stories.Get(id); ok && e.version == row.version {
		s := *e.s
		s.Size = row.size
		return &s, nil
	}
	var blob []byte
	if err := o.q.QueryRowContext(ctx, "SELECT data FROM stories WHERE id = ?", id).Scan(&blob); err != nil {
		return nil, err
	}
	s := new(story.Story)
	if err := decodeInto(blob, s); err != nil {
		return nil, fmt.Errorf("story %d: %w", id, err)
	}
	s.ID, s.Size = id, row.size
	o.db.stories.Add(id, storyEntry{row.version, s})
	c := *s
	return &c, nil
}

// PutStory implements story.Store: it writes the story row and replaces
// its index keys (len(old keys) + len(s.Keys) primary-key operations).
func (o *ops) PutStory(ctx context.Context, s *story.Story) error {
	o.wrote()
	blob, err := encode(s)
	if err != nil {
		return err
	}
	keys := strings.Join(s.Keys, "\n")
	version := rand.Int64()
	if s.ID == 0 {
		if err := o.q.QueryRowContext(ctx, "INSERT INTO stories(size, first_seen, last_seen, keys, data, version) VALUES (?,?,?,?,?,?) RETURNING id",
			s.Size, ns(s.FirstSeen), ns(s.LastSeen), keys, blob, version).Scan(&s.ID); err != nil {
			return err
		}
	} else {
		if err := o.dropKeys(ctx, s.ID); err != nil {
			return err
		}
		if _, err := o.q.ExecContext(ctx, "UPDATE stories SET size = ?, first_seen = ?, last_seen = ?, keys = ?, data = ?, version = ? WHERE id = ?",
			s.Size, ns(s.FirstSeen), ns(s.LastSeen), keys, blob, version, s.ID); err != nil {
			return err
		}
	}
	o.db.stories.Add(s.ID, storyEntry{version, s.Clone()})
	if len(s.Keys) == 0 {
		return nil
	}
	args := make([]any, 0, 4*len(s.Keys))
	var b strings.Builder
	b.WriteString("INSERT INTO story_keys(key, last_seen, first_seen, story_id) VALUES ")
	for i, k := range s.Keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?,?,?,?)")
		args = append(args, k, ns(s.LastSeen), ns(s.FirstSeen), s.ID)
	}
	b.WriteString(" ON CONFLICT DO NOTHING")
	_, err = o.q.ExecContext(ctx, b.String(), args...)
	return err
}

// dropKeys removes the index keys of story id, as recorded in its row. It
// returns an error wrapping ErrNotFound when the story does not exist.
func (o *ops) dropKeys(ctx context.Context, id int64) error {
	var keys string
	var last int64
	err := o.q.QueryRowContext(ctx, "SELECT keys, last_seen FROM stories WHERE id = ?", id).Scan(&keys, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("story %d: %w", id, story.ErrNotFound)
	}
	if err != nil {
		return err
	}
	if keys == "" {
		return nil
	}
	ks := strings.Split(keys, "\n")
	args := make([]any, 0, len(ks)+2)
	args = append(args, id, last)
	for _, k := range ks {
		args = append(args, k)
	}
	_, err = o.q.ExecContext(ctx, "DELETE FROM story_keys WHERE story_id = ? AND last_seen = ? AND key IN ("+placeholders(len(ks))+")", args...)
	return err
}

// DeleteStory implements story.Store.
func (o *ops) DeleteStory(ctx context.Context, id int64) error {
	o.wrote()
	if err := o.dropKeys(ctx, id); err != nil {
		return err
	}
	_, err := o.q.ExecContext(ctx, "DELETE FROM stories WHERE id = ?", id)
	return err
}

// SetStory implements story.Store.
func (o *ops) SetStory(ctx context.Context, articleID, storyID int64) error {
	o.wrote()
	r, err := o.q.ExecContext(ctx, "UPDATE articles SET story_id = ? WHERE id = ?", storyID, articleID)
	if err != nil {
		return err
	}
	if n, err := r.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("article %d: %w", articleID, story.ErrNotFound)
	}
	return err
}

// MoveMembers implements story.Store.
func (o *ops) MoveMembers(ctx context.Context, from, to int64) error {
	o.wrote()
	_, err := o.q.ExecContext(ctx, "UPDATE articles SET story_id = ? WHERE story_id = ?", to, from)
	return err
}

// Members implements story.Store: one range scan of articles(story_id, at).
func (o *ops) Members(ctx context.Context, storyID int64) ([]story.Member, error) {
	rows, err := o.q.QueryContext(ctx, "SELECT id, ext_id, title, COALESCE(url, ''), lang, source, at FROM articles WHERE story_id = ? ORDER BY at, id", storyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []story.Member
	for rows.Next() {
		var m story.Member
		var at int64
		if err := rows.Scan(&m.ArticleID, &m.ExternalID, &m.Title, &m.URL, &m.Lang, &m.Source, &at); err != nil {
			return nil, err
		}
		m.Date = fromNS(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Doc implements story.Store. Docs of committed articles come from a
// bounded LRU cache (DocCacheSize) when present; callers must not modify
// the returned Doc.
func (o *ops) Doc(ctx context.Context, articleID int64) (*analysis.Doc, error) {
	if o.db != nil {
		if d, ok := o.db.cache.Get(articleID); ok {
			return d, nil
		}
	}
	var blob []byte
	err := o.q.QueryRowContext(ctx, "SELECT doc FROM articles WHERE id = ?", articleID).Scan(&blob)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %d: %w", articleID, story.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	d, err := decode(blob)
	if err != nil {
		return nil, fmt.Errorf("article %d: %w", articleID, err)
	}
	if o.db != nil && !o.tx {
		o.db.cache.Add(articleID, d)
	}
	return d, nil
}

// Stories implements story.Store. With lang set, a story qualifies when one
// of its members has that language.
func (o *ops) Stories(ctx context.Context, since time.Time, lang string, limit int) ([]*story.Story, error) {
	from := int64(math.MinInt64)
	if !since.IsZero() {
		from = ns(since)
	}
	q := "SELECT id, size, data FROM stories s WHERE last_seen >= ?"
	args := []any{from}
	if lang != "" {
		q += " AND EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.lang = ?)"
		args = append(args, lang)
	}
	q += " ORDER BY size DESC, last_seen DESC, id"
	if limit > 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := o.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*story.Story
	for rows.Next() {
		var id int64
		var size int
		var blob []byte
		if err := rows.Scan(&id, &size, &blob); err != nil {
			return nil, err
		}
		var s story.Story
		if err := decodeInto(blob, &s); err != nil {
			return nil, fmt.Errorf("story %d: %w", id, err)
		}
		s.ID, s.Size = id, size
		out = append(out, &s)
	}
	return out, rows.Err()
}

// StoryCacheSize is how many decoded stories a DB keeps in memory (LRU).
const StoryCacheSize = 8192

// storyEntry is a cached decoded story and the version it was decoded at.
// The cached story is never changed: Story hands out shallow copies that
// share its maps and slices, and PutStory caches a Clone.
type storyEntry struct {
	version int64
	s       *story.Story
}
