package vn

import (
	"fmt"
	"strings"
	"time"
)

// DateLayout is the Vietnamese display layout dd/mm/yyyy.
const DateLayout = "02/01/2006"

// Year range accepted by the date parsers.
const (
	MinYear = 1800
	MaxYear = 2200
)

// FormatDate formats t as dd/mm/yyyy; the zero time gives "".
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// ParseDate parses a full date written dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy,
// dd.mm.yyyy or yyyy-mm-dd, rejecting impossible dates such as 31/02/2024.
// The result is midnight UTC.
func ParseDate(s string) (time.Time, error) {
	const hint = "(định dạng dd/mm/yyyy)"
	t := strings.TrimSpace(s)
	if t == "" {
		return time.Time{}, fmt.Errorf("chưa nhập ngày %s", hint)
	}
	g, ok := splitDate(t)
	if !ok || len(g) != 3 {
		return time.Time{}, fmt.Errorf("ngày %q không hợp lệ %s", s, hint)
	}
	var y, m, d int
	switch {
	case g[0].n == 4 && g[1].n <= 2 && g[2].n <= 2 && g[0].sep == g[1].sep:
		y, m, d = g[0].v, g[1].v, g[2].v
	case g[0].n <= 2 && g[1].n <= 2 && g[2].n == 4 && g[0].sep == g[1].sep:
		d, m, y = g[0].v, g[1].v, g[2].v
	default:
		return time.Time{}, fmt.Errorf("ngày %q không hợp lệ %s", s, hint)
	}
	if why := checkYMD(y, m, d); why != "" {
		return time.Time{}, fmt.Errorf("ngày %q không hợp lệ: %s %s", s, why, hint)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// dateGroup is one run of digits in a date and the separator after it.
type dateGroup struct {
	v, n int // value and number of digits
	sep  byte
}

// splitDate splits "12/03/1975"-like text into at most three digit groups
// separated by one of / - . ; ok is false for anything else.
func splitDate(s string) (g []dateGroup, ok bool) {
	g = make([]dateGroup, 0, 3)
	cur := dateGroup{}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if cur.n == 4 {
				return nil, false
			}
			cur.v = cur.v*10 + int(c-'0')
			cur.n++
		case c == '/' || c == '-' || c == '.':
			if cur.n == 0 || len(g) == 2 {
				return nil, false
			}
			cur.sep = c
			g = append(g, cur)
			cur = dateGroup{}
		default:
			return nil, false
		}
	}
	if cur.n == 0 {
		return nil, false
	}
	return append(g, cur), true
}

// checkYM returns why year y, month m is not valid ("" when it is).
func checkYM(y, m int) string {
	if y < MinYear || y > MaxYear {
		return fmt.Sprintf("năm phải từ %d đến %d", MinYear, MaxYear)
	}
	if m < 1 || m > 12 {
		return "tháng phải từ 1 đến 12"
	}
	return ""
}

// checkYMD returns why y-m-d is not a calendar date ("" when it is).
func checkYMD(y, m, d int) string {
	if why := checkYM(y, m); why != "" {
		return why
	}
	if n := daysIn(y, m); d < 1 || d > n {
		return fmt.Sprintf("ngày phải từ 1 đến %d (tháng %d/%d)", n, m, y)
	}
	return ""
}

// daysIn returns the number of days of month m in year y.
func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
