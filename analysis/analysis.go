// Package analysis is newsim's analyse stage: it identifies an article's
// language, normalises and tokenises its text, stems its words, and finds
// its entities, dates, numbers and quotations. Analysis happens once per
// article; every later stage works on the resulting Doc.
//
// The pipeline, per article:
//
//   - language: Article.Lang when set (lang.Canonical of it must be a
//     supported code, see lang.Supported), else lang.Identify on the title and the start of
//     the body;
//   - sentences: token.Sentences on the body (byte offsets into
//     Article.Text);
//   - words: token.AppendWords (Unicode word boundaries) on title and
//     body; for zh, runs of Han characters become bigrams (token.Bigrams);
//   - terms: each word folded by normalize.AppendFold, stop words and
//     single letters dropped, the rest stemmed by stem.ForLang(lang).Term
//     (cached: a word is stemmed once per process); numbers become their
//     canonical form (see Doc.Numbers) and are terms too;
//   - quotations (quote.go), entities (analysis/entity), dates
//     (analysis/dates).
package analysis

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsim/newsim/analysis/dates"
	"github.com/newsim/newsim/analysis/entity"
	"github.com/newsim/newsim/analysis/framing"
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
	// Numbers are the numerals of the body, in order, in a canonical,
	// language-independent form: ASCII digits, no group separators, '.'
	// as decimal mark, trailing decimal zeros dropped ("1,000", "1 000"
	// in French and "1.000" in German → "1000"; "٣٫٥" and "3,5" in
	// French → "3.5"), times a scale word that follows ("3.5 million",
	// "3,5 Millionen", "٣٫٥ مليون" → "3500000"); see numbers.go.
	Numbers []string `json:"numbers"`
	// Quotes are the passages of the body between quotation marks, in
	// order, outermost only, trimmed (see quote.go for the marks).
	Quotes []string `json:"quotes"`
	// Framing are the loaded words and scare quotes of title and body
	// (package framing), each once, in order of occurrence.
	Framing []framing.Phrase `json:"framing,omitempty"`
	// Words is the number of words of the body, stop words included.
	Words int `json:"words"`
	// Truncated is set when the title or body was longer than
	// MaxTitleBytes or MaxTextBytes: Article holds the analysed start.
	Truncated *Truncation `json:"truncated,omitempty"`
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

// ErrInvalidUTF8 is returned for an article whose title or text is not
// valid UTF-8 (the readers of package article convert other encodings).
var ErrInvalidUTF8 = errors.New("article text is not valid UTF-8")

// Analyzer analyses articles. Its zero value is usable; New is the
// documented constructor. An Analyzer is safe for concurrent use.
type Analyzer struct {
	// textOnly skips entities and dates (for BenchmarkAnalyze/text).
	textOnly bool
}

// New returns an Analyzer.
func New() *Analyzer { return &Analyzer{} }

// scratch is reusable per-call memory.
type scratch struct {
	toks []token.Token
	fold []byte
	nfkc bool // the text being folded is NFKC
}

// maxPooledTokens bounds the token buffer kept for reuse, so that one huge
// article does not pin its memory.
const maxPooledTokens = 1 << 16

var scratchPool = sync.Pool{New: func() any { return &scratch{toks: make([]token.Token, 0, 512), fold: make([]byte, 0, 64)} }}

// Analyze analyses a. If a.Lang is empty the language is identified from
// the text; an article whose language cannot be identified, is mixed or is
// not supported is an error (wrapping lang.ErrUnknown, lang.ErrMixed or
// lang.ErrUnsupported). Errors name the article (ID, else title).
//
// Only the first MaxTitleBytes of the title and MaxTextBytes of the body
// are analysed (Doc.Truncated says what was cut).
//
// Cost on the dev articles (about 2.2 KB): see BenchmarkAnalyze.
func (an *Analyzer) Analyze(a article.Article) (*Doc, error) {
	return an.AnalyzeContext(context.Background(), a)
}

