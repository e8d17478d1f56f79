package audit_test

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"tochuc/audit"
)

func TestClean(t *testing.T) {
	cases := map[string]string{
		"":                     "",
		"Nguyễn Thị Yến":       "Nguyễn Thị Yến",
		"a\nb\r\nc\td":         `a\nb\r\nc\td`,
		"\x1b[31mđỏ\x1b[0m":    `\x1b[31mđỏ\x1b[0m`,
		"nul\x00del\x7f":       `nul\x00del\x7f`,
		`C:\dir`:               `C:\\dir`,
		`typed \n`:             `typed \\n`,
		"c1\u0085\u009b":       `c1\u0085\u009b`,
		"abc\u202egnp.exe":     `abc\u202egnp.exe`,
		"\u2066x\u2069\u200f":  `\u2066x\u2069\u200f`,
		"line\u2028sep":        `line\u2028sep`,
		"bad\xffutf8":          `bad\xffutf8`,
		"ok \u2030 ‰ emoji 🇻🇳": "ok \u2030 ‰ emoji 🇻🇳",
	}
	for in, want := range cases {
		if got := audit.Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

// unclean reverses Clean, for the round-trip property.
func unclean(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 >= len(s) {
			return "", false
		}
		i++
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'x':
			if i+3 > len(s) {
				return "", false
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return "", false
			}
			b.WriteByte(byte(v))
			i += 2
		case 'u':
			if i+5 > len(s) {
				return "", false
			}
			v, err := strconv.ParseUint(s[i+1:i+5], 16, 32)
			if err != nil {
				return "", false
			}
			b.WriteRune(rune(v))
			i += 4
		default:
			return "", false
		}
	}
	return b.String(), true
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "a\nb", "\x1b[2J\x1b[H", "\u202e", "\\n", "\xff", "Việt Nam\r\n", "\u0085\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := audit.Clean(s)
		if !utf8.ValidString(c) {
			t.Fatalf("Clean(%q) = %q is not UTF-8", s, c)
		}
		for _, r := range c {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x061c || r == 0x200e || r == 0x200f ||
				(r >= 0x2028 && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
				t.Fatalf("Clean(%q) = %q keeps %U", s, c, r)
			}
		}
		back, ok := unclean(c)
		if !ok || back != s {
			t.Fatalf("Clean is not reversible: %q → %q → %q", s, c, back)
		}
		if audit.Clean(c) != strings.ReplaceAll(c, `\`, `\\`) {
			t.Fatalf("Clean of a clean string only doubles backslashes: %q", c)
		}
	})
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{"001234567890": "00********90", "123456789": "12*****89",
		"": "", "1234": "****", "12345": "12*45", "ab": "**"} {
		if got := audit.MaskCitizenID(in); got != want {
			t.Errorf("MaskCitizenID(%q) = %q, want %q", in, got, want)
		}
	}
	c := audit.MaskedChange("citizen_id", "001234567890", "")
	if c.Old != "00********90" || c.New != "" || c.Field != "citizen_id" {
		t.Errorf("masked change %+v", c)
	}
	r := audit.RedactedChange("protection_note", "", "bí mật")
	if r.Old != "" || r.New != audit.Redacted || audit.Redacted != "(đã ẩn)" {
		t.Errorf("redacted change %+v", r)
	}
}
