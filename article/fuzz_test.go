package article

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkRead asserts the invariants of any read: every error is an *Error
// or *BatchError naming the input; every article has a valid UTF-8,
// cleaned, non-empty body, a one-line title and an id; a batch error comes
// with the good articles and lists only record errors.
func checkRead(t *testing.T, name string, arts []Article, err error) {
	t.Helper()
	var be *BatchError
	var e *Error
	switch {
	case errors.As(err, &be):
		if be.Name != name || len(be.Errs) == 0 || be.Read != len(arts) {
			t.Fatalf("bad BatchError %+v with %d articles", be, len(arts))
		}
		for _, le := range be.Errs {
			if le.Name != name || le.Line < 1 || le.Err == nil {
				t.Fatalf("bad record error %#v", le)
			}
		}
	case err != nil:
		if !errors.As(err, &e) || e.Name != name || e.Err == nil {
			t.Fatalf("error %v (%T) is not an *Error naming %q", err, err, name)
		}
		if !strings.HasPrefix(err.Error(), name) {
			t.Fatalf("message %q does not start with the name", err)
		}
		if len(arts) != 0 {
			t.Fatalf("%d articles returned with a non-batch error", len(arts))
		}
		return
	case len(arts) == 0:
		t.Fatal("no articles and no error")
	}
	for _, a := range arts {
		if a.Text == "" || !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
			t.Fatalf("bad article %+v", a)
		}
		if Clean(a.Text) != a.Text {
			t.Fatalf("body not clean: %q", a.Text)
		}
		if strings.ContainsAny(a.Title, "\n\r") || a.Title != strings.TrimSpace(a.Title) {
			t.Fatalf("title %q not one trimmed line", a.Title)
		}
		if a.ID == "" {
			t.Fatal("no id")
		}
	}
}

// seedCorpus adds the committed test pages and the seed pair.
func seedCorpus(f *testing.F, exts ...string) {
	for _, dir := range []string{"testdata", seedDir} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			for _, ext := range exts {
				if strings.HasSuffix(e.Name(), ext) {
					if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
						f.Add(b)
					}
				}
			}
		}
	}
}

func FuzzReadText(f *testing.F) {
	seedCorpus(f, ".txt")
	for _, s := range []string{"", "\n", "T\nB", "62\nT\n\nShare\nB.", "\uFEFFT\r\nB", "\xff\xfeT\x00\n\x00B\x00", "\xc7\xe1\xd1\xed\xc7\xd6\nx"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, err := Options{Format: FormatText}.Read("f.txt", bytes.NewReader(data))
		checkRead(t, "f.txt", arts, err)
		if err == nil && len(arts) != 1 {
			t.Fatalf("%d articles from a text input", len(arts))
		}
	})
}

