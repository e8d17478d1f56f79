package vn

import (
	"fmt"
	"math"
	"time"
)

// The Vietnamese lunisolar calendar (âm lịch), computed with the algorithm
// published by Hồ Ngọc Đức ("Thuật toán tính âm lịch"): months start on the
// day of the astronomical new moon and the leap month is the first month of
// a 13-month year that contains no major solar term (trung khí), all in
// Vietnam's time zone UTC+7 (in force since 1968). The approximations of the
// new moon and of the sun's longitude are those of Meeus, "Astronomical
// Algorithms"; they are accurate to minutes for 1800–2199, far inside a day.

// lunarTZ is the time zone of the Vietnamese calendar, hours east of UTC.
const lunarTZ = 7.0

// LunarDate is a day of the Vietnamese lunar calendar; Leap marks the days of
// the repeated (leap) month of a 13-month year (tháng nhuận).
type LunarDate struct {
	Year, Month, Day int
	Leap             bool
}

// String renders the date the way calendars print it: "10/3/2024" or
// "15/6n/2025" (n = nhuận).
func (l LunarDate) String() string {
	leap := ""
	if l.Leap {
		leap = "n"
	}
	return fmt.Sprintf("%d/%d%s/%d", l.Day, l.Month, leap, l.Year)
}

// julianDay returns the Julian day number of a Gregorian (proleptic Julian
// before 15/10/1582) calendar date.
func julianDay(d, m, y int) int {
	a := (14 - m) / 12
	yy := y + 4800 - a
	mm := m + 12*a - 3
	jd := d + (153*mm+2)/5 + 365*yy + yy/4 - yy/100 + yy/400 - 32045
	if jd < 2299161 {
		jd = d + (153*mm+2)/5 + 365*yy + yy/4 - 32083
	}
	return jd
}

// fromJulianDay is the inverse of julianDay.
func fromJulianDay(jd int) (d, m, y int) {
	var b, c int
	if jd > 2299160 {
		a := jd + 32044
		b = (4*a + 3) / 146097
		c = a - b*146097/4
	} else {
		c = jd + 32082
	}
	dd := (4*c + 3) / 1461
	e := c - 1461*dd/4
	mm := (5*e + 2) / 153
	d = e - (153*mm+2)/5 + 1
	m = mm + 3 - 12*(mm/10)
	y = b*100 + dd - 4800 + mm/10
	return d, m, y
}

// newMoon returns the Julian date (UT, fractional) of the k-th new moon after
// the one of 1900-01-01 (Meeus, chapter 49, simplified).
func newMoon(k int) float64 {
	kf := float64(k)
	t := kf / 1236.85
	t2 := t * t
	t3 := t2 * t
	const dr = math.Pi / 180
	jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*t2 - 0.000000155*t3
	jd1 += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := 359.2242 + 29.10535608*kf - 0.0000333*t2 - 0.00000347*t3    // sun's mean anomaly
	mpr := 306.0253 + 385.81691806*kf + 0.0107306*t2 + 0.00001236*t3 // moon's mean anomaly
	f := 21.2964 + 390.67050646*kf - 0.0016528*t2 - 0.00000239*t3    // moon's argument of latitude
	c1 := (0.1734-0.000393*t)*math.Sin(m*dr) + 0.0021*math.Sin(2*dr*m)
	c1 = c1 - 0.4068*math.Sin(mpr*dr) + 0.0161*math.Sin(dr*2*mpr)
	c1 -= 0.0004 * math.Sin(dr*3*mpr)
	c1 = c1 + 0.0104*math.Sin(dr*2*f) - 0.0051*math.Sin(dr*(m+mpr))
	c1 = c1 - 0.0074*math.Sin(dr*(m-mpr)) + 0.0004*math.Sin(dr*(2*f+m))
	c1 = c1 - 0.0004*math.Sin(dr*(2*f-m)) - 0.0006*math.Sin(dr*(2*f+mpr))
	c1 = c1 + 0.0010*math.Sin(dr*(2*f-mpr)) + 0.0005*math.Sin(dr*(2*mpr+m))
	var deltaT float64
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return jd1 + c1 - deltaT
}

