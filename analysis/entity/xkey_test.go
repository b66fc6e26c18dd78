package entity

import "testing"

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
