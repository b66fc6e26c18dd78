package article

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// MaxArticleBytes is the default size limit of one article: a text, HTML or
// JSON input as a whole, or one line of a JSON Lines input (a JSON Lines
// file as a whole has no limit: it is streamed). ReadFile refuses a larger
// file from its size alone, without reading it; Read refuses a larger
// stream after reading MaxArticleBytes+1 bytes of it.
const MaxArticleBytes = 32 << 20

// peekLen is how much of an input is looked at before choosing a format.
const peekLen = 64 << 10

// StdinName is the name Walk gives standard input ("-").
const StdinName = "<stdin>"

// Format is an input format.
type Format int

const (
	// FormatAuto chooses the format from the content and the name's
	// extension (see DetectFormat).
	FormatAuto Format = iota
	// FormatText is plain text: the first line with content is the
	// title, the rest is the body.
	FormatText
	// FormatJSON is one JSON article object, or a JSON array of them.
	FormatJSON
	// FormatJSONLines is one JSON article object per line.
	FormatJSONLines
	// FormatHTML is a web page; its main text is extracted.
	FormatHTML
)

var formatNames = [...]string{"auto", "text", "json", "jsonl", "html"}

func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// ParseFormat reads a format name as a user would give it on a command
// line: auto, text (txt), json, jsonl (ndjson, jsonlines), html (htm).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return FormatAuto, nil
	case "text", "txt", "plain":
		return FormatText, nil
	case "json":
		return FormatJSON, nil
	case "jsonl", "ndjson", "jsonlines":
		return FormatJSONLines, nil
	case "html", "htm":
		return FormatHTML, nil
	}
	return FormatAuto, fmt.Errorf("unknown format %q (want auto, text, json, jsonl or html)", s)
}

// extFormats maps file extensions to formats.
var extFormats = map[string]Format{
	".txt": FormatText, ".text": FormatText,
	".json":  FormatJSON,
	".jsonl": FormatJSONLines, ".ndjson": FormatJSONLines, ".jsonlines": FormatJSONLines,
	".html": FormatHTML, ".htm": FormatHTML, ".xhtml": FormatHTML,
}

// HasArticleExt reports whether name has one of the extensions of an
// article file: .txt .text .json .jsonl .ndjson .jsonlines .html .htm
// .xhtml (any case). Walk reads only such files from directories.
func HasArticleExt(name string) bool {
	_, ok := extFormats[strings.ToLower(filepath.Ext(name))]
	return ok
}

// DetectFormat chooses the format of an input from its first bytes (head,
// UTF-8, BOM removed; the first 64 KiB are plenty) and its name. The
// content decides when it is clear, so a misleading extension does not
// matter:
//
//   - starting with "{": JSON Lines if the name says .jsonl/.ndjson, or if
//     the first line is a whole one-line object and more lines follow, or
//     two lines each hold a one-line object; otherwise one JSON object;
//   - starting with "[" then "{" or "]": a JSON array;
//   - what the WHATWG MIME sniffing algorithm calls HTML (a leading
//     <!DOCTYPE html>, <html>, <head>, <body>, <p>, <div>, <!-- …), or
//     any "<" start in a file named .html/.htm: HTML;
//   - otherwise the extension (.json/.jsonl names keep their JSON format
//     so that a broken file is reported as broken JSON), else plain text.
func DetectFormat(name string, head []byte) Format {
	ext := extFormats[strings.ToLower(filepath.Ext(name))]
	t := bytes.TrimLeft(head, " \t\r\n\f")
	if len(t) == 0 {
		if ext != FormatAuto {
			return ext
		}
		return FormatText
	}
	switch t[0] {
	case '{':
		if ext == FormatJSONLines || looksLikeJSONLines(t, len(head) >= peekLen) {
			return FormatJSONLines
		}
		return FormatJSON
	case '[':
		if u := bytes.TrimLeft(t[1:], " \t\r\n"); len(u) == 0 || u[0] == '{' || u[0] == ']' {
			return FormatJSON
		}
	case '<':
		if ext == FormatHTML || strings.HasPrefix(http.DetectContentType(t), "text/html") {
			return FormatHTML
		}
	}
	if ext == FormatJSON || ext == FormatJSONLines {
		return ext
	}
	return FormatText
}

// looksLikeJSONLines: t starts with '{'. truncated says t is only the
// start of a longer input.
func looksLikeJSONLines(t []byte, truncated bool) bool {
	first, rest, found := bytes.Cut(t, []byte{'\n'})
	if !found {
		// One line only; if it runs past the sniffed bytes it is a long
		// one-line object, which JSON Lines reading streams.
		return truncated
	}
	objects, lines := 0, 0
	for _, l := range append([][]byte{first}, bytes.Split(rest, []byte{'\n'})...) {
		l = bytes.TrimSpace(l)
		if len(l) == 0 {
			continue
		}
		lines++
		if l[0] == '{' && l[len(l)-1] == '}' {
			objects++
		}
		if lines == 1 && objects == 1 && len(bytes.TrimSpace(rest)) > 0 {
			return true
		}
	}
	return objects >= 2
}

