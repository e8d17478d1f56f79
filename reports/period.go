// Package reports builds the review report of the party-building sector (báo cáo sơ kết,
// tổng kết công tác tổ chức xây dựng Đảng) of an organization for a period: narrative
// sentences made from the statistics engine's figures, tables and a chart, in the layout of
// party documents (package forms), printed as DOCX and PDF.
//
// The package does not read the register: the service gathers the figures (Figures), each
// with the engine query that produced it (Trace), and Review lays them out. So every number
// printed can be traced back to its query, and the same figures serve the JSON form.
package reports

import (
	"fmt"
	"strconv"
	"strings"

	"tochuc"
)

// Period is a reporting period: a half year (sơ kết 6 tháng), a quarter or a whole year
// (tổng kết).
type Period struct {
	Year    int `json:"year"`
	Half    int `json:"half,omitempty"`    // 1 or 2; 0 when not a half year
	Quarter int `json:"quarter,omitempty"` // 1…4; 0 when not a quarter
}

// ParsePeriod reads "2024H1", "2024H2", "2024Q3" or "2024" (letters in either case).
func ParsePeriod(s string) (Period, error) {
	v := strings.ToUpper(strings.TrimSpace(s))
	bad := tochuc.Errorf(tochuc.EINVALID, "kỳ báo cáo %q không hợp lệ: viết dạng 2024H1 (6 tháng), 2024Q3 (quý) hoặc 2024 (năm)", strings.ToValidUTF8(s, "?"))
	if len(v) < 4 {
		return Period{}, bad
	}
	for _, c := range v[:4] {
		if c < '0' || c > '9' {
			return Period{}, bad
		}
	}
	y, _ := strconv.Atoi(v[:4])
	if y < 1930 || y > 2200 {
		return Period{}, bad
	}
	p := Period{Year: y}
	switch rest := v[4:]; {
	case rest == "":
	case len(rest) == 2 && rest[0] == 'H' && (rest[1] == '1' || rest[1] == '2'):
		p.Half = int(rest[1] - '0')
	case len(rest) == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4':
		p.Quarter = int(rest[1] - '0')
	default:
		return Period{}, bad
	}
	return p, nil
}

// String is the period's code: "2024H1", "2024Q3", "2024".
func (p Period) String() string {
	switch {
	case p.Half > 0:
		return fmt.Sprintf("%04dH%d", p.Year, p.Half)
	case p.Quarter > 0:
		return fmt.Sprintf("%04dQ%d", p.Year, p.Quarter)
	}
	return fmt.Sprintf("%04d", p.Year)
}

// months are the first and last month of the period.
func (p Period) months() (int, int) {
	switch {
	case p.Half > 0:
		return 6*p.Half - 5, 6 * p.Half
	case p.Quarter > 0:
		return 3*p.Quarter - 2, 3 * p.Quarter
	}
	return 1, 12
}

// From is the first day of the period.
func (p Period) From() tochuc.Date {
	m, _ := p.months()
	return tochuc.Date(fmt.Sprintf("%04d-%02d-01", p.Year, m))
}

// To is the last day of the period.
func (p Period) To() tochuc.Date {
	_, m := p.months()
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && (p.Year%4 == 0 && (p.Year%100 != 0 || p.Year%400 == 0)) {
		days = 29
	}
	return tochuc.Date(fmt.Sprintf("%04d-%02d-%02d", p.Year, m, days))
}

var romanQuarters = [5]string{"", "I", "II", "III", "IV"}

// Name is the period in words: "6 tháng đầu năm 2024", "quý III năm 2024", "năm 2024".
func (p Period) Name() string {
	switch {
	case p.Half == 1:
		return fmt.Sprintf("6 tháng đầu năm %d", p.Year)
	case p.Half == 2:
		return fmt.Sprintf("6 tháng cuối năm %d", p.Year)
	case p.Quarter > 0:
		return fmt.Sprintf("quý %s năm %d", romanQuarters[p.Quarter], p.Year)
	}
	return fmt.Sprintf("năm %d", p.Year)
}

// Review is "sơ kết" for part of a year and "tổng kết" for a whole year.
func (p Period) Review() string {
	if p.Half == 0 && p.Quarter == 0 {
		return "tổng kết"
	}
	return "sơ kết"
}
