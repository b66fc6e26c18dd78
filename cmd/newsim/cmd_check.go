package main

// newsim check, and the store-path flag and read-only opening that the
// store commands share (issue 10).

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/newsim/newsim/store"
)

// storePathFlag is the value of --store: any path but the empty one,
// which would silently mean the default store.
type storePathFlag string

func (p *storePathFlag) String() string { return string(*p) }

func (p *storePathFlag) Set(v string) error {
	if v == "" {
		return errors.New("empty path (leave --store out to use the default store)")
	}
	*p = storePathFlag(v)
	return nil
}

// openStoreReadOnly opens an existing store for the commands that only
// read it (stories, story, similar, dupes, check): store.OpenReadOnly at
// path, or at store.DefaultPath() when path is "". A missing file is an
// error rather than a new empty store.
func openStoreReadOnly(path string) (*store.DB, error) {
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	db, err := store.OpenReadOnly(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no store at %s (newsim ingest creates it; --store chooses another)", path)
	}
	return db, err
}

// errCheckFailed makes newsim check exit 1 after it printed its report.
var errCheckFailed = errors.New("the store has problems (listed above)")

// runCheck runs `newsim check`: SQLite's integrity check and newsim's own
// invariants over the whole store (store.DB.Check), read-only. It prints a
// report and exits 1 when anything is wrong.
func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := flags("check", stderr)
	storePath := storeFlag(fs)
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError{fmt.Sprintf("check takes no arguments, got %q", fs.Args())}
	}
	db, err := openStoreReadOnly(*storePath)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := db.Check(context.Background())
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "store %s: %d articles, %d stories\n", r.Path, r.Articles, r.Stories)
		for _, m := range r.Integrity {
			fmt.Fprintf(stdout, "integrity: %s\n", m)
		}
		for _, m := range r.Problems {
			fmt.Fprintf(stdout, "problem: %s\n", m)
		}
		if r.OK {
			fmt.Fprintln(stdout, "ok: SQLite's integrity check and newsim's invariants hold")
		}
	}
	if !r.OK {
		return errCheckFailed
	}
	return nil
}
