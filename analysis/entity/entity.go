// Package entity finds named entities (people, organisations, places) in
// analysed text without a neural model, and folds the spelling variants of
// one name to one key.
//
// Places come from gazetteers: country names in every language from
// golang.org/x/text/language/display and GeoNames city names generated
// from Debian's libgeonames-common and embedded (geonames.tsv.gz), so the
// same binary finds the same places on every machine.
// Names come from capitalisation in Latin and Cyrillic scripts and, in
// Arabic (which has no capitals), from title words (وزير, الرئيس, مستشار…)
// followed by rare words, from names already found in the same text, and
// from repeated runs of rare words. Word statistics (common-word lists)
// derived from the dev articles tell common words from names.
//
// Cost: the gazetteer is built once per process on first use (about
// 0.3-0.5 s of CPU and 20 MB of heap: 257 countries, 26,000 cities,
// 63,000 spellings);
// after that Extract takes about 0.2 ms of CPU for a 2.3 KB article
// (BenchmarkExtract).
package entity

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the class of an entity.
type Kind string

// The kinds of entity.
const (
	Person Kind = "person"
	Org    Kind = "org"
	Place  Kind = "place"
	Other  Kind = "other"
)

// Entity is one named entity of a document, with every spelling of it seen.
// Key is the spelling-variant key: two entities with the same Key are the
// same entity, across documents and outlets (see NameKey for names; a
// place's Key is "place:" + its ISO 3166-1 alpha-2 code for a country, e.g.
// "place:IL", or "place:" + its folded English GeoNames name for a city,
// e.g. "place:washington"). Name is the fullest spelling (the most frequent
// of the forms with most words; for a place the most frequent name form,
// not an adjective). Variants are the spellings as written, proclitics
// (و ب ل ك ف) removed, most frequent first. Count is the number of
// mentions. First is the byte offset of the first mention in the text.
// XKey is the cross-script key (package translit: Blinken, بلينكن and
// Блинкен all "blnkn"; for a place, Key), for matching across languages
// with SameAcross.
type Entity struct {
	Key      string   `json:"key"`
	XKey     string   `json:"xkey,omitempty"`
	Name     string   `json:"name"`
	Variants []string `json:"variants"`
	Kind     Kind     `json:"kind"`
	Count    int      `json:"count"`
	First    int      `json:"first"`
	// Roles are the titles written before the name (Congressman,
	// وزير الخارجية), most frequent first, at most 3; see titles.go.
	Roles []string `json:"roles,omitempty"`
}

// Same reports whether a and b, found in two different documents, are the
// same entity: equal keys, or, for names that are not places, the words of
// one key are the last words of the other's (بايدن and جو بايدن; Merkel
// and Angela Merkel) and that shared surname has at least 3 letters.
func Same(a, b Entity) bool {
	if a.Key == b.Key {
		return a.Key != ""
	}
	if a.Kind == Place || b.Kind == Place || strings.HasPrefix(a.Key, "place:") || strings.HasPrefix(b.Key, "place:") {
		return false
	}
	short, long := a.Key, b.Key
	if len(short) > len(long) {
		short, long = long, short
	}
	if utf8.RuneCountInString(short) < 3 || !strings.HasSuffix(long, " "+short) {
		return false
	}
	return true
}

// mention is one occurrence of a candidate entity.
type mention struct {
	surface string
	key     string
	words   int
	kind    Kind
	place   int32 // gazetteer index, or -1
	adj     bool  // a place adjective (الإسرائيلي, israelische)
	pos     int
	role    string // the title before a name (Congressman, وزير الخارجية)
}

// Extract returns the entities of text in language lang (ISO 639-1),
// most mentioned first. Arabic-script words are read with the Arabic
// rules and other words with the capitalisation rules, whatever lang is;
// lang selects the word statistics and the demonym suffixes. Safe for
// concurrent use.
func Extract(lang, text string) []Entity {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	lang = strings.ToLower(lang)
	x := extractor{
		lang: lang,
		text: text,
		toks: scan(text),
		g:    loadGazetteer(),
		cw:   commonFor(lang),
	}
	x.used = make([]bool, len(x.toks))
	x.places()
	if x.han {
		x.hanNames()
	}
	x.arabicNames()
	x.latinNames()
	return x.merge()
}

type extractor struct {
	lang string
	text string
	toks []tok
	used []bool
	g    *gazetteer
	cw   map[string]uint8
	ms   []mention
	bare map[string]bool // Arabic words as written, built on demand
	han  bool            // the text has Chinese characters
}

