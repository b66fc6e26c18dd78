package entity

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsim/newsim/analysis/entity/internal/geonames"
)

func TestNameKey(t *testing.T) {
	same := []struct{ name, a, b string }{
		{"g as ghain or jeem", "غانتس", "جانتس"},
		{"g as qaf", "غوغل", "قوقل"},
		{"g as kaf", "الكونغرس", "الكونجرس"},
		{"long vowel dropped", "جيك سوليفان", "جاك سوليفان"},
		{"long vowel added", "أوستن", "أوستين"},
		{"article al-", "الكونغرس", "كونغرس"},
		{"hamza on alef", "أنتوني", "انتوني"},
		{"alef maqsura", "موسى", "موسي"},
		{"taa marbuta", "حماة", "حماه"},
		{"doubled letter", "سولليفان", "سوليفان"},
		{"diacritics", "بَيْنِي", "بيني"},
		{"tatweel", "بيـني", "بيني"},
		{"emphatic t", "طوني", "توني"},
		{"latin case", "Gantz", "GANTZ"},
		{"latin diacritics", "Erdoğan", "Erdogan"},
		{"latin doubled letter", "Sullivan", "Sulivan"},
		{"possessive s", "Biden's", "Biden"},
		{"turkish suffix after apostrophe", "Erdoğan'ın", "Erdoğan"},
		{"cyrillic yo", "Королёв", "Королев"},
	}
	for _, tc := range same {
		if ka, kb := NameKey(tc.a), NameKey(tc.b); ka != kb || ka == "" {
			t.Errorf("%s: NameKey(%q) = %q, NameKey(%q) = %q, want equal", tc.name, tc.a, ka, tc.b, kb)
		}
	}
	differ := []struct{ name, a, b string }{
		{"different surnames", "بايدن", "بلينكن"},
		{"first name kept apart", "جو بايدن", "جيك بايدن"},
		{"first letter kept", "إيران", "ران"},
		{"apostrophe inside a name kept", "O'Brien", "Obrien s"},
	}
	for _, tc := range differ {
		if ka, kb := NameKey(tc.a), NameKey(tc.b); ka == kb {
			t.Errorf("%s: NameKey(%q) = NameKey(%q) = %q, want different", tc.name, tc.a, tc.b, ka)
		}
	}
}

