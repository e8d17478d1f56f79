package vn

import (
	"math/rand"
	"strings"
	"testing"
	"time"
)

// The published schedules of the public sector, as whole stretches off work
// (weekends included) and the Saturdays worked in exchange; the sources are
// in data/holidays.txt.
var publishedYears = []struct {
	year    int
	off     [][2]string // inclusive ranges of days off
	workday []string    // weekend days worked
	total   int         // working days in the year
}{
	{2024, [][2]string{
		{"2024-01-01", "2024-01-01"}, // Tết Dương lịch
		{"2024-02-08", "2024-02-14"}, // Tết Giáp Thìn
		{"2024-04-18", "2024-04-18"}, // Giỗ Tổ
		{"2024-04-27", "2024-05-01"}, // 30/4–1/5 with Monday 29/4 swapped
		{"2024-08-31", "2024-09-03"}, // Quốc khánh
	}, []string{"2024-05-04"}, 262 - 12 + 1},
	{2025, [][2]string{
		{"2025-01-01", "2025-01-01"},
		{"2025-01-25", "2025-02-02"}, // Tết Ất Tỵ, 9 days
		{"2025-04-07", "2025-04-07"},
		{"2025-04-30", "2025-05-04"}, // Friday 2/5 swapped
		{"2025-08-30", "2025-09-02"},
	}, []string{"2025-04-26"}, 261 - 12 + 1},
	{2026, [][2]string{
		{"2026-01-01", "2026-01-04"}, // Friday 2/1 swapped
		{"2026-02-14", "2026-02-22"}, // Tết Bính Ngọ, 9 days
		{"2026-04-25", "2026-04-27"}, // Giỗ Tổ on Sunday, Monday off
		{"2026-04-30", "2026-05-03"},
		{"2026-08-29", "2026-09-02"}, // Monday 31/8 swapped
	}, []string{"2026-01-10", "2026-08-22"}, 261 - 13 + 2},
}

