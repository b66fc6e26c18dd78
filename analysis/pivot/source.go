package pivot

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Source identifies one installed dictionary: its Debian package and
// version (from the dpkg status file; "unknown" without dpkg), the size
// of its data file, and, once loaded, the data file's SHA-256.
type Source struct {
	Package string `json:"package"`
	Version string `json:"version"`
	Size    int64  `json:"size"`
	SHA256  string `json:"sha256,omitempty"`
}

func (s Source) String() string { return s.Package + " " + s.Version }

// DpkgStatus is the dpkg status file package versions are read from.
var DpkgStatus = "/var/lib/dpkg/status"

var (
	versionsOnce sync.Once
	versions     map[string]string
)

// packageVersion returns the installed version of a Debian package, or
// "unknown".
func packageVersion(pkg string) string {
	versionsOnce.Do(func() {
		versions = map[string]string{}
		f, err := os.Open(DpkgStatus)
		if err != nil {
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<16), 1<<20)
		var cur string
		for sc.Scan() {
			l := sc.Text()
			switch {
			case strings.HasPrefix(l, "Package: "):
				cur = strings.TrimPrefix(l, "Package: ")
			case strings.HasPrefix(l, "Version: ") && strings.HasPrefix(cur, "dict-freedict-"):
				versions[cur] = strings.TrimPrefix(l, "Version: ")
			}
		}
	})
	if v, ok := versions[pkg]; ok {
		return v
	}
	return "unknown"
}

// installed describes the dictionary name (e.g. "spa-eng") found in dir,
// without reading it (no SHA-256).
func installed(dir, name string) Source {
	s := Source{Package: "dict-freedict-" + name, Version: packageVersion("dict-freedict-" + name)}
	base := filepath.Join(dir, "freedict-"+name)
	if fi, err := os.Stat(base + ".dict.dz"); err == nil {
		s.Size = fi.Size()
	} else if fi, err := os.Stat(base + ".dict"); err == nil {
		s.Size = fi.Size()
	}
	return s
}

// Installed lists the dictionaries of every language present in Dir, by
// package name, without reading them (a stat and the dpkg status per
// dictionary): what a model records it was trained with.
func Installed() []Source {
	var out []Source
	for _, l := range Languages() {
		for _, name := range dictionaries[l] {
			if _, err := os.Stat(filepath.Join(Dir, "freedict-"+name+".index")); err != nil {
				continue
			}
			out = append(out, installed(Dir, name))
		}
	}
	slices.SortFunc(out, func(a, b Source) int { return strings.Compare(a.Package, b.Package) })
	return out
}

// Differences compares the dictionaries a model was trained with
// (trained, as Installed gave them then) with those installed now and
// describes every difference, one line each (nil when they agree):
// scores of pairs in the affected languages may differ from the
// evaluated ones.
func Differences(trained []Source) []string {
	now := map[string]Source{}
	for _, s := range Installed() {
		now[s.Package] = s
	}
	var out []string
	seen := map[string]bool{}
	for _, t := range trained {
		seen[t.Package] = true
		n, ok := now[t.Package]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("dictionary %s (%s) was used to train the model but is not installed", t.Package, t.Version))
		case n.Version != t.Version || n.Size != t.Size:
			out = append(out, fmt.Sprintf("dictionary %s is version %s (%d bytes); the model was trained with %s (%d bytes)", t.Package, n.Version, n.Size, t.Version, t.Size))
		}
	}
	for _, n := range Installed() {
		if !seen[n.Package] {
			out = append(out, fmt.Sprintf("dictionary %s (%s) is installed but the model was trained without it", n.Package, n.Version))
		}
	}
	return out
}
