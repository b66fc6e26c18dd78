package entity

import (
	"strings"
	"testing"
)

// TestTitlesAreRoles checks that a title or role written before a name is
// not part of the name's key (the titled and the bare mention are one
// entity) and is kept as the entity's role, in every language whose
// names the extractor finds.
func TestTitlesAreRoles(t *testing.T) {
	tests := []struct {
		name, lang, text string
		person, role     string // the entity's fullest name and its first role
		count            int    // mentions folded into it
	}{
		{"english title word", "en", "Congressman Adam Schiff said on Monday that the report was wrong. Adam Schiff added that more hearings would follow.",
			"Adam Schiff", "Congressman", 2},
		{"english abbreviated title with full stop", "en", "The panel heard Dr. Anthony Fauci on Tuesday. Anthony Fauci said the virus spreads fast.",
			"Anthony Fauci", "Dr.", 2},
		{"english two-word title", "en", "Voters cheered Prime Minister Boris Johnson in Leeds. Boris Johnson waved back.",
			"Boris Johnson", "Prime Minister", 2},
		{"english title with portfolio", "en", "He met Secretary of State Antony Blinken in Cairo. Antony Blinken spoke of peace.",
			"Antony Blinken", "Secretary of State", 2},
		{"organisation and title before the name", "en", "The bill was blocked by Senate Majority Leader Mitch McConnell again. Mitch McConnell did not comment.",
			"Mitch McConnell", "Senate Majority Leader", 2},
		{"lower-case title before the name", "en", "The statement by former president Donald Trump was short. Donald Trump left.",
			"Donald Trump", "former president", 2},
		{"german compound title", "de", "In Berlin sagte Bundeskanzler Olaf Scholz am Montag wenig. Olaf Scholz reiste dann ab.",
			"Olaf Scholz", "Bundeskanzler", 2},
		{"german title with umlaut", "de", "Am Abend traf Präsident Emmanuel Macron die Gäste. Emmanuel Macron lobte sie.",
			"Emmanuel Macron", "Präsident", 2},
		{"spanish lower-case title", "es", "Ayer el presidente Pedro Sánchez se reunió con los sindicatos. Pedro Sánchez dijo que habrá acuerdo.",
			"Pedro Sánchez", "presidente", 2},
		{"spanish prefixed title", "es", "Hablaron el expresidente Mariano Rajoy y otros. Mariano Rajoy dijo poco.",
			"Mariano Rajoy", "expresidente", 2},
		{"french title with elided portfolio", "fr", "Hier le ministre de l'Intérieur Gérald Darmanin a parlé. Gérald Darmanin a dit non.",
			"Gérald Darmanin", "ministre de l'Intérieur", 2},
		{"french capitalised title", "fr", "Le Président Emmanuel Macron a reçu les maires. Emmanuel Macron a salué leur travail.",
			"Emmanuel Macron", "Président", 2},
		{"italian lower-case title", "it", "Il presidente Sergio Mattarella ha firmato la legge. Sergio Mattarella ha parlato.",
			"Sergio Mattarella", "presidente", 2},
		{"polish title", "pl", "Wczoraj Prezydent Andrzej Duda spotkał się z rolnikami. Andrzej Duda powiedział, że pomoże.",
			"Andrzej Duda", "Prezydent", 2},
		{"russian title", "ru", "Вчера Президент Владимир Путин провёл совещание. Владимир Путин сказал, что всё хорошо.",
			"Владимир Путин", "Президент", 2},
		{"turkish title", "tr", "Cumhurbaşkanı Recep Tayyip Erdoğan açıklama yaptı. Recep Tayyip Erdoğan konuştu.",
			"Recep Tayyip Erdoğan", "Cumhurbaşkanı", 2},
		{"turkish party acronym and title", "tr", "Toplantıda CHP Genel Başkanı Kemal Kılıçdaroğlu konuştu. Kemal Kılıçdaroğlu açıklama yaptı.",
			"Kemal Kılıçdaroğlu", "CHP Genel Başkanı", 2},
		{"arabic title and nationality", "ar", "قال الرئيس الأمريكي جو بايدن إن الاتفاق قريب. وأضاف جو بايدن أن الحوار مستمر.",
			"جو بايدن", "الرئيس الأمريكي", 2},
		{"arabic title with modifier", "ar", "والتقى رئيس الوزراء مصطفى مدبولي الوفد. وقال مصطفى مدبولي إن التعاون مهم.",
			"مصطفى مدبولي", "رئيس الوزراء", 2},
		{"arabic title with proclitic", "ar", "وقال ووزير الخارجية أنتوني بلينكن كلمة. وأكد أنتوني بلينكن الدعم.",
			"أنتوني بلينكن", "وزير الخارجية", 2},
		{"arabic borrowed title", "ar", "قال السيناتور بيرني ساندرز إن الخطة عادلة. وأضاف بيرني ساندرز أنها ضرورية.",
			"بيرني ساندرز", "السيناتور", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			es := Extract(tc.lang, tc.text)
			var got *Entity
			for i, e := range es {
				if e.Kind == Place {
					continue
				}
				if e.Key == NameKey(tc.person) {
					got = &es[i]
				}
				if r := NameKey(tc.role); strings.Contains(e.Key, r) {
					t.Errorf("entity %q (key %q) holds the title %q", e.Name, e.Key, tc.role)
				}
			}
			if got == nil {
				t.Fatalf("no entity keyed %q (%s) in %+v", NameKey(tc.person), tc.person, es)
			}
			if got.Name != tc.person || got.Count != tc.count || got.Kind != Person {
				t.Errorf("got %q, %d mentions, kind %s; want %q, %d, person", got.Name, got.Count, got.Kind, tc.person, tc.count)
			}
			if len(got.Roles) == 0 || got.Roles[0] != tc.role {
				t.Errorf("roles %q, want %q first", got.Roles, tc.role)
			}
		})
	}
}

