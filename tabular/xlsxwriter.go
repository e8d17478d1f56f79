package tabular

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Column widths, in Excel character units, derived from header lengths.
const (
	minColWidth = 10
	maxColWidth = 50
)

// xlsxWriter streams one worksheet through excelize's StreamWriter, which
// keeps at most 16 MiB of sheet XML in memory and spills the rest to a
// temporary file.
type xlsxWriter struct {
	out    io.Writer
	f      *excelize.File
	sw     *excelize.StreamWriter
	header int
	row    int
	vals   []any
	closed bool
}

// NewXLSXWriter returns a Writer producing an .xlsx workbook with one
// worksheet named sheet ("Sheet1" if empty). The header row is bold on a
// shaded fill and frozen. The workbook is written to w on Close.
func NewXLSXWriter(w io.Writer, sheet string) (Writer, error) {
	f := excelize.NewFile()
	if sheet != "" && sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			_ = f.Close()
			return nil, fmt.Errorf("tên trang tính %q không hợp lệ: %w", sheet, err)
		}
	}
	if sheet == "" {
		sheet = "Sheet1"
	}
	style, err := f.NewStyle(&excelize.Style{
		Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{
			Vertical: "center",
			WrapText: true,
		},
	})
	if err == nil {
		var sw *excelize.StreamWriter
		if sw, err = f.NewStreamWriter(sheet); err == nil {
			return &xlsxWriter{out: w, f: f, sw: sw, header: style}, nil
		}
	}
	_ = f.Close()
	return nil, err
}

// WriteHeader sets column widths, freezes the first row and writes it.
func (x *xlsxWriter) WriteHeader(cols []string) error {
	if x.row > 0 {
		return errHeaderTwice
	}
	for i, c := range cols {
		width := float64(utf8.RuneCountInString(c) + 4)
		width = min(max(width, minColWidth), maxColWidth)
		if err := x.sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := x.sw.SetPanes(&excelize.Panes{
		Freeze:      true,
		YSplit:      1,
		TopLeftCell: "A2",
		ActivePane:  "bottomLeft",
	}); err != nil {
		return err
	}
	x.vals = x.vals[:0]
	for _, c := range cols {
		x.vals = append(x.vals, excelize.Cell{StyleID: x.header, Value: c})
	}
	x.row = 1
	return x.sw.SetRow("A1", x.vals)
}

// WriteRow writes one row of text cells; empty cells are left blank.
func (x *xlsxWriter) WriteRow(cells []string) error {
	if x.row >= excelize.TotalRows {
		return ErrTooManyRows
	}
	x.row++
	x.vals = x.vals[:0]
	for _, c := range cells {
		if c == "" {
			x.vals = append(x.vals, nil)
		} else {
			x.vals = append(x.vals, c)
		}
	}
	return x.sw.SetRow("A"+strconv.Itoa(x.row), x.vals)
}

// Close finishes the sheet and writes the workbook to the output, zipping
// straight into it instead of through excelize's in-memory buffer.
func (x *xlsxWriter) Close() (err error) {
	if x.closed {
		return nil
	}
	x.closed = true
	defer func() { err = errors.Join(err, x.f.Close()) }()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(x.out, 64<<10)
	x.f.ZipWriter = func(io.Writer) excelize.ZipWriter { return zip.NewWriter(bw) }
	if _, err := x.f.WriteToBuffer(); err != nil {
		return err
	}
	return bw.Flush()
}
