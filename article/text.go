package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseText reads a plain-text article: the first line with content is the
// title, the rest (cleaned by Clean) is the body. s is valid UTF-8.
func parseText(s string) (Article, error) {
	lines := splitLines(s)
	title, rest := "", lines[:0]
	sawFurniture := false
	for i, l := range lines {
		l = normLine(l)
		if l == "" {
			continue
		}
		if isFurniture(l) {
			sawFurniture = true
			continue
		}
		title, rest = l, lines[i+1:]
		break
	}
	if title == "" {
		if sawFurniture {
			return Article{}, problem(ErrNoText, "only page furniture (numbers, share buttons, counters)")
		}
		return Article{}, problem(ErrEmpty, "only white space")
	}
	body := cleanLines(rest)
	if body == "" {
		return Article{}, problem(ErrNoText, "a title line but no body text")
	}
	return Article{Title: title, Text: body}, nil
}

// Clean normalises an article body the way every reader in this package
// does, so that text from any source has one shape:
//
//   - line breaks (CR LF, CR, U+2028, U+2029, U+0085) become LF;
//   - in each line, control characters, soft hyphens and invisible
//     direction marks (U+200B, U+200E, U+200F, U+202A–U+202E,
//     U+2066–U+2069, U+FEFF) are removed, runs of white space become one
//     space, and the line is trimmed (ZWNJ and ZWJ are kept: Persian
//     spelling needs them);
//   - page furniture lines are dropped (see IsFurniture);
//   - the remaining non-empty lines are the paragraphs, joined by one
//     blank line ("\n\n").
//
// Clean is idempotent. Its cost is linear in len(text).
func Clean(text string) string { return cleanLines(splitLines(text)) }

func cleanLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		l = normLine(l)
		if l == "" || isFurniture(l) {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(l)
	}
	return b.String()
}

// Cleaned returns a with its fields in the shape every reader gives them:
// the body cleaned as Clean does (page furniture dropped, one paragraph a
// line), the title on one cleaned line, ID, URL and Source trimmed. Use it
// for articles that reach newsim as fields (an API request, a pairs file)
// rather than through a reader.
func (a Article) Cleaned() Article {
	a.ID = strings.TrimSpace(a.ID)
	a.Title = cleanTitle(a.Title)
	a.Text = Clean(a.Text)
	a.URL = strings.TrimSpace(a.URL)
	a.Source = strings.TrimSpace(a.Source)
	return a
}

// cleanTitle normalises a title: any line breaks become spaces, and it is
// cleaned like a body line (furniture is not dropped: the source said this
// is the title).
func cleanTitle(s string) string {
	return normLine(strings.Join(splitLines(s), " "))
}

// splitLines splits s at every kind of line break.
func splitLines(s string) []string {
	if strings.IndexByte(s, '\r') >= 0 || strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029") || strings.Contains(s, "\u0085") {
		s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n", "\u0085", "\n").Replace(s)
	}
	return strings.Split(s, "\n")
}

// invisible reports whether r is removed from text by normLine.
func invisible(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7F, r >= 0x100 && r < 0x200B:
		return false // most text: printable ASCII, and Latin-Ext to Greek/Cyrillic/Arabic/Indic
	case r == '\u00AD', r == '\u200B', r == '\u200E', r == '\u200F', r == '\uFEFF':
		return true
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	case unicode.IsControl(r) && !isSpace(r):
		return true
	}
	return false
}

// isSpace is unicode.IsSpace, quicker for the letters of non-Latin
// scripts (it is called on every character of every article).
func isSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || (r >= '\t' && r <= '\r')
	}
	switch {
	case r == 0x85, r == 0xA0, r == 0x1680, r >= 0x2000 && r <= 0x200A,
		r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000:
		return true
	}
	return false
}

