package vn

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestSplitFullName(t *testing.T) {
	tests := []struct{ in, s, m, g string }{
		{"Nguyễn Thị Yến Mai", "Nguyễn", "Thị Yến", "Mai"},
		{"  Trần   Văn  An ", "Trần", "Văn", "An"},
		{"Lê Ánh", "Lê", "", "Ánh"},
		{"Mai", "", "", "Mai"},
		{"", "", "", ""},
		{" \t ", "", "", ""},
		{norm.NFD.String("Đỗ Minh Đức"), "Đỗ", "Minh", "Đức"},
		{"Tôn\u00a0Nữ Thị\tHà", "Tôn", "Nữ Thị", "Hà"},
	}
	for _, tt := range tests {
		s, m, g := SplitFullName(tt.in)
		if s != tt.s || m != tt.m || g != tt.g {
			t.Errorf("SplitFullName(%q) = %q, %q, %q; want %q, %q, %q", tt.in, s, m, g, tt.s, tt.m, tt.g)
		}
	}
}

func TestJoinName(t *testing.T) {
	tests := []struct{ s, m, g, want string }{
		{"Nguyễn", "Thị Yến", "Mai", "Nguyễn Thị Yến Mai"},
		{"Lê", "", "Ánh", "Lê Ánh"},
		{"", "", "Mai", "Mai"},
		{"", "", "", ""},
		{" Trần ", " Văn  ", " An", "Trần Văn An"},
	}
	for _, tt := range tests {
		if got := JoinName(tt.s, tt.m, tt.g); got != tt.want {
			t.Errorf("JoinName(%q, %q, %q) = %q, want %q", tt.s, tt.m, tt.g, got, tt.want)
		}
	}
}

func FuzzSplitFullName(f *testing.F) {
	for _, s := range []string{"Nguyễn Thị Yến Mai", "Mai", "", "  a  b  ", norm.NFD.String("Đỗ Đức"), "a \u0301 b", "\u3000x\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sur, mid, giv := SplitFullName(s)
		want := NormalizeName(s)
		if got := JoinName(sur, mid, giv); got != want {
			t.Fatalf("JoinName(SplitFullName(%q)) = %q, want %q", s, got, want)
		}
		if NormalizeName(want) != want {
			t.Fatalf("NormalizeName not idempotent on %q", s)
		}
		if want != "" && giv == "" {
			t.Fatalf("SplitFullName(%q): empty given name", s)
		}
	})
}