// Every day of 2024, 2025 and 2026 is a working day exactly when the
// published schedule says so.
func TestPublishedSchedules(t *testing.T) {
	cal := NewCalendar()
	for _, py := range publishedYears {
		if !OfficialYear(py.year) {
			t.Errorf("%d: no official schedule", py.year)
		}
		off := map[string]bool{}
		for _, r := range py.off {
			for d := day(r[0]); !d.After(day(r[1])); d = d.AddDate(0, 0, 1) {
				off[d.Format(ISOLayout)] = true
			}
		}
		work := map[string]bool{}
		for _, w := range py.workday {
			work[w] = true
		}
		n := 0
		for d := time.Date(py.year, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == py.year; d = d.AddDate(0, 0, 1) {
			k := d.Format(ISOLayout)
			want := work[k] || (!isWeekend(d) && !off[k])
			if got := cal.IsWorkingDay(d); got != want {
				t.Errorf("IsWorkingDay(%s %s) = %v, want %v", k, d.Weekday(), got, want)
			}
			if want {
				n++
			}
		}
		if n != py.total {
			t.Errorf("%d: %d working days, want %d", py.year, n, py.total)
		}
		if got := len(cal.MakeUpDays(py.year)); got != len(py.workday) {
			t.Errorf("%d: %d make-up days, want %d", py.year, got, len(py.workday))
		}
	}
}

// "Within 60 working days of the resolution": counted by hand on the 2025
// calendar. After Wednesday 15/01/2025 come 7 working days to Friday 24/01,
// then Tết (25/01–02/02) stops the count, 45 more run from 03/02 to 04/04,
// Giỗ Tổ (Monday 07/04) is skipped, and the 60th is Thursday 17/04/2025 —
// 6 working days later than plain Monday–Friday counting (09/04). The 30-day
// extension ends on 02/06/2025: Saturday 26/04 is worked, 30/04–04/05 is not.
func TestDeadlineAcrossTet2025(t *testing.T) {
	cal := NewCalendar()
	res := day("2025-01-15")
	if got := cal.AddWorkingDays(res, 60); !got.Equal(day("2025-04-17")) {
		t.Errorf("60th working day after 2025-01-15 = %s, want 2025-04-17", got.Format(ISOLayout))
	}
	if got := cal.AddWorkingDays(res, 90); !got.Equal(day("2025-06-02")) {
		t.Errorf("90th working day after 2025-01-15 = %s, want 2025-06-02", got.Format(ISOLayout))
	}
	if got := cal.AddWorkingDays(res, 7); !got.Equal(day("2025-01-24")) {
		t.Errorf("7th = %s, want 2025-01-24", got.Format(ISOLayout))
	}
	if got := cal.AddWorkingDays(res, 8); !got.Equal(day("2025-02-03")) {
		t.Errorf("8th = %s, want 2025-02-03 (after Tết)", got.Format(ISOLayout))
	}
	if got := cal.WorkingDaysBetween(res, day("2025-04-17")); got != 60 {
		t.Errorf("WorkingDaysBetween = %d, want 60", got)
	}
	if got := cal.WorkingDaysBetween(day("2025-04-17"), res); got != -60 {
		t.Errorf("WorkingDaysBetween reversed = %d, want -60", got)
	}
	if got := cal.AddWorkingDays(day("2025-04-17"), -60); !got.Equal(res) {
		t.Errorf("60 working days before 2025-04-17 = %s, want 2025-01-15", got.Format(ISOLayout))
	}
	// An event on a day off: the count still starts the next working day.
	if got := cal.AddWorkingDays(day("2025-01-29"), 1); !got.Equal(day("2025-02-03")) {
		t.Errorf("1st working day after mùng 1 Tết = %s, want 2025-02-03", got.Format(ISOLayout))
	}
	if got := cal.AddWorkingDays(res, 0); !got.Equal(res) {
		t.Errorf("AddWorkingDays(0) = %s", got.Format(ISOLayout))
	}
}

// weekdaysOff returns the Monday–Friday days off of a schedule.
func weekdaysOff(s *schedule, kinds ...HolidayKind) map[int64]bool {
	out := map[int64]bool{}
	for k, h := range s.off {
		if isWeekend(h.Date) {
			continue
		}
		for _, kind := range kinds {
			if h.Kind == kind {
				out[k] = true
			}
		}
	}
	return out
}

// The official schedules add only swaps to what the statutes give; so the
// generator, which knows no swaps, must agree with them on every other day,
// and a year without a published schedule (2027) is the generator's.
func TestGeneratorMatchesOfficial(t *testing.T) {
	for _, y := range []int{2024, 2025, 2026} {
		gen := weekdaysOff(generateSchedule(y), KindHoliday, KindCompensatory)
		off := weekdaysOff(scheduleOf(y), KindHoliday, KindCompensatory)
		for k := range gen {
			if !off[k] {
				t.Errorf("%d: generator has %s off, official schedule does not", y, time.Unix(k*86400, 0).UTC().Format(ISOLayout))
			}
		}
		for k := range off {
			if !gen[k] {
				t.Errorf("%d: official schedule has %s off, generator does not", y, time.Unix(k*86400, 0).UTC().Format(ISOLayout))
			}
		}
	}
	if OfficialYear(2027) {
		t.Fatal("2027 has an official schedule; pick a later year for this test")
	}
	cal, gen := NewCalendar(), generateSchedule(2027)
	for d := day("2027-01-01"); d.Year() == 2027; d = d.AddDate(0, 0, 1) {
		_, off := gen.off[dayKey(d)]
		if want := !isWeekend(d) && !off; cal.IsWorkingDay(d) != want {
			t.Errorf("2027: IsWorkingDay(%s) = %v, generator says %v", d.Format(ISOLayout), !want, want)
		}
	}
	// Tết Đinh Mùi is Saturday 06/02/2027: 04/02–08/02 plus 09–10/02 for the weekend.
	for _, c := range []struct {
		d    string
		work bool
	}{
		{"2027-01-01", false}, {"2027-02-03", true}, {"2027-02-04", false}, {"2027-02-08", false},
		{"2027-02-09", false}, {"2027-02-10", false}, {"2027-02-11", true},
		{"2027-04-30", false}, {"2027-05-03", false}, {"2027-05-04", true}, // 1/5 is a Saturday: Monday 3/5 off
		{"2027-09-02", false}, {"2027-09-03", false}, {"2027-09-06", true},
	} {
		if got := cal.IsWorkingDay(day(c.d)); got != c.work {
			t.Errorf("2027: IsWorkingDay(%s) = %v, want %v", c.d, got, c.work)
		}
	}
}

// The generator reproduces earlier published Tết breaks, which had no swaps.
func TestGeneratorPastTet(t *testing.T) {
	for _, c := range []struct {
		year       int
		first, end string
	}{
		// 23/01–29/01/2020: https://socongthuong.daklak.gov.vn/vi/news/tag/thứ-tư/page-2
		{2020, "2020-01-23", "2020-01-29"},
		// 20/01–26/01/2023: https://pld.net.vn/tag/nghi-tet-nguyen-dan.html
		{2023, "2023-01-20", "2023-01-26"},
	} {
		cal := NewCalendar()
		first, end := day(c.first), day(c.end)
		if !cal.IsWorkingDay(first.AddDate(0, 0, -1)) || !cal.IsWorkingDay(end.AddDate(0, 0, 1)) {
			t.Errorf("%d: the days around %s–%s should be working days", c.year, c.first, c.end)
		}
		for d := first; !d.After(end); d = d.AddDate(0, 0, 1) {
			if cal.IsWorkingDay(d) {
				t.Errorf("%d: %s should be off for Tết", c.year, d.Format(ISOLayout))
			}
		}
	}
}

func TestExceptions(t *testing.T) {
	cal := NewCalendar(
		Exception{Date: day("2025-03-10"), Note: "Nghỉ theo QĐ 12-QĐ/ĐU"},
		Exception{Date: day("2025-03-15"), WorkDay: true, Note: "Làm việc thứ Bảy theo TB 5-TB/ĐU"},
		Exception{Date: day("2025-04-26"), WorkDay: false}, // the committee keeps the make-up Saturday off
	)
	if cal.IsWorkingDay(day("2025-03-10")) || !cal.IsWorkingDay(day("2025-03-15")) || cal.IsWorkingDay(day("2025-04-26")) {
		t.Error("exceptions not applied")
	}
	if NewCalendar().IsWorkingDay(day("2025-03-10")) == false {
		t.Error("exceptions leak into other calendars")
	}
	// 2025-03-07 (Fri) + 1 skips the Monday off; + 6 reaches the worked Saturday.
	if got := cal.AddWorkingDays(day("2025-03-07"), 1); !got.Equal(day("2025-03-11")) {
		t.Errorf("AddWorkingDays = %s, want 2025-03-11", got.Format(ISOLayout))
	}
	if got := cal.AddWorkingDays(day("2025-03-07"), 5); !got.Equal(day("2025-03-15")) {
		t.Errorf("AddWorkingDays = %s, want 2025-03-15", got.Format(ISOLayout))
	}
	hs := cal.Holidays(2025)
	found := false
	for _, h := range hs {
		if h.Date.Equal(day("2025-03-10")) && h.Kind == KindLocal && h.Name == "Nghỉ theo QĐ 12-QĐ/ĐU" {
			found = true
		}
	}
	if !found {
		t.Errorf("Holidays(2025) lacks the local day off: %v", hs)
	}
	mk := cal.MakeUpDays(2025)
	if len(mk) != 1 || !mk[0].Date.Equal(day("2025-03-15")) || mk[0].Kind != KindLocal {
		t.Errorf("MakeUpDays(2025) = %v", mk)
	}
}

func TestHolidaysList(t *testing.T) {
	var cal *Calendar // nil is the national calendar
	hs := cal.Holidays(2026)
	var got []string
	for _, h := range hs {
		got = append(got, h.Date.Format("01-02")+" "+h.Name)
	}
	want := []string{
		"01-01 Tết Dương lịch", "01-02 Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)",
		"02-16 Tết Nguyên đán", "02-17 Tết Nguyên đán", "02-18 Tết Nguyên đán", "02-19 Tết Nguyên đán", "02-20 Tết Nguyên đán",
		"04-26 Giỗ Tổ Hùng Vương", "04-27 Nghỉ bù Giỗ Tổ Hùng Vương",
		"04-30 Ngày Chiến thắng", "05-01 Ngày Quốc tế Lao động",
		"08-31 Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)", "09-01 Quốc khánh", "09-02 Quốc khánh",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Holidays(2026):\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !cal.IsWorkingDay(day("2026-01-10")) || cal.IsWorkingDay(day("2026-01-02")) {
		t.Error("nil calendar ignores the official swaps")
	}
}

// AddWorkingDays and WorkingDaysBetween are inverse on random dates and counts.
func TestAddBetweenInverse(t *testing.T) {
	cal := NewCalendar()
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 300; i++ {
		from := day("2019-01-01").AddDate(0, 0, r.Intn(4000))
		n := r.Intn(200) - 60
		to := cal.AddWorkingDays(from, n)
		if n != 0 && !cal.IsWorkingDay(to) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, not a working day", from.Format(ISOLayout), n, to.Format(ISOLayout))
		}
		if got := cal.WorkingDaysBetween(from, to); got != n {
			t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", from.Format(ISOLayout), to.Format(ISOLayout), got, n)
		}
	}
}

func TestParseISO(t *testing.T) {
	for s, ok := range map[string]bool{
		"2025-01-15": true, "2024-02-29": true, "0001-01-01": true, "9999-12-31": true,
		"2025-02-29": false, "2025-13-01": false, "2025-00-10": false, "2025-01-00": false,
		"2025-1-15": false, "25-01-15": false, "2025/01/15": false, " 2025-01-15": false,
		"0000-01-01": false, "2025-01-32": false, "": false, "2025-01-1x": false, "+025-01-15": false,
	} {
		d, err := ParseISO(s)
		if (err == nil) != ok {
			t.Errorf("ParseISO(%q) = %v, %v", s, d, err)
		}
		if ok && d.Format(ISOLayout) != s {
			t.Errorf("ParseISO(%q) = %s", s, d.Format(ISOLayout))
		}
	}
}

func FuzzParseISO(f *testing.F) {
	for _, s := range []string{"2025-01-15", "2024-02-29", "2025-02-29", "9999-12-31", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseISO(s)
		if err != nil {
			return
		}
		if d.Format(ISOLayout) != s {
			t.Fatalf("ParseISO(%q) = %s: not a round trip", s, d.Format(ISOLayout))
		}
		if d.Hour() != 0 || d.Location() != time.UTC {
			t.Fatalf("ParseISO(%q) = %v: not midnight UTC", s, d)
		}
	})
}

func TestParseSchedulesErrors(t *testing.T) {
	for _, text := range []string{
		"year 2025\nyear 2025",
		"year x",
		"year 2025\n2025-01-01 holiday",
		"year 2025\n2025-02-30 holiday X",
		"year 2025\n2025-01-01 party X",
		"year 2025\n2024-01-01 holiday X",
		"year 2025\n2025-04-25 workday X", // a Friday
		"year 2025\n2025-04-26 swap X",    // a Saturday
	} {
		if _, err := parseSchedules(text); err == nil {
			t.Errorf("parseSchedules(%q) accepted", text)
		}
	}
	if _, err := parseSchedules(officialData); err != nil {
		t.Errorf("data/holidays.txt: %v", err)
	}
}

func TestGeneratorOutOfRange(t *testing.T) {
	if s := generateSchedule(MaxYear + 1); len(s.off) != 0 {
		t.Errorf("generator outside %d–%d: %v", MinYear, MaxYear, s.off)
	}
	if !NewCalendar().IsWorkingDay(day("9999-12-31")) { // a Friday, no schedule
		t.Error("9999-12-31 should be a plain Friday")
	}
}
