package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// countryAliases are the common short or informal names of countries that
// the CLDR display names lack (CLDR has "الولايات المتحدة", not "أميركا"),
// and irregular demonyms that the stem + suffix rule cannot build. All
// languages in one table: a form is matched in any language.
var countryAliases = map[string][]string{
	"US": {"أمريكا", "أميركا", "امريكا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية",
		"America", "USA", "U.S.", "U.S.A.", "United States of America", "Amerika", "América", "Amérique",
		"EEUU", "EE.UU.", "EE. UU.", "Estados Unidos de América", "ABD", "Америка", "США", "Stany Zjednoczone",
		"American", "Americans", "amerikanisch", "amerikanische", "amerikanischen", "amerikanischer", "amerikanisches",
		"Amerikaner", "estadounidense", "estadounidenses", "norteamericano", "norteamericana", "norteamericanos",
		"américain", "américaine", "américains", "américaines", "americano", "americana", "americani", "americane",
		"amerykański", "amerykańska", "amerykańskie", "amerykańskiego", "amerykańskiej", "американский", "американская",
		"американские", "американского", "американской", "Amerikalı", "Amerikan"},
	"GB": {"بريطانيا", "المملكة المتحدة", "Britain", "Great Britain", "UK", "U.K.", "Großbritannien", "Reino Unido",
		"Gran Bretaña", "Grande-Bretagne", "Royaume-Uni", "Gran Bretagna", "Regno Unito", "Wielka Brytania",
		"Великобритания", "Британия", "İngiltere", "Birleşik Krallık", "British", "britisch", "britische", "britischen",
		"británico", "británica", "británicos", "britannique", "britanniques", "britannico", "britannica",
		"brytyjski", "brytyjska", "британский", "британская", "İngiliz"},
	"PS": {"فلسطين", "Palestine", "Palästina", "Palestina", "Палестина", "Filistin", "الأراضي الفلسطينية"},
	"IL": {"Израиль", "İsrail"},
	"AE": {"الإمارات", "الامارات", "UAE", "Emirates", "VAE", "EAU", "BAE", "ОАЭ"},
	"SA": {"السعودية", "Saudi", "Saudi-Arabien", "Arabia Saudí", "Arabie saoudite", "Suudi Arabistan", "Suudi"},
	"SY": {"سورية"},
	"KR": {"South Korea", "Südkorea", "Corea del Sur", "Corée du Sud", "Güney Kore", "Южная Корея"},
	"KP": {"North Korea", "Nordkorea", "Corea del Norte", "Corée du Nord", "Kuzey Kore", "КНДР", "Северная Корея"},
	"RU": {"Rusia", "Russland", "Rosja", "Rusya", "Russie", "Russian", "russisch", "russische", "russischen", "ruso", "rusa",
		"rusos", "russe", "russes", "russo", "russa", "rosyjski", "российский", "российская", "Rus"},
	"CN": {"Chinese", "chinesisch", "chinesische", "chinesischen", "chino", "china", "chinos", "chinois", "chinoise",
		"cinese", "cinesi", "chiński", "китайский", "китайская", "Çinli"},
	"DE": {"German", "Germans", "deutsch", "deutsche", "deutschen", "deutscher", "alemán", "alemana", "alemanes",
		"allemand", "allemande", "tedesco", "tedesca", "tedeschi", "niemiecki", "немецкий", "Alman", "BRD"},
	"FR": {"French", "französisch", "französische", "französischen", "francés", "francesa", "français", "française",
		"francese", "francesi", "francuski", "французский", "Fransız"},
	"TR": {"Turkey", "Türkiye", "Turkish", "türkisch", "türkische", "türkischen", "turco", "turca", "turcos", "turc",
		"turque", "turchi", "turecki", "турецкий", "Türk", "Turks"},
	"ES": {"Spanish", "spanisch", "spanische", "español", "española", "españoles", "espagnol", "espagnole", "spagnolo",
		"hiszpański", "испанский", "İspanyol"},
	"GR": {"Greek", "griechisch", "griechische", "griego", "grec", "grecque", "greco", "grecki", "греческий", "Yunan"},
	"NL": {"Holland", "Dutch", "niederländisch", "niederländische", "holandés", "néerlandais", "olandese"},
	"CH": {"Swiss", "schweizerisch", "Schweizer", "suizo", "suisse", "svizzero"},
	"PL": {"Polish", "polnisch", "polnische", "polaco", "polonais", "polacco", "polski", "polska", "польский"},
	"JP": {"Japanese", "japanisch", "japanische", "japonés", "japonais", "giapponese", "japoński", "японский", "Japon"},
	"LB": {"Lebanese", "libanesisch", "libanés", "libanais", "libanese"},
	"SD": {"Sudanese"},
	"PT": {"Portuguese", "portugiesisch", "portugués", "portugais", "portoghese"},
	"AF": {"Afghan", "afghanisch", "afgano", "afghan", "afghane"},
	"EG": {"ägyptisch", "ägyptische", "egipcio", "egipcia", "égyptien", "égyptienne", "egiziano", "Mısırlı"},
	"TH": {"Thai"},
	"IE": {"Irish", "irisch"},
	"SE": {"Swedish", "schwedisch", "sueco", "suédois", "svedese"},
	"DK": {"Danish", "dänisch", "danés", "danois", "danese"},
	"FI": {"Finnish", "finnisch"},
	"VA": {"Vatican", "Vatikan", "Vaticano"},
}

