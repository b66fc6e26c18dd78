package translit

import (
	"strings"
	"testing"
)

// spelling is one written form of a name with the language it is written
// in ("" = English-like reading).
type spelling struct{ lang, name string }

// meet are groups of spellings of one name, grouped by the phenomenon the
// key must get over; every pair within a group must Match.
var meet = []struct {
	phenomenon string
	forms      []spelling
}{
	{"ج/غ ↔ g, tz ↔ تس ↔ ц", []spelling{{"en", "Gantz"}, {"ar", "غانتس"}, {"ar", "جانتس"}, {"ru", "Ганц"}, {"zh", "甘茨"}}},
	{"dropped t before s (Ganz)", []spelling{{"en", "Ganz"}, {"en", "Gantz"}, {"ar", "غانتس"}, {"ru", "Ганц"}, {"de", "Ganz"}}},
	{"first name and surname", []spelling{{"en", "Benny Gantz"}, {"ar", "بيني غانتس"}, {"ar", "بيني جانتس"}, {"ru", "Бенни Ганц"}, {"zh", "本尼·甘茨"}}},
	{"dropped vowels (Blinken)", []spelling{{"en", "Blinken"}, {"ar", "بلينكن"}, {"ru", "Блинкен"}, {"zh", "布林肯"}, {"en", "Antony Blinken"}, {"ar", "أنتوني بلينكن"}, {"ru", "Энтони Блинкен"}, {"zh", "安东尼·布林肯"}}},
	{"و/ي ↔ vowels (Sullivan)", []spelling{{"en", "Sullivan"}, {"ar", "سوليفان"}, {"ar", "سليفان"}, {"ru", "Салливан"}, {"en", "Jake Sullivan"}, {"ar", "جيك سوليفان"}, {"ar", "جاك سوليفان"}, {"ru", "Джейк Салливан"}, {"zh", "沙利文"}, {"zh", "杰克·沙利文"}}},
	{"ay ↔ اي (Biden)", []spelling{{"en", "Biden"}, {"ar", "بايدن"}, {"ru", "Байден"}, {"zh", "拜登"}, {"en", "Joe Biden"}, {"ar", "جو بايدن"}, {"ru", "Джо Байден"}, {"en", "Biden's"}}},
	{"h ↔ ه ↔ х, y ↔ ي ↔ ья (Netanyahu)", []spelling{{"en", "Netanyahu"}, {"ar", "نتنياهو"}, {"ru", "Нетаньяху"}, {"fr", "Netanyahou"}, {"de", "Netanjahu"}, {"pl", "Netanjahu"}, {"zh", "内塔尼亚胡"}}},
	{"p ↔ ب (Putin)", []spelling{{"en", "Putin"}, {"ar", "بوتين"}, {"ru", "Путин"}, {"fr", "Poutine"}, {"en", "Vladimir Putin"}, {"ar", "فلاديمير بوتين"}, {"ru", "Владимир Путин"}}},
	{"Latin diacritics (Erdoğan)", []spelling{{"tr", "Erdoğan"}, {"en", "Erdogan"}, {"ar", "أردوغان"}, {"ru", "Эрдоган"}, {"tr", "Recep Tayyip Erdoğan"}, {"ar", "رجب طيب أردوغان"}, {"ru", "Реджеп Тайип Эрдоган"}}},
	{"Cyrillic soft sign (Yeltsin, Netanyahu)", []spelling{{"en", "Yeltsin"}, {"ru", "Ельцин"}, {"ar", "يلتسين"}}},
	{"Cyrillic soft sign and ц (Scholz)", []spelling{{"en", "Olaf Scholz"}, {"de", "Olaf Scholz"}, {"ar", "أولاف شولتس"}, {"ru", "Олаф Шольц"}}},
	{"kh ↔ خ ↔ х (Khamenei)", []spelling{{"en", "Khamenei"}, {"ar", "خامنئي"}, {"ru", "Хаменеи"}, {"en", "Ali Khamenei"}, {"ar", "علي خامنئي"}}},
	{"ch ↔ تش (Churchill)", []spelling{{"en", "Churchill"}, {"ar", "تشرشل"}, {"ru", "Черчилль"}}},
	{"z ↔ ز, German j ↔ y (Zelensky)", []spelling{{"en", "Zelensky"}, {"de", "Selenskyj"}, {"ar", "زيلينسكي"}, {"ru", "Зеленский"}, {"en", "Volodymyr Zelensky"}, {"ar", "فولوديمير زيلينسكي"}}},
	{"article al- ↔ ال (Assad)", []spelling{{"en", "Bashar al-Assad"}, {"ar", "بشار الأسد"}, {"ru", "Башар Асад"}, {"en", "Assad"}, {"ar", "الأسد"}}},
	{"ain and initial alef (Abbas)", []spelling{{"en", "Mahmoud Abbas"}, {"ar", "محمود عباس"}, {"ru", "Махмуд Аббас"}}},
	{"sh ↔ ش ↔ ш (Sharon)", []spelling{{"en", "Ariel Sharon"}, {"ar", "أرييل شارون"}, {"ru", "Ариэль Шарон"}}},
	{"ch ↔ ش (Sánchez, s ↔ x)", []spelling{{"es", "Pedro Sánchez"}, {"ar", "بيدرو سانشيز"}, {"ru", "Педро Санчес"}}},
	{"s ↔ ش (Guterres)", []spelling{{"pt", "António Guterres"}, {"ar", "أنطونيو غوتيريش"}, {"ru", "Антониу Гутерриш"}}},
	{"taa marbuta and final h (Haniyeh)", []spelling{{"en", "Ismail Haniyeh"}, {"ar", "إسماعيل هنية"}, {"ru", "Исмаил Хания"}}},
	{"dh ↔ ذ (Gaddafi)", []spelling{{"en", "Muammar Gaddafi"}, {"ar", "معمر القذافي"}, {"ru", "Муаммар Каддафи"}}},
	{"دж ↔ j ↔ ج (Giorgia Meloni)", []spelling{{"it", "Giorgia Meloni"}, {"ar", "جورجيا ميلوني"}, {"ru", "Джорджа Мелони"}}},
	{"initial y (Yair Lapid, Yasser Arafat)", []spelling{{"en", "Yair Lapid"}, {"ar", "يائير لابيد"}, {"ru", "Яир Лапид"}}},
	{"initial y, ain inside (Arafat)", []spelling{{"en", "Yasser Arafat"}, {"ar", "ياسر عرفات"}, {"ru", "Ясир Арафат"}}},
	{"German j = y (Stoltenberg)", []spelling{{"no", "Jens Stoltenberg"}, {"ar", "ينس ستولتنبرغ"}, {"ru", "Йенс Столтенберг"}}},
	{"x ↔ كس (Alexei Navalny)", []spelling{{"en", "Alexei Navalny"}, {"ar", "أليكسي نافالني"}, {"ru", "Алексей Навальный"}}},
	{"v ↔ ف (Lavrov)", []spelling{{"en", "Sergey Lavrov"}, {"ar", "سيرغي لافروف"}, {"ru", "Сергей Лавров"}}},
	{"doubled letters (Hillary Clinton)", []spelling{{"en", "Hillary Clinton"}, {"ar", "هيلاري كلينتون"}, {"ru", "Хиллари Клинтон"}}},
	{"e ↔ ي, э ↔ a (Pelosi)", []spelling{{"en", "Nancy Pelosi"}, {"ar", "نانسي بيلوسي"}, {"ru", "Нэнси Пелоси"}}},
	{"p ↔ ب twice (Pompeo)", []spelling{{"en", "Mike Pompeo"}, {"ar", "مايك بومبيو"}, {"ru", "Майк Помпео"}}},
	{"silent h, two short words (John Kerry)", []spelling{{"en", "John Kerry"}, {"ar", "جون كيري"}, {"ru", "Джон Керри"}}},
	{"Latin languages among themselves", []spelling{{"en", "Lloyd Austin"}, {"ar", "لويد أوستن"}, {"ru", "Ллойд Остин"}, {"fr", "Lloyd Austin"}}},
	{"Ned Price", []spelling{{"en", "Ned Price"}, {"ar", "نيد برايس"}, {"ru", "Нед Прайс"}}},
	{"Emmanuel Macron", []spelling{{"fr", "Emmanuel Macron"}, {"ar", "إيمانويل ماكرون"}, {"ru", "Эммануэль Макрон"}}},
	{"Angela Merkel", []spelling{{"de", "Angela Merkel"}, {"ar", "أنجيلا ميركل"}, {"ru", "Ангела Меркель"}}},
	{"Boris Johnson", []spelling{{"en", "Boris Johnson"}, {"ar", "بوريس جونسون"}, {"ru", "Борис Джонсон"}}},
	{"Kamala Harris", []spelling{{"en", "Kamala Harris"}, {"ar", "كامالا هاريس"}, {"ru", "Камала Харрис"}}},
	{"Naftali Bennett", []spelling{{"en", "Naftali Bennett"}, {"ar", "نفتالي بينيت"}, {"ru", "Нафтали Беннет"}}},
	{"Ehud Barak", []spelling{{"en", "Ehud Barak"}, {"ar", "إيهود باراك"}, {"ru", "Эхуд Барак"}}},
	{"Saddam Hussein", []spelling{{"en", "Saddam Hussein"}, {"ar", "صدام حسين"}, {"ru", "Саддам Хусейн"}}},
	{"Hosni Mubarak", []spelling{{"en", "Hosni Mubarak"}, {"ar", "حسني مبارك"}, {"ru", "Хосни Мубарак"}}},
	{"Justin Trudeau", []spelling{{"en", "Justin Trudeau"}, {"ar", "جاستن ترودو"}, {"ru", "Джастин Трюдо"}}},
	{"Narendra Modi", []spelling{{"en", "Narendra Modi"}, {"ar", "ناريندرا مودي"}, {"ru", "Нарендра Моди"}}},
	{"Dmitry Medvedev", []spelling{{"en", "Dmitry Medvedev"}, {"ar", "دميتري ميدفيديف"}, {"ru", "Дмитрий Медведев"}}},
	{"Mohammed bin Salman", []spelling{{"en", "Mohammed bin Salman"}, {"ar", "محمد بن سلمان"}, {"ru", "Мухаммед бин Салман"}}},
	{"Ebrahim Raisi", []spelling{{"en", "Ebrahim Raisi"}, {"ar", "إبراهيم رئيسي"}, {"ru", "Эбрахим Раиси"}}},
	{"Elon Musk", []spelling{{"en", "Elon Musk"}, {"ar", "إيلون ماسك"}, {"ru", "Илон Маск"}}},
	{"Rishi Sunak", []spelling{{"en", "Rishi Sunak"}, {"ar", "ريشي سوناك"}, {"ru", "Риши Сунак"}}},
	{"Donald Trump", []spelling{{"en", "Donald Trump"}, {"ar", "دونالد ترامب"}, {"ru", "Дональд Трамп"}}},
	{"Barack Obama", []spelling{{"en", "Barack Obama"}, {"ar", "باراك أوباما"}, {"ru", "Барак Обама"}}},
	{"first name one letter apart (Benjamin, بنيامين)", []spelling{{"en", "Benjamin Netanyahu"}, {"ar", "بنيامين نتنياهو"}, {"ru", "Биньямин Нетаньяху"}}},
	{"Mario Draghi", []spelling{{"it", "Mario Draghi"}, {"ar", "ماريو دراغي"}, {"ru", "Марио Драги"}}},
}

