package article

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"golang.org/x/text/transform"
)

// Lines calls fn for every line of r that is not blank, with its 1-based
// line number, for line-oriented batch formats (JSON Lines of articles, or
// of article pairs). It does what the readers do for a whole input, line
// by line: a UTF-8 or UTF-16 byte order mark is honoured (a UTF-8 one at
// the start of any line is dropped, as concatenated files have them), the
// line break (LF or CR LF) is removed, and a line that is not valid UTF-8 is decoded
// as Windows-1256 when plausible. A line that cannot be used is given to
// fn with a nil text and an *Error naming the input and line (ErrTooLarge
// for a line over MaxArticleBytes, which is skipped without being held in
// memory; ErrBinary; ErrEncoding), and reading goes on.
//
// Lines returns fn's error if fn returns one, an *Error if the input as a
// whole is unreadable (empty; or not text: a binary format's signature, or
// mostly binary lines in its first 64 KiB, such as UTF-16 without a byte
// order mark; one bad line never condemns the rest), or a read error. The
// text slice is only valid until fn returns.
func Lines(name string, r io.Reader, fn func(line int, text []byte, err error) error) error {
	return Options{}.Lines(name, r, fn)
}

// Lines is the package-level Lines with these options (MaxBytes is the
// line limit).
func (o Options) Lines(name string, r io.Reader, fn func(line int, text []byte, err error) error) error {
	br := bufio.NewReaderSize(r, peekLen)
	head, err := br.Peek(peekLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return &Error{Name: name, Err: err}
	}
	if hasUTF16BOM(head) {
		br = bufio.NewReaderSize(utf16Reader(br), peekLen)
		head, _ = br.Peek(peekLen)
	}
	truncated := len(head) == peekLen // head is not the whole input
	if bytes.HasPrefix(head, bomUTF8) {
		br.Discard(len(bomUTF8))
		head = head[len(bomUTF8):]
	}
	if len(bytes.TrimSpace(head)) == 0 && len(head) < peekLen {
		return &Error{Name: name, Err: problem(ErrEmpty, "no lines with content")}
	}
	if err := linesProblem(head, truncated); err != nil {
		return &Error{Name: name, Err: err}
	}
	return o.lines(name, br, fn)
}

// utf16Reader converts a UTF-16 stream that starts with a byte order mark
// to UTF-8.
func utf16Reader(r io.Reader) io.Reader {
	return transform.NewReader(r, xunicodeUTF16BOM().NewDecoder())
}

// lines is Lines after the byte order mark and whole-input checks.
func (o Options) lines(name string, br *bufio.Reader, fn func(line int, text []byte, err error) error) error {
	max := o.maxBytes()
	var buf []byte
	var size int64 // bytes of the current line, including any not kept
	line := 0
	for {
		chunk, err := br.ReadSlice('\n')
		if len(chunk) > 0 {
			size += int64(len(chunk))
			if size <= max+2 { // +2: the line break does not count
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return &Error{Name: name, Line: line + 1, Err: err}
		}
		if size > 0 {
			line++
			content := size // the line's size without its line break
			if n := len(chunk); err == nil && n > 0 {
				content--
				if n > 1 && chunk[n-2] == '\r' {
					content--
				}
			}
			if ferr := o.deliverLine(name, line, buf, content, fn); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		buf, size = buf[:0], 0
	}
}

// deliverLine checks one line (buf, with its line break if any; size is
// the line's length without the break, buf is shorter when over the limit)
// and gives it to fn.
func (o Options) deliverLine(name string, line int, buf []byte, size int64, fn func(int, []byte, error) error) error {
	max := o.maxBytes()
	fail := func(err error) error { return fn(line, nil, &Error{Name: name, Line: line, Err: err}) }
	if size > max {
		s, l := sizes(size, max)
		return fail(problem(ErrTooLarge, "line of %s, and the limit for one line is %s", s, l))
	}
	buf = bytes.TrimSuffix(buf, []byte{'\n'})
	buf = bytes.TrimSuffix(buf, []byte{'\r'})
	// A BOM inside the stream comes from concatenated files.
	buf = bytes.TrimPrefix(buf, bomUTF8)
	if len(bytes.TrimSpace(buf)) == 0 {
		return nil
	}
	if err := lineBinary(buf); err != nil {
		return fail(fmt.Errorf("%w: %w", ErrBinary, err))
	}
	text, err := toUTF8(buf, false)
	if err != nil {
		if f := jsonFieldAt(buf, FirstInvalidUTF8(buf)); f != "" {
			err = fmt.Errorf("%w (in field %q)", err, f)
		}
		return fail(err)
	}
	return fn(line, text, nil)
}

// jsonFieldAt returns the name of the member of the JSON object line whose
// value holds byte offset off, or "" when line is not an object (up to
// off) or off is not in a member's value. Nested members are named by
// their top-level member.
func jsonFieldAt(line []byte, off int) string {
	dec := json.NewDecoder(bytes.NewReader(line))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		t, err := dec.Token()
		key, ok := t.(string)
		if err != nil || !ok {
			return ""
		}
		start := int(dec.InputOffset())
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return ""
		}
		if off >= start && off < int(dec.InputOffset()) {
			return key
		}
	}
	return ""
}
