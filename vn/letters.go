package vn

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Vowel modifiers (the marks that make a different letter of the alphabet).
const (
	modNone   uint8 = iota
	modCirc         // â ê ô
	modBreve        // ă
	modHorn         // ơ ư
	modStroke       // đ
)

// Tone marks, in Vietnamese dictionary order.
const (
	toneNone  uint8 = iota
	toneGrave       // huyền
	toneHook        // hỏi
	toneTilde       // ngã
	toneAcute       // sắc
	toneDot         // nặng
)

// vietLetter describes a Vietnamese letter as base + modifier + tone.
type vietLetter struct {
	base  byte // lower-case ASCII base letter
	mod   uint8
	tone  uint8
	upper bool
}

var (
	// vietLetters maps every precomposed Vietnamese letter (and ASCII letter)
	// to its parts.
	vietLetters = map[rune]vietLetter{}
	// vietCompose is the inverse for the vowels a e i o u y.
	vietCompose [6][4][6][2]rune
)

// vowelIndex gives the row of a vowel base in vietCompose, or -1.
func vowelIndex(b byte) int {
	switch b {
	case 'a':
		return 0
	case 'e':
		return 1
	case 'i':
		return 2
	case 'o':
		return 3
	case 'u':
		return 4
	case 'y':
		return 5
	}
	return -1
}

// modAllowed reports whether modifier m exists on vowel base b.
func modAllowed(b byte, m uint8) bool {
	switch m {
	case modNone:
		return true
	case modCirc:
		return b == 'a' || b == 'e' || b == 'o'
	case modBreve:
		return b == 'a'
	case modHorn:
		return b == 'o' || b == 'u'
	}
	return false
}

func init() {
	for c := byte('a'); c <= 'z'; c++ {
		vietLetters[rune(c)] = vietLetter{base: c}
		vietLetters[rune(c-'a'+'A')] = vietLetter{base: c, upper: true}
	}
	vietLetters['đ'] = vietLetter{base: 'd', mod: modStroke}
	vietLetters['Đ'] = vietLetter{base: 'd', mod: modStroke, upper: true}
	add := func(r rune) {
		d := norm.NFD.String(string(r))
		b, n := utf8.DecodeRuneInString(d)
		var l vietLetter
		switch {
		case b >= 'a' && b <= 'z':
			l.base = byte(b)
		case b >= 'A' && b <= 'Z':
			l.base, l.upper = byte(b-'A'+'a'), true
		default:
			return
		}
		if vowelIndex(l.base) < 0 {
			return
		}
		for _, m := range d[n:] {
			switch m {
			case 0x0302:
				l.mod = setOnce(l.mod, modCirc)
			case 0x0306:
				l.mod = setOnce(l.mod, modBreve)
			case 0x031B:
				l.mod = setOnce(l.mod, modHorn)
			case 0x0300:
				l.tone = setOnce(l.tone, toneGrave)
			case 0x0309:
				l.tone = setOnce(l.tone, toneHook)
			case 0x0303:
				l.tone = setOnce(l.tone, toneTilde)
			case 0x0301:
				l.tone = setOnce(l.tone, toneAcute)
			case 0x0323:
				l.tone = setOnce(l.tone, toneDot)
			default:
				return
			}
			if l.mod == 0xFF || l.tone == 0xFF {
				return
			}
		}
		if !modAllowed(l.base, l.mod) || (l.mod == modNone && l.tone == toneNone) {
			return
		}
		vietLetters[r] = l
	}
	for r := rune(0xC0); r < 0x1B1; r++ {
		add(r)
	}
	for r := rune(0x1EA0); r < 0x1EFA; r++ {
		add(r)
	}
	for r, l := range vietLetters {
		if i := vowelIndex(l.base); i >= 0 && l.mod != modStroke {
			u := 0
			if l.upper {
				u = 1
			}
			vietCompose[i][l.mod][l.tone][u] = r
		}
	}
}

// setOnce returns v, or 0xFF when cur is already set (two marks of a kind).
func setOnce(cur, v uint8) uint8 {
	if cur != 0 {
		return 0xFF
	}
	return v
}

// composeViet returns the precomposed letter for the parts, or 0.
func composeViet(base byte, mod, tone uint8, upper bool) rune {
	i := vowelIndex(base)
	if i < 0 || mod > modHorn || tone > toneDot {
		return 0
	}
	u := 0
	if upper {
		u = 1
	}
	return vietCompose[i][mod][tone][u]
}
