package entity

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Titles and roles written before a person's name (Congressman Adam Schiff,
// Bundeskanzler Olaf Scholz, وزير الخارجية أنتوني بلينكن) are not part of
// the name: the extractor leaves them out of the name and its key, so
// "Congressman Adam Schiff" and "Adam Schiff" are one entity, and keeps
// them as the entity's Roles ("Adam Schiff — Congressman").
//
// titleWords lists the title words per language, as written; they are
// lookup-folded when the package loads (Präsident → prasident, الرئيس →
// الرييس, Cumhurbaşkanı → cumhurbaskani). A word of one language's list
// is a title in every text (names of one script are read the same way
// whatever the article's language). Chinese has no list: the extractor
// finds no Chinese person names (places only), so there is no name to
// strip a title from. Inflected forms are listed where news writes the
// title inflected before a name (pl premierem, ru министром).
var titleWords = map[string][]string{
	"en": {
		"Mr", "Mrs", "Ms", "Miss", "Mister", "Dr", "Doctor", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady",
		"President", "President-elect", "Vice", "Vice-President", "Minister", "Premier", "Prime", "Chancellor",
		"Secretary", "Secretary-General", "Senator", "Sen", "Congressman", "Congresswoman", "Congressmember",
		"Rep", "Representative", "Assemblyman", "Assemblywoman", "Assemblymember", "Councilman", "Councilwoman",
		"Councilmember", "Alderman", "Lawmaker", "Gov", "Governor", "Mayor", "Speaker", "Leader", "Whip",
		"Commissioner", "Chairman", "Chairwoman", "Chairperson", "Chief", "Executive", "CEO", "Director",
		"Founder", "Co-founder", "Cofounder", "Spokesman", "Spokeswoman", "Spokesperson", "Ambassador", "Envoy",
		"Attorney", "Atty", "Judge", "Justice", "Prosecutor", "Sheriff", "Detective", "Officer", "Trooper",
		"Inspector", "Superintendent", "Supt", "Deputy", "Deputies", "Treasurer", "Comptroller", "Coach",
		"General", "Gen", "Admiral", "Adm", "Colonel", "Col", "Lieutenant", "Lt", "Captain", "Capt", "Sergeant",
		"Sgt", "Corporal", "Cpl", "Commander", "Cmdr", "King", "Queen", "Prince", "Princess", "Crown", "Emir",
		"Sheikh", "Sultan", "Pope", "Cardinal", "Archbishop", "Bishop", "Rev", "Reverend", "Pastor", "Father",
		"Sister", "Rabbi", "Imam", "Ayatollah", "Hon", "St", "Former", "Foreign", "Defense", "Defence", "State",
		"Interior", "Health", "Finance", "Actor", "Actress", "Singer", "Rapper", "Comedian", "Journalist",
		"Novelist", "Astronaut", "Activist",
	},
	"de": {
		"Herr", "Frau", "Präsident", "Präsidentin", "Bundespräsident", "Bundeskanzler", "Bundeskanzlerin",
		"Kanzler", "Kanzlerin", "Vizekanzler", "Minister", "Ministerin", "Ministerpräsident",
		"Ministerpräsidentin", "Außenminister", "Außenministerin", "Gesundheitsminister", "Innenminister",
		"Bürgermeister", "Bürgermeisterin", "Oberbürgermeister", "Regierungschef", "Regierungschefin", "Chef",
		"Chefin", "Sprecher", "Sprecherin", "Trainer", "Papst", "König", "Königin", "Prinz", "Prinzessin",
		"Kardinal", "Bischof", "Pfarrer", "Abgeordneter", "Abgeordnete", "Senator", "Senatorin", "Gouverneur",
		"Staatssekretär", "Staatssekretärin", "Kommissar", "Kommissarin",
	},
	"es": {
		"Señor", "Señora", "Sr", "Sra", "Dr", "Dra", "Doctor", "Doctora", "Presidente", "Presidenta",
		"Expresidente", "Expresidenta", "Vicepresidente", "Vicepresidenta", "Ministro", "Ministra", "Exministro",
		"Exministra", "Canciller", "Secretario", "Secretaria", "Senador", "Senadora", "Diputado", "Diputada",
		"Gobernador", "Gobernadora", "Alcalde", "Alcaldesa", "Concejal", "Concejala", "Consejero", "Consejera",
		"Embajador", "Embajadora", "Portavoz", "Juez", "Jueza", "Fiscal", "Comandante", "Coronel", "Rey", "Reina",
		"Príncipe", "Princesa", "Papa", "Don", "Doña",
	},
	"fr": {
		"M", "Mme", "Mlle", "Monsieur", "Madame", "Président", "Présidente", "Ex-président", "Vice-président",
		"Ministre", "Premier", "Secrétaire", "Maire", "Sénateur", "Sénatrice", "Député", "Députée",
		"Ambassadeur", "Ambassadrice", "Porte-parole", "Commissaire", "Préfet", "Préfète", "Juge", "Procureur",
		"Général", "Docteur", "Roi", "Reine", "Prince", "Princesse", "Pape", "Mgr", "Porte",
	},
	"it": {
		"Presidente", "Premier", "Vicepremier", "Ministro", "Ministra", "Viceministro", "Sottosegretario",
		"Segretario", "Segretaria", "Sindaco", "Senatore", "Senatrice", "Deputato", "Deputata", "Onorevole",
		"Governatore", "Governatrice", "Ambasciatore", "Commissario", "Procuratore", "Giudice", "Portavoce",
		"Generale", "Dottor", "Dottore", "Dottoressa", "Dott", "Avvocato", "Avv", "Signor", "Signora", "Sig",
		"Papa", "Re", "Regina", "Principe", "Principessa", "Cardinale", "Monsignor",
	},
	"pl": {
		"Prezydent", "Prezydenta", "Prezydentem", "Premier", "Premiera", "Premierem", "Wicepremier", "Minister",
		"Ministra", "Ministrem", "Poseł", "Posła", "Posłem", "Posłanka", "Senator", "Marszałek", "Marszałka",
		"Prezes", "Prezesa", "Rzecznik", "Rzeczniczka", "Burmistrz", "Wojewoda", "Pan", "Pani", "Ksiądz", "Ks",
		"Biskup", "Kardynał", "Papież", "Generał", "Król", "Królowa", "Mecenas",
	},
	"ru": {
		"Президент", "Президента", "Президентом", "Премьер", "Премьер-министр", "Премьер-министра", "Вице-премьер",
		"Министр", "Министра", "Министром", "Глава", "Главы", "Канцлер", "Госсекретарь", "Посол", "Губернатор",
		"Мэр", "Депутат", "Сенатор", "Спикер", "Председатель", "Пресс-секретарь", "Генсек", "Генерал",
		"Патриарх", "Король", "Королева", "Принц", "Принцесса", "Господин", "Госпожа",
	},
	"tr": {
		"Cumhurbaşkanı", "Bakan", "Bakanı", "Başbakan", "Başbakanı", "Başkan", "Başkanı", "Yardımcısı", "Genel",
		"Milletvekili", "Vali", "Valisi", "Belediye", "Sözcü", "Sözcüsü", "Büyükelçi", "Büyükelçisi", "Sayın",
		"Dışişleri", "Savunma", "İçişleri", "Sağlık", "Kaymakam", "Kaymakamı", "Rektör", "Rektörü", "Müdür",
		"Müdürü", "Savcı", "Başsavcı", "Hakim", "Orgeneral", "Korgeneral", "Tümgeneral", "Tuğgeneral", "Albay",
		"Kral", "Kraliçe", "Prens", "Doç", "Av",
	},
	// Arabic titles open a title phrase (arabicNames reads the modifiers
	// after them: وزير الخارجية الأميركي); the forms with and without the
	// article are listed, proclitics (و ف ب ل ك) are stripped when read.
	"ar": {
		"وزير", "وزيره", "الوزير", "الوزيره", "مستشار", "مستشاره", "المستشار", "المستشاره", "رئيس", "رئيسة",
		"الرئيس", "الرئيسة", "المتحدث", "المتحدثه", "متحدث", "الناطق", "ناطق", "الامين", "امين", "السفير",
		"السفيره", "سفير", "الملك", "الملكه", "الامير", "الاميره", "امير", "الشيخ", "الشيخه", "نظيره", "نظيرته",
		"نظيرها", "نائب", "النائب", "النائبة", "الدكتور", "الدكتوره", "اللواء", "العميد", "العقيد", "الفريق",
		"المشير", "الجنرال", "المهندس", "المهندسه", "الفنان", "الفنانه", "اللاعب", "اللاعبه", "المدرب", "مدرب",
		"القاضي", "المحامي", "الكاتب", "الكاتبه", "الصحفي", "الصحفيه", "الاعلامي", "الاعلاميه", "السيد",
		"السيده", "البابا", "الامام", "زعيم", "الزعيم", "قائد", "القائد", "المرشد", "محافظ", "المحافظ", "مدير",
		"مديره", "المدير", "المديره", "عضو", "النجم", "النجمه", "المخرج", "الشاعر", "الروائي", "مراسل",
		"الحاخام", "المبعوث", "مبعوث", "المندوب", "مندوب", "ولي", "العاهل", "الكابتن", "الحارس", "المهاجم",
		"المطرب", "المطربه", "المغني", "المغنيه", "الممثل", "الممثله", "الاستاذ", "الباحث", "المرشح", "المرشحه",
		"مرشح", "رجل", "الداعيه", "المفتي", "السيناتور", "سيناتور", "حاكم", "العمده", "عمده",
		"البروفيسور", "الكاردينال", "البطريرك", "المطران", "القس", "السلطان",
		// accusative forms, which end a name (عيّن فلان مديرا)
		"مديرا", "رئيسا", "وزيرا", "سفيرا", "مستشارا", "نائبا", "مدربا", "امينا", "محافظا", "عضوا", "عميد",
	},
}