// Options control reading. The zero value reads any format with the
// default size limit; the package-level functions use it.
type Options struct {
	// Format forces a format; FormatAuto (the zero value) detects it.
	Format Format
	// MaxBytes is the size limit of one article in bytes; 0 means
	// MaxArticleBytes.
	MaxBytes int64
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return MaxArticleBytes
}

// Record is one article of an input, or the reason one could not be read.
type Record struct {
	// Name is the input's name (a path, or StdinName).
	Name string
	// Line is the 1-based line where the record starts in a multi-record
	// input (JSON Lines, JSON array), 0 for a single-article input.
	Line int
	// Article is the article read; zero when Err is set.
	Article Article
	// Err, when not nil, is an *Error saying why this record could not be
	// read; the records around it are read all the same.
	Err error
}

// Read reads all articles of r. name identifies the input in errors and
// IDs, and its extension helps choose the format (see DetectFormat).
//
// A single-article input (text, HTML, one JSON object) gives one article
// or an error. A multi-record input (JSON Lines, JSON array) gives every
// good record; if some records are bad, the error is a *BatchError listing
// them, returned together with the good articles. Every error names the
// input and, for a record, its line; see the Err… values for the kinds.
//
// An article whose source gives no id gets one from the name: the file
// name without extension ("001_5f58f892265ec782"), plus ":line" in a
// multi-record input.
func Read(name string, r io.Reader) ([]Article, error) { return Options{}.Read(name, r) }

// ReadFile reads the articles of the file at path, like Read. A missing
// path gives an error that matches fs.ErrNotExist; a file larger than the
// limit (other than JSON Lines) is refused from its size, unread.
func ReadFile(path string) ([]Article, error) { return Options{}.ReadFile(path) }

// ReadBatch reads r record by record and calls fn with each, in input
// order, so that a long JSON Lines input is never held in memory and one
// broken line does not stop the rest. A problem with the input as a whole
// (empty, binary, bad encoding, too large, truncated JSON array, a
// single-article input that is not an article) is returned as an *Error
// after any records already delivered; a problem with one record is
// delivered to fn as a Record with Err set. If fn returns an error,
// reading stops and ReadBatch returns that error unchanged.
func ReadBatch(name string, r io.Reader, fn func(Record) error) error {
	return Options{}.ReadBatch(name, r, fn)
}

// Read is the package-level Read with these options.
func (o Options) Read(name string, r io.Reader) ([]Article, error) {
	return collect(name, func(fn func(Record) error) error { return o.ReadBatch(name, r, fn) })
}

// ReadFile is the package-level ReadFile with these options.
func (o Options) ReadFile(path string) ([]Article, error) {
	return collect(path, func(fn func(Record) error) error { return o.ReadFileBatch(path, fn) })
}

