package normalize

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, lang, in, want string
	}{
		{"hamza on alef", "ar", "أكد", "اكد"},
		{"hamza under alef", "ar", "إسرائيل", "اسراييل"},
		{"alef madda", "ar", "آخر", "اخر"},
		{"alef wasla", "ar", "ٱلله", "الله"},
		{"hamza on waw", "ar", "مسؤول", "مسوول"},
		{"hamza on yeh", "ar", "رئيس", "رييس"},
		{"standalone hamza dropped", "ar", "وزراء", "وزرا"},
		{"alef maqsura", "ar", "مصطفى", "مصطفي"},
		{"taa marbuta", "ar", "غزة", "غزه"},
		{"harakat", "ar", "مُحَمَّدٌ", "محمد"},
		{"shadda and sukun", "ar", "حدّ مِنْ", "حد من"},
		{"superscript alef", "ar", "هٰذا", "هذا"},
		{"tatweel", "ar", "الأمـــــن", "الامن"},
		{"Arabic-Indic digits", "ar", "٢١ أيار ٢٠٢١", "21 ايار 2021"},
		{"Persian digits", "fa", "۱۴۰۰", "1400"},
		{"Arabic decimal and group marks", "ar", "٣٫٥ و١٬٠٠٠ و٥٪", "3.5 و1,000 و5%"},
		{"Persian yeh and keheh", "fa", "ایران کشور", "ايران كشور"},
		{"Urdu heh", "ur", "پاکستان ہے", "پاكستان هے"},
		{"Arabic comma semicolon question mark", "ar", "نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"},
		{"Arabic presentation forms (NFKC)", "ar", "ﻻ", "لا"},
		{"curly double quotes", "en", "“Yes,” he said", `"yes," he said`},
		{"guillemets", "fr", "«Non»", `"non"`},
		{"German low quote", "de", "„Ja“", `"ja"`},
		{"apostrophe", "en", "Year’s", "year's"},
		{"dashes", "en", "2020–2021 — now", "2020-2021 - now"},
		{"invisible characters", "en", "co\u00adoperation\u200b x\u200fy\ufeff", "cooperation xy"},
		{"full-width digits and letters (NFKC)", "zh", "２０２１年ＡＢＣ", "2021年abc"},
		{"ligature (NFKC)", "en", "ﬁnal", "final"},
		{"ASCII lower-casing", "en", "The U.S. Senate", "the u.s. senate"},
		{"Turkish dotted I", "tr", "İSTANBUL", "istanbul"},
		{"Turkish dotless I", "tr", "IRAK ILIK", "ırak ılık"},
		{"dotless i outside Turkish", "en", "IRAN", "iran"},
		{"German eszett", "de", "Straße", "strasse"},
		{"German capital eszett", "de", "GROẞ", "gross"},
		{"German umlauts", "de", "Müller Bär Höhe", "muller bar hohe"},
		{"umlauts kept outside German", "tr", "Gül Ölü", "gül ölü"},
		{"French accents kept", "fr", "Élysée", "élysée"},
		{"Spanish accents kept", "es", "Año Político", "año político"},
		{"Polish letters kept", "pl", "Łódź", "łódź"},
		{"Russian yo", "ru", "Ещё Ёлка", "еще елка"},
		{"Cyrillic lower-casing", "ru", "МОСКВА", "москва"},
		{"empty", "ar", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.lang, tt.in); got != tt.want {
				t.Errorf("Fold(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
			}
		})
	}
}

// TestArabicAgreesWithBleve checks that Fold does everything Bleve's
// Arabic normaliser does: folding Bleve's output again changes nothing
// and gives Fold's result.
func TestArabicAgreesWithBleve(t *testing.T) {
	words := strings.Fields("أكد إسرائيل آخر مصطفى غزة مُحَمَّدٌ الأمـــن حدّ وزيرَ القبّة يوماً أيار المتحدة الإسرائيلية")
	f := ar.NewArabicNormalizeFilter()
	for _, w := range words {
		ts := f.Filter(analysis.TokenStream{&analysis.Token{Term: []byte(w)}})
		bleve := string(ts[0].Term)
		if got, want := Fold("ar", bleve), Fold("ar", w); got != want {
			t.Errorf("%s: Fold(bleve(%q)=%q) = %q, Fold = %q", w, w, bleve, got, want)
		}
	}
}