// lookupFold returns the lookup folding (foldLookup) of s.
func lookupFold(s string) string { return string(foldLookup(nil, s)) }

// titleSuffixes end German (and Dutch, Scandinavian) compound titles:
// Verteidigungsminister, Sicherheitsberater, Regierungssprecherin,
// Ex-Kanzler. Lookup-folded.
var titleSuffixes = []string{"minister", "ministerin", "berater", "beraterin", "chef", "chefin", "prasident",
	"prasidentin", "sprecher", "sprecherin", "kanzler", "kanzlerin", "sekretar", "sekretarin", "botschafter",
	"botschafterin", "fuhrer", "fuhrerin", "leiter", "leiterin", "direktor", "direktorin", "vorsitzende",
	"vorsitzender", "trainer", "trainerin", "kommissar", "kommissarin", "beauftragte", "beauftragter",
	"regisseur", "regisseurin", "rat", "ratin", "bildner", "bildnerin", "meister", "meisterin", "dirigent",
	"dirigentin", "autor", "autorin", "sanger", "sangerin", "schauspieler", "schauspielerin", "abgeordnete",
	"abgeordneter", "politiker", "politikerin", "experte", "expertin", "anwalt", "anwaltin", "richter", "richterin",
	"moderator", "moderatorin", "kunstler", "kunstlerin", "grunder", "grunderin", "senator", "senatorin"}

