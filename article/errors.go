package article

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode"
)

// The problems a reader reports. Every error returned by this package wraps
// one of these (or an fs error such as fs.ErrNotExist) inside an *Error that
// names the input, so callers can test with errors.Is and print the error
// as is.
var (
	// ErrEmpty: the input has no bytes, or only white space.
	ErrEmpty = errors.New("empty input")
	// ErrBinary: the input is not text (NUL bytes, many control
	// characters, or a known binary signature such as PDF or gzip).
	ErrBinary = errors.New("binary data, not text")
	// ErrEncoding: the bytes are neither valid UTF-8 nor UTF-16 with a
	// byte order mark nor plausibly Windows-1256 (or the charset the HTML
	// page declares).
	ErrEncoding = errors.New("invalid UTF-8")
	// ErrTooLarge: one article (a file, or one JSON Lines line) is larger
	// than the limit (MaxArticleBytes unless Options.MaxBytes says
	// otherwise).
	ErrTooLarge = errors.New("too large")
	// ErrNoText: the input was read but holds no article: an HTML page
	// with no main text, a text file with a title and no body, a JSON
	// record without "text".
	ErrNoText = errors.New("no article text")
	// ErrJSON: malformed or truncated JSON.
	ErrJSON = errors.New("malformed JSON")
	// ErrField: a JSON field has the wrong type or a value that cannot be
	// understood (a date in no known format, a language tag that is not
	// BCP 47).
	ErrField = errors.New("bad field")
)

// Error is a problem with one input, or with one record of it. Name is the
// input's name as given to the reader (a path, or "<stdin>"); Line is the
// 1-based line where the bad record starts, or 0 when the problem concerns
// the input as a whole. Err is the problem; it wraps one of the Err…
// values above or an fs error.
//
// Error() reads like a compiler message: "name:line: problem".
type Error struct {
	Name string
	Line int
	Err  error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Name)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("unknown error")
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// BatchError is returned by Read and ReadFile together with the articles
// that were read when some records of a multi-record input (JSON Lines or
// a JSON array) could not be read. Errs holds one *Error per bad record,
// in input order; Read is the number of records read successfully.
type BatchError struct {
	Name string
	Read int
	Errs []*Error
}

// maxListed is how many record errors BatchError.Error spells out.
const maxListed = 3

func (e *BatchError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d of %d records unreadable", e.Name, len(e.Errs), len(e.Errs)+e.Read)
	for i, le := range e.Errs {
		if i == maxListed {
			fmt.Fprintf(&b, "; and %d more", len(e.Errs)-maxListed)
			break
		}
		b.WriteString("; ")
		b.WriteString(le.Error())
	}
	return b.String()
}

// Unwrap gives errors.Is and errors.As access to every record error.
func (e *BatchError) Unwrap() []error {
	out := make([]error, len(e.Errs))
	for i, le := range e.Errs {
		out[i] = le
	}
	return out
}

// problem builds an error wrapping sentinel with a detail message.
func problem(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}

// JSONProblem describes an encoding/json decoding error in newsim's words,
// for readers of other JSON files (pairs, models): "invalid JSON: …" with
// the position of a syntax error counted in unit ("column" for one line,
// "byte" for a file), "truncated" for an early end, and for a value of
// the wrong type the field's JSON path and the kind wanted. Go's names of
// types, and of embedded structs in a field's path, are left out.
func JSONProblem(err error, unit string) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || (errors.As(err, &se) && strings.Contains(se.Error(), "unexpected end of JSON input")):
		return errors.New("invalid JSON: truncated, the input ends inside a JSON value")
	case errors.As(err, &se):
		return fmt.Errorf("invalid JSON: %s at %s %d", se.Error(), unit, se.Offset)
	case errors.As(err, &te):
		var path []string
		for _, p := range strings.Split(te.Field, ".") {
			if p != "" && !unicode.IsUpper(rune(p[0])) { // "Scores" of an embedded struct
				path = append(path, p)
			}
		}
		if len(path) == 0 {
			return fmt.Errorf("want %s, not %s", jsonKindOf(te.Type), te.Value)
		}
		return fmt.Errorf("field %q must be %s, not %s", strings.Join(path, "."), jsonKindOf(te.Type), te.Value)
	}
	return fmt.Errorf("invalid JSON: %v", err)
}

// jsonKindOf names the JSON value a Go type is decoded from.
func jsonKindOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "a JSON object"
}
