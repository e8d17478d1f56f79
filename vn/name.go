package vn

import "strings"

// NormalizeName returns s in NFC with runs of whitespace collapsed to one
// space and trimmed: the stored form of a name.
func NormalizeName(s string) string {
	return strings.Join(strings.Fields(NFC(s)), " ")
}

// SplitFullName splits a full Vietnamese name: first word surname, last word
// given name, the rest middle name ("Nguyễn Thị Yến Mai" → "Nguyễn",
// "Thị Yến", "Mai"). A single word is a given name only.
func SplitFullName(full string) (surname, middle, given string) {
	w := strings.Fields(NFC(full))
	switch len(w) {
	case 0:
		return "", "", ""
	case 1:
		return "", "", w[0]
	}
	return w[0], strings.Join(w[1:len(w)-1], " "), w[len(w)-1]
}

// JoinName joins name parts into the normalised full name, skipping empty
// parts; JoinName(SplitFullName(x)) == NormalizeName(x).
func JoinName(surname, middle, given string) string {
	return NormalizeName(surname + " " + middle + " " + given)
}
