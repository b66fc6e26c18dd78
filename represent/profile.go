package represent

import (
	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/analysis/normalize"
)

// LeadSentences is how many opening sentences of the body form the lead.
const LeadSentences = 3

// Profile is the represented form of one analysed article: the vectors the
// compare stage scores. Build it once per article with NewProfile; it is
// read-only afterwards and safe for concurrent use.
type Profile struct {
	Doc *analysis.Doc
	// Body is the TF-IDF vector of the body's content terms.
	Body Vector
	// Title is the TF-IDF vector of the title's content terms.
	Title Vector
	// Lead is the TF-IDF vector of the title and the first LeadSentences
	// sentences.
	Lead Vector
	// Chars is the vector of character 4-grams of the normalised body
	// (weights 1 + ln tf, no IDF), robust to imperfect stemming.
	Chars Vector
	// Sentences holds one TF-IDF vector per body sentence.
	Sentences []Vector
	// Quotes is the character 4-gram vector of the quoted passages.
	Quotes Vector
	// Whole is the TF-IDF vector of title and body together.
	Whole Vector
	// Bigrams is the vector of adjacent content-term pairs within
	// sentences (weights 1 + ln tf), for shared phrasing.
	Bigrams Vector
	// Prefixes is the vector of body terms cut to their first PrefixRunes
	// letters (weights 1 + ln tf): a crude stemmer that suits
	// agglutinative languages such as Turkish.
	Prefixes Vector
}

// NewProfile represents d with the background statistics s (nil: no IDF).
// Cost: linear in the length of the article.
func NewProfile(d *analysis.Doc, s *Stats) *Profile {
	var idf func(string) float64
	if s != nil {
		idf = func(t string) float64 { return s.IDF(d.Lang, t) }
	}
	p := &Profile{Doc: d}
	body := d.Terms()
	p.Body = Weigh(body, idf)
	p.Title = Weigh(d.TitleTerms, idf)
	lead := append([]string(nil), d.TitleTerms...)
	p.Sentences = make([]Vector, len(d.Sentences))
	for i, s := range d.Sentences {
		p.Sentences[i] = Weigh(s.Terms, idf)
		if i < LeadSentences {
			lead = append(lead, s.Terms...)
		}
	}
	p.Lead = Weigh(lead, idf)
	p.Whole = Weigh(append(append([]string(nil), d.TitleTerms...), body...), idf)
	var bi []string
	for _, s := range d.Sentences {
		for i := 1; i < len(s.Terms); i++ {
			bi = append(bi, s.Terms[i-1]+" "+s.Terms[i])
		}
	}
	p.Bigrams = Weigh(bi, nil)
	pre := make([]string, len(body))
	for i, t := range body {
		pre[i] = prefix(t, PrefixRunes)
	}
	p.Prefixes = Weigh(pre, nil)
	p.Chars = Weigh(charGrams(normalize.Fold(d.Lang, d.Article.Text), 4), nil)
	var q []string
	for _, s := range d.Quotes {
		q = append(q, charGrams(normalize.Fold(d.Lang, s), 4)...)
	}
	p.Quotes = Weigh(q, nil)
	return p
}

// PrefixRunes is the length of the term prefixes of Profile.Prefixes.
const PrefixRunes = 5

func prefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// charGrams returns the character n-grams of the words of s (word
// boundaries marked by a space).
func charGrams(s string, n int) []string {
	rs := []rune(s)
	out := make([]string, 0, len(rs))
	for i := 0; i+n <= len(rs); i++ {
		out = append(out, string(rs[i:i+n]))
	}
	return out
}
