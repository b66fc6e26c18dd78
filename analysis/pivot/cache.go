package pivot

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// tableVersion changes whenever the way translation tables are built
// changes, so that cached tables of an older build are not used.
const tableVersion = 1

// CacheDir is where built translation tables are kept: $NEWSIM_CACHE, else
// the user's cache directory + /newsim. Empty: no caching.
var CacheDir = func() string {
	if d := os.Getenv("NEWSIM_CACHE"); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "newsim")
	}
	return ""
}()

// cachePath names lang's table for the given installed dictionaries: the
// name changes with any package, version or size, and with tableVersion.
func cachePath(lang string, srcs []Source) string {
	if CacheDir == "" {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%d\n", tableVersion)
	for _, s := range srcs {
		fmt.Fprintf(h, "%s %s %d\n", s.Package, s.Version, s.Size)
	}
	return filepath.Join(CacheDir, "pivot", fmt.Sprintf("%s-%s.tsv", lang, hex.EncodeToString(h.Sum(nil))[:16]))
}

// The table file: a first line with the JSON list of sources, then one
// line per source term: term TAB english SPACE weight TAB …
func writeCache(path string, d *Dict) {
	if path == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	var buf bytes.Buffer
	js, _ := json.Marshal(d.Sources)
	buf.Write(js)
	buf.WriteByte('\n')
	keys := make([]string, 0, len(d.senses))
	for k := range d.senses {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		buf.WriteString(k)
		for _, s := range d.senses[k] {
			buf.WriteByte('\t')
			buf.WriteString(s.Term)
			buf.WriteByte(' ')
			buf.WriteString(strconv.FormatFloat(float64(s.Weight), 'g', 6, 32))
		}
		buf.WriteByte('\n')
	}
	tmp := path + ".tmp" + strconv.Itoa(os.Getpid())
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
	}
}

func readCache(path, lang string) (*Dict, error) {
	if path == "" {
		return nil, os.ErrNotExist
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		return nil, fmt.Errorf("%s: no header", path)
	}
	d := &Dict{Lang: lang}
	if err := json.Unmarshal(data[:nl], &d.Sources); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	intern := map[string]string{}
	d.senses = make(map[string][]Sense, bytes.Count(data, []byte{'\n'}))
	sc := bufio.NewScanner(bytes.NewReader(data[nl+1:]))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("%s: bad line %q", path, sc.Text())
		}
		ss := make([]Sense, 0, len(f)-1)
		for _, x := range f[1:] {
			sp := strings.LastIndexByte(x, ' ')
			if sp < 0 {
				return nil, fmt.Errorf("%s: bad sense %q", path, x)
			}
			w, err := strconv.ParseFloat(x[sp+1:], 32)
			if err != nil {
				return nil, fmt.Errorf("%s: bad weight %q", path, x)
			}
			t := x[:sp]
			if s, ok := intern[t]; ok {
				t = s
			} else {
				intern[t] = t
			}
			ss = append(ss, Sense{Term: t, Weight: float32(w)})
		}
		d.senses[f[0]] = ss
	}
	return d, sc.Err()
}