func (x *extractor) isStop(f string) bool {
	return arStop[f] || latStop[f]
}

// surface returns text[s:e] without its first k letters (and their marks).
func surfaceStrip(s string, k int) string {
	for k > 0 && s != "" {
		_, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		for s != "" {
			r, m := utf8.DecodeRuneInString(s)
			if r < 0x064B || r > 0x065F {
				if r != 0x0670 && r != 'ـ' {
					break
				}
			}
			s = s[m:]
		}
		k--
	}
	return s
}

// cleanSurface trims quotes and punctuation that a word may carry.
func (x *extractor) span(i, j int) string {
	return x.text[x.toks[i].s:x.toks[j-1].e]
}

func (x *extractor) add(m mention, i, j int) {
	for k := i; k < j; k++ {
		x.used[k] = true
	}
	if m.key == "" {
		m.key = NameKey(m.surface)
	}
	if m.key == "" {
		return
	}
	if m.words == 0 {
		m.words = j - i
	}
	m.pos = x.toks[i].s
	x.ms = append(x.ms, m)
}

// agencyWords (lookup-folded) are the words after which an Arabic nisba
// names an outlet's nationality, not a place of the story: وكالة الأنباء
// الألمانية is the German news agency (dpa), وكالة الأنباء الفرنسية AFP.
var agencyWords = foldedSet("الأنباء", "للأنباء", "وكالة")

// foldedSet returns the lookup folding (foldLookup) of words as a set.
func foldedSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[string(foldLookup(nil, w))] = true
	}
	return m
}

// places finds gazetteer places, longest phrase first.
func (x *extractor) places() {
	g := x.g
	var vs [6]string
	for i := 0; i < len(x.toks); i++ {
		if x.used[i] {
			continue
		}
		t := &x.toks[i]
		if t.digit {
			continue
		}
		if t.arabic {
			n := arVariants(&vs, t.f)
			for k := 0; k < n; k++ {
				v := vs[k]
				strip := utf8.RuneCountInString(t.f) - utf8.RuneCountInString(v)
				if strings.HasPrefix(t.f, "لل") && strings.HasPrefix(v, "ال") {
					strip = -1 // لل + word: surface is ال + word
				}
				if k > 0 && utf8.RuneCountInString(v) < 3 {
					continue
				}
				if pi, nw := x.phraseAt(i, v); pi >= 0 && (g.places[pi].country || x.arCityOK(i, v, k, nw)) {
					surf := x.span(i, i+nw)
					switch {
					case strip < 0:
						surf = "ال" + surfaceStrip(surf, 2)
					case strip > 0 && !strings.HasPrefix(v, "ال") && hasArticle(t.f) && !strings.HasPrefix(t.f, "ال"):
						// بالعراق → العراق: keep the article in the surface.
						surf = surfaceStrip(surf, clitics(t.f))
					case strip > 0 && !strings.HasPrefix(t.f, "ال"):
						surf = surfaceStrip(surf, strip)
					case strip > 0:
						// the article dropped only for lookup
					}
					x.add(mention{surface: surf, key: g.places[pi].key, kind: Place, place: pi}, i, i+nw)
					i += nw - 1
					break
				}
				if !g.maybe(v) {
					continue
				}
				if pi, ok := g.adj[v]; ok && !(i > 0 && agencyWords[x.toks[i-1].f]) {
					surf := x.span(i, i+1)
					if strings.HasPrefix(t.f, "لل") {
						surf = "ال" + surfaceStrip(surf, 2)
					} else {
						surf = surfaceStrip(surf, clitics(t.f))
					}
					x.add(mention{surface: surf, key: g.places[pi].key, kind: Place, place: pi, adj: true}, i, i+1)
					break
				}
			}
			continue
		}
		if r0, _ := utf8.DecodeRuneInString(t.f); r0 >= 0x2E80 && unicode.Is(unicode.Han, r0) {
			x.hanPlaces(i)
			x.han = true
			continue
		}
		// Latin, Cyrillic and others.
		lower := !t.cap && !t.upper
		if lower {
			// Lower case: only a country name or adjective, never in
			// English (china, turkey); a small table, no phrase lookup.
			if x.lang == "en" || x.lang == "" || isLatStopFast(t.f) {
				continue
			}
			if pi, ok := g.lower[t.f]; ok {
				x.add(mention{surface: x.span(i, i+1), key: g.places[pi].key, kind: Place, place: pi, adj: true}, i, i+1)
			} else if pi := g.demonym(x.lang, t.f); pi >= 0 {
				x.add(mention{surface: x.span(i, i+1), key: g.places[pi].key, kind: Place, place: pi, adj: true}, i, i+1)
			}
			continue
		}
		if pi := x.hyphenPlace(t.f); pi >= 0 {
			x.add(mention{surface: x.span(i, i+1), key: g.places[pi].key, kind: Place, place: pi}, i, i+1)
			continue
		}
		if pi, nw := x.phraseAt(i, t.f); pi >= 0 {
			p := g.places[pi]
			ok := true
			switch {
			case latCalendar[t.f] && nw == 1:
				ok = false
			case lower:
				ok = nw == 1 && p.country && x.lang != "en" && x.lang != ""
			case !p.country && t.upper && nw == 1 && (!t.start || x.lang == "ar"):
				ok = false // UNION: an all-capitals city only opens a dateline
			case !p.country && t.start && nw == 1:
				ok = x.cw[t.f]&flagCommon == 0 && !x.isStop(t.f) && !latTitles[t.f]
			case !p.country && nw == 1:
				ok = !latStop[t.f] && !latCalendar[t.f] && x.cw[t.f]&flagCommon == 0
			}
			if ok && !p.country && nw == 1 && !x.isolated(i) {
				ok = false // Michael Smith, Central Park: part of a longer name
			}
			if ok {
				x.add(mention{surface: x.span(i, i+nw), key: p.key, kind: Place, place: pi, adj: lower}, i, i+nw)
				i += nw - 1
				continue
			}
		}
		if (lower && x.lang == "en") || t.upper {
			continue
		}
		if pi := x.ruCity(t.f); pi >= 0 && x.isolated(i) {
			x.add(mention{surface: x.span(i, i+1), key: g.places[pi].key, kind: Place, place: pi}, i, i+1)
			continue
		}
		if pi := g.demonym(x.lang, t.f); pi >= 0 {
			x.add(mention{surface: x.span(i, i+1), key: g.places[pi].key, kind: Place, place: pi, adj: true}, i, i+1)
		}
	}
}