func TestSame(t *testing.T) {
	tests := []struct {
		name string
		a, b Entity
		want bool
	}{
		{"equal keys", Entity{Key: NameKey("بيني غانتس")}, Entity{Key: NameKey("بيني جانتس")}, true},
		{"surname and full name", Entity{Key: NameKey("بايدن")}, Entity{Key: NameKey("جو بايدن")}, true},
		{"latin surname and full name", Entity{Key: NameKey("Merkel")}, Entity{Key: NameKey("Angela Merkel")}, true},
		{"different people", Entity{Key: NameKey("جو بايدن")}, Entity{Key: NameKey("أنتوني بلينكن")}, false},
		{"places by key only", Entity{Key: "place:IL", Kind: Place}, Entity{Key: "place:IL", Kind: Place}, true},
		{"place is not a name suffix", Entity{Key: "place:washington", Kind: Place}, Entity{Key: "جورج place:washington"}, false},
		{"short surname", Entity{Key: "ب"}, Entity{Key: "ج ب"}, false},
		{"empty keys", Entity{}, Entity{}, false},
	}
	for _, tc := range tests {
		if got := Same(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: Same = %v, want %v", tc.name, got, tc.want)
		}
		if got := Same(tc.b, tc.a); got != tc.want {
			t.Errorf("%s (swapped): Same = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func readSeed(t testing.TB, glob string) string {
	m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "seeds", glob))
	if len(m) != 1 {
		t.Fatalf("seed %s not found", glob)
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// find returns the entities of es one of whose variants is in names.
func find(es []Entity, names ...string) []Entity {
	var out []Entity
	for _, e := range es {
	next:
		for _, v := range e.Variants {
			for _, n := range names {
				if v == n {
					out = append(out, e)
					break next
				}
			}
		}
	}
	return out
}

func TestSeedPair(t *testing.T) {
	a := Extract("ar", readSeed(t, "000_*.txt"))
	b := Extract("ar", readSeed(t, "001_*.txt"))
	people := []struct {
		who   string
		forms []string
	}{
		{"Gantz", []string{"بيني غانتس", "بيني جانتس", "غانتس", "جانتس"}},
		{"Sullivan", []string{"جيك سوليفان", "جاك سوليفان", "سوليفان"}},
		{"Blinken", []string{"أنتوني بلينكن", "بلينكن"}},
		{"Biden", []string{"جو بايدن", "بايدن"}},
	}
	for _, p := range people {
		ea, eb := find(a, p.forms...), find(b, p.forms...)
		if len(ea) != 1 || len(eb) != 1 {
			t.Errorf("%s: %d entities in a, %d in b, want one each: a=%+v b=%+v", p.who, len(ea), len(eb), ea, eb)
			continue
		}
		if !Same(ea[0], eb[0]) {
			t.Errorf("%s: not Same across documents: %q vs %q", p.who, ea[0].Key, eb[0].Key)
		}
		if ea[0].Kind != Person {
			t.Errorf("%s: kind %s, want person", p.who, ea[0].Kind)
		}
	}
	// Gantz in b: every spelling folded into one entity.
	g := find(b, "جانتس")
	if len(g) == 1 {
		for _, v := range []string{"بيني جانتس", "جانتس", "غانتس"} {
			if !strings.Contains(strings.Join(g[0].Variants, "|"), v) {
				t.Errorf("Gantz in b lacks variant %q: %v", v, g[0].Variants)
			}
		}
	}
	places := map[string]string{"Israel": "place:IL", "Iran": "place:IR", "US": "place:US",
		"Washington": "place:washington", "Gaza": "place:gaza"}
	for what, key := range places {
		for doc, es := range map[string][]Entity{"a": a, "b": b} {
			found := false
			for _, e := range es {
				if e.Key == key && e.Kind == Place {
					found = true
				}
			}
			if !found {
				t.Errorf("%s (%s) not found as a place in %s", what, key, doc)
			}
		}
	}
	// Precision: every entity of the pair is one a reader expects.
	allowed := map[string]bool{"place:IL": true, "place:US": true, "place:PS": true, "place:IR": true,
		"place:LB": true, "place:gaza": true, "place:washington": true, "place:tel aviv": true}
	for doc, es := range map[string][]Entity{"a": a, "b": b} {
		for _, e := range es {
			if e.Kind == Place && !allowed[e.Key] {
				t.Errorf("unexpected place in %s: %+v", doc, e)
			}
			if e.Kind != Place && len(find([]Entity{e}, "بيني غانتس", "بيني جانتس", "جيك سوليفان", "جاك سوليفان",
				"أنتوني بلينكن", "جو بايدن", "نيد برايس", "لويد أوستن")) == 0 {
				t.Errorf("unexpected name in %s: %+v", doc, e)
			}
		}
	}
	// Nisba adjectives count for their country.
	us := find(b, "الأمريكي")
	if len(us) != 1 || us[0].Key != "place:US" {
		t.Errorf("الأمريكي not read as the US: %+v", us)
	}
}

func keysOf(es []Entity) map[string]Entity {
	m := map[string]Entity{}
	for _, e := range es {
		m[e.Key] = e
	}
	return m
}

func TestExtractLanguages(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string // keys that must be found
		not              []string // keys that must not
	}{
		{"english names and places", "en",
			"Secretary of State Antony Blinken met Israeli Defense Minister Benny Gantz in Washington on Thursday. Blinken said the United States supports Israel. Gantz also met Jake Sullivan.",
			[]string{NameKey("Antony Blinken"), NameKey("Benny Gantz"), NameKey("Jake Sullivan"), "place:US", "place:IL"},
			[]string{NameKey("Thursday"), NameKey("Secretary"), NameKey("Blinken"), NameKey("Gantz")}},
		{"arabic article in latin letters", "en",
			"Syrian President Bashar al-Assad met the envoy. Al-Assad said the talks went well, and al-Assad left.",
			[]string{NameKey("Bashar al-Assad")}, []string{NameKey("Syrian President")}},
		{"nisba of a news agency is not a place", "ar",
			"قال المتحدث لوكالة الأنباء الألمانية إن وزير الدفاع الفرنسي زار بيروت، بحسب وكالة الأنباء الفرنسية.",
			[]string{"place:FR"}, []string{"place:DE"}},
		{"english sentence start without evidence", "en",
			"Police said the man fled. However, officers found him later.",
			nil, []string{NameKey("Police"), NameKey("However")}},
		{"german adjective of a country", "de",
			"Der israelische Verteidigungsminister Benny Gantz traf in Washington den Sicherheitsberater Jake Sullivan. Gantz sprach über den Iran.",
			[]string{"place:IL", NameKey("Benny Gantz"), NameKey("Jake Sullivan"), "place:IR"},
			[]string{NameKey("Verteidigungsminister"), NameKey("Sicherheitsberater")}},
		{"spanish", "es",
			"El presidente de Estados Unidos, Joe Biden, habló con el primer ministro israelí. Biden pidió calma en Gaza.",
			[]string{"place:US", "place:IL", NameKey("Joe Biden")},
			[]string{NameKey("Biden"), NameKey("El")}},
		{"turkish suffix after apostrophe", "tr",
			"ABD Başkanı Joe Biden, İsrail'in güvenliğini destekledi. Biden'ın açıklaması Türkiye'de tartışıldı.",
			[]string{"place:US", "place:IL", "place:TR", NameKey("Joe Biden")},
			[]string{NameKey("Biden")}},
		{"chinese places without spaces", "zh",
			"美国国务卿布林肯在华盛顿会见了以色列国防部长甘茨，双方讨论了加沙局势和伊朗问题。",
			[]string{"place:US", "place:IL", "place:IR"}, []string{"place:lincoln"}},
		{"russian", "ru",
			"Президент США Джо Байден встретился с министром обороны Израиля. Байден заявил о поддержке.",
			[]string{"place:US", "place:IL", NameKey("Джо Байден")}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := keysOf(Extract(tc.lang, tc.text))
			for _, k := range tc.want {
				if _, ok := got[k]; !ok {
					t.Errorf("key %q not found; got %v", k, got)
				}
			}
			for _, k := range tc.not {
				if _, ok := got[k]; ok {
					t.Errorf("key %q found, want not: %+v", k, got[k])
				}
			}
		})
	}
}

func TestExtractEmpty(t *testing.T) {
	for _, s := range []string{"", "   \n", "123 456", "\xff\xfe\x00bad utf8"} {
		if es := Extract("ar", s); len(es) != 0 {
			t.Errorf("Extract(%q) = %+v, want none", s, es)
		}
	}
}

func TestGazetteer(t *testing.T) {
	countries, cities, err := GazetteerStatus()
	if err != nil {
		t.Fatalf("embedded GeoNames data: %v", err)
	}
	if countries < 240 {
		t.Errorf("only %d countries", countries)
	}
	if cities < 20000 {
		t.Errorf("only %d cities from the embedded GeoNames data", cities)
	}
}

func ExampleExtract() {
	text := "التقى وزير الخارجية الأميركي أنتوني بلينكن وزير الأمن الإسرائيلي بيني غانتس. وأكد بلينكن لغانتس دعم واشنطن."
	for _, e := range Extract("ar", text) {
		if e.Kind == Person {
			fmt.Println(e.Name, e.Count, e.Variants)
		}
	}
	// Output:
	// أنتوني بلينكن 2 [أنتوني بلينكن بلينكن]
	// بيني غانتس 2 [بيني غانتس غانتس]
}

func ExampleNameKey() {
	fmt.Println(NameKey("بيني غانتس") == NameKey("بيني جانتس"))
	fmt.Println(NameKey("جيك سوليفان") == NameKey("جاك سوليفان"))
	// Output:
	// true
	// true
}

// BenchmarkGazetteerLoad measures the one-time cost of building the
// gazetteer (countries and the embedded GeoNames cities, decompressed).
func BenchmarkGazetteerLoad(b *testing.B) {
	for b.Loop() {
		entries, _, err := geonames.Decode(geonamesData)
		if err != nil {
			b.Fatal(err)
		}
		buildGazetteer(entries)
	}
}

// cpuTime returns the process's user+system CPU time: the benchmark
// reports CPU time per article, which stays meaningful on a shared
// machine where wall time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExtract runs Extract over the dev articles (skipped when the
// dev file is absent) and reports articles/s per core, from CPU time.
func BenchmarkExtract(b *testing.B) {
	arts := devArticles(b)
	loadGazetteer()
	commonFor("ar")
	bytes := 0
	for _, a := range arts {
		bytes += len(a.title) + len(a.text) + 1
	}
	b.ResetTimer()
	c0 := cpuTime()
	n := 0
	for b.Loop() {
		a := arts[n%len(arts)]
		Extract(a.lang, a.title+"\n"+a.text)
		n++
	}
	if cpu := cpuTime() - c0; cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
		b.ReportMetric(float64(cpu.Microseconds())/float64(n), "cpu-µs/article")
	}
	b.ReportMetric(float64(bytes)/float64(len(arts)), "bytes/article")
}

// TestConcurrent: Extract is safe for concurrent use (run with -race).
func TestConcurrent(t *testing.T) {
	text := readSeed(t, "001_*.txt")
	want := len(Extract("ar", text))
	done := make(chan int)
	for i := 0; i < 4; i++ {
		go func() { done <- len(Extract("ar", text)) }()
	}
	for i := 0; i < 4; i++ {
		if n := <-done; n != want {
			t.Errorf("concurrent Extract: %d entities, want %d", n, want)
		}
	}
}
