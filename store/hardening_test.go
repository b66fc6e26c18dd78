package store

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/internal/testfs"
	"github.com/newsim/newsim/story"
)

// hardeningArticles are two stories' worth of real articles: two reports
// of a flood and one of a central bank decision.
var hardeningArticles = []article.Article{
	{ID: "flood-1", Title: "Flooding forces thousands from homes in Bavaria", Lang: "en", Date: time.Date(2021, 7, 15, 8, 0, 0, 0, time.UTC),
		Text: "Heavy rain caused the Danube and its tributaries to burst their banks in Bavaria on Thursday. Thousands of residents of Passau and Regensburg were evacuated as water levels rose. Rescue services said two people were missing."},
	{ID: "flood-2", Title: "Bavarian towns evacuated as rivers flood", Lang: "en", Date: time.Date(2021, 7, 15, 18, 0, 0, 0, time.UTC),
		Text: "Thousands of people were evacuated from Passau and Regensburg after the Danube flooded on Thursday following days of heavy rain. Rescue services reported two people missing."},
	{ID: "bank-1", Title: "Central bank holds interest rates steady", Lang: "en", Date: time.Date(2021, 9, 9, 12, 0, 0, 0, time.UTC),
		Text: "The European Central Bank kept its main interest rate unchanged on Thursday and said it would slow its bond purchases. Markets in Frankfurt rose slightly after the announcement."},
}

// clusteredStore writes hardeningArticles into a new store file with the
// real story clusterer, closes it (checkpointing the log into the file)
// and returns its path.
func clusteredStore(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "newsim.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := compare.Default()
	if err != nil {
		t.Fatal(err)
	}
	cl := story.NewClusterer(c, db, story.Options{})
	for _, a := range hardeningArticles {
		_, err := db.Put(ctx, analyse(t, a), func(ctx context.Context, st story.Store, id int64, d *analysis.Doc) (int64, error) {
			return cl.AssignIn(ctx, st, id, d, c.Profile(d))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func copyFile(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), filepath.Base(from))
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return to
}

// Check finds damage SQLite sees (pages overwritten on disk) and broken
// newsim invariants (written through SQL, as a bug or a hand edit would),
// and passes a healthy store.
func TestCheckFindsRealCorruption(t *testing.T) {
	if onPostgres() {
		t.Skip("SQLite files (the PostgreSQL run of TestPostgres)")
	}
	clean := clusteredStore(t)
	for _, tc := range []struct {
		name    string
		damage  func(t *testing.T, path string)
		finding string // a substring of one finding; "" for a healthy store
		quick   bool   // QuickCheck sees it too
	}{
		{"healthy store", func(*testing.T, string) {}, "", false},
		{"pages overwritten on disk", func(t *testing.T, path string) { testfs.DamagePages(t, path) }, "", true},
		{"story size wrong", sqlDamage("UPDATE stories SET size = size + 1 WHERE id = (SELECT MIN(id) FROM stories)"), "story size differs from its article count", false},
		{"article without a story", sqlDamage("UPDATE articles SET story_id = NULL WHERE ext_id = 'bank-1'"), "article without a story", false},
		{"article in a deleted story", sqlDamage("DELETE FROM stories WHERE id = (SELECT story_id FROM articles WHERE ext_id = 'bank-1')"), "article in a story that does not exist", false},
		{"analysis blob garbled", sqlDamage("UPDATE articles SET doc = x'73ffffff' WHERE ext_id = 'flood-2'"), "article analysis does not decode", false},
		{"story blob garbled", sqlDamage("UPDATE stories SET data = x'00' WHERE id = (SELECT MIN(id) FROM stories)"), "story does not decode", false},
		{"signature cut", sqlDamage("UPDATE articles SET sig = x'0102' WHERE ext_id = 'flood-1'"), "signature of the wrong size", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := copyFile(t, clean)
			tc.damage(t, path)
			db, err := Open(path)
			if err != nil {
				if tc.quick {
					t.Logf("so damaged that Open refuses it: %v", err)
					return
				}
				t.Fatal(err)
			}
			defer db.Close()
			r, err := db.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			healthy := tc.finding == "" && !tc.quick
			if r.OK != healthy {
				t.Fatalf("OK = %v, want %v: %+v", r.OK, healthy, r)
			}
			all := strings.Join(append(append([]string{}, r.Integrity...), r.Problems...), "\n")
			if tc.finding != "" && !strings.Contains(all, tc.finding) {
				t.Errorf("report lacks %q:\n%s", tc.finding, all)
			}
			if tc.quick {
				t.Logf("integrity: %q", r.Integrity)
			}
			if tc.quick && len(r.Integrity) == 0 {
				t.Errorf("integrity check found nothing in overwritten pages; problems: %v", r.Problems)
			}
			if qerr := db.QuickCheck(ctx); (qerr != nil) != tc.quick {
				t.Errorf("QuickCheck: %v, want an error: %v", qerr, tc.quick)
			}
		})
	}
}

func sqlDamage(stmt string) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.SQL().ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
}

