package entity

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/newsim/newsim/analysis/entity/internal/geonames"
)

// Gazetteer languages: country names are taken from golang.org/x/text
// display names in each of these, city names from GeoNames translations.
var gazLangs = geonames.Langs

// geonamesData holds the GeoNames city names of Debian's libgeonames-common
// that the gazetteer uses (about 96,000 names of 12 languages; CC BY 4.0,
// attribution inside the file and in NOTICE), generated from the Debian
// package by internal/gengeo and embedded, so that every machine computes
// the same features: nothing is read from the file system at run time.
//
//go:generate go run ./internal/gengeo -out geonames.tsv.gz
//go:embed geonames.tsv.gz
var geonamesData []byte

// place is one gazetteer entry.
type place struct {
	key     string // "place:IL" for countries, "place:<english name>" for cities
	name    string // English name
	country bool
}

type gazetteer struct {
	places []place
	// phrase maps a lookup-folded phrase (words joined by one space) to a
	// place index.
	phrase map[string]int32
	// langs holds, for city phrases, the gazetteer languages (bit i =
	// gazLangs[i]) whose catalogue spells the city so; a city is matched
	// only in those languages and English, which keeps Turkish "Şam"
	// (Damascus) from matching the English name "Sam". Countries and
	// aliases are matched in every language (no entry here).
	langs map[string]uint16
	// maxWords is, for the first word of each phrase, the most words a
	// phrase starting with it has.
	maxWords map[string]uint8
	// adj maps an adjective or demonym form (folded; Arabic nisba
	// forms with and without the article) to a country index.
	adj map[string]int32
	// stems maps a country-name stem to its index, for Latin and
	// Cyrillic demonyms built as stem + suffix.
	stems map[string]int32
	// stemPre holds the first 4 bytes of each stem, a cheap pre-filter.
	stemPre map[string]bool
	// bloom is a one-hash Bloom filter over the first words of phrases and
	// the adjective forms: most words of a text are in neither, and a bit
	// test is cheaper than a lookup in maps of 100,000 keys.
	bloom []uint64
	// lower maps a one-word country name or adjective of a Latin or
	// Cyrillic script (folded) to its country: the lower-case lookups.
	lower map[string]int32
	// byCode maps an ISO 3166-1 alpha-2 code to its country index.
	byCode map[string]int32
	cities int
}

var (
	gazOnce sync.Once
	gaz     *gazetteer
	// gazErr is the error met decoding the embedded GeoNames data, if any
	// (the gazetteer then holds countries only; only a broken build can
	// cause it); see GazetteerStatus.
	gazErr error
	// gazPrint is the fingerprint of the embedded GeoNames data.
	gazPrint string
)

// GazetteerStatus reports how many places the gazetteer holds and the
// error met decoding the embedded GeoNames city names, if any. It loads
// the gazetteer if needed (cost: about 0.3-0.5 s of CPU and 20 MB once
// per process).
func GazetteerStatus() (countries, cities int, err error) {
	g := loadGazetteer()
	return len(g.places) - g.cities, g.cities, gazErr
}

// GazetteerFingerprint names the embedded GeoNames data the gazetteer is
// built from ("sha256:" + hex SHA-256 of its entries): features, and so a
// model learned from them, depend on it. The model records it
// (compare.Model.Data) and newsim warns when they differ.
func GazetteerFingerprint() string {
	loadGazetteer()
	return gazPrint
}

func loadGazetteer() *gazetteer {
	gazOnce.Do(func() {
		var entries []geonames.Entry
		entries, gazPrint, gazErr = geonames.Decode(geonamesData)
		gaz = buildGazetteer(entries)
	})
	return gaz
}

