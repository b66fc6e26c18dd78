// Package store keeps analysed articles, their near-duplicate index and
// their stories in one SQLite file (pure-Go driver modernc.org/sqlite, no
// cgo, no server to run), or in a PostgreSQL database shared by processes
// on several machines (Open with a postgres:// URL; driver
// github.com/jackc/pgx/v5; postgres.go says what differs and why it does
// not show). Both run the same statements with the same semantics.
//
// # Schema (version 2, PRAGMA user_version)
//
//	articles(id INTEGER PRIMARY KEY AUTOINCREMENT,
//	         ext_id TEXT,        -- the source's id (article.Article.ID)
//	         url TEXT UNIQUE,    -- NULL when the article has none
//	         hash BLOB UNIQUE,   -- ContentHash: 16 bytes of SHA-256
//	         source, lang, title TEXT,
//	         date INTEGER,       -- publication time, Unix ns; NULL unknown
//	         ingested INTEGER,   -- Unix ns
//	         at INTEGER,         -- date, or ingested when date is NULL
//	         story_id INTEGER,   -- NULL until clustered
//	         dup_group INTEGER,  -- NULL, or the id of the group's first article
//	         sig BLOB,           -- dedup.Signature (512 bytes), NULL if no words
//	         doc BLOB)           -- analysis.Doc: Snappy-compressed JSON
//	bands(key INTEGER, article_id INTEGER, PRIMARY KEY(key, article_id))  -- 25 LSH keys per article
//	stories(id INTEGER PRIMARY KEY AUTOINCREMENT, size, first_seen, last_seen INTEGER,
//	        keys TEXT,          -- the story's index keys, newline-separated
//	        data BLOB,          -- story.Story: Snappy-compressed JSON
//	        version INTEGER)    -- random, new on every write (cache validation; v2)
//	story_keys(key TEXT, last_seen INTEGER, first_seen INTEGER, story_id INTEGER,
//	           PRIMARY KEY(key, last_seen, story_id))  -- inverted index of stories
//
// Indexes: articles(at), articles(story_id, at), articles(dup_group).
// A store whose user_version is higher than SchemaVersion was written by a
// newer newsim and is refused (ErrNewerSchema); older versions are migrated
// at Open, in one transaction.
//
// # Concurrency and durability
//
// The file is in WAL mode with synchronous=NORMAL and a busy timeout of
// BusyTimeout: readers never block, and a second writer (another newsim
// process) waits for the first to commit, failing with a "database is
// locked" error only after BusyTimeout. Write transactions begin
// IMMEDIATE, so they take the write lock up front and never deadlock on
// upgrade. Every Put is one transaction: an article is stored with its
// analysis, signature, bands, duplicate group and story, or not at all; a
// committed article survives the process being killed (kill -9). A power
// loss may lose the last transactions (synchronous=NORMAL) but never
// corrupts the file.
//
// # Cost (n articles stored, s stories)
//
// Known: two index lookups, O(log n). Put: O(log n) for the row plus 25
// band inserts, candidate signatures read by id, and what the story
// clusterer asks for; about 0.5–2 ms on one core. Dupes: O(d log d) for d
// articles in groups. Prune: O(k·(25 + log n)) for k pruned articles, in
// one transaction. A store holds about 2–4 KB per article (the compressed
// analysis dominates).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/newsim/newsim/analysis"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// PageCacheKiB is the most memory, in KiB, each connection's SQLite page
// cache holds (SQLite's default is 2,000 KiB). The index B-trees that
// ingest touches at random (LSH bands, story keys) then stay in memory,
// instead of costing a read system call per page.
const PageCacheKiB = 64 << 10

// SchemaVersion is the schema version this package writes (PRAGMA
// user_version).
const SchemaVersion = 2

// BusyTimeout is how long a writer waits for another process's write
// transaction before failing.
const BusyTimeout = 60 * time.Second

// EnvStore is the environment variable that overrides the default store
// path.
const EnvStore = "NEWSIM_STORE"

// ErrNewerSchema is wrapped by Open when the file was written by a newer
// version of newsim.
var ErrNewerSchema = errors.New("store written by a newer newsim")

// DefaultPath returns the store path used when none is given: $NEWSIM_STORE
// when set, else $XDG_DATA_HOME/newsim/newsim.db, else
// ~/.local/share/newsim/newsim.db.
func DefaultPath() (string, error) {
	if p := os.Getenv(EnvStore); p != "" {
		return p, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "newsim", "newsim.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no store path: set --store or %s (%v)", EnvStore, err)
	}
	return filepath.Join(home, ".local", "share", "newsim", "newsim.db"), nil
}

