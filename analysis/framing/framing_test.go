package framing

import (
	"fmt"
	"reflect"
	"testing"
)

func texts(ps []Phrase) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Text)
	}
	return out
}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		name, lang, text string
		quotes           []string
		want             []string
	}{
		{"loaded word with the word after it", "ar", "بعد 11 يوماً من العدوان الإسرائيلي على القطاع", nil, []string{"العدوان الإسرائيلي"}},
		{"conjunction clitic", "ar", "بين المقاومة الفلسطينية والاحتلال الإسرائيلي", nil, []string{"المقاومة الفلسطينية", "والاحتلال الإسرائيلي"}},
		{"inflected form", "ar", "مواجهة العدوانية الإيرانية", nil, []string{"العدوانية الإيرانية"}},
		{"neutral Arabic text", "ar", "التقى وزير الخارجية نظيره في واشنطن", nil, nil},
		{"scare quote", "ar", "ودعم حق إسرائيل", []string{"إسرائيل", "أهمية تعزيز السلام والأمن للإسرائيليين والفلسطينيين"}, []string{"“إسرائيل”"}},
		{"English regime", "en", "The regime's forces shelled the town.", nil, []string{"regime's forces"}},
		{"phrase across a sentence stop", "en", "It was a massacre. Officials denied it.", nil, []string{"massacre"}},
		{"repeated phrase listed once", "en", "the occupied territories and the occupied territories", nil, []string{"occupied territories"}},
		{"language without a list", "zh", "政权", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := texts(Find(tc.lang, tc.text, tc.quotes)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Find = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestKeysMeetAcrossSpellings(t *testing.T) {
	a := Find("ar", "العدوان الإسرائيلي", nil)
	b := Find("ar", "العُدوان الاسرائيلي", nil)
	if len(a) != 1 || len(b) != 1 || a[0].Key != b[0].Key {
		t.Errorf("keys differ: %+v / %+v", a, b)
	}
}

func ExampleFind() {
	for _, p := range Find("ar", `ويأتي ذلك بعد 11 يوماً من العدوان الإسرائيلي على "غزة"`, []string{"غزة"}) {
		fmt.Println(p.Text)
	}
	// Output:
	// العدوان الإسرائيلي
	// “غزة”
}