func TestNamesMeetAcrossScripts(t *testing.T) {
	pairs, met := 0, 0
	for _, g := range meet {
		for i, a := range g.forms {
			for _, b := range g.forms[i+1:] {
				pairs++
				ka, kb := Key(a.lang, a.name), Key(b.lang, b.name)
				if Match(ka, kb) {
					met++
					continue
				}
				t.Errorf("%s: %s %q (key %q) and %s %q (key %q) do not meet", g.phenomenon, a.lang, a.name, ka, b.lang, b.name, kb)
			}
		}
	}
	t.Logf("%d of %d spelling pairs of one name meet", met, pairs)
}

// TestDifferentPeopleDoNotMeet is the precision test: the full names of the
// different people of meet, every spelling against every spelling of
// every other person (across and within scripts), must not Match. The
// false-match rate is measured and must stay at or below 0.5%.
func TestDifferentPeopleDoNotMeet(t *testing.T) {
	type form struct {
		person int
		s      spelling
		key    string
	}
	var forms []form
	seen := map[string]bool{}
	for gi, g := range meet {
		for _, s := range g.forms {
			k := Key(s.lang, s.name)
			// One group per person: groups of a surname alone and the full
			// name are the same person.
			person := gi
			for _, f := range forms {
				if f.person != gi && Match(f.key, k) && samePerson(meet[f.person].forms, g.forms) {
					person = f.person
				}
			}
			if seen[s.name] {
				continue
			}
			seen[s.name] = true
			forms = append(forms, form{person, s, k})
		}
	}
	pairs, falses := 0, 0
	for i, a := range forms {
		for _, b := range forms[i+1:] {
			if a.person == b.person || samePerson(meet[a.person].forms, meet[b.person].forms) {
				continue
			}
			pairs++
			if Match(a.key, b.key) {
				falses++
				t.Logf("false match: %q (%s) = %q (%s)", a.s.name, a.key, b.s.name, b.key)
			}
		}
	}
	rate := float64(falses) / float64(pairs)
	t.Logf("%d false matches in %d pairs of different people's spellings: %.3f%%", falses, pairs, 100*rate)
	if pairs < 5000 {
		t.Fatalf("only %d pairs: the test lost its data", pairs)
	}
	if rate > 0.005 {
		t.Errorf("false-match rate %.3f%% > 0.5%%", 100*rate)
	}
}

