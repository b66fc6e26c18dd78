package analysis

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsim/newsim/analysis/lang"
	"github.com/newsim/newsim/article"
)

// seed reads a seed article: first line title, the rest body.
func seed(t testing.TB, name string) article.Article {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	title, text, _ := strings.Cut(string(b), "\n")
	return article.Article{ID: name, Title: title, Text: text}
}

func TestAnalyzeSeed(t *testing.T) {
	a := seed(t, "000_7d9c6d418026c8b1.txt")
	d, err := New().Analyze(a)
	if err != nil {
		t.Fatal(err)
	}
	if d.Lang != "ar" {
		t.Errorf("Lang = %q, want ar", d.Lang)
	}
	if len(d.Sentences) < 12 {
		t.Errorf("%d sentences, want at least one per paragraph (12)", len(d.Sentences))
	}
	prev := 0
	for _, s := range d.Sentences {
		if s.Start < prev || s.End <= s.Start || s.End > len(a.Text) {
			t.Fatalf("sentence [%d,%d) out of order or range", s.Start, s.End)
		}
		prev = s.End
	}
	if got := d.Sentences[0].Text(d); !strings.HasPrefix(got, "وزير الخارجية") {
		t.Errorf("first sentence = %q", got)
	}
	terms := d.Terms()
	for _, want := range []string{"بلينكن", "غانتس", "بايدن", "اسراييل", "وزير", "امن", "غزه"} {
		if !slices.Contains(terms, want) {
			t.Errorf("terms lack %q", want)
		}
	}
	for _, stop := range []string{"في", "على", "من", "الى"} {
		if slices.Contains(terms, stop) {
			t.Errorf("terms hold stop word %q", stop)
		}
	}
	if !slices.Contains(d.TitleTerms, "واشنطن") || !slices.Contains(d.TitleTerms, "شراك") {
		t.Errorf("TitleTerms = %q", d.TitleTerms)
	}
	if want := []string{"21", "11"}; !reflect.DeepEqual(d.Numbers, want) {
		t.Errorf("Numbers = %q, want %q", d.Numbers, want)
	}
	if !slices.Contains(d.Quotes, "سنعزز منظومة القبة الحديدية الإسرائيلية") {
		t.Errorf("Quotes lack Biden's words: %q", d.Quotes)
	}
	if d.Words < 250 || d.Words > 350 {
		t.Errorf("Words = %d, want about 300", d.Words)
	}
}

// TestSeedPairShareTerms: the two outlets' spellings meet after folding
// and stemming.
func TestSeedPairShareTerms(t *testing.T) {
	an := New()
	da, err := an.Analyze(seed(t, "000_7d9c6d418026c8b1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := an.Analyze(seed(t, "001_5f58f892265ec782.txt"))
	if err != nil {
		t.Fatal(err)
	}
	ta, tb := map[string]bool{}, map[string]bool{}
	for _, x := range da.Terms() {
		ta[x] = true
	}
	for _, x := range db.Terms() {
		tb[x] = true
	}
	shared := 0
	for x := range ta {
		if tb[x] {
			shared++
		}
	}
	if shared < 30 {
		t.Errorf("the seed pair shares %d terms, want at least 30", shared)
	}
}

func TestAnalyzeErrors(t *testing.T) {
	an := New()
	tests := []struct {
		name string
		a    article.Article
		want error
	}{
		{"empty article", article.Article{ID: "e", Title: "  ", Text: "\n"}, ErrEmpty},
		{"invalid UTF-8", article.Article{ID: "bad", Text: "abc\xff\xfe def"}, ErrInvalidUTF8},
		{"unsupported language override", article.Article{ID: "pt", Text: "O presidente falou.", Lang: "pt"}, lang.ErrUnsupported},
		{"mixed language", article.Article{ID: "mix", Text: "The minister met his counterpart on Tuesday. التقى الوزير نظيره يوم الثلاثاء في العاصمة"}, lang.ErrMixed},
		{"no letters", article.Article{ID: "num", Text: "12 34 56 — 78"}, lang.ErrUnknown},
		{"unsupported script", article.Article{ID: "el", Text: "Ο πρωθυπουργός συναντήθηκε με τον πρόεδρο."}, lang.ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := an.Analyze(tt.a)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Analyze = %v, %v; want %v", d, err, tt.want)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("%q", tt.a.ID)) {
				t.Errorf("error %q does not name the article %q", err, tt.a.ID)
			}
		})
	}
}

