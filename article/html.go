package article

import (
	"bytes"
	"strings"
	"unicode/utf8"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxHTMLElements is the most elements an HTML page may have; larger pages
// are refused with ErrTooLarge before extraction (extraction cost grows
// faster than linearly with the number of elements).
const MaxHTMLElements = 200_000

// parseHTML extracts the article of an HTML page (data is raw bytes, BOM
// removed) with go-readability, Mozilla's Readability algorithm: main text
// (paragraph structure kept), title, language (the lang attribute of
// <html>), publication date and site name from the page's metadata, and the
// canonical URL.
func parseHTML(data []byte) (Article, error) {
	data, err := toUTF8(data, true)
	if err != nil {
		return Article{}, err
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return Article{}, problem(ErrNoText, "HTML does not parse: %v", err)
	}
	ra, err := readable(doc)
	if err != nil {
		return Article{}, err
	}
	body := Clean(contentText(ra.Content))
	title := cleanTitle(ra.Title)
	// Readability often keeps the headline as the first paragraph.
	if title != "" {
		if first, rest, ok := strings.Cut(body, "\n\n"); ok && first == title {
			body = rest
		} else if body == title {
			body = ""
		}
	}
	if body == "" || !hasProse(body) {
		return Article{}, problem(ErrNoText, "no paragraph of running text in the page's main content (a front page, a menu, a form?)")
	}
	meta := pageMeta(doc)
	a := Article{Title: title, Text: body, Source: strings.TrimSpace(ra.SiteName), URL: meta.url}
	lang := meta.lang
	if lang == "" {
		lang = ra.Language
	}
	if l, err := parseLang(lang); err == nil {
		a.Lang = l // a malformed lang attribute on a scraped page is ignored
	}
	if ra.PublishedTime != nil && CheckDate(*ra.PublishedTime) == nil {
		a.Date = ra.PublishedTime.UTC() // a page's date outside MinYear–MaxYear is metadata gone wrong: dropped
	}
	return a, nil
}

// minProseWords is the fewest words a paragraph of running text has.
const minProseWords = 10

// minUnspacedLetters is the fewest letters a paragraph of running text in
// a script written without spaces (Chinese, Japanese, Thai) has.
const minUnspacedLetters = 40

// hasProse reports whether body (paragraphs separated by blank lines) has
// a paragraph of running text: a sentence-final punctuation mark, and at
// least minProseWords words or, for scripts written without spaces, a
// word of at least minUnspacedLetters letters. Menus, link lists and
// headline lists have no such paragraph; an article has many.
func hasProse(body string) bool {
	for _, p := range strings.Split(body, "\n\n") {
		if !strings.ContainsAny(p, ".!?؟۔。！？") {
			continue
		}
		words := strings.Fields(p)
		if len(words) >= minProseWords {
			return true
		}
		for _, w := range words {
			if utf8.RuneCountInString(w) >= minUnspacedLetters {
				return true
			}
		}
	}
	return false
}

// readable runs go-readability on doc. A panic inside the library becomes
// an error: bad input must never crash the caller.
func readable(doc *html.Node) (ra readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = problem(ErrNoText, "HTML extraction failed: %v", r)
		}
	}()
	p := readability.NewParser()
	p.MaxElemsToParse = MaxHTMLElements
	ra, err = p.ParseDocument(doc, nil)
	if err != nil {
		if strings.Contains(err.Error(), "too large") {
			return ra, problem(ErrTooLarge, "%v (limit %d)", err, MaxHTMLElements)
		}
		return ra, problem(ErrNoText, "%v", err)
	}
	return ra, nil
}

// blockElements end a paragraph of extracted text.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Br: true, atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Header: true, atom.Hr: true, atom.Li: true, atom.Main: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Td: true, atom.Th: true, atom.Tr: true,
	atom.Ul: true,
}

// skipElements hold no article text.
var skipElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true,
}

// contentText turns Readability's cleaned HTML into text with one line per
// block element. Line breaks inside text become spaces except in <pre>.
func contentText(content string) string {
	if strings.TrimSpace(content) == "" {
		return ""
	}
	nodes, err := html.ParseFragment(strings.NewReader(content), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, n := range nodes {
		writeText(&b, n, false)
	}
	return b.String()
}

func writeText(b *strings.Builder, n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		if pre {
			b.WriteString(n.Data)
		} else {
			b.WriteString(strings.NewReplacer("\n", " ", "\r", " ").Replace(n.Data))
		}
		return
	case html.ElementNode:
		if skipElements[n.DataAtom] {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := blockElements[n.DataAtom]
	if block {
		b.WriteByte('\n')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c, pre || n.DataAtom == atom.Pre)
	}
	if block {
		b.WriteByte('\n')
	}
}

type htmlMeta struct{ lang, url string }

// pageMeta reads the <html lang> attribute and the canonical URL (<link
// rel=canonical>, else <meta property=og:url>) from the parsed page.
func pageMeta(doc *html.Node) htmlMeta {
	var m htmlMeta
	var ogURL string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 64 {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				m.lang = attr(n, "lang")
				if m.lang == "" {
					m.lang = attr(n, "xml:lang")
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.url == "" {
					m.url = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Meta:
				if strings.EqualFold(attr(n, "property"), "og:url") && ogURL == "" {
					ogURL = strings.TrimSpace(attr(n, "content"))
				}
			case atom.Body:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	if m.url == "" {
		m.url = ogURL
	}
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) || (a.Namespace != "" && strings.EqualFold(a.Namespace+":"+a.Key, key)) {
			return a.Val
		}
	}
	return ""
}