// samePerson reports whether two groups of meet name one person (they share
// a spelling's last word as written in Latin script).
func samePerson(a, b []spelling) bool {
	last := func(fs []spelling) map[string]bool {
		m := map[string]bool{}
		for _, f := range fs {
			if Script(f.name) == "latin" {
				ws := strings.Fields(strings.ReplaceAll(f.name, "'s", ""))
				m[ws[len(ws)-1]] = true
			}
		}
		return m
	}
	la := last(a)
	for w := range last(b) {
		if la[w] {
			return true
		}
	}
	return false
}

// distinct are surnames of different people that a too-loose key would
// fold together, each in Latin and Arabic script.
var distinct = []spelling{
	{"en", "Biden"}, {"ar", "بايدن"}, {"en", "Bennett"}, {"ar", "بينيت"}, {"en", "Blinken"}, {"ar", "بلينكن"},
	{"en", "Lincoln"}, {"ar", "لينكولن"}, {"en", "Putin"}, {"ar", "بوتين"}, {"en", "Patton"}, {"en", "Austin"},
	{"ar", "أوستن"}, {"en", "Boston"}, {"en", "Gantz"}, {"ar", "غانتس"}, {"en", "Kinds"}, {"en", "Sullivan"},
	{"ar", "سوليفان"}, {"en", "Solomon"}, {"ar", "سليمان"}, {"en", "Price"}, {"ar", "برايس"}, {"en", "Perez"},
	{"ar", "بيريز"}, {"en", "Peres"}, {"en", "Paris"}, {"en", "Bush"}, {"ar", "بوش"}, {"en", "Bash"},
	{"en", "Kerry"}, {"ar", "كيري"}, {"en", "Carter"}, {"ar", "كارتر"}, {"en", "Cartier"}, {"en", "Trump"},
	{"ar", "ترامب"}, {"en", "Tramp"}, {"en", "Obama"}, {"ar", "أوباما"}, {"en", "Osama"}, {"ar", "أسامة"},
	{"en", "Abbas"}, {"ar", "عباس"}, {"en", "Abe"}, {"en", "Assad"}, {"ar", "الأسد"}, {"en", "Asad"},
	{"en", "Merkel"}, {"ar", "ميركل"}, {"en", "Markle"}, {"en", "Macron"}, {"ar", "ماكرون"}, {"en", "Micron"},
	{"en", "Johnson"}, {"ar", "جونسون"}, {"en", "Jackson"}, {"ar", "جاكسون"}, {"en", "Harris"}, {"ar", "هاريس"},
	{"en", "Haris"}, {"en", "Morris"}, {"ar", "موريس"}, {"en", "Lapid"}, {"ar", "لابيد"}, {"en", "Rapid"},
	{"en", "Barak"}, {"ar", "باراك"}, {"en", "Baraka"}, {"en", "Mubarak"}, {"ar", "مبارك"},
	{"en", "Erdogan"}, {"ar", "أردوغان"}, {"en", "Ardern"}, {"ar", "أرديرن"}, {"en", "Modi"}, {"ar", "مودي"},
	{"en", "Medvedev"}, {"ar", "ميدفيديف"}, {"en", "Lavrov"}, {"ar", "لافروف"}, {"en", "Navalny"}, {"ar", "نافالني"},
	{"en", "Zelensky"}, {"ar", "زيلينسكي"}, {"en", "Selig"}, {"en", "Guterres"}, {"ar", "غوتيريش"}, {"en", "Gutierrez"},
	{"en", "Sharon"}, {"ar", "شارون"}, {"en", "Sharif"}, {"ar", "شريف"}, {"en", "Khamenei"}, {"ar", "خامنئي"},
	{"en", "Khomeini"}, {"ar", "الخميني"}, {"en", "Raisi"}, {"ar", "رئيسي"}, {"en", "Rouhani"}, {"ar", "روحاني"},
	{"en", "Haniyeh"}, {"ar", "هنية"}, {"en", "Hamas"}, {"ar", "حماس"}, {"en", "Homs"}, {"ar", "حمص"},
	{"en", "Nasser"}, {"ar", "ناصر"}, {"en", "Nasr"}, {"en", "Nasrallah"}, {"ar", "نصرالله"}, {"en", "Nusra"},
	{"en", "Salman"}, {"ar", "سلمان"}, {"en", "Suleiman"}, {"en", "Sisi"}, {"ar", "السيسي"}, {"en", "Sousa"},
	{"en", "Morsi"}, {"ar", "مرسي"}, {"en", "Mercy"}, {"en", "Meloni"}, {"ar", "ميلوني"}, {"en", "Milani"},
	{"en", "Draghi"}, {"ar", "دراغي"}, {"en", "Drake"}, {"en", "Sunak"}, {"ar", "سوناك"}, {"en", "Snake"},
	{"en", "Trudeau"}, {"ar", "ترودو"}, {"en", "Tirado"}, {"en", "Scholz"}, {"ar", "شولتس"}, {"en", "Schultz"},
	{"en", "Stoltenberg"}, {"ar", "ستولتنبرغ"}, {"en", "Steinberg"}, {"en", "Pompeo"}, {"ar", "بومبيو"},
	{"en", "Bombay"}, {"en", "Clinton"}, {"ar", "كلينتون"}, {"en", "Clayton"}, {"en", "Pelosi"}, {"ar", "بيلوسي"},
	{"en", "Blasi"}, {"en", "Musk"}, {"ar", "ماسك"}, {"en", "Mask"}, {"en", "Moscow"}, {"en", "Netanyahu"},
	{"ar", "نتنياهو"}, {"en", "Arafat"}, {"ar", "عرفات"}, {"en", "Gaddafi"}, {"ar", "القذافي"}, {"en", "Hussein"},
	{"ar", "حسين"}, {"en", "Hassan"}, {"en", "Churchill"}, {"ar", "تشرشل"},
}

