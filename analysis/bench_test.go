package analysis

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/internal/devdata"
)

// devArticles loads the articles of the SemEval-2022 dev pairs
// (../shared/data/semeval2022_dev.jsonl beside the repository), with
// their language labels; the test is skipped when the file is absent.
func devArticles(tb testing.TB) []article.Article {
	tb.Helper()
	path := filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl")
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		devdata.Missing(tb, "dev data absent: %s", path)
	}
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []article.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var p struct {
			ID     string `json:"pair_id"`
			Lang1  string `json:"lang1"`
			Lang2  string `json:"lang2"`
			Title1 string `json:"title1"`
			Text1  string `json:"text1"`
			Title2 string `json:"title2"`
			Text2  string `json:"text2"`
		}
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		out = append(out,
			article.Article{ID: p.ID + "/1", Title: p.Title1, Text: p.Text1, Lang: p.Lang1},
			article.Article{ID: p.ID + "/2", Title: p.Title2, Text: p.Text2, Lang: p.Lang2})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// BenchmarkAnalyze analyses the dev articles with language detection
// (Article.Lang cleared) and reports articles/s of wall time and
// articles/cpu-s: articles per second of CPU time of the whole process
// (user + system, GC included), the per-core figure, which stays right on
// a machine shared with other work. "full" includes entities and dates
// (packages analysis/entity and analysis/dates); "text" is the text
// pipeline alone (language, sentences, words, terms, numbers, quotes).
func BenchmarkAnalyze(b *testing.B) {
	arts := devArticles(b)
	var bytes int
	for i := range arts {
		arts[i].Lang = ""
		bytes += len(arts[i].Title) + len(arts[i].Text)
	}
	for _, bc := range []struct {
		name string
		an   *Analyzer
	}{{"full", New()}, {"text", &Analyzer{textOnly: true}}} {
		b.Run(bc.name, func(b *testing.B) {
			// Warm the caches (gazetteer, stemmer memo) once, untimed.
			for _, a := range arts {
				bc.an.Analyze(a)
			}
			b.ReportAllocs()
			cpu0 := cpuTime()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				bc.an.Analyze(arts[i%len(arts)])
			}
			b.StopTimer()
			cpu := cpuTime() - cpu0
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			if cpu > 0 {
				b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
			}
			b.ReportMetric(float64(bytes)/float64(len(arts))/1000, "KB/article")
		})
	}
}
