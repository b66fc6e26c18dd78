// Package lang identifies the language of a text.
package lang

import (
	"errors"

	"github.com/abadojack/whatlanggo"
)

// ErrUnknown is returned when no language can be identified with confidence.
var ErrUnknown = errors.New("language could not be identified")

// Detect returns the ISO 639-1 code of the language of text and the
// detector's confidence in [0, 1].
func Detect(text string) (string, float64, error) {
	info := whatlanggo.Detect(text)
	code := whatlanggo.LangToStringShort(info.Lang)
	if code == "" || info.Confidence < 0.1 {
		return "", info.Confidence, ErrUnknown
	}
	return code, info.Confidence, nil
}
