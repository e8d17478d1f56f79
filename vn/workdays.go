package vn

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Working days of the Vietnamese public sector, in which the Party's
// deadlines are counted ("trong thời hạn 60 ngày làm việc"): Monday to
// Friday, minus the public holidays of the Labour Code 2019 art. 112 and the
// compensatory days off of art. 111(3), minus the working days the Prime
// Minister swaps each year, plus the Saturdays worked in exchange. Years with
// an official schedule (data/holidays.txt) use it as published; other years
// use a generator of the statutory rules, which cannot know future swaps.

// ISOLayout is the storage form of a civil date, "YYYY-MM-DD".
const ISOLayout = "2006-01-02"

//go:embed data/holidays.txt
var officialData string

// HolidayKind says why a day is listed in a holiday schedule.
type HolidayKind uint8

// Kinds of listed days, from the law to the local committee.
const (
	KindHoliday      HolidayKind = iota + 1 // a public holiday of art. 112 (ngày lễ, Tết)
	KindCompensatory                        // a day off for a holiday on a weekend (nghỉ bù)
	KindSwapped                             // a working day moved to a Saturday (nghỉ hoán đổi)
	KindMakeUp                              // a weekend day worked in exchange (làm bù)
	KindLocal                               // a day off or worked by a committee's decision
)

// Holiday is one listed day of a year's schedule, for display and audit.
type Holiday struct {
	Date time.Time // the civil date, midnight UTC
	Name string    // Vietnamese, e.g. "Tết Nguyên đán", "Nghỉ bù Giỗ Tổ Hùng Vương"
	Kind HolidayKind
}

// Exception is a committee's own decision about one day: an extra day off
// (WorkDay false) or an extra working day (WorkDay true); it wins over the
// national schedule.
type Exception struct {
	Date    time.Time
	WorkDay bool
	Note    string // the deciding document or reason, shown in the schedule
}

// Calendar answers which days are working days; the zero value and a nil
// *Calendar are the national calendar without local exceptions. It is safe
// for concurrent use.
type Calendar struct {
	extra map[int64]Exception
}

// NewCalendar returns the national calendar with a committee's exceptions;
// when two exceptions name the same day the later one wins.
func NewCalendar(extra ...Exception) *Calendar {
	c := &Calendar{extra: make(map[int64]Exception, len(extra))}
	for _, e := range extra {
		e.Date = Civil(e.Date)
		c.extra[dayKey(e.Date)] = e
	}
	return c
}

// Civil returns the civil date of t (its year, month and day in its own
// location) at midnight UTC, the form every date of this package takes.
func Civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ParseISO parses a civil date written "YYYY-MM-DD" (years 0001–9999) strictly:
// no spaces, no single-digit months or days, no impossible dates.
func ParseISO(s string) (time.Time, error) {
	bad := fmt.Errorf("ngày %q không hợp lệ (định dạng yyyy-mm-dd)", s)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, bad
	}
	num := func(p string) int {
		n := 0
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return -1
			}
			n = n*10 + int(p[i]-'0')
		}
		return n
	}
	y, m, d := num(s[:4]), num(s[5:7]), num(s[8:])
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return time.Time{}, bad
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// dayKey numbers civil dates consecutively (days since 1970-01-01).
func dayKey(t time.Time) int64 {
	return Civil(t).Unix() / 86400
}

