package article

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// sniffLen is how many leading bytes the binary test and the format sniffer
// look at.
const sniffLen = 8 << 10

// maxControlRatio is the share of C0 control bytes (other than tab, line
// feed, vertical tab, form feed, carriage return and escape) in the first
// sniffLen bytes above which an input is called binary. Real text has none;
// random binary data has about 10%.
const maxControlRatio = 0.02

// Byte order marks.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// hasUTF16BOM reports whether b starts with a UTF-16 byte order mark.
func hasUTF16BOM(b []byte) bool {
	return bytes.HasPrefix(b, bomUTF16LE) || bytes.HasPrefix(b, bomUTF16BE)
}

// xunicodeUTF16BOM is UTF-16 whose byte order mark decides the byte
// order. Unpaired surrogates decode to U+FFFD.
func xunicodeUTF16BOM() encoding.Encoding {
	return xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM)
}

// binaryProblem returns an ErrBinary error when head (the first bytes of an
// input, already UTF-8 or ASCII-compatible) is not text, and nil otherwise.
// It looks at the first sniffLen bytes only. It judges an input that is
// one document (text, HTML, JSON); linesProblem judges a line-oriented one.
func binaryProblem(head []byte) error {
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	if err := binarySignature(head); err != nil {
		return err
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		if err := utf16Problem(head); err != nil {
			return err
		}
		return problem(ErrBinary, "NUL byte at offset %d", i)
	}
	if n := controlBytes(head); tooManyControls(n, len(head)) {
		return problem(ErrBinary, "%d control bytes in the first %d", n, len(head))
	}
	return nil
}

// binarySignature returns an ErrBinary error when head starts with the
// signature of a binary format (what the WHATWG MIME sniffing algorithm
// names, e.g. gzip, PDF, PNG).
func binarySignature(head []byte) error {
	ct := http.DetectContentType(head)
	if !strings.HasPrefix(ct, "text/") && ct != "application/octet-stream" {
		return problem(ErrBinary, "content looks like %s", ct)
	}
	return nil
}

// utf16Problem returns an ErrBinary error saying how to save the input
// when head reads as UTF-16 without a byte order mark, nil otherwise.
func utf16Problem(head []byte) error {
	if order := utf16WithoutBOM(head); order != "" {
		return problem(ErrBinary, "NUL bytes: this looks like UTF-16 (%s) without a byte order mark; save it as UTF-8, or as UTF-16 with a BOM", order)
	}
	return nil
}

// linesProblem returns an ErrBinary error when head, the first bytes of a
// line-oriented input (JSON Lines), shows that the input as a whole is not
// text: a binary format's signature, or binary lines (a NUL byte, or
// control bytes above maxControlRatio; UTF-16 has NUL bytes on every line)
// that are more than half of at least two lines with content and more
// than half of their bytes. truncated says head is only the start of the
// input, so that its last line may be cut; that line is not counted.
// Anything less condemns only the bad lines: the line reader reports each
// with its number and reads on.
func linesProblem(head []byte, truncated bool) error {
	if err := binarySignature(head[:min(len(head), sniffLen)]); err != nil {
		return err
	}
	lines := bytes.Split(head, []byte{'\n'})
	if truncated {
		lines = lines[:len(lines)-1]
	}
	bad, all, badBytes, allBytes := 0, 0, 0, 0
	for _, l := range lines {
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		all++
		allBytes += len(l)
		if lineBinary(l) != nil {
			bad++
			badBytes += len(l)
		}
	}
	if all >= 2 && 2*bad > all && 2*badBytes > allBytes {
		if err := utf16Problem(head[:min(len(head), sniffLen)]); err != nil {
			return err
		}
		return problem(ErrBinary, "%d of the first %d lines are not text (NUL or control bytes)", bad, all)
	}
	return nil
}

// lineBinary returns the reason line (one line of a line-oriented input,
// without its break) is not text: a NUL byte, or control bytes above
// maxControlRatio; nil when it is text.
func lineBinary(line []byte) error {
	if i := bytes.IndexByte(line, 0); i >= 0 {
		return fmt.Errorf("NUL byte at column %d", i+1)
	}
	if n := controlBytes(line); tooManyControls(n, len(line)) {
		return fmt.Errorf("%d control bytes in the line", n)
	}
	return nil
}

// controlBytes counts the bytes of b that plain text does not use (see
// isBinaryControl).
func controlBytes(b []byte) int {
	n := 0
	for _, c := range b {
		if isBinaryControl(c) {
			n++
		}
	}
	return n
}

// tooManyControls reports whether n control bytes in size bytes mark
// binary data.
func tooManyControls(n, size int) bool {
	return size > 0 && float64(n) > maxControlRatio*float64(size)
}

// minUTF16NULShare is the least share of code units with a NUL byte (all
// on the same side) for b to be taken as UTF-16 without a byte order
// mark: text in UTF-16 has one in every ASCII character (spaces, line
// breaks, digits, punctuation; more than one in 16 characters even in
// Arabic), while UTF-8 text with a stray NUL byte has one or two.
const minUTF16NULShare = 1.0 / 16

