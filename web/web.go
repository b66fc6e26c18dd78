// Package web holds newsim's browser page: a compare view (two articles
// side by side with their scores and evidence), a stories view and a story
// page. The page is plain HTML, CSS and JavaScript with no build step,
// embedded in the binary; it talks to the JSON API under /v1/ on the same
// origin and never inserts article text as HTML.
//
// The server mounts Handler at "/" for every path outside /v1/, /healthz
// and /metrics.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var static embed.FS

// Assets returns the page's files (index.html, app.js, app.css,
// favicon.svg) at the root of the returned file system.
func Assets() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil { // cannot happen: "static" is embedded above
		panic(err)
	}
	return sub
}

// contentTypes fixes the types of the page's own files, whatever the
// system's MIME tables say.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".json": "application/json",
}

// asset is one embedded file, read once at start-up.
type asset struct {
	body  []byte
	ctype string
	etag  string
}

// Handler serves the page. GET or HEAD of "/", "/stories" and
// "/stories/{id}" answer index.html (the page routes on the client); the
// asset files answer themselves by their absolute path ("/app.js"). Every
// answer carries a strong ETag (a hash of the content) and
// "Cache-Control: no-cache", so browsers revalidate and get 304 while the
// binary is unchanged. Other paths answer 404 and other methods 405, both
// as short plain text. Handler sets no security headers; the server does.
func Handler() http.Handler {
	files := map[string]*asset{}
	root := Assets()
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ct := contentTypes[path.Ext(p)]
		if ct == "" {
			ct = mime.TypeByExtension(path.Ext(p))
		}
		if ct == "" {
			ct = http.DetectContentType(b)
		}
		files["/"+p] = &asset{body: b, ctype: ct, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		return nil
	})
	if err != nil { // cannot happen: the files are embedded
		panic(err)
	}
	index := files["/index.html"]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		a := files[r.URL.Path]
		if a == nil && isRoute(r.URL.Path) {
			a = index
		}
		if a == nil {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.ctype)
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", a.etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
	})
}

// isRoute reports whether p is one of the page's client-side routes.
func isRoute(p string) bool {
	switch {
	case p == "/", p == "/compare", p == "/stories", p == "/stories/":
		return true
	case strings.HasPrefix(p, "/stories/"):
		id := strings.TrimPrefix(p, "/stories/")
		return id != "" && !strings.Contains(id, "/")
	}
	return false
}
