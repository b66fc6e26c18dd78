package token

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// LongSentence is the number of words above which a sentence is cut at a
// clause mark (see Sentences).
const LongSentence = 40

// minClause is the fewest words a piece cut from a long sentence may have.
const minClause = 10

// Sentences returns the sentence spans of s, in order. Spans exclude the
// surrounding white space; a span with no letter or digit (a rule such as
// "___") is dropped. The rules, for every language:
//
//   - A blank line always ends a sentence. A single line break ends one
//     unless the next line starts with a lower-case letter (a hard-wrapped
//     line goes on).
//   - . ! ? ؟ … ۔ ‼ end a sentence when followed by white space or the end
//     of the text; closing quotes and brackets after them belong to the
//     sentence. They do not end one when the next word starts with a
//     lower-case letter. Between two Arabic letters (a missing space,
//     "القطاع.وقال") they end one too. 。！？ always end one.
//   - A full stop does not end a sentence after an abbreviation: a word
//     with an inner full stop ("U.S.", "z.B.", "W.Va."), a single letter
//     (an initial, "J. Smith", "M. Macron"), a word of the abbreviation
//     list ("Dr.", "Mr.", "Nr.", "vs.", "Jan."), or a day number before a
//     German month name ("21. Mai"). A full stop between digits ("3.5") is
//     never an end, nor one not followed by white space ("news.net").
//   - A sentence of more than LongSentence (40) words, typical of Arabic
//     prose that strings clauses with ،, is cut at the clause mark
//     (، ؛ ; , followed by white space) closest to its middle that leaves
//     at least 10 words on each side; the pieces are cut again while they
//     are longer than LongSentence.
//
// Cost: one pass over s plus one pass per long sentence; no allocation
// besides the result.
func Sentences(s string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		out = appendSentence(out, s, start, end)
		start = end
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\n' {
			j := i + 1
			blank := false
			for j < len(s) {
				d := s[j]
				if d == '\n' {
					blank = true
				} else if d != ' ' && d != '\t' && d != '\r' {
					break
				}
				j++
			}
			if blank || !startsLower(s[j:]) {
				emit(i)
			}
			i = j
			continue
		}
		if c < utf8.RuneSelf && c != '.' && c != '!' && c != '?' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '.', '!', '?', '؟', '…', '۔', '‼', '⁇', '⁈', '⁉':
		case '。', '！', '？':
			e := skipClosers(s, i+n)
			emit(e)
			i = e
			continue
		default:
			i += n
			continue
		}
		// Run of terminators ("?!", "...") then closing marks.
		e := i + n
		for e < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[e:])
			if !isTerminator(r2) {
				break
			}
			e += n2
		}
		e = skipClosers(s, e)
		if isBoundary(s, i, r, e) {
			emit(e)
		}
		i = e
	}
	out = appendSentence(out, s, start, len(s))
	return out
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '؟', '…', '۔', '‼', '⁇', '⁈', '⁉':
		return true
	}
	return false
}

// skipClosers returns the offset after any closing quotes and brackets at
// s[i:].
func skipClosers(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』', '）', '〕', '】':
			i += n
			continue
		}
		break
	}
	return i
}

// isBoundary decides whether the terminator r at s[i] (its run and
// closers ending at e) ends a sentence.
func isBoundary(s string, i int, r rune, e int) bool {
	if e >= len(s) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(s[e:])
	if !unicode.IsSpace(next) {
		// "القطاع.وقال": Arabic letters on both sides — but not inside an
		// abbreviation of single letters such as "د.ب.أ" (dpa) or "أ.ف.ب".
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if w := wordBefore(s, i); utf8.RuneCountInString(w) == 1 || strings.IndexByte(w, '.') >= 0 {
			return false
		}
		return e == i+utf8.RuneLen(r) && isArabicLetter(prev) && isArabicLetter(next)
	}
	// Next word starting lower case: the sentence goes on.
	j := e
	for j < len(s) {
		r2, n2 := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsSpace(r2) {
			break
		}
		j += n2
	}
	if startsLower(s[j:]) {
		return false
	}
	if r != '.' || e != i+1 {
		return true
	}
	// A single full stop: abbreviation?
	w := wordBefore(s, i)
	if w == "" {
		return true
	}
	if strings.IndexByte(w, '.') >= 0 && hasLetter(w) {
		return false // U.S. z.B. W.Va.
	}
	if utf8.RuneCountInString(w) == 1 {
		r0, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r0) {
			return false // initial
		}
	}
	if isDigits(w) && len(w) <= 2 && germanMonth(s[j:]) {
		return false // 21. Mai
	}
	var buf [16]byte
	if len(w) <= len(buf) {
		lw := appendLower(buf[:0], w)
		switch abbreviations[string(lw)] {
		case abbrev:
			return false
		case abbrevBeforeNumber:
			if j < len(s) && s[j] >= '0' && s[j] <= '9' {
				return false
			}
		}
	}
	return true
}

