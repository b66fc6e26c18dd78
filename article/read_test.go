package article

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	xunicode "golang.org/x/text/encoding/unicode"
)

// writeFile writes data to name in a fresh temporary directory and returns
// the path.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	io.WriteString(w, s)
	w.Close()
	return b.Bytes()
}

func TestBadInput(t *testing.T) {
	nav, err := os.ReadFile(filepath.Join("testdata", "nav_only.html"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		file     string
		data     []byte
		want     error
		wantLine int
		wantMsg  string
	}{
		{"empty file", "a.txt", nil, ErrEmpty, 0, "empty input"},
		{"only white space", "a.txt", []byte(" \n\t\r\n "), ErrEmpty, 0, "white space"},
		{"only a BOM", "a.txt", []byte("\uFEFF"), ErrEmpty, 0, ""},
		{"NUL bytes", "a.txt", []byte("Title\nBody\x00\x00\x01text"), ErrBinary, 0, "NUL byte"},
		{"control characters", "a.txt", []byte("T\x01i\x02t\x03l\x04e\x05\nBody\x06 text\x07"), ErrBinary, 0, "control bytes"},
		{"PNG image", "a.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary, 0, "image/png"},
		{"gzip file named .jsonl", "a.jsonl", gzipped(t, `{"title":"a","text":"b"}`), ErrBinary, 0, "gzip"},
		{"PDF", "a.txt", []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), ErrBinary, 0, "pdf"},
		{"UTF-16 without a BOM", "a.txt", encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "عنوان الخبر\nنص الخبر."), ErrBinary, 0, "UTF-16 (little-endian) without a byte order mark"},
		{"title without body", "a.txt", []byte("Just a title\n\n"), ErrNoText, 0, "no body"},
		{"only furniture", "a.txt", []byte("62\nShare\n1,234 views\n"), ErrNoText, 0, "furniture"},
		{"HTML with no article", "nav.html", nav, ErrNoText, 0, "running text"},
		{"HTML with an empty body", "a.html", []byte("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>"), ErrNoText, 0, ""},
		{"truncated JSON object", "a.json", []byte(`{"title": "T", "text": "The bo`), ErrJSON, 1, "truncated"},
		{"truncated JSON array", "a.json", []byte("[\n{\"title\": \"T\", \"text\": \"Body.\"},\n{\"title\": \"U\", "), ErrJSON, 3, "truncated"},
		{"JSON syntax error", "a.json", []byte("{\n  \"title\": \"T\",\n  \"text\": 'single quotes'\n}"), ErrJSON, 3, "line 3, column 11"},
		{"JSON error on the last character is not truncation", "a.json", []byte(`{"title": "T", "text": }`), ErrJSON, 1, "looking for beginning of value at line 1, column 24"},
		{"JSON with wrong field type", "a.json", []byte(`{"title": 5, "text": "Body."}`), ErrField, 0, `"title" must be a string, not number`},
		{"JSON with an unknown date format", "a.json", []byte(`{"title": "T", "text": "Body.", "date": "yesterday"}`), ErrField, 0, `"yesterday"`},
		{"JSON with a bad lang", "a.json", []byte(`{"title": "T", "text": "Body.", "lang": "Arabic!"}`), ErrField, 0, `lang "Arabic!"`},
		{"JSON without text", "a.json", []byte(`{"title": "T"}`), ErrNoText, 0, `"text" is missing`},
		{"JSON pair record", "a.json", []byte(`{"pair_id": "1_2", "title1": "A", "text1": "a", "title2": "B", "text2": "b"}`), ErrNoText, 0, "pair record"},
		{"JSON scalar", "a.json", []byte(`"just a string"`), ErrJSON, 0, "must be a JSON object, not string"},
		{"empty JSON array", "a.json", []byte(`[ ]`), ErrNoText, 0, "empty JSON array"},
		{"data after a JSON array", "a.json", []byte("[{\"title\": \"T\", \"text\": \"B.\"}]\n]"), ErrJSON, 2, "extra data"},
		{"JSON Lines with no content", "a.jsonl", []byte("\n\n  \n"), ErrEmpty, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.file, tt.data)
			arts, err := ReadFile(path)
			if err == nil {
				t.Fatalf("no error; read %+v", arts)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err %T is not an *Error", err)
			}
			if e.Name != path || e.Line != tt.wantLine {
				t.Errorf("error at %s:%d, want %s:%d", e.Name, e.Line, path, tt.wantLine)
			}
			if !strings.HasPrefix(err.Error(), path) || !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(tt.wantMsg)) {
				t.Errorf("message %q: want it to start with the path and contain %q", err, tt.wantMsg)
			}
		})
	}
}

func TestMissingPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.txt")
	_, err := ReadFile(path)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
	if err.Error() != path+": no such file or directory" {
		t.Errorf("message %q", err)
	}
	_, err = ReadFile(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("reading a directory: err = %v", err)
	}
}

// TestHugeFileRefusedUnread: a 100 MB file is refused from its size. The
// file is sparse: reading it all would take far longer than the stat, and
// its NUL bytes would give ErrBinary, not ErrTooLarge, if they were read.
func TestHugeFileRefusedUnread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("Title\nBody.\n") // the rest of the file is NUL bytes
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadFile(path)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if want := path + ": too large: 100.0 MiB, and the limit for one article is 32.0 MiB"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message %q, want prefix %q", err, want)
	}
}

// endless is an endless repetition of a string.
type endless string

func (e endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], e)
	}
	return n, nil
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// TestHugeStreamRefused: a stream of unknown size is refused once it
// passes the limit, without reading the rest of it.
func TestHugeStreamRefused(t *testing.T) {
	const limit = 1 << 20
	stream := io.MultiReader(strings.NewReader("Title\n"), io.LimitReader(endless("A line of body text.\n"), 100<<20))
	cr := &countingReader{r: stream}
	_, err := Options{MaxBytes: limit}.Read("stream", cr)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if cr.n > 2*limit+peekLen {
		t.Errorf("read %d bytes of the stream to refuse it, want about %d", cr.n, limit)
	}
}

