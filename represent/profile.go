package represent

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

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
	// pivot makes the article's term layer in the pivot language
	// (English) on first use; see PivotLayer.
	pivot *lazyPivot
}

// lazyPivot builds a profile's Pivot once, when first asked for (only
// cross-language comparisons need it). Shared by a profile's Slim copies.
type lazyPivot struct {
	once  sync.Once
	stats *Stats
	p     *Pivot
}

// PivotLayer returns the article's term layer in the pivot language
// (English), for comparison across languages, building it on the first
// call (once per profile, safe for concurrent use; see NewPivot).
func (p *Profile) PivotLayer() *Pivot {
	if p.pivot == nil {
		return nil
	}
	lp := p.pivot
	lp.once.Do(func() { lp.p = NewPivot(p, lp.stats) })
	return lp.p
}

// NewProfile represents d with the background statistics s (nil: no IDF).
// Cost: linear in the length of the article.
func NewProfile(d *analysis.Doc, s *Stats) *Profile {
	p := &Profile{Doc: d}
	// Hash each distinct term once and look its IDF up once.
	idf := make(map[uint64]float64, 256)
	ids := func(terms []string) []uint64 {
		out := make([]uint64, len(terms))
		for i, t := range terms {
			h := Hash(t)
			out[i] = h
			if _, ok := idf[h]; !ok {
				w := 1.0
				if s != nil {
					w = s.IDF(d.Lang, t)
				}
				idf[h] = w
			}
		}
		return out
	}
	title := ids(d.TitleTerms)
	p.Title = weighIDF(slices.Clone(title), idf)
	lead := slices.Clone(title)
	whole := slices.Clone(title)
	var body []uint64
	p.Sentences = make([]Vector, len(d.Sentences))
	for i, sen := range d.Sentences {
		sid := ids(sen.Terms)
		body = append(body, sid...)
		if i < LeadSentences {
			lead = append(lead, sid...)
		}
		p.Sentences[i] = weighIDF(sid, idf)
		for k, id := range p.Sentences[i].IDs {
			p.Postings = append(p.Postings, Posting{ID: id, Sentence: int32(i), W: p.Sentences[i].W[k]})
		}
	}
	sortPostings(p.Postings)
	whole = append(whole, body...)
	p.Body = weighIDF(body, idf)
	p.Lead = weighIDF(lead, idf)
	p.Whole = weighIDF(whole, idf)

	var bi, pre []uint64
	var buf []byte
	for _, sen := range d.Sentences {
		for i, t := range sen.Terms {
			pre = append(pre, Hash(prefix(t, PrefixRunes)))
			if i > 0 {
				buf = append(append(append(buf[:0], sen.Terms[i-1]...), ' '), t...)
				bi = append(bi, HashBytes(buf))
			}
		}
	}
	p.Bigrams = WeighIDs(bi)
	p.Prefixes = WeighIDs(pre)
	p.Chars = WeighIDs(charGrams(normalize.Fold(d.Lang, d.Article.Text), 4))
	var q []uint64
	for _, s := range d.Quotes {
		q = append(q, charGrams(normalize.Fold(d.Lang, s), 4)...)
	}
	p.Quotes = WeighIDs(q)

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
	p.pivot = &lazyPivot{stats: s}
	return p
}

// Slim returns a copy of p to keep many of in memory (a clusterer's cache
// of story members): its Doc keeps only the language, the word count and
// the article's ID, title, date, URL and source, and its strings no longer
// share memory with the article's text. Comparer.Score gives a slim
// profile the same scores as p; evidence (aligned sentences, dates) needs
// p itself; it no longer holds the text, sentences, tokens or quotes. The
// vectors are shared with p.
func (p *Profile) Slim() *Profile {
	c := *p
	d := p.Doc
	c.Doc = &analysis.Doc{Lang: d.Lang, Words: d.Words}
	c.Doc.Article.ID = strings.Clone(d.Article.ID)
	c.Doc.Article.Title = strings.Clone(d.Article.Title)
	c.Doc.Article.Lang = d.Article.Lang
	c.Doc.Article.Date = d.Article.Date
	c.Doc.Article.URL = strings.Clone(d.Article.URL)
	c.Doc.Article.Source = strings.Clone(d.Article.Source)
	c.Others, c.Places = cloneEntities(p.Others), cloneEntities(p.Places)
	c.DateKeys, c.NumberKeys = cloneStrings(p.DateKeys), cloneStrings(p.NumberKeys)
	return &c
}

func cloneStrings(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Clone(s)
	}
	return out
}

