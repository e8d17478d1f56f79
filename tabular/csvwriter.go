package tabular

import (
	"encoding/csv"
	"errors"
	"io"
)

// errHeaderTwice is returned when WriteHeader is called after rows or twice.
var errHeaderTwice = errors.New("dòng tiêu đề phải được ghi một lần, trước mọi dòng dữ liệu")

// csvWriter writes comma-separated UTF-8 with LF line endings.
type csvWriter struct {
	w       *csv.Writer
	out     io.Writer
	bom     bool
	started bool
}

// NewCSVWriter returns a Writer producing comma-separated UTF-8 with LF line
// endings and standard quoting. With bom set, a UTF-8 byte order mark is
// written first so that Excel shows Vietnamese text correctly; leave it off
// for CSV meant for programs.
func NewCSVWriter(w io.Writer, bom bool) Writer {
	return &csvWriter{w: csv.NewWriter(w), out: w, bom: bom}
}

// start writes the BOM before the first row.
func (c *csvWriter) start() error {
	if c.started {
		return nil
	}
	c.started = true
	if c.bom {
		_, err := c.out.Write([]byte{0xEF, 0xBB, 0xBF})
		return err
	}
	return nil
}

// WriteHeader writes the header row.
func (c *csvWriter) WriteHeader(cols []string) error {
	if c.started {
		return errHeaderTwice
	}
	return c.WriteRow(cols)
}

// WriteRow writes one row.
func (c *csvWriter) WriteRow(cells []string) error {
	if err := c.start(); err != nil {
		return err
	}
	return c.w.Write(cells)
}

// Close flushes buffered rows.
func (c *csvWriter) Close() error {
	if err := c.start(); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}
