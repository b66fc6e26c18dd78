package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/newsim/newsim/article"
)

// readHTML reads an HTML page or fragment given in a request with the
// article package's HTML reader (main text extraction, title, language and
// date from the page's metadata). A page without main text is a 422.
func readHTML(name, html string) (article.Article, error) {
	arts, err := article.Options{Format: article.FormatHTML}.Read(name+".html", strings.NewReader(html))
	switch {
	case errors.Is(err, article.ErrNoText) || errors.Is(err, article.ErrEmpty):
		return article.Article{}, errorf(http.StatusUnprocessableEntity, "empty_article", "%s: the HTML has no article text", name)
	case errors.Is(err, article.ErrTooLarge):
		return article.Article{}, errorf(http.StatusRequestEntityTooLarge, "too_large", "%s: the HTML is too large", name)
	case err != nil:
		return article.Article{}, errorf(http.StatusUnprocessableEntity, "unreadable_article", "%s: %v", name, err)
	case len(arts) != 1:
		return article.Article{}, errorf(http.StatusUnprocessableEntity, "unreadable_article", "%s: the HTML holds %d articles, want one", name, len(arts))
	}
	return arts[0], nil
}