// isWeekend reports whether t is a Saturday or Sunday, the weekly rest of
// the public sector.
func isWeekend(t time.Time) bool {
	wd := t.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// IsWorkingDay reports whether d is a working day of the public sector under
// this calendar.
func (c *Calendar) IsWorkingDay(d time.Time) bool {
	d = Civil(d)
	k := dayKey(d)
	if c != nil {
		if e, ok := c.extra[k]; ok {
			return e.WorkDay
		}
	}
	s := scheduleOf(d.Year())
	if _, ok := s.work[k]; ok {
		return true
	}
	if isWeekend(d) {
		return false
	}
	_, off := s.off[k]
	return !off
}

// AddWorkingDays returns the n-th working day after from; the day of the
// event itself never counts, so "within 60 working days of the resolution"
// ends on AddWorkingDays(resolution, 60), whatever day the resolution fell
// on. A negative n counts backwards; n = 0 returns from itself.
func (c *Calendar) AddWorkingDays(from time.Time, n int) time.Time {
	d := Civil(from)
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDate(0, 0, step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts the working days d with a < d <= b; when b is
// before a it is minus the count of those with b <= d < a. Either way
// WorkingDaysBetween(a, AddWorkingDays(a, n)) == n.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) int {
	a, b = Civil(a), Civil(b)
	lo, hi, sign := a.AddDate(0, 0, 1), b, 1
	if b.Before(a) {
		lo, hi, sign = b, a.AddDate(0, 0, -1), -1
	}
	n := 0
	for d := lo; !d.After(hi); d = d.AddDate(0, 0, 1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return sign * n
}

// Holidays lists the days off of a year other than ordinary weekends, for
// display: public holidays (also those falling on a weekend), compensatory
// and swapped days, and the committee's extra days off, in date order.
func (c *Calendar) Holidays(year int) []Holiday {
	var out []Holiday
	for k, h := range scheduleOf(year).off {
		if !c.extraWorks(k) {
			out = append(out, h)
		}
	}
	if c != nil {
		for _, e := range c.extra {
			if !e.WorkDay && e.Date.Year() == year {
				out = append(out, Holiday{Date: e.Date, Name: localName(e, "Ngày nghỉ theo quyết định của cấp ủy"), Kind: KindLocal})
			}
		}
	}
	sortHolidays(out)
	return out
}

// MakeUpDays lists the weekend days of a year that are working days: the
// official make-up Saturdays and the committee's extra working days.
func (c *Calendar) MakeUpDays(year int) []Holiday {
	var out []Holiday
	for k, h := range scheduleOf(year).work {
		if e, ok := c.exception(k); !ok || e.WorkDay {
			out = append(out, h)
		}
	}
	if c != nil {
		for k, e := range c.extra {
			if _, official := scheduleOf(year).work[k]; e.WorkDay && e.Date.Year() == year && isWeekend(e.Date) && !official {
				out = append(out, Holiday{Date: e.Date, Name: localName(e, "Ngày làm việc theo quyết định của cấp ủy"), Kind: KindLocal})
			}
		}
	}
	sortHolidays(out)
	return out
}

// OfficialYear reports whether the year's schedule is the published
// official one rather than the generator's.
func OfficialYear(year int) bool {
	return officialSchedules()[year] != nil
}

// exception returns the committee's decision about day k, if any.
func (c *Calendar) exception(k int64) (Exception, bool) {
	if c == nil {
		return Exception{}, false
	}
	e, ok := c.extra[k]
	return e, ok
}

// extraWorks reports whether the committee made day k a working day.
func (c *Calendar) extraWorks(k int64) bool {
	e, ok := c.exception(k)
	return ok && e.WorkDay
}

// localName is the display name of a committee's exception.
func localName(e Exception, fallback string) string {
	if e.Note != "" {
		return e.Note
	}
	return fallback
}

// sortHolidays orders a list by date.
func sortHolidays(hs []Holiday) {
	sort.Slice(hs, func(i, j int) bool { return hs[i].Date.Before(hs[j].Date) })
}

// schedule is one year's national list: days off beyond the weekends (with
// public holidays on weekends kept for display) and weekend days worked.
type schedule struct {
	off  map[int64]Holiday
	work map[int64]Holiday
}

// add records a listed day in the schedule.
func (s *schedule) add(h Holiday) {
	if h.Kind == KindMakeUp {
		s.work[dayKey(h.Date)] = h
	} else {
		s.off[dayKey(h.Date)] = h
	}
}

// newSchedule returns an empty schedule.
func newSchedule() *schedule {
	return &schedule{off: map[int64]Holiday{}, work: map[int64]Holiday{}}
}

var (
	generatedMu sync.Mutex
	generated   = map[int]*schedule{}

	officialOnce sync.Once
	official     map[int]*schedule
)

// scheduleOf returns the national schedule of a year: the official one when
// published, otherwise the generator's (computed once per year).
func scheduleOf(year int) *schedule {
	if s := officialSchedules()[year]; s != nil {
		return s
	}
	generatedMu.Lock()
	defer generatedMu.Unlock()
	s := generated[year]
	if s == nil {
		s = generateSchedule(year)
		generated[year] = s
	}
	return s
}

// officialSchedules parses the embedded official schedules once; the data
// is checked by the tests, so a parse error is a programming error.
func officialSchedules() map[int]*schedule {
	officialOnce.Do(func() {
		var err error
		if official, err = parseSchedules(officialData); err != nil {
			panic(err)
		}
	})
	return official
}

// kindWords maps the kind column of data/holidays.txt to kinds.
var kindWords = map[string]HolidayKind{
	"holiday": KindHoliday,
	"comp":    KindCompensatory,
	"swap":    KindSwapped,
	"workday": KindMakeUp,
}

// parseSchedules reads the data/holidays.txt format: "year YYYY" lines open
// a complete year, "DATE KIND NAME" lines list its days, "#" starts a comment.
func parseSchedules(text string) (map[int]*schedule, error) {
	out := map[int]*schedule{}
	year := 0
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if f[0] == "year" && len(f) == 2 {
			y, err := strconv.Atoi(f[1])
			if err != nil || out[y] != nil {
				return nil, fmt.Errorf("holidays line %d: bad or repeated year %q", i+1, f[1])
			}
			year = y
			out[y] = newSchedule()
			continue
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("holidays line %d: want DATE KIND NAME", i+1)
		}
		d, err := ParseISO(f[0])
		kind, ok := kindWords[f[1]]
		switch {
		case err != nil:
			return nil, fmt.Errorf("holidays line %d: %v", i+1, err)
		case !ok:
			return nil, fmt.Errorf("holidays line %d: unknown kind %q", i+1, f[1])
		case d.Year() != year:
			return nil, fmt.Errorf("holidays line %d: %s is outside year %d", i+1, f[0], year)
		case kind == KindMakeUp && !isWeekend(d):
			return nil, fmt.Errorf("holidays line %d: make-up day %s is not a weekend day", i+1, f[0])
		case (kind == KindCompensatory || kind == KindSwapped) && isWeekend(d):
			return nil, fmt.Errorf("holidays line %d: day off %s falls on a weekend", i+1, f[0])
		}
		out[year].add(Holiday{Date: d, Name: strings.Join(f[2:], " "), Kind: kind})
	}
	return out, nil
}

// generateSchedule applies the statutory rules to a year: the holidays of
// art. 112 as they stood that year and a compensatory day for each one on a
// weekend, given on the next working day after it (art. 111(3)). It knows no
// swaps: those are decided each year.
//
// Tết covers the last two days of the lunar year and mùng 1–3 (five days
// since the Labour Code 2012, in force 2013; four, giao thừa and mùng 1–3,
// before), the pattern of every official schedule 2020–2026. Quốc khánh has
// two days since 2021 (Labour Code 2019): 2/9 and 3/9 when 2/9 is a Monday or
// a Thursday (a long weekend), otherwise 1/9, as chosen in 2021–2026.
// Giỗ Tổ Hùng Vương is a holiday since 2007.
func generateSchedule(y int) *schedule {
	s := newSchedule()
	if y < MinYear || y > MaxYear {
		return s
	}
	date := func(m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	var hs []Holiday
	add := func(t time.Time, name string) { hs = append(hs, Holiday{Date: t, Name: name, Kind: KindHoliday}) }
	add(date(1, 1), "Tết Dương lịch")
	tet, before := TetDate(y), 1
	if y >= 2013 {
		before = 2
	}
	for i := -before; i < 3; i++ {
		add(tet.AddDate(0, 0, i), "Tết Nguyên đán")
	}
	if y >= 2007 {
		if t, err := LunarToSolar(LunarDate{Year: y, Month: 3, Day: 10}); err == nil {
			add(t, "Giỗ Tổ Hùng Vương")
		}
	}
	add(date(4, 30), "Ngày Chiến thắng")
	add(date(5, 1), "Ngày Quốc tế Lao động")
	add(date(9, 2), "Quốc khánh")
	if y >= 2021 {
		if wd := date(9, 2).Weekday(); wd == time.Monday || wd == time.Thursday {
			add(date(9, 3), "Quốc khánh")
		} else {
			add(date(9, 1), "Quốc khánh")
		}
	}
	sortHolidays(hs)
	taken := map[int64]bool{}
	for _, h := range hs {
		taken[dayKey(h.Date)] = true
	}
	for _, h := range hs {
		s.add(h)
		if !isWeekend(h.Date) {
			continue
		}
		d := h.Date.AddDate(0, 0, 1)
		for isWeekend(d) || taken[dayKey(d)] {
			d = d.AddDate(0, 0, 1)
		}
		taken[dayKey(d)] = true
		s.add(Holiday{Date: d, Name: "Nghỉ bù " + h.Name, Kind: KindCompensatory})
	}
	return s
}
