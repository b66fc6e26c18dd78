package represent

import (
	"cmp"
	"math"
	"slices"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/analysis/entity"
	"github.com/newsim/newsim/analysis/normalize"
	"github.com/newsim/newsim/analysis/pivot"
	"github.com/newsim/newsim/analysis/stem"
	"github.com/newsim/newsim/analysis/token"
	"github.com/newsim/newsim/analysis/translit"
)

// Pivot is the language-independent term layer of a profile: the
// article's content terms in the pivot language (English), through the
// dictionaries of package analysis/pivot. A term with translations
// contributes each of its senses with the sense's weight; a term without
// one becomes the English terms it is a cognate of (pivot.Dict.Cognates:
// presidente → presid), or else (numbers, other words) passes through as
// it is, so numbers and words written alike still meet. The words of the article's
// names (people, organisations: entity variants) become their
// cross-script keys instead ("x:" + translit.Word: Blinken and بلينكن are
// both x:blnkn), in every language, English too. Weights are the source
// term's IDF (in the article's language) times √(summed sense weight),
// L2-normalised. For an English article without names the Pivot vectors
// are its ordinary vectors (shared, not copied).
type Pivot struct {
	Body, Title, Lead, Whole Vector
	// Sentences and Postings are as Profile's, over pivot terms.
	Sentences []Vector
	Postings  []Posting
	// Coverage is the share of the body's content-word tokens (numbers
	// excluded) that got a translation: 1 for English, 0 without a
	// dictionary.
	Coverage float64
	// Translated and Tokens are the counts behind Coverage.
	Translated, Tokens int
}

// pivotTerm is one weighted pivot term of a source token.
type pivotTerm struct {
	id     uint64
	tf     float64 // summed sense weight
	weight float64 // summed sense weight × source IDF
}

// NewPivot builds p's pivot layer (p's own vectors for English) with the
// background statistics s; Profile.PivotLayer calls it, once per article,
// when the article is first compared across languages.
// Cost: linear in the article's terms times pivot.MaxSenses (see newsim
// bench), plus loading the language's dictionary on first use.
func NewPivot(p *Profile, s *Stats) *Pivot {
	d := p.Doc
	names := nameTerms(d)
	if d.Lang == pivot.Lang && len(names) == 0 {
		n := 0
		for _, sen := range d.Sentences {
			n += len(sen.Terms)
		}
		return &Pivot{Body: p.Body, Title: p.Title, Lead: p.Lead, Whole: p.Whole, Sentences: p.Sentences, Postings: p.Postings, Coverage: 1, Translated: n, Tokens: n}
	}
	var dict *pivot.Dict // nil without a dictionary (and for English): every term passes through
	if d.Lang != pivot.Lang {
		dict, _ = pivot.For(d.Lang)
	}
	pv := &Pivot{}
	// Each distinct term is looked up once: its pivot terms with weights.
	type termPivot struct {
		pts        []pivotTerm
		translated bool
	}
	cache := make(map[string]termPivot, 256)
	lookup := func(t string) termPivot {
		if tp, ok := cache[t]; ok {
			return tp
		}
		w := 1.0
		if s != nil {
			w = s.IDF(d.Lang, t)
		}
		senses := dict.Senses(t)
		tp := termPivot{translated: senses != nil || d.Lang == pivot.Lang}
		if x, ok := names[t]; ok {
			tp.pts = []pivotTerm{{id: Hash(x), tf: 1, weight: w}}
		} else {
			if senses == nil {
				senses = dict.Cognates(t)
			}
			if senses == nil {
				tp.pts = []pivotTerm{{id: Hash(t), tf: 1, weight: w}}
			}
			for _, sn := range senses {
				sw := float64(sn.Weight)
				tp.pts = append(tp.pts, pivotTerm{id: Hash(sn.Term), tf: sw, weight: sw * w})
			}
		}
		cache[t] = tp
		return tp
	}
	var title, sen []pivotTerm
	var body, lead, whole pivotAcc
	for _, t := range d.TitleTerms {
		pts := lookup(t).pts
		title = append(title, pts...)
		lead.add(pts)
		whole.add(pts)
	}
	pv.Sentences = make([]Vector, len(d.Sentences))
	for i, st := range d.Sentences {
		sen = sen[:0]
		for _, t := range st.Terms {
			tp := lookup(t)
			if !isNumber(t) {
				pv.Tokens++
				if tp.translated {
					pv.Translated++
				}
			}
			sen = append(sen, tp.pts...)
			body.add(tp.pts)
			whole.add(tp.pts)
			if i < LeadSentences {
				lead.add(tp.pts)
			}
		}
		pv.Sentences[i] = weighPivot(sen)
		for k, id := range pv.Sentences[i].IDs {
			pv.Postings = append(pv.Postings, Posting{ID: id, Sentence: int32(i), W: pv.Sentences[i].W[k]})
		}
	}
	sortPostings(pv.Postings)
	pv.Title = weighPivot(title)
	pv.Lead = lead.vector()
	pv.Body = body.vector()
	pv.Whole = whole.vector()
	if pv.Tokens > 0 {
		pv.Coverage = float64(pv.Translated) / float64(pv.Tokens)
	}
	return pv
}

