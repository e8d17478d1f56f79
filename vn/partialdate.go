package vn

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a PartialDate is known.
type Precision uint8

// Precisions of a PartialDate, from nothing known to a full day.
const (
	PrecisionNone  Precision = iota // no date
	PrecisionYear                   // "1950"
	PrecisionMonth                  // "03/1975"
	PrecisionDay                    // "12/03/1975"
)

// PartialDate is a date known only to the year, month or day, as birth
// dates in old records often are. The zero value is "no date".
type PartialDate struct {
	Year, Month, Day int
	Precision        Precision
}

// ParsePartialDate parses "1950", "03/1975", "3/1975", "12/03/1975",
// "1975-03", "1975-03-12" (also with - or . instead of /); "" gives the zero
// value. Years must be within MinYear–MaxYear.
func ParsePartialDate(s string) (PartialDate, error) {
	const hint = "(định dạng yyyy, mm/yyyy hoặc dd/mm/yyyy)"
	t := strings.TrimSpace(s)
	if t == "" {
		return PartialDate{}, nil
	}
	bad := func(why string) (PartialDate, error) {
		if why != "" {
			why = ": " + why
		}
		return PartialDate{}, fmt.Errorf("ngày tháng %q không hợp lệ%s %s", s, why, hint)
	}
	g, ok := splitDate(t)
	if !ok {
		return bad("")
	}
	var d PartialDate
	switch {
	case len(g) == 1 && g[0].n == 4:
		d = PartialDate{Year: g[0].v, Precision: PrecisionYear}
	case len(g) == 2 && g[0].n <= 2 && g[1].n == 4:
		d = PartialDate{Year: g[1].v, Month: g[0].v, Precision: PrecisionMonth}
	case len(g) == 2 && g[0].n == 4 && g[1].n <= 2:
		d = PartialDate{Year: g[0].v, Month: g[1].v, Precision: PrecisionMonth}
	case len(g) == 3 && g[0].n <= 2 && g[1].n <= 2 && g[2].n == 4 && g[0].sep == g[1].sep:
		d = PartialDate{Year: g[2].v, Month: g[1].v, Day: g[0].v, Precision: PrecisionDay}
	case len(g) == 3 && g[0].n == 4 && g[1].n <= 2 && g[2].n <= 2 && g[0].sep == g[1].sep:
		d = PartialDate{Year: g[0].v, Month: g[1].v, Day: g[2].v, Precision: PrecisionDay}
	default:
		return bad("")
	}
	if why := d.check(); why != "" {
		return bad(why)
	}
	return d, nil
}

// ParseStoredPartialDate parses the storage form written by String:
// "", "1950", "1975-03" or "1975-03-12".
func ParseStoredPartialDate(s string) (PartialDate, error) {
	if s == "" {
		return PartialDate{}, nil
	}
	var d PartialDate
	ok := false
	num := func(t string) int {
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				ok = false
			}
		}
		n, _ := strconv.Atoi(t)
		return n
	}
	switch len(s) {
	case 4:
		ok = true
		d = PartialDate{Year: num(s), Precision: PrecisionYear}
	case 7:
		ok = s[4] == '-'
		d = PartialDate{Year: num(s[:4]), Month: num(s[5:]), Precision: PrecisionMonth}
	case 10:
		ok = s[4] == '-' && s[7] == '-'
		d = PartialDate{Year: num(s[:4]), Month: num(s[5:7]), Day: num(s[8:]), Precision: PrecisionDay}
	}
	why := ""
	if ok {
		why = d.check()
	}
	if !ok || why != "" {
		if why != "" {
			why = ": " + why
		}
		return PartialDate{}, fmt.Errorf("ngày tháng lưu trữ %q không hợp lệ%s (định dạng yyyy, yyyy-mm hoặc yyyy-mm-dd)", s, why)
	}
	return d, nil
}

// check returns why d is not a valid partial date ("" when it is).
func (d PartialDate) check() string {
	switch d.Precision {
	case PrecisionNone:
		if d != (PartialDate{}) {
			return "thiếu độ chính xác"
		}
		return ""
	case PrecisionYear:
		if d.Month != 0 || d.Day != 0 {
			return "chỉ có năm nhưng lại có tháng hoặc ngày"
		}
		return checkYM(d.Year, 1)
	case PrecisionMonth:
		if d.Day != 0 {
			return "chỉ có tháng, năm nhưng lại có ngày"
		}
		return checkYM(d.Year, d.Month)
	case PrecisionDay:
		return checkYMD(d.Year, d.Month, d.Day)
	}
	return "độ chính xác không hợp lệ"
}

// IsZero reports whether d holds no date.
func (d PartialDate) IsZero() bool { return d.Precision == PrecisionNone }

// String returns the storage form "1950", "1975-03" or "1975-03-12", which
// sorts lexicographically; "" for no date.
func (d PartialDate) String() string {
	switch d.Precision {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// Display returns the Vietnamese display form "1950", "03/1975" or
// "12/03/1975"; "" for no date.
func (d PartialDate) Display() string {
	switch d.Precision {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%02d/%04d", d.Month, d.Year)
	case PrecisionDay:
		return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
	}
	return ""
}

// Earliest returns the first day d can denote (midnight UTC); the zero time
// for no date.
func (d PartialDate) Earliest() time.Time {
	switch d.Precision {
	case PrecisionYear:
		return time.Date(d.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC)
	case PrecisionDay:
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// Latest returns the last day d can denote (midnight UTC); the zero time for
// no date.
func (d PartialDate) Latest() time.Time {
	switch d.Precision {
	case PrecisionYear:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	case PrecisionDay:
		return d.Earliest()
	}
	return time.Time{}
}
