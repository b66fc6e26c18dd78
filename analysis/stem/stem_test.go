package stem

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"

	"github.com/newsim/newsim/analysis/normalize"
)

func arStem(w string) string { return For("ar").Stem(normalize.Fold("ar", w)) }

// arabicMeet are groups of inflected and cliticised forms that must reach
// one stem. Self-made from the words of Arabic news (the seed pair).
var arabicMeet = []struct {
	name  string
	words string
}{
	{"article and conjunction", "وزير الوزير والوزير للوزير بالوزير وزيرا وزيرها"},
	{"conjunction on a verb", "قال وقال فقال قالت"},
	{"hamza forms and conjunction", "أكد وأكد أكدت وأكدا أكدوا"},
	{"article with preposition lam", "الأمن للأمن بالأمن والأمن"},
	{"nisba and plural", "فلسطين فلسطيني الفلسطيني الفلسطينية الفلسطينيين فلسطينيون"},
	{"nisba of a country", "إسرائيل الإسرائيلي الإسرائيلية الإسرائيليين وإسرائيل لإسرائيل"},
	{"feminine plural", "سيارة سيارات السيارات"},
	{"sound masculine plural", "المعلم المعلمون المعلمين معلمة"},
	{"attached pronouns", "بيان البيان بيانها بيانهم"},
	{"taa marbuta before a pronoun", "حكومة الحكومة حكومته حكومات"},
	{"preposition on a name", "غانتس لغانتس"},
	{"protected word with suffix", "بلاد بلاده بلادنا"},
	{"ministry", "وزارة الوزارة وزارات"},
}

// arabicDistinct are pairs of different words that must keep different
// stems; the ready-made stemmers merge most of them.
var arabicDistinct = []struct{ a, b string }{
	{"وزير", "زير"},     // minister / jar (Bleve, Snowball: زير)
	{"وزارة", "زار"},    // ministry / visited
	{"بيان", "بين"},     // statement / between
	{"لبنان", "لبن"},    // Lebanon / milk
	{"إيران", "أير"},    // Iran
	{"عمان", "عم"},      // Oman, Amman / uncle
	{"فلسطين", "لسطين"}, // Snowball: لسط
	{"بلينكن", "لينكن"}, // Snowball: لين
	{"وقت", "قت"},       // time
	{"وجه", "وج"},       // face
	{"كتاب", "كتب"},     // book / books, wrote
	{"يبحث", "بحث"},     // present tense / past tense, research
	{"وصل", "صل"},       // arrived / pray
}

func TestArabicStemmerFoldsInflections(t *testing.T) {
	for _, g := range arabicMeet {
		t.Run(g.name, func(t *testing.T) {
			words := strings.Fields(g.words)
			want := arStem(words[0])
			for _, w := range words[1:] {
				if got := arStem(w); got != want {
					t.Errorf("%s → %s, but %s → %s", w, got, words[0], want)
				}
			}
		})
	}
}

func TestArabicStemmerKeepsWordsDistinct(t *testing.T) {
	for _, p := range arabicDistinct {
		t.Run(p.a+"/"+p.b, func(t *testing.T) {
			if sa, sb := arStem(p.a), arStem(p.b); sa == sb {
				t.Errorf("%s and %s both → %s", p.a, p.b, sa)
			}
		})
	}
}

// TestArabicStemmersCompared measures the three candidate stemmers on the
// tables above (the reason this package has its own): each must-meet
// group that reaches one stem and each distinct pair kept apart scores a
// point. Ours must score best and full marks.
func TestArabicStemmersCompared(t *testing.T) {
	bleveNorm, bleveStem := ar.NewArabicNormalizeFilter(), ar.NewArabicStemmerFilter()
	stemmers := map[string]func(string) string{
		"newsim": arStem,
		"bleve": func(w string) string {
			ts := bleveStem.Filter(bleveNorm.Filter(analysis.TokenStream{&analysis.Token{Term: []byte(w)}}))
			return string(ts[0].Term)
		},
		"snowball": func(w string) string {
			env := snowballstem.NewEnv(w)
			arabic.Stem(env)
			return env.Current()
		},
	}
	score := map[string]int{}
	for name, f := range stemmers {
		for _, g := range arabicMeet {
			words := strings.Fields(g.words)
			ok := true
			for _, w := range words[1:] {
				ok = ok && f(w) == f(words[0])
			}
			if ok {
				score[name]++
			}
		}
		for _, p := range arabicDistinct {
			if f(p.a) != f(p.b) {
				score[name]++
			}
		}
	}
	total := len(arabicMeet) + len(arabicDistinct)
	t.Logf("points out of %d: newsim %d, bleve %d, snowball %d", total, score["newsim"], score["bleve"], score["snowball"])
	if score["newsim"] != total || score["newsim"] <= score["bleve"] || score["newsim"] <= score["snowball"] {
		t.Errorf("newsim's Arabic stemmer scores %d of %d (bleve %d, snowball %d)", score["newsim"], total, score["bleve"], score["snowball"])
	}
}

