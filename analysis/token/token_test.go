package token

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func texts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestWords(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"abbreviation keeps inner stops", "the U.S. Senate", []string{"the", "U.S", "Senate"}},
		{"decimal number", "rose 3.5 percent", []string{"rose", "3.5", "percent"}},
		{"number with group separator", "1,000 people", []string{"1,000", "people"}},
		{"English possessive", "Biden's plan", []string{"Biden's", "plan"}},
		{"Turkish suffix after apostrophe", "Türkiye'nin başkenti", []string{"Türkiye'nin", "başkenti"}},
		{"hyphen separates", "al-Qaeda e-mail", []string{"al", "Qaeda", "e", "mail"}},
		{"Arabic with diacritics", "شدَّد بلينكن", []string{"شدَّد", "بلينكن"}},
		{"Arabic quote after proclitic", `و"إسرائيل".`, []string{"و", "إسرائيل"}},
		{"Arabic-Indic digits", "في ٢١ أيار", []string{"في", "٢١", "أيار"}},
		{"Han characters one by one", "中国政府", []string{"中", "国", "政", "府"}},
		{"punctuation only", "— … !!", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Words(tt.in)
			if !reflect.DeepEqual(texts(got), tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("Words(%q) = %q, want %q", tt.in, texts(got), tt.want)
			}
			for _, tok := range got {
				if tt.in[tok.Start:tok.End] != tok.Text {
					t.Errorf("token %q has offsets [%d,%d) = %q", tok.Text, tok.Start, tok.End, tt.in[tok.Start:tok.End])
				}
			}
		})
	}
}

func TestWordKinds(t *testing.T) {
	got := Words("F16 ٢١ 3.5 中 word")
	want := []Kind{Letter, Number, Number, Ideo, Letter}
	for i, tok := range got {
		if i >= len(want) || tok.Kind != want[i] {
			t.Fatalf("kinds of %q: got %v", texts(got), got)
		}
	}
}

func TestBigrams(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"run of Han becomes bigrams", "中华人民", []string{"中华", "华人", "人民"}},
		{"lone Han character stays", "在 2021 年", []string{"在", "2021", "年"}},
		{"punctuation breaks a run", "美国，中国", []string{"美国", "中国"}},
		{"Latin passes through", "WHO表示", []string{"WHO", "表示"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Bigrams(tt.in, Words(tt.in))
			if !reflect.DeepEqual(texts(got), tt.want) {
				t.Errorf("Bigrams(%q) = %q, want %q", tt.in, texts(got), tt.want)
			}
			for _, tok := range got {
				if tt.in[tok.Start:tok.End] != tok.Text {
					t.Errorf("bigram %q has wrong offsets", tok.Text)
				}
			}
		})
	}
}