func cloneEntities(es []entity.Entity) []entity.Entity {
	if es == nil {
		return nil
	}
	out := make([]entity.Entity, len(es))
	for i, e := range es {
		e.Key, e.Name, e.Variants, e.Roles = strings.Clone(e.Key), strings.Clone(e.Name), cloneStrings(e.Variants), cloneStrings(e.Roles)
		out[i] = e
	}
	return out
}

// weighIDF builds an L2-normalised vector from term IDs (repeats count as
// term frequency), each weighing (1 + ln tf) · idf[id]. It sorts ids in
// place.
func weighIDF(ids []uint64, idf map[uint64]float64) Vector {
	if len(ids) == 0 {
		return Vector{}
	}
	slices.Sort(ids)
	var v Vector
	var norm float64
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		w := (1 + math.Log(float64(j-i))) * idf[ids[i]]
		if w > 0 {
			v.IDs = append(v.IDs, ids[i])
			v.W = append(v.W, float32(w))
			norm += w * w
		}
		i = j
	}
	return v.scaled(norm)
}

// scaled divides v's weights by √sumSq (the sum of their squares): an
// L2-normalised v, or the empty vector when sumSq is 0.
func (v Vector) scaled(sumSq float64) Vector {
	if sumSq == 0 {
		return Vector{}
	}
	inv := 1 / math.Sqrt(sumSq)
	for k := range v.W {
		v.W[k] = float32(float64(v.W[k]) * inv)
	}
	return v
}

// sortPostings orders postings by term ID, then sentence.
func sortPostings(ps []Posting) {
	slices.SortFunc(ps, func(x, y Posting) int {
		if x.ID != y.ID {
			return cmp.Compare(x.ID, y.ID)
		}
		return cmp.Compare(x.Sentence, y.Sentence)
	})
}

// Posting is one term of one sentence: its ID, the sentence index and
// the term's weight in that sentence's vector.
type Posting struct {
	ID       uint64
	Sentence int32
	W        float32
}

// SentenceRows calls visit once for every sentence i of a that shares a
// term with some sentence of b, in ascending i, with js the sentences of b
// it shares terms with (ascending) and row[j] the cosine of sentence i of
// a and sentence j of b for each j in js (other entries of row are
// meaningless). Every cosine is summed in ascending term order, so it
// equals SentenceCosines' value to the bit. row and js are reused between
// calls. Memory: O(len(b.Sentences)), where a dense matrix would need
// len(a.Sentences)·len(b.Sentences) values (20 GB for two 8 MB bodies);
// time: O(|a.Postings|·log|b.Postings| + shared-term pairs + Σ|js|·log|js|).
func SentenceRows(a, b *Profile, visit func(i int, js []int, row []float64)) {
	Rows(a.Sentences, b.Postings, len(b.Sentences), visit)
}

// Rows is SentenceRows on a's sentence vectors and b's postings (b having
// nb sentences), e.g. those of two Pivot layers.
func Rows(sa []Vector, pb []Posting, nb int, visit func(i int, js []int, row []float64)) {
	row := make([]float64, nb)
	hit := make([]bool, nb)
	var js []int
	for i, v := range sa {
		js = js[:0]
		lo := 0
		for k, id := range v.IDs { // ascending: each cell sums in term order
			lo += sort.Search(len(pb)-lo, func(x int) bool { return pb[lo+x].ID >= id })
			wa := float64(v.W[k])
			for y := lo; y < len(pb) && pb[y].ID == id; y++ {
				j := int(pb[y].Sentence)
				if !hit[j] {
					hit[j], row[j] = true, 0
					js = append(js, j)
				}
				row[j] += wa * float64(pb[y].W)
			}
		}
		if len(js) == 0 {
			continue
		}
		slices.Sort(js)
		visit(i, js, row)
		for _, j := range js {
			hit[j] = false
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

// CharSample keeps one character n-gram in CharSample (those whose hash
// is 0 modulo CharSample): the same grams in every article, so the cosine
// over the sample estimates the full one at 1/CharSample of the cost.
const CharSample = 4

// charGrams returns the IDs (HashBytes) of the sampled character n-grams
// of s (see CharSample).
func charGrams(s string, n int) []uint64 {
	starts := make([]int, 0, len(s)+1)
	for i := range s {
		starts = append(starts, i)
	}
	starts = append(starts, len(s))
	out := make([]uint64, 0, len(starts)/CharSample+1)
	for i := 0; i+n < len(starts); i++ {
		if h := HashBytes([]byte(s[starts[i]:starts[i+n]])); h%CharSample == 0 {
			out = append(out, h)
		}
	}
	return out
}