// sunLongitude returns the sun's apparent longitude in radians, in [0, 2π),
// at Julian date jdn (UT).
func sunLongitude(jdn float64) float64 {
	t := (jdn - 2451545.0) / 36525
	t2 := t * t
	const dr = math.Pi / 180
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2
	dl := (1.914600 - 0.004817*t - 0.000014*t2) * math.Sin(dr*m)
	dl += (0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := (l0 + dl) * dr
	return l - 2*math.Pi*math.Floor(l/(2*math.Pi))
}

// sunSector returns which of the 12 major solar terms' 30° sectors the sun is
// in at the start (local midnight) of Julian day dayNumber.
func sunSector(dayNumber int) int {
	return int(math.Floor(sunLongitude(float64(dayNumber)-0.5-lunarTZ/24) / math.Pi * 6))
}

// newMoonDay returns the Julian day number of the local day holding the k-th
// new moon.
func newMoonDay(k int) int {
	return int(math.Floor(newMoon(k) + 0.5 + lunarTZ/24))
}

// month11 returns the Julian day on which lunar month 11 (the month holding
// the winter solstice) of solar year y starts.
func month11(y int) int {
	off := julianDay(31, 12, y) - 2415021
	k := int(math.Floor(float64(off) / 29.530588853))
	nm := newMoonDay(k)
	if sunSector(nm) >= 9 {
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapOffset returns the position, counted in months after month 11 starting
// on a11, of the leap month of a 13-month lunar year.
func leapOffset(a11 int) int {
	k := int(math.Floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5))
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// SolarToLunar converts a civil date (its year, month and day as read in its
// own location; the clock time is ignored) to the Vietnamese lunar date.
func SolarToLunar(t time.Time) LunarDate {
	y, mo, d := t.Date()
	dayNumber := julianDay(d, int(mo), y)
	k := int(math.Floor((float64(dayNumber) - 2415021.076998695) / 29.530588853))
	// k estimates the lunation from the mean month; the true new moon can
	// fall a day either side, so step until newMoonDay(k) <= day < next.
	for newMoonDay(k) > dayNumber {
		k--
	}
	for newMoonDay(k+1) <= dayNumber {
		k++
	}
	monthStart := newMoonDay(k)
	a11 := month11(y)
	b11 := a11
	var lunarYear int
	if a11 >= monthStart {
		lunarYear = y
		a11 = month11(y - 1)
	} else {
		lunarYear = y + 1
		b11 = month11(y + 1)
	}
	diff := (monthStart - a11) / 29
	l := LunarDate{Day: dayNumber - monthStart + 1, Month: diff + 11}
	if b11-a11 > 365 {
		lo := leapOffset(a11)
		if diff >= lo {
			l.Month = diff + 10
			l.Leap = diff == lo
		}
	}
	if l.Month > 12 {
		l.Month -= 12
	}
	if l.Month >= 11 && diff < 4 {
		lunarYear--
	}
	l.Year = lunarYear
	return l
}

// LeapMonth returns the number of the leap month of lunar year y (the month
// that is repeated), or 0 when the year has twelve months.
func LeapMonth(y int) int {
	// Months 1–10 of year y lie between month 11 of solar years y-1 and y;
	// months 11 and 12 of year y follow month 11 of solar year y.
	if a11, b11 := month11(y-1), month11(y); b11-a11 > 365 {
		if lo := leapOffset(a11); lo >= 3 {
			return lo - 2
		}
	}
	if a11, b11 := month11(y), month11(y+1); b11-a11 > 365 {
		if lo := leapOffset(a11); lo <= 2 {
			return 10 + lo
		}
	}
	return 0
}

// LunarToSolar converts a lunar date to the civil date (midnight UTC). It
// fails for a month that is not leap in that year or a day past the month's
// end (29 or 30 days).
func LunarToSolar(l LunarDate) (time.Time, error) {
	if l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 30 {
		return time.Time{}, fmt.Errorf("ngày âm lịch %s không hợp lệ", l)
	}
	start, next, ok := lunarMonthStart(l.Year, l.Month, l.Leap)
	if !ok {
		return time.Time{}, fmt.Errorf("năm âm lịch %d không có tháng %d nhuận", l.Year, l.Month)
	}
	if l.Day > next-start {
		return time.Time{}, fmt.Errorf("tháng %d âm lịch năm %d chỉ có %d ngày", l.Month, l.Year, next-start)
	}
	d, m, y := fromJulianDay(start + l.Day - 1)
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// lunarMonthStart returns the Julian days on which the given lunar month and
// the month after it start; ok is false when leap is asked of a month that is
// not leap that year.
func lunarMonthStart(year, month int, leap bool) (start, next int, ok bool) {
	var a11, b11 int
	if month < 11 {
		a11, b11 = month11(year-1), month11(year)
	} else {
		a11, b11 = month11(year), month11(year+1)
	}
	k := int(math.Floor(0.5 + (float64(a11)-2415021.076998695)/29.530588853))
	off := month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		lo := leapOffset(a11)
		leapMonth := lo - 2
		if leapMonth <= 0 {
			leapMonth += 12
		}
		if leap && month != leapMonth {
			return 0, 0, false
		}
		if leap || off >= lo {
			off++
		}
	} else if leap {
		return 0, 0, false
	}
	return newMoonDay(k + off), newMoonDay(k + off + 1), true
}

// TetDate returns the civil date of Tết Nguyên đán (1/1 lunar) of lunar year
// y, which starts in solar year y.
func TetDate(y int) time.Time {
	t, _ := LunarToSolar(LunarDate{Year: y, Month: 1, Day: 1})
	return t
}