// arCityOK says whether an Arabic word v (variant k of a word, 0 = as
// written) matched as a one-word city name is taken: not a function word
// or common noun, not a name known to clash, and, when proclitics were
// stripped to find it (بايدن → ايدن), a form of 5 letters or more or one
// the text also writes bare.
func (x *extractor) arCityOK(i int, v string, k, words int) bool {
	if words > 1 {
		return true
	}
	if arStop[v] || blockedCities[v] || arTitles[v] {
		return false
	}
	base := strings.TrimPrefix(v, "ال")
	if utf8.RuneCountInString(base) <= 3 && !arShortCities[base] {
		return false
	}
	if x.cw[v]&flagCommon != 0 && (!strings.HasPrefix(v, "ال") || x.cw[base] != 0) {
		return false // الجديد: a common word, here with its article
	}
	if _, isAdj := x.g.adj[v]; isAdj {
		return false // الهندية: an adjective of a country first
	}
	// قوله, حديثه, منزله: a common word with a pronoun suffix.
	if strings.HasSuffix(v, "ه") && x.cw[strings.TrimSuffix(v, "ه")] != 0 {
		return false
	}
	// فلاديمير بوتين, نانسي بيلوسي: a first name before a surname.
	if i+1 < len(x.toks) && !x.toks[i+1].brk && x.toks[i+1].arabic {
		nf := x.toks[i+1].f
		if utf8.RuneCountInString(nf) >= 3 && x.cw[nf] == 0 && !arStop[nf] && !hasArticle(nf) && !arTitles[nf] {
			if _, isPlace := x.g.phrase[nf]; !isPlace {
				return false
			}
		}
	}
	if k == 0 && clitics(x.toks[i].f) > 0 {
		// وأن, فإن: a proclitic on a function word.
		var vs [6]string
		if n := arVariants(&vs, x.toks[i].f); n > 1 && (arStop[vs[1]] || x.cw[vs[1]] != 0) {
			return false
		}
	}
	if k == 0 || utf8.RuneCountInString(v) >= 5 || strings.HasPrefix(v, "ال") {
		return true
	}
	if x.bare == nil {
		x.bare = map[string]bool{}
		for _, t := range x.toks {
			if t.arabic {
				x.bare[t.f] = true
			}
		}
	}
	return x.bare[v]
}

