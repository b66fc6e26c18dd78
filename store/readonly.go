package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
)

// OpenReadOnly opens the existing store at path for reading only (the
// read commands: stories, story, similar, dupes, check): nothing is
// created or migrated, and a file or directory the user cannot write (a
// read-only mount, another user's store) can still be read. When SQLite
// cannot even create its shared-memory file next to the store, the file
// is opened as immutable (no other process can be writing it then, for
// the write-ahead log cannot be created either). A missing file is an
// error wrapping fs.ErrNotExist; a store of another schema version is
// refused (a newer one wrapping ErrNewerSchema; an older one needs a write
// to migrate it: run newsim ingest once). A PostgreSQL URL is opened as
// Open opens it.
func OpenReadOnly(path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("store: empty path")
	}
	if IsURL(path) {
		// A PostgreSQL database: the server enforces who may write;
		// opened as Open does (which creates newsim's tables if missing).
		return Open(path)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	d, err := openRO(path, false)
	if err != nil && strings.Contains(err.Error(), "unable to open") {
		// The immutable file would be read without its write-ahead log.
		if wal, serr := os.Stat(path + "-wal"); serr == nil && wal.Size() > 0 {
			return nil, fmt.Errorf("store %s: %w; its write-ahead log %s-wal holds changes that cannot be read without write access to the directory", path, err, path)
		}
		d, err = openRO(path, true)
	}
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return d, nil
}

func openRO(path string, immutable bool) (*DB, error) {
	q := fmt.Sprintf("?mode=ro&_pragma=busy_timeout(%d)&_pragma=cache_size(-%d)", BusyTimeout.Milliseconds(), PageCacheKiB)
	if immutable {
		q += "&immutable=1"
	}
	db, err := sql.Open("sqlite", "file:"+escapePath(path)+q)
	if err != nil {
		return nil, err
	}
	v, err := fileSchemaVersion(context.Background(), db)
	if err != nil {
		db.Close()
		return nil, err
	}
	if v < SchemaVersion {
		db.Close()
		return nil, fmt.Errorf("schema version %d is older than this newsim's %d and must be migrated by a write: run newsim ingest on it once", v, SchemaVersion)
	}
	d := newDB(db, path, false)
	d.file, _ = os.Stat(path)
	return d, nil
}
