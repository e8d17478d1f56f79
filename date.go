package tochuc

import (
	"time"
)

// DateLayout is the storage and API form of a calendar date; it sorts as text on every engine.
const DateLayout = "2006-01-02"

// Forever is the valid_to of a version or span that has not ended; a sentinel instead of NULL
// keeps "as of" predicates to two plain comparisons that a B-tree index serves.
const Forever = "9999-12-31"

// Date is a calendar date in its storage form "YYYY-MM-DD".
type Date string

// ParseISODate parses "YYYY-MM-DD" strictly.
func ParseISODate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return "", Errorf(EINVALID, "ngày %q không hợp lệ (định dạng yyyy-mm-dd)", s)
	}
	return Date(t.Format(DateLayout)), nil
}

// DateOf returns the date of a time in its own location.
func DateOf(t time.Time) Date { return Date(t.Format(DateLayout)) }

// Today is the current date in Vietnam (UTC+7), where every deadline and report date is counted.
func Today() Date { return DateOf(time.Now().In(Vietnam)) }

// Vietnam is the country's time zone (UTC+7, no daylight saving): dates and times shown to users.
var Vietnam = time.FixedZone("ICT", 7*3600)

// Time returns the date at midnight UTC.
func (d Date) Time() time.Time {
	t, _ := time.Parse(DateLayout, string(d))
	return t
}

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == "" }

// Display formats the date the Vietnamese way, dd/mm/yyyy.
func (d Date) Display() string {
	if d == "" || d == Forever {
		return ""
	}
	return d.Time().Format("02/01/2006")
}
