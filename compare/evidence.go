package compare

import (
	"sort"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/analysis/entity"
	"github.com/newsim/newsim/represent"
)

// OnlyThreshold is the best-match sentence cosine below which a sentence
// counts as reporting something the other side does not.
const OnlyThreshold = 0.15

// MinFactTerms is the fewest content terms a sentence needs to be listed
// as a fact only one side has (shorter ones are captions and furniture).
const MinFactTerms = 5

// MaxOnly is the most sentences listed per side in OnlyA / OnlyB.
const MaxOnly = 8

// Evidence explains a comparison.
type Evidence struct {
	// Entities lists people, organisations and other names, each once with
	// every spelling seen on either side: shared ones first.
	Entities []EntityEvidence `json:"entities"`
	// Places lists the places named, likewise.
	Places []EntityEvidence `json:"places"`
	// Dates lists the calendar references of each side.
	Dates DateEvidence `json:"dates"`
	// Aligned are the sentence pairs that say the same thing (mutual best
	// matches with cosine ≥ AlignThreshold, AlignThresholdCross across
	// languages), in the order of side A.
	Aligned []AlignedPair `json:"aligned"`
	// OnlyA and OnlyB are sentences with no counterpart on the other side
	// (best cosine < OnlyThreshold): facts only one side reports.
	OnlyA []Fact `json:"only_a"`
	OnlyB []Fact `json:"only_b"`
	// Framing lists loaded words and phrases each side uses and the other
	// does not.
	Framing FramingEvidence `json:"framing"`
	// Signals are the named pairwise signals the scores were computed from.
	Signals map[string]float64 `json:"signals"`
}

// EntityEvidence is one entity of the pair. In is "both", "a" or "b";
// Variants are the spellings seen, side A's first; Roles are the titles
// written before the name on either side (Congressman, وزير الخارجية),
// side A's first, absent when there are none.
type EntityEvidence struct {
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	Roles    []string `json:"roles,omitempty"`
	Variants []string `json:"variants"`
	In       string   `json:"in"`
	CountA   int      `json:"count_a"`
	CountB   int      `json:"count_b"`
}

// DateEvidence holds the dates of each side as written, and the shared
// ones in canonical form (dates.Date.Key).
type DateEvidence struct {
	A      []string `json:"a"`
	B      []string `json:"b"`
	Shared []string `json:"shared"`
}

// AlignedPair is two sentences, one from each side, that say the same
// thing. A and B are the sentence indexes in each side's Doc.Sentences;
// Similarity is their TF-IDF cosine (across languages, the cosine of
// their pivot terms, and PivotTerms lists the English terms both
// sentences have, sorted).
type AlignedPair struct {
	A          int      `json:"a"`
	B          int      `json:"b"`
	TextA      string   `json:"text_a"`
	TextB      string   `json:"text_b"`
	Similarity float64  `json:"similarity"`
	PivotTerms []string `json:"pivot_terms,omitempty"`
}

// Fact is a sentence of one side. Sentence is its index in Doc.Sentences.
type Fact struct {
	Sentence int    `json:"sentence"`
	Text     string `json:"text"`
}

// FramingEvidence holds the framing phrases found on one side only.
type FramingEvidence struct {
	A []string `json:"a"`
	B []string `json:"b"`
}

func gather(a, b *represent.Profile, f []float64, m *matching) Evidence {
	ev := Evidence{Signals: map[string]float64{}}
	for i, n := range FeatureNames {
		ev.Signals[n] = f[i]
	}
	ev.Entities = entityEvidence(a.Others, b.Others, m.others.match)
	ev.Places = entityEvidence(a.Places, b.Places, m.places.match)
	ev.Dates = matchDates(a.Doc, b.Doc)
	al := m.al
	cross := crossLanguage(a, b)
	var pivotA, pivotB func([]string) map[string]bool // once per side, not per aligned pair
	if cross {
		pivotA, pivotB = represent.PivotTermsOf(a.Doc), represent.PivotTermsOf(b.Doc)
	}
	for i, j := range al.bestA {
		if j >= 0 && al.bestB[j] == i && al.simA[i] >= alignThreshold(cross) {
			ap := AlignedPair{A: i, B: j, TextA: a.Doc.Sentences[i].Text(a.Doc), TextB: b.Doc.Sentences[j].Text(b.Doc), Similarity: al.simA[i]}
			if cross {
				ap.PivotTerms = sharedTerms(pivotA(a.Doc.Sentences[i].Terms), pivotB(b.Doc.Sentences[j].Terms))
			}
			ev.Aligned = append(ev.Aligned, ap)
		}
	}
	ev.OnlyA = onlyFacts(a.Doc, al.simA)
	ev.OnlyB = onlyFacts(b.Doc, al.simB)
	ev.Framing = contrastFraming(a.Doc, b.Doc)
	return ev
}

