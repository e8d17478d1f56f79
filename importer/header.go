// Package importer turns the rows of CSV/XLSX files into typed rows, reporting every cell it
// cannot read with its row number, column and the rule broken. It writes nothing: the service
// validates against the register and applies a whole file or nothing.
package importer

import (
	"strings"

	"tochuc"
	"tochuc/tabular"
	"tochuc/vn"
)

// Header maps the columns of a file to canonical column names.
type Header struct {
	idx map[string]int
}

// aliases are other headings people use for a column.
var aliases = map[string][]string{
	"cccd":           {"citizen_id", "so cccd", "can cuoc cong dan", "so can cuoc", "cmnd/cccd"},
	"full_name":      {"ho ten", "ho va ten", "ho ten dang vien"},
	"card_number":    {"so the", "so the dang", "so the dang vien"},
	"admission_date": {"ngay ket nap", "ngay vao dang", "ngay quyet dinh ket nap"},
	"org_code":       {"ma to chuc", "ma chi bo", "ma to chuc dang"},
	"birth_date":     {"ngay sinh", "nam sinh", "ngay thang nam sinh"},
	"id":             {"ma dang vien", "member_id"},
}

func headingKey(s string) string {
	return strings.ReplaceAll(vn.Fold(s), "_", " ")
}

// MapHeader finds the known columns among the header cells (snake_case names, Vietnamese
// headings or common aliases, case- and diacritic-insensitive). Unknown headings are ignored
// and returned so the caller can warn about them.
func MapHeader(cells []string, known []string) (Header, []string) {
	want := map[string]string{}
	for _, k := range known {
		want[headingKey(k)] = k
		want[headingKey(tochuc.ColumnLabel(k))] = k
		for _, a := range aliases[k] {
			want[headingKey(a)] = k
		}
	}
	h := Header{idx: map[string]int{}}
	var unknown []string
	for i, c := range cells {
		if k, ok := want[headingKey(c)]; ok {
			if _, dup := h.idx[k]; !dup {
				h.idx[k] = i
			}
		} else if strings.TrimSpace(c) != "" {
			unknown = append(unknown, c)
		}
	}
	return h, unknown
}

// Has reports whether the file has the column.
func (h Header) Has(col string) bool { _, ok := h.idx[col]; return ok }

// Get returns the cell of a column in a row ("" when absent).
func (h Header) Get(r tabular.Row, col string) string {
	i, ok := h.idx[col]
	if !ok || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

// Decoder returns the function that converts legacy-encoded cells, for an encoding name
// ("auto", "unicode", "tcvn3", "vni"); auto looks at a sample of the file's cells.
func Decoder(name string, sample func() []string) (func(string) string, error) {
	var enc vn.Encoding
	if name == "" || name == "auto" {
		enc = vn.DetectEncoding(sample())
	} else {
		var err error
		if enc, err = vn.ParseEncoding(name); err != nil {
			return nil, err
		}
	}
	switch enc {
	case vn.TCVN3:
		return vn.FromTCVN3, nil
	case vn.VNI:
		return vn.FromVNI, nil
	}
	return nil, nil
}

// Sample reads up to n cells of a file for encoding detection.
func Sample(path string, n int) []string {
	r, err := tabular.Open(path, tabular.Options{})
	if err != nil {
		return nil
	}
	defer r.Close()
	out := append([]string(nil), r.Header()...)
	for len(out) < n {
		row, err := r.Next()
		if err != nil {
			break
		}
		out = append(out, row.Cells...)
	}
	return out
}

// OpenFile opens a file for import with the chosen legacy encoding ("auto" detects).
func OpenFile(path, encoding string) (tabular.Reader, error) {
	dec, err := Decoder(encoding, func() []string { return Sample(path, 5000) })
	if err != nil {
		return nil, err
	}
	return tabular.Open(path, tabular.Options{Decode: dec})
}
