package server

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// docPath fills a documented path's {id} with a stored article or story
// of env.
func docPath(env *storeEnv, path string) string {
	if strings.HasPrefix(path, "/v1/stories/") {
		return strings.Replace(path, "{id}", env.storyID, 1)
	}
	return strings.Replace(path, "{id}", env.ids[0], 1)
}

// docExamples returns the request-body examples of an operation of the
// document, by name, as JSON.
func docExamples(t *testing.T, method, path string) map[string][]byte {
	t.Helper()
	doc, _ := openAPIDoc(t)
	op := doc.Paths.Find(path).GetOperation(method)
	if op == nil || op.RequestBody == nil {
		return nil
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil {
		t.Fatalf("%s %s: request body without application/json", method, path)
	}
	out := map[string][]byte{}
	for name, ex := range mt.Examples {
		out[name] = mustJSON(t, ex.Value.Value)
	}
	return out
}

// TestOpenAPIRequestExamplesAreAccepted posts every request-body example
// of the document to a real server with a store: each is answered with
// success, as documented; the compare example is the seed pair.
func TestOpenAPIRequestExamplesAreAccepted(t *testing.T) {
	env := newStoreEnv(t)
	withBody := 0
	for _, op := range docOperations(t) {
		method, path, _ := strings.Cut(op, " ")
		examples := docExamples(t, method, path)
		if examples == nil {
			continue
		}
		withBody++
		if len(examples) == 0 {
			t.Errorf("%s: request body without an example", op)
		}
		names := make([]string, 0, len(examples))
		for n := range examples {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, name := range names {
			body := examples[name]
			p := docPath(env, path)
			got := do(t, env.ts, method, p, "application/json", body, env.auth()...)
			if got.Status/100 != 2 {
				t.Errorf("%s example %q: status %d: %.300s", op, name, got.Status, got.Body)
				continue
			}
			checkAgainstDoc(t, method, p, "application/json", body, got)
		}
	}
	if withBody < 3 {
		t.Errorf("only %d operations with a request body in the document", withBody)
	}
	var pair CompareRequest
	if err := json.Unmarshal(docExamples(t, "POST", "/v1/compare")["seedPair"], &pair); err != nil || pair.A == nil || pair.B == nil {
		t.Fatalf("compare has no seedPair example: %v", err)
	}
	if a, b := seed(t, 0), seed(t, 1); pair.A.Title != a.Title || pair.A.Text != a.Text || pair.B.Title != b.Title || pair.B.Text != b.Text {
		t.Error("the compare example seedPair is not the seed pair of testdata/seeds")
	}
}

// TestOpenAPISecurityMatchesHandlers: every operation declares its
// security, and the declaration is what the server does: an operation
// declaring the bearer token is refused without it (401), one declaring
// none (security: []) is answered without it.
func TestOpenAPISecurityMatchesHandlers(t *testing.T) {
	env := newStoreEnv(t)
	doc, _ := openAPIDoc(t)
	for _, op := range docOperations(t) {
		method, path, _ := strings.Cut(op, " ")
		o := doc.Paths.Find(path).GetOperation(method)
		if o.Security == nil {
			t.Errorf("%s declares no security (bearer for writes, [] for public operations)", op)
			continue
		}
		needsToken := false
		for _, req := range *o.Security {
			if _, ok := req["bearer"]; ok {
				needsToken = true
			}
		}
		var body []byte
		ctype := ""
		for _, b := range docExamples(t, method, path) {
			body, ctype = b, "application/json"
			break
		}
		got := do(t, env.ts, method, docPath(env, path), ctype, body)
		if needsToken && got.Status != 401 {
			t.Errorf("%s declares the bearer token but answers %d without it", op, got.Status)
		}
		if !needsToken && got.Status == 401 {
			t.Errorf("%s declares no security but answers 401 without a token", op)
		}
	}
}
