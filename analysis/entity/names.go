package entity

import (
	"strings"
	"unicode/utf8"
)

// isArTitle reports whether word i is an Arabic title word, possibly with
// proclitics (ووزير, للرئيس).
func (x *extractor) isArTitle(i int) bool {
	var vs [6]string
	n := arVariants(&vs, x.toks[i].f)
	for k := 0; k < n; k++ {
		if arTitles[vs[k]] {
			return true
		}
	}
	return false
}

// arNameWord reports whether folded Arabic word f may be part of a name.
// afterConnector allows the article (عبد الله, أبو الغيط).
func (x *extractor) arNameWord(f string, afterConnector bool) bool {
	if utf8.RuneCountInString(f) < 2 || arStop[f] || arTitles[f] || arModifiers[f] && !arConnectors[f] {
		return false
	}
	if hasArticle(f) && !afterConnector {
		return false
	}
	if x.cw[f]&flagCommon != 0 && !afterConnector {
		return false
	}
	r0, _ := utf8.DecodeRuneInString(f)
	return r0 < '0' || r0 > '9'
}

// arabicNames finds Arabic personal names: after title words, then
// repetitions of names already found, then repeated runs of rare words.
func (x *extractor) arabicNames() {
	toks := x.toks
	nar := 0
	for _, t := range toks {
		if t.arabic {
			nar++
		}
	}
	if nar == 0 {
		return
	}
	count := make(map[string]int, nar)
	for _, t := range toks {
		if t.arabic {
			count[t.f]++
		}
	}
	var vs [6]string
	// 1. Title-triggered names.
	for i := 0; i < len(toks); i++ {
		if !toks[i].arabic || !x.isArTitle(i) {
			continue
		}
		j := i + 1
		for steps := 0; j < len(toks) && steps < 7 && !toks[j].brk && toks[j].arabic; steps++ {
			f := toks[j].f
			if x.isArTitle(j) || hasArticle(f) || arModifiers[f] && !arConnectors[f] || x.used[j] || x.cw[f]&flagCommon != 0 {
				j++
				continue
			}
			break
		}
		if j >= len(toks) || toks[j].brk || !toks[j].arabic || x.used[j] {
			continue
		}
		// A proclitic on the first word (ومجدي لاشين): the name is the
		// rest, unless the rest is a known common word (لكرة, بمستشفى).
		strip := 0
		if !arFirstNames[toks[j].f] && !strings.HasPrefix(toks[j].f, "و") && x.clitized(toks[j].f, count) {
			continue // لشرطة, بمستشفى: a proclitic on a known word
		}
		if strings.HasPrefix(toks[j].f, "و") && x.clitized(toks[j].f, count) {
			n := arVariants(&vs, toks[j].f)
			r := vs[n-1]
			if n < 2 || x.cw[r]&flagCommon != 0 || arStop[r] || arTitles[r] || hasArticle(toks[j].f) {
				continue
			}
			strip = clitics(toks[j].f)
		}
		k := j
		for k < len(toks) && k-j < 4 && toks[k].arabic && !x.used[k] && (k == j || !toks[k].brk) {
			f := toks[k].f
			after := k > j && arConnectors[toks[k-1].f]
			if (k > j || strip == 0) && !x.arNameWord(f, after) || (k > j && x.isArTitle(k)) || x.tanwin(k) {
				break
			}
			if k > j && !after && verbLike(strings.TrimPrefix(f, "س")) {
				break // بوتين يتيح, بوتين سيلتقي
			}
			if k-j >= 2 && !after && (strings.HasSuffix(f, "ه") || strings.HasSuffix(f, "ا") || x.cw[f]&flagFrequent != 0) {
				break // واسيني بوعزة معدودة, مدبولي اجتماعا: not a third name
			}
			if k > j && !arConnectors[toks[k-1].f] && x.clitized(f, count) {
				// "أوستن ومستشار", "بايدن بتعزيز": a known word behind a
				// proclitic starts a new phrase.
				break
			}
			k++
		}
		for k > j && arConnectors[toks[k-1].f] {
			k--
		}
		if k == j {
			continue
		}
		f := toks[j].f
		if strip > 0 {
			n := arVariants(&vs, f)
			f = vs[n-1]
		}
		if verbLike(f) {
			continue // يلتقي ممثلي طالبان, يوزع كمامات
		}
		if k-j == 1 && (count[toks[j].f] < 2 || strings.HasPrefix(toks[j].f, "و")) {
			// A one-word name must recur (الرئيس بايدن … بايدن): a rare
			// word after a title once is too often a common noun.
			continue
		}
		x.add(mention{surface: surfaceStrip(x.span(j, k), strip), kind: Person, role: x.arRole(i, j)}, j, k)
		i = k - 1
	}
	// 2. Repetitions of the names found: whole names first, then the last
	// word alone, proclitics stripped (لغانتس → غانتس), spelling variants
	// met by key (جانتس = غانتس).
	type known struct {
		full []string // word keys
	}
	var names []known
	lastKey := map[string]bool{}
	for _, m := range x.ms {
		if m.kind == Place {
			continue
		}
		ks := strings.Split(m.key, " ")
		names = append(names, known{ks})
		if l := ks[len(ks)-1]; utf8.RuneCountInString(l) >= 2 {
			lastKey[l] = true
		}
	}
	if len(names) > 0 {
		keyOf := func(v string) string { return NameKey(v) }
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			if x.used[i] || !t.arabic || arStop[t.f] || x.cw[t.f]&flagCommon != 0 || hasArticle(t.f) {
				continue // names do not take the article
			}
			n := arVariants(&vs, t.f)
			for vi := 0; vi < n; vi++ {
				v := vs[vi]
				if vi > 0 && (utf8.RuneCountInString(v) < 3 || arStop[v] || x.cw[v]&flagCommon != 0) {
					continue
				}
				k := keyOf(v)
				// Whole name: this word then the following ones.
				matched := 0
				for _, nm := range names {
					if len(nm.full) < 2 || nm.full[0] != k || i+len(nm.full) > len(toks) {
						continue
					}
					ok := true
					for w := 1; w < len(nm.full); w++ {
						tw := toks[i+w]
						if tw.brk || x.used[i+w] || !tw.arabic || NameKey(x.text[tw.s:tw.e]) != nm.full[w] {
							ok = false
							break
						}
					}
					if ok {
						matched = len(nm.full)
						break
					}
				}
				strip := clitics(t.f)
				if vi == 0 {
					strip = 0
				}
				if matched > 0 {
					surf := surfaceStrip(x.span(i, i+matched), strip)
					x.add(mention{surface: surf, kind: Person}, i, i+matched)
					i += matched - 1
					break
				}
				if lastKey[k] {
					surf := surfaceStrip(x.span(i, i+1), strip)
					x.add(mention{surface: surf, key: k, kind: Other}, i, i+1)
					break
				}
			}
		}
	}
	// 3. Runs of two rare words seen at least twice: a name the text
	// repeats without a title.
	memo := make([]int8, len(toks)) // 0 unknown, 1 rare, -1 not
	rare := func(i int) bool {
		if memo[i] != 0 {
			return memo[i] > 0
		}
		t := toks[i]
		f := t.f
		ok := !x.used[i] && t.arabic && !t.digit && len(f) >= 6 && !strings.HasSuffix(f, "ه") && !hasArticle(f) &&
			x.cw[f] == 0 && !arStop[f] && !arTitles[f] && !arModifiers[f] && !x.clitized(f, count)
		memo[i] = -1
		if ok {
			memo[i] = 1
		}
		return ok
	}
	pairs := map[string]int{}
	for i := 0; i+1 < len(toks); i++ {
		if toks[i+1].brk || !rare(i) || !rare(i+1) || verbLike(toks[i].f) || strings.HasPrefix(toks[i+1].f, "و") ||
			strings.HasSuffix(toks[i+1].f, "ي") || x.tanwin(i) || x.tanwin(i+1) {
			continue // عنصر إجرامي, نقص حاد: a noun and its adjective
		}
		pairs[toks[i].f+" "+toks[i+1].f]++
	}
	for i := 0; i+1 < len(toks); i++ {
		if toks[i+1].brk || !rare(i) || !rare(i+1) {
			continue
		}
		// Seen twice, and its last word also alone (فيلود after هوبير
		// فيلود): how a text repeats a name; noun phrases rarely do so.
		if p := pairs[toks[i].f+" "+toks[i+1].f]; p >= 2 && count[toks[i+1].f] > p {
			x.add(mention{surface: x.span(i, i+2), kind: Other}, i, i+2)
			i++
		}
	}
}

