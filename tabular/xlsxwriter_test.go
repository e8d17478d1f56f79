package tabular

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestXLSXWriterLayout(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewXLSXWriter(&buf, "Danh sách")
	must(t, err)
	must(t, w.WriteHeader([]string{"STT", "Họ và tên đảng viên có tên rất dài, dài hơn năm mươi ký tự"}))
	must(t, w.WriteRow([]string{"1", "Nguyễn Văn A"}))
	if err := w.WriteHeader([]string{"x"}); err == nil {
		t.Error("second WriteHeader succeeded")
	}
	must(t, w.Close())
	must(t, w.Close())

	f, err := excelize.OpenReader(&buf)
	must(t, err)
	defer f.Close()
	panes, err := f.GetPanes("Danh sách")
	must(t, err)
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v", panes)
	}
	for col, want := range map[string]float64{"A": minColWidth, "B": maxColWidth} {
		if got, err := f.GetColWidth("Danh sách", col); err != nil || got != want {
			t.Errorf("width %s = %v, %v; want %v", col, got, err, want)
		}
	}
	id, err := f.GetCellStyle("Danh sách", "B1")
	must(t, err)
	st, err := f.GetStyle(id)
	must(t, err)
	if st.Font == nil || !st.Font.Bold || st.Fill.Pattern != 1 {
		t.Errorf("header style = %+v", st)
	}
	if v, _ := f.GetCellValue("Danh sách", "B2"); v != "Nguyễn Văn A" {
		t.Errorf("B2 = %q", v)
	}
}

func TestXLSXWriterRowLimit(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewXLSXWriter(&buf, "")
	must(t, err)
	must(t, w.WriteHeader([]string{"a"}))
	w.(*xlsxWriter).row = excelize.TotalRows - 1 // pretend the sheet is almost full
	must(t, w.WriteRow([]string{"last"}))
	err = w.WriteRow([]string{"one too many"})
	if !errors.Is(err, ErrTooManyRows) {
		t.Fatalf("err = %v, want ErrTooManyRows", err)
	}
	must(t, w.Close())
	r, err := NewXLSXReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()), Options{})
	must(t, err)
	defer r.Close()
	// Rows 2..1048575 are absent and come back empty before the last one.
	var n int
	var last Row
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		must(t, err)
		n, last = n+1, row
	}
	if n != excelize.TotalRows-1 || last.Line != excelize.TotalRows || last.Cells[0] != "last" {
		t.Errorf("%d rows, last = %v", n, last)
	}
}

func TestXLSXWriterBadSheet(t *testing.T) {
	if _, err := NewXLSXWriter(&bytes.Buffer{}, "a/b"); err == nil {
		t.Error("want error for invalid sheet name")
	}
}

func TestCSVWriterHeaderTwice(t *testing.T) {
	w := NewCSVWriter(&bytes.Buffer{}, false)
	must(t, w.WriteRow([]string{"a"}))
	if err := w.WriteHeader([]string{"b"}); err == nil {
		t.Error("WriteHeader after WriteRow succeeded")
	}
}
