package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// jsonArticle is the JSON form of an article. Unknown fields are ignored.
type jsonArticle struct {
	ID     flexString      `json:"id"`
	Title  string          `json:"title"`
	Text   string          `json:"text"`
	Lang   string          `json:"lang"`
	Date   json.RawMessage `json:"date"`
	URL    string          `json:"url"`
	Source string          `json:"source"`
	// Text1 is only looked at to explain a common mistake: a pair record
	// (title1/text1/title2/text2) given where articles are expected.
	Text1 json.RawMessage `json:"text1"`
}

// flexString accepts a JSON string or number (ids are often numbers).
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		*f = flexString(b)
	default:
		return &json.UnmarshalTypeError{Value: jsonKind(b), Type: reflect.TypeOf(""), Field: "id"}
	}
	return nil
}

// jsonKind names the JSON type of a raw value for error messages.
func jsonKind(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// articleFromJSON decodes one JSON article. data is one JSON value; any
// problem is returned as an error wrapping ErrJSON, ErrField or ErrNoText,
// with the column for syntax errors (data is assumed to be one line).
func articleFromJSON(data []byte) (Article, error) {
	var ja jsonArticle
	if err := json.Unmarshal(data, &ja); err != nil {
		return Article{}, jsonError(data, err, false)
	}
	return ja.article()
}

func (ja *jsonArticle) article() (Article, error) {
	a := Article{ID: string(ja.ID), Title: ja.Title, Text: ja.Text, URL: ja.URL, Source: ja.Source}.Cleaned()
	if a.Text == "" {
		switch {
		case ja.Text1 != nil:
			return Article{}, problem(ErrNoText, `no "text" field: this is a pair record (text1, text2), not an article; pairs are read by newsim score --pairs`)
		case strings.TrimSpace(ja.Text) != "":
			return Article{}, problem(ErrNoText, `"text" holds only page furniture`)
		default:
			return Article{}, problem(ErrNoText, `"text" is missing or empty`)
		}
	}
	var err error
	if a.Lang, err = parseLang(ja.Lang); err != nil {
		return Article{}, err
	}
	if a.Date, err = parseDateJSON(ja.Date); err != nil {
		return Article{}, err
	}
	return a, nil
}

// jsonError turns an encoding/json error into one wrapping ErrJSON or
// ErrField. With multiline, the position is given as a line:column pair
// relative to data; otherwise as a column.
func jsonError(data []byte, err error, multiline bool) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// encoding/json's only way of saying the input ended too soon.
		if strings.Contains(se.Error(), "unexpected end of JSON input") {
			return problem(ErrJSON, "truncated: the input ends inside a JSON value")
		}
		return problem(ErrJSON, "%s at %s", se.Error(), position(data, se.Offset, multiline))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return problem(ErrJSON, "truncated: the input ends inside a JSON value")
	case errors.As(err, &te):
		if te.Field == "" {
			return problem(ErrJSON, "an article must be a JSON object, not %s", te.Value)
		}
		return problem(ErrField, "field %q must be a string, not %s", te.Field, te.Value)
	}
	return problem(ErrJSON, "%v", err)
}

// position formats byte offset off of data as "column C" or "line L,
// column C" (both 1-based; columns count bytes).
func position(data []byte, off int64, multiline bool) string {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	// SyntaxError.Offset is just after the offending byte.
	col := int(off) - bytes.LastIndexByte(before, '\n') - 1
	if col < 1 {
		col = 1
	}
	if !multiline {
		return "column " + strconv.Itoa(col)
	}
	return fmt.Sprintf("line %d, column %d", 1+bytes.Count(before, []byte{'\n'}), col)
}

// parseJSON reads a JSON input (data is valid UTF-8, BOM removed): one
// object, or an array of objects. For an array, emit is called once per
// element with the 1-based line where it starts and the article or the
// element's problem; a syntax error ends the array and is returned, with
// its line. For a single object, the problem is returned.
func parseJSON(data []byte, emit func(line int, a Article, err error) error) (line int, err error) {
	t := bytes.TrimLeft(data, " \t\r\n")
	if len(t) == 0 {
		return 0, problem(ErrEmpty, "only white space")
	}
	if t[0] != '[' {
		var ja jsonArticle
		if err := json.Unmarshal(data, &ja); err != nil {
			return lineOfError(data, err), jsonError(data, err, true)
		}
		a, err := ja.article()
		if err != nil {
			return 0, err
		}
		return 0, emit(0, a, nil)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // the '['
		return lineOfError(data, err), jsonError(data, err, true)
	}
	n := 0
	lines := lineCounter{data: data}
	for dec.More() {
		start := int(dec.InputOffset())
		for start < len(data) && strings.IndexByte(" \t\r\n,", data[start]) >= 0 {
			start++
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return lineOfError(data, err), jsonError(data, err, true)
		}
		n++
		var ja jsonArticle
		var a Article
		err := json.Unmarshal(raw, &ja)
		if err != nil {
			err = jsonError(raw, err, true)
		} else {
			a, err = ja.article()
		}
		if err := emit(lines.at(start), a, err); err != nil {
			return 0, err
		}
	}
	if _, err := dec.Token(); err != nil { // the ']'
		return lineOfError(data, err), jsonError(data, err, true)
	}
	end := int(dec.InputOffset())
	if rest := bytes.TrimLeft(data[end:], " \t\r\n"); len(rest) > 0 {
		return lines.at(len(data) - len(rest)), problem(ErrJSON, "extra data after the JSON array")
	}
	if n == 0 {
		return 0, problem(ErrNoText, "empty JSON array")
	}
	return 0, nil
}