// TestDistinctSurnamesDoNotMeet measures the false-match rate among the
// surnames of distinct: pairs whose Latin forms differ (and so do their
// people) must not Match; asserted at most 3%, since surnames alone have
// few letters (Hassan and Hussein, Nasser and Nasr are one skeleton).
func TestDistinctSurnamesDoNotMeet(t *testing.T) {
	// Each Arabic spelling follows its Latin one: same person.
	owner := make([]string, len(distinct))
	for i, s := range distinct {
		owner[i] = s.name
		if s.lang == "ar" {
			owner[i] = owner[i-1]
		}
	}
	pairs, falses := 0, 0
	for i, a := range distinct {
		for j := i + 1; j < len(distinct); j++ {
			b := distinct[j]
			if owner[i] == owner[j] {
				continue
			}
			pairs++
			if ka, kb := Key(a.lang, a.name), Key(b.lang, b.name); Match(ka, kb) {
				falses++
				t.Logf("false match: %q (%s) = %q (%s)", a.name, ka, b.name, kb)
			}
		}
	}
	rate := float64(falses) / float64(pairs)
	t.Logf("%d false matches in %d pairs of different surnames: %.2f%%", falses, pairs, 100*rate)
	if rate > 0.03 {
		t.Errorf("false-match rate %.2f%% > 3%%", 100*rate)
	}
}

