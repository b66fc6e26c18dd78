// Package testfs damages and locks real files for tests of newsim's
// store checks: pages overwritten on disk, directories nobody (not even
// root) can write.
package testfs

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// DamagePages overwrites the second half of every 4 KiB page of the file
// at path after the first (the SQLite header and schema stay readable), as
// a failing disk or a stray write would.
func DamagePages(t testing.TB, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	garbage := []byte(strings.Repeat("\xab", 2048))
	for off := int64(4096); off < fi.Size(); off += 4096 {
		if _, err := f.WriteAt(garbage, off+2048); err != nil {
			t.Fatal(err)
		}
	}
}

// ReadOnlyDir makes dir unwritable until the test ends: with chmod for
// other users, with the immutable attribute (chattr +i) for root, who
// writes through permissions. It skips the test when neither is possible
// (a file system without the attribute).
func ReadOnlyDir(t testing.TB, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot make a directory read-only as root here (chattr: %v %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
}
