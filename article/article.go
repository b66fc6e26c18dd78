// Package article is the read stage of newsim: it turns files and byte
// streams (plain text, JSON, JSON Lines, HTML) into Articles.
//
// Formats (chosen by DetectFormat from the content, the file extension
// breaking ties, or forced with Options.Format):
//
//   - plain text: the first line with content is the title, the rest the
//     body; page furniture (a line that is only a number, a share-button
//     label, a view counter…: see IsFurniture) is dropped;
//   - JSON: one object {"title", "text", and optional "lang", "date",
//     "url", "source", "id"}, or an array of them;
//   - JSON Lines: one such object per line, streamed (ReadBatch), a broken
//     line reported with its number while the rest is read;
//   - HTML: the main text, title, language, date, site name and canonical
//     URL of a web page, found by go-readability (Mozilla's Readability).
//
// Encodings: UTF-8 (a BOM is dropped), UTF-16 with a BOM, and, for bytes
// that are not UTF-8, the charset an HTML page declares or Windows-1256
// when the text reads as Arabic in it. Anything else is refused.
//
// Every body goes through Clean, so text from any source has one shape:
// paragraphs separated by one blank line, white space collapsed, invisible
// marks and furniture gone.
//
// Dates: a "date" outside the years MinYear–MaxYear (1678–2261, those of
// Unix nanosecond time stamps) is refused (ErrField) rather than clamped;
// an HTML page's metadata date outside them is dropped.
//
// Errors never panic and always name the input (and the line of a bad
// record): they are *Error values wrapping ErrEmpty, ErrBinary,
// ErrEncoding, ErrTooLarge, ErrNoText, ErrJSON, ErrField or an fs error.
// One article may be at most MaxArticleBytes (32 MiB); a JSON Lines
// batch has no overall limit.
package article

import "time"

// Article is one news article as read from its source, before analysis.
// Text is the body without the title, as Clean leaves it: paragraphs
// separated by "\n\n", each one line. Title is one line. Lang is an ISO 639-1 code given by the
// source ("" when unknown: the analysis stage identifies it). Date is the
// publication time when the source states one (zero otherwise).
type Article struct {
	ID     string    `json:"id,omitempty"`
	Title  string    `json:"title"`
	Text   string    `json:"text"`
	Lang   string    `json:"lang,omitempty"`
	Date   time.Time `json:"date,omitzero"`
	URL    string    `json:"url,omitempty"`
	Source string    `json:"source,omitempty"`
}