// latinNames finds names written with capitals (Latin, Cyrillic, Greek).
func (x *extractor) latinNames() {
	toks := x.toks
	capMid := make(map[string]bool, len(toks)/8+1)
	acr := map[string]int{}
	for _, t := range toks {
		if t.arabic {
			continue
		}
		if t.cap && !t.start {
			capMid[t.f] = true
		}
		if t.upper {
			acr[t.f]++
		}
	}
	isCap := func(i int) bool {
		t := toks[i]
		return !t.arabic && !t.digit && (t.cap || t.upper) && !hasDigit(t.f)
	}
	for i := 0; i < len(toks); i++ {
		if x.used[i] || !isCap(i) {
			continue
		}
		// The run: capitalised words, connectors between them.
		j := i + 1
		for j < len(toks) && !x.used[j] && !toks[j].brk {
			if isCap(j) && !latCalendar[toks[j].f] {
				j++
				continue
			}
			if latConnectors[toks[j].f] && !toks[j].cap && j+1 < len(toks) && isCap(j+1) && !toks[j+1].brk && !x.used[j+1] &&
				(x.lang != "de" || x.cw[toks[j-1].f]&flagCommon == 0 && x.cw[toks[j+1].f]&flagCommon == 0) {
				j += 2
				continue
			}
			break
		}
		a, b := i, j
		i = j - 1
		org := false
		for k := a; k < b; k++ {
			if latOrgWords[toks[k].f] {
				org = true
			}
		}
		titled := false
		// "5 Millionen Euro", "3 Milliarden Dollar": a unit after a number.
		for a < b && a > 0 && toks[a-1].digit && !toks[a].brk {
			a++
		}
		// Leading words that are not names.
		for a < b {
			t := toks[a]
			f := t.f
			switch {
			case latStop[f] || latCalendar[f] || latConnectors[f] && !t.cap:
				a++
				continue
			case isLatTitle(f) && !org && a+1 < b:
				titled = true
				a++
				continue
			case t.start && !capMid[f] && !(a+1 < b && x.cw[f]&flagCommon == 0 && !x.isStop(f) && capMid[toks[a+1].f]) && !titled:
				// First word of a sentence, never capitalised elsewhere.
				if a+1 < b && !x.isStop(f) && x.cw[f]&flagCommon == 0 && !latTitles[f] {
					// "Joe Biden said": keep it when the next word is a name.
					break
				}
				a++
				continue
			case x.lang == "de" && x.cw[f]&flagCommon != 0 && !org && !titled:
				a++
				continue
			}
			break
		}
		for b > a {
			f := toks[b-1].f
			if latConnectors[f] && !toks[b-1].cap || latCalendar[f] || latStop[f] {
				b--
				continue
			}
			break
		}
		if a >= b {
			continue
		}
		a, role := x.latRole(a, b)
		if role != "" {
			titled, org = true, orgIn(x.toks[a:b])
		}
		single := true
		for k := a; k < b; k++ {
			if utf8.RuneCountInString(toks[k].f) > 1 {
				single = false
			}
		}
		if single {
			continue // "S A N": letters, not a name
		}
		if b-a == 1 && (x.lang == "ar" || x.lang == "fa" || x.lang == "ur") && !titled {
			continue // one Latin word in an Arabic text: a hashtag, a brand, a site
		}
		if b-a == 1 {
			t := toks[a]
			f := t.f
			if utf8.RuneCountInString(f) < 2 || x.isStop(f) || isLatTitle(f) || latCalendar[f] {
				continue
			}
			if t.upper && !titled {
				// Acronyms: kept when the text uses them twice.
				if acr[f] < 2 || len(f) > 6 {
					continue
				}
				org = true
			} else if x.cw[f]&flagCommon != 0 && !titled {
				continue
			}
		}
		kind := Other
		switch {
		case org:
			kind = Org
		case titled:
			kind = Person
		}
		x.add(mention{surface: x.span(a, b), kind: kind, role: role}, a, b)
	}
}

// clitized reports whether folded Arabic word f is a proclitic (و ف ب ل ك)
// on a word that is known without it: common, a title, a function word or
// a word the text writes bare.
func (x *extractor) clitized(f string, count map[string]int) bool {
	var vs [6]string
	n := arVariants(&vs, f)
	for k := 1; k < n; k++ {
		r := vs[k]
		if x.cw[r] != 0 || arTitles[r] || arStop[r] || count[r] > 0 {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// tanwin reports whether word i is written with fathatan (قرارًا, شهيداً):
// an adverbial accusative, never a name.
func (x *extractor) tanwin(i int) bool {
	return strings.ContainsRune(x.text[x.toks[i].s:x.toks[i].e], '\u064B')
}
