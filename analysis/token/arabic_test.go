package token

import (
	"reflect"
	"testing"
)

// TestArabicGluedPunctuation checks that a stop or colon between two
// Arabic letters (a missing space in scraped news) separates words, and
// that the Latin uses of inner marks are kept.
func TestArabicGluedPunctuation(t *testing.T) {
	tests := []struct {
		phenomenon, in string
		want           []string
	}{
		{"stop glued to the next sentence", "الأحياء السكنية.وأفضت التحقيقات", []string{"الأحياء", "السكنية", "وأفضت", "التحقيقات"}},
		{"colon glued to a quotation", "قالت فيه:عزاء المغفور لها", []string{"قالت", "فيه", "عزاء", "المغفور", "لها"}},
		{"two glued stops in one word", "انتهى.ثم.بدأ", []string{"انتهى", "ثم", "بدأ"}},
		{"Latin abbreviation keeps its stops", "the U.S. Senate", []string{"the", "U.S", "Senate"}},
		{"Latin apostrophe kept", "Biden's plan", []string{"Biden's", "plan"}},
		{"stop between Arabic and Latin kept as the segmenter has it", "كورونا.Covid", []string{"كورونا.Covid"}},
	}
	for _, tt := range tests {
		t.Run(tt.phenomenon, func(t *testing.T) {
			checkWords(t, tt.in, tt.want)
		})
	}
}

// TestArabicCompoundNames checks that عبد + a name with the article gives
// the same words joined (عبدالعزيز) and apart (عبد العزيز).
func TestArabicCompoundNames(t *testing.T) {
	tests := []struct {
		phenomenon, in string
		want           []string
	}{
		{"joined عبدالعزيز", "دنيا عبدالعزيز", []string{"دنيا", "عبد", "العزيز"}},
		{"apart عبد العزيز", "دنيا عبد العزيز", []string{"دنيا", "عبد", "العزيز"}},
		{"joined عبدالله", "عبدالله الثاني", []string{"عبد", "الله", "الثاني"}},
		{"عبد alone unchanged", "عبد", []string{"عبد"}},
		{"too short to be a compound", "عبدال", []string{"عبدال"}},
		{"joined name with a glued stop", "عبدالفتاح.وقال", []string{"عبد", "الفتاح", "وقال"}},
	}
	for _, tt := range tests {
		t.Run(tt.phenomenon, func(t *testing.T) {
			checkWords(t, tt.in, tt.want)
		})
	}
}

func checkWords(t *testing.T, in string, want []string) {
	t.Helper()
	got := Words(in)
	if !reflect.DeepEqual(texts(got), want) {
		t.Errorf("Words(%q) = %q, want %q", in, texts(got), want)
	}
	for _, tok := range got {
		if in[tok.Start:tok.End] != tok.Text || tok.Kind != Letter {
			t.Errorf("token %+v: offsets give %q", tok, in[tok.Start:tok.End])
		}
	}
}
