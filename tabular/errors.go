package tabular

import (
	"errors"
	"fmt"
)

// ErrEmpty is returned when a table has no header row.
var ErrEmpty = errors.New("tệp trống: không tìm thấy dòng tiêu đề")

// ErrTooManyRows is returned by the XLSX writer beyond Excel's row limit.
var ErrTooManyRows = errors.New("vượt quá giới hạn 1.048.576 dòng của Excel; hãy xuất ra tệp .csv")

// LineError is an error about one line of the input file.
type LineError struct {
	// Line is the 1-based line number the error refers to.
	Line int
	// Err is the underlying error.
	Err error
}

// Error formats the error as "dòng N: …".
func (e *LineError) Error() string { return fmt.Sprintf("dòng %d: %v", e.Line, e.Err) }

// Unwrap returns the underlying error.
func (e *LineError) Unwrap() error { return e.Err }
