package represent

import (
	"math"
	"sort"
)

// Stats holds document frequencies per language, the background statistics
// that turn term counts into TF-IDF weights. The zero value is empty and
// usable after calling Add. Stats is not safe for concurrent writes; reads
// (IDF) are safe once writing has stopped.
type Stats struct {
	// Docs is the number of documents seen, per language.
	Docs map[string]int `json:"docs"`
	// DF maps language → term → number of documents containing the term.
	DF map[string]map[string]int `json:"df"`
}

// Add counts one document of language lang with the given terms.
func (s *Stats) Add(lang string, terms []string) {
	if s.Docs == nil {
		s.Docs = map[string]int{}
		s.DF = map[string]map[string]int{}
	}
	s.Docs[lang]++
	df := s.DF[lang]
	if df == nil {
		df = map[string]int{}
		s.DF[lang] = df
	}
	seen := make(map[string]bool, len(terms))
	for _, t := range terms {
		if !seen[t] {
			seen[t] = true
			df[t]++
		}
	}
}

// IDF returns the smoothed inverse document frequency of term in lang:
// ln((N+1)/(df+1)) + 1, where N is the number of documents of lang. A term
// never seen gets the largest value; with no documents of lang every term
// weighs 1.
func (s *Stats) IDF(lang, term string) float64 {
	n := s.Docs[lang]
	if n == 0 {
		return 1
	}
	return math.Log(float64(n+1)/float64(s.DF[lang][term]+1)) + 1
}

// Prune drops terms seen in fewer than minDF documents (they weigh the same
// as unseen terms, up to smoothing), to keep the statistics small.
func (s *Stats) Prune(minDF int) {
	for _, df := range s.DF {
		for t, c := range df {
			if c < minDF {
				delete(df, t)
			}
		}
	}
}

// Languages returns the languages with statistics, sorted.
func (s *Stats) Languages() []string {
	out := make([]string, 0, len(s.Docs))
	for l := range s.Docs {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}
