package entity

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsim/newsim/internal/devdata"
)

var genCommon = flag.Bool("gen-common", false, "regenerate common/*.txt from ../shared/data/semeval2022_dev.jsonl")

// devPath is the SemEval-2022 dev file beside the repository.
func devPath(t testing.TB) string {
	p := filepath.Join("..", "..", "..", "shared", "data", "semeval2022_dev.jsonl")
	if _, err := os.Stat(p); err != nil {
		devdata.Missing(t, "dev data not found at %s", p)
	}
	return p
}

type devArticle struct{ lang, title, text string }

// devArticles returns the distinct articles of the dev file.
func devArticles(t testing.TB) []devArticle {
	f, err := os.Open(devPath(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	var out []devArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var p map[string]any
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"1", "2"} {
			l, _ := p["lang"+n].(string)
			ti, _ := p["title"+n].(string)
			tx, _ := p["text"+n].(string)
			if tx == "" || seen[tx] {
				continue
			}
			seen[tx] = true
			out = append(out, devArticle{l, ti, tx})
		}
	}
	return out
}

// German determiners: a capitalised word seen after one is a noun.
var deDet = setOf("der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen", "eines",
	"kein", "keine", "im", "am", "zum", "zur", "vom", "beim", "ins", "diese", "dieser", "diesem", "diesen",
	"jede", "jeder", "jedem", "jeden", "seine", "seiner", "seinem", "seinen", "ihre", "ihrer", "ihrem", "ihren")

// TestGenerateCommonWords writes common/<lang>.txt, the word statistics
// the finder ships (see common.go for the rules). It runs only with
// -gen-common: go test ./analysis/entity -run TestGenerateCommonWords -gen-common
func TestGenerateCommonWords(t *testing.T) {
	if !*genCommon {
		t.Skip("run with -gen-common to regenerate the common-word lists")
	}
	type stat struct {
		df, n, lower, det int
		al                bool
	}
	stats := map[string]map[string]*stat{}
	docs := map[string]int{}
	for _, a := range devArticles(t) {
		m := stats[a.lang]
		if m == nil {
			m = map[string]*stat{}
			stats[a.lang] = m
		}
		docs[a.lang]++
		seen := map[string]bool{}
		toks := scan(a.title + "\n" + a.text)
		for i, tk := range toks {
			s := m[tk.f]
			if s == nil {
				s = &stat{}
				m[tk.f] = s
			}
			if !seen[tk.f] {
				seen[tk.f] = true
				s.df++
			}
			if tk.arabic {
				if strings.HasPrefix(tk.f, "ال") {
					if b := m[tk.f[len("ال"):]]; b != nil {
						b.al = true
					}
					s.al = true
				}
				continue
			}
			if tk.start {
				continue
			}
			s.n++
			if !tk.cap && !tk.upper {
				s.lower++
			}
			if i > 0 && deDet[toks[i-1].f] && !toks[i].brk {
				s.det++
			}
		}
	}
	// A second pass for the article flag: a word seen bare before its
	// article form was counted.
	for _, m := range stats {
		for w := range m {
			if strings.HasPrefix(w, "ال") {
				if b := m[w[len("ال"):]]; b != nil {
					b.al = true
				}
			}
		}
	}
	g := loadGazetteer()
	for lang, m := range stats {
		var lines []string
		for w, s := range m {
			if s.df < 3 || strings.ContainsAny(w, " \n") {
				continue
			}
			if lang == "ar" {
				fl := "f"
				// Seen with the article, or a frequent word in ة (a
				// feminine noun or adjective: مكافحة) that is no place.
				_, place := g.phrase[w]
				if s.al || strings.HasSuffix(w, "ه") && !place && s.df >= 5 {
					fl += "c"
				}
				lines = append(lines, w+" "+fl)
				continue
			}
			// Written in lower case in at least 15% of its occurrences
			// inside sentences (names almost never are), or, in German,
			// where nouns are capitalised, seen after a determiner in at
			// least 10% of them.
			common := s.n >= 3 && s.lower*100 >= s.n*15
			if lang == "de" && s.n >= 3 && s.det*10 >= s.n {
				common = true
			}
			if common {
				lines = append(lines, w+" c")
			}
		}
		if len(lines) == 0 {
			continue
		}
		sort.Strings(lines)
		body := strings.Join(lines, "\n") + "\n"
		if err := os.WriteFile(filepath.Join("common", lang+".txt"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("%s: %d articles, %d words\n", lang, docs[lang], len(lines))
	}
}