func collect(name string, run func(func(Record) error) error) ([]Article, error) {
	var arts []Article
	var bad []*Error
	err := run(func(rec Record) error {
		if rec.Err != nil {
			var e *Error
			if !errors.As(rec.Err, &e) {
				e = &Error{Name: rec.Name, Line: rec.Line, Err: rec.Err}
			}
			bad = append(bad, e)
			return nil
		}
		arts = append(arts, rec.Article)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return arts, &BatchError{Name: name, Read: len(arts), Errs: bad}
	}
	return arts, nil
}

// ReadBatch is the package-level ReadBatch with these options.
func (o Options) ReadBatch(name string, r io.Reader, fn func(Record) error) error {
	return o.read(name, r, -1, fn)
}

// ReadFileBatch is ReadBatch on the file at path.
func (o Options) ReadFileBatch(path string, fn func(Record) error) error {
	st, err := os.Stat(path)
	if err != nil {
		return &Error{Name: path, Err: unwrapPathError(err)}
	}
	if st.IsDir() {
		return &Error{Name: path, Err: errors.New("is a directory (Walk reads the articles of a directory)")}
	}
	f, err := os.Open(path)
	if err != nil {
		return &Error{Name: path, Err: unwrapPathError(err)}
	}
	defer f.Close()
	size := int64(-1)
	if st.Mode().IsRegular() {
		size = st.Size()
	}
	return o.read(path, f, size, fn)
}

// unwrapPathError drops the *fs.PathError layer (its path is already the
// Error's Name) but keeps the cause, so errors.Is(err, fs.ErrNotExist)
// still holds.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// read is the reading pipeline. size is the input's size in bytes when
// known (a regular file), else -1.
func (o Options) read(name string, r io.Reader, size int64, fn func(Record) error) error {
	fail := func(err error) error { return &Error{Name: name, Err: err} }
	if size == 0 {
		return fail(problem(ErrEmpty, "0 bytes"))
	}
	max := o.maxBytes()
	br := bufio.NewReaderSize(r, peekLen)
	head, err := br.Peek(peekLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return fail(err)
	}
	if len(head) == 0 {
		return fail(problem(ErrEmpty, "0 bytes"))
	}
	truncated := len(head) == peekLen // head is not the whole input
	if hasUTF16BOM(head) {
		if size > 2*max+2 && o.Format != FormatJSONLines && DetectFormat(name, nil) != FormatJSONLines {
			return fail(tooLarge(size, max))
		}
		// UTF-16 is converted as a stream; everything after sees UTF-8.
		br = bufio.NewReaderSize(utf16Reader(br), peekLen)
		if head, err = br.Peek(peekLen); err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return fail(problem(ErrEncoding, "bad UTF-16: %v", err))
		}
		truncated = len(head) == peekLen
		size = -1
	}
	if bytes.HasPrefix(head, bomUTF8) {
		br.Discard(len(bomUTF8))
		head = head[len(bomUTF8):]
		if size > 0 {
			size -= int64(len(bomUTF8))
		}
	}
	format := o.Format
	if format == FormatAuto {
		format = DetectFormat(name, head)
	}
	if size > max && format != FormatJSONLines {
		return fail(tooLarge(size, max))
	}
	sniff := binaryProblem
	if format == FormatJSONLines {
		sniff = func(head []byte) error { return linesProblem(head, truncated) }
	}
	if err := sniff(head); err != nil {
		return fail(err)
	}
	if len(head) < peekLen && len(bytes.TrimSpace(head)) == 0 {
		return fail(problem(ErrEmpty, "only white space"))
	}
	if format == FormatJSONLines {
		return o.readJSONLines(name, br, fn)
	}
	data, err := io.ReadAll(io.LimitReader(br, max+1))
	if err != nil {
		return fail(err)
	}
	if int64(len(data)) > max {
		return fail(tooLarge(-1, max))
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fail(problem(ErrBinary, "NUL byte at offset %d", i))
	}
	var a Article
	switch format {
	case FormatHTML:
		a, err = parseHTML(data)
	case FormatJSON:
		return o.readJSON(name, data, fn)
	default:
		var text []byte
		if text, err = toUTF8(data, false); err == nil {
			a, err = parseText(string(text))
		}
	}
	if err != nil {
		return fail(err)
	}
	if a.ID == "" {
		a.ID = stem(name)
	}
	return fn(Record{Name: name, Article: a})
}

func tooLarge(size, max int64) error {
	if size >= 0 {
		s, l := sizes(size, max)
		return problem(ErrTooLarge, "%s, and the limit for one article is %s (give batches as JSON Lines)", s, l)
	}
	return problem(ErrTooLarge, "more than %s, the limit for one article (give batches as JSON Lines)", mib(max))
}

// sizes formats a size over a limit with mib, in bytes when the two would
// read the same.
func sizes(size, limit int64) (string, string) {
	s, l := mib(size), mib(limit)
	if s == l {
		s, l = strconv.FormatInt(size, 10)+" bytes", strconv.FormatInt(limit, 10)+" bytes"
	}
	return s, l
}

func mib(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt(n, 10) + " bytes"
	}
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
}

// stem is the default id of a single-article input.
func stem(name string) string {
	if name == StdinName || name == "" {
		return "stdin"
	}
	base := filepath.Base(name)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func (o Options) readJSON(name string, data []byte, fn func(Record) error) error {
	data, err := toUTF8(data, false)
	if err != nil {
		return &Error{Name: name, Err: err}
	}
	var fnErr error
	line, err := parseJSON(data, func(line int, a Article, err error) error {
		rec := Record{Name: name, Line: line, Article: a}
		if err != nil {
			rec = Record{Name: name, Line: line, Err: &Error{Name: name, Line: line, Err: err}}
		} else if a.ID == "" {
			a.ID = stem(name)
			if line > 0 {
				a.ID += ":" + strconv.Itoa(line)
			}
			rec.Article = a
		}
		fnErr = fn(rec)
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return &Error{Name: name, Line: line, Err: err}
	}
	return nil
}

func (o Options) readJSONLines(name string, br *bufio.Reader, fn func(Record) error) error {
	n := 0
	var fnErr error
	err := o.lines(name, br, func(line int, text []byte, err error) error {
		n++
		rec := Record{Name: name, Line: line}
		if err == nil {
			rec.Article, err = articleFromJSON(text)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				e = &Error{Name: name, Line: line, Err: err}
			}
			rec.Article, rec.Err = Article{}, e
		} else if rec.Article.ID == "" {
			rec.Article.ID = stem(name) + ":" + strconv.Itoa(line)
		}
		fnErr = fn(rec)
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return err
	}
	if n == 0 {
		return &Error{Name: name, Err: problem(ErrEmpty, "no lines with content")}
	}
	return nil
}
