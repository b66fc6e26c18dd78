package compare_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/represent"
)

// devProfiles analyses and represents up to n dev articles.
func devProfiles(b *testing.B, n int) ([]*analysis.Doc, []*represent.Profile) {
	pairs := devPairs(b)
	c := defaultComparer(b)
	an := analysis.New()
	var docs []*analysis.Doc
	var profs []*represent.Profile
	for _, p := range pairs {
		for _, art := range []article.Article{p.A, p.B} {
			d, err := an.Analyze(art)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, d)
			profs = append(profs, c.Profile(d))
		}
		if len(docs) >= n {
			break
		}
	}
	return docs, profs
}

// BenchmarkScore measures the fast path: seven scores for one pair of
// already represented articles (goal: ≥ 20,000 pairs/s per core).
func BenchmarkScore(b *testing.B) {
	_, profs := devProfiles(b, 600)
	c := defaultComparer(b)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		c.Score(profs[i%len(profs)], profs[(i*7+1)%len(profs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
	b.ReportMetric(float64(b.N)/(cpuTime()-cpu).Seconds(), "pairs/cpu-s")
}

// BenchmarkScoreCrossLanguage is BenchmarkScore for pairs of two
// languages (each dev article with the next one of another language):
// pivot-layer signals and the cross-language model (goal: ≥ 15,000
// pairs/s per core).
func BenchmarkScoreCrossLanguage(b *testing.B) {
	_, profs := devProfiles(b, 2600)
	var pairs [][2]*represent.Profile
	for i, p := range profs {
		for k := 1; k < len(profs); k++ {
			if q := profs[(i+k*7)%len(profs)]; q.Doc.Lang != p.Doc.Lang {
				pairs = append(pairs, [2]*represent.Profile{p, q})
				break
			}
		}
	}
	c := defaultComparer(b)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		p := pairs[i%len(pairs)]
		c.Score(p[0], p[1])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
	b.ReportMetric(float64(b.N)/(cpuTime()-cpu).Seconds(), "pairs/cpu-s")
}

// BenchmarkCompare measures scores plus evidence for one pair.
func BenchmarkCompare(b *testing.B) {
	_, profs := devProfiles(b, 600)
	c := defaultComparer(b)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		c.Compare(profs[i%len(profs)], profs[(i*7+1)%len(profs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
	b.ReportMetric(float64(b.N)/(cpuTime()-cpu).Seconds(), "pairs/cpu-s")
}

// BenchmarkProfile measures representing one analysed article.
func BenchmarkProfile(b *testing.B) {
	docs, _ := devProfiles(b, 600)
	c := defaultComparer(b)
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		c.Profile(docs[i%len(docs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(b.N)/(cpuTime()-cpu).Seconds(), "articles/cpu-s")
}

// cpuTime is the CPU time (user + system) the process has used: on a busy
// machine it measures the work, where wall time measures the contention.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