// titleAbbrevs are title abbreviations written with a full stop that does
// not end the sentence (Rev. Al Sharpton, Doç. Dr., Ks. Jan); scan also
// keeps its own list (Mr., Dr., Sen.…). Lookup-folded.
var titleAbbrevs = setOf("rev", "hon", "atty", "supt", "det", "cmdr", "cpl", "mgr", "dott", "avv", "doc", "av",
	"ks", "dra", "sig", "mme", "mlle")

// latTitles (Latin and Cyrillic scripts) and arTitles (Arabic script) are
// the lookup-folded title words of every language.
var latTitles, arTitles = func() (lat, ar map[string]bool) {
	lat, ar = map[string]bool{}, map[string]bool{}
	for _, ws := range titleWords {
		for _, w := range ws {
			f := lookupFold(w)
			if isArabicText(f) {
				ar[f] = true
			} else {
				lat[f] = true
			}
		}
	}
	return lat, ar
}()

// titleEnds holds the last two bytes of each title suffix.
var titleEnds = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range titleSuffixes {
		m[s[len(s)-2:]] = true
	}
	return m
}()

// isLatTitle reports whether folded word f is a title word.
func isLatTitle(f string) bool {
	if latTitles[f] {
		return true
	}
	if len(f) < 6 || !titleEnds[f[len(f)-2:]] {
		return false
	}
	for _, s := range titleSuffixes {
		if len(f) > len(s)+2 && f[len(f)-len(s):] == s {
			return true
		}
	}
	return false
}

// titleLinks join a title to its portfolio: Secretary of State, ministre
// de l'Intérieur, ministro degli Esteri, Minister für Gesundheit.
var titleLinks = setOf("of", "for", "de", "du", "des", "la", "l", "d", "del", "della", "degli", "dell", "di",
	"dei", "delle", "fur", "der")

