package entity

import (
	"embed"
	"strings"
	"sync"
)

// The common-word lists are word statistics derived from the SemEval-2022
// dev articles by TestGenerateCommonWords (run it with -gen-common; see
// gen_test.go). They hold no text, only lookup-folded words, one a line,
// each followed by a flag letter:
//
//	f  frequent: in at least 3 articles (Arabic only);
//	c  a common word, not a name: Arabic, seen with the article ال
//	   somewhere (a noun or adjective); Latin scripts, written in lower
//	   case in most of its occurrences, or (German) a noun seen after a
//	   determiner.
//
//go:embed common/*.txt
var commonFS embed.FS

const (
	flagFrequent = 1
	flagCommon   = 2
)

var (
	commonOnce sync.Once
	commonWord map[string]map[string]uint8
)

// commonFor returns the common-word flags of lang (nil if none shipped).
// Cost: loading all lists once, about 2 ms.
func commonFor(lang string) map[string]uint8 {
	commonOnce.Do(func() {
		commonWord = map[string]map[string]uint8{}
		ents, _ := commonFS.ReadDir("common")
		for _, e := range ents {
			b, err := commonFS.ReadFile("common/" + e.Name())
			if err != nil {
				continue
			}
			l := strings.TrimSuffix(e.Name(), ".txt")
			m := make(map[string]uint8, strings.Count(string(b), "\n"))
			for _, line := range strings.Split(string(b), "\n") {
				w, fl, ok := strings.Cut(line, " ")
				if !ok || w == "" {
					continue
				}
				var v uint8
				if strings.Contains(fl, "f") {
					v |= flagFrequent
				}
				if strings.Contains(fl, "c") {
					v |= flagCommon
				}
				m[w] = v
			}
			commonWord[l] = m
		}
	})
	return commonWord[lang]
}