// utf16WithoutBOM returns "little-endian" or "big-endian" when b (no BOM)
// reads as UTF-16 in that byte order: NUL bytes on one side of the code
// units only, in at least minUTF16NULShare of them, and decoded, no
// unpaired surrogates or control characters other than white space, and
// letters for at least half of the other characters. It returns ""
// otherwise.
func utf16WithoutBOM(b []byte) string {
	b = b[:len(b)&^1]
	var nul [2]int // NUL bytes at even and odd offsets
	for i, c := range b {
		if c == 0 {
			nul[i&1]++
		}
	}
	units := len(b) / 2
	for _, order := range []struct {
		name string
		hi   int
	}{{"little-endian", 1}, {"big-endian", 0}} {
		if nul[1-order.hi] > 0 || nul[order.hi] == 0 || float64(nul[order.hi]) < minUTF16NULShare*float64(units) {
			continue
		}
		letters, other, bad := 0, 0, false
		for i := 0; i+1 < len(b) && !bad; i += 2 {
			r := rune(b[i+order.hi])<<8 | rune(b[i+1-order.hi])
			switch {
			case r >= 0xD800 && r <= 0xDFFF:
				i += 2 // a surrogate pair (or a broken one, counted as other)
				other++
			case r == '\n' || r == '\r' || r == '\t' || r == ' ':
			case r < 0x20 || (r >= 0x7F && r < 0xA0):
				bad = true
			case unicode.IsLetter(r):
				letters++
			default:
				other++
			}
		}
		if !bad && letters > 0 && letters >= other {
			return order.name
		}
	}
	return ""
}

// isBinaryControl reports whether c is a C0 control or DEL that plain text
// does not use (tab, LF, VT, FF, CR and ESC are allowed).
func isBinaryControl(c byte) bool {
	switch {
	case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0x1B:
		return false
	case c < 0x20 || c == 0x7F:
		return true
	}
	return false
}

// toUTF8 returns b (which has no BOM and passed binaryProblem) as valid
// UTF-8. Valid UTF-8 is returned unchanged. Otherwise, for HTML, a charset
// declared by a <meta> element is honoured; failing that, text that is
// plausibly Windows-1256 is decoded as such. Anything else is an
// ErrEncoding error that gives the line and byte offset of the first bad
// byte.
func toUTF8(b []byte, isHTML bool) ([]byte, error) {
	if utf8.Valid(b) {
		return b, nil
	}
	if isHTML {
		if enc := metaCharset(b); enc != "" {
			if e, name := charset.Lookup(enc); e != nil && name != "utf-8" {
				if out, err := e.NewDecoder().Bytes(b); err == nil && utf8.Valid(out) {
					return out, nil
				}
			}
		}
	}
	if plausibleCP1256(b) {
		if out, err := charmap.Windows1256.NewDecoder().Bytes(b); err == nil {
			return out, nil
		}
	}
	off := FirstInvalidUTF8(b)
	return nil, problem(ErrEncoding, "bad byte 0x%02X at %s, and the text is not Windows-1256 either", b[off], position(b, int64(off+1), bytes.IndexByte(b, '\n') >= 0))
}

// FirstInvalidUTF8 returns the byte offset of the first byte of b that is
// not part of a valid UTF-8 sequence (len(b) if there is none).
func FirstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// plausibleCP1256 reports whether b, which is not valid UTF-8, reads as
// Windows-1256 Arabic text. The rule: b is not mostly UTF-8 with a few
// broken bytes (valid multi-byte sequences must not outnumber invalid
// bytes), and decoded as Windows-1256, at least 90% of its non-ASCII
// letters are Arabic-script letters, at least two of them in a row (a
// word, not a stray byte). Western text in Windows-1252 or
// Latin-1 fails the second test (its é, ü, ñ map to Latin letters or to
// Arabic letters in proportions far from 90%).
func plausibleCP1256(b []byte) bool {
	validMulti, invalid := 0, 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			invalid++
		case n > 1:
			validMulti++
		}
		i += n
	}
	if validMulti > invalid {
		return false
	}
	letters, arabic, run, longestRun := 0, 0, 0, 0
	for _, c := range b {
		if c < 0x80 {
			run = 0
			continue
		}
		r := charmap.Windows1256.DecodeByte(c)
		if !isLetter(r) {
			run = 0
			continue
		}
		letters++
		if isArabicScript(r) {
			arabic++
			run++
			longestRun = max(longestRun, run)
		} else {
			run = 0
		}
	}
	return longestRun >= 2 && float64(arabic) >= 0.9*float64(letters)
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }

// isArabicScript reports whether r is in the Arabic script.
func isArabicScript(r rune) bool { return unicode.Is(unicode.Arabic, r) }

// metaCharset returns the charset label an HTML document declares in its
// first 4 KiB (<meta charset> or <meta http-equiv="Content-Type"
// content="...; charset=...">), or "". It uses the HTML tokenizer, as the
// WHATWG prescan does, and stops at <body>.
func metaCharset(b []byte) string {
	if len(b) > 4096 {
		b = b[:4096]
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "body" {
				return ""
			}
			if tok.Data != "meta" {
				continue
			}
			var httpEquiv, content string
			for _, a := range tok.Attr {
				switch strings.ToLower(a.Key) {
				case "charset":
					return strings.TrimSpace(a.Val)
				case "http-equiv":
					httpEquiv = strings.ToLower(a.Val)
				case "content":
					content = a.Val
				}
			}
			if httpEquiv == "content-type" {
				if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
					return params["charset"]
				}
			}
		}
	}
}
