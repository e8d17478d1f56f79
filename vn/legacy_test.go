package vn

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// rawBytes turns the Windows-1252 reading of legacy text back into the raw
// bytes of an ANSI CSV file.
func rawBytes(s string) string {
	var b []byte
	for _, r := range s {
		if c, ok := cp1252Byte[r]; ok {
			b = append(b, c)
		} else {
			b = append(b, byte(r))
		}
	}
	return string(b)
}

// cp1252Only reports whether every character of s is a Windows-1252 one.
func cp1252Only(s string) bool {
	for _, r := range s {
		if _, ok := cp1252Byte[r]; !ok && r > 0xFF {
			return false
		}
	}
	return true
}

// tcvn3Letters pairs every Vietnamese letter TCVN3 (VN3) encodes with its
// code, written in alphabetical order (independently of tcvn3Rows).
var tcvn3Letters = []struct{ uni, tcvn string }{
	{"à", "µ"}, {"á", "¸"}, {"ả", "¶"}, {"ã", "·"}, {"ạ", "¹"},
	{"ă", "¨"}, {"ằ", "»"}, {"ắ", "¾"}, {"ẳ", "¼"}, {"ẵ", "½"}, {"ặ", "Æ"},
	{"â", "©"}, {"ầ", "Ç"}, {"ấ", "Ê"}, {"ẩ", "È"}, {"ẫ", "É"}, {"ậ", "Ë"},
	{"đ", "®"},
	{"è", "Ì"}, {"é", "Ð"}, {"ẻ", "Î"}, {"ẽ", "Ï"}, {"ẹ", "Ñ"},
	{"ê", "ª"}, {"ề", "Ò"}, {"ế", "Õ"}, {"ể", "Ó"}, {"ễ", "Ô"}, {"ệ", "Ö"},
	{"ì", "×"}, {"í", "Ý"}, {"ỉ", "Ø"}, {"ĩ", "Ü"}, {"ị", "Þ"},
	{"ò", "ß"}, {"ó", "ã"}, {"ỏ", "á"}, {"õ", "â"}, {"ọ", "ä"},
	{"ô", "«"}, {"ồ", "å"}, {"ố", "è"}, {"ổ", "æ"}, {"ỗ", "ç"}, {"ộ", "é"},
	{"ơ", "¬"}, {"ờ", "ê"}, {"ớ", "í"}, {"ở", "ë"}, {"ỡ", "ì"}, {"ợ", "î"},
	{"ù", "ï"}, {"ú", "ó"}, {"ủ", "ñ"}, {"ũ", "ò"}, {"ụ", "ô"},
	{"ư", "\u00ad"}, {"ừ", "õ"}, {"ứ", "ø"}, {"ử", "ö"}, {"ữ", "÷"}, {"ự", "ù"},
	{"ỳ", "ú"}, {"ý", "ý"}, {"ỷ", "û"}, {"ỹ", "ü"}, {"ỵ", "þ"},
	{"Ă", "¡"}, {"Â", "¢"}, {"Đ", "§"}, {"Ê", "£"}, {"Ô", "¤"}, {"Ơ", "¥"}, {"Ư", "¦"},
}

func TestFromTCVN3Letters(t *testing.T) {
	if len(tcvn3Letters) != 74 {
		t.Fatalf("%d letters, want 67 lower-case + 7 capitals", len(tcvn3Letters))
	}
	for _, l := range tcvn3Letters {
		for _, in := range []string{l.tcvn, rawBytes(l.tcvn)} {
			if got := FromTCVN3("x" + in + "x"); got != "x"+l.uni+"x" {
				t.Errorf("FromTCVN3(%q) = %q, want %q", in, got, "x"+l.uni+"x")
			}
		}
	}
}

