package article

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Walk reads the articles of every input named in paths, in order, and
// calls fn with each Record. A path is
//
//   - "-": standard input (read from stdin, named StdinName);
//   - a file, read whatever its extension;
//   - a directory: every file below it with an article extension (see
//     HasArticleExt), in lexical order, skipping hidden files and
//     directories (names starting with ".");
//   - a glob pattern ("news/*.html"), when no file has that very name:
//     every match, as above.
//
// An input that cannot be read at all (missing, empty, binary, too large,
// no article…) is given to fn as one Record with Line 0 and Err set, and
// the walk goes on; so are bad records of a batch. Walk returns the first
// error fn returns, and nothing else: it never stops for bad input.
func Walk(paths []string, stdin io.Reader, fn func(Record) error) error {
	return Options{}.Walk(paths, stdin, fn)
}

// Walk is the package-level Walk with these options.
func (o Options) Walk(paths []string, stdin io.Reader, fn func(Record) error) error {
	var stop error
	guarded := func(rec Record) error {
		if err := fn(rec); err != nil {
			stop = err
			return err
		}
		return nil
	}
	report := func(name string, err error) error {
		if stop != nil {
			return stop
		}
		if err == nil {
			return nil
		}
		var e *Error
		if !errors.As(err, &e) {
			e = &Error{Name: name, Err: err}
		}
		return guarded(Record{Name: name, Line: e.Line, Err: e})
	}
	for _, p := range paths {
		if p == "-" {
			if stdin == nil {
				stdin = os.Stdin
			}
			if err := report(StdinName, o.ReadBatch(StdinName, stdin, guarded)); err != nil {
				return err
			}
			continue
		}
		targets := []string{p}
		if _, err := os.Stat(p); err != nil && strings.ContainsAny(p, "*?[") {
			matches, gerr := filepath.Glob(p)
			switch {
			case gerr != nil:
				if err := report(p, problem(fs.ErrInvalid, "bad pattern: %v", gerr)); err != nil {
					return err
				}
				continue
			case len(matches) == 0:
				if err := report(p, problem(fs.ErrNotExist, "no file matches the pattern")); err != nil {
					return err
				}
				continue
			}
			targets = matches
		}
		for _, t := range targets {
			if err := o.walkPath(t, guarded, report); err != nil {
				return err
			}
		}
	}
	return nil
}

func (o Options) walkPath(p string, fn func(Record) error, report func(string, error) error) error {
	st, err := os.Stat(p)
	if err != nil || !st.IsDir() {
		return report(p, o.ReadFileBatch(p, fn))
	}
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return report(path, unwrapPathError(err))
		}
		hidden := path != p && strings.HasPrefix(d.Name(), ".")
		if d.IsDir() {
			if hidden {
				return filepath.SkipDir
			}
			return nil
		}
		if hidden || !HasArticleExt(path) {
			return nil
		}
		return report(path, o.ReadFileBatch(path, fn))
	})
}
