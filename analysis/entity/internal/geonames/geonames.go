// Package geonames reads the GeoNames city names newsim embeds and the
// Debian catalogues they are generated from.
//
// The embedded file (analysis/entity/geonames.tsv.gz) is gzip-compressed
// UTF-8 text: comment lines starting with "#" (attribution, source), then
// one line per name, "lang TAB id TAB name", sorted by language (in the
// order of Langs) and then by id. It holds, for each language of Langs,
// every entry of Debian libgeonames-common's catalogue
// /usr/share/locale/<lang>/LC_MESSAGES/geonames.mo whose id is a GeoNames
// id or admin code (IsID) and whose name is not empty: the subset the
// gazetteer reads. `go generate ./analysis/entity` rewrites it.
package geonames

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Langs are the gazetteer languages, in the order the gazetteer reads them.
var Langs = []string{"ar", "en", "de", "es", "fr", "it", "pl", "ru", "tr", "pt", "nl", "zh"}

// Entry is one name of a GeoNames id in one language.
type Entry struct {
	Lang, ID, Name string
}

// IsID reports whether a catalogue msgid is a GeoNames id (digits) or an
// admin code such as "US.WA"; the catalogue header (msgid "") is not.
func IsID(id string) bool {
	if id == "" {
		return false
	}
	c := id[0]
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
}

// FromCatalogues reads the catalogues <dir>/<lang>/LC_MESSAGES/geonames.mo
// of every language of Langs and returns the entries the gazetteer uses,
// in file order. The English catalogue must exist; another language's may
// be missing (it is then left out).
func FromCatalogues(dir string) ([]Entry, error) {
	var out []Entry
	for _, l := range Langs {
		path := filepath.Join(dir, l, "LC_MESSAGES", "geonames.mo")
		cat, err := ReadMO(path)
		if err != nil {
			if l == "en" || !errors.Is(err, os.ErrNotExist) {
				return nil, err
			}
			continue
		}
		ids := make([]string, 0, len(cat))
		for id, name := range cat {
			if IsID(id) && name != "" {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		for _, id := range ids {
			name := cat[id]
			if strings.ContainsAny(name, "\t\n\r") || strings.ContainsAny(id, "\t\n\r") {
				return nil, fmt.Errorf("%s: entry %q: name %q holds a tab or line break", path, id, name)
			}
			out = append(out, Entry{Lang: l, ID: id, Name: name})
		}
	}
	return out, nil
}

// Encode writes entries in the embedded format, gzip-compressed, after the
// comment lines header (each written with a leading "# "). The output is
// deterministic for a given Go version.
func Encode(w io.Writer, header []string, entries []Entry) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	for _, h := range header {
		fmt.Fprintf(bw, "# %s\n", h)
	}
	for _, e := range entries {
		fmt.Fprintf(bw, "%s\t%s\t%s\n", e.Lang, e.ID, e.Name)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Decode reads the embedded format. The fingerprint is "sha256:" and the
// hex SHA-256 of the entry lines (comments excluded), so it names the data
// whatever the compression or the attribution wording.
func Decode(gz []byte) (entries []Entry, fingerprint string, err error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, "", fmt.Errorf("geonames data: %w", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, "", fmt.Errorf("geonames data: %w", err)
	}
	h := sha256.New()
	s := string(b)
	entries = make([]Entry, 0, strings.Count(s, "\n"))
	for n := 1; s != ""; n++ {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i+1], s[i+1:]
		} else {
			s = ""
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		h.Write(b[len(b)-len(s)-len(line) : len(b)-len(s)])
		lang, rest, ok1 := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		id, name, ok2 := strings.Cut(rest, "\t")
		if !ok1 || !ok2 || strings.Contains(name, "\t") {
			return nil, "", fmt.Errorf("geonames data: line %d: %d fields, want 3 (lang, id, name)", n, strings.Count(line, "\t")+1)
		}
		entries = append(entries, Entry{Lang: lang, ID: id, Name: name})
	}
	return entries, "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// ReadMO reads a GNU gettext .mo catalogue into a map from msgid to msgstr.
func ReadMO(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 28 {
		return nil, fmt.Errorf("%s: not a gettext catalogue (too short)", path)
	}
	var bo binary.ByteOrder
	switch binary.LittleEndian.Uint32(b) {
	case 0x950412de:
		bo = binary.LittleEndian
	case 0xde120495:
		bo = binary.BigEndian
	default:
		return nil, fmt.Errorf("%s: not a gettext catalogue (bad magic)", path)
	}
	n := int(bo.Uint32(b[8:]))
	ot := int(bo.Uint32(b[12:]))
	tt := int(bo.Uint32(b[16:]))
	if n < 0 || ot+8*n > len(b) || tt+8*n > len(b) || ot < 0 || tt < 0 {
		return nil, errors.New(path + ": corrupt gettext catalogue")
	}
	str := func(tab, i int) (string, bool) {
		l := int(bo.Uint32(b[tab+8*i:]))
		o := int(bo.Uint32(b[tab+8*i+4:]))
		if l < 0 || o < 0 || o+l > len(b) {
			return "", false
		}
		return string(b[o : o+l]), true
	}
	m := make(map[string]string, n)
	for i := 0; i < n; i++ {
		k, ok1 := str(ot, i)
		v, ok2 := str(tt, i)
		if ok1 && ok2 {
			m[k] = v
		}
	}
	return m, nil
}
