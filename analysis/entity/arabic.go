package entity

import (
	"strings"
	"unicode/utf8"
)

// Word lists for Arabic, lookup-folded (hamza forms → ا, ة → ه, ى → ي).

// arModifiers may stand inside a title phrase without being a name.
var arModifiers = setOf("باسم", "بالانابه", "العام", "الاعمال", "لشوون", "شوون", "الاسبق", "السابق", "الحالي",
	"المكلف", "الاول", "الثاني", "بن", "عهد", "الدوله", "العربيه", "المتحده", "الخارجيه", "الدفاع", "الامن", "القومي",
	"وزاره", "للامم", "لحقوق", "حقوق", "الانسان", "مجلس", "الوزراء", "الشوري", "النواب")

// arConnectors join the parts of an Arabic name.
var arConnectors = setOf("بن", "ابن", "ابو", "عبد", "ال", "بنت", "ابي", "دي", "دا", "فان", "فون")

// arStop are Arabic function words and frequent adverbs that never start
// or continue a name, whatever the word statistics say; month names and
// weekdays are here too (the dates package finds them).
var arStop = setOf(
	"في", "من", "علي", "الي", "عن", "مع", "ان", "او", "و", "ثم", "لا", "لم", "لن", "قد", "ما", "ماذا", "هذا", "هذه",
	"ذلك", "تلك", "هو", "هي", "هم", "هما", "نحن", "انا", "انت", "كان", "كانت", "يكون", "تكون", "بعد", "قبل", "خلال",
	"عند", "حين", "حيث", "كما", "بين", "منذ", "حتي", "اي", "كل", "بعض", "غير", "سوي", "لدي", "لكن", "بل", "اذا", "اذ",
	"لو", "وقد", "فقد", "لقد", "انه", "انها", "اليوم", "امس", "غدا", "الان", "ايضا", "فقط", "جدا", "قال", "وقال",
	"قالت", "وقالت", "اكد", "واكد", "اكدت", "واكدت", "اعلن", "واعلن", "اعلنت", "واعلنت", "اضاف", "واضاف", "اضافت",
	"واضافت", "اوضح", "واوضح", "اشار", "واشار", "ذكر", "وذكر", "ذكرت", "وذكرت", "تابع", "وتابع", "مضيفا", "مشيرا",
	"موضحا", "لافتا", "مؤكدا", "موكدا", "قايلا", "بحسب", "وفق", "وفقا", "نحو", "حول", "ضد", "دون", "عبر", "لدى",
	"يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر",
	"كانون", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول", "تشرين", "السبت", "الاحد", "الاثنين",
	"الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "يوم", "يوما", "عام", "عاما", "شهر", "سنه", "الي", "اليها", "اليه",
	"عليه", "عليها", "منه", "منها", "له", "لها", "به", "بها", "فيه", "فيها", "وهو", "وهي", "التي", "الذي", "الذين",
	"اللذين", "اللتين", "اللواتي", "هناك", "هنا", "كذلك", "وكذلك", "بشان", "اثناء", "عقب", "ازاء", "تجاه", "لدي",
	"بينما", "فيما", "تم", "سوف", "سيتم", "كيف", "متي", "اين", "لماذا", "هل", "نعم", "ليس", "ليست", "يجب", "يمكن", "جميع", "كافه", "عده",
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// arVariants writes into dst the forms of a folded Arabic word with its
// proclitics stripped, longest first: the word itself, then without و/ف,
// then without ب/ل/ك, then without the article (لل counts as ل + ال).
// Only remainders of at least 2 letters are given. It returns the count.
func arVariants(dst *[6]string, f string) int {
	n := 0
	add := func(s string) {
		if n < len(dst) && utf8.RuneCountInString(s) >= 2 {
			for k := 0; k < n; k++ {
				if dst[k] == s {
					return
				}
			}
			dst[n] = s
			n++
		}
	}
	add(f)
	s := f
	if strings.HasPrefix(s, "و") || strings.HasPrefix(s, "ف") {
		s = s[len("و"):]
		add(s)
	}
	base := s
	if strings.HasPrefix(base, "لل") {
		add("ال" + base[len("لل"):])
		add(base[len("لل"):])
		return n
	}
	if strings.HasPrefix(base, "ب") || strings.HasPrefix(base, "ل") || strings.HasPrefix(base, "ك") {
		base = base[len("ب"):]
		add(base)
	}
	if strings.HasPrefix(base, "ال") {
		add(base[len("ال"):])
	}
	return n
}

// hasArticle reports whether a folded Arabic word starts with the article,
// possibly after a proclitic (الخارجيه, والخارجيه, بالخارجيه, للخارجيه).
func hasArticle(f string) bool {
	if strings.HasPrefix(f, "لل") {
		return true
	}
	for _, p := range []string{"ال", "وال", "فال", "بال", "كال", "وبال", "ولل"} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// verbLike reports whether a folded Arabic word has the shape of an
// imperfect verb (يلتقيان, تبحثان, نعمل) or a past plural (التقوا):
// such a word is not taken as a one-word name.
func verbLike(f string) bool {
	n := utf8.RuneCountInString(f)
	if n < 4 || arFirstNames[f] {
		return false
	}
	r0, _ := utf8.DecodeRuneInString(f)
	if strings.HasPrefix(f, "سي") || strings.HasPrefix(f, "ست") || strings.HasPrefix(f, "سن") {
		return true // future: سيلتقي, ستبحث
	}
	switch {
	case r0 == 'ي':
		return true
	case r0 == 'ت' || r0 == 'ن':
		return n >= 5 || strings.HasSuffix(f, "ان") || strings.HasSuffix(f, "ون") || strings.HasSuffix(f, "وا")
	}
	return strings.HasSuffix(f, "وا")
}

// arFirstNames are given names that look like verbs (يوسف, تامر, نبيل).
var arFirstNames = setOf("يوسف", "ياسين", "يحيي", "يسرا", "يزيد", "يعقوب", "يونس", "ياسر", "ياسمين", "يسري",
	"تامر", "توفيق", "تركي", "تميم", "نبيل", "نادر", "ناصر", "نجيب", "نزار", "نعيم", "نوال", "نور", "نهي",
	"نجلاء", "نبيه", "نصر", "نتنياهو", "تيريزا", "نيكولاس", "ناتالي", "توني", "تيم", "توماس", "نيكول",
	// names that start like a proclitic on a word (كمال = ك + مال)
	"كمال", "كامل", "كريم", "بسام", "باسل", "بشير", "بلال", "لطفي", "ليلي", "لينا", "بدر", "بكر", "فيصل",
	"فاطمه", "فادي", "فواد", "فهد", "فراس", "فريد", "فايز", "فتحي", "لبني", "بشار", "باسم", "بهاء", "كوثر")
