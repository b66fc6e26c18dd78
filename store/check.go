package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsim/newsim/dedup"
	"github.com/newsim/newsim/story"
)

// MaxProblems is how many problems of one kind a CheckReport lists (the
// count covers all of them).
const MaxProblems = 20

// CheckReport is what Check found. OK reports whether nothing is wrong.
type CheckReport struct {
	Path      string   `json:"path"`
	OK        bool     `json:"ok"`
	Articles  int64    `json:"articles"`
	Stories   int64    `json:"stories"`
	Integrity []string `json:"integrity"` // SQLite's findings; empty when it says "ok"
	Problems  []string `json:"problems"`  // broken invariants of newsim, each kind at most MaxProblems times
}

// QuickCheck runs PRAGMA quick_check (the B-tree structure and page
// accounting, without matching indexes to their tables): O(file size),
// several times faster than IntegrityCheck. It returns nil when SQLite
// says "ok".
func (d *DB) QuickCheck(ctx context.Context) error {
	msgs, err := d.pragmaCheck(ctx, "quick_check")
	if err != nil {
		return fmt.Errorf("store %s is damaged or unreadable: quick check: %w (newsim check --store %s tells more)", d.path, err, d.path)
	}
	if len(msgs) > 0 {
		return fmt.Errorf("store %s is damaged: %s (newsim check --store %s lists every problem)", d.path, strings.Join(msgs, "; "), d.path)
	}
	return nil
}

// pragmaCheck runs PRAGMA integrity_check or quick_check (at most
// MaxProblems findings) and returns the findings, none when SQLite says "ok".
//
// PostgreSQL has no such pragma and keeps its own pages consistent: there
// it only checks that the database answers.
func (d *DB) pragmaCheck(ctx context.Context, pragma string) ([]string, error) {
	if d.pg {
		return nil, d.sql.PingContext(ctx)
	}
	rows, err := d.sql.QueryContext(ctx, fmt.Sprintf("PRAGMA %s(%d)", pragma, MaxProblems))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return nil, err
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(msgs) == 1 && msgs[0] == "ok" {
		return nil, nil
	}
	return msgs, nil
}

// Check runs SQLite's integrity check, then newsim's invariants:
//
//   - every article belongs to exactly one story, and that story exists;
//   - every story's size is the number of its articles, and no story is
//     empty;
//   - every article's analysis and every story decode, every signature
//     has dedup.SignatureBytes bytes;
//   - duplicate groups and LSH bands point at stored articles; index keys
//     at stored stories.
//
// A damaged file may make the invariant queries fail: their errors are
// reported as problems too. Check returns an error only when it cannot
// read the store at all. Cost: reads the whole file and decodes every
// blob, O(file size).
func (d *DB) Check(ctx context.Context) (CheckReport, error) {
	r := CheckReport{Path: d.path, Integrity: []string{}, Problems: []string{}}
	msgs, err := d.pragmaCheck(ctx, "integrity_check")
	if err != nil {
		if ctx.Err() != nil {
			return r, err
		}
		msgs = []string{err.Error()}
	}
	r.Integrity = append(r.Integrity, msgs...)
	d.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles").Scan(&r.Articles)
	d.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM stories").Scan(&r.Stories)

	// Queries listing broken rows: what is wrong, then the query giving
	// one line per row.
	for _, inv := range []struct{ what, query string }{
		{"article without a story", `SELECT 'article ' || id FROM articles WHERE story_id IS NULL`},
		{"article in a story that does not exist", `SELECT 'article ' || a.id || ' → story ' || a.story_id FROM articles a
			LEFT JOIN stories s ON s.id = a.story_id WHERE a.story_id IS NOT NULL AND s.id IS NULL`},
		{"story size differs from its article count", `SELECT 'story ' || s.id || ': size ' || s.size || ', articles ' || COUNT(a.id)
			FROM stories s LEFT JOIN articles a ON a.story_id = s.id GROUP BY s.id HAVING COUNT(a.id) != s.size`},
		{"duplicate group of an article that does not exist", `SELECT 'article ' || a.id || ' → group ' || a.dup_group FROM articles a
			LEFT JOIN articles g ON g.id = a.dup_group WHERE a.dup_group IS NOT NULL AND g.id IS NULL`},
		{"signature of the wrong size", fmt.Sprintf(`SELECT 'article ' || id || ': ' || length(sig) || ' bytes' FROM articles
			WHERE sig IS NOT NULL AND length(sig) != %d`, dedup.SignatureBytes)},
		{"LSH band of an article that does not exist", `SELECT DISTINCT 'article ' || b.article_id FROM bands b
			LEFT JOIN articles a ON a.id = b.article_id WHERE a.id IS NULL`},
		{"index key of a story that does not exist", `SELECT DISTINCT 'story ' || k.story_id FROM story_keys k
			LEFT JOIN stories s ON s.id = k.story_id WHERE s.id IS NULL`},
	} {
		d.listProblems(ctx, &r, inv.what, inv.query)
	}
	d.decodeAll(ctx, &r)
	r.OK = len(r.Integrity) == 0 && len(r.Problems) == 0
	return r, ctx.Err()
}

// listProblems adds "what: row" for each row of query (at most
// MaxProblems, then a count of the rest).
func (d *DB) listProblems(ctx context.Context, r *CheckReport, what, query string) {
	rows, err := d.sql.QueryContext(ctx, query)
	if err != nil {
		r.Problems = append(r.Problems, fmt.Sprintf("%s: cannot check: %v", what, err))
		return
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: %v", what, err))
			return
		}
		if n++; n <= MaxProblems {
			r.Problems = append(r.Problems, what+": "+s)
		}
	}
	if err := rows.Err(); err != nil {
		r.Problems = append(r.Problems, fmt.Sprintf("%s: cannot check: %v", what, err))
	}
	if n > MaxProblems {
		r.Problems = append(r.Problems, fmt.Sprintf("%s: %d more", what, n-MaxProblems))
	}
}

// decodeAll decodes every article's analysis and every story.
func (d *DB) decodeAll(ctx context.Context, r *CheckReport) {
	for _, t := range []struct {
		what, query string
		decode      func([]byte) error
	}{
		{"article analysis does not decode", "SELECT id, doc FROM articles", func(b []byte) error { _, err := decode(b); return err }},
		{"story does not decode", "SELECT id, data FROM stories", func(b []byte) error { return decodeInto(b, new(story.Story)) }},
	} {
		rows, err := d.sql.QueryContext(ctx, t.query)
		if err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: cannot check: %v", t.what, err))
			continue
		}
		n := 0
		for rows.Next() {
			var id int64
			var blob []byte
			if err := rows.Scan(&id, &blob); err != nil {
				r.Problems = append(r.Problems, fmt.Sprintf("%s: %v", t.what, err))
				break
			}
			if err := t.decode(blob); err != nil {
				if n++; n <= MaxProblems {
					r.Problems = append(r.Problems, fmt.Sprintf("%s: %d: %v", t.what, id, err))
				}
			}
		}
		if err := rows.Err(); err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: cannot check: %v", t.what, err))
		}
		rows.Close()
		if n > MaxProblems {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: %d more", t.what, n-MaxProblems))
		}
	}
}