// nameLikeTitles are title words that are also often a word of a name
// (Martin Luther King, Prince Harry's son, Don Lemon): inside a run of
// capitalised words they split a role from a name only after an
// organisation or another title (House Speaker, Police Chief).
var nameLikeTitles = setOf("king", "queen", "prince", "princess", "lord", "lady", "sir", "dame", "sister", "father",
	"st", "don", "dona", "papa", "pope", "rey", "reina", "roi", "reine", "re", "chief", "general", "crown", "pan",
	"pani", "kral", "prens", "miss", "justice", "state", "former", "vice", "prime", "premier", "genel", "belediye")

// modifierTitles are title words that only qualify another (Foreign
// Minister, former president, Dışişleri Bakanı): no title on their own.
var modifierTitles = setOf("state", "health", "finance", "interior", "foreign", "defense", "defence", "former",
	"vice", "prime", "deputy", "executive", "chief", "crown", "genel", "disisleri", "savunma", "icisleri", "saglik",
	"belediye", "yardimcisi")

// latRole finds the title of the name in the capitalised run toks[a:b]
// (a is where the name starts once leading title words were skipped):
// the title words just before it — inside the run, or before the run in
// lower case (el presidente Pedro Sánchez, former president) —, a
// portfolio joined by a link word (Secretary of State Antony Blinken,
// ministre de l'Intérieur Gérald Darmanin: the portfolio's capitalised
// words, common words of the language, leave the name), or an
// organisation and title before the name inside the run (House Speaker
// Nancy Pelosi, Apple CEO Tim Cook, CHP Genel Başkanı Kemal
// Kılıçdaroğlu). It returns where the name starts and the role as
// written ("" when there is none).
func (x *extractor) latRole(a, b int) (int, string) {
	toks := x.toks
	// An organisation or title inside the run before the name: split after
	// the last title word that has name words after it.
	for t := b - 2; t >= a; t-- {
		if !isLatTitle(toks[t].f) || isLatTitle(toks[t+1].f) {
			continue
		}
		prefix := true // every word before the title is an organisation, a title or an acronym
		for k := a; k < t; k++ {
			if f := toks[k].f; !latOrgWords[f] && !isLatTitle(f) && !toks[k].upper && x.cw[f]&flagCommon == 0 {
				prefix = false
			}
		}
		if prefix && t > a || b-t-1 >= 2 && !nameLikeTitles[toks[t].f] {
			return t + 1, x.roleText(a, t+1)
		}
		break
	}
	// A portfolio: title, link words, then capitalised common words.
	s, r := a, a
	for r > 0 && x.joined(r-1, r) && toks[r-1].cap && isLatTitle(toks[r-1].f) {
		r-- // back over the title words skipped (Minister of | Foreign | Affairs)
	}
	if p := x.titleBehindLinks(r); p >= 0 {
		for a+1 < b && (x.cw[toks[a].f]&flagCommon != 0 || isLatTitle(toks[a].f)) {
			a++
		}
		s = p
	}
	// Title words (and portfolios) right before the name.
	for s > 0 && x.joined(s-1, s) {
		if f := toks[s-1].f; isLatTitle(f) && !toks[s-1].arabic && !toks[s-1].digit {
			s--
			continue
		}
		if k := x.titleBehindLinks(s); k >= 0 {
			s = k // Secretary of | State
			continue
		}
		if x.used[s-1] {
			if k := x.titleBehindLinks(s - 1); k >= 0 {
				s = k // President of | Ukraine | Volodymyr Zelensky
				continue
			}
		}
		break
	}
	for k := s; k < a; k++ {
		if isLatTitle(toks[k].f) && !modifierTitles[toks[k].f] {
			return a, x.roleText(s, a)
		}
	}
	return a, "" // modifiers only (the health | Joe Biden): no title
}

// orgIn reports whether an organisation word is among toks (the name
// part of a run once its role is cut off: House | Speaker | Nancy Pelosi).
func orgIn(toks []tok) bool {
	for _, t := range toks {
		if latOrgWords[t.f] {
			return true
		}
	}
	return false
}

