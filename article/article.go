// Package article is the read stage of newsim: it turns files and byte
// streams (plain text, JSON, JSON Lines, HTML) into Articles.
package article

import "time"

// Article is one news article as read from its source, before analysis.
// Text is the body without the title. Lang is an ISO 639-1 code given by the
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
