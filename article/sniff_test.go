package article

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	xunicode "golang.org/x/text/encoding/unicode"
)

// jsonLines returns n article lines; line i (1-based) has title "Ti".
func jsonLines(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf(`{"title": "T%d", "text": "Body of article %d."}`, i+1, i+1)
	}
	return lines
}

// TestJSONLinesBadByteCondemnsOnlyItsLine checks that a NUL or control
// byte in one line of a JSON Lines file, wherever the line is (inside the
// sniffed first bytes or not), loses that line only: it is reported with
// its number and every other line is read. Before, a NUL byte in the
// first 8 KiB refused the whole file ("looks like UTF-16").
func TestJSONLinesBadByteCondemnsOnlyItsLine(t *testing.T) {
	for _, tc := range []struct {
		name    string
		n       int // lines
		line    int // the bad line
		bad     string
		wantErr error
		wantMsg string
	}{
		{"NUL byte on line 1", 300, 1, "{\"title\": \"x\x00\", \"text\": \"y\"}", ErrBinary, "NUL byte at column 13"},
		{"NUL byte on line 2", 300, 2, "{\"title\": \"x\", \"text\": \"y\x00\"}", ErrBinary, "NUL byte at column 26"},
		{"NUL byte on line 251", 300, 251, "{\"title\": \"x\", \"text\": \"y\x00\"}", ErrBinary, "NUL byte at column 26"},
		{"control bytes on line 3", 300, 3, "\x01\x02\x03\x04\x05\x06\x07\x08", ErrBinary, "8 control bytes in the line"},
		{"one control byte in a long line 4", 300, 4, "{\"title\": \"x\", \"text\": \"y\x01" + strings.Repeat("z", 100) + "\"}", ErrJSON, "invalid character '\\x01' in string literal"},
		{"binary blob on line 2 of 3", 3, 2, string(bytes.Repeat([]byte{0, 1, 2, 3}, 3000)), ErrBinary, "NUL byte at column 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := jsonLines(tc.n)
			lines[tc.line-1] = tc.bad
			path := writeFile(t, "b.jsonl", []byte(strings.Join(lines, "\n")+"\n"))
			arts, err := ReadFile(path)
			var be *BatchError
			if !errors.As(err, &be) {
				t.Fatalf("err = %v, want a *BatchError", err)
			}
			if len(arts) != tc.n-1 || len(be.Errs) != 1 {
				t.Fatalf("%d articles and %d errors (%v), want %d and 1", len(arts), len(be.Errs), err, tc.n-1)
			}
			e := be.Errs[0]
			want := fmt.Sprintf("%s:%d: ", path, tc.line)
			if e.Line != tc.line || !errors.Is(e, tc.wantErr) || !strings.HasPrefix(e.Error(), want) || !strings.Contains(e.Error(), tc.wantMsg) {
				t.Errorf("error %q, want %q…%q (%v)", e, want, tc.wantMsg, tc.wantErr)
			}
			for _, a := range arts {
				if a.Title == "x" {
					t.Errorf("the bad line was read: %+v", a)
				}
			}
			// Lines, the line reader of pair files, agrees.
			n := 0
			Lines(path, bytes.NewReader([]byte(strings.Join(lines, "\n"))), func(line int, text []byte, err error) error {
				if (err != nil) != (line == tc.line && tc.wantErr == ErrBinary) {
					t.Errorf("Lines: line %d: %v", line, err)
				}
				n++
				return nil
			})
			if n != tc.n {
				t.Errorf("Lines gave %d lines, want %d", n, tc.n)
			}
		})
	}
}

// TestJSONLinesBinaryAsAWhole checks that a line-oriented input that is
// not text as a whole is still refused as a whole, with one error instead
// of one per line.
func TestJSONLinesBinaryAsAWhole(t *testing.T) {
	random := make([]byte, 200<<10)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	random[0] = '{'
	utf16 := encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), strings.Join(jsonLines(50), "\n"))
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"random bytes", random, "lines are not text"},
		{"UTF-16 without a byte order mark", utf16, "UTF-16 (little-endian) without a byte order mark"},
		{"gzip", gzipped(t, strings.Join(jsonLines(5), "\n")), "gzip"},
		{"two binary lines", []byte("\x00\x01\x02{}\n\x00\n"), "2 of the first 2 lines are not text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts, err := ReadFile(writeFile(t, "b.jsonl", tc.data))
			var e *Error
			if !errors.As(err, &e) || e.Line != 0 || !errors.Is(err, ErrBinary) || !strings.Contains(err.Error(), tc.want) || len(arts) != 0 {
				t.Errorf("%d articles, err %v; want one whole-input ErrBinary with %q", len(arts), err, tc.want)
			}
		})
	}
}

// TestStrayNULIsNotUTF16 checks that a text with one NUL byte is not
// taken for UTF-16 (its ASCII pairs read as CJK letters).
func TestStrayNULIsNotUTF16(t *testing.T) {
	_, err := Read("a.txt", strings.NewReader("Title\nSome body text\x00 with a NUL byte in it.\n"))
	if !errors.Is(err, ErrBinary) || strings.Contains(err.Error(), "UTF-16") || !strings.Contains(err.Error(), "NUL byte at offset 20") {
		t.Errorf("err = %v, want a NUL byte at offset 20, not UTF-16", err)
	}
}