// titleBehindLinks returns the index of the title word before word i
// across one to three lower-case link words (Secretary of, ministre de
// l'), or -1.
func (x *extractor) titleBehindLinks(i int) int {
	k, links := i-1, 0
	for k >= 0 && links < 3 && !x.toks[k].cap && titleLinks[x.toks[k].f] && x.joined(k, k+1) {
		k--
		links++
	}
	if links == 0 || k < 0 || !x.joined(k, k+1) || x.toks[k].arabic || !isLatTitle(x.toks[k].f) || modifierTitles[x.toks[k].f] {
		return -1
	}
	return k
}

// joined reports whether words i and j = i+1 are separated only by white
// space within a line, or by an apostrophe (l'Intérieur).
func (x *extractor) joined(i, j int) bool {
	gap := x.text[x.toks[i].e:x.toks[j].s]
	if gap == "'" || gap == "’" {
		return true
	}
	if strings.HasPrefix(gap, ".") && len(x.toks[i].f) <= 4 && isLatTitle(x.toks[i].f) {
		gap = gap[1:] // Dr. | Anthony Fauci
	}
	for _, r := range gap {
		if !unicode.IsSpace(r) || r == '\n' {
			return false
		}
	}
	return gap != ""
}

// roleText returns words i..j-1 as written, with the full stop of a final
// abbreviation (Dr., Sen.) kept.
func (x *extractor) roleText(i, j int) string {
	s := x.span(i, j)
	if e := x.toks[j-1].e; e < len(x.text) && x.text[e] == '.' && len(x.toks[j-1].f) <= 4 {
		s += "."
	}
	return s
}

// arRole returns the Arabic title phrase of words i..j-1 (the title word,
// its modifiers and nationality: وزير الخارجية الأميركي) as written, the
// title's proclitics removed (ووزير → وزير, للرئيس → الرئيس).
func (x *extractor) arRole(i, j int) string {
	s := x.span(i, j)
	f := x.toks[i].f
	if strings.HasPrefix(f, "لل") || strings.HasPrefix(f, "ولل") {
		return "ال" + surfaceStrip(s, clitics(f)+1)
	}
	var vs [6]string
	n := arVariants(&vs, f)
	for k := 0; k < n; k++ {
		if arTitles[vs[k]] {
			return surfaceStrip(s, utf8.RuneCountInString(f)-utf8.RuneCountInString(vs[k]))
		}
	}
	return s
}

// roles returns the roles of mentions ms[idx] (see MergeRoles), most
// frequent first, at most 3.
func roles(ms []mention, idx []int) []string {
	type role struct {
		text string
		n    int
	}
	var rs []role
	for _, mi := range idx {
		r := ms[mi].role
		if r == "" {
			continue
		}
		k := 0
		for k < len(rs) && rs[k].text != r {
			k++
		}
		if k == len(rs) {
			rs = append(rs, role{text: r})
		}
		rs[k].n++
	}
	if len(rs) == 0 {
		return nil
	}
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].n > rs[b].n })
	texts := make([]string, len(rs))
	for k, r := range rs {
		texts[k] = r.text
	}
	out := MergeRoles(texts, nil)
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}

// MergeRoles returns the roles of a, then those of b, each once: two
// roles are one when their spelling-variant keys are equal (الرئيس
// الأميركي = الرئيس الأمريكي, Sen. = Sen), and a role whose words begin
// a longer one with the same first word gives way to it, in its place
// (الرئيس → الرئيس الأميركي, Secretary → Secretary of State; not رئيس
// الوزراء, whose first word is another).
func MergeRoles(a, b []string) []string {
	type role struct {
		text  string
		first string   // lookup folding of the first word
		words []string // NameKey words
	}
	var out []role
	for _, r := range append(append([]string(nil), a...), b...) {
		bare := strings.TrimSuffix(r, ".")
		ws := strings.Fields(NameKey(bare))
		fw, _, _ := strings.Cut(lookupFold(bare), " ")
		if len(ws) == 0 {
			continue
		}
		c := role{r, fw, ws}
		merged := false
		for k, o := range out {
			if o.first != c.first {
				continue
			}
			if isWordPrefix(c.words, o.words) {
				merged = true // already there, or a longer form is
				break
			}
			if isWordPrefix(o.words, c.words) {
				out[k] = c
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil
	}
	texts := make([]string, len(out))
	for k, r := range out {
		texts[k] = r.text
	}
	return texts
}

// isWordPrefix reports whether p is the first words of (or equal to) w.
func isWordPrefix(p, w []string) bool {
	if len(p) > len(w) {
		return false
	}
	for i := range p {
		if p[i] != w[i] {
			return false
		}
	}
	return true
}