// TestTitleWordsNotNames checks words that look like titles but belong to
// a name or an organisation stay there.
func TestTitleWordsNotNames(t *testing.T) {
	tests := []struct{ name, lang, text, want string }{
		{"title word as surname", "en", "The speech of Martin Luther King Jr. was read aloud. Martin Luther King Jr. spoke of dreams.", "Martin Luther King Jr"},
		{"title word inside an organisation's name", "en", "A statement from the Justice Department came late. The Justice Department declined to comment.", "Justice Department"},
		{"title before one name word", "en", "Crowds greeted Prince Harry in London. Later Prince Harry left for Canada with his family.", "Harry"},
		{"organisation ending in a title word", "en", "The Federal Reserve Board Chairman spoke. Members of the Federal Reserve Board voted.", "Federal Reserve Board"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, e := range Extract(tc.lang, tc.text) {
				if e.Key == NameKey(tc.want) {
					return
				}
			}
			t.Errorf("no entity %q in %+v", tc.want, Extract(tc.lang, tc.text))
		})
	}
}

// TestTitleListsFolded checks every title word is stored in the folding
// the scanner looks words up with, whatever its spelling in the list.
func TestTitleListsFolded(t *testing.T) {
	for _, w := range []string{"Marszałek", "Präsident", "Cumhurbaşkanı", "الرئيس", "Президент", "Congressman"} {
		f := lookupFold(w)
		if !latTitles[f] && !arTitles[f] {
			t.Errorf("%q (folded %q) is not a title", w, f)
		}
	}
}

func TestMergeRoles(t *testing.T) {
	tests := []struct {
		name string
		a, b []string
		want []string
	}{
		{"spelling variants of one role", []string{"الرئيس الأميركي"}, []string{"الرئيس الأمريكي"}, []string{"الرئيس الأميركي"}},
		{"shorter role gives way to the longer", []string{"الرئيس", "Senator"}, []string{"الرئيس الأميركي"}, []string{"الرئيس الأميركي", "Senator"}},
		{"abbreviation with and without full stop", []string{"Sen."}, []string{"Sen"}, []string{"Sen."}},
		{"same first letters, another first word", []string{"الرئيس"}, []string{"رئيس الوزراء"}, []string{"الرئيس", "رئيس الوزراء"}},
		{"portfolio kept", []string{"Secretary"}, []string{"Secretary of State"}, []string{"Secretary of State"}},
		{"none", nil, nil, nil},
	}
	for _, tc := range tests {
		got := MergeRoles(tc.a, tc.b)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: MergeRoles(%q, %q) = %q, want %q", tc.name, tc.a, tc.b, got, tc.want)
		}
	}
}
