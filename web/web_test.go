package web

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestHandlerRoutes(t *testing.T) {
	h := Handler()
	index, err := fs.ReadFile(Assets(), "index.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, path string
		status             int
		ctype              string
		index              bool // the body is index.html
	}{
		{"root is the compare view", "GET", "/", 200, "text/html; charset=utf-8", true},
		{"compare route", "GET", "/compare", 200, "text/html; charset=utf-8", true},
		{"stories route", "GET", "/stories", 200, "text/html; charset=utf-8", true},
		{"stories route with slash", "GET", "/stories/", 200, "text/html; charset=utf-8", true},
		{"story route", "GET", "/stories/st-42", 200, "text/html; charset=utf-8", true},
		{"index by name", "GET", "/index.html", 200, "text/html; charset=utf-8", true},
		{"script", "GET", "/app.js", 200, "text/javascript; charset=utf-8", false},
		{"style sheet", "GET", "/app.css", 200, "text/css; charset=utf-8", false},
		{"icon", "GET", "/favicon.svg", 200, "image/svg+xml", false},
		{"head of a route", "HEAD", "/stories", 200, "text/html; charset=utf-8", false},
		{"nested story path", "GET", "/stories/a/b", 404, "", false},
		{"unknown file", "GET", "/secret.txt", 404, "", false},
		{"directory of embed", "GET", "/static/app.js", 404, "", false},
		{"post", "POST", "/", 405, "", false},
		{"delete", "DELETE", "/app.js", 405, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
			if rec.Code != tc.status {
				t.Fatalf("%s %s: status %d, want %d", tc.method, tc.path, rec.Code, tc.status)
			}
			if tc.ctype != "" && rec.Header().Get("Content-Type") != tc.ctype {
				t.Errorf("Content-Type %q, want %q", rec.Header().Get("Content-Type"), tc.ctype)
			}
			if tc.index && !bytes.Equal(rec.Body.Bytes(), index) {
				t.Errorf("body is not index.html (%d bytes)", rec.Body.Len())
			}
			if tc.status == 405 && rec.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q", rec.Header().Get("Allow"))
			}
			if tc.method == "HEAD" && rec.Body.Len() != 0 {
				t.Errorf("HEAD answered a body of %d bytes", rec.Body.Len())
			}
		})
	}
}

func TestHandlerRevalidates(t *testing.T) {
	h := Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/app.js", nil))
	etag := rec.Header().Get("ETag")
	if etag == "" || rec.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, rec.Header().Get("Cache-Control"))
	}
	req := httptest.NewRequest("GET", "/app.js", nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Fatalf("revalidation: status %d, %d bytes; want 304 and no body", rec.Code, rec.Body.Len())
	}
	// Different files have different tags.
	rec2 := httptest.NewRecorder()
	h.ServeHTTP(rec2, httptest.NewRequest("GET", "/app.css", nil))
	if rec2.Header().Get("ETag") == etag {
		t.Fatal("app.css and app.js share an ETag")
	}
}

// The server sends "script-src 'self'; style-src 'self'": the page must
// hold no inline script, style or event handler, and every file it links
// must exist.
func TestIndexFitsContentSecurityPolicy(t *testing.T) {
	b, err := fs.ReadFile(Assets(), "index.html")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	ids := map[string]bool{}
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
				if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
					t.Errorf("<%s %s=...>: inline style or handler breaks the CSP", n.Data, a.Key)
				}
				if a.Key == "id" {
					if ids[a.Val] {
						t.Errorf("duplicate id %q", a.Val)
					}
					ids[a.Val] = true
				}
			}
			switch n.Data {
			case "style":
				t.Error("<style> element breaks the CSP")
			case "script":
				if attrs["src"] == "" {
					t.Error("inline <script> breaks the CSP")
				}
			}
			for _, k := range []string{"src", "href"} {
				v := attrs[k]
				if n.Data == "a" || v == "" || strings.HasPrefix(v, "#") {
					continue
				}
				if !strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") {
					t.Errorf("<%s %s=%q>: assets must be same-origin absolute paths", n.Data, k, v)
					continue
				}
				if _, err := fs.Stat(Assets(), strings.TrimPrefix(v, "/")); err != nil {
					t.Errorf("<%s %s=%q>: no such asset", n.Data, k, v)
				}
			}
			// Every form control has a label.
			if (n.Data == "input" || n.Data == "select" || n.Data == "textarea") && attrs["type"] != "hidden" {
				if attrs["id"] == "" || !bytes.Contains(b, []byte(`for="`+attrs["id"]+`"`)) {
					t.Errorf("<%s id=%q> has no <label for>", n.Data, attrs["id"])
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// Article text is untrusted: the script must never hand a string to the
// HTML parser.
func TestScriptNeverParsesStringsAsHTML(t *testing.T) {
	b, err := fs.ReadFile(Assets(), "app.js")
	if err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile(`(?m)^\s*//.*$`).ReplaceAll(b, nil)
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "createContextualFragment", "srcdoc"} {
		if bytes.Contains(code, []byte(bad)) {
			t.Errorf("app.js uses %s", bad)
		}
	}
	if !bytes.Contains(code, []byte("textContent")) {
		t.Error("app.js never uses textContent: the check above is looking at the wrong file")
	}
}
