package entity

// Word lists for Latin and Cyrillic scripts, lookup-folded (lower case,
// no diacritics), all languages together.

// latConnectors may stand inside a name between capitalised words.
var latConnectors = setOf("de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "von", "van",
	"der", "den", "ter", "al", "el", "bin", "ibn", "ben", "bint", "abu", "y", "zu", "af", "mac", "st")

// latOrgWords make a capitalised run an organisation.
var latOrgWords = setOf(
	"party", "ministry", "university", "council", "committee", "court", "bank", "police", "department", "agency",
	"association", "union", "company", "corporation", "corp", "inc", "ltd", "llc", "group", "army", "house",
	"senate", "congress", "parliament", "office", "organization", "organisation", "institute", "foundation",
	"federation", "club", "news", "times", "post", "journal", "press", "fc", "league", "church", "government",
	"commission", "authority", "service", "services", "school", "college", "hospital", "network", "tv", "radio",
	"airlines", "airways", "forces", "navy", "guard", "board", "administration", "reuters", "associated",
	"partei", "ministerium", "universitat", "bundestag", "rat", "gericht", "polizei", "ag", "gmbh", "verband",
	"regierung", "bundesregierung", "kommission", "verein", "stiftung", "institut", "zeitung", "bundeswehr",
	"partido", "ministerio", "universidad", "consejo", "tribunal", "banco", "policia", "gobierno", "comision",
	"congreso", "senado", "ejercito", "fundacion", "asociacion", "instituto", "sindicato",
	"parti", "ministere", "universite", "conseil", "banque", "gouvernement", "assemblee", "armee",
	"partisi", "bakanligi", "universitesi", "meclisi", "bankasi", "baskanligi", "kurumu", "belediyesi", "derneği",
	"партия", "министерство", "университет", "правительство", "partia", "ministerstwo", "uniwersytet", "rzad", "sejm",
)

// latStop are function words of the supported Latin-script languages that
// are never names even when capitalised.
var latStop = setOf(
	"the", "a", "an", "and", "or", "but", "in", "on", "at", "of", "to", "for", "with", "by", "from", "as", "is",
	"was", "are", "were", "be", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our",
	"this", "that", "these", "those", "there", "here", "what", "when", "where", "who", "why", "how", "if", "after",
	"before", "while", "during", "since", "until", "about", "according", "also", "but", "not", "no", "yes", "all",
	"some", "many", "more", "most", "other", "such", "one", "two", "three", "new", "last", "first", "next", "so",
	"than", "then", "however", "meanwhile", "now", "today", "yesterday", "tomorrow", "just", "only", "even",
	"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen", "und", "oder", "aber",
	"im", "am", "um", "auf", "mit", "fur", "von", "zu", "bei", "nach", "aus", "auch", "nicht", "sie", "er", "es",
	"wir", "ich", "ihr", "sein", "seine", "ihre", "dieser", "diese", "dieses", "wie", "was", "wer", "wo", "wenn",
	"als", "dass", "ob", "noch", "schon", "nur", "so", "doch", "man", "heute", "gestern", "morgen",
	"el", "la", "los", "las", "un", "una", "unos", "unas", "y", "o", "pero", "en", "de", "del", "al", "con", "por",
	"para", "sin", "sobre", "entre", "que", "se", "su", "sus", "este", "esta", "estos", "estas", "ese", "esa",
	"como", "cuando", "donde", "tambien", "hoy", "ayer", "manana", "segun", "tras", "desde", "hasta", "lo", "le",
	"les", "et", "ou", "mais", "dans", "sur", "avec", "pour", "par", "ce", "cette", "ces", "il", "elle", "ils",
	"elles", "nous", "vous", "qui", "quand", "selon", "apres", "avant", "aujourd", "hier", "demain", "une", "des",
	"il", "lo", "gli", "le", "uno", "una", "e", "ma", "nel", "nella", "con", "per", "tra", "fra", "questo",
	"questa", "oggi", "ieri", "domani", "secondo", "dopo", "prima",
	"bir", "ve", "ile", "bu", "su", "o", "da", "de", "ama", "icin", "gibi", "daha", "en", "cok", "her", "bugun",
	"dun", "yarin", "ancak", "ise", "ki", "olarak", "sonra", "once",
	"и", "в", "на", "с", "по", "не", "что", "это", "как", "он", "она", "они", "мы", "но", "а", "или", "для",
	"из", "от", "до", "при", "после", "сегодня", "вчера", "завтра", "также",
	"i", "w", "na", "z", "do", "nie", "to", "że", "ze", "jak", "po", "dla", "od", "przez", "dzis", "wczoraj",
)

// calendar words (months, weekdays) in the supported languages; they are
// dates, not names.
var latCalendar = setOf(
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
	"december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"januar", "februar", "marz", "juni", "juli", "oktober", "dezember", "montag", "dienstag", "mittwoch",
	"donnerstag", "freitag", "samstag", "sonntag", "sonnabend",
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre",
	"noviembre", "diciembre", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
	"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
	"decembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
	"gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
	"lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica",
	"ocak", "subat", "mart", "nisan", "mayis", "haziran", "temmuz", "agustos", "eylul", "ekim", "kasim", "aralik",
	"pazartesi", "sali", "carsamba", "persembe", "cuma", "cumartesi", "pazar",
	"styczen", "luty", "marzec", "kwiecien", "maj", "czerwiec", "lipiec", "sierpien", "wrzesien", "pazdziernik",
	"listopad", "grudzien", "poniedziałek", "poniedzialek", "wtorek", "sroda", "czwartek", "piatek", "sobota", "niedziela",
	"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
	"декабря", "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
	"ноябрь", "декабрь", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"christmas", "weihnachten", "navidad", "noel", "silvester", "neujahr", "hanukkah", "ramadan", "ramazan",
	"понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
)
