package entity

import (
	"strings"
	"unicode/utf8"
)

// This file reads the place names that the gazetteer's phrase table holds
// in another form than the text writes them: hyphenated names (États-Unis,
// Tel-Aviv, Эр-Рияд are stored as words) and Russian case forms of
// cities (в Москве, в Вашингтоне; countries are found by the demonym stems).

// hyphenPlace returns the place of a hyphenated Latin or Cyrillic word
// (folded f, e.g. "etats-unis") read as the words it joins, or -1.
func (x *extractor) hyphenPlace(f string) int32 {
	if strings.IndexByte(f, '-') < 0 {
		return -1
	}
	p := strings.ReplaceAll(f, "-", " ")
	pi, ok := x.g.phrase[p]
	if !ok || !(x.g.places[pi].country || x.g.cityIn(p, x.lang)) {
		return -1
	}
	return pi
}

// ruCaseEndings are the Russian noun case endings tried on a capitalised
// word (longest first), each with the nominative endings it may replace.
var ruCaseEndings = []struct {
	end  string
	nomi []string
}{
	{"ом", []string{""}}, {"ем", []string{"ь", "й"}}, {"ой", []string{"а"}}, {"ей", []string{"я", "ь"}},
	{"е", []string{"", "а", "о"}}, {"у", []string{"а", ""}}, {"а", []string{""}}, {"ы", []string{"а"}},
	{"и", []string{"я", "ь"}}, {"ю", []string{"я", "ь"}}, {"я", []string{"ь", "й"}},
}

// ruCity returns the city of a capitalised Russian word in a case form
// (Москве, Москву → Москва; Вашингтоне → Вашингтон), or -1. Only cities
// the Russian or English catalogue spells so, of at least 4 letters.
func (x *extractor) ruCity(f string) int32 {
	if x.lang != "ru" || utf8.RuneCountInString(f) < 5 {
		return -1
	}
	for _, ce := range ruCaseEndings {
		stem, ok := strings.CutSuffix(f, ce.end)
		if !ok || utf8.RuneCountInString(stem) < 3 {
			continue
		}
		for _, n := range ce.nomi {
			c := stem + n
			if !x.g.maybe(c) {
				continue
			}
			if pi, ok := x.g.phrase[c]; ok && !x.g.places[pi].country && x.g.cityIn(c, "ru") && !blockedCities[c] {
				return pi
			}
		}
	}
	return -1
}
