package store

import (
	"errors"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, in string
		want     time.Time
		ok       bool
	}{
		{"empty is no bound", "", time.Time{}, true},
		{"date at midnight UTC", "2024-01-15", time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), true},
		{"RFC 3339 with offset", "2024-01-15T10:00:00+02:00", time.Date(2024, 1, 15, 8, 0, 0, 0, time.UTC), true},
		{"age in hours", "720h", now.Add(-720 * time.Hour), true},
		{"age in minutes", "90m", now.Add(-90 * time.Minute), true},
		{"age in days", "30d", now.Add(-30 * 24 * time.Hour), true},
		{"age in fractional days", "1.5d", now.Add(-36 * time.Hour), true},
		{"surrounding spaces", " 7d ", now.Add(-7 * 24 * time.Hour), true},
		{"word", "yesterday", time.Time{}, false},
		{"negative age", "-5h", time.Time{}, false},
		{"negative days", "-2d", time.Time{}, false},
		{"days beyond any store", "1e9d", time.Time{}, false},
		{"impossible date", "2024-02-30", time.Time{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseTime(tc.in, now)
			if (err == nil) != tc.ok || (tc.ok && !got.Equal(tc.want)) {
				t.Errorf("ParseTime(%q) = %v, %v; want %v ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
			if err != nil && !errors.Is(err, ErrTime) {
				t.Errorf("error %v does not wrap ErrTime", err)
			}
		})
	}
}