// wordBefore returns the run of letters, digits and full stops ending at
// s[i] (exclusive), without a leading full stop.
func wordBefore(s string, i int) string {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.') {
			break
		}
		j -= n
	}
	return strings.TrimLeft(s[j:i], ".")
}

func appendLower(dst []byte, w string) []byte {
	for _, r := range w {
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

func germanMonth(s string) bool {
	for _, m := range [...]string{"Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"} {
		if strings.HasPrefix(s, m) {
			return true
		}
	}
	return false
}

// startsLower reports whether s starts with a lower-case letter (after
// opening quotes or brackets).
func startsLower(s string) bool {
	for _, r := range s {
		switch r {
		case '"', '\'', '“', '‘', '«', '‹', '(', '[', '„':
			continue
		}
		return unicode.IsLower(r)
	}
	return false
}

func isArabicLetter(r rune) bool {
	return r >= 0x0620 && r <= 0x06FF && unicode.IsLetter(r)
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

const (
	abbrev             = 1 // always an abbreviation
	abbrevBeforeNumber = 2 // an abbreviation when a digit follows ("No. 5")
)

// abbreviations are words (lower case, without the full stop) after which
// a full stop does not end a sentence. Words that are also common words
// at a sentence end ("no", "on", "me", "sun") are left out or count only
// before a number.
var abbreviations = map[string]uint8{}

func init() {
	for _, w := range strings.Fields(`
	mr mrs ms messrs dr prof sr jr st mt ft gen col lt maj sgt capt cmdr cmdt adm gov sen rep rev hon pres supt insp det
	vs etc inc ltd corp bros dept approx fig vol pp ca cf al jan feb apr jun jul aug sep sept oct nov dec
	tue tues wed thu thur thurs fri
	bzw usw vgl evtl ggf inkl hr frl str abs bd jh mio mrd tsd bspw sog
	mme mlle mm ste av env
	sra srta dra lic ud uds avda pág admón
	sig sigg dott ing avv
	doç vb yy yrd sn bkz
	np tzw itd itp mgr inż ul tj godz
	гг тыс млн млрд руб ул
	`) {
		abbreviations[w] = abbrev
	}
	for _, w := range strings.Fields(`no nos nr núm art tel pt`) {
		abbreviations[w] = abbrevBeforeNumber
	}
}

// appendSentence appends s[a:b], trimmed, if it holds a letter or digit;
// a long sentence is cut at clause marks.
func appendSentence(out []Span, s string, a, b int) []Span {
	for a < b {
		r, n := utf8.DecodeRuneInString(s[a:])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(s[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= n
	}
	if b <= a {
		return out
	}
	words, hasWord := countWords(s[a:b])
	if !hasWord {
		return out
	}
	if words <= LongSentence {
		return append(out, Span{a, b})
	}
	cut := clauseCut(s, a, b, words)
	if cut < 0 {
		return append(out, Span{a, b})
	}
	out = appendSentence(out, s, a, cut)
	return appendSentence(out, s, cut, b)
}

// countWords counts runs of letters, marks and digits in s.
func countWords(s string) (int, bool) {
	n := 0
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		var w bool
		if c < utf8.RuneSelf {
			w = ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
			i++
		} else {
			r, sz := utf8.DecodeRuneInString(s[i:])
			w = isWordRune(r)
			i += sz
		}
		if w && !in {
			n++
		}
		in = w
	}
	return n, n > 0
}

// clauseCut returns the offset just after the clause mark of s[a:b] that
// is followed by white space, leaves at least minClause words on each
// side and is closest to the middle; -1 if there is none.
func clauseCut(s string, a, b, words int) int {
	best, bestDist := -1, words
	n := 0
	in := false
	for i := a; i < b; {
		r, sz := utf8.DecodeRuneInString(s[i:])
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
		i += sz
		switch r {
		case '،', '؛', ';', ',':
		default:
			continue
		}
		if i >= b {
			break
		}
		if next, _ := utf8.DecodeRuneInString(s[i:]); !unicode.IsSpace(next) {
			continue
		}
		if n < minClause || words-n < minClause {
			continue
		}
		d := n - words/2
		if d < 0 {
			d = -d
		}
		if d < bestDist {
			best, bestDist = i, d
		}
	}
	return best
}

// isWordRune reports whether r is a letter, mark or digit, with a fast
// path for ASCII and the Arabic block.
func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
	case r >= 0x0600 && r <= 0x06FF:
		// Everything but the Arabic punctuation and signs.
		switch {
		case r <= 0x060F, r == 0x061B, r >= 0x061C && r <= 0x061F, r >= 0x066A && r <= 0x066D, r == 0x06D4, r == 0x06DD, r == 0x06DE, r == 0x06E9:
			return false
		}
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}
