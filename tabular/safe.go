package tabular

// Formula injection (CWE-1236): a spreadsheet program opening a CSV file evaluates a cell that
// starts with =, +, - or @ (and, in some programs, a tab or carriage return) as a formula, which
// can run commands or send data away. Files meant for people are written through SafeCells,
// which prefixes such a cell with an apostrophe so that it is shown as the text it is.

// Neutralize returns s prefixed with ' when a spreadsheet would read it as a formula.
func Neutralize(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// safeWriter neutralizes every cell before handing it to the underlying writer.
type safeWriter struct {
	w   Writer
	buf []string
}

// SafeCells wraps w so that no header or cell can be read as a formula (Neutralize). Use it for
// files people open in a spreadsheet; machine files for re-import keep the exact values.
func SafeCells(w Writer) Writer { return &safeWriter{w: w} }

func (s *safeWriter) clean(cells []string) []string {
	s.buf = s.buf[:0]
	for _, c := range cells {
		s.buf = append(s.buf, Neutralize(c))
	}
	return s.buf
}

// WriteHeader writes the neutralized header row.
func (s *safeWriter) WriteHeader(cols []string) error { return s.w.WriteHeader(s.clean(cols)) }

// WriteRow writes one neutralized row.
func (s *safeWriter) WriteRow(cells []string) error { return s.w.WriteRow(s.clean(cells)) }

// Close closes the underlying writer.
func (s *safeWriter) Close() error { return s.w.Close() }