// AnalyzeContext is Analyze stopping early, with ctx's error, when ctx ends
// (a request timed out, its client left): ctx is checked between the
// stages, each of which takes at most about a second on a body of
// MaxTextBytes.
func (an *Analyzer) AnalyzeContext(ctx context.Context, a article.Article) (*Doc, error) {
	var cut Truncation
	a.Title, cut.TitleBytes = clip(a.Title, MaxTitleBytes)
	a.Text, cut.TextBytes = clip(a.Text, MaxTextBytes)
	if strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Text) == "" {
		return nil, fmt.Errorf("analyse %s: %w", name(a), ErrEmpty)
	}
	if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Text) {
		return nil, fmt.Errorf("analyse %s: %w", name(a), ErrInvalidUTF8)
	}
	code := lang.Canonical(a.Lang)
	if code != "" {
		if !lang.IsSupported(code) {
			return nil, fmt.Errorf("analyse %s: %w: %q (supported: %s)", name(a), lang.ErrUnsupported, a.Lang, strings.Join(lang.Supported, " "))
		}
	} else {
		det, err := lang.Identify(sample(a))
		if err != nil {
			return nil, fmt.Errorf("analyse %s: identify language: %w", name(a), err)
		}
		code = det.Lang
	}
	d := &Doc{Article: a, Lang: code}
	if cut != (Truncation{}) {
		d.Truncated = &cut
	}
	stage := func(what string) error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("analyse %s: stopped before %s: %w", name(a), what, err)
		}
		return nil
	}
	if err := stage("the title"); err != nil {
		return nil, err
	}
	st := stem.ForLang(code)
	sc := scratchPool.Get().(*scratch)
	defer func() {
		if cap(sc.toks) <= maxPooledTokens {
			scratchPool.Put(sc)
		}
	}()

	// Title.
	sc.nfkc = normalize.IsNFKC(a.Title)
	sc.toks = token.AppendWords(sc.toks[:0], a.Title)
	toks := sc.toks
	if code == "zh" {
		toks = token.Bigrams(a.Title, toks)
	}
	d.TitleTerms = make([]string, 0, len(toks))
	for _, t := range toks {
		if term, ok := an.term(sc, code, st, t); ok {
			d.TitleTerms = append(d.TitleTerms, term)
		}
	}

	// Body.
	if err := stage("the body"); err != nil {
		return nil, err
	}
	sc.nfkc = normalize.IsNFKC(a.Text)
	spans := token.Sentences(a.Text)
	nTitle := len(sc.toks) // the body's words follow the title's, for framing
	sc.toks = token.AppendWords(sc.toks, a.Text)
	toks = sc.toks[nTitle:]
	d.Words = len(toks)
	if code == "zh" {
		toks = token.Bigrams(a.Text, toks)
	}
	all := make([]string, 0, len(toks))
	d.Sentences = make([]Sentence, len(spans))
	ti := 0
	for i, sp := range spans {
		for ti < len(toks) && toks[ti].End <= sp.Start {
			ti++ // between sentences
		}
		first := len(all)
		for ti < len(toks) && toks[ti].Start < sp.End {
			if term, ok := an.term(sc, code, st, toks[ti]); ok {
				all = append(all, term)
			}
			ti++
		}
		d.Sentences[i] = Sentence{Start: sp.Start, End: sp.End, Terms: all[first:len(all):len(all)]}
	}
	d.Numbers = numbers(code, a.Text, toks)
	d.Quotes = Quotes(a.Text)
	if err := stage("entities"); err != nil {
		return nil, err
	}

	if an.textOnly {
		return d, nil
	}
	full := a.Text
	if a.Title != "" {
		full = a.Title + "\n" + a.Text
	}
	d.Entities = entity.Extract(code, full)
	if err := stage("dates"); err != nil {
		return nil, err
	}
	d.Dates = dates.Find(code, full, a.Date)
	if err := stage("framing"); err != nil {
		return nil, err
	}
	// The words of full are the title's and the body's, the body's moved
	// past the title and its line break (a line break always ends a word).
	if a.Title != "" {
		for i := nTitle; i < len(sc.toks); i++ {
			sc.toks[i].Start += len(a.Title) + 1
			sc.toks[i].End += len(a.Title) + 1
		}
	}
	d.Framing = framing.FindIn(code, full, sc.toks, d.Quotes)
	return d, nil
}

// term returns the index term of t (a number's is its canonicalNumber).
func (an *Analyzer) term(sc *scratch, code string, st *stem.Cached, t token.Token) (string, bool) {
	if sc.nfkc {
		sc.fold = normalize.AppendFoldNFKC(sc.fold[:0], code, t.Text)
	} else {
		sc.fold = normalize.AppendFold(sc.fold[:0], code, t.Text)
	}
	if t.Kind == token.Number {
		n := canonicalNumber(sc.fold, code)
		return n, n != ""
	}
	return st.Term(sc.fold)
}

// decimalComma lists the languages that write 3,5 for three and a half.
func decimalComma(code string) bool {
	switch code {
	case "de", "es", "fr", "it", "pl", "ru", "tr":
		return true
	}
	return false
}

// canonicalNumber returns the canonical form of a folded numeral (see
// Doc.Numbers): a separator followed by exactly three digits and then a
// non-digit or the end is a group separator when it is not the language's
// decimal mark; any other separator is the decimal mark.
func canonicalNumber(f []byte, code string) string {
	dec := byte('.')
	if decimalComma(code) {
		dec = ','
	}
	var buf [32]byte
	out := buf[:0]
	point := -1
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c >= '0' && c <= '9' {
			out = append(out, c)
			continue
		}
		if c != '.' && c != ',' && c != '\'' && c != ' ' {
			continue
		}
		group := c != dec
		if group {
			k := i + 1
			for k < len(f) && f[k] >= '0' && f[k] <= '9' {
				k++
			}
			group = k-i-1 == 3
		}
		if group || point >= 0 {
			continue
		}
		point = len(out)
		out = append(out, '.')
	}
	if point >= 0 {
		for len(out) > point+1 && out[len(out)-1] == '0' {
			out = out[:len(out)-1]
		}
		if len(out) == point+1 {
			out = out[:point]
		}
	}
	if len(out) == 0 || out[0] == '.' {
		return ""
	}
	return string(out)
}

// sample returns the text lang.Identify reads: the title and the start of
// the body.
func sample(a article.Article) string {
	body := a.Text
	if len(body) > lang.SampleBytes {
		body = body[:lang.SampleBytes]
	}
	if a.Title == "" {
		return body
	}
	return a.Title + "\n" + body
}

// name names an article in errors: its ID, else its title (cut), else
// "article".
func name(a article.Article) string {
	if a.ID != "" {
		return fmt.Sprintf("article %q", a.ID)
	}
	t := strings.TrimSpace(a.Title)
	if t == "" {
		return "article"
	}
	if len(t) > 60 {
		t = t[:60]
		for len(t) > 0 && !utf8.ValidString(t) {
			t = t[:len(t)-1]
		}
		t += "…"
	}
	return fmt.Sprintf("article %q", t)
}
