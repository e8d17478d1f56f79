package auth

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tochuc"
)

// ctx is what the service passes: username, name parts, unit names and codes.
var ctx = []string{"nguyenvana", "Nguyễn", "Văn", "An", "Chi bộ Phòng Tổ chức", "Hương Sơn"}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		name string
		pw   string
		mfa  bool
		want string // "" accepted, else the message (prefix for context)
	}{
		// Length: 15 alone, 8 with a second factor, 256 at most; runes, after NFC.
		{"7 with mfa", "tr4ngXa", true, msgTooShortMFA},
		{"8 with mfa", "tr4ngXa!", true, ""},
		{"8 without mfa", "tr4ngXa!", false, msgTooShort},
		{"14 without mfa", "mây trắng bay!", false, msgTooShort},
		{"15 without mfa", "mây trắng bay!!", false, ""},
		{"14 runes typed in NFD count 14", norm.NFD.String("mây trắng bay!"), false, msgTooShort},
		{"256 runes", randomText(256), false, ""},
		{"257 runes", randomText(257), false, msgTooLong},
		// No composition rules: lower-case words, spaces, emoji are all fine.
		{"plain lower-case passphrase", "ngựa phi đường xa", false, ""},
		{"spaces and emoji", "🐉 rồng bay lên trời 🌤", false, ""},
		{"all digits but random", "739104628517394", false, ""},
		{"64-rune passphrase", "Mỗi sáng tôi đạp xe qua cầu Long Biên, ngắm sông Hồng đỏ nặng phù sa", false, ""},
		// Common passwords, folded, with spaces removed or padded.
		{"123456789 with mfa", "123456789", true, msgCommon},
		{"password padded", "password12345678", false, msgCommon},
		{"iloveyou", "iloveyou", true, msgCommon},
		{"qwertyuiop", "qwertyuiop", true, msgCommon},
		{"P@ssw0rd", "P@ssw0rd", true, msgCommon},
		{"matkhau123", "matkhau123", true, msgCommon},
		{"Mật Khẩu 123 with marks", "Mật Khẩu 123", true, msgCommon},
		{"MậtKhẩu@123", "MậtKhẩu@123", true, msgCommon},
		{"matkhau padded to 15", "matkhau12345678", false, msgCommon},
		{"anh yêu em 123", "Anh Yêu Em 123", true, msgCommon},
		{"12345678a", "12345678a", true, msgCommon},
		{"vietnam@123", "Việt Nam@123", true, msgCommon},
		// Repeated, sequential, keyboard walks.
		{"one letter", "aaaaaaaaaaaaaaaa", false, msgPattern},
		{"only spaces", strings.Repeat(" ", 15), false, msgPattern},
		{"short unit repeated", "abcabcabcabcabca", false, msgPattern},
		{"syllable repeated", "anh anh anh anh anh", false, msgPattern},
		{"common word twice", "passwordpassword", false, msgPattern},
		{"digits ascending with wrap", "123456789012345", false, msgPattern},
		{"letters descending", "zyxwvutsrqponml", false, msgPattern},
		{"keyboard row", "qwertyuiopasdfgh", false, msgPattern},
		{"keyboard columns", "1qaz2wsx3edc4rfv", false, msgPattern},
		// Context words, folded; with marks only where the marks agree.
		{"username", "nguyenvana-mùa-thu-2024", false, "Mật khẩu không được chứa"},
		{"surname with marks", "Nguyễn thích uống trà xanh", false, "Mật khẩu không được chứa"},
		{"surname without marks", "nguyen thich uong tra xanh", false, "Mật khẩu không được chứa"},
		{"unit name", "chibophongtochuc@2024", false, "Mật khẩu không được chứa"},
		{"unit name with two words", "quê tôi ở Hương Sơn, Hà Tĩnh", false, "Mật khẩu không được chứa"},
		{"Đảng", "Đảng ta là đạo đức, là văn minh", false, "Mật khẩu không được chứa"},
		{"dang ascii", "dang ta la dao duc la van minh", false, "Mật khẩu không được chứa"},
		{"dangcongsan inside a phrase", "xin chào dangcongsan việt nam", false, "Mật khẩu không được chứa"},
		{"dangcongsan padded is on the list", "DangCongSan1930!", false, msgCommon},
		{"ĐCSVN", "ĐCSVN muôn năm mãi mãi", false, "Mật khẩu không được chứa"},
		{"tochuc app name", "tochuc-dang-nhap-2024", false, "Mật khẩu không được chứa"},
		{"Ban Tổ chức", "Ban Tổ chức tỉnh Nghệ An họp", false, "Mật khẩu không được chứa"},
		{"đang (now) is not Đảng", "Tôi đang uống cà phê sáng nay", false, ""},
		{"Đặng (surname) is not Đảng", "Đặng Thùy Trâm viết nhật ký", false, ""},
		{"short name parts ignored", "Văn ơi An à, đi chơi không", false, ""},
		{"generic word of a unit name is fine", "phòng khách nhà tôi rất rộng", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPassword(tt.pw, ctx, tt.mfa)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("CheckPassword(%q) = %v, want accepted", tt.pw, err)
				}
				return
			}
			var e *tochuc.Error
			if !errors.As(err, &e) || e.Code != tochuc.EINVALID {
				t.Fatalf("CheckPassword(%q) = %#v, want *tochuc.Error EINVALID", tt.pw, err)
			}
			if !strings.HasPrefix(e.Message, tt.want) {
				t.Fatalf("CheckPassword(%q) = %q, want %q", tt.pw, e.Message, tt.want)
			}
		})
	}
}

func TestCheckPasswordContextMessage(t *testing.T) {
	err := CheckPassword("nguyen thich uong tra xanh", ctx, false)
	if want := fmt.Sprintf(msgContext, "Nguyễn"); tochuc.ErrorMessage(err) != want {
		t.Fatalf("message = %q, want %q", tochuc.ErrorMessage(err), want)
	}
	// Without context entries the same passphrase is fine.
	if err := CheckPassword("nguyen thich uong tra xanh", nil, false); err != nil {
		t.Fatalf("no context: %v", err)
	}
}

func TestCommonList(t *testing.T) {
	for _, pw := range []string{"123456", "password", "matkhau", "MẬT KHẨU", "qwerty", "dragon", "anhyeuem", "123456789", "dangcongsan", "trustno1"} {
		if !IsCommonPassword(pw) {
			t.Errorf("IsCommonPassword(%q) = false", pw)
		}
	}
	for _, pw := range []string{"ngựa phi đường xa", "739104628517394", ""} {
		if IsCommonPassword(pw) {
			t.Errorf("IsCommonPassword(%q) = true", pw)
		}
	}
	// ASVS 6.2.4 asks for at least the top 3,000; the list has the top 10,000.
	if n := len(commonSet()); n < 10000 {
		t.Fatalf("blocklist has %d entries, want ≥ 10000", n)
	}
}

// randomText makes n runes of lower-case Vietnamese letters and spaces that
// are neither periodic nor on the list.
func randomText(n int) string {
	letters := []rune("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ")
	r := rand.New(rand.NewPCG(1, uint64(n)))
	out := make([]rune, n)
	for i := range out {
		out[i] = letters[r.IntN(len(letters))]
	}
	return string(out)
}
