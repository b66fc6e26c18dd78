package compare

import (
	"math"

	"github.com/newsim/newsim/analysis/entity"
	"github.com/newsim/newsim/represent"
)

// FeatureNames names the pairwise signals of Features, in order. Every
// signal is symmetric in its two articles.
var FeatureNames = []string{
	"body_cosine",      // TF-IDF cosine of the bodies
	"title_cosine",     // TF-IDF cosine of the titles
	"lead_cosine",      // TF-IDF cosine of title + first sentences
	"char_cosine",      // character 4-gram cosine of the bodies
	"title_body_cross", // the better of title(a)·body(b) and title(b)·body(a)
	"entity_jaccard",   // shared / all people, organisations and others
	"entity_weighted",  // the same, weighted by mentions
	"top_entity",       // 1 if either side's most mentioned entity is on the other side
	"place_jaccard",    // shared / all places
	"place_any",        // 1 if both name at least one place
	"date_jaccard",     // shared / all calendar references
	"date_any",         // 1 if both give at least one date
	"number_jaccard",   // shared / all numbers
	"align_mean",       // mean best-match sentence cosine, both directions
	"align_frac",       // fraction of sentences with a match ≥ AlignThreshold (AlignThresholdCross across languages)
	"length_ratio",     // shorter / longer body, in words
	"quote_overlap",    // term cosine of the quoted passages
	"body_cosine_sqrt", // √body_cosine, for the curve at low overlap
	"whole_cosine",     // TF-IDF cosine of title and body together
	"bigram_cosine",    // cosine of adjacent term pairs: shared phrasing
	"shared_terms",     // ln(1 + number of distinct body terms in common)
	"align_max",        // the best sentence cosine of the pair
	"prefix_cosine",    // cosine of body terms cut to 5 letters
	"shared_entities",  // ln(1 + number of shared people, organisations and others)
	"shared_places",    // ln(1 + number of shared places)
	"title_coverage",   // mean share of each title's weight found in the other article
	"lead_coverage",    // mean share of each lead's weight found in the other article
	"cross_language",   // 1 if the two articles' languages differ (then the term signals are pivot ones)
	"pivot_coverage",   // across languages, the smaller share of content words the dictionaries translate; else 1
	"same_script",      // 1 if both languages are written in one script (Latin, Arabic, Cyrillic, Han), so that the cognate signals can be read
}

// cognateFeatures are the signals read on the texts as written (character
// n-grams, term pairs, prefixes): across languages they carry cognates,
// but only between languages of one script (see scriptBlind).
var cognateFeatures = []int{3, 16, 19, 22}

// sameScriptFeature is the index of "same_script".
const sameScriptFeature = 29

// scriptOf is the script a language is written in.
func scriptOf(lang string) string {
	switch lang {
	case "ar", "fa", "ur":
		return "arabic"
	case "ru":
		return "cyrillic"
	case "zh":
		return "han"
	}
	return "latin"
}

// scriptBlind returns a copy of the signals f of a cross-language pair
// as they would be between two scripts: no cognate signals, same_script
// 0. Training adds such a copy of every same-script cross-language pair,
// so that the cross-language model also learns to rate pairs of two
// scripts (ar-en, ru-de), for which no labelled pairs exist, from the
// pivot layer, names, places, dates and numbers alone.
func scriptBlind(f []float64) []float64 {
	g := append([]float64(nil), f...)
	for _, i := range cognateFeatures {
		g[i] = 0
	}
	g[sameScriptFeature] = 0
	return g
}

// AlignThreshold is the sentence cosine at or above which two sentences are
// taken to say the same thing.
const AlignThreshold = 0.35

// AlignThresholdCross is AlignThreshold for sentences of two languages,
// compared on their pivot terms: translations through a dictionary meet
// less exactly than the words of one language.
const AlignThresholdCross = 0.2

// alignThreshold is the threshold for a pair (cross: languages differ).
func alignThreshold(cross bool) float64 {
	if cross {
		return AlignThresholdCross
	}
	return AlignThreshold
}