// CheckFile notices the store file deleted, or replaced by another file,
// while the store is open.
func TestCheckFileNoticesDeletedOrReplacedFile(t *testing.T) {
	if onPostgres() {
		t.Skip("SQLite files (the PostgreSQL run of TestPostgres)")
	}
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, path string)
		says   string
	}{
		{"deleted", func(t *testing.T, path string) { os.Remove(path) }, "no longer exists"},
		{"replaced", func(t *testing.T, path string) {
			other := copyFile(t, path)
			if err := os.Rename(other, path); err != nil {
				t.Fatal(err)
			}
		}, "another file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(filepath.Join(t.TempDir(), "s.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.CheckFile(); err != nil {
				t.Fatalf("fresh store: %v", err)
			}
			tc.change(t, db.Path())
			err = db.CheckFile()
			if !errors.Is(err, ErrFileGone) || !strings.Contains(err.Error(), tc.says) || !strings.Contains(err.Error(), db.Path()) {
				t.Errorf("CheckFile after the file was %s: %v", tc.name, err)
			}
		})
	}
}

// A store whose directory cannot be written (a read-only mount, another
// user's files) is read with OpenReadOnly, where Open fails.
func TestOpenReadOnlyReadsAnUnwritableStore(t *testing.T) {
	if onPostgres() {
		t.Skip("SQLite files (the PostgreSQL run of TestPostgres)")
	}
	path := clusteredStore(t)
	dir := filepath.Dir(path)
	testfs.ReadOnlyDir(t, dir)
	if db, err := Open(path); err == nil {
		db.Close()
		t.Log("Open managed on the read-only directory")
	} else {
		t.Logf("Open: %v", err)
	}
	db, err := OpenReadOnly(path)
	if err != nil {
		t.Fatalf("OpenReadOnly: %v", err)
	}
	defer db.Close()
	all, err := db.Stories(ctx, time.Time{}, "", 0)
	if err != nil || len(all) != 2 {
		t.Fatalf("%d stories, %v; want 2", len(all), err)
	}
	if r, err := db.Check(ctx); err != nil || !r.OK {
		t.Errorf("check of the read-only store: %+v %v", r, err)
	}
	if _, err := OpenReadOnly(filepath.Join(dir, "missing.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("OpenReadOnly of a missing file: %v", err)
	}
}

// Dates the store cannot hold (int64 nanoseconds: years 1678–2261) are
// refused, not stored clamped to another year.
func TestPutRefusesDatesOutsideStorableYears(t *testing.T) {
	db := openTemp(t)
	for _, tc := range []struct {
		year int
		ok   bool
	}{{1500, false}, {1677, false}, {1678, true}, {2021, true}, {2261, true}, {2262, false}, {9999, false}} {
		a := hardeningArticles[0]
		a.Text += " " + strings.Repeat("x", tc.year%50+1) // distinct content
		a.ID = "y" + time.Date(tc.year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006")
		a.Date = time.Date(tc.year, 6, 3, 9, 0, 0, 0, time.UTC)
		res, err := db.Put(ctx, analyse(t, a), nil)
		if tc.ok {
			if err != nil {
				t.Errorf("year %d: %v", tc.year, err)
				continue
			}
			info, _, err := db.Article(ctx, res.ID)
			if err != nil || !info.Date.Equal(a.Date) {
				t.Errorf("year %d: stored date %v (%v), want %v", tc.year, info.Date, err, a.Date)
			}
		} else if !errors.Is(err, article.ErrField) || !strings.Contains(err.Error(), "out of range") || !strings.Contains(err.Error(), a.ID) {
			t.Errorf("year %d: Put = %+v, %v; want an out-of-range error naming the article", tc.year, res, err)
		}
	}
}

// Checkpoint copies the write-ahead log into the file and truncates it to
// zero bytes; the data stays.
func TestCheckpointTruncatesTheLog(t *testing.T) {
	if onPostgres() {
		t.Skip("SQLite files (the PostgreSQL run of TestPostgres)")
	}
	db := openTemp(t)
	for _, a := range hardeningArticles {
		if _, err := db.Put(ctx, analyse(t, a), nil); err != nil {
			t.Fatal(err)
		}
	}
	if db.WALBytes() == 0 {
		t.Fatal("no write-ahead log after three writes")
	}
	if did, err := db.CheckpointIfLarge(ctx); did || err != nil {
		t.Errorf("CheckpointIfLarge on a small log: %v %v", did, err)
	}
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if n := db.WALBytes(); n != 0 {
		t.Errorf("log is %d bytes after a TRUNCATE checkpoint", n)
	}
	if n := count(t, db, "SELECT COUNT(*) FROM articles"); n != 3 {
		t.Errorf("%d articles after the checkpoint, want 3", n)
	}
}