// DB is an open store. It is safe for concurrent use by several
// goroutines; writes are serialised by SQLite.
type DB struct {
	sql     *sql.DB
	path    string                           // the file, or the PostgreSQL URL without its password
	pg      bool                             // PostgreSQL (else SQLite)
	cache   *lru.Cache[int64, *analysis.Doc] // decoded Docs of committed articles, DocCacheSize
	stories *lru.Cache[int64, storyEntry]    // decoded stories by id, StoryCacheSize
	stmts   stmtCache
	file    os.FileInfo // the file opened, for CheckFile
	ops
}

// Open opens the store at path, creating the file and its directory if
// needed, and migrates its schema to SchemaVersion. A path that is a
// postgres:// or postgresql:// URL (IsURL) opens that PostgreSQL database
// instead, creating newsim's tables in it if needed. It fails with an
// error wrapping ErrNewerSchema when the store has a newer schema, and
// with a clear error when the file is not an SQLite database.
func Open(path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("store: empty path")
	}
	if IsURL(path) {
		return openPostgres(path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("store %s: %w", path, err)
		}
	}
	q := fmt.Sprintf("?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-%d)&_txlock=immediate",
		BusyTimeout.Milliseconds(), PageCacheKiB)
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+q)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	d := newDB(db, path, false)
	// A new file being created, switched to WAL or migrated by another
	// process answers "database is locked" at once, without SQLite's
	// busy wait: try again, up to BusyTimeout.
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		err := d.migrate(context.Background())
		if err == nil {
			break
		}
		if !isBusy(err) || time.Since(start) > BusyTimeout {
			db.Close()
			return nil, fmt.Errorf("store %s: %w", path, err)
		}
	}
	d.file, _ = os.Stat(path) // identity (device, inode) for CheckFile
	return d, nil
}

// isBusy reports whether err is SQLite's "database is locked" (SQLITE_BUSY).
func isBusy(err error) bool {
	return strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked")
}

func newDB(db *sql.DB, path string, pg bool) *DB {
	d := &DB{sql: db, path: path, pg: pg}
	d.cache, _ = lru.New[int64, *analysis.Doc](DocCacheSize) // errs only for a size ≤ 0
	d.stories, _ = lru.New[int64, storyEntry](StoryCacheSize)
	d.ops = ops{q: cq{db: d}, db: d}
	return d
}

// Backend names the database behind the store: "sqlite" or "postgres".
func (d *DB) Backend() string {
	if d.pg {
		return "postgres"
	}
	return "sqlite"
}

// begin starts a write transaction. On SQLite it begins IMMEDIATE (the
// connection's _txlock), taking the file's write lock up front; on
// PostgreSQL it takes the store's advisory write lock, waiting at most
// BusyTimeout, so that writers are serialised alike on both.
func (d *DB) begin(ctx context.Context) (*sql.Tx, error) {
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil || !d.pg {
		return tx, err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("SET LOCAL lock_timeout = %d", BusyTimeout.Milliseconds())); err != nil {
		tx.Rollback()
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", writeLockKey); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("waiting for the store's write lock: %w", err)
	}
	return tx, nil
}

// Bytes is the space the store takes: the SQLite file plus its WAL, or
// the PostgreSQL database's size (pg_database_size).
func (d *DB) Bytes(ctx context.Context) (int64, error) {
	if d.pg {
		var n int64
		err := d.sql.QueryRowContext(ctx, "SELECT pg_database_size(current_database())").Scan(&n)
		return n, err
	}
	var n int64
	for _, p := range []string{d.path, d.path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			n += st.Size()
		}
	}
	return n, nil
}

// escapePath makes path safe inside a file: URI (? and # would start the
// query or fragment).
func escapePath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// Path returns the file the store was opened from (for PostgreSQL, its URL
// without the password).
func (d *DB) Path() string { return d.path }

// Close closes the store.
func (d *DB) Close() error {
	d.stmts.close()
	return d.sql.Close()
}

// SQL returns the underlying database handle, for read-only inspection
// (tests, integrity checks). Do not write through it.
func (d *DB) SQL() *sql.DB { return d.sql }