func TestFromTCVN3Words(t *testing.T) {
	tests := []struct{ in, want string }{
		{"NguyÔn", "Nguyễn"},
		{"ViÖt Nam", "Việt Nam"},
		{"§¶ng", "Đảng"},
		{"Hµ Néi", "Hà Nội"},
		{"TrÇn ThÞ Hång", "Trần Thị Hồng"},
		{"Lª V¨n Tïng", "Lê Văn Tùng"},
		{"Ph¹m Ngäc Th¹ch", "Phạm Ngọc Thạch"},
		{"§Æng V\u00adîng", "Đặng Vượng"},
		{"B\u00adëm §ç Vò", "Bưởm Đỗ Vũ"},
		{"D\u00ad¬ng Quèc TuÊn", "Dương Quốc Tuấn"},
		{"Huúnh Mü Kû Lý", "Huỳnh Mỹ Kỷ Lý"},
		{"NghÜa TØnh PhÝ", "Nghĩa Tỉnh Phí"},
		{"Khëi Lîi Nhí Tõ Cö Ch÷ Sù", "Khởi Lợi Nhớ Từ Cử Chữ Sự"},
		{"Cã Nhá Vâ Tæ", "Có Nhỏ Võ Tổ"},
		{"CÈn DÉn NhËt B»ng Kh¼ng", "Cẩn Dẫn Nhật Bằng Khẳng"},
		{"MÑ ChÌ TrÎ VÏ BÐ §Ó", "Mẹ Chè Trẻ Vẽ Bé Để"},
		{"KiÒu YÕn LÖ ThÕ", "Kiều Yến Lệ Thế"},
		{"Thñy Lôc Tó Bß Gi¸p", "Thủy Lục Tú Bò Giáp"},
		{"¤ng ¥n ¦íc ¡n ¢u £", "Ông Ơn Ước Ăn Âu Ê"},
		{"Tr\u00adêng §¹i häc", "Trường Đại học"},
		{"Hå ChÝ Minh, 2024", "Hồ Chí Minh, 2024"},
		// Upper-case .VnTimeH text uses the lower-case codes.
		{"NGUYÔN V¡N A", "NGUYỄN VĂN A"},
		{"Hµ NéI", "HÀ NỘI"},
		{"§¶NG", "ĐẢNG"},
		{"Lª Vò", "Lê Vũ"}, // no word with two ASCII capitals: not all caps
		// Punctuation in the cp1252 range and genuine Unicode pass through.
		{"\u201cHµ Néi\u201d \u2013 ViÖt", "\u201cHà Nội\u201d \u2013 Việt"},
		{"plain ascii", "plain ascii"},
		{"Trường", "Trường"},
	}
	for _, tt := range tests {
		if got := FromTCVN3(tt.in); got != tt.want {
			t.Errorf("FromTCVN3(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !cp1252Only(tt.in) {
			continue
		}
		if got := FromTCVN3(rawBytes(tt.in)); got != tt.want {
			t.Errorf("FromTCVN3(raw %q) = %q, want %q", rawBytes(tt.in), got, tt.want)
		}
	}
}

// vniVowels lists, for each Vietnamese vowel, its VNI spelling with no tone
// and with huyền, sắc, hỏi, ngã, nặng (in that order), lower case.
var vniVowels = []struct {
	uni []string
	vni []string
}{
	{strings.Fields("a à á ả ã ạ"), strings.Fields("a aø aù aû aõ aï")},
	{strings.Fields("ă ằ ắ ẳ ẵ ặ"), strings.Fields("aê aè aé aú aü aë")},
	{strings.Fields("â ầ ấ ẩ ẫ ậ"), strings.Fields("aâ aà aá aå aã aä")},
	{strings.Fields("e è é ẻ ẽ ẹ"), strings.Fields("e eø eù eû eõ eï")},
	{strings.Fields("ê ề ế ể ễ ệ"), strings.Fields("eâ eà eá eå eã eä")},
	{strings.Fields("i ì í ỉ ĩ ị"), strings.Fields("i ì í æ ó ò")},
	{strings.Fields("o ò ó ỏ õ ọ"), strings.Fields("o oø où oû oõ oï")},
	{strings.Fields("ô ồ ố ổ ỗ ộ"), strings.Fields("oâ oà oá oå oã oä")},
	{strings.Fields("ơ ờ ớ ở ỡ ợ"), strings.Fields("ô ôø ôù ôû ôõ ôï")},
	{strings.Fields("u ù ú ủ ũ ụ"), strings.Fields("u uø uù uû uõ uï")},
	{strings.Fields("ư ừ ứ ử ữ ự"), strings.Fields("ö öø öù öû öõ öï")},
	{strings.Fields("y ỳ ý ỷ ỹ ỵ"), strings.Fields("y yø yù yû yõ î")},
	{strings.Fields("A À Á Ả Ã Ạ"), strings.Fields("A AØ AÙ AÛ AÕ AÏ")},
	{strings.Fields("Ă Ằ Ắ Ẳ Ẵ Ặ"), strings.Fields("AÊ AÈ AÉ AÚ AÜ AË")},
	{strings.Fields("Â Ầ Ấ Ẩ Ẫ Ậ"), strings.Fields("AÂ AÀ AÁ AÅ AÃ AÄ")},
	{strings.Fields("Ê Ề Ế Ể Ễ Ệ"), strings.Fields("EÂ EÀ EÁ EÅ EÃ EÄ")},
	{strings.Fields("I Ì Í Ỉ Ĩ Ị"), strings.Fields("I Ì Í Æ Ó Ò")},
	{strings.Fields("Ô Ồ Ố Ổ Ỗ Ộ"), strings.Fields("OÂ OÀ OÁ OÅ OÃ OÄ")},
	{strings.Fields("Ơ Ờ Ớ Ở Ỡ Ợ"), strings.Fields("Ô ÔØ ÔÙ ÔÛ ÔÕ ÔÏ")},
	{strings.Fields("Ư Ừ Ứ Ử Ữ Ự"), strings.Fields("Ö ÖØ ÖÙ ÖÛ ÖÕ ÖÏ")},
	{strings.Fields("Y Ỳ Ý Ỷ Ỹ Ỵ"), strings.Fields("Y YØ YÙ YÛ YÕ Î")},
}

func TestFromVNILetters(t *testing.T) {
	for _, v := range vniVowels {
		for i := range v.uni {
			for _, in := range []string{v.vni[i], rawBytes(v.vni[i])} {
				if got := FromVNI("t" + in + "n"); got != "t"+v.uni[i]+"n" {
					t.Errorf("FromVNI(%q) = %q, want %q", in, got, "t"+v.uni[i]+"n")
				}
			}
		}
	}
	if got := FromVNI("ñ Ñ"); got != "đ Đ" {
		t.Errorf("FromVNI(đ) = %q", got)
	}
}

func TestFromVNIWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Vieät Nam", "Việt Nam"},
		{"Nguyeãn", "Nguyễn"},
		{"Ñaûng", "Đảng"},
		{"Haø Noäi", "Hà Nội"},
		{"Tröôøng Ñaïi hoïc", "Trường Đại học"},
		{"Vaên Thaéng Ñaëng", "Văn Thắng Đặng"},
		{"Phöôïng Ñöùc Döông Löu", "Phượng Đức Dương Lưu"},
		{"Thuûy Kyø Myõ Lyù Só Thò", "Thủy Kỳ Mỹ Lý Sĩ Thị"},
		{"Hieáu Tuaán Nhaät Leä Vuõ", "Hiếu Tuấn Nhật Lệ Vũ"},
		{"Kieàu Yeán Queá Cuùc Trònh", "Kiều Yến Quế Cúc Trịnh"},
		{"Laïi Phaïm Buøi Voõ Huyønh", "Lại Phạm Bùi Võ Huỳnh"},
		{"Hoà Chí Minh", "Hồ Chí Minh"},
		{"Ngoïc Ñoã Hoaøng", "Ngọc Đỗ Hoàng"},
		{"VIEÄT NAM", "VIỆT NAM"},
		{"ÑAÛNG COÄNG SAÛN", "ĐẢNG CỘNG SẢN"},
		{"NGUYEÃN TRÖÔØNG ÑÖÙC THAÉNG", "NGUYỄN TRƯỜNG ĐỨC THẮNG"},
		{"Khuyûu Ngoaën Khuaáy", "Khuỷu Ngoặn Khuấy"},
		{"100ø x", "100ø x"}, // a mark after a non-vowel stays as it is
		{"plain ascii", "plain ascii"},
	}
	for _, tt := range tests {
		for _, in := range []string{tt.in, rawBytes(tt.in)} {
			if !cp1252Only(tt.in) {
				continue
			}
			if got := FromVNI(in); got != tt.want {
				t.Errorf("FromVNI(%q) = %q, want %q", in, got, tt.want)
			}
		}
	}
}

