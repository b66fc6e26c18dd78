package article

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

func TestJSONLinesBrokenLines(t *testing.T) {
	cp1256Line := string(encode(t, charmap.Windows1256, `{"title": "عنوان", "text": "نص الخبر."}`))
	lines := []string{
		`{"title": "One", "text": "First."}`, // 1
		`{"title": "Two", "text": "Sec`,      // 2 truncated
		``,                                   // 3 blank: skipped
		`{"title": "Three", "text": "Third."} {"x": 1}`,                   // 4 two objects
		`["not", "an", "object"]`,                                         // 5
		`{"title": "Six", "text": "Sixth.", "lang": "fr"}`,                // 6
		`{"title": "Seven", "text": "` + strings.Repeat("x", 2000) + `"}`, // 7 over the limit
		"{\"title\": \"Eight\", \"text\": \"bad \xff byte\"}",             // 8
		cp1256Line,                           // 9
		`{"title": "Ten", "text": "Tenth."}`, // 10 (no final newline)
	}
	in := strings.Join(lines, "\n")
	type rec struct {
		line  int
		title string
		err   error
	}
	var got []rec
	err := Options{MaxBytes: 1000}.ReadBatch("b.jsonl", strings.NewReader(in), func(r Record) error {
		if r.Name != "b.jsonl" {
			t.Errorf("record name %q", r.Name)
		}
		got = append(got, rec{r.Line, r.Article.Title, r.Err})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line  int
		title string
		err   error
		msg   string
	}{
		{1, "One", nil, ""},
		{2, "", ErrJSON, "b.jsonl:2: malformed JSON: truncated"},
		{4, "", ErrJSON, "b.jsonl:4: malformed JSON: invalid character '{' after top-level value at column 38"},
		{5, "", ErrJSON, "b.jsonl:5: malformed JSON: an article must be a JSON object, not array"},
		{6, "Six", nil, ""},
		{7, "", ErrTooLarge, "b.jsonl:7: too large: line of 2030 bytes, and the limit for one line is 1000 bytes"},
		{8, "", ErrEncoding, `b.jsonl:8: invalid UTF-8: bad byte 0xFF at column 33, and the text is not Windows-1256 either (in field "text")`},
		{9, "عنوان", nil, ""},
		{10, "Ten", nil, ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d records, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.line != w.line || g.title != w.title || !errors.Is(g.err, w.err) {
			t.Errorf("record %d: line %d title %q err %v; want line %d title %q err %v", i, g.line, g.title, g.err, w.line, w.title, w.err)
		}
		if w.msg != "" && (g.err == nil || !strings.HasPrefix(g.err.Error(), w.msg)) {
			t.Errorf("record %d: message %v, want prefix %q", i, g.err, w.msg)
		}
	}

	arts, err := Options{MaxBytes: 1000}.Read("b.jsonl", strings.NewReader(in))
	var be *BatchError
	if !errors.As(err, &be) {
		t.Fatalf("Read err = %v, want a *BatchError", err)
	}
	if len(arts) != 4 || be.Read != 4 || len(be.Errs) != 5 {
		t.Errorf("Read: %d articles, BatchError %+v", len(arts), be)
	}
	if !errors.Is(err, ErrTooLarge) || !errors.Is(err, ErrEncoding) {
		t.Errorf("BatchError does not unwrap to its record errors")
	}
	if !strings.HasPrefix(err.Error(), "b.jsonl: 5 of 9 records unreadable; b.jsonl:2: ") || !strings.HasSuffix(err.Error(), "and 2 more") {
		t.Errorf("BatchError message %q", err)
	}
	if arts[1].ID != "b:6" || arts[1].Lang != "fr" {
		t.Errorf("line 6 read as %+v", arts[1])
	}
}

func TestJSONLinesUTF16(t *testing.T) {
	in := `{"title": "واحد", "text": "الأول."}` + "\r\n" + `{"title": "اثنان", "text": "الثاني."}` + "\r\n"
	data := encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), in)
	arts, err := ReadFile(writeFile(t, "u.jsonl", data))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[1].Title != "اثنان" || arts[1].Text != "الثاني." {
		t.Errorf("read %+v", arts)
	}
}

func TestJSONLinesConcatenatedFiles(t *testing.T) {
	// cat a.jsonl b.jsonl, each saved with a UTF-8 BOM.
	in := "\uFEFF{\"title\": \"A\", \"text\": \"a.\"}\n\uFEFF{\"title\": \"B\", \"text\": \"b.\"}\n"
	arts, err := Read("cat.jsonl", strings.NewReader(in))
	if err != nil || len(arts) != 2 || arts[1].Title != "B" {
		t.Errorf("read %+v, %v", arts, err)
	}
}

func TestReadBatchStopsWhenFnFails(t *testing.T) {
	in := strings.Repeat(`{"title": "T", "text": "B."}`+"\n", 10)
	stop := errors.New("enough")
	n := 0
	err := ReadBatch("s.jsonl", strings.NewReader(in), func(Record) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if err != stop || n != 3 {
		t.Errorf("err = %v after %d records, want fn's error after 3", err, n)
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":            "Title A\nBody A.",
		"b.json":           `[{"title": "B1", "text": "b1."}, {"title": "B2", "text": "b2."}]`,
		"c.jsonl":          `{"title": "C1", "text": "c1."}` + "\n" + `{"title": ` + "\n" + `{"title": "C3", "text": "c3."}`,
		"empty.txt":        "",
		"f.json":           "[{\"title\": \"F1\", \"text\": \"f1.\"},\n{\"title\": \"F2\", ",
		"notes.md":         "# not an article extension",
		".hidden.txt":      "Hidden\nSkipped.",
		".git/x.txt":       "Hidden dir\nSkipped.",
		"sub/d.html":       mustRead(t, filepath.Join("testdata", "page_ar.html")),
		"sub/deeper/e.TXT": "Title E\nBody E.",
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	err := Walk([]string{dir, "-", filepath.Join(dir, "missing.txt"), filepath.Join(dir, "*.json"), filepath.Join(dir, "*.xml")},
		strings.NewReader("Stdin title\nStdin body."),
		func(r Record) error {
			name, _ := filepath.Rel(dir, r.Name)
			if r.Name == StdinName {
				name = r.Name
			}
			switch {
			case r.Err != nil:
				var e *Error
				if !errors.As(r.Err, &e) || e.Name != r.Name {
					t.Errorf("record error %v is not an *Error naming %s", r.Err, r.Name)
				}
				kind := "error"
				for _, k := range []error{ErrEmpty, ErrJSON, fs.ErrNotExist} {
					if errors.Is(r.Err, k) {
						kind = k.Error()
					}
				}
				got = append(got, fmt.Sprintf("%s:%d %s", name, r.Line, kind))
			default:
				got = append(got, fmt.Sprintf("%s:%d %s", name, r.Line, r.Article.Title))
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a.txt:0 Title A",
		"b.json:1 B1",
		"b.json:1 B2",
		"c.jsonl:1 C1",
		"c.jsonl:2 malformed JSON",
		"c.jsonl:3 C3",
		"empty.txt:0 empty input",
		"f.json:1 F1",
		"f.json:2 malformed JSON",
		"sub/d.html:0 افتتاح مكتبة عامة جديدة في وسط المدينة",
		"sub/deeper/e.TXT:0 Title E",
		"<stdin>:0 Stdin title",
		"missing.txt:0 file does not exist",
		"b.json:1 B1",
		"b.json:1 B2",
		"f.json:1 F1",
		"f.json:2 malformed JSON",
		"*.xml:0 file does not exist",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Walk gave\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
