package vn

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode Normalization Form C, the form stored everywhere.
func NFC(s string) string {
	if IsSimpleNFC(s) {
		return s
	}
	return norm.NFC.String(s)
}

// IsSimpleNFC reports, quickly, that s is already in NFC because every character is below
// U+0300 or a precomposed letter of Latin Extended Additional (U+1E00–U+1EFF): none of these
// decomposes under NFC or combines with its neighbour, and they are all that Vietnamese text
// in NFC is made of. False means "not known": the caller normalises as usual. The full check
// costs ≈15× more and ran on every cell of every imported row.
func IsSimpleNFC(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || (r >= 0x300 && (r < 0x1E00 || r > 0x1EFF)) {
			return false
		}
		i += n
	}
	return true
}

// Folding tables: lower-case base letter with every diacritic removed.
var (
	foldLatin [0x250]rune // U+0000–U+024F
	foldExt   [0x100]rune // U+1E00–U+1EFF (Latin Extended Additional, ạ…ỹ)
)

func init() {
	for r := range foldLatin {
		foldLatin[r] = foldRuneSlow(rune(r))
	}
	for i := range foldExt {
		foldExt[i] = foldRuneSlow(0x1E00 + rune(i))
	}
}

// foldRuneSlow computes a folding-table entry from the Unicode tables.
func foldRuneSlow(r rune) rune {
	switch r {
	case 'đ', 'Đ', 'ð', 'Ð': // Ð (eth) is a common stand-in for Đ in old data
		return 'd'
	}
	l := unicode.ToLower(r)
	d := norm.NFD.String(string(l))
	base, n := utf8.DecodeRuneInString(d)
	for _, m := range d[n:] {
		if !unicode.Is(unicode.Mn, m) {
			return l
		}
	}
	return unicode.ToLower(base)
}

// foldRune maps one rune; it returns -1 for runes that are dropped (marks).
func foldRune(r rune) rune {
	switch {
	case r < 0x250:
		return foldLatin[r]
	case r >= 0x1E00 && r < 0x1F00:
		return foldExt[r-0x1E00]
	case r >= 0x300 && r < 0x370, unicode.Is(unicode.Mn, r):
		return -1
	}
	l := unicode.ToLower(r)
	switch {
	case l < 0x250:
		return foldLatin[l]
	case l >= 0x1E00 && l < 0x1F00:
		return foldExt[l-0x1E00]
	}
	return l
}

// Fold prepares s for diacritic- and case-insensitive search:
// lower case, tone marks and diacritics removed (ă â ê ô ơ ư → a a e o o u,
// đ → d), runs of whitespace collapsed to one space, trimmed.
// Fold("Nguyễn Thị Yến Mai") == "nguyen thi yen mai". Already folded ASCII
// input is returned without allocating.
func Fold(s string) string {
	if isFoldedASCII(s) {
		return s
	}
	exotic := false
	for _, r := range s {
		if r >= 0x250 && !(r >= 0x300 && r < 0x370) && !(r >= 0x1E00 && r < 0x1F00) {
			exotic = true
			break
		}
	}
	if !exotic {
		// Latin and Vietnamese text, precomposed or decomposed: the tables
		// give the same answer as NFC-then-strip.
		return foldMap(s)
	}
	out := foldMap(norm.NFD.String(s))
	if !norm.NFD.IsNormalString(out) {
		out = foldMap(norm.NFD.String(out))
	}
	return norm.NFC.String(out)
}

// foldMap applies foldRune to every rune and collapses whitespace.
func foldMap(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || (c >= '\t' && c <= '\r'):
				space = b.Len() > 0
				continue
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if r != utf8.RuneError || n != 1 {
			r = foldRune(r)
		}
		if r < 0 {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r) // invalid bytes become U+FFFD
	}
	return b.String()
}

// isFoldedASCII reports whether s is already the output of Fold and ASCII.
func isFoldedASCII(s string) bool {
	prevSpace := true // forbids a leading space
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, c >= 'A' && c <= 'Z', c >= '\t' && c <= '\r':
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	return !prevSpace || len(s) == 0
}
