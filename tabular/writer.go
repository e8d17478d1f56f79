package tabular

// Writer streams a table to a CSV or XLSX file.
type Writer interface {
	// WriteHeader writes the header row; call it once, before any row.
	WriteHeader(cols []string) error
	// WriteRow writes one data row.
	WriteRow(cells []string) error
	// Close finishes the output; it does not close the underlying io.Writer.
	Close() error
}
