package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/dedup"
	"github.com/newsim/newsim/internal/devdata"
	"github.com/newsim/newsim/internal/pgtest"
	"github.com/newsim/newsim/represent"
	"github.com/newsim/newsim/semeval"
	"github.com/newsim/newsim/story"
)

var ctx = context.Background()

// envPostgres names the PostgreSQL server the suite runs against in
// TestPostgres's child process (postgres_test.go); unset, it runs on
// SQLite.
const envPostgres = "NEWSIM_TEST_POSTGRES"

// openTemp opens a fresh, empty store: an SQLite file in a temporary
// directory, or a new database on the PostgreSQL server of $NEWSIM_TEST_POSTGRES.
func openTemp(t testing.TB) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sub", "newsim.db")
	if u := os.Getenv(envPostgres); u != "" {
		path = pgtest.NewDatabase(t, u)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// onPostgres reports whether the suite runs against PostgreSQL.
func onPostgres() bool { return os.Getenv(envPostgres) != "" }

// execSQL runs a statement with ? placeholders on db, outside the store's API.
func execSQL(t testing.TB, db *DB, query string, args ...any) {
	t.Helper()
	if db.pg {
		query = rebind(query)
	}
	if _, err := db.SQL().ExecContext(ctx, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// schemaVersion reads the stored schema version.
func schemaVersion(t testing.TB, db *DB) int {
	if db.pg {
		return count(t, db, "SELECT version FROM newsim_schema")
	}
	return count(t, db, "PRAGMA user_version")
}

// setSchemaVersion writes the stored schema version, as another newsim would.
func setSchemaVersion(t testing.TB, db *DB, v int) {
	if db.pg {
		execSQL(t, db, "UPDATE newsim_schema SET version = ?", v)
		return
	}
	execSQL(t, db, fmt.Sprintf("PRAGMA user_version = %d", v))
}

var (
	devOnce sync.Once
	devArts []article.Article
	devErr  error
)

// dev returns the distinct articles of the dev pairs, or skips.
func dev(t testing.TB) []article.Article {
	t.Helper()
	devOnce.Do(func() {
		pairs, _, err := semeval.ReadFile(filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl"))
		if err != nil {
			devErr = err
			return
		}
		seen := map[string]bool{}
		for _, p := range pairs {
			for _, a := range []article.Article{p.A, p.B} {
				if !seen[a.Text] {
					seen[a.Text] = true
					devArts = append(devArts, a)
				}
			}
		}
	})
	if devErr != nil {
		devdata.Missing(t, "dev data not available: %v", devErr)
	}
	return devArts
}

func analyse(t testing.TB, a article.Article) *analysis.Doc {
	t.Helper()
	d, err := analysis.New().Analyze(a)
	if err != nil {
		t.Fatalf("analyse %s: %v", a.ID, err)
	}
	return d
}

func count(t testing.TB, db *DB, query string, args ...any) int {
	t.Helper()
	var n int
	if db.pg {
		query = rebind(query)
	}
	if err := db.SQL().QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestOpenCreatesVersionedWALStore(t *testing.T) {
	db := openTemp(t)
	if v := schemaVersion(t, db); v != SchemaVersion {
		t.Errorf("schema version %d, want %d", v, SchemaVersion)
	}
	var mode string
	if db.pg {
		if db.Backend() != "postgres" {
			t.Errorf("backend %q", db.Backend())
		}
	} else if err := db.SQL().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q (%v), want wal", mode, err)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	// Reopening an up-to-date store migrates nothing and keeps it usable.
	db.Close()
	db2, err := Open(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	db2.Close()
}

// A store written by a newer newsim is refused, naming the store, and left
// as it is.
func TestRefusesNewerSchema(t *testing.T) {
	db := openTemp(t)
	setSchemaVersion(t, db, SchemaVersion+5)
	db.Close()
	_, err := Open(db.Path())
	want := fmt.Sprintf("schema version %d, this newsim reads up to %d", SchemaVersion+5, SchemaVersion)
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), db.Path()) {
		t.Errorf("error %v; want ErrNewerSchema naming %s and saying %q", err, db.Path(), want)
	}
}

func TestRefusesBadFiles(t *testing.T) {
	if onPostgres() {
		t.Skip("SQLite files (TestRefusesNewerSchema covers both backends)")
	}
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.db")
	db, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec("PRAGMA user_version = 7"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("this is not a database\n", 200)), 0o644)

	for _, tc := range []struct {
		name, path string
		is         error
		want       string
	}{
		{"newer schema", newer, ErrNewerSchema, "schema version 7, this newsim reads up to " + strconv.Itoa(SchemaVersion)},
		{"text file", text, nil, "not a newsim store"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(tc.path)
			if err == nil {
				db.Close()
				t.Fatal("opened without error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v does not wrap %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.path) {
				t.Errorf("error %q should name the file and say %q", err, tc.want)
			}
		})
	}
}

func TestMigratesVersion1(t *testing.T) {
	// A version-1 store, as the first release wrote it, with one story.
	path := filepath.Join(t.TempDir(), "v1.db")
	driver, dsn, schema, setV1 := "sqlite", "file:"+path, []string{migrations[0]}, "PRAGMA user_version = 1"
	insert := "INSERT INTO stories(size, first_seen, last_seen, keys, data) VALUES (1, 0, 0, 't:x', ?)"
	if u := os.Getenv(envPostgres); u != "" {
		path = pgtest.NewDatabase(t, u)
		driver, dsn, schema = "pgx", path, pgMigrations[0]
		schema = append(append([]string(nil), schema...), "CREATE TABLE newsim_schema(version INTEGER NOT NULL)", "INSERT INTO newsim_schema VALUES (0)")
		setV1, insert = "UPDATE newsim_schema SET version = 1", rebind(insert)
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range schema {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	blob, _ := encode(&story.Story{Title: "old story", Size: 1, Keys: []string{"t:x"}})
	if _, err := raw.Exec(insert, blob); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(setV1); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := schemaVersion(t, db); v != SchemaVersion {
		t.Errorf("schema version %d after migration, want %d", v, SchemaVersion)
	}
	s, err := db.Story(ctx, 1)
	if err != nil || s.Title != "old story" {
		t.Fatalf("story after migration: %+v, %v", s, err)
	}
	s.Title = "changed"
	if err := db.PutStory(ctx, s); err != nil {
		t.Fatal(err)
	}
	if back, _ := db.Story(ctx, 1); back.Title != "changed" {
		t.Errorf("title %q after PutStory, want changed", back.Title)
	}
}

func TestStoryCacheKeepsItsOwnCopy(t *testing.T) {
	db := openTemp(t)
	s := &story.Story{Title: "a", Size: 1, Keys: []string{"t:a"}, Languages: map[string]int{"en": 1}}
	if err := db.PutStory(ctx, s); err != nil {
		t.Fatal(err)
	}
	// The writer goes on changing its story after PutStory: the cache
	// holds a clone of what was written.
	s.Languages["fr"] = 2
	s.Keys[0] = "t:after"
	got, _ := db.Story(ctx, s.ID)
	if got.Languages["fr"] != 0 || got.Keys[0] != "t:a" {
		t.Errorf("a change after PutStory leaked into the cache: %+v", got)
	}
	// A reader changes a Clone, as the Store contract asks.
	c := got.Clone()
	c.Languages["de"] = 5
	c.Keys[0] = "t:changed"
	again, _ := db.Story(ctx, s.ID)
	if again.Languages["de"] != 0 || again.Keys[0] != "t:a" {
		t.Errorf("a change to a Clone leaked into the cache: %+v", again)
	}
	// Size comes from the row, not the cached story.
	execSQL(t, db, "UPDATE stories SET size = 7 WHERE id = ?", s.ID)
	if sized, _ := db.Story(ctx, s.ID); sized.Size != 7 {
		t.Errorf("size %d, want the row's 7", sized.Size)
	}
	// A write by someone else (another process) changes the version: the
	// cached copy must not be served.
	blob, _ := encode(&story.Story{Title: "from elsewhere", Size: 1})
	execSQL(t, db, "UPDATE stories SET data = ?, version = version + 1 WHERE id = ?", blob, s.ID)
	if fresh, _ := db.Story(ctx, s.ID); fresh.Title != "from elsewhere" {
		t.Errorf("stale story served: %q", fresh.Title)
	}
}

func TestDefaultPath(t *testing.T) {
	for _, tc := range []struct {
		name, env, xdg, want string
	}{
		{"environment variable wins", "/x/my.db", "/data", "/x/my.db"},
		{"XDG data home", "", "/data", "/data/newsim/newsim.db"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvStore, tc.env)
			t.Setenv("XDG_DATA_HOME", tc.xdg)
			got, err := DefaultPath()
			if err != nil || got != tc.want {
				t.Errorf("DefaultPath() = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	t.Setenv(EnvStore, "")
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/u")
	if got, _ := DefaultPath(); got != "/home/u/.local/share/newsim/newsim.db" {
		t.Errorf("DefaultPath() = %q without XDG_DATA_HOME", got)
	}
}

func TestPutKeepsOneCopy(t *testing.T) {
	arts := dev(t)
	db := openTemp(t)
	orig := arts[0]
	orig.URL = "https://example.org/a"
	first, err := db.Put(ctx, analyse(t, orig), nil)
	if err != nil || first.Duplicate || first.ID == 0 {
		t.Fatalf("first Put = %+v, %v", first, err)
	}
	for _, tc := range []struct {
		name string
		edit func(a article.Article) article.Article
		dup  bool
	}{
		{"same URL, other text", func(a article.Article) article.Article { a.Text = arts[1].Text; return a }, true},
		{"same text, no URL", func(a article.Article) article.Article { a.URL = ""; return a }, true},
		{"same text re-wrapped and upper-cased, other URL", func(a article.Article) article.Article {
			a.URL = "https://mirror.example/a"
			a.Text = strings.ToUpper(strings.Join(strings.Fields(a.Text), "\n"))
			return a
		}, true},
		{"URL with spaces around it", func(a article.Article) article.Article {
			a.URL = "  https://example.org/a \n"
			a.Text = arts[2].Text
			return a
		}, true},
		{"other article", func(a article.Article) article.Article {
			a.URL = "https://example.org/b"
			a.Title, a.Text = arts[3].Title, arts[3].Text
			return a
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.edit(orig)
			id, known, err := db.Known(ctx, a)
			if err != nil || known != tc.dup {
				t.Errorf("Known = %d, %v, %v; want known=%v", id, known, err, tc.dup)
			}
			res, err := db.Put(ctx, analyse(t, a), nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Duplicate != tc.dup {
				t.Errorf("Duplicate = %v, want %v", res.Duplicate, tc.dup)
			}
			if tc.dup && res.ID != first.ID {
				t.Errorf("duplicate points at %d, want %d", res.ID, first.ID)
			}
		})
	}
	if n := count(t, db, "SELECT COUNT(*) FROM articles"); n != 2 {
		t.Errorf("%d articles stored, want 2", n)
	}
}

func TestPutStoresAnalysisAndSignature(t *testing.T) {
	arts := dev(t)
	db := openTemp(t)
	a := arts[5]
	a.Date = time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	a.Source, a.URL = "Example Post", "https://example.org/5"
	doc := analyse(t, a)
	res, err := db.Put(ctx, doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.cache.Purge() // read from the file, not the cache
	info, back, err := db.Article(ctx, res.ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.Article.Text != a.Text || len(back.Sentences) != len(doc.Sentences) || len(back.Entities) != len(doc.Entities) || back.Words != doc.Words {
		t.Errorf("stored Doc differs from the analysed one")
	}
	if !info.Date.Equal(a.Date) || info.URL != a.URL || info.Source != a.Source || info.Lang != doc.Lang || info.Title != a.Title {
		t.Errorf("Info = %+v", info)
	}
	if n := count(t, db, "SELECT COUNT(*) FROM bands WHERE article_id = ?", res.ID); n != dedup.Bands {
		t.Errorf("%d band rows, want %d", n, dedup.Bands)
	}
	if _, _, err := db.Article(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v, want ErrNotFound", err)
	}
}

func TestNearDuplicatesShareAGroup(t *testing.T) {
	arts := dev(t)
	db := openTemp(t)
	var a article.Article
	for _, x := range arts {
		if len(strings.Split(x.Text, "\n")) >= 8 && len(strings.Fields(x.Text)) > 300 {
			a = x
			break
		}
	}
	paras := strings.Split(a.Text, "\n")
	repost := a
	repost.Title = "Repost: " + a.Title
	repost.Text = strings.Join(append(append([]string{}, paras[:3]...), paras[4:]...), "\n")
	repost.URL = "https://other.example/x"
	other := arts[10]

	r1, err := db.Put(ctx, analyse(t, a), nil)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := db.Put(ctx, analyse(t, repost), nil)
	if err != nil {
		t.Fatal(err)
	}
	r3, err := db.Put(ctx, analyse(t, other), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r1.DupGroup != 0 || r2.DupGroup != r1.ID || r2.NearDup != r1.ID || r2.Jaccard < dedup.Threshold {
		t.Errorf("repost: %+v (original %+v)", r2, r1)
	}
	if r3.DupGroup != 0 {
		t.Errorf("unrelated article grouped: %+v", r3)
	}
	groups, err := db.Dupes(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 1 || len(groups[0].Articles) != 2 || groups[0].Articles[0].ID != r1.ID || groups[0].Articles[1].ID != r2.ID {
		t.Errorf("Dupes = %+v", groups)
	}
}

// TestStoryStore exercises the story.Store methods directly.
func TestStoryStore(t *testing.T) {
	arts := dev(t)
	db := openTemp(t)
	day := func(d int) time.Time { return time.Date(2020, 1, d, 12, 0, 0, 0, time.UTC) }
	var ids []int64
	for i := range 3 {
		a := arts[20+i]
		a.Date = day(1 + i)
		r, err := db.Put(ctx, analyse(t, a), nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	s1 := &story.Story{Title: "one", Size: 2, FirstSeen: day(1), LastSeen: day(2), Keys: []string{"t:a", "t:b", "e:x"},
		Languages: map[string]int{"en": 2}, Centroid: story.Centroid{Vector: represent.Vector{IDs: []uint64{1, 5}, W: []float32{0.6, 0.8}}}}
	s2 := &story.Story{Title: "two", Size: 1, FirstSeen: day(20), LastSeen: day(20), Keys: []string{"t:a"}}
	for _, s := range []*story.Story{s1, s2} {
		if err := db.PutStory(ctx, s); err != nil || s.ID == 0 {
			t.Fatalf("PutStory: %v, id %d", err, s.ID)
		}
	}
	for i, id := range ids {
		sid := s1.ID
		if i == 2 {
			sid = s2.ID
		}
		if err := db.SetStory(ctx, id, sid); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetStory(ctx, 12345, s1.ID); !errors.Is(err, story.ErrNotFound) {
		t.Errorf("SetStory of a missing article: %v", err)
	}

	t.Run("candidates in the window, most shared keys first", func(t *testing.T) {
		got, err := db.Candidates(ctx, []string{"t:a", "t:b", "e:zz"}, day(1), day(25), 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0] != (story.Candidate{StoryID: s1.ID, Shared: 2}) || got[1] != (story.Candidate{StoryID: s2.ID, Shared: 1}) {
			t.Errorf("Candidates = %+v", got)
		}
		got, _ = db.Candidates(ctx, []string{"t:a", "t:b"}, day(15), day(25), 10)
		if len(got) != 1 || got[0].StoryID != s2.ID {
			t.Errorf("window [15,25]: Candidates = %+v", got)
		}
		got, _ = db.Candidates(ctx, []string{"t:a"}, day(3), day(10), 10)
		if len(got) != 0 {
			t.Errorf("window between the stories: Candidates = %+v", got)
		}
	})
	t.Run("story round trip", func(t *testing.T) {
		back, err := db.Story(ctx, s1.ID)
		if err != nil {
			t.Fatal(err)
		}
		if back.Title != "one" || back.Languages["en"] != 2 || len(back.Centroid.IDs) != 2 || back.Centroid.W[1] != 0.8 || !back.LastSeen.Equal(day(2)) {
			t.Errorf("Story = %+v", back)
		}
		if _, err := db.Story(ctx, 999); !errors.Is(err, story.ErrNotFound) {
			t.Errorf("missing story: %v", err)
		}
	})
	t.Run("replacing keys", func(t *testing.T) {
		s1.Keys = []string{"t:c"}
		s1.LastSeen = day(3)
		if err := db.PutStory(ctx, s1); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, "SELECT COUNT(*) FROM story_keys WHERE story_id = ?", s1.ID); n != 1 {
			t.Errorf("%d keys after replacing, want 1", n)
		}
		got, _ := db.Candidates(ctx, []string{"t:b", "t:c"}, day(1), day(5), 10)
		if len(got) != 1 || got[0].StoryID != s1.ID || got[0].Shared != 1 {
			t.Errorf("Candidates = %+v", got)
		}
	})
	t.Run("members oldest first", func(t *testing.T) {
		m, err := db.Members(ctx, s1.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(m) != 2 || m[0].ArticleID != ids[0] || m[1].ArticleID != ids[1] || !m[0].Date.Equal(day(1)) {
			t.Errorf("Members = %+v", m)
		}
	})
	t.Run("stories biggest first, by language", func(t *testing.T) {
		all, err := db.Stories(ctx, time.Time{}, "", 0)
		if err != nil || len(all) != 2 || all[0].ID != s1.ID {
			t.Errorf("Stories = %+v, %v", all, err)
		}
		recent, _ := db.Stories(ctx, day(10), "", 0)
		if len(recent) != 1 || recent[0].ID != s2.ID {
			t.Errorf("Stories since day 10 = %+v", recent)
		}
		none, _ := db.Stories(ctx, time.Time{}, "xx", 0)
		if len(none) != 0 {
			t.Errorf("Stories in language xx = %+v", none)
		}
	})
	t.Run("merge: move members and delete", func(t *testing.T) {
		if err := db.MoveMembers(ctx, s2.ID, s1.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteStory(ctx, s2.ID); err != nil {
			t.Fatal(err)
		}
		if m, _ := db.Members(ctx, s1.ID); len(m) != 3 {
			t.Errorf("%d members after the merge, want 3", len(m))
		}
		if n := count(t, db, "SELECT COUNT(*) FROM story_keys WHERE story_id = ?", s2.ID); n != 0 {
			t.Errorf("%d keys left of the deleted story", n)
		}
	})
	t.Run("doc", func(t *testing.T) {
		d, err := db.Doc(ctx, ids[0])
		if err != nil || d.Article.Title != arts[20].Title {
			t.Errorf("Doc = %v, %v", d, err)
		}
		if _, err := db.Doc(ctx, 999); !errors.Is(err, story.ErrNotFound) {
			t.Errorf("missing doc: %v", err)
		}
	})
}

func TestPruneRemovesOldArticlesAndTheirIndex(t *testing.T) {
	arts := dev(t)
	db := openTemp(t)
	day := func(d int) time.Time { return time.Date(2020, 1, d, 0, 0, 0, 0, time.UTC) }
	var ids []int64
	for i, d := range []int{1, 2, 10, 11} {
		a := arts[30+i]
		a.Date = day(d)
		r, err := db.Put(ctx, analyse(t, a), nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	old := &story.Story{Title: "old", Size: 2, FirstSeen: day(1), LastSeen: day(2), Keys: []string{"t:old"}}
	mixed := &story.Story{Title: "mixed", Size: 2, FirstSeen: day(2), LastSeen: day(10), Keys: []string{"t:mixed"}}
	fresh := &story.Story{Title: "fresh", Size: 1, FirstSeen: day(11), LastSeen: day(11), Keys: []string{"t:fresh"}}
	for _, s := range []*story.Story{old, mixed, fresh} {
		if err := db.PutStory(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for i, sid := range []int64{old.ID, mixed.ID, mixed.ID, fresh.ID} {
		if err := db.SetStory(ctx, ids[i], sid); err != nil {
			t.Fatal(err)
		}
	}
	// A second, older article in the old story.
	if err := db.SetStory(ctx, ids[0], old.ID); err != nil {
		t.Fatal(err)
	}
	res, err := db.Prune(ctx, day(5))
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 2 || res.Stories != 1 {
		t.Errorf("Prune = %+v, want 2 articles and 1 story", res)
	}
	for _, c := range []struct {
		what, query string
		want        int
	}{
		{"articles", "SELECT COUNT(*) FROM articles", 2},
		{"bands", "SELECT COUNT(*) FROM bands", 2 * dedup.Bands},
		{"bands of removed articles", "SELECT COUNT(*) FROM bands WHERE article_id NOT IN (SELECT id FROM articles)", 0},
		{"stories", "SELECT COUNT(*) FROM stories", 2},
		{"keys of removed stories", "SELECT COUNT(*) FROM story_keys WHERE story_id NOT IN (SELECT id FROM stories)", 0},
		{"size of the mixed story", "SELECT size FROM stories WHERE id = " + strconv.FormatInt(mixed.ID, 10), 1},
	} {
		if n := count(t, db, c.query); n != c.want {
			t.Errorf("%s: %d, want %d", c.what, n, c.want)
		}
	}
	if _, err := db.Doc(ctx, ids[0]); !errors.Is(err, story.ErrNotFound) {
		t.Errorf("pruned article still readable: %v", err)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestDelete(t *testing.T) {
	arts := dev(t)
	db := openTemp(t)
	r, err := db.Put(ctx, analyse(t, arts[40]), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &story.Story{Title: "x", Size: 1, Keys: []string{"t:x"}}
	if err := db.PutStory(ctx, s); err != nil {
		t.Fatal(err)
	}
	db.SetStory(ctx, r.ID, s.ID)
	if err := db.Delete(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM bands) + (SELECT COUNT(*) FROM stories) + (SELECT COUNT(*) FROM story_keys)"); n != 0 {
		t.Errorf("%d rows left after deleting the only article", n)
	}
	if err := db.Delete(ctx, r.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
}

func TestPutAllIsAllOrNothing(t *testing.T) {
	arts := dev(t)
	db := openTemp(t)
	docs := []*analysis.Doc{analyse(t, arts[50]), analyse(t, arts[51]), analyse(t, arts[50])}
	failing := errors.New("clusterer failed")
	calls := 0
	_, err := db.PutAll(ctx, docs, func(ctx context.Context, st story.Store, id int64, d *analysis.Doc) (int64, error) {
		calls++
		if calls == 2 {
			return 0, failing
		}
		s := &story.Story{Title: d.Article.Title, Size: 1, Keys: []string{"t:x"}}
		if err := st.PutStory(ctx, s); err != nil {
			return 0, err
		}
		return s.ID, st.SetStory(ctx, id, s.ID)
	})
	if !errors.Is(err, failing) {
		t.Fatalf("PutAll error %v, want the assigner's", err)
	}
	if n := count(t, db, "SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM bands) + (SELECT COUNT(*) FROM stories) + (SELECT COUNT(*) FROM story_keys)"); n != 0 {
		t.Errorf("%d rows written by a failed batch", n)
	}
	res, err := db.PutAll(ctx, docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Duplicate || res[1].Duplicate || !res[2].Duplicate || res[2].ID != res[0].ID {
		t.Errorf("PutAll = %+v; want the third (a repeat of the first) to be a duplicate", res)
	}
}

func TestStoriesOf(t *testing.T) {
	arts := dev(t)
	db := openTemp(t)
	s1 := &story.Story{Title: "s", Size: 1}
	s2 := &story.Story{Title: "t", Size: 1}
	for _, s := range []*story.Story{s1, s2} {
		if err := db.PutStory(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	var ids []int64
	for i, a := range arts[60:64] {
		r, err := db.Put(ctx, analyse(t, a), nil)
		if err != nil {
			t.Fatal(err)
		}
		if i < 3 {
			sid := s1.ID
			if i == 2 {
				sid = s2.ID
			}
			db.SetStory(ctx, r.ID, sid)
		}
		ids = append(ids, r.ID)
	}
	for _, tc := range []struct {
		name string
		ids  []int64
		want int
	}{
		{"two articles of one story", ids[:2], 1},
		{"three articles of two stories", ids[:3], 2},
		{"an article in no story counts for nothing", ids[3:], 0},
		{"unknown ids count for nothing", []int64{1 << 40}, 0},
		{"no ids", nil, 0},
	} {
		if n, err := db.StoriesOf(ctx, tc.ids); err != nil || n != tc.want {
			t.Errorf("%s: StoriesOf = %d, %v; want %d", tc.name, n, err, tc.want)
		}
	}
}

// In a transaction, Candidates remembers the rows it read so that Story
// needs no query; any write must forget them, or Story would serve the
// version from before the write.
func TestCandidateRowsForgottenOnWrite(t *testing.T) {
	db := openTemp(t)
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	s := &story.Story{Title: "a", Size: 1, Keys: []string{"t:a"}, FirstSeen: now, LastSeen: now}
	if err := db.PutStory(ctx, s); err != nil {
		t.Fatal(err)
	}
	sqltx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sqltx.Rollback()
	o := &ops{q: cq{db: db, tx: sqltx}, db: db, tx: true}
	cands, err := o.Candidates(ctx, []string{"t:a", "t:none"}, now.Add(-time.Hour), now.Add(time.Hour), 5)
	if err != nil || len(cands) != 1 || cands[0].StoryID != s.ID || cands[0].Shared != 1 {
		t.Fatalf("candidates %+v, %v; want story %d sharing 1 key", cands, err, s.ID)
	}
	got, err := o.Story(ctx, s.ID)
	if err != nil || got.Title != "a" || got.Size != 1 {
		t.Fatalf("story %+v, %v", got, err)
	}
	c := got.Clone()
	c.Title, c.Size = "b", 2
	if err := o.PutStory(ctx, c); err != nil {
		t.Fatal(err)
	}
	if again, err := o.Story(ctx, s.ID); err != nil || again.Title != "b" || again.Size != 2 {
		t.Fatalf("after PutStory in the transaction: %+v, %v; want b, size 2", again, err)
	}
	if err := sqltx.Rollback(); err != nil {
		t.Fatal(err)
	}
	// Rolled back: the committed story is served, not the cached "b".
	if back, err := db.Story(ctx, s.ID); err != nil || back.Title != "a" || back.Size != 1 {
		t.Fatalf("after rollback: %+v, %v; want a, size 1", back, err)
	}
}
