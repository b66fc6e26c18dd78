package represent

import (
	"sort"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/analysis/entity"
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
	// Postings lists every (term, sentence, weight) of Sentences sorted by
	// term ID then sentence: merging two articles' postings yields every
	// non-zero sentence-pair cosine in O(terms + shared-term pairs).
	Postings []Posting
	// Others and Places are Doc.Entities split into places and the rest,
	// each most mentioned first.
	Others, Places []entity.Entity
	// DateKeys and NumberKeys are the distinct dates.Date.Key values and
	// numbers of the article, sorted.
	DateKeys, NumberKeys []string
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
		for k, id := range p.Sentences[i].IDs {
			p.Postings = append(p.Postings, Posting{ID: id, Sentence: int32(i), W: p.Sentences[i].W[k]})
		}
		if i < LeadSentences {
			lead = append(lead, s.Terms...)
		}
	}
	p.Lead = Weigh(lead, idf)
	for _, e := range d.Entities {
		if e.Kind == entity.Place {
			p.Places = append(p.Places, e)
		} else {
			p.Others = append(p.Others, e)
		}
	}
	for _, dt := range d.Dates {
		if k := dt.Key(); k != "" {
			p.DateKeys = append(p.DateKeys, k)
		}
	}
	p.DateKeys = distinct(p.DateKeys)
	p.NumberKeys = distinct(append([]string(nil), d.Numbers...))
	sort.Slice(p.Postings, func(i, j int) bool {
		x, y := p.Postings[i], p.Postings[j]
		return x.ID < y.ID || x.ID == y.ID && x.Sentence < y.Sentence
	})
	p.Whole = Weigh(append(append([]string(nil), d.TitleTerms...), body...), idf)
	var bi []uint64
	var buf []byte
	for _, s := range d.Sentences {
		for i := 1; i < len(s.Terms); i++ {
			buf = append(append(append(buf[:0], s.Terms[i-1]...), ' '), s.Terms[i]...)
			bi = append(bi, HashBytes(buf))
		}
	}
	p.Bigrams = WeighIDs(bi)
	pre := make([]uint64, len(body))
	for i, t := range body {
		pre[i] = Hash(prefix(t, PrefixRunes))
	}
	p.Prefixes = WeighIDs(pre)
	p.Chars = WeighIDs(charGrams(normalize.Fold(d.Lang, d.Article.Text), 4))
	var q []uint64
	for _, s := range d.Quotes {
		q = append(q, charGrams(normalize.Fold(d.Lang, s), 4)...)
	}
	p.Quotes = WeighIDs(q)
	return p
}

// Posting is one term of one sentence: its ID, the sentence index and
// the term's weight in that sentence's vector.
type Posting struct {
	ID       uint64
	Sentence int32
	W        float32
}

// SentenceCosines adds to sim[i*len(b.Sentences)+j] the cosine of
// sentence i of a and sentence j of b, for every pair sharing a term; sim
// must be zeroed and hold len(a.Sentences)·len(b.Sentences) values.
// Cost: O(|a.Postings| + |b.Postings| + shared-term pairs).
func SentenceCosines(a, b *Profile, sim []float64) {
	pa, pb := a.Postings, b.Postings
	nb := len(b.Sentences)
	i, j := 0, 0
	for i < len(pa) && j < len(pb) {
		switch {
		case pa[i].ID < pb[j].ID:
			i++
		case pa[i].ID > pb[j].ID:
			j++
		default:
			id := pa[i].ID
			ei, ej := i, j
			for ei < len(pa) && pa[ei].ID == id {
				ei++
			}
			for ej < len(pb) && pb[ej].ID == id {
				ej++
			}
			for x := i; x < ei; x++ {
				row := int(pa[x].Sentence) * nb
				for y := j; y < ej; y++ {
					sim[row+int(pb[y].Sentence)] += float64(pa[x].W) * float64(pb[y].W)
				}
			}
			i, j = ei, ej
		}
	}
}

// distinct sorts xs and removes repeats, in place.
func distinct(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
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

// charGrams returns the IDs (HashBytes) of the character n-grams of s.
func charGrams(s string, n int) []uint64 {
	starts := make([]int, 0, len(s)+1)
	for i := range s {
		starts = append(starts, i)
	}
	starts = append(starts, len(s))
	out := make([]uint64, 0, len(starts))
	b := []byte(s)
	for i := 0; i+n < len(starts); i++ {
		out = append(out, HashBytes(b[starts[i]:starts[i+n]]))
	}
	return out
}
