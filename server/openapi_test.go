package server

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	legacyrouter "github.com/getkin/kin-openapi/routers/legacy"
)

var (
	docOnce   sync.Once
	theDoc    *openapi3.T
	theRouter routers.Router
	docErr    error
)

// openAPIDoc loads and validates the embedded document once.
func openAPIDoc(t testing.TB) (*openapi3.T, routers.Router) {
	t.Helper()
	docOnce.Do(func() {
		theDoc, docErr = openapi3.NewLoader().LoadFromData(openAPI)
		if docErr != nil {
			return
		}
		if docErr = theDoc.Validate(context.Background()); docErr != nil {
			return
		}
		theRouter, docErr = legacyrouter.NewRouter(theDoc)
	})
	if docErr != nil {
		t.Fatalf("openapi.json: %v", docErr)
	}
	return theDoc, theRouter
}

// checkAgainstDoc validates a request and its answer against the document:
// the operation exists, the request is valid, the status is documented and
// the body matches the documented schema. Requests for paths the document
// does not have are reported as such.
func checkAgainstDoc(t testing.TB, method, path, ctype string, body []byte, got answer) {
	t.Helper()
	_, router := openAPIDoc(t)
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Errorf("%s %s: not in openapi.json: %v", method, path, err)
		return
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	if got.Status < 400 { // valid requests must validate; bad ones are bad on purpose
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			t.Errorf("%s %s: request does not match openapi.json: %v", method, path, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: got.Status, Header: got.Header,
		Body: io.NopCloser(bytes.NewReader(got.Body)), Options: opts,
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s → %d: answer does not match openapi.json: %v\nbody: %.400s", method, path, got.Status, err, got.Body)
	}
}

// docOperations lists "METHOD /path" for every operation in the document.
func docOperations(t testing.TB) []string {
	doc, _ := openAPIDoc(t)
	var ops []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, method+" "+path)
		}
	}
	sort.Strings(ops)
	return ops
}

func TestOpenAPIDocumentIsServedAndValid(t *testing.T) {
	openAPIDoc(t)
	_, ts := newTestServer(t, Config{})
	got := do(t, ts, "GET", "/v1/openapi.json", "", nil)
	if got.Status != 200 || !bytes.Equal(got.Body, openAPI) || got.Header.Get("Content-Type") != jsonType {
		t.Fatalf("GET /v1/openapi.json: %d %q, %d bytes", got.Status, got.Header.Get("Content-Type"), len(got.Body))
	}
}

// Every route the server registers is documented, and every documented
// operation is routed to a real handler that answers as documented.
func TestOpenAPIMatchesHandlers(t *testing.T) {
	env := newStoreEnv(t)
	s, ts := env.srv, env.ts
	ops := docOperations(t)
	documented := map[string]bool{}
	for _, op := range ops {
		documented[op] = true
	}
	for _, r := range s.Routes() {
		if !documented[r] {
			t.Errorf("route %q is served but not in openapi.json", r)
		}
	}

	a, b := seed(t, 0), seed(t, 1)
	pair := mustJSON(t, CompareRequest{A: &a, B: &b})
	id := env.ids[0]
	story := env.storyID
	calls := map[string]struct {
		method, path string
		body         []byte
		status       int
	}{
		"POST /v1/compare":              {"POST", "/v1/compare", pair, 200},
		"POST /v1/articles":             {"POST", "/v1/articles", mustJSON(t, ArticleIn{Title: "Gantz in Washington", Text: "Benny Gantz met Antony Blinken in Washington on Thursday.", Lang: "en"}), 201},
		"GET /v1/articles/{id}":         {"GET", "/v1/articles/" + id, nil, 200},
		"DELETE /v1/articles/{id}":      {"DELETE", "/v1/articles/" + env.ids[len(env.ids)-1], nil, 204},
		"GET /v1/articles/{id}/similar": {"GET", "/v1/articles/" + id + "/similar?limit=5", nil, 200},
		"POST /v1/similar":              {"POST", "/v1/similar?limit=5", mustJSON(t, a), 200},
		"GET /v1/stories":               {"GET", "/v1/stories?since=2000-01-01&lang=ar&limit=20", nil, 200},
		"GET /v1/stories/{id}":          {"GET", "/v1/stories/" + story, nil, 200},
		"GET /v1/openapi.json":          {"GET", "/v1/openapi.json", nil, 200},
		"GET /healthz":                  {"GET", "/healthz", nil, 200},
		"GET /metrics":                  {"GET", "/metrics", nil, 200},
	}
	for _, op := range ops {
		t.Run(op, func(t *testing.T) {
			c, ok := calls[op]
			if !ok {
				t.Fatalf("documented operation %q has no call in this test", op)
			}
			ctype := ""
			if c.body != nil {
				ctype = "application/json"
			}
			got := do(t, ts, c.method, c.path, ctype, c.body, "Authorization", "Bearer "+env.token)
			if got.Status != c.status {
				t.Fatalf("%s %s: status %d, want %d: %.300s", c.method, c.path, got.Status, c.status, got.Body)
			}
			checkAgainstDoc(t, c.method, c.path, ctype, c.body, got)
		})
	}
	// The include=articles form of compare validates too.
	got := do(t, ts, "POST", "/v1/compare?include=articles", "application/json", pair)
	checkAgainstDoc(t, "POST", "/v1/compare?include=articles", "application/json", pair, got)
	if !strings.Contains(string(got.Body), `"articles"`) {
		t.Error("include=articles answer has no articles")
	}
}
