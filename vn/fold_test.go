package vn

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"nguyen thi yen mai", "nguyen thi yen mai"},
		{"Nguyễn Thị Yến Mai", "nguyen thi yen mai"},
		{"ĐỨC", "duc"},
		{"đặng", "dang"},
		{"  Trần \t Văn\n  Ơn  ", "tran van on"},
		{"Ăn Ân Ên Ôn Ơn Ưng", "an an en on on ung"},
		{"à á ả ã ạ ằ ắ ẳ ẵ ặ ầ ấ ẩ ẫ ậ", "a a a a a a a a a a a a a a a"},
		{"è é ẻ ẽ ẹ ề ế ể ễ ệ", "e e e e e e e e e e"},
		{"ì í ỉ ĩ ị ỳ ý ỷ ỹ ỵ", "i i i i i y y y y y"},
		{"ò ó ỏ õ ọ ồ ố ổ ỗ ộ ờ ớ ở ỡ ợ", "o o o o o o o o o o o o o o o"},
		{"ù ú ủ ũ ụ ừ ứ ử ữ ự", "u u u u u u u u u u"},
		{"NGUYỄN VĂN ƯỚC", "nguyen van uoc"},
		{"Ðức", "duc"}, // eth typed for Đ in old data
		{norm.NFD.String("Nguyễn Thị Yến Mai"), "nguyen thi yen mai"},
		{norm.NFD.String("ĐỨC"), "duc"},
		{"Hà Nội, 2024", "ha noi, 2024"},
		{"a\u00a0\u00a0b", "a b"},
		{"ΆΘΗΝΑ", "αθηνα"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldNoAllocWhenFolded(t *testing.T) {
	s := "nguyen thi yen mai"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
		t.Errorf("Fold of folded ASCII allocates %v times", n)
	}
	v := "Nguyễn Thị Yến Mai"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(v) }); n > 1 {
		t.Errorf("Fold of a Vietnamese name allocates %v times, want ≤ 1", n)
	}
}

func TestFoldTablesAreFixedPoints(t *testing.T) {
	for r := rune(0); r < 0x250; r++ {
		f := foldRune(r)
		if f >= 0 && foldRune(f) != f {
			t.Errorf("fold(%U) = %U but fold(%U) = %U", r, f, f, foldRune(f))
		}
	}
	for r := rune(0x1E00); r < 0x1F00; r++ {
		f := foldRune(r)
		if f >= 0 && foldRune(f) != f {
			t.Errorf("fold(%U) = %U but fold(%U) = %U", r, f, f, foldRune(f))
		}
	}
}

func TestFoldVietnameseLettersAreASCII(t *testing.T) {
	for r := range vietLetters {
		f := Fold(string(r))
		if len(f) != 1 || f[0] >= utf8.RuneSelf {
			t.Errorf("Fold(%q) = %q, want one ASCII letter", r, f)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Fold("Nguyễn Thị Yến Mai")
	}
}

func BenchmarkFoldASCII(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Fold("nguyen thi yen mai")
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Nguyễn Thị Yến Mai", "ĐỨC", " a  b ", "ΆΘΗΝΑ", "\u212b", "a\u0301\u0360", "bad\xff", "한국어", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := Fold(s)
		if b := Fold(a); b != a {
			t.Fatalf("Fold not idempotent: %q → %q → %q", s, a, b)
		}
		if !utf8.ValidString(a) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, a)
		}
		viet := true
		for _, r := range s {
			if _, ok := vietLetters[r]; !ok && r != ' ' {
				viet = false
				break
			}
		}
		if viet {
			for i := 0; i < len(a); i++ {
				if a[i] >= utf8.RuneSelf {
					t.Fatalf("Fold(%q) = %q: not ASCII", s, a)
				}
			}
		}
	})
}

// TestIsSimpleNFC checks the fast path against the full normalisation: every character it
// accepts, alone and next to any other it accepts, is left unchanged by NFC.
func TestIsSimpleNFC(t *testing.T) {
	var set []rune
	for r := rune(0); r < 0x300; r++ {
		set = append(set, r)
	}
	for r := rune(0x1E00); r <= 0x1EFF; r++ {
		set = append(set, r)
	}
	for _, a := range set {
		if s := string(a); !IsSimpleNFC(s) || norm.NFC.String(s) != s {
			t.Fatalf("%U: simple %v, NFC changes it: %v", a, IsSimpleNFC(s), norm.NFC.String(s) != s)
		}
		for _, b := range set {
			if s := string([]rune{a, b}); norm.NFC.String(s) != s {
				t.Fatalf("%U %U: NFC changes the pair", a, b)
			}
		}
	}
	for _, s := range []string{"Nguyễn Thị Ánh", "Đặng Văn Ơn", "Thanh Hóa", ""} {
		if !IsSimpleNFC(s) {
			t.Errorf("%q: want simple", s)
		}
	}
	for _, s := range []string{"Nguye\u0302\u0303n", "Hoa\u0300", "\xff", "\u1F71"} {
		if IsSimpleNFC(s) {
			t.Errorf("%q: want not simple", s)
		}
		if NFC(s) != norm.NFC.String(s) {
			t.Errorf("%q: NFC differs from the full form", s)
		}
	}
}
