package tabular

import (
	"bytes"
	"reflect"
	"testing"
)

// viHeader and viRows are Vietnamese sample data with awkward characters.
var (
	viHeader = []string{"Họ và tên", "Ngày sinh", "Quê quán", "Chức vụ", "Ghi chú"}
	viRows   = [][]string{
		{"Nguyễn Văn Ánh", "01/02/1970", "Xã Hoà Bình, huyện Kỳ Anh", "Bí thư chi bộ", ""},
		{"Trần Thị Hường", "15/10/1985", "Phường Đống Đa; Hà Nội", "", "Có \"ngoặc kép\""},
		{"Lê Ngọc Ước", "", "", "Đảng viên", "hai\ndòng"},
		{"Phạm Thị Ỷ", "31/12/1999", "0123", "", ""},
	}
)

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		write func(*bytes.Buffer) (Writer, error)
		read  func([]byte) (Reader, error)
	}{
		{"csv", func(b *bytes.Buffer) (Writer, error) { return NewCSVWriter(b, false), nil },
			func(b []byte) (Reader, error) { return NewCSVReader(bytes.NewReader(b), Options{}) }},
		{"csv bom", func(b *bytes.Buffer) (Writer, error) { return NewCSVWriter(b, true), nil },
			func(b []byte) (Reader, error) { return NewCSVReader(bytes.NewReader(b), Options{}) }},
		{"xlsx", func(b *bytes.Buffer) (Writer, error) { return NewXLSXWriter(b, "Đảng viên") },
			func(b []byte) (Reader, error) {
				return NewXLSXReader(bytes.NewReader(b), int64(len(b)), Options{Sheet: "Đảng viên"})
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := tt.write(&buf)
			must(t, err)
			must(t, w.WriteHeader(viHeader))
			for _, row := range viRows {
				must(t, w.WriteRow(row))
			}
			must(t, w.Close())
			if tt.name == "csv bom" && !bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF")) {
				t.Error("missing BOM")
			}
			if tt.name == "csv" && bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF")) {
				t.Error("unexpected BOM")
			}

			r, err := tt.read(buf.Bytes())
			must(t, err)
			defer r.Close()
			if !reflect.DeepEqual(r.Header(), viHeader) {
				t.Errorf("header = %q", r.Header())
			}
			rows := readAll(t, r)
			if len(rows) != len(viRows) {
				t.Fatalf("read %d rows, want %d", len(rows), len(viRows))
			}
			line := 2
			for i, row := range rows {
				if !reflect.DeepEqual(row.Cells, viRows[i]) {
					t.Errorf("row %d = %q, want %q", i, row.Cells, viRows[i])
				}
				if row.Line != line {
					t.Errorf("row %d line = %d, want %d", i, row.Line, line)
				}
				line += 1 + bytes.Count([]byte(row.Cells[4]), []byte("\n"))*boolInt(tt.name != "xlsx")
			}
		})
	}
}

// boolInt is 1 for true.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