// buildGazetteer builds the gazetteer: countries from CLDR, cities from
// the GeoNames entries.
func buildGazetteer(cities []geonames.Entry) *gazetteer {
	g := &gazetteer{
		phrase:   make(map[string]int32, 120000),
		langs:    make(map[string]uint16, 120000),
		maxWords: make(map[string]uint8, 100000),
		adj:      make(map[string]int32, 8000),
		stems:    make(map[string]int32, 4000),
		stemPre:  make(map[string]bool, 4000),
		byCode:   make(map[string]int32, 300),
		lower:    make(map[string]int32, 4000),
	}
	g.addCountries()
	g.addCities(cities)
	g.addAliases()
	g.buildBloom()
	return g
}

// splitFold splits s into words (letters, marks, digits) and returns their
// lookup foldings joined by one space.
func splitFold(s string) string {
	var b []byte
	in := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			if !in && len(b) > 0 {
				b = append(b, ' ')
			}
			in = true
			b = foldRune(b, r)
			continue
		}
		if r == '\'' || r == '’' {
			continue
		}
		in = false
	}
	return string(b)
}

// addPhrase adds name (any script) as a spelling of place i. It does not
// replace an existing entry: countries are added first and win.
func (g *gazetteer) addPhrase(name string, i int32) {
	g.addPhraseFolded(splitFold(name), i)
}

// addPhraseFolded is addPhrase for a name already folded by splitFold.
func (g *gazetteer) addPhraseFolded(f string, i int32) {
	if f == "" {
		return
	}
	g.addFolded(f, i)
	// Arabic: also without the article, so that clitic + article forms
	// (بالعراق → العراق) and bare forms meet.
	if strings.HasPrefix(f, "ال") && utf8.RuneCountInString(f) > 4 {
		g.addFolded(f[len("ال"):], i)
	}
}

func (g *gazetteer) addFolded(f string, i int32) {
	if _, ok := g.phrase[f]; ok {
		return
	}
	g.setFolded(f, i)
}

// setFolded maps phrase f to place i, replacing any entry.
func (g *gazetteer) setFolded(f string, i int32) {
	g.phrase[f] = i
	first, n := f, 1
	if j := strings.IndexByte(f, ' '); j >= 0 {
		first = f[:j]
		n = strings.Count(f, " ") + 1
	}
	if n > 255 {
		n = 255
	}
	if uint8(n) > g.maxWords[first] {
		g.maxWords[first] = uint8(n)
	}
}

func (g *gazetteer) addCountries() {
	var namers []display.Namer
	for _, l := range gazLangs {
		if n := display.Regions(language.MustParse(l)); n != nil {
			namers = append(namers, n)
		}
	}
	en := display.Regions(language.English)
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code || historic[code] {
				continue
			}
			name := en.Name(r)
			if name == "" {
				continue
			}
			i := int32(len(g.places))
			g.places = append(g.places, place{key: "place:" + code, name: name, country: true})
			g.byCode[code] = i
			for _, n := range namers {
				s := n.Name(r)
				if s == "" {
					continue
				}
				g.addPhrase(s, i)
				// "Bosnia & Herzegovina", "Congo (DRC)": also the part
				// before the bracket.
				if k := strings.IndexAny(s, "(（"); k > 0 {
					g.addPhrase(s[:k], i)
				}
			}
			if s := display.Self.Name(r); s != "" {
				g.addPhrase(s, i)
			}
		}
	}
}

// country returns the index of the country with ISO code, or -1.
func (g *gazetteer) country(code string) int32 {
	if i, ok := g.byCode[code]; ok {
		return i
	}
	return -1
}

// historic are withdrawn or non-country codes that CLDR still names
// (East Germany's DD would take "الألمانية").
var historic = setOf("DD", "SU", "YU", "CS", "ZR", "TP", "BU", "FX", "NT", "QO", "EU", "EZ", "UN", "ZZ", "AN", "YD", "DY", "RH", "VD", "HV", "CT", "JT", "MI", "NH", "NQ", "PC", "PU", "PZ", "WK")

