package vn

import (
	"unicode"
	"unicode/utf8"
)

// DetectEncoding guesses the encoding of text imported from one file, given
// a sample of its cells. Each sample is read three ways (as Unicode, TCVN3
// and VNI) and every word holding a non-ASCII letter is checked against
// Vietnamese spelling (one tone, a real vowel cluster, real initial and
// final consonants); the reading with the most well-formed words wins.
// Letters that no single-byte font can produce (ế ộ ư đ …, or combining
// tone marks) are counted as Unicode outright. Ties go to Unicode.
func DetectEncoding(samples []string) Encoding {
	var su, st, sv int
	for _, s := range samples {
		if isASCII(s) {
			continue
		}
		if n := strongUnicode(s); n > 0 {
			su += n
			st -= n
			sv -= n
			continue
		}
		su += textScore(s)
		st += textScore(FromTCVN3(s))
		sv += textScore(FromVNI(s))
	}
	switch {
	case st > su && st >= sv:
		return TCVN3
	case sv > su && sv > st:
		return VNI
	}
	return Unicode
}

// strongUnicode counts characters that only genuine Unicode Vietnamese
// contains: letters outside Latin-1 and the combining Vietnamese marks.
func strongUnicode(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r < 0x100:
		case r >= 0x300 && r <= 0x323:
			switch r {
			case 0x300, 0x301, 0x302, 0x303, 0x306, 0x309, 0x31B, 0x323:
				n++
			}
		default:
			if _, ok := vietLetters[r]; ok {
				n++
			}
		}
	}
	return n
}

// textScore is +1 for each well-formed Vietnamese word with a non-ASCII
// letter and -1 for each malformed word holding non-ASCII characters.
func textScore(s string) int {
	score := 0
	rs := []rune(s) // invalid bytes become U+FFFD
	start := -1
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || unicode.IsSpace(rs[i]) || (rs[i] < utf8.RuneSelf && !isASCIILetter(rs[i])) {
			if start >= 0 {
				score += wordScore(rs[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return score
}

// isASCIILetter reports whether r is A–Z or a–z.
func isASCIILetter(r rune) bool { return (r|0x20) >= 'a' && (r|0x20) <= 'z' }

// edgeJunk reports whether r is punctuation or a symbol to trim off a word.
func edgeJunk(r rune) bool {
	return r != utf8.RuneError && (unicode.IsPunct(r) || unicode.IsSymbol(r))
}

// Spelling tables, with vowels written base + modifier ('^' circumflex,
// '(' breve, '+' horn) and đ as 'D'.
var (
	vnInitials = setOf("", "b", "c", "ch", "d", "D", "g", "gh", "h", "k", "kh", "l", "m",
		"n", "ng", "ngh", "nh", "p", "ph", "q", "r", "s", "t", "th", "tr", "v", "x",
		"f", "j", "w", "z")
	vnFinals = setOf("", "c", "ch", "m", "n", "ng", "nh", "p", "t")
	vnNuclei = setOf(
		"a", "a(", "a^", "e", "e^", "i", "o", "o^", "o+", "u", "u+", "y",
		"ai", "ao", "au", "ay", "a^u", "a^y", "eo", "e^u", "ia", "ie^", "iu",
		"oa", "oa(", "oe", "oi", "oo", "o^i", "o+i", "ua", "ua^", "ue^", "ui",
		"uo^", "uo+", "uy", "u+a", "u+i", "u+o+", "u+u", "ye^",
		"ie^u", "ye^u", "oai", "oao", "oay", "oeo", "ua^y", "uo^i", "uya",
		"uye^", "uyu", "u+o+i", "u+o+u")
)

// setOf builds a string set.
func setOf(s ...string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, v := range s {
		m[v] = true
	}
	return m
}

// wordScore rates one word: 0 when it is plain ASCII, +1 when it is a
// well-formed Vietnamese syllable, -1 otherwise.
func wordScore(w []rune) int {
	for len(w) > 0 && edgeJunk(w[0]) {
		w = w[1:]
	}
	for len(w) > 0 && edgeJunk(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	ascii := true
	for _, r := range w {
		if r >= utf8.RuneSelf {
			ascii = false
		}
	}
	if ascii || len(w) > 8 {
		if ascii {
			return 0
		}
		return -1
	}
	var ls [8]vietLetter
	tone := toneNone
	for i, r := range w {
		l, ok := vietLetters[r]
		if !ok {
			return -1
		}
		if l.tone != toneNone {
			if tone != toneNone {
				return -1
			}
			tone = l.tone
		}
		ls[i] = l
	}
	if validSyllable(ls[:len(w)], tone) {
		return 1
	}
	return -1
}

// validSyllable checks initial consonant, vowel cluster and final consonant.
func validSyllable(ls []vietLetter, tone uint8) bool {
	isVowel := func(l vietLetter) bool { return l.mod != modStroke && vowelIndex(l.base) >= 0 }
	var buf [16]byte
	part := buf[:0]
	i := 0
	for ; i < len(ls) && !isVowel(ls[i]); i++ {
		if ls[i].mod == modStroke {
			part = append(part, 'D')
		} else {
			part = append(part, ls[i].base)
		}
	}
	initial := string(part)
	if !vnInitials[initial] {
		return false
	}
	// "qu" and "gi" (before another vowel) belong to the initial.
	if i < len(ls) && ls[i].mod == modNone &&
		((initial == "q" && ls[i].base == 'u') ||
			(initial == "g" && ls[i].base == 'i' && i+1 < len(ls) && isVowel(ls[i+1]))) {
		i++
	}
	part = buf[:0]
	for ; i < len(ls) && isVowel(ls[i]); i++ {
		part = append(part, ls[i].base)
		switch ls[i].mod {
		case modCirc:
			part = append(part, '^')
		case modBreve:
			part = append(part, '(')
		case modHorn:
			part = append(part, '+')
		}
	}
	if len(part) == 0 || !vnNuclei[string(part)] {
		return false
	}
	part = buf[:0]
	for ; i < len(ls); i++ {
		if isVowel(ls[i]) || ls[i].mod == modStroke {
			return false
		}
		part = append(part, ls[i].base)
	}
	final := string(part)
	if !vnFinals[final] {
		return false
	}
	// Syllables closed by a stop take only the sắc or nặng tone.
	switch final {
	case "c", "ch", "p", "t":
		return tone == toneAcute || tone == toneDot
	}
	return true
}