// normLine removes invisible characters, collapses white space and trims.
func normLine(l string) string {
	clean := true
	prevSpace := true
	for _, r := range l {
		sp := isSpace(r)
		if invisible(r) || (sp && (prevSpace || r != ' ')) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return l
	}
	var b strings.Builder
	b.Grow(len(l))
	pendingSpace := false
	for _, r := range l {
		switch {
		case invisible(r):
		case isSpace(r):
			pendingSpace = b.Len() > 0
		default:
			if pendingSpace {
				b.WriteByte(' ')
				pendingSpace = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxFurnitureWords is the most words a furniture line can have.
const maxFurnitureWords = 8

// IsFurniture reports whether a line of a page is furniture rather than
// text: a short line (at most 8 words) none of whose words carries
// content. A word carries no content when, with punctuation, symbols and
// format characters trimmed from both ends, it is
//
//   - empty (the word was only punctuation or symbols: "•", "___", "|");
//   - a count: digits in any script, optionally with thousands groups or
//     one decimal part and a k/m/b suffix ("62", "1,234", "٦٢", "1.2K");
//     dates and times ("01.01.2020", "2021-06-04", "10:30", and a year
//     from 1900 to 2099 standing alone) are content;
//   - a word of the page-interface vocabulary, in any of newsim's
//     languages: share and print buttons, view, comment and read-time
//     counters, "advertisement", social network names, "ago" and its time
//     units ("Share", "Tweet", "شارك", "مشاركة", "طباعة", "مشاهدة",
//     "views", "Anzeige", "Compartir", "Paylaş", "5 min read").
//
// So "62", "1,234 views", "مشاهدة 62", "Facebook | Twitter" and "***" are
// furniture, while "دعم أمريكي ثابت" (a subheading), "Kaynak: AA" and
// "01.01.2020" are kept. l must already be one line.
func IsFurniture(l string) bool {
	n := 0
	for w := range strings.FieldsFuncSeq(l, isSpace) {
		if n++; n > maxFurnitureWords || carriesContent(w) {
			return false
		}
	}
	return true
}

func isFurniture(l string) bool { return IsFurniture(l) }

func carriesContent(w string) bool {
	w = strings.TrimFunc(w, func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.Is(unicode.Cf, r)
	})
	if w == "" || (isCount(w) && !isYear(w)) {
		return false
	}
	return !interfaceWords[foldWord(w)]
}

// isYear reports whether w is a year from 1900 to 2099 in ASCII digits: a
// date, so content (timelines use such lines as headings).
func isYear(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) &&
		w[2] >= '0' && w[2] <= '9' && w[3] >= '0' && w[3] <= '9'
}

// isCount reports whether w is a number as counters print them: digit
// groups where every group after the first has exactly three digits
// (thousands), or two groups (a decimal), with an optional k/m/b suffix.
func isCount(w string) bool {
	if n := len(w); n > 1 {
		switch w[n-1] {
		case 'k', 'K', 'm', 'M', 'b', 'B':
			w = w[:n-1]
		}
	}
	groups, digits, allThree := 0, 0, true
	for i, r := range w {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == ',' || r == '.' || r == '\u066B' || r == '\u066C' || r == '\'':
			if digits == 0 || i == len(w)-utf8.RuneLen(r) {
				return false
			}
			if groups > 0 && digits != 3 {
				allThree = false
			}
			groups++
			digits = 0
		default:
			return false
		}
	}
	if digits == 0 {
		return false
	}
	if groups > 0 && digits != 3 {
		allThree = false
	}
	return groups <= 1 || allThree
}

// foldWord lower-cases w and folds Arabic spelling variants (hamza on
// alef, taa marbuta, alef maqsura, diacritics, tatweel) so that the
// interface vocabulary matches however a page spells it.
func foldWord(w string) string {
	w = strings.ToLower(w)
	var b strings.Builder
	for _, r := range w {
		switch {
		case r >= '\u064B' && r <= '\u065F', r == '\u0670', r == '\u0640':
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ة':
			r = 'ه'
		case r == 'ى' || r == 'ئ':
			r = 'ي'
		case r == 'ؤ':
			r = 'و'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// interfaceWords is the page-interface vocabulary of IsFurniture, folded by
// foldWord. A word here never makes a line furniture on its own merit if
// the line has any other word: the test is that every word is here (or a
// count, or punctuation).
var interfaceWords = func() map[string]bool {
	words := []string{
		// English
		"share", "shares", "tweet", "retweet", "print", "email", "e-mail", "mail",
		"facebook", "twitter", "whatsapp", "telegram", "linkedin", "pinterest",
		"reddit", "messenger", "copy", "link", "save", "bookmark", "like", "likes",
		"comment", "comments", "reply", "follow", "subscribe", "view", "views",
		"read", "reads", "more", "advertisement", "ad", "ads", "sponsored",
		"loading", "listen", "min", "mins", "minute", "minutes", "hour", "hours",
		"ago", "ok", "close", "menu", "next", "previous", "top",
		// Arabic
		"شارك", "مشاركه", "المشاركه", "طباعه", "اطبع", "غرد", "تغريد", "تغريده",
		"مشاهده", "مشاهدات", "المشاهدات", "قراءه", "قراءات", "تعليق", "تعليقات",
		"التعليقات", "اعلان", "اعلانات", "اقرا", "ايضا", "المزيد", "حفظ", "نسخ",
		"الرابط", "رابط", "فيسبوك", "فيس", "بوك", "تويتر", "واتساب", "واتس", "اب",
		"تلغرام", "تيليجرام", "ارسال", "بريد", "الكتروني", "منذ", "دقيقه", "دقائق",
		"ساعه", "ساعات", "تابعنا", "اشترك", "الف",
		// German
		"teilen", "weiterleiten", "tweeten", "drucken", "merken", "anzeige",
		"werbung", "kommentare", "kommentar", "jetzt", "mehr", "lesen", "vor",
		"minuten", "stunden",
		// French
		"partager", "imprimer", "publicité", "commentaires", "lire", "vues",
		// Spanish
		"compartir", "imprimir", "publicidad", "comentarios", "comentario",
		"leer", "más", "vistas", "visitas", "hace", "minutos", "horas", "escuchar",
		// Italian
		"condividi", "stampa", "pubblicità", "commenti", "leggi",
		// Turkish
		"paylaş", "yazdır", "reklam", "yorum", "yorumlar", "abone", "ol", "kaydet", "haberi",
		"önce", "dakika", "saat", "okunma", "görüntülenme",
		// Russian
		"поделиться", "печать", "реклама", "комментарии", "просмотров",
		"просмотры", "читать", "минут", "часов",
		// Polish
		"udostępnij", "drukuj", "komentarze", "czytaj", "więcej", "wyświetlenia",
		// Chinese
		"分享", "广告", "打印", "评论",
	}
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[foldWord(w)] = true
	}
	return m
}()
