package vn

import (
	"testing"
	"unicode/utf8"
)

func TestDetectEncoding(t *testing.T) {
	tests := []struct {
		name    string
		samples []string
		want    Encoding
	}{
		{"empty", nil, Unicode},
		{"ascii", []string{"Nguyen Van A", "Ha Noi", "123"}, Unicode},
		{"unicode", []string{"Nguyễn Thị Yến Mai", "Hà Nội", "Đảng viên"}, Unicode},
		{"unicode latin-1 only", []string{"Hoà Xuân", "Lê Tú"}, Unicode},
		{"unicode NFD", []string{"Vie\u0302\u0323t Nam"}, Unicode},
		{"tcvn3", []string{"NguyÔn ThÞ YÕn Mai", "Hµ Néi", "§¶ng viªn"}, TCVN3},
		{"tcvn3 without A1–BF bytes", []string{"NguyÔn ThÞ Hång"}, TCVN3},
		{"tcvn3 raw bytes", []string{rawBytes("NguyÔn ThÞ YÕn Mai"), rawBytes("Hµ Néi")}, TCVN3},
		{"tcvn3 caps", []string{"NGUYÔN V¡N A", "TRÇN THÞ Hµ"}, TCVN3},
		{"vni", []string{"Nguyeãn Thò Yeán Mai", "Haø Noäi", "Ñaûng vieân"}, VNI},
		{"vni raw bytes", []string{rawBytes("Nguyeãn Vaên Hoaøng"), rawBytes("Tröôøng")}, VNI},
		{"vni caps", []string{"NGUYEÃN VAÊN HOAØNG", "ÑAÛNG COÄNG SAÛN"}, VNI},
		{"mostly unicode", []string{"Nguyễn Văn Hùng", "Hoà", "Trần Thị Lan"}, Unicode},
	}
	for _, tt := range tests {
		if got := DetectEncoding(tt.samples); got != tt.want {
			t.Errorf("%s: DetectEncoding(%q) = %v, want %v", tt.name, tt.samples, got, tt.want)
		}
	}
}

func TestWordScore(t *testing.T) {
	good := []string{"Nguyễn", "Việt", "Trường", "người", "khuỷu", "giữa", "quốc", "Đảng", "thuở", "xoăn", "Hoà", "gì", "Yến"}
	bad := []string{"Hµ", "Néi", "Vieät", "Haø", "Haứ", "Noọi", "Nguyeón", "Việtt", "Viêt", "àá"}
	for _, w := range good {
		if s := wordScore([]rune(w)); s != 1 {
			t.Errorf("wordScore(%q) = %d, want 1", w, s)
		}
	}
	for _, w := range bad {
		if s := wordScore([]rune(w)); s != -1 {
			t.Errorf("wordScore(%q) = %d, want -1", w, s)
		}
	}
	if s := wordScore([]rune("Nguyen")); s != 0 {
		t.Errorf("ASCII word scored %d", s)
	}
}

func FuzzDetectEncoding(f *testing.F) {
	f.Add("Nguyễn Thị", "Hµ Néi", "Haø Noäi")
	f.Add("\xff\xfe", "", "øøø")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		e := DetectEncoding([]string{a, b, c})
		if e != Unicode && e != TCVN3 && e != VNI {
			t.Fatalf("DetectEncoding returned %v", e)
		}
		if out := e.Decode(a); !utf8.ValidString(out) {
			t.Fatalf("Decode(%q) = %q: invalid UTF-8", a, out)
		}
	})
}