var migrations = []string{
	// version 0 → 1
	`CREATE TABLE articles(
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		ext_id TEXT NOT NULL DEFAULT '',
		url TEXT,
		hash BLOB NOT NULL,
		source TEXT NOT NULL DEFAULT '',
		lang TEXT NOT NULL,
		title TEXT NOT NULL,
		date INTEGER,
		ingested INTEGER NOT NULL,
		at INTEGER NOT NULL,
		story_id INTEGER,
		dup_group INTEGER,
		sig BLOB,
		doc BLOB NOT NULL
	);
	CREATE UNIQUE INDEX articles_url ON articles(url);
	CREATE UNIQUE INDEX articles_hash ON articles(hash);
	CREATE INDEX articles_at ON articles(at);
	CREATE INDEX articles_story ON articles(story_id, at);
	CREATE INDEX articles_dup ON articles(dup_group) WHERE dup_group IS NOT NULL;
	CREATE TABLE bands(
		key INTEGER NOT NULL,
		article_id INTEGER NOT NULL,
		PRIMARY KEY(key, article_id)
	) WITHOUT ROWID;
	CREATE TABLE stories(
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		size INTEGER NOT NULL,
		first_seen INTEGER NOT NULL,
		last_seen INTEGER NOT NULL,
		keys TEXT NOT NULL,
		data BLOB NOT NULL
	);
	CREATE INDEX stories_last ON stories(last_seen);
	CREATE TABLE story_keys(
		key TEXT NOT NULL,
		last_seen INTEGER NOT NULL,
		first_seen INTEGER NOT NULL,
		story_id INTEGER NOT NULL,
		PRIMARY KEY(key, last_seen, story_id)
	) WITHOUT ROWID;`,
	// version 1 → 2: stories carry a version (a random number drawn on
	// every write) so that decoded stories can be cached safely.
	`ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 0;`,
}

// fileSchemaVersion reads an SQLite file's schema version (PRAGMA
// user_version), refusing a file that is not an SQLite database and a
// schema newer than SchemaVersion (ErrNewerSchema).
func fileSchemaVersion(ctx context.Context, db *sql.DB) (int, error) {
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		if strings.Contains(err.Error(), "not a database") {
			return 0, errors.New("not a newsim store (the file is not an SQLite database)")
		}
		return 0, err
	}
	if v > SchemaVersion {
		return 0, fmt.Errorf("%w: schema version %d, this newsim reads up to %d; upgrade newsim or choose another --store",
			ErrNewerSchema, v, SchemaVersion)
	}
	return v, nil
}

// migrate brings the schema to SchemaVersion in one transaction.
func (d *DB) migrate(ctx context.Context) error {
	if d.pg {
		return d.migratePG(ctx)
	}
	v, err := fileSchemaVersion(ctx, d.sql)
	if err != nil {
		return err
	}
	if v == SchemaVersion {
		return nil
	}
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Re-read inside the write lock: another process may have migrated.
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v > SchemaVersion {
		return fmt.Errorf("%w: schema version %d, this newsim reads up to %d", ErrNewerSchema, v, SchemaVersion)
	}
	for ; v < SchemaVersion; v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return fmt.Errorf("migrate schema %d→%d: %w", v, v+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion)); err != nil {
		return err
	}
	return tx.Commit()
}

// IntegrityCheck runs PRAGMA integrity_check and returns nil when SQLite
// reports "ok". It reads the whole file: O(file size). On PostgreSQL, which
// keeps its own pages consistent, it checks that the database answers.
func (d *DB) IntegrityCheck(ctx context.Context) error {
	msgs, err := d.pragmaCheck(ctx, "integrity_check")
	if err != nil {
		return err
	}
	if len(msgs) > 0 {
		return fmt.Errorf("store %s: integrity check: %s", d.path, strings.Join(msgs, "; "))
	}
	return nil
}

// Stats are the sizes of a store.
type Stats struct {
	Articles   int64 `json:"articles"`
	Stories    int64 `json:"stories"`
	DupGroups  int64 `json:"dup_groups"`
	FileBytes  int64 `json:"file_bytes"` // main file plus WAL (PostgreSQL: the database's size)
	SchemaVers int   `json:"schema_version"`
}

// Stats counts articles, stories and duplicate groups. Cost: O(n) over the
// articles table's smallest index.
func (d *DB) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	s.SchemaVers = SchemaVersion
	err := d.sql.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM stories),
		(SELECT COUNT(DISTINCT dup_group) FROM articles WHERE dup_group IS NOT NULL)`).Scan(&s.Articles, &s.Stories, &s.DupGroups)
	if err != nil {
		return s, err
	}
	s.FileBytes, err = d.Bytes(ctx)
	return s, err
}

// StoriesOf counts the distinct stories the given articles are in now
// (articles not stored, or not yet in a story, count for nothing). An
// ingest counts the stories of exactly the articles it stored, whatever
// other writers add meanwhile. Cost: one primary-key lookup per id, in
// queries of up to 500 ids.
func (d *DB) StoriesOf(ctx context.Context, ids []int64) (int, error) {
	seen := map[int64]bool{}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		rows, err := d.ops.q.QueryContext(ctx, "SELECT DISTINCT story_id FROM articles WHERE story_id IS NOT NULL AND id IN ("+placeholders(n)+")", args...)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			var s int64
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return 0, err
			}
			seen[s] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
		ids = ids[n:]
	}
	return len(seen), nil
}