// cityAliases are names of cities (keyed by the folded English GeoNames
// name) that GeoNames lacks; "Gaza Strip" is taken as Gaza, as the news
// uses both for one place.
var cityAliases = map[string][]string{
	"gaza": {"قطاع غزة", "Gaza Strip", "Gazastreifen", "Franja de Gaza", "bande de Gaza", "Striscia di Gaza",
		"Strefa Gazy", "сектор Газа", "Газа", "Gazze", "Gazze Şeridi"},
	"jerusalem":  {"Kudüs", "القدس المحتلة", "Иерусалим", "Jerozolima", "Gerusalemme", "Jérusalem"},
	"tel aviv":   {"Tel Aviv-Yafo", "Тель-Авив", "تل ابيب"},
	"washington": {"Waszyngton", "Вашингтон", "Vaşington"},
	"moscow":     {"Moskau", "Moscú", "Moscou", "Mosca", "Moskwa", "Moskova", "Москва", "موسكو"},
	// Older and other-language exonyms that GeoNames files under another id
	// or not at all (checked by TestPlacesAcrossLanguages).
	"beirut":  {"Beyrouth", "Bejrut", "Бейрут", "بيروت"},
	"kyiv":    {"Kiew", "Kiev", "Kijów", "Kiyev", "Киев", "Київ", "كييف"},
	"beijing": {"Peking", "Pékin", "Pekín", "Pechino", "Pekin", "Пекин", "بكين"},
	"amman":   {"Amán", "Ammán", "Амман"},
}

// arAliasNisba are Arabic country stems whose nisba the generic rule cannot
// build from the CLDR name (أميركي from أميركا is built from the alias).
// Countries left out of nisba generation because their nisba is a common
// word: Mali (مالي = financial), Chad, Oman (عماني ~ عمان = Amman).
var noNisba = map[string]bool{"ML": true, "TD": true, "OM": true, "TO": true, "NU": true, "GU": true, "CU": true, "PE": true, "NE": true}

// arShortCities are the Arabic city names of three letters or fewer that
// are taken; other short names clash with common words (مين, قصر, بلد).
var arShortCities = setOf("قدس", "غزه", "عدن", "رفح", "قنا", "جده", "حلب", "حمص", "دبي", "صور", "قم", "روما", "يافا", "عكا")

// Latin and Cyrillic demonym and inflection suffixes, lookup-folded, by
// language: a word is a country adjective when it is a country stem plus
// one of these. The empty language "" holds suffixes tried in every
// language.
var demSuffixes = map[string][]string{
	"en": {"s", "n", "ns", "i", "is", "an", "ans", "ian", "ians", "ese", "ish"},
	"de": {"s", "i", "is", "er", "ern", "erin", "isch", "ische", "ischen", "ischer", "isches", "ischem", "nisch", "nische", "nischen", "nischer", "nisches", "nischem"},
	"es": {"i", "ies", "o", "a", "os", "as", "no", "na", "nos", "nas", "ano", "ana", "anos", "anas", "ense", "enses", "es"},
	"fr": {"ien", "ienne", "iens", "iennes", "ais", "aise", "aises", "ain", "aine", "ains", "aines", "i", "ite", "ites", "ois", "oise"},
	"it": {"iano", "iana", "iani", "iane", "ese", "esi", "o", "a", "i", "e", "no", "na", "ni", "ne"},
	"pl": {"u", "a", "ie", "em", "ski", "ska", "skie", "skiego", "skiej", "skim", "skich", "ijski", "ijska", "ijskie", "ijskiego", "ijskiej", "czyk", "czycy"},
	"ru": {"а", "у", "е", "ом", "ой", "ии", "ию", "ия", "я", "ю", "ем", "ский", "ская", "ское", "ские", "ского", "ской", "ском", "ских", "ским", "ьский", "ьская", "ьские", "ьского", "ьской", "анский", "анская", "анские", "анского", "анской"},
	"tr": {"li", "lu", "liler", "lular", "lilar", "da", "de", "ta", "te", "dan", "den", "nin", "in", "un", "ya", "ye"},
}

