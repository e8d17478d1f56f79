package vn

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Encoding names how Vietnamese text in an imported file is encoded.
type Encoding int

// Supported encodings of imported text.
const (
	Unicode Encoding = iota // Unicode (UTF-8 or XLSX strings)
	TCVN3                   // TCVN 5712:1993 VN3, "ABC" fonts such as .VnTime
	VNI                     // VNI-Windows fonts such as VNI-Times
)

// String returns the lower-case name accepted by ParseEncoding.
func (e Encoding) String() string {
	switch e {
	case Unicode:
		return "unicode"
	case TCVN3:
		return "tcvn3"
	case VNI:
		return "vni"
	}
	return fmt.Sprintf("Encoding(%d)", int(e))
}

// ParseEncoding reads an encoding name: "unicode"/"utf8", "tcvn3"/"abc" or
// "vni" (case-insensitive).
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "unicode", "utf8", "utf-8":
		return Unicode, nil
	case "tcvn3", "tcvn", "abc":
		return TCVN3, nil
	case "vni", "vni-windows":
		return VNI, nil
	}
	return Unicode, fmt.Errorf("bảng mã %q không được hỗ trợ (chọn unicode, tcvn3 hoặc vni)", s)
}

// Decode converts s from encoding e to NFC Unicode.
func (e Encoding) Decode(s string) string {
	switch e {
	case TCVN3:
		return FromTCVN3(s)
	case VNI:
		return FromVNI(s)
	}
	return NFC(strings.ToValidUTF8(s, "\uFFFD"))
}

// cp1252 gives the Windows-1252 character of bytes 0x80–0x9F; the five
// unassigned bytes map to the C1 control of the same value, as Windows does.
var cp1252 = [32]rune{
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
}

// cp1252Byte is the inverse of cp1252 for the non-Latin-1 characters.
var cp1252Byte = map[rune]byte{}

func init() {
	for i, r := range cp1252 {
		if r >= 0x100 {
			cp1252Byte[r] = byte(0x80 + i)
		}
	}
}

// byteRune returns the Windows-1252 character of byte b.
func byteRune(b byte) rune {
	if b >= 0x80 && b < 0xA0 {
		return cp1252[b-0x80]
	}
	return rune(b)
}

// legacyUnit is one code unit of legacy text: the byte it stands for
// (-1 when the character cannot come from a single-byte code page) and the
// character to keep when the byte has no Vietnamese meaning.
type legacyUnit struct {
	b int
	r rune
}

// legacyUnits splits s into legacy code units. Invalid UTF-8 means raw bytes
// (a CSV saved in the ANSI code page); valid UTF-8 means the characters are
// the Windows-1252 reading of the bytes (XLSX).
func legacyUnits(s string) []legacyUnit {
	u := make([]legacyUnit, 0, len(s))
	if !utf8.ValidString(s) {
		for i := 0; i < len(s); i++ {
			u = append(u, legacyUnit{int(s[i]), byteRune(s[i])})
		}
		return u
	}
	for _, r := range s {
		switch b, ok := cp1252Byte[r]; {
		case r < 0x100:
			u = append(u, legacyUnit{int(r), r})
		case ok:
			u = append(u, legacyUnit{int(b), r})
		default:
			u = append(u, legacyUnit{-1, r})
		}
	}
	return u
}

// isASCII reports whether s is plain ASCII (identical in every encoding).
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
