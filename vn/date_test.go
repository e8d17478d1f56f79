package vn

import (
	"strings"
	"testing"
	"time"
)

func TestFormatDate(t *testing.T) {
	if got := FormatDate(time.Date(2024, 3, 5, 15, 0, 0, 0, time.UTC)); got != "05/03/2024" {
		t.Errorf("FormatDate = %q", got)
	}
	if got := FormatDate(time.Time{}); got != "" {
		t.Errorf("FormatDate(zero) = %q", got)
	}
}

func TestParseDate(t *testing.T) {
	ok := []struct {
		in      string
		y, m, d int
	}{
		{"05/03/2024", 2024, 3, 5},
		{"5/3/2024", 2024, 3, 5},
		{" 29/02/2024 ", 2024, 2, 29},
		{"2024-03-05", 2024, 3, 5},
		{"05-03-2024", 2024, 3, 5},
		{"05.03.2024", 2024, 3, 5},
		{"31/12/1800", 1800, 12, 31},
	}
	for _, tt := range ok {
		got, err := ParseDate(tt.in)
		want := time.Date(tt.y, time.Month(tt.m), tt.d, 0, 0, 0, 0, time.UTC)
		if err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, want)
		}
	}
	bad := []struct{ in, msg string }{
		{"31/02/2024", `ngày "31/02/2024" không hợp lệ`},
		{"29/02/2023", "ngày phải từ 1 đến 28"},
		{"00/01/2024", "ngày phải từ 1"},
		{"15/13/2024", "tháng phải từ 1 đến 12"},
		{"01/01/1700", "năm phải từ 1800 đến 2200"},
		{"", "chưa nhập ngày"},
		{"5/3/24", "định dạng dd/mm/yyyy"},
		{"05/03-2024", "không hợp lệ"},
		{"2024/3", "không hợp lệ"},
		{"ngày 5", "không hợp lệ"},
		{"123/01/2024", "không hợp lệ"},
	}
	for _, tt := range bad {
		_, err := ParseDate(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ParseDate(%q) error = %v, want it to mention %q", tt.in, err, tt.msg)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"05/03/2024", "2024-03-05", "31/02/2024", "", "1.1.2000", "9999-99-99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Year() < MinYear || d.Year() > MaxYear {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
		back, err := ParseDate(FormatDate(d))
		if err != nil || !back.Equal(d) {
			t.Fatalf("round trip of %q: %v, %v", s, back, err)
		}
	})
}
