package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/golang/snappy"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/dedup"
	"github.com/newsim/newsim/story"
)

// ErrNotFound is returned (wrapped) when an article or story does not
// exist. It is story.ErrNotFound, so callers of either package can test
// for it.
var ErrNotFound = story.ErrNotFound

// HashBytes is the length of a ContentHash.
const HashBytes = 16

// ContentHash identifies an article's content independently of
// formatting: the first 16 bytes of SHA-256 over the runs of letters and
// digits of the title and of the text, lower-cased, with combining marks
// (Arabic diacritics among them) and tatweel dropped, separated by single
// spaces. Two articles with the same hash are the same article; Put keeps
// only the first. Cost: one pass over title and text, no allocation per
// word.
func ContentHash(title, text string) []byte {
	h := sha256.New()
	buf := make([]byte, 0, 4096)
	for i, s := range []string{title, text} {
		if i > 0 {
			buf = append(buf, 0)
		}
		space, seen := false, false
		for _, r := range s {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if space && seen {
					buf = append(buf, ' ')
				}
				space, seen = false, true
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			case unicode.IsMark(r) || r == '\u0640':
				// diacritics, tatweel: not part of the content
			default:
				space = true
			}
			if len(buf) > 3072 {
				h.Write(buf)
				buf = buf[:0]
			}
		}
	}
	h.Write(buf)
	return h.Sum(nil)[:HashBytes]
}

// normURL is the form in which URLs are compared: trimmed; "" means none.
func normURL(u string) string { return strings.TrimSpace(u) }

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// ops implements the queries of the store over a database handle or a
// transaction. It implements story.Store.
type ops struct {
	q  querier
	db *DB
	tx bool // bound to a transaction: do not fill the shared doc cache
	// rows are the stories rows read by Candidates since the last write
	// (tx only).
	rows map[int64]storyRow
}

var _ story.Store = (*DB)(nil)

// Known reports whether an article with a's URL or a's content is already
// stored, and its id. It is meant to skip known articles before analysing
// them. Cost: two index lookups (O(log n)) plus hashing a's text.
func (d *DB) Known(ctx context.Context, a article.Article) (int64, bool, error) {
	return d.known(ctx, cq{db: d}, normURL(a.URL), ContentHash(a.Title, a.Text))
}

func (d *DB) known(ctx context.Context, q querier, url string, hash []byte) (int64, bool, error) {
	var id int64
	var err error
	if url != "" {
		err = q.QueryRowContext(ctx, "SELECT id FROM articles WHERE url = ?", url).Scan(&id)
		if err == nil {
			return id, true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, false, err
		}
	}
	err = q.QueryRowContext(ctx, "SELECT id FROM articles WHERE hash = ?", hash).Scan(&id)
	switch {
	case err == nil:
		return id, true, nil
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, nil
	}
	return 0, false, err
}

// Assigner puts a just-inserted article into a story through st (a
// story.Store bound to Put's transaction) and returns the story's id. A
// story.Clusterer's AssignIn, with the article's profile, is one.
type Assigner func(ctx context.Context, st story.Store, articleID int64, doc *analysis.Doc) (int64, error)

// PutResult is what Put did with one article.
type PutResult struct {
	// ID is the stored article's id; for a Duplicate it is the id of the
	// copy already stored.
	ID int64 `json:"id"`
	// Duplicate is true when the store already held the article (same URL
	// or same ContentHash): nothing was written.
	Duplicate bool `json:"duplicate,omitempty"`
	// Story is the story the article was assigned to (0 without an Assigner).
	Story int64 `json:"story,omitempty"`
	// DupGroup is the article's near-duplicate group (0: none); NearDup is
	// the most similar earlier article and Jaccard its estimated
	// similarity (dedup.Threshold or more).
	DupGroup int64   `json:"dup_group,omitempty"`
	NearDup  int64   `json:"near_dup,omitempty"`
	Jaccard  float64 `json:"jaccard,omitempty"`
}

// maxDupCandidates bounds the band candidates examined per article, so a
// text that collides with very many others (boilerplate) costs little.
const maxDupCandidates = 200

// Put stores an analysed article in one transaction: its row with the
// encoded Doc, its MinHash signature and LSH bands, its near-duplicate
// group, and, when assign is not nil, its story (assign runs inside the
// transaction). When the article is already stored (same URL or same
// ContentHash) nothing is written and the result says Duplicate. When
// Put returns without error the article is committed.
//
// Cost: O(log n) index work for the row and 25 band entries, up to
// maxDupCandidates signature reads, plus assign's work.
func (d *DB) Put(ctx context.Context, doc *analysis.Doc, assign Assigner) (PutResult, error) {
	res, err := d.PutAll(ctx, []*analysis.Doc{doc}, assign)
	if err != nil {
		return PutResult{}, err
	}
	return res[0], nil
}

