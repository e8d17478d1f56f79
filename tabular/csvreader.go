package tabular

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// NewCSVReader reads a CSV table from r, detecting its encoding (UTF-8 with
// or without BOM, UTF-16, otherwise Windows-1252) and, when opt.Comma is 0,
// its delimiter. The caller closes r.
func NewCSVReader(r io.Reader, opt Options) (Reader, error) {
	return newCSVReader(r, opt, func() error { return nil })
}

// newCSVReader is NewCSVReader with a close function for the Reader.
func newCSVReader(r io.Reader, opt Options, closeFn func() error) (Reader, error) {
	if opt.Comma != 0 && !validComma(opt.Comma) {
		_ = closeFn()
		return nil, fmt.Errorf("dấu phân cách %q không hợp lệ", opt.Comma)
	}
	dec, enc, err := decodeInput(r)
	if err != nil {
		_ = closeFn()
		return nil, fmt.Errorf("không đọc được tệp CSV: %w", err)
	}
	g := &guard{r: dec}
	br := bufio.NewReaderSize(g, sampleSize)
	comma := opt.Comma
	if comma == 0 {
		head, _ := br.Peek(sampleSize)
		comma = detectComma(head)
	}
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	t, err := newTable(&csvSource{r: cr, g: g}, opt, enc, closeFn)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// validComma reports whether r can delimit CSV fields.
func validComma(r rune) bool {
	return r != '"' && r != '\r' && r != '\n' && r != utf8.RuneError && utf8.ValidRune(r)
}

// csvSource yields CSV records with the line each starts on.
type csvSource struct {
	r    *csv.Reader
	g    *guard
	line int
}

// next reads one record.
func (s *csvSource) next() (int, []string, error) {
	rec, err := s.r.Read()
	if err != nil {
		return 0, nil, s.lineError(err)
	}
	s.line, _ = s.r.FieldPos(0)
	s.g.reset()
	return s.line, rec, nil
}

// lineError converts a CSV error into a *LineError in Vietnamese.
func (s *csvSource) lineError(err error) error {
	var pe *csv.ParseError
	switch {
	case err == io.EOF:
		return err
	case errors.As(err, &pe):
		return &LineError{Line: pe.Line, Err: fmt.Errorf("lỗi cú pháp CSV ở cột ký tự %d: %s", pe.Column, csvErrText(pe.Err))}
	default:
		return &LineError{Line: s.line + 1, Err: err}
	}
}

// csvErrText translates encoding/csv parse errors.
func csvErrText(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return "thừa hoặc thiếu dấu ngoặc kép trong trường có ngoặc kép"
	case errors.Is(err, csv.ErrBareQuote):
		return "dấu ngoặc kép trong trường không có ngoặc kép"
	case errors.Is(err, csv.ErrFieldCount):
		return "số trường không đúng"
	}
	return err.Error()
}
