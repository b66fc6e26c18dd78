// Package pivot translates an article's content terms into a pivot
// language, English, so that articles in different languages can be
// compared term by term. The translations come from the FreeDict bilingual
// dictionaries Debian installs (packages dict-freedict-X-eng, and
// dict-freedict-eng-X read in reverse where X→English is thin), read at
// run time from /usr/share/dictd (dictd format: headword TAB base64 offset
// TAB base64 length in X.index, the definitions in X.dict.dz); nothing of
// them is committed. Both sides are stemmed with newsim's stemmers
// (analysis/stem), so a dictionary maps a source-language term, exactly as
// the analysis makes it, to up to MaxSenses English terms with weights.
//
// Dictionaries load lazily, once per process and language, on first use
// (For). English needs none: its terms are already pivot terms.
package pivot

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/newsim/newsim/analysis/normalize"
	"github.com/newsim/newsim/analysis/stem"
	"github.com/newsim/newsim/analysis/token"
)

// Lang is the pivot language.
const Lang = "en"

// MaxSenses is how many English terms a source term keeps, heaviest
// first; their weights sum to 1.
const MaxSenses = 4

// ReverseWeight is the weight of a translation found only by reading an
// English→X dictionary backwards, relative to one from X→English.
const ReverseWeight = 0.5

// Dir is where the dictd files are read from.
var Dir = "/usr/share/dictd"

// dictionaries lists, per language, the FreeDict dictionaries read: the
// X→English one first, then English→X ones read in reverse. German's
// deu-eng (519k headwords) is rich enough alone; Turkish's tur-eng (1k)
// and Russian's are thin, so their English→X dictionaries carry them.
var dictionaries = map[string][]string{
	"ar": {"ara-eng", "eng-ara"},
	"de": {"deu-eng"},
	"es": {"spa-eng", "eng-spa"},
	"fr": {"fra-eng", "eng-fra"},
	"it": {"ita-eng", "eng-ita"},
	"pl": {"pol-eng", "eng-pol"},
	"ru": {"eng-rus"},
	"tr": {"tur-eng", "eng-tur"},
}

