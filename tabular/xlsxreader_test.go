package tabular

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// saveBook writes f to a temporary .xlsx file and returns its path.
func saveBook(t *testing.T, f *excelize.File) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// must fails the test on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestXLSXReaderDates(t *testing.T) {
	f := excelize.NewFile()
	must(t, f.SetSheetRow("Sheet1", "A1", &[]any{"Họ và tên", "Ngày sinh", "Vào Đảng", "Số thẻ", "Lúc"}))
	must(t, f.SetCellValue("Sheet1", "A2", "Trần Văn Bình"))
	// Built-in format 14: the locale's short date, dd/mm/yyyy in Vietnamese.
	short, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(t, err)
	must(t, f.SetCellValue("Sheet1", "B2", time.Date(1975, 3, 8, 0, 0, 0, 0, time.UTC)))
	must(t, f.SetCellStyle("Sheet1", "B2", "B2", short))
	custom := "dd/mm/yyyy"
	cust, err := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	must(t, err)
	must(t, f.SetCellValue("Sheet1", "C2", time.Date(2001, 12, 19, 0, 0, 0, 0, time.UTC)))
	must(t, f.SetCellStyle("Sheet1", "C2", "C2", cust))
	must(t, f.SetCellValue("Sheet1", "D2", 12345678))
	dt, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	must(t, err)
	must(t, f.SetCellValue("Sheet1", "E2", time.Date(2020, 1, 2, 13, 45, 0, 0, time.UTC)))
	must(t, f.SetCellStyle("Sheet1", "E2", "E2", dt))
	path := saveBook(t, f)

	r, err := Open(path, Options{})
	must(t, err)
	defer r.Close()
	rows := readAll(t, r)
	want := []Row{{2, []string{"Trần Văn Bình", "08/03/1975", "19/12/2001", "12345678", "02/01/2020 13:45"}}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows = %v, want %v", rows, want)
	}
}

func TestXLSXReaderSheetsAndGaps(t *testing.T) {
	f := excelize.NewFile()
	_, err := f.NewSheet("Danh sách")
	must(t, err)
	must(t, f.SetSheetRow("Sheet1", "A1", &[]any{"x"}))
	must(t, f.SetSheetRow("Danh sách", "A1", &[]any{"Họ tên", "Chi bộ", "Ghi chú"}))
	must(t, f.SetSheetRow("Danh sách", "A2", &[]any{"  Lê Thị Hoa  ", "Chi bộ 1"}))
	must(t, f.SetSheetRow("Danh sách", "B5", &[]any{"Chi bộ 2"}))
	must(t, f.SetSheetRow("Danh sách", "A6", &[]any{"a", "b", "c", "d"}))
	// Styled but empty trailing rows.
	st, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	must(t, err)
	must(t, f.SetCellStyle("Danh sách", "A7", "C20", st))
	path := saveBook(t, f)

	r, err := Open(path, Options{Sheet: "Danh sách"})
	must(t, err)
	defer r.Close()
	if got := r.Header(); !reflect.DeepEqual(got, []string{"Họ tên", "Chi bộ", "Ghi chú"}) {
		t.Errorf("header = %q", got)
	}
	want := []Row{
		{2, []string{"Lê Thị Hoa", "Chi bộ 1", ""}},
		{3, []string{"", "", ""}},
		{4, []string{"", "", ""}},
		{5, []string{"", "Chi bộ 2", ""}},
		{6, []string{"a", "b", "c", "d"}},
	}
	if rows := readAll(t, r); !reflect.DeepEqual(rows, want) {
		t.Errorf("rows = %v, want %v", rows, want)
	}
	if r.Encoding() != "utf-8" {
		t.Errorf("Encoding() = %q", r.Encoding())
	}

	r1, err := Open(path, Options{})
	must(t, err)
	if got := r1.Header(); !reflect.DeepEqual(got, []string{"x"}) {
		t.Errorf("default sheet header = %q", got)
	}
	must(t, r1.Close())

	_, err = Open(path, Options{Sheet: "Không có"})
	if err == nil || !strings.Contains(err.Error(), "Danh sách") {
		t.Errorf("missing sheet error = %v", err)
	}
}

func TestNewXLSXReader(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewXLSXWriter(&buf, "")
	must(t, err)
	must(t, w.WriteHeader([]string{"a"}))
	must(t, w.WriteRow([]string{"b"}))
	must(t, w.Close())
	r, err := NewXLSXReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()), Options{Decode: strings.ToUpper})
	must(t, err)
	defer r.Close()
	if rows := readAll(t, r); !reflect.DeepEqual(rows, []Row{{2, []string{"B"}}}) || r.Header()[0] != "A" {
		t.Errorf("header %q rows %v", r.Header(), rows)
	}
	bad := "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old .xls renamed"
	if _, err := NewXLSXReader(strings.NewReader(bad), int64(len(bad)), Options{}); err == nil || !strings.Contains(err.Error(), "không đúng định dạng .xlsx") {
		t.Errorf("renamed .xls error = %v", err)
	}
	if _, err := NewXLSXReader(strings.NewReader("not a zip"), 9, Options{}); err == nil || !strings.Contains(err.Error(), "không đúng định dạng .xlsx") {
		t.Errorf("invalid xlsx error = %v", err)
	}
}
