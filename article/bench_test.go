package article

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// articlesJSONL builds a JSON Lines batch of articles in memory: both
// sides of every SemEval dev pair when the data is present (about 2,500
// articles in ten languages), otherwise the seed pair repeated.
func articlesJSONL(b *testing.B) (data []byte, n int) {
	b.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	add := func(a Article) {
		enc.Encode(a)
		n++
	}
	f, err := os.Open(filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl"))
	if err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			var p struct {
				ID            string `json:"pair_id"`
				Lang1, Lang2  string
				Title1, Text1 string
				Title2, Text2 string
			}
			if json.Unmarshal(sc.Bytes(), &p) == nil {
				add(Article{ID: p.ID + "a", Title: p.Title1, Text: p.Text1, Lang: p.Lang1})
				add(Article{ID: p.ID + "b", Title: p.Title2, Text: p.Text2, Lang: p.Lang2})
			}
		}
		return buf.Bytes(), n
	}
	for i := 0; i < 1000; i++ {
		for _, name := range []string{"000_7d9c6d418026c8b1.txt", "001_5f58f892265ec782.txt"} {
			arts, err := ReadFile(filepath.Join(seedDir, name))
			if err != nil {
				b.Fatal(err)
			}
			add(arts[0])
		}
	}
	return buf.Bytes(), n
}

// BenchmarkReadBatchJSONL measures reading a JSON Lines batch of articles:
// decoding, cleaning and furniture removal. Reported as MB/s, articles/s
// and articles per CPU second (process CPU time, GC included: the figure
// to trust on a loaded machine).
func BenchmarkReadBatchJSONL(b *testing.B) {
	data, n := articlesJSONL(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		got := 0
		err := ReadBatch("bench.jsonl", bytes.NewReader(data), func(r Record) error {
			if r.Err == nil {
				got++
			}
			return nil
		})
		if err != nil || got == 0 {
			b.Fatalf("read %d of %d: %v", got, n, err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	}
}

// BenchmarkReadText measures reading one plain-text article (seed 001).
func BenchmarkReadText(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(seedDir, "001_5f58f892265ec782.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("001.txt", bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadHTML measures extracting one article from a web page.
func BenchmarkReadHTML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "page_ar.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("page.html", bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