// PutAll stores several analysed articles in one transaction, as Put
// does for one: either all are committed or, on error, none. Articles
// repeated within docs are stored once (later copies are Duplicates).
// Cost: Put's per article, one commit.
func (d *DB) PutAll(ctx context.Context, docs []*analysis.Doc, assign Assigner) ([]PutResult, error) {
	sqltx, err := d.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer sqltx.Rollback()
	tx := cq{db: d, tx: sqltx}
	out := make([]PutResult, len(docs))
	for i, doc := range docs {
		if out[i], err = d.putTx(ctx, tx, doc, assign); err != nil {
			return nil, err
		}
	}
	if err := sqltx.Commit(); err != nil {
		return nil, err
	}
	for i, r := range out {
		if !r.Duplicate {
			d.cache.Add(r.ID, docs[i])
		}
	}
	return out, nil
}

// putTx is Put inside tx, without the commit.
func (d *DB) putTx(ctx context.Context, tx cq, doc *analysis.Doc, assign Assigner) (PutResult, error) {
	a := doc.Article
	if err := article.CheckDate(a.Date); err != nil { // would be stored clamped to another year
		return PutResult{}, fmt.Errorf("article %q: %w", a.ID, err)
	}
	url := normURL(a.URL)
	hash := ContentHash(a.Title, a.Text)
	sig, sigErr := dedup.Sign(doc.Lang, a.Title, a.Text)
	blob, err := encode(doc)
	if err != nil {
		return PutResult{}, err
	}
	if id, ok, err := d.known(ctx, tx, url, hash); err != nil {
		return PutResult{}, err
	} else if ok {
		return PutResult{ID: id, Duplicate: true}, nil
	}
	var res PutResult
	var sigBlob []byte
	var keys [dedup.Bands]int64
	if sigErr == nil {
		sigBlob, _ = sig.MarshalBinary()
		keys = sig.BandKeys()
		if err := nearDup(ctx, tx, &sig, keys, &res); err != nil {
			return PutResult{}, err
		}
	}
	now := time.Now()
	at := a.Date
	var date any
	if !a.Date.IsZero() {
		date = ns(a.Date)
	} else {
		at = now
	}
	var urlArg any
	if url != "" {
		urlArg = url
	}
	var group any
	if res.DupGroup != 0 {
		group = res.DupGroup
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO articles(ext_id, url, hash, source, lang, title, date, ingested, at, dup_group, sig, doc)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`,
		a.ID, urlArg, hash, a.Source, doc.Lang, a.Title, date, ns(now), ns(at), group, sigBlob, blob).Scan(&res.ID)
	if err != nil {
		return PutResult{}, fmt.Errorf("store article %q: %w", a.ID, err)
	}
	if sigErr == nil {
		var b strings.Builder
		b.WriteString("INSERT INTO bands(key, article_id) VALUES ")
		args := make([]any, 0, 2*dedup.Bands)
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("(?,?)")
			args = append(args, k, res.ID)
		}
		b.WriteString(" ON CONFLICT DO NOTHING")
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return PutResult{}, err
		}
	}
	if assign != nil {
		st := &ops{q: tx, db: d, tx: true}
		if res.Story, err = assign(ctx, st, res.ID, doc); err != nil {
			return PutResult{}, fmt.Errorf("assign article %q to a story: %w", a.ID, err)
		}
	}
	return res, nil
}

// nearDup finds the most similar earlier article sharing a band with sig
// and, when it is a near-duplicate, sets res.DupGroup/NearDup/Jaccard and
// makes sure the earlier article carries the group id.
func nearDup(ctx context.Context, tx querier, sig *dedup.Signature, keys [dedup.Bands]int64, res *PutResult) error {
	var b strings.Builder
	b.WriteString("SELECT a.id, a.sig, a.dup_group FROM articles a WHERE a.id IN (SELECT DISTINCT article_id FROM bands WHERE key IN (")
	args := make([]any, 0, dedup.Bands+1)
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('?')
		args = append(args, k)
	}
	b.WriteString(") LIMIT ?)")
	args = append(args, maxDupCandidates)
	rows, err := tx.QueryContext(ctx, b.String(), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var bestGroup sql.NullInt64
	for rows.Next() {
		var id int64
		var blob []byte
		var group sql.NullInt64
		if err := rows.Scan(&id, &blob, &group); err != nil {
			return err
		}
		var other dedup.Signature
		if other.UnmarshalBinary(blob) != nil {
			continue
		}
		j := sig.Jaccard(&other)
		if j >= dedup.Threshold && (j > res.Jaccard || (j == res.Jaccard && id < res.NearDup)) {
			res.NearDup, res.Jaccard, bestGroup = id, j, group
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	if res.NearDup == 0 {
		return nil
	}
	if bestGroup.Valid {
		res.DupGroup = bestGroup.Int64
		return nil
	}
	res.DupGroup = res.NearDup
	_, err = tx.ExecContext(ctx, "UPDATE articles SET dup_group = ? WHERE id = ?", res.NearDup, res.NearDup)
	return err
}

// Info is an article's stored metadata (without its analysis).
type Info struct {
	ID       int64     `json:"id"`
	ExtID    string    `json:"ext_id,omitempty"`
	Title    string    `json:"title"`
	URL      string    `json:"url,omitempty"`
	Source   string    `json:"source,omitempty"`
	Lang     string    `json:"lang"`
	Date     time.Time `json:"date,omitzero"` // zero when the article has none
	Ingested time.Time `json:"ingested"`
	Story    int64     `json:"story,omitempty"`
	DupGroup int64     `json:"dup_group,omitempty"`
}

const infoCols = "id, ext_id, title, COALESCE(url, ''), source, lang, date, ingested, COALESCE(story_id, 0), COALESCE(dup_group, 0)"

// Article returns the metadata and analysis of article id, or an error
// wrapping ErrNotFound. Cost: one primary-key lookup and decoding the Doc.
func (d *DB) Article(ctx context.Context, id int64) (Info, *analysis.Doc, error) {
	row := d.ops.q.QueryRowContext(ctx, "SELECT "+infoCols+", doc FROM articles WHERE id = ?", id)
	var in Info
	var date sql.NullInt64
	var ingested int64
	var blob []byte
	err := row.Scan(&in.ID, &in.ExtID, &in.Title, &in.URL, &in.Source, &in.Lang, &date, &ingested, &in.Story, &in.DupGroup, &blob)
	if errors.Is(err, sql.ErrNoRows) {
		return Info{}, nil, fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Info{}, nil, err
	}
	if date.Valid {
		in.Date = fromNS(date.Int64)
	}
	in.Ingested = fromNS(ingested)
	doc, err := decode(blob)
	if err != nil {
		return Info{}, nil, fmt.Errorf("article %d: %w", id, err)
	}
	return in, doc, nil
}

// DupGroup is a group of near-duplicate articles. ID is the id of its
// first stored article; Articles are oldest first (by date, else ingest
// time).
type DupGroup struct {
	ID       int64  `json:"id"`
	Articles []Info `json:"articles"`
}

// Dupes returns the near-duplicate groups with at least two stored
// articles, biggest first, then by ID; at most limit groups (0: all).
// Cost: one index scan over the articles in groups.
func (d *DB) Dupes(ctx context.Context, limit int) ([]DupGroup, error) {
	rows, err := d.sql.QueryContext(ctx, "SELECT dup_group, "+infoCols+" FROM articles WHERE dup_group IS NOT NULL ORDER BY dup_group, at, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DupGroup
	for rows.Next() {
		var g int64
		var in Info
		var date sql.NullInt64
		var ingested int64
		if err := rows.Scan(&g, &in.ID, &in.ExtID, &in.Title, &in.URL, &in.Source, &in.Lang, &date, &ingested, &in.Story, &in.DupGroup); err != nil {
			return nil, err
		}
		if date.Valid {
			in.Date = fromNS(date.Int64)
		}
		in.Ingested = fromNS(ingested)
		if len(out) == 0 || out[len(out)-1].ID != g {
			out = append(out, DupGroup{ID: g})
		}
		out[len(out)-1].Articles = append(out[len(out)-1].Articles, in)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	kept := out[:0]
	for _, g := range out {
		if len(g.Articles) >= 2 {
			kept = append(kept, g)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return len(kept[i].Articles) > len(kept[j].Articles) })
	if limit > 0 && len(kept) > limit {
		kept = kept[:limit]
	}
	return kept, nil
}

// PruneResult counts what Prune removed.
type PruneResult struct {
	Articles int64 `json:"articles"`
	Stories  int64 `json:"stories"`
}

// pruneChunk is how many articles Prune reads per round inside its
// transaction, so memory stays bounded however many are removed.
const pruneChunk = 1000

// Prune removes, in one transaction, every article dated before before
// (articles without a date count from their ingest time), with their LSH
// bands, and the stories left without members (with their index keys).
// Stories that keep members get their size updated. Either everything is
// removed or nothing is. Cost: O(k·(25 + log n)) for k removed articles;
// memory O(pruneChunk + affected stories).
func (d *DB) Prune(ctx context.Context, before time.Time) (PruneResult, error) {
	sqltx, err := d.begin(ctx)
	if err != nil {
		return PruneResult{}, err
	}
	defer sqltx.Rollback()
	tx := cq{db: d, tx: sqltx}
	var res PruneResult
	touched := map[int64]bool{}
	var removed []int64
	clearAll := false
	for {
		ids, err := d.selectIDs(ctx, tx, "SELECT id FROM articles WHERE at < ? ORDER BY at, id LIMIT ?", ns(before), pruneChunk)
		if err != nil {
			return PruneResult{}, err
		}
		if len(ids) == 0 {
			break
		}
		if err := deleteArticles(ctx, tx, ids, touched); err != nil {
			return PruneResult{}, err
		}
		res.Articles += int64(len(ids))
		if !clearAll {
			removed = append(removed, ids...)
			if len(removed) > DocCacheSize {
				clearAll, removed = true, nil // cheaper to empty the cache
			}
		}
	}
	if res.Stories, err = settleStories(ctx, tx, touched); err != nil {
		return PruneResult{}, err
	}
	if err := sqltx.Commit(); err != nil {
		return PruneResult{}, err
	}
	if clearAll {
		d.cache.Purge()
	} else {
		for _, id := range removed {
			d.cache.Remove(id)
		}
	}
	return res, nil
}

// Delete removes article id with its bands, and its story if the story is
// left empty, in one transaction. It returns an error wrapping ErrNotFound
// when there is no such article.
func (d *DB) Delete(ctx context.Context, id int64) error {
	sqltx, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer sqltx.Rollback()
	tx := cq{db: d, tx: sqltx}
	touched := map[int64]bool{}
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles WHERE id = ?", id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err := deleteArticles(ctx, tx, []int64{id}, touched); err != nil {
		return err
	}
	if _, err := settleStories(ctx, tx, touched); err != nil {
		return err
	}
	if err := sqltx.Commit(); err != nil {
		return err
	}
	d.cache.Remove(id)
	return nil
}

func (d *DB) selectIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// deleteArticles removes the articles ids and their bands, recording their
// stories in touched.
func deleteArticles(ctx context.Context, tx querier, ids []int64, touched map[int64]bool) error {
	for _, id := range ids {
		var blob []byte
		var st sql.NullInt64
		if err := tx.QueryRowContext(ctx, "SELECT sig, story_id FROM articles WHERE id = ?", id).Scan(&blob, &st); err != nil {
			return err
		}
		if st.Valid {
			touched[st.Int64] = true
		}
		var sig dedup.Signature
		if sig.UnmarshalBinary(blob) == nil {
			keys := sig.BandKeys()
			var b strings.Builder
			b.WriteString("DELETE FROM bands WHERE article_id = ? AND key IN (")
			args := []any{id}
			for i, k := range keys {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('?')
				args = append(args, k)
			}
			b.WriteByte(')')
			if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM articles WHERE id = ?", id); err != nil {
			return err
		}
	}
	return nil
}

// settleStories deletes the touched stories that have no members left and
// updates the size of the others. It returns how many it deleted.
func settleStories(ctx context.Context, tx cq, touched map[int64]bool) (int64, error) {
	ids := make([]int64, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	o := &ops{q: tx, db: tx.db, tx: true}
	var n int64
	for _, id := range ids {
		var size int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles WHERE story_id = ?", id).Scan(&size); err != nil {
			return n, err
		}
		if size == 0 {
			if err := o.DeleteStory(ctx, id); err != nil && !errors.Is(err, ErrNotFound) {
				return n, err
			}
			n++
			continue
		}
		if _, err := tx.ExecContext(ctx, "UPDATE stories SET size = ? WHERE id = ?", size, id); err != nil {
			return n, err
		}
	}
	return n, nil
}

// ns converts t to Unix nanoseconds, clamped to the representable range
// (years 1678–2261).
func ns(t time.Time) int64 {
	switch {
	case t.Year() < 1678:
		return math.MinInt64 + 1
	case t.Year() > 2261:
		return math.MaxInt64 - 1
	}
	return t.UnixNano()
}

func fromNS(n int64) time.Time { return time.Unix(0, n).UTC() }

// Encoding of stored blobs: one format byte, then the payload.
const fmtSnappyJSON = 's'

func encode(v any) ([]byte, error) {
	js, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 1, 1+snappy.MaxEncodedLen(len(js)))
	out[0] = fmtSnappyJSON
	return append(out, snappy.Encode(nil, js)...), nil
}

func decodeInto(blob []byte, v any) error {
	if len(blob) == 0 || blob[0] != fmtSnappyJSON {
		return errors.New("stored blob in an unknown format")
	}
	js, err := snappy.Decode(nil, blob[1:])
	if err != nil {
		return fmt.Errorf("stored blob: %w", err)
	}
	return json.Unmarshal(js, v)
}

func decode(blob []byte) (*analysis.Doc, error) {
	var d analysis.Doc
	if err := decodeInto(blob, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// DocCacheSize is how many decoded Docs a DB keeps in memory (LRU).
const DocCacheSize = 4096
