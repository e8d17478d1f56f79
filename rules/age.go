package rules

import (
	"fmt"
	"time"

	"tochuc"
	"tochuc/vn"
)

// AgeInMonths returns the completed months of age on date on (ISO) of a
// person born on birth, which may be partial ("1975", "1975-03" or
// "1975-03-12"). A month is complete on the same day of the month as the
// birth day (born 31/1: not on 30/4, only on 1/5; born 29/2: on 1/3 in a
// common year). Conservative choice: a partial date counts from its latest
// possible day (31/12 for a year, the month's last day for a month), so the
// age is never overstated and nobody is admitted a day too young. ok is
// false for an invalid or empty date or when on is before the birth.
func AgeInMonths(birth, on string) (int, bool) {
	b, err := vn.ParseStoredPartialDate(birth)
	if err != nil || b.IsZero() {
		return 0, false
	}
	o, err := vn.ParseISO(on)
	if err != nil {
		return 0, false
	}
	return monthsBetween(b.Latest(), o)
}

// monthsBetween returns the completed months from from to to.
func monthsBetween(from, to time.Time) (int, bool) {
	if to.Before(from) {
		return 0, false
	}
	y1, m1, d1 := from.Date()
	y2, m2, d2 := to.Date()
	n := (y2-y1)*12 + int(m2-m1)
	if d2 < d1 {
		n--
	}
	return n, true
}

// ageText renders months of age the Vietnamese way, "17 tuổi 11 tháng".
func ageText(months int) string {
	return fmt.Sprintf("%d tuổi %d tháng", months/12, months%12)
}

// CheckAdmissionAge checks the age of a candidate at the cell's vote: at
// least 18 years counted in months (from the latest day a partial birth date
// can mean) and at most 60 (counted from the earliest day, so nobody is
// admitted over 60 without the consent either), unless the provincial
// standing committee consented in writing. The rules are those in force on
// voteDate; a nil set is the built-in one.
func CheckAdmissionAge(set *Set, birth, voteDate string, provincialConsent bool) error {
	set = orDefault(set)
	r, err := set.rule("admission.age", voteDate)
	if err != nil {
		return err
	}
	b, err := vn.ParseStoredPartialDate(birth)
	if err != nil || b.IsZero() {
		return &tochuc.Error{Code: tochuc.EINVALID, Subject: "birth_date",
			Message: fmt.Sprintf("ngày sinh %q không hợp lệ (định dạng yyyy, yyyy-mm hoặc yyyy-mm-dd)", birth)}
	}
	vote, _ := vn.ParseISO(voteDate)
	min, max := r.Param("min_months"), r.Param("max_months")
	if young, ok := monthsBetween(b.Latest(), vote); !ok || young < min {
		got := "chưa sinh"
		if ok {
			got = "mới " + ageText(young)
		}
		return r.Refuse("Người vào Đảng phải đủ %d tuổi (tính theo tháng) tại thời điểm chi bộ xét kết nạp: sinh %s, ngày chi bộ xét %s %s",
			min/12, b.Display(), vn.FormatDate(vote), got)
	}
	if old, _ := monthsBetween(b.Earliest(), vote); old > max && !provincialConsent {
		r60, err := set.rule("admission.age_over60", voteDate)
		if err != nil {
			return err
		}
		return r60.Refuse("Người vào Đảng đã quá %d tuổi (tính theo tháng) tại thời điểm chi bộ xét kết nạp (sinh %s, ngày chi bộ xét %s: %s); chỉ được kết nạp khi ban thường vụ cấp ủy trực thuộc Trung ương đồng ý bằng văn bản",
			max/12, b.Display(), vn.FormatDate(vote), ageText(old))
	}
	return nil
}

// AddMonths returns the ISO date n months after date (before it for n < 0),
// on the same day of the month or, when that month is shorter, its last day
// (29/02/2024 + 12 months = 28/02/2025); "" for an invalid date.
func AddMonths(date string, n int) string {
	t, err := vn.ParseISO(date)
	if err != nil {
		return ""
	}
	return addMonths(t, n).Format(vn.ISOLayout)
}

// addMonths adds n calendar months, clamping to the end of a shorter month.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, 0, 0, 0, 0, time.UTC)
}

// orDefault returns the built-in set for a nil set.
func orDefault(s *Set) *Set {
	if s == nil {
		return Default()
	}
	return s
}
