package dates

// Calendar words, folded (lower case, no diacritics; Arabic hamza forms →
// ا, ة → ه, ى → ي). All languages in one table: a month name of any
// supported language is read in any text.

// months maps a month name (either Arabic series, and the names of en, de,
// es, fr, it, pl, ru, tr, with their genitive and short forms) to 1..12.
var months = map[string]int{
	// Arabic, Egyptian/Gulf series
	"يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7,
	"اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
	// Arabic, Levantine/Iraqi series (كانون and تشرين are read with the
	// following الأول/الثاني, see twoWordMonths)
	"شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9,
	// Arabic, Maghreb series
	"جانفي": 1, "فيفري": 2, "افريل": 4, "جوان": 6, "جويليه": 7, "اوت": 8,
	// en
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
	"jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	// de
	"januar": 1, "jänner": 1, "janner": 1, "februar": 2, "marz": 3, "mai": 5, "juni": 6, "juli": 7,
	"oktober": 10, "dezember": 12,
	// es
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
	"septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	// fr
	"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "aout": 8, "septembre": 9,
	"octobre": 10, "novembre": 11, "decembre": 12,
	// it
	"gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
	"ottobre": 10, "dicembre": 12,
	// pl, nominative and genitive
	"styczen": 1, "stycznia": 1, "luty": 2, "lutego": 2, "marzec": 3, "marca": 3, "kwiecien": 4, "kwietnia": 4,
	"maj": 5, "maja": 5, "czerwiec": 6, "czerwca": 6, "lipiec": 7, "lipca": 7, "sierpien": 8, "sierpnia": 8,
	"wrzesien": 9, "wrzesnia": 9, "pazdziernik": 10, "pazdziernika": 10, "listopad": 11, "listopada": 11,
	"grudzien": 12, "grudnia": 12,
	// ru, nominative and genitive
	"январь": 1, "января": 1, "февраль": 2, "февраля": 2, "март": 3, "марта": 3, "апрель": 4, "апреля": 4,
	"май": 5, "мая": 5, "июнь": 6, "июня": 6, "июль": 7, "июля": 7, "август": 8, "августа": 8,
	"сентябрь": 9, "сентября": 9, "октябрь": 10, "октября": 10, "ноябрь": 11, "ноября": 11,
	"декабрь": 12, "декабря": 12,
	// tr
	"ocak": 1, "subat": 2, "mart": 3, "nisan": 4, "mayis": 5, "haziran": 6, "temmuz": 7, "agustos": 8,
	"eylul": 9, "ekim": 10, "kasim": 11, "aralik": 12,
}

// twoWordMonths are the Levantine months written in two words.
var twoWordMonths = map[string]int{
	"كانون الثاني": 1, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
}

// weekdays maps a weekday name to its time.Weekday (Sunday = 0).
var weekdays = map[string]int{
	"الاحد": 0, "الاثنين": 1, "الثلاثاء": 2, "الاربعاء": 3, "الخميس": 4, "الجمعه": 5, "السبت": 6,
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
	"sonntag": 0, "montag": 1, "dienstag": 2, "mittwoch": 3, "donnerstag": 4, "freitag": 5, "samstag": 6, "sonnabend": 6,
	"domingo": 0, "lunes": 1, "martes": 2, "miercoles": 3, "jueves": 4, "viernes": 5, "sabado": 6,
	"dimanche": 0, "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6,
	"domenica": 0, "lunedi": 1, "martedi": 2, "mercoledi": 3, "giovedi": 4, "venerdi": 5, "sabato": 6,
	"niedziela": 0, "niedziele": 0, "poniedzialek": 1, "wtorek": 2, "sroda": 3, "srode": 3, "czwartek": 4, "piatek": 5, "sobota": 6, "sobote": 6,
	"воскресенье": 0, "понедельник": 1, "вторник": 2, "среда": 3, "среду": 3, "четверг": 4, "пятница": 5, "пятницу": 5, "суббота": 6, "субботу": 6,
	"pazar": 0, "pazartesi": 1, "sali": 2, "carsamba": 3, "persembe": 4, "cuma": 5, "cumartesi": 6,
}

// capitalisedWeekday are weekday names that are common words unless
// written with a capital (Turkish pazar = market, cuma; English may …).
var capitalisedWeekday = map[string]bool{"pazar": true, "sali": true, "cuma": true}

// ambiguousMonth are month names that are common words too (English
// "may", "march"; Arabic آب = father); they count only beside a day.
var ambiguousMonth = map[string]bool{"may": true, "march": true, "mar": true, "jan": true, "dec": true,
	"sep": true, "oct": true, "aug": true, "jun": true, "jul": true, "apr": true, "feb": true, "nov": true,
	"اب": true, "mart": true, "ekim": true, "ocak": true, "mai": true, "mars": true, "maj": true}

// relatives maps a word for a day relative to the article's date to its
// offset in days.
var relatives = map[string]int{
	"اليوم": 0, "امس": -1, "الامس": -1, "البارحه": -1, "غدا": 1, "الغد": 1,
	"today": 0, "yesterday": -1, "tomorrow": 1,
	"heute": 0, "gestern": -1, "morgen": 1, "vorgestern": -2, "ubermorgen": 2,
	"hoy": 0, "ayer": -1, "anteayer": -2, "antier": -2,
	"aujourd": 0, "hier": -1, "demain": 1, "avant-hier": -2,
	"oggi": 0, "ieri": -1, "domani": 1,
	"bugun": 0, "dun": -1, "yarin": 1,
	"сегодня": 0, "вчера": -1, "завтра": 1, "позавчера": -2,
	"dzis": 0, "dzisiaj": 0, "wczoraj": -1, "jutro": 1, "przedwczoraj": -2,
}

// relLang are relative-day words that are other words in other languages
// (German "hier" = here, French "hier" = yesterday); they are read only in
// their language, or when the language is not given.
var relLang = map[string]string{"hier": "fr", "morgen": "de", "manana": "es", "dun": "tr", "yarin": "tr",
	"heute": "de", "oggi": "it", "ieri": "it", "domani": "it", "demain": "fr", "jutro": "pl"}

// weekdayNames are the English names used in Date.Weekday.
var weekdayNames = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