// Arabic nisba endings (lookup-folded, ة already ه): ي, ية, يين, يون,
// يان, يتين, يتان, يات.
var arNisbaEnd = []string{"ي", "يه", "يين", "يون", "يان", "يتين", "يتان", "يات"}

func (g *gazetteer) addAliases() {
	for code, names := range countryAliases {
		i := g.country(code)
		if i < 0 {
			continue
		}
		for _, n := range names {
			f := splitFold(n)
			if _, ok := g.phrase[f]; ok && g.places[g.phrase[f]].country {
				// Already a country name; an alias must not steal it.
				if g.phrase[f] != i {
					continue
				}
			}
			g.setFolded(f, i)
			delete(g.langs, f)
			if strings.HasPrefix(f, "ال") {
				g.addFolded(f[len("ال"):], i)
			}
		}
	}
	if g.cities > 0 {
		idx := map[string]int32{}
		for i, p := range g.places {
			if !p.country {
				if _, ok := idx[p.key]; !ok {
					idx[p.key] = int32(i)
				}
			}
		}
		for k, names := range cityAliases {
			i, ok := idx["place:"+k]
			if !ok {
				continue
			}
			for _, n := range names {
				f := splitFold(n)
				if _, ok := g.phrase[f]; !ok || !g.places[g.phrase[f]].country {
					g.setFolded(f, i)
					delete(g.langs, f)
				}
			}
		}
	}
	// Country stems for nisba (Arabic) and demonym (other scripts) rules,
	// built from every single-word country name in the phrase table.
	type cand struct {
		f string
		i int32
	}
	var cs []cand
	for f, i := range g.phrase {
		if i < 0 || int(i) >= len(g.places) || !g.places[i].country || strings.IndexByte(f, ' ') >= 0 || f == "" {
			continue
		}
		cs = append(cs, cand{f, i})
	}
	for _, c := range cs {
		if r0, _ := utf8.DecodeRuneInString(c.f); r0 < 0x0600 || r0 > 0x06FF {
			g.lower[c.f] = c.i
		}
	}
	for _, c := range cs {
		code := strings.TrimPrefix(g.places[c.i].key, "place:")
		r0, _ := utf8.DecodeRuneInString(c.f)
		if r0 >= 0x0600 && r0 <= 0x06FF {
			if noNisba[code] {
				continue
			}
			base := strings.TrimPrefix(c.f, "ال")
			for _, suf := range []string{"ا", "ه", "يا"} {
				if strings.HasSuffix(base, suf) && utf8.RuneCountInString(base) > 3 {
					base = strings.TrimSuffix(base, suf)
					break
				}
			}
			base = strings.TrimSuffix(base, "ي")
			if utf8.RuneCountInString(base) < 2 {
				continue
			}
			for _, e := range arNisbaEnd {
				w := base + e
				if _, ok := g.adj[w]; !ok {
					g.adj[w] = c.i
				}
				if _, ok := g.adj["ال"+w]; !ok {
					g.adj["ال"+w] = c.i
				}
			}
			continue
		}
		if utf8.RuneCountInString(c.f) < 4 {
			continue
		}
		if noNisba[code] {
			continue
		}
		g.addStem(c.f, c.i)
		// Drop a final vowel, y or soft sign: Italy → Ital(ian), Russia →
		// Russi(an), Израиль → Израил(ьский).
		last, n := utf8.DecodeLastRuneInString(c.f)
		switch last {
		case 'a', 'e', 'i', 'o', 'y', 'а', 'я', 'ь', 'и':
			if s := c.f[:len(c.f)-n]; utf8.RuneCountInString(s) >= 4 {
				g.addStem(s, c.i)
			}
		}
	}
}

func (g *gazetteer) addStem(s string, i int32) {
	if _, ok := g.stems[s]; ok {
		return
	}
	g.stems[s] = i
	if len(s) >= 4 {
		g.stemPre[s[:4]] = true
	}
}

