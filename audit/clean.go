package audit

import (
	"strings"
	"unicode/utf8"

	"tochuc"
)

// Redacted stands for the old and new values of a restricted field (an internal-political-
// protection note, an evaluation): the trail says that it changed, never what it says.
const Redacted = "(đã ẩn)"

// Clean encodes, for display in a terminal, a log line or a page, everything in s that could
// forge a line or change how the rest is shown (ASVS 16.4.1): \n, \r and \t as \n, \r, \t; the
// other C0 controls, ESC (ANSI sequences) and DEL as \xHH; C1 controls, the line and paragraph
// separators U+2028–2029 and the bidirectional marks and overrides (U+061C, U+200E–200F,
// U+202A–202E, U+2066–2069) as \uXXXX; bytes that are not UTF-8 as \xHH. A backslash becomes \\,
// so that the result tells an encoded newline from a typed "\n". Values are stored as given: the
// hash covers the raw value, and they are cleaned only when shown.
func Clean(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f || c == '\\' {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || unsafeRune(r) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\\':
				b.WriteString(`\\`)
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case c == '\t':
				b.WriteString(`\t`)
			case c < 0x20 || c == 0x7f:
				b.WriteString(`\x`)
				b.WriteByte(hexDigits[c>>4])
				b.WriteByte(hexDigits[c&0xf])
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xf])
		case unsafeRune(r):
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hexDigits[(r>>shift)&0xf])
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// unsafeRune reports a non-ASCII rune Clean encodes: C1 controls, line and paragraph separators,
// bidirectional marks, embeddings, overrides and isolates.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x2028 && r <= 0x202e:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// MaskCitizenID hides the middle of an identity number (CCCD, CMND), keeping the first two and
// the last two characters: "001234567890" → "00********90". Up to four characters are all
// hidden; an empty value stays empty, so the trail still shows that a number was added or removed.
func MaskCitizenID(s string) string {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return ""
	}
	if n <= 4 {
		return strings.Repeat("*", n)
	}
	rs := []rune(s)
	return string(rs[:2]) + strings.Repeat("*", n-4) + string(rs[n-2:])
}

// MaskedChange records a change of an identity number with both values masked.
func MaskedChange(field, old, new string) tochuc.FieldChange {
	return tochuc.FieldChange{Field: field, Old: MaskCitizenID(old), New: MaskCitizenID(new)}
}

// RedactedChange records that a restricted field changed, without its content: an empty side
// stays empty (the note was added or removed), any other value is Redacted.
func RedactedChange(field, old, new string) tochuc.FieldChange {
	red := func(s string) string {
		if s == "" {
			return ""
		}
		return Redacted
	}
	return tochuc.FieldChange{Field: field, Old: red(old), New: red(new)}
}
