// Package analysis is newsim's analyse stage: it identifies an article's
// language, normalises and tokenises its text, stems its words, and finds
// its entities, dates, numbers and quotations. Analysis happens once per
// article; every later stage works on the resulting Doc.
package analysis

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/newsim/newsim/analysis/dates"
	"github.com/newsim/newsim/analysis/entity"
	"github.com/newsim/newsim/analysis/lang"
	"github.com/newsim/newsim/analysis/normalize"
	"github.com/newsim/newsim/analysis/stem"
	"github.com/newsim/newsim/analysis/token"
	"github.com/newsim/newsim/article"
)

// Doc is an analysed article. It is plain data (it marshals to JSON) so
// that a store can keep it and nothing is analysed twice.
type Doc struct {
	Article article.Article `json:"article"`
	// Lang is the ISO 639-1 code of the article's language.
	Lang string `json:"lang"`
	// TitleTerms are the stemmed, normalised content words of the title.
	TitleTerms []string `json:"title_terms"`
	// Sentences are the sentences of the body (Article.Text), in order.
	Sentences []Sentence `json:"sentences"`
	// Entities are the named entities of title and body, most mentioned first.
	Entities []entity.Entity `json:"entities"`
	// Dates are the calendar references of title and body.
	Dates []dates.Date `json:"dates"`
	// Numbers are the numerals of the body, as ASCII digit strings.
	Numbers []string `json:"numbers"`
	// Quotes are the passages of the body between quotation marks.
	Quotes []string `json:"quotes"`
	// Words is the number of words of the body, stop words included.
	Words int `json:"words"`
}

// Sentence is one sentence of an article body. Start and End are byte
// offsets into Article.Text (End exclusive). Terms are its stemmed,
// normalised content words, stop words removed.
type Sentence struct {
	Start int      `json:"start"`
	End   int      `json:"end"`
	Terms []string `json:"terms"`
}

// Text returns the sentence's text within doc.
func (s Sentence) Text(d *Doc) string { return d.Article.Text[s.Start:s.End] }

// Terms returns every content term of the body, in order.
func (d *Doc) Terms() []string {
	n := 0
	for _, s := range d.Sentences {
		n += len(s.Terms)
	}
	out := make([]string, 0, n)
	for _, s := range d.Sentences {
		out = append(out, s.Terms...)
	}
	return out
}

// ErrEmpty is returned for an article with neither title nor text.
var ErrEmpty = errors.New("article has no text")

// Analyzer analyses articles. Its zero value is not usable: call New.
// An Analyzer is safe for concurrent use.
type Analyzer struct{}

// New returns an Analyzer.
func New() *Analyzer { return &Analyzer{} }

// Analyze analyses a. If a.Lang is empty the language is identified from
// the text; an article whose language cannot be identified is an error.
func (an *Analyzer) Analyze(a article.Article) (*Doc, error) {
	if strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Text) == "" {
		return nil, ErrEmpty
	}
	code := strings.ToLower(strings.TrimSpace(a.Lang))
	if code == "" {
		c, _, err := lang.Detect(a.Title + "\n" + a.Text)
		if err != nil {
			return nil, fmt.Errorf("identify language: %w", err)
		}
		code = c
	}
	d := &Doc{Article: a, Lang: code}
	st := stem.For(code)
	d.TitleTerms = terms(code, st, a.Title)
	for _, sp := range token.Sentences(a.Text) {
		d.Sentences = append(d.Sentences, Sentence{Start: sp.Start, End: sp.End, Terms: terms(code, st, a.Text[sp.Start:sp.End])})
	}
	d.Words = len(token.Words(a.Text))
	d.Entities = entity.Extract(code, a.Title+"\n"+a.Text)
	d.Dates = dates.Find(code, a.Title+"\n"+a.Text, a.Date)
	for _, t := range token.Words(normalize.Fold(code, a.Text)) {
		if isNumber(t.Text) {
			d.Numbers = append(d.Numbers, t.Text)
		}
	}
	return d, nil
}

func terms(code string, st stem.Stemmer, s string) []string {
	var out []string
	for _, t := range token.Words(normalize.Fold(code, s)) {
		if stem.IsStop(code, t.Text) {
			continue
		}
		out = append(out, st.Stem(t.Text))
	}
	return out
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}