// sharedTerms lists the terms ta and tb have in common (the pivot terms
// of two aligned sentences), sorted.
func sharedTerms(ta, tb map[string]bool) []string {
	var out []string
	for t := range ta {
		if tb[t] {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// entityEvidence lists the entities of both sides given match (for each
// entity of a, the index of its match in b, or −1): shared ones first,
// most mentioned first, then a's own, then b's own.
func entityEvidence(a, b []entity.Entity, match []int) []EntityEvidence {
	var both, onlyA, onlyB []EntityEvidence
	used := make([]bool, len(b))
	for i, x := range a {
		ee := EntityEvidence{Name: x.Name, Kind: string(x.Kind), Roles: entity.MergeRoles(x.Roles, nil), Variants: append([]string(nil), x.Variants...), In: "a", CountA: x.Count}
		if j := match[i]; j >= 0 {
			used[j] = true
			ee.In, ee.CountB = "both", b[j].Count
			ee.Variants = union(ee.Variants, b[j].Variants)
			ee.Roles = entity.MergeRoles(ee.Roles, b[j].Roles)
			both = append(both, ee)
		} else {
			onlyA = append(onlyA, ee)
		}
	}
	for j, y := range b {
		if !used[j] {
			onlyB = append(onlyB, EntityEvidence{Name: y.Name, Kind: string(y.Kind), Roles: entity.MergeRoles(y.Roles, nil), Variants: append([]string(nil), y.Variants...), In: "b", CountB: y.Count})
		}
	}
	sort.SliceStable(both, func(i, j int) bool {
		return both[i].CountA+both[i].CountB > both[j].CountA+both[j].CountB
	})
	out := append(both, onlyA...)
	return append(out, onlyB...)
}

func union(a, b []string) []string {
	seen := make(map[string]bool, len(a)+len(b))
	var out []string
	for _, s := range append(a, b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func matchDates(a, b *analysis.Doc) DateEvidence {
	var ev DateEvidence
	ka := map[string]bool{}
	for _, d := range a.Dates {
		ev.A = appendNew(ev.A, d.Text)
		if k := d.Key(); k != "" {
			ka[k] = true
		}
	}
	for _, d := range b.Dates {
		ev.B = appendNew(ev.B, d.Text)
		if k := d.Key(); k != "" && ka[k] {
			ev.Shared = appendNew(ev.Shared, k)
		}
	}
	return ev
}

func appendNew(xs []string, s string) []string {
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}

// onlyFacts lists the sentences whose best match on the other side is
// below OnlyThreshold, longest first, at most MaxOnly, in document order.
func onlyFacts(d *analysis.Doc, best []float64) []Fact {
	var idx []int
	for i, s := range d.Sentences {
		if best[i] < OnlyThreshold && len(s.Terms) >= MinFactTerms {
			idx = append(idx, i)
		}
	}
	if len(idx) > MaxOnly {
		sort.SliceStable(idx, func(x, y int) bool { return len(d.Sentences[idx[x]].Terms) > len(d.Sentences[idx[y]].Terms) })
		idx = idx[:MaxOnly]
		sort.Ints(idx)
	}
	out := make([]Fact, len(idx))
	for k, i := range idx {
		out[k] = Fact{Sentence: i, Text: d.Sentences[i].Text(d)}
	}
	return out
}
