package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsim/newsim/internal/testfs"
	"github.com/newsim/newsim/store"
)

// newsim check passes a healthy store and exits 1 with a report on a store
// with a broken invariant or damaged pages.
func TestCheckCommandReportsACorruptedStore(t *testing.T) {
	path := seededStore(t)
	if out := runOK(t, "check", "--store", path); !strings.Contains(out, "ok:") || !strings.Contains(out, "2 articles") {
		t.Errorf("check of a healthy store:\n%s", out)
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(context.Background(), "UPDATE stories SET size = size + 5"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, errOut := runCode("check", "--store", path)
	if code != 1 || !strings.Contains(out, "problem: story size differs from its article count") || !strings.Contains(errOut, "problems") {
		t.Errorf("check of a store with a wrong story size: exit %d\n%s%s", code, out, errOut)
	}
	testfs.DamagePages(t, path)
	code, out, errOut = runCode("check", "--store", path, "--json")
	if code != 1 || !strings.Contains(out, `"ok": false`) || !strings.Contains(out, `"integrity": [`) || strings.Contains(out, `"integrity": []`) {
		t.Errorf("check of a store with damaged pages: exit %d\n%s%s", code, out, errOut)
	}
}

// --store ” is refused by every command that takes it, instead of
// silently meaning the default store.
func TestEmptyStorePathIsRefused(t *testing.T) {
	t.Setenv(store.EnvStore, filepath.Join(t.TempDir(), "default.db")) // where the default would go
	for _, args := range [][]string{
		{"ingest", "--store", "", seedPaths[0]},
		{"stories", "--store", ""},
		{"story", "--store", "", "1"},
		{"similar", "--store", "", seedPaths[0]},
		{"dupes", "--store", ""},
		{"prune", "--store", "", "--before", "2020-01-01"},
		{"check", "--store", ""},
		{"serve", "--store", "", "--addr", "127.0.0.1:0"},
		{"stories", "--store="},
	} {
		code, out, errOut := runCode(args...)
		if code != 2 || !strings.Contains(errOut, "empty path") {
			t.Errorf("newsim %q: exit %d, want 2 naming the empty path\n%s%s", args, code, out, errOut)
		}
	}
	if _, err := os.Stat(os.Getenv(store.EnvStore)); err == nil {
		t.Error("an empty --store created the default store")
	}
}

// The read commands read a store in a directory they cannot write.
func TestReadCommandsReadAReadOnlyStore(t *testing.T) {
	path := seededStore(t)
	testfs.ReadOnlyDir(t, filepath.Dir(path))
	out := runOK(t, "stories", "--store", path, "--json")
	if !strings.Contains(out, `"size": 2`) {
		t.Errorf("stories of the read-only store:\n%s", out)
	}
	runOK(t, "story", "--store", path, "1")
	runOK(t, "dupes", "--store", path)
	runOK(t, "similar", "--store", path, seedPaths[1])
	runOK(t, "check", "--store", path)
	if code, _, errOut := runCode("ingest", "--store", path, seedPaths[0]); code == 0 {
		t.Errorf("ingest into a read-only store exited 0: %s", errOut)
	}
}
