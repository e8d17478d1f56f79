package vn

import (
	"testing"
	"time"
)

func TestParsePartialDate(t *testing.T) {
	tests := []struct {
		in             string
		want           PartialDate
		stored, shown  string
		earliest, last string
	}{
		{"", PartialDate{}, "", "", "", ""},
		{"1950", PartialDate{Year: 1950, Precision: PrecisionYear}, "1950", "1950", "1950-01-01", "1950-12-31"},
		{"03/1975", PartialDate{Year: 1975, Month: 3, Precision: PrecisionMonth}, "1975-03", "03/1975", "1975-03-01", "1975-03-31"},
		{"3/1975", PartialDate{Year: 1975, Month: 3, Precision: PrecisionMonth}, "1975-03", "03/1975", "1975-03-01", "1975-03-31"},
		{"1975-03", PartialDate{Year: 1975, Month: 3, Precision: PrecisionMonth}, "1975-03", "03/1975", "1975-03-01", "1975-03-31"},
		{"02/2024", PartialDate{Year: 2024, Month: 2, Precision: PrecisionMonth}, "2024-02", "02/2024", "2024-02-01", "2024-02-29"},
		{"12/03/1975", PartialDate{Year: 1975, Month: 3, Day: 12, Precision: PrecisionDay}, "1975-03-12", "12/03/1975", "1975-03-12", "1975-03-12"},
		{"1975-03-12", PartialDate{Year: 1975, Month: 3, Day: 12, Precision: PrecisionDay}, "1975-03-12", "12/03/1975", "1975-03-12", "1975-03-12"},
		{"12.3.1975", PartialDate{Year: 1975, Month: 3, Day: 12, Precision: PrecisionDay}, "1975-03-12", "12/03/1975", "1975-03-12", "1975-03-12"},
	}
	day := func(tm time.Time) string {
		if tm.IsZero() {
			return ""
		}
		return tm.Format("2006-01-02")
	}
	for _, tt := range tests {
		got, err := ParsePartialDate(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParsePartialDate(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			continue
		}
		if got.String() != tt.stored || got.Display() != tt.shown {
			t.Errorf("%q: String %q Display %q", tt.in, got.String(), got.Display())
		}
		if day(got.Earliest()) != tt.earliest || day(got.Latest()) != tt.last {
			t.Errorf("%q: Earliest %v Latest %v", tt.in, got.Earliest(), got.Latest())
		}
		if got.IsZero() != (tt.in == "") {
			t.Errorf("%q: IsZero = %v", tt.in, got.IsZero())
		}
		if s, err := ParseStoredPartialDate(got.String()); err != nil || s != got {
			t.Errorf("ParseStoredPartialDate(%q) = %+v, %v", got.String(), s, err)
		}
	}
	for _, in := range []string{"1799", "2201", "13/1975", "00/1975", "31/02/2024", "75", "1975/03/12/1", "03/1975/", "abc", "12/03-1975"} {
		if d, err := ParsePartialDate(in); err == nil {
			t.Errorf("ParsePartialDate(%q) = %+v, want error", in, d)
		}
	}
	for _, in := range []string{"1975-3", "03/1975", "1975-13", "19750", "1975-03-1x", "+975"} {
		if d, err := ParseStoredPartialDate(in); err == nil {
			t.Errorf("ParseStoredPartialDate(%q) = %+v, want error", in, d)
		}
	}
}

func TestPartialDateStringSorts(t *testing.T) {
	a := PartialDate{Year: 1975, Precision: PrecisionYear}.String()
	b := PartialDate{Year: 1975, Month: 3, Precision: PrecisionMonth}.String()
	c := PartialDate{Year: 1975, Month: 3, Day: 12, Precision: PrecisionDay}.String()
	d := PartialDate{Year: 1976, Month: 1, Day: 1, Precision: PrecisionDay}.String()
	if !(a < b && b < c && c < d) {
		t.Errorf("storage forms do not sort: %q %q %q %q", a, b, c, d)
	}
}

func FuzzParsePartialDate(f *testing.F) {
	for _, s := range []string{"", "1950", "03/1975", "3/1975", "12/03/1975", "1975-03", "1975-03-12", "29/02/2023", "1.2.2000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParsePartialDate(s)
		if err != nil {
			return
		}
		for _, form := range []string{d.String(), d.Display()} {
			if back, err := ParsePartialDate(form); err != nil || back != d {
				t.Fatalf("ParsePartialDate(%q) = %+v; reparsing %q gives %+v, %v", s, d, form, back, err)
			}
		}
		if back, err := ParseStoredPartialDate(d.String()); err != nil || back != d {
			t.Fatalf("ParseStoredPartialDate(%q) = %+v, %v", d.String(), back, err)
		}
		if !d.IsZero() && d.Latest().Before(d.Earliest()) {
			t.Fatalf("%+v: Latest before Earliest", d)
		}
	})
}
