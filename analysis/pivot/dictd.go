package pivot

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
)

// entry is one dictd index line: a headword and the byte range of its
// definition in the uncompressed .dict data.
type entry struct {
	head     string
	off, len int
}

// readDictd reads a dictd dictionary (name.index + name.dict.dz, or
// name.dict) into its index entries and the uncompressed definitions, and
// returns the SHA-256 of the compressed data file (hex) to fingerprint it.
// Cost: one decompression of the whole data file (dictzip is gzip).
func readDictd(base string) ([]entry, []byte, string, error) {
	idx, err := os.ReadFile(base + ".index")
	if err != nil {
		return nil, nil, "", err
	}
	var entries []entry
	for n, line := range bytes.Split(idx, []byte{'\n'}) {
		if len(line) == 0 {
			continue
		}
		f := bytes.Split(line, []byte{'\t'})
		if len(f) < 3 {
			return nil, nil, "", fmt.Errorf("%s.index:%d: want headword TAB offset TAB length, got %d fields", base, n+1, len(f))
		}
		off, err1 := b64(f[1])
		ln, err2 := b64(f[2])
		if err1 != nil || err2 != nil {
			return nil, nil, "", fmt.Errorf("%s.index:%d: bad base64 offset or length %q %q", base, n+1, f[1], f[2])
		}
		entries = append(entries, entry{head: string(f[0]), off: off, len: ln})
	}
	data, sum, err := readData(base)
	if err != nil {
		return nil, nil, "", err
	}
	for _, e := range entries {
		if e.off < 0 || e.len < 0 || e.off+e.len > len(data) {
			return nil, nil, "", fmt.Errorf("%s: entry %q points at bytes %d–%d of %d", base, e.head, e.off, e.off+e.len, len(data))
		}
	}
	return entries, data, sum, nil
}

// readData returns the uncompressed definitions of base.dict.dz (or
// base.dict) and the SHA-256 of the file as stored.
func readData(base string) ([]byte, string, error) {
	path := base + ".dict.dz"
	f, err := os.Open(path)
	plain := false
	if os.IsNotExist(err) {
		path = base + ".dict"
		f, err = os.Open(path)
		plain = true
	}
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	h := sha256.New()
	r := io.TeeReader(bufio.NewReaderSize(f, 1<<16), h)
	var data []byte
	if plain {
		data, err = io.ReadAll(r)
	} else {
		var zr *gzip.Reader
		zr, err = gzip.NewReader(r)
		if err == nil {
			data, err = io.ReadAll(zr)
			// The hash must cover the whole file, trailer included.
			io.Copy(io.Discard, r)
		}
	}
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return data, hex.EncodeToString(h.Sum(nil)), nil
}

// b64 decodes dictd's base64 numbers (most significant digit first, the
// alphabet A–Z a–z 0–9 + /).
func b64(s []byte) (int, error) {
	n := 0
	for _, c := range s {
		var d int
		switch {
		case c >= 'A' && c <= 'Z':
			d = int(c - 'A')
		case c >= 'a' && c <= 'z':
			d = int(c-'a') + 26
		case c >= '0' && c <= '9':
			d = int(c-'0') + 52
		case c == '+':
			d = 62
		case c == '/':
			d = 63
		default:
			return 0, fmt.Errorf("bad base64 digit %q", c)
		}
		n = n*64 + d
	}
	return n, nil
}

// senseLines returns the translation lines of a FreeDict definition: the
// headword line (headword, /pronunciation/, <grammar>) is dropped, and so
// are notes, synonym and cross-reference lines; sense numbers ("2. ") are
// cut off. Each line is one sense; its alternatives are split by the
// caller.
func senseLines(def string) []string {
	lines := strings.Split(def, "\n")
	var out []string
	for i, l := range lines {
		if i == 0 {
			continue // the headword line
		}
		t := strings.TrimSpace(l)
		if t == "" || strings.ContainsAny(t, "{}") {
			continue
		}
		low := strings.ToLower(t)
		if strings.HasPrefix(low, "note:") || strings.HasPrefix(low, "synonym") || strings.HasPrefix(low, "see:") ||
			strings.HasPrefix(low, "example") || strings.HasPrefix(low, "antonym") || strings.HasPrefix(low, "from ") {
			continue
		}
		// "2. word" → "word"
		if j := strings.IndexByte(t, '.'); j > 0 && j <= 3 && allDigits(t[:j]) {
			t = strings.TrimSpace(t[j+1:])
		}
		t = dropBracketed(t)
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// dropBracketed removes the (…), […] and <…> annotations of a sense line
// (domains, grammar, usage notes).
func dropBracketed(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[', '<':
			depth++
			continue
		case ')', ']', '>':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// alternatives splits a sense line into its alternatives ("kiss, buss;
// smack" → kiss, buss, smack).
func alternatives(line string) []string {
	parts := strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ';' || r == '/' })
	out := parts[:0]
	for _, p := range parts {
		p = strings.Trim(strings.TrimSpace(p), ".:!?\"'")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
