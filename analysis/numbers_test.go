package analysis

import (
	"slices"
	"testing"

	"github.com/newsim/newsim/article"
)

// TestNumbersAcrossLanguages checks that the numbers of one report written
// in different languages get the same canonical values (Doc.Numbers).
func TestNumbersAcrossLanguages(t *testing.T) {
	tests := []struct {
		phenomenon, lang, text string
		want                   []string
	}{
		{"comma groups, decimal point", "en", "It sent 1,000 tonnes and 3.5 million dollars.", []string{"1000", "3500000"}},
		{"space groups (French)", "fr", "Il a envoyé 1 000 tonnes et 3,5 millions de dollars.", []string{"1000", "3500000"}},
		{"no-break space groups", "fr", "Il a envoyé 1\u202f000 tonnes et 3,5\u00a0millions de dollars.", []string{"1000", "3500000"}},
		{"dot groups, decimal comma (German)", "de", "Es schickte 1.000 Tonnen und 3,5 Millionen Dollar.", []string{"1000", "3500000"}},
		{"Spanish millones", "es", "Envió 1.000 toneladas y 3,5 millones de dólares.", []string{"1000", "3500000"}},
		{"Spanish mil millones is a billion", "es", "Costó 2 mil millones de euros y 3 mil dólares.", []string{"2000000000", "3000"}},
		{"Russian abbreviation млн", "ru", "Отправлено 1 000 тонн и 3,5 млн долларов.", []string{"1000", "3500000"}},
		{"Arabic-Indic digits, Arabic decimal separator, proclitic waw", "ar", "أرسلت ١٠٠٠ طن و٣٫٥ مليون دولار.", []string{"1000", "3500000"}},
		{"Arabic thousands word", "ar", "نشر 7 آلاف جندي.", []string{"7000"}},
		{"billions", "en", "The deal is worth $1.2 billion.", []string{"1200000000"}},
		{"German Milliarden", "de", "Das Geschäft ist 1,2 Milliarden Dollar wert.", []string{"1200000000"}},
		{"a year is not a group of thousands", "fr", "En 2021 il y avait 300 soldats.", []string{"2021", "300"}},
		{"English bin is no scale word", "en", "He filled 3 bin bags.", []string{"3"}},
	}
	an := New()
	for _, tc := range tests {
		d, err := an.Analyze(article.Article{Lang: tc.lang, Title: "t", Text: tc.text})
		if err != nil {
			t.Fatalf("%s: %v", tc.phenomenon, err)
		}
		if !slices.Equal(d.Numbers, tc.want) {
			t.Errorf("%s: Numbers of %q = %q, want %q", tc.phenomenon, tc.text, d.Numbers, tc.want)
		}
	}
}