// hanPlaces finds gazetteer places inside a run of Chinese characters
// (written without spaces): at each character the longest name of 6 to 2
// characters that the gazetteer knows (美国, 以色列, 北京, 加沙).
func (x *extractor) hanPlaces(i int) {
	t := x.toks[i]
	w := x.text[t.s:t.e]
	var offs []int
	for k := range w {
		offs = append(offs, k)
	}
	offs = append(offs, len(w))
	n := len(offs) - 1
	for a := 0; a < n; {
		matched := 0
		for l := 6; l >= 2; l-- {
			if a+l > n {
				continue
			}
			sub := w[offs[a]:offs[a+l]]
			if !x.g.maybe(sub) {
				continue
			}
			pi, ok := x.g.phrase[sub]
			if !ok || !(x.g.places[pi].country || x.g.cityIn(sub, "zh") && (l >= 3 || hanCities[sub])) {
				continue
			}
			x.ms = append(x.ms, mention{surface: sub, key: x.g.places[pi].key, kind: Place, place: pi, words: 1, pos: t.s + offs[a]})
			matched = l
			break
		}
		if matched == 0 {
			matched = 1
		}
		a += matched
	}
	x.used[i] = true
}

// hanCities are the two-character city names taken inside Chinese text;
// other two-character names are too often the syllables of a
// transliterated person's name (布林肯 holds 林肯, Lincoln).
var hanCities = setOf("北京", "上海", "天津", "重庆", "广州", "深圳", "武汉", "南京", "杭州", "成都", "西安",
	"香港", "澳门", "台北", "东京", "巴黎", "伦敦", "柏林", "罗马", "加沙", "开罗", "德里", "首尔", "大阪",
	"悉尼", "纽约", "曼谷", "河内", "马德里")

func isArabicText(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 0x0600 && r <= 0x06FF
}

// isLatStopFast reports whether a folded word is a short function word
// (at most 3 bytes) or in the stop list.
func isLatStopFast(f string) bool {
	return len(f) <= 3 || latStop[f]
}

// isolated reports whether Latin word i stands alone: its neighbours are
// not capitalised words of the same phrase.
func (x *extractor) isolated(i int) bool {
	capital := func(k int) bool {
		t := x.toks[k]
		return !t.arabic && !t.digit && (t.cap || t.upper) && !latStop[t.f] && !latTitles[t.f]
	}
	if i > 0 && !x.toks[i].brk && capital(i-1) && !x.toks[i-1].start {
		return false
	}
	if i+1 < len(x.toks) && !x.toks[i+1].brk && capital(i+1) {
		return false
	}
	return true
}

// clitics returns how many proclitic letters (و ف then ب ل ك) a folded
// Arabic word starts with, the article not counted.
func clitics(f string) int {
	n := 0
	if strings.HasPrefix(f, "و") || strings.HasPrefix(f, "ف") {
		f = f[len("و"):]
		n++
	}
	if strings.HasPrefix(f, "ال") {
		return n
	}
	if strings.HasPrefix(f, "ب") || strings.HasPrefix(f, "ل") || strings.HasPrefix(f, "ك") {
		n++
	}
	return n
}

// phraseAt looks up the longest gazetteer phrase starting at word i whose
// first word is folded as first. It returns the place and the number of
// words, or -1.
func (x *extractor) phraseAt(i int, first string) (int32, int) {
	g := x.g
	if !g.maybe(first) {
		return -1, 0
	}
	mw := int(g.maxWords[first])
	if mw == 0 {
		return -1, 0
	}
	if mw > 1 {
		if mw > 5 {
			mw = 5
		}
		var b []byte
		for n := mw; n >= 2; n-- {
			if i+n > len(x.toks) {
				continue
			}
			ok := true
			b = append(b[:0], first...)
			for k := i + 1; k < i+n; k++ {
				if x.toks[k].brk || x.used[k] {
					ok = false
					break
				}
				b = append(b, ' ')
				b = append(b, x.toks[k].f...)
			}
			if !ok {
				continue
			}
			if pi, ok := g.phrase[string(b)]; ok && (g.places[pi].country || g.cityIn(string(b), x.lang)) {
				return pi, n
			}
		}
	}
	if pi, ok := g.phrase[first]; ok && (g.places[pi].country || g.cityIn(first, x.lang)) {
		return pi, 1
	}
	return -1, 0
}