func TestSnowballStemmers(t *testing.T) {
	tests := []struct {
		name, lang string
		words      string // all must meet
	}{
		{"English plural and tense", "en", "negotiations negotiation negotiated"},
		{"English possessive", "en", "president's president"},
		{"German plural", "de", "verhandlungen verhandlung"},
		{"German folded umlaut", "de", "haus hauser"},
		{"Spanish plural", "es", "elecciones elección"},
		{"French elided article", "fr", "l'accord accord accords"},
		{"French elided preposition", "fr", "d'israël israël"},
		{"Italian elided article", "it", "dell'accordo accordo accordi"},
		{"Russian case endings", "ru", "президента президент президенту"},
		{"Turkish suffix after apostrophe", "tr", "ankara'da ankara ankara'nın"},
		{"Turkish case ending", "tr", "bakanlığı bakanlık"},
		{"Polish Stempel", "pl", "prezydenta prezydent prezydentowi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := For(tt.lang)
			words := strings.Fields(tt.words)
			want := st.Stem(words[0])
			for _, w := range words[1:] {
				if got := st.Stem(w); got != want {
					t.Errorf("%s: %s → %s, but %s → %s", tt.lang, w, got, words[0], want)
				}
			}
		})
	}
}

func TestIdentityStemmer(t *testing.T) {
	for _, l := range []string{"zh", "fa", "ur", "xx"} {
		if got := For(l).Stem("中国"); got != "中国" {
			t.Errorf("For(%q).Stem changed the word: %q", l, got)
		}
	}
}

func TestIsStop(t *testing.T) {
	tests := []struct {
		name, lang, word string
		want             bool
	}{
		{"English article", "en", "the", true},
		{"English content word", "en", "minister", false},
		{"German conjunction", "de", "und", true},
		{"German folded stop word", "de", "fur", true}, // für, folded
		{"Spanish", "es", "los", true},
		{"French", "fr", "dans", true},
		{"French elided", "fr", "d'un", true},
		{"Italian", "it", "della", true},
		{"Polish", "pl", "się", true},
		{"Russian", "ru", "они", true},
		{"Turkish", "tr", "için", true},
		{"Arabic preposition", "ar", "في", true},
		{"Arabic with conjunction", "ar", "وفي", true},
		{"Arabic folded hamza", "ar", "انه", true}, // أنه
		{"Arabic news function word", "ar", "خلال", true},
		{"Arabic content word", "ar", "وزير", false},
		{"Arabic content word with conjunction", "ar", "وقال", false},
		{"Persian", "fa", normalize.Fold("fa", "این"), true},
		{"Urdu", "ur", normalize.Fold("ur", "کے"), true},
		{"Chinese bigram", "zh", "我们", true},
		{"Chinese content", "zh", "政府", false},
		{"unknown language has none", "xx", "the", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsStop(tt.lang, tt.word); got != tt.want {
				t.Errorf("IsStop(%q, %q) = %v, want %v", tt.lang, tt.word, got, tt.want)
			}
		})
	}
}

func TestTerm(t *testing.T) {
	c := ForLang("en")
	if _, ok := c.Term([]byte("the")); ok {
		t.Error("stop word 'the' is a term")
	}
	if _, ok := c.Term([]byte("x")); ok {
		t.Error("single letter 'x' is a term")
	}
	if term, ok := c.Term([]byte("negotiations")); !ok || term != "negoti" {
		t.Errorf("Term(negotiations) = %q, %v", term, ok)
	}
	w := []byte("negotiations")
	if n := testing.AllocsPerRun(100, func() { c.Term(w) }); n != 0 {
		t.Errorf("a cached Term allocates %.0f times", n)
	}
}

func TestConcurrentUse(t *testing.T) {
	words := strings.Fields("وزير الوزير والوزير للوزير بالوزير وزيرا وزيرها قال وقال فقال قالت")
	want := make([]string, len(words))
	for i, w := range words {
		want[i] = arabicStemmer{}.Stem(normalize.Fold("ar", w))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := ForLang("ar")
			for i, w := range words {
				if got, _ := c.Term([]byte(normalize.Fold("ar", w))); got != want[i] {
					t.Errorf("concurrent Term(%s) = %s, want %s", w, got, want[i])
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkArabicStem(b *testing.B) {
	words := strings.Fields(normalize.Fold("ar", "وزير الخارجية ومستشار الأمن القومي الأميركيان يلتقيان وزير الأمن الإسرائيلي، ويبحثان معه في آخر التطورات"))
	for i := 0; i < b.N; i++ {
		arabicStemmer{}.Stem(words[i%len(words)])
	}
}

func ExampleFor() {
	ar := For("ar")
	for _, w := range []string{"والوزير", "وزيرها", "للأمن", "الفلسطينيين"} {
		fmt.Println(w, "→", ar.Stem(normalize.Fold("ar", w)))
	}
	fmt.Println(For("en").Stem("negotiations"))
	// Output:
	// والوزير → وزير
	// وزيرها → وزير
	// للأمن → امن
	// الفلسطينيين → فلسط
	// negoti
}
