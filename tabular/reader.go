package tabular

// Reader streams the rows of a table.
type Reader interface {
	// Header returns the cells of the header row: the first non-empty row,
	// normally line 1.
	Header() []string
	// Next returns the next data row, or io.EOF after the last one. Empty
	// rows followed by data are returned (see Row.Empty); trailing ones are
	// dropped. Errors tied to a line are *LineError values.
	Next() (Row, error)
	// Encoding names the text encoding detected: "utf-8", "utf-16" or
	// "windows-1252".
	Encoding() string
	// Close releases the file and any temporary files.
	Close() error
}
