package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

const jsonType = "application/json; charset=utf-8"

// apiError is an error with the HTTP status and code it answers with.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Message }

func errorf(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// errorBody is the JSON body of every error answer.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	var b errorBody
	b.Error.Code, b.Error.Message = code, msg
	writeJSON(w, status, b)
}

// fail answers with err: an *apiError keeps its status, anything else is 500.
func fail(w http.ResponseWriter, err error) {
	var ae *apiError
	if errors.As(err, &ae) {
		writeError(w, ae.Status, ae.Code, ae.Message)
		return
	}
	writeError(w, http.StatusInternalServerError, "internal", err.Error())
}

// writeJSON writes v as the JSON body with status. HTML-significant
// characters are escaped (\u003c), so a body can never be taken for HTML.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"encode answer"}}` + "\n")
	}
	w.Header().Set("Content-Type", jsonType)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// readJSON decodes the request body into v. It requires a JSON content type
// (415), at most MaxBodyBytes (413), valid UTF-8 (400 naming the field;
// see checkUTF8) and well-formed JSON (400) holding a single value.
func readJSON(w http.ResponseWriter, r *http.Request, v any) error {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return errorf(http.StatusUnsupportedMediaType, "unsupported_media_type",
			"request body must be JSON (Content-Type: application/json), got %q", ct)
	}
	if r.ContentLength > MaxBodyBytes {
		return errorf(http.StatusRequestEntityTooLarge, "too_large",
			"request body is %d bytes; the limit is %d bytes (8 MiB)", r.ContentLength, MaxBodyBytes)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		return decodeError(err)
	}
	if err := checkUTF8(body); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err != nil {
			return decodeError(err)
		}
		return errorf(http.StatusBadRequest, "bad_json", "request body holds more than one JSON value")
	}
	return nil
}

func decodeError(err error) error {
	var mbe *http.MaxBytesError
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var pe *time.ParseError
	switch {
	case errors.As(err, &pe):
		return errorf(http.StatusBadRequest, "bad_json", "date %q is not an RFC 3339 time such as \"2021-06-03T09:00:00Z\"", pe.Value)
	case errors.As(err, &mbe):
		return errorf(http.StatusRequestEntityTooLarge, "too_large", "request body is over the limit of %d bytes (8 MiB)", mbe.Limit)
	case errors.Is(err, io.EOF):
		return errorf(http.StatusBadRequest, "bad_json", "request body is empty; want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errorf(http.StatusBadRequest, "bad_json", "malformed JSON: body ends in the middle of a value")
	case errors.As(err, &se):
		return errorf(http.StatusBadRequest, "bad_json", "malformed JSON at byte %d: %v", se.Offset, se)
	case errors.As(err, &te):
		where := te.Field
		if where == "" {
			where = "the body"
		}
		return errorf(http.StatusBadRequest, "bad_json", "%s: JSON %s where %s is expected", where, te.Value, te.Type)
	default:
		return errorf(http.StatusBadRequest, "bad_json", "malformed JSON: %v", err)
	}
}
