package web_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/newsim/newsim/web"
)

// The server mounts Handler at "/"; client-side routes answer the page.
func ExampleHandler() {
	h := web.Handler()
	for _, p := range []string{"/", "/stories/abc", "/app.js", "/missing"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		fmt.Println(p, rec.Code, rec.Header().Get("Content-Type"))
	}
	// Output:
	// / 200 text/html; charset=utf-8
	// /stories/abc 200 text/html; charset=utf-8
	// /app.js 200 text/javascript; charset=utf-8
	// /missing 404 text/plain; charset=utf-8
}
