package reports

import (
	"testing"

	"tochuc"
)

func TestParsePeriod(t *testing.T) {
	for _, c := range []struct{ in, code, from, to, name string }{
		{"2024H1", "2024H1", "2024-01-01", "2024-06-30", "6 tháng đầu năm 2024"},
		{"2024h2", "2024H2", "2024-07-01", "2024-12-31", "6 tháng cuối năm 2024"},
		{" 2024Q3 ", "2024Q3", "2024-07-01", "2024-09-30", "quý III năm 2024"},
		{"2024Q1", "2024Q1", "2024-01-01", "2024-03-31", "quý I năm 2024"},
		{"2024", "2024", "2024-01-01", "2024-12-31", "năm 2024"},
	} {
		p, err := ParsePeriod(c.in)
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		if p.String() != c.code || string(p.From()) != c.from || string(p.To()) != c.to || p.Name() != c.name {
			t.Errorf("%q: %s %s %s %s", c.in, p, p.From(), p.To(), p.Name())
		}
	}
	for _, bad := range []string{"", "24", "2024H3", "2024Q0", "2024Q5", "2024H", "2024-H1", "１２３４", "1800", "2024H1x", "abcd"} {
		if _, err := ParsePeriod(bad); tochuc.ErrorCode(err) != tochuc.EINVALID {
			t.Errorf("%q accepted: %v", bad, err)
		}
	}
}

// FuzzParsePeriod: a period read is a valid range of real dates that prints back to itself.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2024H1", "2024Q3", "2024", "2024h2", "9999Q9", "", "2024Q", "\xff2024"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			return
		}
		from, to := p.From(), p.To()
		if _, err := tochuc.ParseISODate(string(from)); err != nil {
			t.Fatalf("%q: from %s: %v", s, from, err)
		}
		if _, err := tochuc.ParseISODate(string(to)); err != nil {
			t.Fatalf("%q: to %s: %v", s, to, err)
		}
		if to < from || from[:4] != to[:4] {
			t.Fatalf("%q: %s–%s", s, from, to)
		}
		q, err := ParsePeriod(p.String())
		if err != nil || q != p {
			t.Fatalf("%q → %s → %+v %v", s, p, q, err)
		}
	})
}