// Features returns the signals of FeatureNames for the pair (a, b). When
// the two languages differ, the term signals (cosines of body, title,
// lead and whole text, title–body cross, shared terms, coverage and the
// sentence alignment) are computed on the Pivot layers, the articles'
// terms in English; character 4-grams and 5-letter prefixes stay as they
// are and act as cognates for Latin-script pairs; entities, places,
// dates and numbers are language-independent keys already.
// Cost: O(|a|+|b|) for the vectors plus O(sa·sb) for the sentence
// alignment and O(ea·eb) entity comparisons.
func Features(a, b *represent.Profile) []float64 {
	f, _ := signals(a, b)
	return f
}

// matching is what the signals found out about a pair beyond the numbers:
// which entities and places match and how the sentences align. The
// evidence is built from it, so nothing is matched twice.
type matching struct {
	others, places overlap
	al             alignment
}

// terms is the term layer signals read: a profile's own vectors, or its
// Pivot layer's across languages.
type terms struct {
	body, title, lead, whole represent.Vector
	sentences                []represent.Vector
	postings                 []represent.Posting
}

func termsOf(p *represent.Profile, cross bool) terms {
	if v := pivotOf(p, cross); v != nil {
		return terms{v.Body, v.Title, v.Lead, v.Whole, v.Sentences, v.Postings}
	}
	return terms{p.Body, p.Title, p.Lead, p.Whole, p.Sentences, p.Postings}
}

// pivotOf is p's pivot layer when cross (built then, once per profile),
// else nil.
func pivotOf(p *represent.Profile, cross bool) *represent.Pivot {
	if !cross {
		return nil
	}
	return p.PivotLayer()
}

// crossLanguage reports whether a pair is compared through the pivot layer.
func crossLanguage(a, b *represent.Profile) bool { return a.Doc.Lang != b.Doc.Lang }

func signals(pa, pb *represent.Profile) ([]float64, *matching) {
	return signalsOn(pa, pb, true)
}

// signalsOn computes the signals; usePivot false keeps the term signals
// of a cross-language pair on the articles' own vectors, as newsim did
// before the pivot layer (see Comparer.ScoreSurface).
func signalsOn(pa, pb *represent.Profile, usePivot bool) ([]float64, *matching) {
	f := make([]float64, len(FeatureNames))
	cross := crossLanguage(pa, pb)
	a, b := termsOf(pa, cross && usePivot), termsOf(pb, cross && usePivot)
	f[0] = a.body.Dot(b.body)
	f[1] = a.title.Dot(b.title)
	f[2] = a.lead.Dot(b.lead)
	f[3] = pa.Chars.Dot(pb.Chars)
	f[4] = math.Max(a.title.Dot(b.body), b.title.Dot(a.body))
	same := entity.Same
	if cross {
		same = entity.SameAcross // names across scripts: Blinken = بلينكن
	}
	m := &matching{others: matchOverlap(pa.Others, pb.Others, same), places: matchOverlap(pa.Places, pb.Places, same), al: align(a, b, alignThreshold(cross && usePivot))}
	eo, po, al := m.others, m.places, m.al
	f[5], f[6], f[7] = eo.jaccard, eo.weighted, eo.top
	f[8] = po.jaccard
	f[9] = both(len(pa.Places) > 0 && len(pb.Places) > 0)
	f[10] = sortedJaccard(pa.DateKeys, pb.DateKeys)
	f[11] = both(len(pa.DateKeys) > 0 && len(pb.DateKeys) > 0)
	f[12] = sortedJaccard(pa.NumberKeys, pb.NumberKeys)
	f[13], f[14] = al.mean, al.frac
	wa, wb := float64(pa.Doc.Words), float64(pb.Doc.Words)
	if wa > 0 && wb > 0 {
		f[15] = math.Min(wa, wb) / math.Max(wa, wb)
	}
	f[16] = pa.Quotes.Dot(pb.Quotes)
	f[17] = math.Sqrt(math.Max(f[0], 0))
	f[18] = a.whole.Dot(b.whole)
	f[19] = pa.Bigrams.Dot(pb.Bigrams)
	f[20] = math.Log1p(float64(a.body.Shared(b.body)))
	f[21] = al.max
	f[22] = pa.Prefixes.Dot(pb.Prefixes)
	f[23] = math.Log1p(float64(eo.shared))
	f[24] = math.Log1p(float64(po.shared))
	f[25] = (a.title.Coverage(b.whole) + b.title.Coverage(a.whole)) / 2
	f[26] = (a.lead.Coverage(b.whole) + b.lead.Coverage(a.whole)) / 2
	f[27] = both(cross)
	f[29] = both(scriptOf(pa.Doc.Lang) == scriptOf(pb.Doc.Lang))
	f[28] = 1
	if va, vb := pivotOf(pa, cross), pivotOf(pb, cross); va != nil && vb != nil {
		f[28] = math.Min(va.Coverage, vb.Coverage)
	}
	return f, m
}

