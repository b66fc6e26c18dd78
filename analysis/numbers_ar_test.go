package analysis

import (
	"slices"
	"testing"

	"github.com/newsim/newsim/article"
)

// TestArabicNumberWords checks that Arabic cardinals written in words get
// the numeral the other article writes in digits (Doc.Numbers).
func TestArabicNumberWords(t *testing.T) {
	tests := []struct {
		phenomenon, text string
		want             []string
	}{
		{"unit word (taa marbuta)", "من اليوم وحتى ثلاثة أيام بمنزلها", []string{"3"}},
		{"unit word without taa marbuta", "خلال ثلاث سنوات", []string{"3"}},
		{"tens word", "أصيب عشرين شخصا", []string{"20"}},
		{"unit and tens joined by waw", "قتل خمسة وعشرون جنديا", []string{"25"}},
		{"teen", "بعد ثلاثة عشر يوما", []string{"13"}},
		{"hundreds joined to the unit", "نحو ثلاثمائة مقاتل", []string{"300"}},
		{"thousand and hundreds", "ألف وخمسمائة عامل", []string{"1500"}},
		{"unit word before the thousands scale word", "نشر ثلاثة آلاف جندي", []string{"3000"}},
		{"hamza spelling variant", "اربعة ملايين دولار", []string{"4000000"}},
		{"digits still read beside words", "ارتفع 3 بالمئة خلال أربعة أشهر", []string{"3", "4"}},
		{"waw conjunction on a lone number word", "يومين وثلاثة أيام", []string{"3"}},
		{"one alone is not a number", "في وقت واحد قال أحد المسؤولين", nil},
		{"weekday with the article is not a number", "يوم الثلاثاء ويوم الاثنين", nil},
		{"ordinal is not a number", "للمرة الثالثة", nil},
		{"six needs its taa marbuta (ست is also lady)", "ست البيت", nil},
	}
	an := New()
	for _, tc := range tests {
		d, err := an.Analyze(article.Article{Lang: "ar", Title: "عنوان", Text: tc.text})
		if err != nil {
			t.Fatalf("%s: %v", tc.phenomenon, err)
		}
		if !slices.Equal(d.Numbers, tc.want) {
			t.Errorf("%s: Numbers of %q = %q, want %q", tc.phenomenon, tc.text, d.Numbers, tc.want)
		}
	}
}
