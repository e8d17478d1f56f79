package tabular

// Row is one data row of a table.
type Row struct {
	// Line is the 1-based line number as a spreadsheet user sees it: the
	// header is line 1 and the first data row line 2. For XLSX it is the
	// worksheet row number; for CSV it is the physical line on which the
	// record starts (a quoted field spanning several lines does not shift
	// the number of its own record, only of the records after it).
	Line int
	// Cells holds the trimmed, NFC-normalised cell texts. It is at least as
	// long as the header; it is longer when the row has extra cells.
	Cells []string
}

// Empty reports whether every cell of the row is empty.
func (r Row) Empty() bool {
	for _, c := range r.Cells {
		if c != "" {
			return false
		}
	}
	return true
}
