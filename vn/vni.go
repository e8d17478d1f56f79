package vn

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// vniCode is the meaning of a VNI-Windows byte in 0xC0–0xFF: either a letter
// (r != 0) or marks (mod, tone) that modify the vowel before them.
type vniCode struct {
	r         rune
	mod, tone uint8
	base      byte // for letters that still take a tone (ơ ư): their base
	isMark    bool
}

// vniHigh holds the Vietnamese meaning of bytes 0xC0–0xFF.
var vniHigh [0x40]vniCode

func init() {
	letter := func(lo byte, r rune, base byte, mod uint8) {
		vniHigh[lo-0xC0] = vniCode{r: r, base: base, mod: mod}
	}
	// Letters: lower-case byte, then the capital 0x20 below it.
	for _, l := range []struct {
		b        byte
		lo, up   rune
		base     byte
		modifier uint8
	}{
		{0xF1, 'đ', 'Đ', 0, 0},
		{0xF4, 'ơ', 'Ơ', 'o', modHorn},
		{0xF6, 'ư', 'Ư', 'u', modHorn},
		{0xE6, 'ỉ', 'Ỉ', 0, 0},
		{0xF3, 'ĩ', 'Ĩ', 0, 0},
		{0xF2, 'ị', 'Ị', 0, 0},
		{0xEE, 'ỵ', 'Ỵ', 0, 0},
	} {
		letter(l.b, l.lo, l.base, l.modifier)
		letter(l.b-0x20, l.up, l.base, l.modifier)
	}
	// Marks following a vowel.
	for _, m := range []struct {
		b         byte
		mod, tone uint8
	}{
		{0xF8, 0, toneGrave}, {0xF9, 0, toneAcute}, {0xFB, 0, toneHook},
		{0xF5, 0, toneTilde}, {0xEF, 0, toneDot},
		{0xE2, modCirc, 0}, {0xEA, modBreve, 0},
		{0xE0, modCirc, toneGrave}, {0xE1, modCirc, toneAcute}, {0xE5, modCirc, toneHook},
		{0xE3, modCirc, toneTilde}, {0xE4, modCirc, toneDot},
		{0xE8, modBreve, toneGrave}, {0xE9, modBreve, toneAcute}, {0xFA, modBreve, toneHook},
		{0xFC, modBreve, toneTilde}, {0xEB, modBreve, toneDot},
	} {
		vniHigh[m.b-0xC0] = vniCode{mod: m.mod, tone: m.tone, isMark: true}
		vniHigh[m.b-0x20-0xC0] = vniHigh[m.b-0xC0] // capital form of the mark
	}
}

// FromVNI converts VNI-Windows (VNI-Times) text to NFC Unicode: "Vieät Nam"
// → "Việt Nam". Like FromTCVN3 it accepts raw bytes or their Windows-1252
// reading. A mark byte that does not follow a vowel it can modify is kept
// as its Windows-1252 character.
func FromVNI(s string) string {
	if isASCII(s) {
		return s
	}
	out := make([]rune, 0, len(s))
	// The vowel just written that later marks may still modify.
	slot, base, mod, tone, up := -1, byte(0), uint8(0), uint8(0), false
	for _, u := range legacyUnits(s) {
		var c vniCode
		if u.b >= 0xC0 {
			c = vniHigh[u.b-0xC0]
		}
		switch {
		case c.isMark:
			if slot >= 0 && (c.mod == 0 || (mod == 0 && modAllowed(base, c.mod))) && (c.tone == 0 || tone == 0) {
				m, t := max(mod, c.mod), max(tone, c.tone)
				if r := composeViet(base, m, t, up); r != 0 {
					mod, tone = m, t
					out[slot] = r
					continue
				}
			}
			out = append(out, u.r)
			slot = -1
		case c.r != 0:
			out = append(out, c.r)
			slot = -1
			if c.base != 0 {
				slot, base, mod, tone, up = len(out)-1, c.base, c.mod, 0, unicode.IsUpper(c.r)
			}
		default:
			out = append(out, u.r)
			slot = -1
			if u.b >= 0 && u.b < 0x80 {
				if l := byte(u.b) | 0x20; vowelIndex(l) >= 0 {
					slot, base, mod, tone, up = len(out)-1, l, 0, 0, u.b < 'a'
				}
			}
		}
	}
	return norm.NFC.String(string(out))
}