func TestKeyEdgeCases(t *testing.T) {
	tests := []struct {
		phenomenon, lang, name, want string
	}{
		{"empty", "", "", ""},
		{"no letters", "en", "123 -- !!", ""},
		{"invalid UTF-8 is skipped", "en", "Bl\xffinken", "blnkn"},
		{"Arabic presentation forms", "ar", "ﺑﻠﻴﻨﻜﻦ", "blnkn"},
		{"Arabic diacritics and tatweel", "ar", "بَلِيـنْكِن", "blnkn"},
		{"hyphen splits words", "en", "Jean-Yves Le Drian", "kn afs l drn"},
		{"possessive dropped", "en", "Blinken's", "blnkn"},
		{"Turkish suffix after apostrophe", "tr", "Erdoğan'ın", "ardkn"},
		{"O'Brien kept whole", "en", "O'Brien", "abrn"},
		{"article al- dropped", "en", "al-Assad", "asd"},
		{"Al as a first name kept", "en", "Al", "al"},
		{"Greek script has no key", "el", "Μητσοτάκης", ""},
		{"German z = ts", "de", "Scholz", "xlts"},
		{"Polish sz", "pl", "Szydło", "xdl"},
		{"Spanish j = h", "es", "Juan", "hn"},
		{"Italian c before i", "it", "Ciampi", "xmb"},
		{"Turkish c = j", "tr", "Cem", "km"},
		{"pinyin of a Chinese place", "zh", "北京", "bkn"},
		{"Serbian Cyrillic", "sr", "Вучић", "fxx"},
	}
	for _, tc := range tests {
		if got := Key(tc.lang, tc.name); got != tc.want {
			t.Errorf("%s: Key(%q, %q) = %q, want %q", tc.phenomenon, tc.lang, tc.name, got, tc.want)
		}
	}
}