func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{
		`{"title": "T", "text": "B."}`,
		`[{"title": "T", "text": "B."}, {"text": 5}]`,
		`{"id": 7, "title": "T", "text": "B.", "date": 1622802600, "lang": "ar-EG"}`,
		`{"title": "T", "text": "B.", "date": "2021-06-04"}`,
		`[`, `{"title": "T", "te`, `[]`, `null`, `[1, "a", null]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, err := Options{Format: FormatJSON}.Read("f.json", bytes.NewReader(data))
		checkRead(t, "f.json", arts, err)
	})
}

func FuzzReadJSONLines(f *testing.F) {
	for _, s := range []string{
		"{\"title\": \"T\", \"text\": \"B.\"}\n{\"title\": \"U\", \"text\": \"C.\"}\n",
		"{\"title\": \"T\", \"te\n\n{\"text\": \"ok\"}\r\n[]\n",
		"\xff\xfe{\x00}\x00\n\x00",
		"{\"text\": \"\xc7\xe1\xd1\xed\xc7\xd6\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, err := Options{Format: FormatJSONLines, MaxBytes: 256}.Read("f.jsonl", bytes.NewReader(data))
		checkRead(t, "f.jsonl", arts, err)
		// Lines numbers are increasing, whatever the records hold.
		last := 0
		Options{MaxBytes: 256}.Lines("f.jsonl", bytes.NewReader(data), func(line int, text []byte, err error) error {
			if line <= last {
				t.Fatalf("line %d after line %d", line, last)
			}
			last = line
			if err == nil && !utf8.Valid(text) {
				t.Fatalf("line %d: invalid UTF-8 delivered", line)
			}
			return nil
		})
	})
}

func FuzzReadHTML(f *testing.F) {
	seedCorpus(f, ".html")
	for _, s := range []string{
		"<html><body><p>x</p></body></html>",
		"<!DOCTYPE html><html lang=\"xx-!!\"><head><meta charset=\"windows-1256\"></head><body><article><p>\xc7\xe1\xd1\xed\xc7\xd6 \xc7\xe1\xd1\xed\xc7\xd6.</p></article></body></html>",
		"<p>" + strings.Repeat("word ", 30) + ".</p>",
		"<table><tr><td><pre>a\nb</pre></td></tr></table>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, err := Options{Format: FormatHTML}.Read("f.html", bytes.NewReader(data))
		checkRead(t, "f.html", arts, err)
	})
}

// FuzzRead reads with format detection, so every sniffing path is taken.
func FuzzRead(f *testing.F) {
	seedCorpus(f, ".txt", ".html")
	for _, s := range []string{"{\"text\": \"a.\"}\n{\"text\": \"b.\"}", "[{\"text\": \"a\"}]", "<p>x</p>", "T\nB"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, err := Read("f", bytes.NewReader(data))
		checkRead(t, "f", arts, err)
	})
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"a\n\n62\nb", " x\u200b \r\ny", "Share\n\u2028z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Clean(s)
		if Clean(c) != c {
			t.Fatalf("Clean not idempotent: %q -> %q -> %q", s, c, Clean(c))
		}
		for _, p := range strings.Split(c, "\n\n") {
			if c != "" && (p == "" || IsFurniture(p) || strings.Contains(p, "\n")) {
				t.Fatalf("paragraph %q in %q", p, c)
			}
		}
	})
}

// FuzzJSONLinesSniff puts one arbitrary line (its bytes with line breaks
// made spaces) among good JSON Lines, at a position the fuzzer chooses,
// inside or past the sniffed first bytes, and reads the input as JSON
// Lines (which format a first line such as "[" suggests is FuzzRead's
// concern). However bad that line, it is lost alone: every good line is
// read, with its line number, and an error names at most the bad line.
func FuzzJSONLinesSniff(f *testing.F) {
	for _, s := range []string{
		"{\"title\": \"x\x00\", \"text\": \"y\"}",
		"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f",
		"\x1f\x8b\x08\x00\x00\x00\x00\x00",
		"%PDF-1.4",
		"\xff\xfe{\x00}\x00",
		"{\x00\"\x00t\x00\"\x00:\x00 \x00\"\x00\xd9\x06\"\x00}\x00",
		"\xef\xbb\xbf{\"text\": \"ok\"}",
		"{\"text\": \"\xc7\xe1\xd1\xed\xc7\xd6\"}",
		"{\"text\": \"a\xffb\"}",
		"",
	} {
		f.Add([]byte(s), uint8(1), uint16(30))
		f.Add([]byte(s), uint8(250), uint16(300))
	}
	f.Fuzz(func(t *testing.T, bad []byte, at uint8, n uint16) {
		total := int(n)%400 + 2
		pos := int(at)%total + 1
		if pos == 1 && (hasUTF16BOM(bad) || bytes.HasPrefix(bad, bomUTF8) || binarySignature(bad[:min(len(bad), sniffLen)]) != nil) {
			pos = 2 // a byte order mark or a binary format's signature at the start speaks for the whole input
		}
		bad = bytes.ReplaceAll(bad, []byte{'\n'}, []byte{' '})
		lines := make([][]byte, total)
		for i := range lines {
			lines[i] = fmt.Appendf(nil, `{"id": "g%d", "title": "T", "text": "Body of article %d."}`, i+1, i+1)
		}
		lines[pos-1] = bad
		data := bytes.Join(lines, []byte{'\n'})
		got := map[string]int{}
		err := Options{Format: FormatJSONLines}.ReadBatch("f.jsonl", bytes.NewReader(data), func(r Record) error {
			if r.Line == pos {
				return nil // read or refused, as it may be
			}
			if r.Err != nil {
				t.Fatalf("line %d refused, only line %d is bad: %v", r.Line, pos, r.Err)
			}
			got[r.Article.ID] = r.Line
			return nil
		})
		if err != nil {
			t.Fatalf("the whole input refused for line %d: %v", pos, err)
		}
		for i := 1; i <= total; i++ {
			if i == pos {
				continue
			}
			if line, ok := got[fmt.Sprintf("g%d", i)]; !ok || line != i {
				t.Fatalf("good line %d read as line %d (%v)", i, line, ok)
			}
		}
	})
}