// demonym returns the country of a folded Latin/Cyrillic word built as
// country stem + suffix of lang, or -1. The longest stem wins.
func (g *gazetteer) demonym(lang, f string) int32 {
	if len(f) < 5 || !g.maybeStemPrefix(f[:4]) {
		return -1
	}
	best, bestLen := int32(-1), 0
	for _, s := range demSuffixes[lang] {
		if len(f) > len(s) && strings.HasSuffix(f, s) {
			stem := f[:len(f)-len(s)]
			if len(stem) <= bestLen || !g.maybe(stem) {
				continue
			}
			if i, ok := g.stems[stem]; ok {
				best, bestLen = i, len(stem)
			}
		}
	}
	return best
}

// blockedCities are GeoNames city names that are, in their language, far
// more often a common word than the place; they are not matched. Found by
// running the gazetteer over the dev articles and reading the matches.
var blockedCities = setOf(
	// Arabic words and first names (lookup-folded).
	"وان", "فان", "قوله", "حديثه", "يشير", "سالم", "جميل", "غالي", "منسي", "ميدان", "نعمه", "منشاه", "الخارجه",
	"خارجه", "الشهداء", "شهداء", "العين", "عين", "بندقيه", "سعيده", "هاله", "منزله", "ينوي", "دورا", "المركزي",
	"مركزي", "موندو", "نانسي", "مارتن", "نيوتن", "نيلسون", "ماديسون", "لورين", "هارفي", "فلاديمير", "كريم",
	"امل", "منصور", "نور", "سلط", "يوما", "الامن", "امن", "كان", "ايدن", "مور", "ريان", "جوبا", "ميادين",
	"الميادين", "البلد", "بلد", "الخليج", "خليج", "المنار", "الوادي", "وادي", "النصر", "نصر", "السلام", "سلام",
	"الجديده", "جديده", "القريه", "قريه", "المدينه", "مدينه", "الجزيره", "جزيره", "الرمل", "الساحل", "ساحل",
	"العاصمه", "عاصمه", "الشمال", "الجنوب", "الشرق", "الغرب", "فوجي", "ساير", "تاما", "الكنايس", "كنايس",
	"سفيره", "ساكو", "تاني", "بشري", "ريده", "قصور", "قصير", "البلاتين", "المساكن", "مساكن", "الزاويه", "زاويه",
	"العماره", "عماره", "اوبو", "فانتا", "معسكر", "زرقاء", "الزرقاء", "ايفانز", "اليزابيث", "جورج", "الاشهر",
	// Latin-script words.
	"of", "most", "split", "nice", "reading", "mobile", "bath", "sale", "police", "bar", "man", "orange", "ham",
	"mint", "gap", "van", "bury", "deal", "wells", "march", "may", "bologna", "aus", "zug", "essen", "halle",
	"worms", "hof", "bergen", "weil", "lage", "senden", "kaufen", "laufen", "buchen", "tun", "la", "el", "los",
	"como", "mar", "sur", "norte", "pueblo", "leon", "ciudad", "santa", "san", "cabo", "nord", "sud", "est",
	"ville", "mont", "fort", "port", "saint", "eu", "pau", "vie", "tours", "bienne", "sens", "avant", "of",
	"bir", "ordu", "sabah", "ana", "batman", "kale", "hatay", "bayram", "corona", "university", "union", "west",
	"east", "north", "south", "central", "western", "southern", "northern", "eastern", "federal", "metro",
	"centre", "center", "green", "best", "store", "bay", "god", "human", "young", "superior", "spring", "temple",
	"papa", "constitucion", "morena", "independencia", "valle", "tigre", "el segundo", "miranda", "rodriguez",
	"bende", "borsa", "brent", "ibb", "marion", "manta", "paul", "casa blanca", "krefeld", "victoria", "orion",
	"jupiter", "eden", "campbell", "ferguson", "taylor", "stanley", "wayne", "wright", "martin",
	"roman", "rest", "paradise", "keystone", "haar", "alma", "holt", "toyota", "xinhua", "golden", "victoria",
)

func blockedCity(lang, f string) bool {
	if blockedCities[f] {
		return true
	}
	// One- and two-letter names ("Y", "Å") are noise, except in Chinese
	// script, where most city names have two characters (北京, 上海).
	n := utf8.RuneCountInString(f)
	if r, _ := utf8.DecodeRuneInString(f); unicode.Is(unicode.Han, r) {
		return n < 2
	}
	return n < 3
}