func sentences(s string) []string {
	var out []string
	for _, sp := range Sentences(s) {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	long := strings.Repeat("كلمة ", 25) + "، " + strings.Repeat("أخرى ", 25) + "."
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"full stop", "One. Two.", []string{"One.", "Two."}},
		{"question and exclamation", "Why? Because! Yes.", []string{"Why?", "Because!", "Yes."}},
		{"Arabic question mark", "هل انتهى؟ نعم انتهى.", []string{"هل انتهى؟", "نعم انتهى."}},
		{"Arabic missing space", "في القطاع.وقال بلينكن", []string{"في القطاع.", "وقال بلينكن"}},
		{"Arabic agency abbreviation", "تلقته وكالة الأنباء الألمانية (د.ب.أ): التقى الوزير.", []string{"تلقته وكالة الأنباء الألمانية (د.ب.أ): التقى الوزير."}},
		{"Arabic comma does not end a short sentence", "قال، ثم مضى.", []string{"قال، ثم مضى."}},
		{"abbreviation with inner stops", "He lives in the U.S. and works.", []string{"He lives in the U.S. and works."}},
		{"abbreviation before a name", "Dr. Smith met Mr. Jones.", []string{"Dr. Smith met Mr. Jones."}},
		{"state abbreviation and dash", "MARTINSBURG, W.Va. — A driver was arrested.", []string{"MARTINSBURG, W.Va. — A driver was arrested."}},
		{"initial", "J. R. Smith spoke. Then he left.", []string{"J. R. Smith spoke.", "Then he left."}},
		{"decimal number", "It rose 3.5 percent. Then it fell.", []string{"It rose 3.5 percent.", "Then it fell."}},
		{"number abbreviation", "Route No. 5 is closed. Drive on.", []string{"Route No. 5 is closed.", "Drive on."}},
		{"no at a sentence end", "He said no. Then he left.", []string{"He said no.", "Then he left."}},
		{"German day number", "Am 21. Mai trafen sie sich. Dann nicht.", []string{"Am 21. Mai trafen sie sich.", "Dann nicht."}},
		{"lower case goes on", "He left at 5 p.m. and came back.", []string{"He left at 5 p.m. and came back."}},
		{"closing quote belongs to the sentence", `He said: "We will win." Then he left.`, []string{`He said: "We will win."`, "Then he left."}},
		{"Arabic closing quote", `قال "سنعزز المنظومة". وأضاف`, []string{`قال "سنعزز المنظومة".`, "وأضاف"}},
		{"ellipsis", "Wait... Now go.", []string{"Wait...", "Now go."}},
		{"URL is not an end", "See journal-news.net for more. Next.", []string{"See journal-news.net for more.", "Next."}},
		{"blank line", "Title without stop\n\nBody text here", []string{"Title without stop", "Body text here"}},
		{"line break", "First line\nSecond line", []string{"First line", "Second line"}},
		{"hard-wrapped line goes on", "The minister said that\nthe talks would go on.", []string{"The minister said that\nthe talks would go on."}},
		{"rule line dropped", "One.\n\n___\n\nTwo.", []string{"One.", "Two."}},
		{"CJK full stop", "中国政府表示。美国回应！", []string{"中国政府表示。", "美国回应！"}},
		{"long comma chain cut", long, []string{strings.Repeat("كلمة ", 25) + "،", strings.Repeat("أخرى ", 25) + "."}},
		{"white space only", " \n\t ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestLongSentenceRule checks the long-sentence cut on a ،-chained
// sentence: every piece has at most LongSentence words unless it has no
// clause mark to cut at, and at least minClause words.
func TestLongSentenceRule(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		b.WriteString("وأكد الوزير في بيان رسمي أهمية التعاون بين البلدين، ")
	}
	s := b.String() + "في ختام اللقاء."
	spans := Sentences(s)
	if len(spans) < 2 {
		t.Fatalf("a %d-word sentence was not cut", len(strings.Fields(s)))
	}
	for _, sp := range spans {
		n, _ := countWords(s[sp.Start:sp.End])
		if n > LongSentence || n < minClause {
			t.Errorf("piece of %d words: %q", n, s[sp.Start:sp.End])
		}
	}
}

func TestSentenceSpansAreOrderedAndTrimmed(t *testing.T) {
	s := "  One. Two?\n\n  «Three» four!  \n"
	prev := 0
	for _, sp := range Sentences(s) {
		if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
			t.Fatalf("bad span %+v after %d", sp, prev)
		}
		txt := s[sp.Start:sp.End]
		if strings.TrimSpace(txt) != txt {
			t.Errorf("span %q not trimmed", txt)
		}
		prev = sp.End
	}
}

func BenchmarkWords(b *testing.B) {
	s := strings.Repeat("وأكد بلينكن لغانتس أهمية تعزيز السلام والأمن للإسرائيليين والفلسطينيين، على حدّ سواء. The U.S. Senate voted 52-48 on Tuesday. ", 15)
	b.SetBytes(int64(len(s)))
	var toks []Token
	for i := 0; i < b.N; i++ {
		toks = AppendWords(toks[:0], s)
	}
}

func BenchmarkSentences(b *testing.B) {
	s := strings.Repeat("وأكد بلينكن لغانتس أهمية تعزيز السلام والأمن للإسرائيليين والفلسطينيين، على حدّ سواء. The U.S. Senate voted 52-48 on Tuesday. ", 15)
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		Sentences(s)
	}
}

func ExampleSentences() {
	s := "وأكد بلينكن لغانتس \"أهمية تعزيز السلام\". هل انتهى؟ The U.S. Senate met Dr. Smith. It rose 3.5%."
	for _, sp := range Sentences(s) {
		fmt.Printf("%d-%d %s\n", sp.Start, sp.End, s[sp.Start:sp.End])
	}
	// Output:
	// 0-72 وأكد بلينكن لغانتس "أهمية تعزيز السلام".
	// 73-90 هل انتهى؟
	// 91-121 The U.S. Senate met Dr. Smith.
	// 122-135 It rose 3.5%.
}

func ExampleWords() {
	for _, w := range Words("Biden's 3.5% و\"إسرائيل\"") {
		fmt.Println(w.Start, w.End, w.Text)
	}
	// Output:
	// 0 7 Biden's
	// 8 11 3.5
	// 13 15 و
	// 16 30 إسرائيل
}
