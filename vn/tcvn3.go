package vn

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// tcvn3Rows holds bytes 0xA0–0xFF of TCVN3, 16 per row; '_' marks a byte
// with no Vietnamese meaning, kept as its Windows-1252 character.
//
// VN3 (the ABC fonts) has the lower-case letters plus the capitals Ă Â Ê Ô
// Ơ Ư Đ; capitals with tone marks are written with the lower-case codes and
// an upper-case font (.VnTimeH). The few toned capitals that TCVN 5712 VN1
// places in this upper half (0xAF, 0xBA, 0xBF, 0xC0–0xC5, 0xCD, 0xD9–0xDB,
// 0xE0, 0xF0, 0xFF) are decoded too since VN3 leaves them unused. VN1's
// capitals in 0x80–0x9F and its combining tones at 0xB0–0xB4 are not: in
// spreadsheet text those bytes are Windows-1252 punctuation (’ “ – °).
var tcvn3Rows = [6]string{
	"_ĂÂÊÔƠƯĐăâêôơưđẰ", // A0
	"_____àảãáạẲằẳẵắẴ", // B0
	"ẮẦẨẪẤỀặầẩẫấậèỂẻẽ", // C0
	"éẹềểễếệìỉỄẾỒĩíịò", // D0
	"Ổỏõóọồổỗốộờởỡớợù", // E0
	"ỖủũúụừửữứựỳỷỹýỵỐ", // F0
}

// tcvn3High maps bytes 0xA0–0xFF to Unicode (0: keep the cp1252 character).
var tcvn3High [0x60]rune

func init() {
	for row, s := range tcvn3Rows {
		rs := []rune(s)
		if len(rs) != 16 {
			panic("vn: bad TCVN3 table row")
		}
		for i, r := range rs {
			if r != '_' {
				tcvn3High[row*16+i] = r
			}
		}
	}
}

// FromTCVN3 converts TCVN3 (ABC, .VnTime) text to NFC Unicode. s may hold
// raw bytes (invalid UTF-8, e.g. an ANSI CSV) or the Windows-1252 reading of
// those bytes (XLSX: 'ª' for byte 0xAA); characters that no single byte can
// produce pass through. When s has no lower-case ASCII letter and a word
// with two or more ASCII capitals (text typed for an upper-case .VnTimeH
// font, "NGUYÔN"), the decoded letters are upper-cased too.
func FromTCVN3(s string) string {
	if isASCII(s) {
		return s
	}
	units := legacyUnits(s)
	upper := tcvn3AllCaps(units)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for _, u := range units {
		r := u.r
		if u.b >= 0xA0 {
			if v := tcvn3High[u.b-0xA0]; v != 0 {
				r = v
				if upper {
					r = unicode.ToUpper(r)
				}
			}
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// tcvn3AllCaps reports whether the text looks typed for an upper-case font:
// no lower-case ASCII letter, and some word with at least two ASCII capitals
// ("NGUYÔN"). "Lª Vò" (Lê Vũ) is not all caps.
func tcvn3AllCaps(units []legacyUnit) bool {
	word, long := 0, false
	for _, u := range units {
		switch {
		case u.b >= 'a' && u.b <= 'z':
			return false
		case u.b >= 'A' && u.b <= 'Z':
			word++
			if word >= 2 {
				long = true
			}
		case u.b >= 0 && u.b < 0x80:
			word = 0
		}
	}
	return long
}
