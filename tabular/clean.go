package tabular

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"tochuc/vn"
)

// cleaner turns raw cells into trimmed, valid, NFC-normalised text.
type cleaner struct {
	decode func(string) string
}

// cell cleans one cell: Decode, then replace invalid UTF-8, trim and NFC.
func (c cleaner) cell(s string) string {
	if c.decode != nil {
		s = c.decode(s)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.TrimSpace(s)
	if vn.IsSimpleNFC(s) {
		return s
	}
	return norm.NFC.String(s)
}

// row cleans raw into a new slice padded with "" to at least width cells.
func (c cleaner) row(raw []string, width int) []string {
	cells := make([]string, max(len(raw), width))
	for i, s := range raw {
		cells[i] = c.cell(s)
	}
	return cells
}