func TestLangOverrideSkipsDetection(t *testing.T) {
	// English words, analysed as German on the caller's word: German
	// stop words apply, English ones do not.
	d, err := New().Analyze(article.Article{Text: "The minister und die Regierung.", Lang: "DE"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Lang != "de" {
		t.Errorf("Lang = %q, want de", d.Lang)
	}
	terms := d.Terms()
	if !slices.Contains(terms, "the") || slices.Contains(terms, "und") {
		t.Errorf("terms = %q", terms)
	}
}

func TestAnalyzeChinese(t *testing.T) {
	d, err := New().Analyze(article.Article{Title: "中国外交部表示", Text: "中国外交部发言人周二表示，中方愿同各方推动和平谈判。美国国务院回应称。"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Lang != "zh" || len(d.Sentences) != 2 {
		t.Fatalf("Lang %q, %d sentences", d.Lang, len(d.Sentences))
	}
	for _, want := range []string{"中国", "外交", "和平"} {
		if !slices.Contains(d.Sentences[0].Terms, want) {
			t.Errorf("first sentence terms %q lack bigram %q", d.Sentences[0].Terms, want)
		}
	}
	if !slices.Contains(d.TitleTerms, "外交") {
		t.Errorf("TitleTerms = %q", d.TitleTerms)
	}
}

func TestAnalyzeTitleOnly(t *testing.T) {
	d, err := New().Analyze(article.Article{Title: "Virginia man arrested in fatal DUI crash in West Virginia", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sentences) != 0 || len(d.TitleTerms) == 0 {
		t.Errorf("sentences %d, title terms %q", len(d.Sentences), d.TitleTerms)
	}
}

func TestCanonicalNumber(t *testing.T) {
	tests := []struct {
		name, lang, in, want string
	}{
		{"plain", "en", "2021", "2021"},
		{"English group separator", "en", "1,000", "1000"},
		{"English decimal", "en", "3.5", "3.5"},
		{"German group separator", "de", "1.000.000", "1000000"},
		{"German decimal comma", "de", "3,5", "3.5"},
		{"French decimal comma", "fr", "0,75", "0.75"},
		{"English-style decimal in a German text", "de", "3.25", "3.25"},
		{"Arabic-Indic digits", "ar", "٢١", "21"},
		{"Arabic decimal separator", "ar", "٣٫٥", "3.5"},
		{"Arabic group separator", "ar", "١٬٠٠٠", "1000"},
		{"trailing decimal zeros", "en", "2.50", "2.5"},
		{"whole decimal", "en", "7.0", "7"},
		{"Persian digits", "fa", "۱۴۰۰", "1400"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New().Analyze(article.Article{Text: "x " + tt.in + " y", Lang: tt.lang})
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Numbers) != 1 || d.Numbers[0] != tt.want {
				t.Errorf("Numbers of %q (%s) = %q, want %q", tt.in, tt.lang, d.Numbers, tt.want)
			}
		})
	}
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"English curly quotes", `He said “we will win” and left.`, []string{"we will win"}},
		{"straight quotes", `He said "we will win" and left.`, []string{"we will win"}},
		{"guillemets", `Il a dit « nous gagnerons » hier.`, []string{"nous gagnerons"}},
		{"German low-high quotes", `Er sagte „wir gewinnen“ gestern.`, []string{"wir gewinnen"}},
		{"reversed guillemets", `Er sagte »wir gewinnen« gestern.`, []string{"wir gewinnen"}},
		{"Chinese corner brackets", `他说「我们会赢」。`, []string{"我们会赢"}},
		{"single quotes", `the ‘special operation’ began`, []string{"special operation"}},
		{"apostrophe is not a quote", `New Year’s Day and the drivers’ cars`, nil},
		{"Arabic guillemets", `وقال «سنواصل الدعم» أمس`, []string{"سنواصل الدعم"}},
		{"Arabic straight quotes after proclitic", `بين الولايات المتحدة و"إسرائيل".`, []string{"إسرائيل"}},
		{"Arabic nested straight quotes", `وأكد "أهمية تعزيز السلام، ودعم حق "إسرائيل" في الدفاع عن نفسها". وجدد`, []string{`أهمية تعزيز السلام، ودعم حق "إسرائيل" في الدفاع عن نفسها`}},
		{"two passages", `"One thing," he said, "and another."`, []string{"One thing,", "and another."}},
		{"unclosed quote dropped at line end", "He said \"never\nAgain", nil},
		{"empty quotes dropped", `an "" empty`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Quotes(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Quotes(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestDevArticles analyses every article of the dev pairs: language
// detection agrees with the labels, offsets are valid, and nothing fails.
func TestDevArticles(t *testing.T) {
	arts := devArticles(t)
	an := New()
	agree, n := 0, 0
	for _, a := range arts {
		if strings.TrimSpace(a.Title+a.Text) == "" {
			continue
		}
		label := a.Lang
		a.Lang = ""
		d, err := an.Analyze(a)
		if err != nil {
			t.Errorf("%s: %v", a.ID, err)
			continue
		}
		n++
		if d.Lang == label {
			agree++
		}
		prev := 0
		for _, s := range d.Sentences {
			if s.Start < prev || s.End <= s.Start || s.End > len(a.Text) {
				t.Fatalf("%s: sentence [%d,%d) out of order or range", a.ID, s.Start, s.End)
			}
			prev = s.End
		}
	}
	if n == 0 {
		t.Fatal("no dev article analysed")
	}
	if float64(agree) < 0.995*float64(n) {
		t.Errorf("language agrees with the labels on %d of %d articles", agree, n)
	}
	t.Logf("language agrees with the labels on %d of %d articles", agree, n)
}

func TestConcurrentAnalyze(t *testing.T) {
	a := seed(t, "001_5f58f892265ec782.txt")
	an := New()
	want, err := an.Analyze(a)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan *Doc)
	for i := 0; i < 4; i++ {
		go func() {
			d, _ := an.Analyze(a)
			done <- d
		}()
	}
	for i := 0; i < 4; i++ {
		if d := <-done; d == nil || !reflect.DeepEqual(d.Sentences, want.Sentences) {
			t.Error("concurrent analysis differs")
		}
	}
}

func ExampleAnalyzer_Analyze() {
	an := New()
	d, err := an.Analyze(article.Article{
		Title: "واشنطن و\"تل أبيب\" تبحثان تعزيز الشراكة",
		Text:  "أعلنت وزارة الخارجية الأميركية أن الوزير بلينكن التقى غانتس. وقال بايدن \"سنعزز منظومة القبة الحديدية\" بعد 11 يوماً من القتال.",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Lang, d.Words, "words")
	fmt.Println(d.TitleTerms)
	for _, s := range d.Sentences {
		fmt.Println(s.Start, s.End, s.Terms)
	}
	fmt.Println(d.Numbers, d.Quotes)
	// Output:
	// ar 20 words
	// [واشنطن تل ابيب تبحث تعزيز شراك]
	// 0 111 [اعلن وزار خارج اميرك وزير بلينكن تقي غانتس]
	// 112 225 [قال بايدن سنعزز منظوم قبه حديد 11 يوم قتال]
	// [11] [سنعزز منظومة القبة الحديدية]
}
