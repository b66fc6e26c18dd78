package entity

import (
	"math/rand/v2"
	"testing"
)

func TestXKeyFromExtract(t *testing.T) {
	tests := []struct {
		phenomenon, lang, text, name, want string
	}{
		{"Arabic name, ghain", "ar", "التقى وزير الدفاع بيني غانتس في واشنطن.", "غانتس", "bn knts"},
		{"English full name", "en", "Defence Minister Benny Gantz met officials in Washington.", "Gantz", "bn knts"},
		{"Russian name with soft sign", "ru", "Вчера Биньямин Нетаньяху заявил, что переговоры продолжатся.", "Нетаньяху", "bnmn ntnh"},
		{"German j = y", "de", "Regierungschef Benjamin Netanjahu sagte am Montag, dass.", "Netanjahu", "bnmn ntnh"},
		{"place keeps its Key", "en", "He arrived in Washington.", "Washington", "place:washington"},
	}
	for _, tc := range tests {
		var got *Entity
		es := Extract(tc.lang, tc.text)
		for i, e := range es {
			for _, v := range e.Variants {
				if v == tc.name || len(v) > len(tc.name) && v[len(v)-len(tc.name):] == tc.name {
					got = &es[i]
				}
			}
		}
		if got == nil {
			t.Errorf("%s: no entity %q in %+v", tc.phenomenon, tc.name, es)
			continue
		}
		if got.XKey != tc.want {
			t.Errorf("%s: XKey of %q = %q, want %q", tc.phenomenon, got.Name, got.XKey, tc.want)
		}
	}
}

func TestSameAcross(t *testing.T) {
	person := func(lang, name string) Entity {
		e := Entity{Key: NameKey(name), Name: name, Kind: Person}
		e.XKey = crossKey(lang, &e)
		return e
	}
	tests := []struct {
		phenomenon string
		a, b       Entity
		want       bool
	}{
		{"Arabic surname and English full name", person("ar", "غانتس"), person("en", "Benny Gantz"), true},
		{"jeem spelling and Latin", person("ar", "بيني جانتس"), person("en", "Benny Gantz"), true},
		{"Cyrillic and Arabic", person("ru", "Блинкен"), person("ar", "أنتوني بلينكن"), true},
		{"French and English Latin spellings", person("fr", "Vladimir Poutine"), person("en", "Putin"), true},
		{"stored entity without XKey", Entity{Key: NameKey("Sullivan"), Name: "Sullivan"}, person("ar", "جيك سوليفان"), true},
		{"same-language rule still holds", person("ar", "بايدن"), person("ar", "جو بايدن"), true},
		{"different people", person("en", "Joe Biden"), person("ar", "فلاديمير بوتين"), false},
		{"different first names", person("en", "Jill Biden"), person("ar", "جو بايدن"), false},
		{"two-letter surname alone", person("en", "Bush"), person("ar", "جورج بوش"), false},
		{"places only by key", Entity{Key: "place:IL", XKey: "place:IL", Kind: Place}, Entity{Key: "place:IL", XKey: "place:IL", Kind: Place}, true},
		{"a place never matches a name", Entity{Key: "place:washington", Name: "Washington", Kind: Place}, person("en", "Washington"), false},
		{"empty", Entity{}, Entity{}, false},
	}
	for _, tc := range tests {
		if got := SameAcross(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: SameAcross(%q, %q) = %v, want %v", tc.phenomenon, tc.a.Name, tc.b.Name, got, tc.want)
		}
		if got := SameAcross(tc.b, tc.a); got != tc.want {
			t.Errorf("%s (swapped): SameAcross = %v, want %v", tc.phenomenon, got, tc.want)
		}
	}
}

// TestSameAcrossOnUnrelatedDevArticles measures the false matches that the
// cross-script keys add on real text: random pairs of dev articles in two
// different languages (almost all about different stories) and the
// names (not places) that SameAcross matches but Same does not. Some are
// right (Covid = Kovid, Trump = ترمب); most are chance (Baileys = Balyoz).
// Asserted: at most 0.03 such matches per article pair (measured 0.005
// when written; 0.022 before short keys had to agree but for weak letters).
func TestSameAcrossOnUnrelatedDevArticles(t *testing.T) {
	arts := devArticles(t)
	byLang := map[string][][]Entity{}
	for i, a := range arts {
		if i%3 != 0 {
			continue
		}
		byLang[a.lang] = append(byLang[a.lang], Extract(a.lang, a.title+"\n"+a.text))
	}
	langs := []string{"ar", "de", "en", "es", "fr", "tr"}
	r := rand.New(rand.NewPCG(1, 2))
	pairs, extra := 0, 0
	for pairs < 2000 {
		la, lb := langs[r.IntN(len(langs))], langs[r.IntN(len(langs))]
		if la == lb || len(byLang[la]) == 0 || len(byLang[lb]) == 0 {
			continue
		}
		pairs++
		a, b := byLang[la][r.IntN(len(byLang[la]))], byLang[lb][r.IntN(len(byLang[lb]))]
		for _, x := range a {
			for _, y := range b {
				if x.Kind != Place && y.Kind != Place && !Same(x, y) && SameAcross(x, y) {
					extra++
					if extra <= 20 {
						t.Logf("%s %q (%s) = %s %q (%s)", la, x.Name, x.XKey, lb, y.Name, y.XKey)
					}
				}
			}
		}
	}
	rate := float64(extra) / float64(pairs)
	t.Logf("%d cross-script-only matches in %d unrelated cross-language article pairs: %.3f per pair", extra, pairs, rate)
	if rate > 0.03 {
		t.Errorf("%.3f cross-script-only matches per unrelated pair > 0.03", rate)
	}
}