// TestTurkishLowerMatchesCases checks the Turkish lower-casing against
// golang.org/x/text/cases on real Turkish news text.
func TestTurkishLowerMatchesCases(t *testing.T) {
	text := "İSTANBUL'DA DÜZENLENEN TOPLANTIYA KATILAN İÇİŞLERİ BAKANI, IĞDIR VE ŞIRNAK İLLERİNDE ÇALIŞMALARIN SÜRDÜĞÜNÜ AÇIKLADI. Ankara'da Işık Üniversitesi"
	want := cases.Lower(language.Turkish).String(text)
	if got := Fold("tr", text); got != want {
		t.Errorf("Fold(tr) = %q\ncases.Lower(tr) = %q", got, want)
	}
}

func TestFoldLeavesNFKCTextAlone(t *testing.T) {
	// A text already NFKC is not re-normalised: Fold of plain ASCII is
	// strings.ToLower.
	s := "Plain ASCII Text, 2021."
	if got := Fold("en", s); got != strings.ToLower(s) {
		t.Errorf("Fold = %q", got)
	}
}

// TestIsNFKCAgreesWithNorm: the fast check says "normalised" only when
// golang.org/x/text/unicode/norm does.
func TestIsNFKCAgreesWithNorm(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"plain Arabic", "وأكد بلينكن لغانتس"},
		{"Arabic with shadda and fatha in order", "مجدَّداً"},
		{"Arabic marks out of canonical order", "د\u0651\u064e"},
		{"decomposed hamza on alef", "ا\u0654كد"},
		{"decomposed hamza on waw", "مسو\u0654ول"},
		{"presentation form", "ﻻ"},
		{"full-width digits", "２０２１"},
		{"decomposed e acute", "cafe\u0301"},
		{"composed e acute", "café"},
		{"vulgar fraction", "½ cup"},
		{"no-break space", "a\u00a0b"},
		{"ligature ij", "ĳs"},
		{"Cyrillic with combining breve", "и\u0306"},
		{"Han and ideographic full stop", "中国政府。"},
		{"ellipsis", "wait…"},
		{"curly quotes and dashes", "“yes” – no"},
		{"Persian letters", "ایران کشور"},
		{"Hangul jamo", "\u1100\u1161"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			if u, err := strconv.Unquote(`"` + in + `"`); err == nil {
				in = u
			}
			if got, want := IsNFKC(in), norm.NFKC.IsNormalString(in); got && !want {
				t.Errorf("IsNFKC(%q) = true, norm says false", in)
			} else if got != want {
				t.Logf("IsNFKC(%q) = %v, norm %v (allowed: false negatives)", in, got, want)
			}
		})
	}
}

func TestAppendFoldReusesBuffer(t *testing.T) {
	buf := make([]byte, 0, 64)
	allocs := testing.AllocsPerRun(100, func() {
		buf = AppendFold(buf[:0], "ar", "والإسرائيليين")
	})
	if allocs != 0 {
		t.Errorf("AppendFold allocates %.0f times per call on NFKC Arabic", allocs)
	}
}

func BenchmarkFoldArabic(b *testing.B) {
	s := strings.Repeat("وأكد بلينكن لغانتس \"أهمية تعزيز السلام والأمن للإسرائيليين والفلسطينيين، على حدّ سواء\". ", 20)
	buf := make([]byte, 0, len(s))
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		buf = AppendFold(buf[:0], "ar", s)
	}
}

func ExampleFold() {
	fmt.Println(Fold("ar", "أكّد الرئيسُ في غزّة ٢١ أيار، «إسرائيل»"))
	fmt.Println(Fold("tr", "İSTANBUL IRAK"))
	fmt.Println(Fold("de", "Straße in München"))
	// Output:
	// اكد الرييس في غزه 21 ايار, "اسراييل"
	// istanbul ırak
	// strasse in munchen
}