func TestDistanceWeights(t *testing.T) {
	tests := []struct {
		phenomenon, a, b string
		want             float64
	}{
		{"equal", "blnkn", "blnkn", 0},
		{"t next to s is weak", "knts", "kns", 0.5},
		{"h is weak", "mhmd", "mmd", 0.5},
		{"sh and s are near", "ktrs", "ktrx", 0.5},
		{"l and r are not near", "blk", "brk", 1},
		{"d and t are not near", "bdn", "btn", 1},
		{"other letters cost one", "ardkn", "ardrn", 1},
		{"empty against a key", "", "bdn", 3},
	}
	for _, tc := range tests {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: Distance(%q, %q) = %v, want %v", tc.phenomenon, tc.a, tc.b, got, tc.want)
		}
		if got := Distance(tc.b, tc.a); got != tc.want {
			t.Errorf("%s (swapped): Distance = %v, want %v", tc.phenomenon, got, tc.want)
		}
	}
}

func TestHanReadingTable(t *testing.T) {
	for r, want := range map[rune]string{'布': "bu", '林': "lin", '肯': "ken", '拜': "bai", '登': "deng", '京': "jing"} {
		if got := HanReading(r); got != want {
			t.Errorf("HanReading(%q) = %q, want %q", r, got, want)
		}
	}
	if HanReading('a') != "" {
		t.Errorf("HanReading('a') should be empty")
	}
	n := 0
	for _, line := range strings.Split(hanTable, "\n") {
		if _, chars, ok := strings.Cut(line, "\t"); ok {
			n += len([]rune(chars))
		}
	}
	if n < 3000 {
		t.Errorf("han.txt holds %d characters, want ≥ 3000 (regenerate with go generate)", n)
	}
}