// Languages returns the languages pivot has dictionaries for (when they
// are installed), sorted.
func Languages() []string {
	var out []string
	for l := range dictionaries {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// Sense is one English translation of a source term and its weight.
type Sense struct {
	Term   string  `json:"term"`
	Weight float32 `json:"weight"`
}

// Dict maps the terms of one language to English terms.
type Dict struct {
	Lang     string
	Sources  []Source
	senses   map[string][]Sense
	cognates map[string][]Sense // by cognateKey
}

// Senses returns the English translations of a source term (as
// analysis makes it: folded and stemmed), heaviest first, or nil.
func (d *Dict) Senses(term string) []Sense {
	if d == nil {
		return nil
	}
	return d.senses[term]
}

// Len is the number of source terms with a translation.
func (d *Dict) Len() int {
	if d == nil {
		return 0
	}
	return len(d.senses)
}

// ErrNoDictionary is returned by For for a language without an installed
// dictionary.
var ErrNoDictionary = errors.New("no dictionary")

// Note is the message to show for lang when it has no dictionary (empty
// when it has one, or is English): what cross-language comparison can
// still use.
func Note(lang string) string {
	if lang == Lang {
		return ""
	}
	if _, err := For(lang); err == nil {
		return ""
	}
	return fmt.Sprintf("no %s→%s dictionary: cross-language signals limited to names, places, numbers", lang, Lang)
}

var (
	mu     sync.Mutex
	loaded = map[string]*loadResult{}
)

type loadResult struct {
	once sync.Once
	d    *Dict
	err  error
}

// For returns the dictionary of lang, loading it from Dir on first use
// (see BenchmarkLoad for the cost). It fails with ErrNoDictionary when none
// of lang's dictionaries is installed; English has no dictionary (its
// terms are pivot terms) and gets ErrNoDictionary too.
func For(lang string) (*Dict, error) {
	mu.Lock()
	r, ok := loaded[lang]
	if !ok {
		r = &loadResult{}
		loaded[lang] = r
	}
	mu.Unlock()
	r.once.Do(func() { r.d, r.err = Load(Dir, lang) })
	return r.d, r.err
}

// Load reads lang's dictionaries from dir (uncached; For caches). The
// first load on a machine builds the translation table from the dictd
// files (seconds for the large German, Polish, Turkish and Arabic
// dictionaries) and keeps it in CacheDir; later loads read that table
// (see BenchmarkLoad), as long as the installed packages are the same.
func Load(dir, lang string) (*Dict, error) {
	names := dictionaries[lang]
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: %w (pivot dictionaries exist for %s)", lang, ErrNoDictionary, strings.Join(Languages(), " "))
	}
	var present []string
	var srcs []Source
	for _, name := range names {
		if _, err := os.Stat(filepath.Join(dir, "freedict-"+name+".index")); err == nil {
			present = append(present, name)
			srcs = append(srcs, installed(dir, name))
		}
	}
	if len(present) == 0 {
		return nil, fmt.Errorf("%s→%s: %w installed (apt-get install %s)", lang, Lang, ErrNoDictionary, packageNames(names))
	}
	cache := cachePath(lang, srcs)
	if d, err := readCache(cache, lang); err == nil {
		d.indexCognates()
		return d, nil
	}
	b := newBuilder(lang)
	d := &Dict{Lang: lang}
	for i, name := range present {
		base := filepath.Join(dir, "freedict-"+name)
		entries, data, sum, err := readDictd(base)
		if err != nil {
			return nil, fmt.Errorf("pivot dictionary %s: %w", name, err)
		}
		reverse := strings.HasPrefix(name, "eng-")
		for _, e := range entries {
			def := string(data[e.off : e.off+e.len])
			if reverse {
				b.addReverse(e.head, def)
			} else {
				b.addForward(e.head, def)
			}
		}
		src := srcs[i]
		src.SHA256 = sum
		d.Sources = append(d.Sources, src)
	}
	d.senses = b.finish()
	writeCache(cache, d) // best effort: without a cache the next process builds again
	d.indexCognates()
	return d, nil
}

func sortStrings(s []string) { slices.Sort(s) }

func packageNames(names []string) string {
	var p []string
	for _, n := range names {
		p = append(p, "dict-freedict-"+n)
	}
	return strings.Join(p, " ")
}

// builder accumulates translation weights per source term.
type builder struct {
	lang       string
	src, en    *stem.Cached
	acc        map[string]map[string]float64
	intern     map[string]string
	toks       []token.Token
	fold       []byte
	termBuffer []string
}

func newBuilder(lang string) *builder {
	return &builder{lang: lang, src: stem.ForLang(lang), en: stem.ForLang(Lang), acc: map[string]map[string]float64{}, intern: map[string]string{}}
}

// terms returns the content terms of s in lang, as the analysis makes
// them (numbers skipped). The result is reused by the next call.
func (b *builder) terms(lang string, st *stem.Cached, s string) []string {
	b.toks = token.AppendWords(b.toks[:0], s)
	out := b.termBuffer[:0]
	for _, t := range b.toks {
		if t.Kind == token.Number {
			continue
		}
		b.fold = normalize.AppendFold(b.fold[:0], lang, t.Text)
		if term, ok := st.Term(b.fold); ok {
			out = append(out, term)
		}
	}
	b.termBuffer = out
	return out
}

// maxWords is the longest translation (in content words) kept: longer
// ones are explanations, not translations.
const maxWords = 3

func (b *builder) add(src, en string, w float64) {
	m := b.acc[src]
	if m == nil {
		m = map[string]float64{}
		b.acc[src] = m
	}
	if s, ok := b.intern[en]; ok {
		en = s
	} else {
		b.intern[en] = en
	}
	m[en] += w
}

// addForward reads an X→English entry: the i-th translation (in order of
// the definition) weighs 1/(i+1), shared among its content words.
func (b *builder) addForward(head, def string) {
	hs := b.terms(b.lang, b.src, head)
	if len(hs) != 1 {
		return
	}
	src := hs[0]
	rank := 0
	for _, line := range senseLines(def) {
		for _, alt := range alternatives(line) {
			ws := b.terms(Lang, b.en, alt)
			if len(ws) == 0 || len(ws) > maxWords {
				continue
			}
			w := 1 / float64(rank+1) / float64(len(ws))
			for _, en := range ws {
				b.add(src, en, w)
			}
			rank++
		}
	}
}

// addReverse reads an English→X entry backwards: each one-word X
// translation gets the English headword, weighing ReverseWeight/(i+1).
func (b *builder) addReverse(head, def string) {
	hs := b.terms(Lang, b.en, head)
	if len(hs) != 1 {
		return
	}
	en := hs[0]
	rank := 0
	for _, line := range senseLines(def) {
		for _, alt := range alternatives(line) {
			xs := b.terms(b.lang, b.src, alt)
			if len(xs) != 1 {
				continue
			}
			b.add(xs[0], en, ReverseWeight/float64(rank+1))
			rank++
		}
	}
}

// finish keeps each term's MaxSenses heaviest translations, weights
// summing to 1 (ties broken by the English term, so loading is
// deterministic).
func (b *builder) finish() map[string][]Sense {
	out := make(map[string][]Sense, len(b.acc))
	for src, m := range b.acc {
		ss := make([]Sense, 0, len(m))
		for en, w := range m {
			ss = append(ss, Sense{Term: en, Weight: float32(w)})
		}
		slices.SortFunc(ss, func(x, y Sense) int {
			if c := cmp.Compare(y.Weight, x.Weight); c != 0 {
				return c
			}
			return strings.Compare(x.Term, y.Term)
		})
		if len(ss) > MaxSenses {
			ss = ss[:MaxSenses]
		}
		var sum float32
		for _, s := range ss {
			sum += s.Weight
		}
		for i := range ss {
			ss[i].Weight /= sum
		}
		out[src] = slices.Clip(ss)
	}
	return out
}
