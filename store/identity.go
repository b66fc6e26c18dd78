package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrFileGone is wrapped by CheckFile's error when the store file was
// deleted or replaced while the store was open: SQLite keeps writing to
// the open (unlinked or old) file, so every later write would be lost.
var ErrFileGone = errors.New("store file deleted or replaced while open")

// CheckFile reports whether the file at the store's path is still the one
// Open opened (same device and inode). It fails, wrapping ErrFileGone,
// when the file was deleted, renamed away or replaced by another file
// since. Cost: one stat system call. Call it before writes and in health
// checks.
func (d *DB) CheckFile() error {
	if d.file == nil { // not recorded at Open (an in-memory store)
		return nil
	}
	fi, err := os.Stat(d.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("store %s: %w: the file no longer exists (deleted or moved); restart newsim to open a store there", d.path, ErrFileGone)
	case err != nil:
		return fmt.Errorf("store %s: %w", d.path, err)
	case !os.SameFile(fi, d.file):
		return fmt.Errorf("store %s: %w: another file is at that path now (device/inode changed); restart newsim to open it", d.path, ErrFileGone)
	}
	return nil
}
