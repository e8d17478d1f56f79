package tochuc

import "fmt"

// RowError is one rejected row of an imported file: where, which column, which rule.
type RowError struct {
	Line    int    `json:"line"`
	Column  string `json:"column,omitempty"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"`
}

// String formats the error the way a clerk reads it.
func (e RowError) String() string {
	if e.Column != "" {
		return fmt.Sprintf("dòng %d, cột %s (%s): %s", e.Line, ColumnLabel(e.Column), e.Column, e.Message)
	}
	return fmt.Sprintf("dòng %d: %s", e.Line, e.Message)
}

// ImportReport says what an import did, or would do with --dry-run.
type ImportReport struct {
	Rows      int        `json:"rows"`
	Created   int        `json:"created"`
	Updated   int        `json:"updated"`
	Unchanged int        `json:"unchanged"`
	Moved     int        `json:"moved,omitempty"` // members re-placed by a restructure
	Applied   bool       `json:"applied"`
	Errors    []RowError `json:"errors,omitempty"`
	Warnings  []RowError `json:"warnings,omitempty"`
}

// Failed reports whether the import was rejected.
func (r *ImportReport) Failed() bool { return len(r.Errors) > 0 }

// MaxReportedErrors bounds the errors kept for one import, so a wholly wrong file of
// millions of rows cannot exhaust memory; the count of the rest is still reported.
const MaxReportedErrors = 10000

// Reject adds an error unless the cap is reached.
func (r *ImportReport) Reject(line int, column, value, format string, args ...any) {
	if len(r.Errors) < MaxReportedErrors {
		r.Errors = append(r.Errors, RowError{Line: line, Column: column, Value: value, Message: fmt.Sprintf(format, args...)})
	}
}