// lineOfError returns the 1-based line of a JSON syntax error in data, or
// the last line when data is truncated, or 0 when it is not positional.
func lineOfError(data []byte, err error) int {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		off := min(int(se.Offset), len(data))
		return 1 + bytes.Count(data[:off], []byte{'\n'})
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return 1 + bytes.Count(bytes.TrimRight(data, " \t\r\n"), []byte{'\n'})
	}
	return 0
}

// lineCounter gives 1-based line numbers for increasing byte offsets in
// linear total time.
type lineCounter struct {
	data []byte
	off  int
	line int
}

func (c *lineCounter) at(off int) int {
	if c.line == 0 {
		c.line = 1
	}
	if off > len(c.data) {
		off = len(c.data)
	}
	if off > c.off {
		c.line += bytes.Count(c.data[c.off:off], []byte{'\n'})
		c.off = off
	}
	return c.line
}

// parseLang turns a language tag ("ar", "AR", "ar-EG", "en_US") into its
// ISO 639-1 base ("ar", "en"); ISO 639-3 when the language has no
// two-letter code. "" and "und" give "".
func parseLang(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	tag, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil {
		return "", problem(ErrField, "lang %q is not a language tag (want e.g. \"ar\" or \"en-US\")", s)
	}
	base, conf := tag.Base()
	if conf == language.No || base.String() == "und" {
		return "", nil
	}
	return base.String(), nil
}

// dateLayouts are the date formats of the "date" field, tried in order.
// Layouts without a zone are read as UTC.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	time.DateTime,
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04",
	time.DateOnly,
	"2006/01/02 15:04:05",
	"2006/01/02",
	"02.01.2006 15:04",
	"02.01.2006",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"20060102",
}

// The years of the dates newsim keeps: those of Unix time stamps in
// nanoseconds, the unit times are stored in. A date outside is refused
// with an ErrField error naming it, never clamped.
const (
	MinYear = 1678
	MaxYear = 2261
)

// CheckDate returns an ErrField error when t is not zero and its year (in
// UTC) is outside MinYear–MaxYear.
func CheckDate(t time.Time) error {
	if !t.IsZero() && !inRange(t) {
		return dateRangeProblem(t.UTC().Format(time.RFC3339))
	}
	return nil
}

func inRange(t time.Time) bool {
	y := t.UTC().Year()
	return y >= MinYear && y <= MaxYear
}

func dateRangeProblem(date string) error {
	return problem(ErrField, "date %s is out of range: newsim keeps dates from year %d to %d", date, MinYear, MaxYear)
}

// DateFormats lists the layouts (in Go's reference-time notation) that the
// "date" field of a JSON article may use, besides Unix time as a number
// (seconds, or milliseconds when above 1e11). Day-first and month-first
// slashed dates ("04/06/2021") are ambiguous and refused.
func DateFormats() []string { return append([]string(nil), dateLayouts...) }

// ParseDate reads s in one of DateFormats (or as Unix seconds or
// milliseconds when it is all digits). A date without a zone is UTC. A
// date outside the years MinYear–MaxYear is an ErrField error.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) != 8 {
		return unixTime(float64(n), s)
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if !inRange(t) {
				return time.Time{}, dateRangeProblem(strconv.Quote(s))
			}
			return t, nil
		}
	}
	return time.Time{}, problem(ErrField, "date %q is in no known format (want e.g. 2021-06-04 or 2021-06-04T10:30:00Z)", s)
}

// maxUnixMillis bounds the Unix times unixTime converts (about year
// 33000), far outside MinYear–MaxYear, so that the conversion cannot
// overflow.
const maxUnixMillis = 1e15

// unixTime converts n, Unix seconds or, above 1e11, milliseconds, written
// as text in the input, to a time; a time outside MinYear–MaxYear is an
// ErrField error quoting text.
func unixTime(n float64, text string) (time.Time, error) {
	var t time.Time
	switch {
	case !(n > -maxUnixMillis && n < maxUnixMillis):
		return time.Time{}, dateRangeProblem(text)
	case n > 1e11 || n < -1e11:
		t = time.UnixMilli(int64(n)).UTC()
	default:
		sec := math.Floor(n)
		t = time.Unix(int64(sec), int64((n-sec)*1e9)).UTC()
	}
	if !inRange(t) {
		return time.Time{}, dateRangeProblem(text)
	}
	return t, nil
}

func parseDateJSON(raw json.RawMessage) (time.Time, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return time.Time{}, nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return time.Time{}, problem(ErrField, "date: %v", err)
		}
		return ParseDate(s)
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		n, err := strconv.ParseFloat(string(raw), 64)
		if err != nil {
			return time.Time{}, problem(ErrField, "date %s is not a number in range", raw)
		}
		return unixTime(n, string(raw))
	}
	return time.Time{}, problem(ErrField, "field \"date\" must be a string or a number, not %s", jsonKind(raw))
}
