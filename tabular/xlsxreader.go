package tabular

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// shortDatePattern renders cells with Excel's locale-dependent short date
// format (built-in formats 14 and 22) the way Vietnamese Excel displays them.
const shortDatePattern = "dd/mm/yyyy"

// NewXLSXReader reads a worksheet of the XLSX file in r. The content is
// first copied to a temporary file so that memory stays flat.
func NewXLSXReader(r io.ReaderAt, size int64, opt Options) (Reader, error) {
	tmp, err := os.CreateTemp("", "tabular-*.xlsx")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	_, err = io.Copy(tmp, io.NewSectionReader(r, 0, size))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("không đọc được tệp Excel: %w", err)
	}
	return openXLSX(tmp.Name(), opt)
}

// openXLSX opens the XLSX file at path and streams the chosen worksheet.
// excelize has finished with path when this returns.
func openXLSX(path string, opt Options) (Reader, error) {
	f, err := excelize.OpenFile(path, excelize.Options{ShortDatePattern: shortDatePattern})
	if errors.Is(err, zip.ErrFormat) || errors.Is(err, excelize.ErrWorkbookFileFormat) {
		return nil, fmt.Errorf("tệp không đúng định dạng .xlsx (có thể là tệp .xls đổi tên); hãy mở bằng Excel và lưu thành .xlsx hoặc .csv: %w", err)
	}
	if err != nil {
		return nil, fmt.Errorf("không đọc được tệp Excel (.xlsx): %w", err)
	}
	rows, err := openSheet(f, opt.Sheet)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	closeFn := func() error { return errors.Join(rows.Close(), f.Close()) }
	t, err := newTable(&xlsxSource{rows: rows}, opt, encUTF8, closeFn)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// openSheet returns a row iterator over the named sheet, or the first one.
func openSheet(f *excelize.File, sheet string) (*excelize.Rows, error) {
	list := f.GetSheetList()
	if len(list) == 0 {
		return nil, ErrEmpty
	}
	if sheet == "" {
		sheet = list[0]
	}
	rows, err := f.Rows(sheet)
	var missing excelize.ErrSheetNotExist
	if errors.As(err, &missing) {
		return nil, fmt.Errorf("không có trang tính %q; các trang tính có trong tệp: %s", sheet, strings.Join(list, ", "))
	}
	return rows, err
}

// xlsxSource yields worksheet rows; line counts Rows.Next calls, which
// excelize makes step through every row number, including absent rows.
type xlsxSource struct {
	rows *excelize.Rows
	line int
}

// next reads one worksheet row as displayed (formatted) strings.
func (s *xlsxSource) next() (int, []string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return 0, nil, &LineError{Line: s.line + 1, Err: err}
		}
		return 0, nil, io.EOF
	}
	s.line++
	cells, err := s.rows.Columns()
	if err != nil {
		return 0, nil, &LineError{Line: s.line, Err: err}
	}
	return s.line, cells, nil
}
