package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsim/newsim/article"
)

// checkUTF8 refuses a JSON body holding invalid UTF-8 with a 400 naming
// the field ("a.text", "[3].title"), where encoding/json would silently
// replace the bad bytes with U+FFFD. A body that is valid UTF-8 costs one
// pass; an invalid one a second, token by token, to find the field.
func checkUTF8(body []byte) error {
	if utf8.Valid(body) {
		return nil
	}
	field, off := invalidUTF8Field(body)
	return errorf(http.StatusBadRequest, "bad_utf8",
		"%s is not valid UTF-8 (bad byte at offset %d of the body); send text as UTF-8", field, off)
}

// invalidUTF8Field walks body's JSON tokens and returns the path of the
// first value (or key) holding invalid UTF-8 and the byte offset of the
// bad byte. Bad bytes outside any string (malformed JSON) are reported as
// "the request body".
func invalidUTF8Field(body []byte) (string, int) {
	first := article.FirstInvalidUTF8(body)
	type frame struct {
		arr     bool
		idx     int
		key     string
		wantKey bool
	}
	var stack []frame
	path := func() string {
		var b strings.Builder
		for _, f := range stack {
			if f.arr {
				b.WriteString("[" + strconv.Itoa(f.idx) + "]")
			} else {
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(f.key)
			}
		}
		if b.Len() == 0 {
			return "the request body"
		}
		return "field " + strconv.Quote(b.String())
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return "the request body", first
		}
		end := dec.InputOffset()
		bad := start <= int64(first) && int64(first) < end
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && !stack[len(stack)-1].arr {
				stack[len(stack)-1].wantKey = true
			}
			continue
		}
		if top != nil && !top.arr && top.wantKey {
			top.key, _ = tok.(string)
			top.wantKey = false
			if bad {
				return path() + " (a key)", first
			}
			continue
		}
		if top != nil && top.arr {
			top.idx++
		}
		if bad {
			return path(), first
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{wantKey: true})
		case json.Delim('['):
			stack = append(stack, frame{arr: true, idx: -1})
		default:
			if top != nil && !top.arr {
				top.wantKey = true
			}
		}
	}
}