// MinNameKey is the shortest cross-script key (in consonant classes) a
// name word gets in the pivot layer; shorter keys (بيني → bn) would meet
// unrelated words.
const MinNameKey = 3

// nameTerms maps the analysis terms of the words of d's names (entities
// other than places, every variant) to "x:" + their cross-script key
// (translit.Word of the word as written, before stemming).
func nameTerms(d *analysis.Doc) map[string]string {
	var out map[string]string
	st := stem.ForLang(d.Lang)
	var toks []token.Token
	var fold []byte
	for _, e := range d.Entities {
		if e.Kind == entity.Place {
			continue
		}
		for _, v := range e.Variants {
			toks = token.AppendWords(toks[:0], v)
			for _, tk := range toks {
				if tk.Kind == token.Number {
					continue
				}
				fold = normalize.AppendFold(fold[:0], d.Lang, tk.Text)
				term, ok := st.Term(fold)
				if !ok {
					continue
				}
				k := translit.Word(d.Lang, tk.Text)
				if len(k) < MinNameKey {
					continue
				}
				if out == nil {
					out = map[string]string{}
				}
				out[term] = "x:" + k
			}
		}
	}
	return out
}

// pivotAcc sums pivot terms by ID (for the long vectors: body, lead,
// whole text), cheaper than sorting the terms.
type pivotAcc struct {
	at    map[uint64]int
	ids   []uint64
	tf, w []float64
}

func (a *pivotAcc) add(pts []pivotTerm) {
	if a.at == nil {
		a.at = make(map[uint64]int, 256)
	}
	for _, p := range pts {
		k, ok := a.at[p.id]
		if !ok {
			k = len(a.ids)
			a.at[p.id] = k
			a.ids = append(a.ids, p.id)
			a.tf = append(a.tf, 0)
			a.w = append(a.w, 0)
		}
		a.tf[k] += p.tf
		a.w[k] += p.weight
	}
}

// vector weighs the sums as weighPivot does.
func (a *pivotAcc) vector() Vector {
	ids := slices.Clone(a.ids)
	slices.Sort(ids)
	var v Vector
	var norm float64
	for _, id := range ids {
		k := a.at[id]
		tf, w := a.tf[k], a.w[k]
		if tf > 0 && w > 0 {
			x := math.Sqrt(tf) * w / tf
			v.IDs = append(v.IDs, id)
			v.W = append(v.W, float32(x))
			norm += x * x
		}
	}
	return v.scaled(norm)
}

// weighPivot merges the pivot terms by ID into an L2-normalised vector:
// each term weighs √tf · (weight / tf), its mean IDF times the square
// root of its summed sense weight. It sorts ts in place.
func weighPivot(ts []pivotTerm) Vector {
	if len(ts) == 0 {
		return Vector{}
	}
	slices.SortFunc(ts, func(x, y pivotTerm) int { return cmp.Compare(x.id, y.id) })
	var v Vector
	var norm float64
	for i := 0; i < len(ts); {
		j := i
		var tf, w float64
		for j < len(ts) && ts[j].id == ts[i].id {
			tf += ts[j].tf
			w += ts[j].weight
			j++
		}
		if tf > 0 && w > 0 {
			x := math.Sqrt(tf) * w / tf
			v.IDs = append(v.IDs, ts[i].id)
			v.W = append(v.W, float32(x))
			norm += x * x
		}
		i = j
	}
	return v.scaled(norm)
}

func isNumber(t string) bool {
	return t != "" && t[0] >= '0' && t[0] <= '9'
}

// PivotCoverage counts, over docs, per language, the content-word tokens
// (numbers excluded) of the bodies and those the language's dictionary
// translates: how much of each language the pivot layer reaches.
func PivotCoverage(docs []*analysis.Doc) (translated, tokens map[string]int) {
	translated, tokens = map[string]int{}, map[string]int{}
	for _, d := range docs {
		if d.Lang == pivot.Lang {
			continue
		}
		dict, _ := pivot.For(d.Lang)
		for _, s := range d.Sentences {
			for _, t := range s.Terms {
				if isNumber(t) {
					continue
				}
				tokens[d.Lang]++
				if dict.Senses(t) != nil {
					translated[d.Lang]++
				}
			}
		}
	}
	return translated, tokens
}

// PivotTermsOf returns a function giving the pivot terms of terms of d
// (e.g. one of its sentences): a name's words as their cross-script key
// ("x:blnkn"), other words as their English translations, or as
// themselves when they have none (English terms are pivot terms). For
// evidence: which terms two sentences of different languages share.
// d's dictionary and name keys are looked up once, here, not per call.
func PivotTermsOf(d *analysis.Doc) func(terms []string) map[string]bool {
	var dict *pivot.Dict
	if d.Lang != pivot.Lang {
		dict, _ = pivot.For(d.Lang)
	}
	names := nameTerms(d)
	return func(terms []string) map[string]bool {
		out := make(map[string]bool, len(terms))
		for _, t := range terms {
			if x, ok := names[t]; ok {
				out[x] = true
				continue
			}
			ss := dict.Senses(t)
			if ss == nil {
				ss = dict.Cognates(t)
			}
			if ss == nil {
				out[t] = true
			}
			for _, s := range ss {
				out[s.Term] = true
			}
		}
		return out
	}
}