func TestEncodingNames(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Encoding
	}{{"unicode", Unicode}, {"UTF8", Unicode}, {"utf-8", Unicode}, {"tcvn3", TCVN3}, {"ABC", TCVN3}, {" vni ", VNI}} {
		got, err := ParseEncoding(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseEncoding(%q) = %v, %v", tt.in, got, err)
		}
	}
	if _, err := ParseEncoding("auto"); err == nil || !strings.Contains(err.Error(), "không được hỗ trợ") {
		t.Errorf("ParseEncoding(auto) error = %v", err)
	}
	for _, e := range []Encoding{Unicode, TCVN3, VNI} {
		if back, err := ParseEncoding(e.String()); err != nil || back != e {
			t.Errorf("ParseEncoding(%q) = %v, %v", e.String(), back, err)
		}
	}
	if got := TCVN3.Decode("Hµ Néi"); got != "Hà Nội" {
		t.Errorf("TCVN3.Decode = %q", got)
	}
	if got := VNI.Decode("Haø Noäi"); got != "Hà Nội" {
		t.Errorf("VNI.Decode = %q", got)
	}
}

func FuzzFromTCVN3(f *testing.F) {
	for _, s := range []string{"NguyÔn", "§¶ng", "Hµ Néi", "\xa7\xb6ng", "NGUYÔN V¡N A", "Trường", "\u201c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out := FromTCVN3(s); !utf8.ValidString(out) {
			t.Fatalf("FromTCVN3(%q) = %q: invalid UTF-8", s, out)
		}
	})
}

func FuzzFromVNI(f *testing.F) {
	for _, s := range []string{"Vieät Nam", "Ñaûng", "Tröôøng", "aâø", "\xd1a\xfbng", "øøø", "Trường"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if out := FromVNI(s); !utf8.ValidString(out) {
			t.Fatalf("FromVNI(%q) = %q: invalid UTF-8", s, out)
		}
	})
}
