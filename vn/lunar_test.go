package vn

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// Known dates from published Vietnamese calendars.
var lunarCases = []struct {
	solar string
	lunar LunarDate
	what  string
}{
	{"2020-01-25", LunarDate{2020, 1, 1, false}, "Tết Canh Tý"},
	{"2021-02-12", LunarDate{2021, 1, 1, false}, "Tết Tân Sửu"},
	{"2022-02-01", LunarDate{2022, 1, 1, false}, "Tết Nhâm Dần"},
	{"2023-01-22", LunarDate{2023, 1, 1, false}, "Tết Quý Mão"},
	{"2024-02-10", LunarDate{2024, 1, 1, false}, "Tết Giáp Thìn"},
	{"2025-01-29", LunarDate{2025, 1, 1, false}, "Tết Ất Tỵ"},
	{"2026-02-17", LunarDate{2026, 1, 1, false}, "Tết Bính Ngọ"},
	{"2027-02-06", LunarDate{2027, 1, 1, false}, "Tết Đinh Mùi"},
	// 2030, 2007 and 2053 are the years of this century whose Vietnamese
	// Tết falls a day before China's (new moon between 16:00 and 17:00 UTC):
	// Hồ Ngọc Đức, calrules_en; the Chinese date 2030-02-03 is 2/1 here.
	{"2030-02-02", LunarDate{2030, 1, 1, false}, "Tết Canh Tuất"},
	{"2030-02-03", LunarDate{2030, 1, 2, false}, "mùng 2 Tết Canh Tuất"},
	{"2007-02-17", LunarDate{2007, 1, 1, false}, "Tết Đinh Hợi"},
	{"2053-02-18", LunarDate{2053, 1, 1, false}, "Tết Quý Dậu"},
	{"1985-01-21", LunarDate{1985, 1, 1, false}, "Tết Ất Sửu (a month before China's: UTC+7)"},
	{"2023-04-29", LunarDate{2023, 3, 10, false}, "Giỗ Tổ 2023"},
	{"2024-04-18", LunarDate{2024, 3, 10, false}, "Giỗ Tổ 2024"},
	{"2025-04-07", LunarDate{2025, 3, 10, false}, "Giỗ Tổ 2025"},
	{"2026-04-26", LunarDate{2026, 3, 10, false}, "Giỗ Tổ 2026"},
	{"2024-02-09", LunarDate{2023, 12, 30, false}, "giao thừa Quý Mão"},
	{"2025-01-22", LunarDate{2024, 12, 23, false}, "ông Công ông Táo 2025"},
	{"2024-09-17", LunarDate{2024, 8, 15, false}, "Trung thu 2024"},
	{"2023-03-22", LunarDate{2023, 2, 1, true}, "first day of leap month 2, 2023"},
	{"2023-03-21", LunarDate{2023, 2, 30, false}, "last day of month 2, 2023"},
	{"2023-04-20", LunarDate{2023, 3, 1, false}, "month 3 after the leap, 2023"},
	{"2025-07-25", LunarDate{2025, 6, 1, true}, "first day of leap month 6, 2025"},
	{"2025-08-23", LunarDate{2025, 7, 1, false}, "month 7 after the leap, 2025"},
	{"2025-09-06", LunarDate{2025, 7, 15, false}, "Vu Lan 2025"},
	{"2020-05-23", LunarDate{2020, 4, 1, true}, "first day of leap month 4, 2020"},
}

func TestSolarToLunar(t *testing.T) {
	for _, c := range lunarCases {
		if got := SolarToLunar(day(c.solar)); got != c.lunar {
			t.Errorf("%s (%s): SolarToLunar = %v, want %v", c.solar, c.what, got, c.lunar)
		}
	}
}

func TestLunarToSolar(t *testing.T) {
	for _, c := range lunarCases {
		got, err := LunarToSolar(c.lunar)
		if err != nil || !got.Equal(day(c.solar)) {
			t.Errorf("%v (%s): LunarToSolar = %v, %v; want %s", c.lunar, c.what, got, err, c.solar)
		}
	}
}

func TestLunarToSolarErrors(t *testing.T) {
	for _, l := range []LunarDate{
		{2024, 2, 1, true},   // 2024 has no leap month
		{2023, 3, 1, true},   // 2023 leaps month 2, not 3
		{2024, 13, 1, false}, // no month 13
		{2024, 1, 0, false},  // no day 0
		{2024, 1, 31, false}, // no day 31
		{2024, 1, 30, false}, // month 1 of Giáp Thìn has 29 days
	} {
		if got, err := LunarToSolar(l); err == nil {
			t.Errorf("LunarToSolar(%v) = %v, want an error", l, got)
		}
	}
}

func TestLeapMonth(t *testing.T) {
	for y, want := range map[int]int{2020: 4, 2021: 0, 2022: 0, 2023: 2, 2024: 0, 2025: 6, 2026: 0, 2027: 0, 2017: 6, 2033: 11, 2034: 0} {
		if got := LeapMonth(y); got != want {
			t.Errorf("LeapMonth(%d) = %d, want %d", y, got, want)
		}
	}
}

func TestTetDate(t *testing.T) {
	for y, want := range map[int]string{2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06", 2030: "2030-02-02"} {
		if got := TetDate(y); !got.Equal(day(want)) {
			t.Errorf("TetDate(%d) = %v, want %s", y, got, want)
		}
	}
}

// Every day from 1900 to 2100 converts to lunar and back to itself, and the
// lunar days run 1, 2, … without gaps.
func TestLunarRoundTrip(t *testing.T) {
	start, end := day("1900-01-01"), day("2100-12-31")
	if testing.Short() {
		start, end = day("2019-01-01"), day("2031-12-31")
	}
	prev := SolarToLunar(start.AddDate(0, 0, -1))
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		l := SolarToLunar(d)
		if l.Day != prev.Day+1 && !(l.Day == 1 && (prev.Day == 29 || prev.Day == 30)) {
			t.Fatalf("%s: lunar day %v follows %v", d.Format("2006-01-02"), l, prev)
		}
		if l.Day == 1 && l.Month == 1 && !l.Leap && l.Year != prev.Year+1 {
			t.Fatalf("%s: lunar year %d follows %d", d.Format("2006-01-02"), l.Year, prev.Year)
		}
		if l.Day == 1 || d.Equal(start) {
			back, err := LunarToSolar(l)
			if err != nil || !back.Equal(d) {
				t.Fatalf("%s → %v → %v, %v", d.Format("2006-01-02"), l, back, err)
			}
		}
		prev = l
	}
}

func TestLunarDateString(t *testing.T) {
	if s := (LunarDate{2025, 6, 15, true}).String(); s != "15/6n/2025" {
		t.Errorf("String = %q", s)
	}
	if s := (LunarDate{2024, 3, 10, false}).String(); s != "10/3/2024" {
		t.Errorf("String = %q", s)
	}
}
