package store

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// ErrTime is wrapped by ParseTime's errors; its text says the forms a time
// may take.
var ErrTime = errors.New("want RFC 3339 (2022-01-31T12:00:00Z), a date (2022-01-31, midnight UTC) or an age back from now (36h, 90m, 7d, 1.5d)")

// ParseTime reads a point in time as a user filters the store by it (since,
// until, before): an RFC 3339 time, a date YYYY-MM-DD (midnight UTC), or a
// non-negative age back from now — a Go duration ("36h", "90m") or days
// ("7d", "1.5d"). Empty gives the zero time (no bound).
func ParseTime(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if d, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.ParseFloat(d, 64); err == nil && n >= 0 && n < 1e5 {
			return now.Add(-time.Duration(n * 24 * float64(time.Hour))), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, ErrTime
}