// merge groups mentions into entities.
func (x *extractor) merge() []Entity {
	if len(x.ms) == 0 {
		return nil
	}
	// A one-word city that is a word of a longer name of the same text is
	// that name (Obama → Barack Obama) or a first name (Sebastian of
	// Sebastian Kurz, dropped).
	nameWords := map[string]int{} // word key → 1 last word, 2 other word
	for _, m := range x.ms {
		if m.kind == Place || m.words < 2 {
			continue
		}
		ks := strings.Split(m.key, " ")
		for i, k := range ks {
			if i == len(ks)-1 {
				nameWords[k] = 1
			} else if nameWords[k] == 0 {
				nameWords[k] = 2
			}
		}
	}
	if len(nameWords) > 0 {
		kept := x.ms[:0]
		for _, m := range x.ms {
			if m.kind == Place && m.words == 1 && !m.adj && !x.g.places[m.place].country {
				switch nameWords[NameKey(m.surface)] {
				case 1:
					m.kind, m.key, m.place = Other, NameKey(m.surface), -1
				case 2:
					continue
				}
			}
			kept = append(kept, m)
		}
		x.ms = kept
	}
	type group struct {
		key      string
		ms       []int
		words    int
		kind     Kind
		lastKey  string
		into     int
		first    int
		placeIdx int32
	}
	var gs []*group
	byKey := map[string]int{}
	for mi, m := range x.ms {
		gi, ok := byKey[m.key]
		if !ok {
			gi = len(gs)
			byKey[m.key] = gi
			lk := m.key
			if k := strings.LastIndexByte(lk, ' '); k >= 0 {
				lk = lk[k+1:]
			}
			gs = append(gs, &group{key: m.key, lastKey: lk, into: -1, first: m.pos, placeIdx: m.place})
		}
		g := gs[gi]
		g.ms = append(g.ms, mi)
		if m.words > g.words {
			g.words = m.words
		}
		switch {
		case m.kind == Place:
			g.kind = Place
		case g.kind == "" || g.kind == Other:
			g.kind = m.kind
		case m.kind == Person && g.kind != Place:
			g.kind = Person
		}
	}
	// A shorter name whose words end a longer name of the same text is a
	// mention of it (بايدن → جو بايدن, Keller → Curtis Keller). If several
	// longer names end so, the most mentioned takes it.
	for _, s := range gs {
		if s.kind == Place {
			continue
		}
		best := -1
		for li, l := range gs {
			if l == s || l.kind == Place || l.words <= s.words || !strings.HasSuffix(l.key, " "+s.key) {
				continue
			}
			if best < 0 || len(l.ms) > len(gs[best].ms) {
				best = li
			}
		}
		if best >= 0 {
			s.into = best
		}
	}
	root := func(i int) int {
		for n := 0; gs[i].into >= 0 && n < 8; n++ {
			i = gs[i].into
		}
		return i
	}
	for i, s := range gs {
		if s.into >= 0 {
			r := gs[root(i)]
			r.ms = append(r.ms, s.ms...)
			if s.kind == Person {
				r.kind = Person
			}
			if s.first < r.first {
				r.first = s.first
			}
			s.ms = nil
		}
	}
	var out []Entity
	for _, g := range gs {
		if len(g.ms) == 0 {
			continue
		}
		if x.lang == "de" && g.words == 1 && g.kind == Other {
			// German capitalises every noun: a lone capitalised word is a
			// name only when it is the surname of a longer name (merged
			// above), a title follows it, or a gazetteer knows it.
			continue
		}
		e := Entity{Key: g.key, Kind: g.kind, Count: len(g.ms), First: g.first}
		if e.Kind == "" {
			e.Kind = Other
		}
		if e.Kind == Other && g.words >= 2 && g.words <= 4 && !isArabicText(x.ms[g.ms[0]].surface) {
			e.Kind = Person // a run of two to four capitalised words
		}
		// Spellings with their counts (few per entity: a slice, no map).
		type spelling struct {
			s         string
			n, asName int
		}
		var sp []spelling
		for _, mi := range g.ms {
			m := x.ms[mi]
			k := 0
			for k < len(sp) && sp[k].s != m.surface {
				k++
			}
			if k == len(sp) {
				sp = append(sp, spelling{s: m.surface})
			}
			sp[k].n++
			if (g.kind == Place && !m.adj) || (g.kind != Place && m.words == g.words) {
				sp[k].asName++
			}
		}
		sort.SliceStable(sp, func(a, b int) bool { return sp[a].n > sp[b].n })
		e.Variants = make([]string, len(sp))
		best := -1
		for k, v := range sp {
			e.Variants[k] = v.s
			if v.asName > 0 && (best < 0 || v.asName > sp[best].asName) {
				best = k
			}
		}
		if best < 0 {
			best = 0
		}
		e.Name = sp[best].s
		e.XKey = crossKey(x.lang, &e)
		e.Roles = roles(x.ms, g.ms)
		out = append(out, e)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Count != out[b].Count {
			return out[a].Count > out[b].Count
		}
		return out[a].First < out[b].First
	})
	return out
}
