package server

import (
	"net/http"

	"github.com/newsim/newsim/article"
)

// readHTML reads an HTML page or fragment given in a request.
// (Waiting for the article package's HTML reader.)
func readHTML(name, html string) (article.Article, error) {
	return article.Article{}, errorf(http.StatusNotImplemented, "not_implemented", "%s: HTML input needs the article package's HTML reader", name)
}