func TestReadJSON(t *testing.T) {
	date := time.Date(2021, 6, 4, 10, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   string
		want Article
	}{
		{"all fields",
			`{"id": "x1", "title": " Gantz in Washington ", "text": "Gantz met Sullivan.\n\n62\n\nThey spoke.", "lang": "en", "date": "2021-06-04T10:30:00Z", "url": "https://example.org/a", "source": "Example"}`,
			Article{ID: "x1", Title: "Gantz in Washington", Text: "Gantz met Sullivan.\n\nThey spoke.", Lang: "en", Date: date, URL: "https://example.org/a", Source: "Example"}},
		{"numeric id and unix date",
			`{"id": 1484084337, "title": "T", "text": "B.", "date": 1622802600}`,
			Article{ID: "1484084337", Title: "T", Text: "B.", Date: date}},
		{"unix milliseconds",
			`{"title": "T", "text": "B.", "date": 1622802600000}`,
			Article{ID: "a", Title: "T", Text: "B.", Date: date}},
		{"region subtag and case folded from lang",
			`{"title": "T", "text": "B.", "lang": "AR-eg"}`,
			Article{ID: "a", Title: "T", Text: "B.", Lang: "ar"}},
		{"title optional",
			`{"text": "B."}`,
			Article{ID: "a", Text: "B."}},
		{"unknown fields ignored",
			`{"title": "T", "text": "B.", "author": {"name": "X"}}`,
			Article{ID: "a", Title: "T", Text: "B."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := Read("a.json", strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != 1 {
				t.Fatalf("%d articles", len(arts))
			}
			got := arts[0]
			if !got.Date.Equal(tt.want.Date) {
				t.Errorf("Date = %v, want %v", got.Date, tt.want.Date)
			}
			got.Date, tt.want.Date = time.Time{}, time.Time{}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	want := time.Date(2021, 6, 4, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{
		"2021-06-04", "2021-06-04T00:00:00Z", "2021-06-04T03:00:00+03:00",
		"2021-06-04 00:00:00", "2021/06/04", "04.06.2021", "June 4, 2021",
		"Jun 4, 2021", "4 June 2021", "Fri, 04 Jun 2021 00:00:00 GMT",
		"Fri, 4 Jun 2021 03:00:00 +0300", "20210604", "1622764800",
	} {
		got, err := ParseDate(s)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", s, err)
			continue
		}
		if !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"04/06/2021", "yesterday", "2021-13-01"} {
		if _, err := ParseDate(s); !errors.Is(err, ErrField) {
			t.Errorf("ParseDate(%q): err = %v, want ErrField", s, err)
		}
	}
}

func TestJSONArray(t *testing.T) {
	in := `[
  {"title": "First", "text": "One."},
  {"title": "Second"},
  {"title": "Third", "text": "Three.", "id": "t3"}
]`
	var recs []Record
	err := ReadBatch("arr.json", strings.NewReader(in), func(r Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records", len(recs))
	}
	wantLines := []int{2, 3, 4}
	for i, r := range recs {
		if r.Line != wantLines[i] {
			t.Errorf("record %d at line %d, want %d", i, r.Line, wantLines[i])
		}
	}
	if recs[0].Article.ID != "arr:2" || recs[2].Article.ID != "t3" {
		t.Errorf("ids %q %q", recs[0].Article.ID, recs[2].Article.ID)
	}
	if !errors.Is(recs[1].Err, ErrNoText) || recs[1].Err.Error() != `arr.json:3: no article text: "text" is missing or empty` {
		t.Errorf("bad element: %v", recs[1].Err)
	}
	arts, err := Read("arr.json", strings.NewReader(in))
	var be *BatchError
	if !errors.As(err, &be) || len(arts) != 2 || be.Read != 2 || len(be.Errs) != 1 || be.Errs[0].Line != 3 {
		t.Errorf("Read: %d articles, err %v", len(arts), err)
	}
}

func TestDetectFormat(t *testing.T) {
	const obj = `{"title": "T", "text": "B."}`
	tests := []struct {
		phenomenon string
		name       string
		head       string
		want       Format
	}{
		{"text by extension", "a.txt", "Title\nBody", FormatText},
		{"text without extension", "-", "Title\nBody", FormatText},
		{"Arabic text", "a", "عنوان\nنص", FormatText},
		{"JSON object", "a.json", obj, FormatJSON},
		{"pretty-printed JSON object without extension", "a", "{\n  \"title\": \"T\",\n  \"text\": \"B\"\n}\n", FormatJSON},
		{"JSON array", "a", "  [\n" + obj + "]", FormatJSON},
		{"empty JSON array", "a", "[]", FormatJSON},
		{"text starting with a bracket", "a.txt", "[Video] Title\nBody", FormatText},
		{"JSON Lines by extension", "a.jsonl", obj, FormatJSONLines},
		{"JSON Lines by content", "a", obj + "\n" + obj + "\n", FormatJSONLines},
		{"JSON Lines misnamed .json", "a.json", obj + "\n" + obj, FormatJSONLines},
		{"JSON Lines with a broken first line", "a", "{\"title\": \n" + obj + "\n" + obj, FormatJSONLines},
		{"JSON Lines with Windows line ends", "a", obj + "\r\n" + obj + "\r\n", FormatJSONLines},
		{"HTML by doctype", "a", "<!DOCTYPE html><html><body><p>x</p></body></html>", FormatHTML},
		{"HTML misnamed .txt", "page.txt", "\n<html lang=\"ar\"><head>", FormatHTML},
		{"HTML fragment named .html", "a.html", "<article><p>x</p></article>", FormatHTML},
		{"text named .html", "a.html", "Title\nBody", FormatText},
		{"broken JSON keeps its extension", "a.json", "title: T", FormatJSON},
	}
	for _, tt := range tests {
		if got := DetectFormat(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("%s: DetectFormat(%q, %q) = %v, want %v", tt.phenomenon, tt.name, tt.head, got, tt.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for s, want := range map[string]Format{"": FormatAuto, "TXT": FormatText, "ndjson": FormatJSONLines, "htm": FormatHTML, "json": FormatJSON} {
		if got, err := ParseFormat(s); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("ParseFormat(pdf) succeeded")
	}
	// A forced format wins over the content.
	arts, err := Options{Format: FormatText}.Read("a.json", strings.NewReader("{not json}\nbody"))
	if err != nil || arts[0].Title != "{not json}" {
		t.Errorf("forced text: %v %+v", err, arts)
	}
}

func TestReadHTMLScripts(t *testing.T) {
	tests := []struct {
		phenomenon string
		lang       string
		title      string
		paragraphs []string
	}{
		{"Chinese, written without spaces", "zh-CN", "新图书馆在市中心开放",
			[]string{"市长星期四上午在市中心为一座新的公共图书馆揭幕，馆内藏有四万多册中文和英文图书，还设有可容纳两百名读者的阅览室。", "市长在开幕式上说，图书馆将成为每一位学生和研究人员的第二个家。"}},
		{"English", "en-GB", "New library opens in the city centre",
			[]string{"The mayor opened a new public library in the city centre on Thursday morning, with more than forty thousand books.", "It will open every day from nine in the morning until nine in the evening."}},
	}
	for _, tt := range tests {
		t.Run(tt.phenomenon, func(t *testing.T) {
			page := `<!DOCTYPE html><html lang="` + tt.lang + `"><head><meta charset="utf-8"><title>` + tt.title + `</title></head><body><article><h1>` + tt.title + `</h1><p>` +
				strings.Join(tt.paragraphs, "</p>\n<p>") + `</p></article></body></html>`
			arts, err := Read("page.html", strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			a := arts[0]
			if a.Title != tt.title || a.Text != strings.Join(tt.paragraphs, "\n\n") || a.Lang != tt.lang[:2] {
				t.Errorf("read %+v", a)
			}
		})
	}
}

func TestReadHTML(t *testing.T) {
	arts, err := ReadFile(filepath.Join("testdata", "page_ar.html"))
	if err != nil {
		t.Fatal(err)
	}
	a := arts[0]
	checks := []struct {
		what, got, want string
	}{
		{"title (site name stripped)", a.Title, "افتتاح مكتبة عامة جديدة في وسط المدينة"},
		{"lang from <html lang>", a.Lang, "ar"},
		{"url from canonical link", a.URL, "https://example.org/news/library-opening"},
		{"source from og:site_name", a.Source, "صحيفة المثال"},
		{"date from article:published_time", a.Date.Format(time.RFC3339), "2021-06-04T06:30:00Z"},
		{"id from file name", a.ID, "page_ar"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
	paras := strings.Split(a.Text, "\n\n")
	if len(paras) != 5 {
		t.Errorf("%d paragraphs, want 4 paragraphs and a subheading:\n%s", len(paras), a.Text)
	}
	if !strings.HasPrefix(paras[0], "افتتح رئيس البلدية") {
		t.Errorf("first paragraph %q: headline or share bar not removed", paras[0])
	}
	for _, not := range []string{"تغريد", "1,204", "الرئيسية", "اقرأ أيضاً", "جميع الحقوق"} {
		if strings.Contains(a.Text, not) {
			t.Errorf("page furniture %q in the text", not)
		}
	}
}

// TestDateOutOfRange checks that a "date" outside the years newsim keeps
// (MinYear–MaxYear, those of Unix nanosecond time stamps) is refused with
// the record's line and the date, never clamped, and that the years at
// the edges are kept exactly. Before, year 1500 and 9999 were read and
// then clamped where stored.
func TestDateOutOfRange(t *testing.T) {
	for _, tc := range []struct {
		date string // the JSON value
		want string // "" when kept; else the message
		year int
	}{
		{`"1500-01-01"`, `date "1500-01-01" is out of range: newsim keeps dates from year 1678 to 2261`, 0},
		{`"9999-12-31T23:59:59Z"`, `date "9999-12-31T23:59:59Z" is out of range`, 0},
		{`"0001-01-01"`, `date "0001-01-01" is out of range`, 0},
		{`253402300799000`, `date 253402300799000 is out of range`, 0}, // 9999 in milliseconds
		{`-15000000000`, `date -15000000000 is out of range`, 0},       // 1494 in seconds
		{`1e300`, `date 1e300 is out of range`, 0},
		{`"-15000000000"`, `date -15000000000 is out of range`, 0},
		{`"1678-01-01"`, "", 1678},
		{`"2261-12-31T23:59:59Z"`, "", 2261},
		{`"1900-06-04"`, "", 1900},
		{`1622764800123`, "", 2021},
	} {
		t.Run(tc.date, func(t *testing.T) {
			in := `{"title": "A", "text": "First."}` + "\n" + `{"title": "B", "text": "Second.", "date": ` + tc.date + `}` + "\n"
			arts, err := Read("d.jsonl", strings.NewReader(in))
			if tc.want == "" {
				if err != nil || len(arts) != 2 || arts[1].Date.Year() != tc.year {
					t.Fatalf("err %v, %+v; want year %d kept", err, arts, tc.year)
				}
				return
			}
			var be *BatchError
			if !errors.As(err, &be) || len(arts) != 1 || len(be.Errs) != 1 {
				t.Fatalf("err %v, %d articles; want line 2 refused", err, len(arts))
			}
			if msg := be.Errs[0].Error(); !errors.Is(err, ErrField) || !strings.HasPrefix(msg, "d.jsonl:2: bad field: ") || !strings.Contains(msg, tc.want) {
				t.Errorf("error %q, want d.jsonl:2: bad field: …%s", msg, tc.want)
			}
		})
	}
	if got := time.UnixMilli(1622764800123).UTC(); !mustDate(t, "1622764800123").Equal(got) {
		t.Errorf("milliseconds not kept exactly")
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestHTMLDateOutOfRange checks that a page whose metadata gives a date
// outside MinYear–MaxYear is read without a date: the text is the
// article, the metadata has gone wrong.
func TestHTMLDateOutOfRange(t *testing.T) {
	para := strings.Repeat("The council met on Monday and agreed on the new budget for the city's schools. ", 4)
	page := `<!DOCTYPE html><html><head><title>Budget</title><meta property="article:published_time" content="9999-01-01T00:00:00Z"></head><body><article><h1>Budget</h1><p>` + para + `</p><p>` + para + `</p></article></body></html>`
	arts, err := Read("p.html", strings.NewReader(page))
	if err != nil || len(arts) != 1 {
		t.Fatalf("err %v, %d articles", err, len(arts))
	}
	if !arts[0].Date.IsZero() {
		t.Errorf("date %v kept", arts[0].Date)
	}
	page = strings.Replace(page, "9999", "2021", 1)
	if arts, err = Read("p.html", strings.NewReader(page)); err != nil || arts[0].Date.Year() != 2021 {
		t.Errorf("in-range date not read: %v %v", err, arts)
	}
}
