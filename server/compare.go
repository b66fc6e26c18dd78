package server

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/compare"
)

// ArticleIn is an article in a request body: plain text (Title, Text) or a
// URL-less HTML page or fragment (HTML), read by the article package's HTML
// reader. Fields given next to HTML (Title, Lang, Date, ...) override what
// the reader found.
type ArticleIn struct {
	ID     string    `json:"id,omitempty"`
	Title  string    `json:"title,omitempty"`
	Text   string    `json:"text,omitempty"`
	HTML   string    `json:"html,omitempty"`
	Lang   string    `json:"lang,omitempty"`
	Date   time.Time `json:"date,omitzero"`
	URL    string    `json:"url,omitempty"`
	Source string    `json:"source,omitempty"`
}

// CompareRequest is the body of POST /v1/compare.
type CompareRequest struct {
	A *ArticleIn `json:"a"`
	B *ArticleIn `json:"b"`
}

// ArticleView is an article as the compare page shows it: Sentences are
// [start, end) offsets in UTF-16 code units into Text (JavaScript string
// indices), the sentences evidence.aligned refers to by index.
type ArticleView struct {
	Title     string     `json:"title"`
	Text      string     `json:"text"`
	Lang      string     `json:"lang"`
	Dir       string     `json:"dir"`
	Sentences []SpanView `json:"sentences"`
}

// SpanView is a [Start, End) range in UTF-16 code units.
type SpanView struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// CompareWithArticles is the answer of POST /v1/compare?include=articles.
type CompareWithArticles struct {
	*compare.Result
	Articles struct {
		A ArticleView `json:"a"`
		B ArticleView `json:"b"`
	} `json:"articles"`
}

// toArticle turns a request article into an Article; name ("a", "b",
// "articles[3]") prefixes error messages. An article with neither title nor
// text is a 422.
func toArticle(name string, in *ArticleIn) (article.Article, error) {
	if in == nil {
		return article.Article{}, errorf(http.StatusUnprocessableEntity, "empty_article", "%s: article is missing", name)
	}
	// Posted text is cleaned as the file readers clean a body (page
	// furniture dropped, one paragraph a line), so the API and the CLI
	// rate the same article alike.
	// (Invalid UTF-8 is left as it is, for the check below to refuse.)
	a := article.Article{ID: in.ID, Title: in.Title, Text: in.Text, Lang: in.Lang, Date: in.Date, URL: in.URL, Source: in.Source}
	if utf8.ValidString(in.Title) && utf8.ValidString(in.Text) {
		a = a.Cleaned()
	}
	if strings.TrimSpace(in.HTML) != "" {
		if strings.TrimSpace(in.Text) != "" {
			return a, errorf(http.StatusBadRequest, "bad_request", "%s: give either text or html, not both", name)
		}
		h, err := readHTML(name, in.HTML)
		if err != nil {
			return a, err
		}
		a.Text = h.Text
		if a.Title == "" {
			a.Title = h.Title
		}
		if a.Lang == "" {
			a.Lang = h.Lang
		}
		if a.Date.IsZero() {
			a.Date = h.Date
		}
		if a.Source == "" {
			a.Source = h.Source
		}
	}
	if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Text) {
		return a, errorf(http.StatusBadRequest, "bad_request", "%s: title or text is not valid UTF-8", name)
	}
	if strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Text) == "" {
		return a, errorf(http.StatusUnprocessableEntity, "empty_article", "%s: article has neither title nor text", name)
	}
	if len(a.Lang) > 0 && !isLangCode(a.Lang) {
		return a, errorf(http.StatusUnprocessableEntity, "bad_lang", "%s: lang %q is not an ISO 639-1 code", name, a.Lang)
	}
	return a, nil
}

func isLangCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// analyse analyses a, turning analysis failures into 422s; it stops when
// ctx ends (request timed out or client gone).
func (s *Server) analyse(ctx context.Context, name string, a article.Article) (*analysis.Doc, error) {
	d, err := s.an.AnalyzeContext(ctx, a)
	if ctx.Err() != nil {
		return nil, errorf(http.StatusServiceUnavailable, "timeout", "%s: request ended during analysis: %v", name, ctx.Err())
	}
	if errors.Is(err, analysis.ErrEmpty) {
		return nil, errorf(http.StatusUnprocessableEntity, "empty_article", "%s: article has neither title nor text", name)
	}
	if err != nil {
		return nil, errorf(http.StatusUnprocessableEntity, "unreadable_article", "%s: %v", name, err)
	}
	return d, nil
}

func (s *Server) handleCompare(w http.ResponseWriter, r *http.Request) {
	var req CompareRequest
	if err := readJSON(w, r, &req); err != nil {
		fail(w, err)
		return
	}
	var arts [2]article.Article
	for i, in := range []*ArticleIn{req.A, req.B} {
		name := string(rune('a' + i))
		a, err := toArticle(name, in)
		if err != nil {
			fail(w, err)
			return
		}
		if a.ID == "" {
			a.ID = name
		}
		arts[i] = a
	}
	var docs [2]*analysis.Doc
	var res *compare.Result
	s.work(w, r, func() {
		for i, a := range arts {
			var err error
			if docs[i], err = s.analyse(r.Context(), string(rune('a'+i)), a); err != nil {
				fail(w, err)
				return
			}
		}
		res = s.cfg.Comparer.Articles(docs[0], docs[1])
	})
	if res == nil { // answered: busy or an analysis error
		return
	}
	s.metrics.compares.Inc()
	if r.URL.Query().Get("include") != "articles" {
		writeJSON(w, http.StatusOK, res)
		return
	}
	out := CompareWithArticles{Result: res}
	out.Articles.A = view(docs[0])
	out.Articles.B = view(docs[1])
	writeJSON(w, http.StatusOK, out)
}

// rtl lists the right-to-left languages newsim may meet.
var rtl = map[string]bool{"ar": true, "fa": true, "he": true, "ur": true, "ps": true, "yi": true}

func view(d *analysis.Doc) ArticleView {
	v := ArticleView{Title: d.Article.Title, Text: d.Article.Text, Lang: d.Lang, Dir: "ltr", Sentences: []SpanView{}}
	if rtl[d.Lang] {
		v.Dir = "rtl"
	}
	// Byte offsets → UTF-16 offsets, in one pass over the text.
	text := d.Article.Text
	b, u := 0, 0
	at := func(off int) int {
		for b < off && b < len(text) {
			r, n := utf8.DecodeRuneInString(text[b:])
			b += n
			u += utf16.RuneLen(r)
		}
		return u
	}
	for _, s := range d.Sentences {
		if s.Start < b { // not ascending: recount from the start
			b, u = 0, 0
		}
		st := at(s.Start)
		v.Sentences = append(v.Sentences, SpanView{Start: st, End: at(s.End)})
	}
	return v
}
