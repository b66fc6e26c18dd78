package store

import (
	"errors"
	"fmt"
	"time"
)

// ErrDateRange is wrapped by CheckDate's errors.
var ErrDateRange = errors.New("date outside the years the store can hold")

// MinYear and MaxYear bound the publication years a store keeps: dates are
// stored as Unix nanoseconds (int64), which reach from 1677-09-21 to
// 2262-04-11; whole years inside that are kept.
const (
	MinYear = 1678
	MaxYear = 2261
)

// CheckDate returns an error wrapping ErrDateRange when t (not zero) is
// outside the years MinYear–MaxYear: such a date would be stored clamped,
// so Put refuses it instead (callers check it first to reject one
// article and keep the rest).
func CheckDate(t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if y := t.Year(); y < MinYear || y > MaxYear {
		return fmt.Errorf("%w: %s (years %d–%d)", ErrDateRange, t.Format(time.RFC3339), MinYear, MaxYear)
	}
	return nil
}