// addCities adds the embedded GeoNames city names (see geonames.tsv.gz).
// A city is keyed by its English name: every spelling of a GeoNames id, in
// every language, maps to the place whose key is "place:" + the folded
// English name, so واشنطن, Washington and Вашингтон meet even though
// GeoNames has several ids for them. entries are grouped by language in
// the order of gazLangs and sorted by id within one.
func (g *gazetteer) addCities(entries []geonames.Entry) {
	// byLang holds each language's run of entries (they are grouped).
	byLang := make(map[string][]geonames.Entry, len(gazLangs))
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j].Lang == entries[i].Lang {
			j++
		}
		byLang[entries[i].Lang] = append(byLang[entries[i].Lang], entries[i:j]...)
		i = j
	}
	en := byLang["en"]
	cityByKey := make(map[string]int32, len(en))
	idPlace := make(map[string]int32, 2*len(en))
	for _, e := range en {
		f := splitFold(e.Name)
		k := "place:" + f
		i, ok := cityByKey[k]
		if !ok {
			// A city named like a country (e.g. "Israel", a hamlet) is
			// the country.
			if ci, isC := g.phrase[f]; isC && g.places[ci].country {
				idPlace[e.ID] = ci
				continue
			}
			i = int32(len(g.places))
			g.places = append(g.places, place{key: k, name: e.Name})
			cityByKey[k] = i
			g.cities++
		}
		idPlace[e.ID] = i
	}
	for _, l := range gazLangs {
		for _, e := range byLang[l] {
			f := splitFold(e.Name)
			i, ok := idPlace[e.ID]
			if !ok {
				k := "place:" + f
				i, ok = cityByKey[k]
				if !ok {
					i = int32(len(g.places))
					g.places = append(g.places, place{key: k, name: e.Name})
					cityByKey[k] = i
					g.cities++
				}
				idPlace[e.ID] = i
			}
			if blockedCity(l, f) {
				continue
			}
			g.addPhraseFolded(f, i)
			bit := uint16(1) << uint(langIndex(l))
			if g.phrase[f] == i {
				g.langs[f] |= bit
			}
			if strings.HasPrefix(f, "ال") && g.phrase[f[len("ال"):]] == i {
				g.langs[f[len("ال"):]] |= bit
			}
		}
	}
}

func langIndex(l string) int {
	for i, x := range gazLangs {
		if x == l {
			return i
		}
	}
	return 15
}

// cityIn reports whether the phrase f may be read as a city in language
// lang: spelled so in lang's or English's catalogue, or lang unknown.
func (g *gazetteer) cityIn(f, lang string) bool {
	m, ok := g.langs[f]
	if !ok {
		return true
	}
	li := langIndex(lang)
	if li == 15 {
		return true
	}
	return m&(1<<uint(li)|1<<1) != 0
}

const bloomBits = 1 << 21

func bloomHash(s string) uint32 { return bloomHashSeed(s, 2166136261) }

func bloomHashSeed(s string, seed uint32) uint32 {
	h := seed
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h & (bloomBits - 1)
}

func (g *gazetteer) buildBloom() {
	g.bloom = make([]uint64, bloomBits/64)
	set := func(s string) {
		h := bloomHash(s)
		g.bloom[h>>6] |= 1 << (h & 63)
	}
	for w := range g.maxWords {
		set(w)
	}
	for w := range g.adj {
		set(w)
	}
	for w := range g.stems {
		set(w)
		if len(w) >= 4 {
			h := bloomHashSeed(w[:4], 97)
			g.bloom[h>>6] |= 1 << (h & 63)
		}
	}
}

// maybeStemPrefix reports whether some country stem may start with the
// 4 bytes p.
func (g *gazetteer) maybeStemPrefix(p string) bool {
	if g.bloom == nil {
		return g.stemPre[p]
	}
	h := bloomHashSeed(p, 97)
	return g.bloom[h>>6]&(1<<(h&63)) != 0
}

// maybe reports whether w may be the first word of a phrase or an
// adjective form (false: certainly not).
func (g *gazetteer) maybe(w string) bool {
	if g.bloom == nil {
		return true
	}
	h := bloomHash(w)
	return g.bloom[h>>6]&(1<<(h&63)) != 0
}