func both(ok bool) float64 {
	if ok {
		return 1
	}
	return 0
}

// overlap summarises how two entity lists match under entity.Same (or,
// for articles in two languages, entity.SameAcross).
type overlap struct {
	match    []int   // for each entity of a, the index of its match in b, or −1
	shared   int     // entities of a that b has too
	jaccard  float64 // shared / (|a| + |b| − shared)
	weighted float64 // mentions of shared entities / all mentions
	top      float64 // 1 if either side's most mentioned entity is shared
}

// matchOverlap matches a against b under same (each entity of b used
// once). Lists are most mentioned first. Cost: O(|a|·|b|) key comparisons.
func matchOverlap(a, b []entity.Entity, same func(a, b entity.Entity) bool) overlap {
	o := overlap{match: make([]int, len(a))}
	for i := range o.match {
		o.match[i] = -1
	}
	if len(a) == 0 || len(b) == 0 {
		return o
	}
	used := make([]bool, len(b))
	var wShared, wAll float64
	for i, x := range a {
		wAll += float64(x.Count)
		for j, y := range b {
			if !used[j] && same(x, y) {
				used[j] = true
				o.match[i] = j
				o.shared++
				wShared += float64(x.Count + y.Count)
				if i == 0 || j == 0 {
					o.top = 1
				}
				break
			}
		}
	}
	for _, y := range b {
		wAll += float64(y.Count)
	}
	o.jaccard = float64(o.shared) / float64(len(a)+len(b)-o.shared)
	if wAll > 0 {
		o.weighted = wShared / wAll
	}
	return o
}

// sortedJaccard is the Jaccard index of two sorted sets of distinct strings.
func sortedJaccard(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

// alignment is the best-match structure between the sentences of two
// articles: bestA[i] is the index of a's sentence i's best match in b (-1
// when none), simA[i] its cosine; likewise for b.
type alignment struct {
	bestA, bestB []int
	simA, simB   []float64
	mean, frac   float64
	max          float64
}

func align(a, b terms, threshold float64) alignment {
	sa, sb := a.sentences, b.sentences
	al := alignment{bestA: make([]int, len(sa)), bestB: make([]int, len(sb)), simA: make([]float64, len(sa)), simB: make([]float64, len(sb))}
	for i := range al.bestA {
		al.bestA[i] = -1
	}
	for j := range al.bestB {
		al.bestB[j] = -1
	}
	// Row by row over the sentence pairs sharing a term (zero cosines
	// never win: the best starts at 0 and must be exceeded), in O(|sb|)
	// memory instead of a |sa|·|sb| matrix.
	represent.Rows(a.sentences, b.postings, len(sb), func(i int, js []int, row []float64) {
		for _, j := range js {
			s := row[j]
			if s > al.simA[i] {
				al.simA[i], al.bestA[i] = s, j
			}
			if s > al.simB[j] {
				al.simB[j], al.bestB[j] = s, i
			}
		}
	})
	n, matched := 0, 0
	var sum float64
	for _, s := range al.simA {
		al.max = math.Max(al.max, s)
		sum += s
		n++
		if s >= threshold {
			matched++
		}
	}
	for _, s := range al.simB {
		sum += s
		n++
		if s >= threshold {
			matched++
		}
	}
	if n > 0 {
		al.mean = sum / float64(n)
		al.frac = float64(matched) / float64(n)
	}
	return al
}
