package tabular

import "bytes"

// detectComma picks the delimiter among ',', ';' and '\t' that occurs most
// often, outside double quotes, in the first non-blank line of b. Ties and
// lines with none of them give ','.
func detectComma(b []byte) rune {
	b = bytes.TrimLeft(b, "\r\n")
	var comma, semi, tab int
	quoted := false
loop:
	for _, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			break loop
		case c == ',':
			comma++
		case c == ';':
			semi++
		case c == '\t':
			tab++
		}
	}
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	}
	return ','
}
