// Package dates finds calendar references (dates, months, weekdays,
// relative days) in text.
package dates

import "time"

// Date is one calendar reference found in a text. Year, Month and Day are
// 0 where the text does not say them. Text is the phrase as written.
type Date struct {
	Text  string `json:"text"`
	Year  int    `json:"year,omitempty"`
	Month int    `json:"month,omitempty"`
	Day   int    `json:"day,omitempty"`
}

// Key is a canonical form of d for comparison across documents, e.g.
// "2021-05-21", "2021-05", "05-21".
func (d Date) Key() string {
	return ""
}

// Find returns the dates mentioned in text (language lang, ISO 639-1).
// ref, when not zero, is the article's own date, used to resolve relative
// references such as "today" or a bare weekday.
func Find(lang, text string, ref time.Time) []Date {
	return nil
}
