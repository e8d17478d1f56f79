package statforms

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"tochuc"
)

// Sheet is the name of the worksheet of a form.
const Sheet = "Biểu"

// XLSX layout: the reporting unit and the form number on the first row, the title and the date
// below, two header rows (a group of columns under one merged cell, a column alone merged over
// both rows), a row of column numbers, then one row per row of the layout; A4 landscape, fitted
// to the page width, the header rows repeated on every page.

// HeaderRows is the row of the first header row of the table in the sheet (1-based).
const HeaderRows = 5

// WriteXLSX writes the form of one org in its official layout.
func WriteXLSX(w io.Writer, l *Layout, r *Result, orgName string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", Sheet); err != nil {
		return err
	}
	x := &xw{f: f}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic}
	}
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	sUnit := x.style(&excelize.Style{Font: font(true, false, 12), Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}})
	sForm := x.style(&excelize.Style{Font: font(true, false, 12), Alignment: &excelize.Alignment{Horizontal: "right"}})
	sTitle := x.style(&excelize.Style{Font: font(true, false, 14), Alignment: center})
	sSub := x.style(&excelize.Style{Font: font(false, true, 12), Alignment: center})
	sHead := x.style(&excelize.Style{Font: font(true, false, 11), Alignment: center, Border: border})
	sNum := x.style(&excelize.Style{Font: font(false, true, 10), Alignment: center, Border: border})
	sNo := x.style(&excelize.Style{Font: font(false, false, 12), Alignment: center, Border: border})
	sNoB := x.style(&excelize.Style{Font: font(true, false, 12), Alignment: center, Border: border})
	sVal := x.style(&excelize.Style{Font: font(false, false, 12), Border: border, NumFmt: 3}) // #,##0
	sValB := x.style(&excelize.Style{Font: font(true, false, 12), Border: border, NumFmt: 3})
	sNote := x.style(&excelize.Style{Font: font(false, true, 10), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	labels := map[int]int{}
	for lv := 0; lv <= 3; lv++ {
		labels[lv] = x.style(&excelize.Style{Font: font(lv <= 1, false, 12), Border: border,
			Alignment: &excelize.Alignment{Indent: lv, WrapText: true, Vertical: "center"}})
	}
	ncol := 2 + len(l.Columns)
	last := colName(ncol)

	// Title block.
	x.merge("A1", "B1")
	x.set("A1", strings.ToUpper(orgName), sUnit)
	x.set(last+"1", "Biểu số "+l.Code, sForm)
	x.merge("A2", last+"2")
	x.set("A2", l.Title, sTitle)
	x.merge("A3", last+"3")
	sub := "(Số liệu tính đến ngày " + r.AsOf.Display() + "; phát sinh trong kỳ từ " + r.From.Display() + " đến " + r.AsOf.Display() + ")"
	x.set("A3", sub, sSub)
	f.SetRowHeight(Sheet, 2, 36)

	// Header rows.
	h1, h2 := HeaderRows, HeaderRows+1
	grouped := false
	for _, c := range l.Columns {
		grouped = grouped || c.Group != ""
	}
	if !grouped {
		h2 = h1
	}
	head := func(col int, label string) {
		a, b := cell(col, h1), cell(col, h2)
		if a != b {
			x.merge(a, b)
		}
		x.set(a, label, sHead)
		x.styleRange(a, b, sHead)
	}
	head(1, "TT")
	head(2, "Chỉ tiêu")
	for i := 0; i < len(l.Columns); {
		c := l.Columns[i]
		col := 3 + i
		if c.Group == "" {
			head(col, c.Label)
			i++
			continue
		}
		j := i
		for j < len(l.Columns) && l.Columns[j].Group == c.Group {
			x.set(cell(3+j, h2), l.Columns[j].Label, sHead)
			j++
		}
		a, b := cell(col, h1), cell(3+j-1, h1)
		if a != b {
			x.merge(a, b)
		}
		x.set(a, c.Group, sHead)
		x.styleRange(a, b, sHead)
		i = j
	}
	// Column numbers: A, B, 1, 2, …
	nr := h2 + 1
	x.set(cell(1, nr), "A", sNum)
	x.set(cell(2, nr), "B", sNum)
	for i := range l.Columns {
		x.set(cell(3+i, nr), fmt.Sprintf("%d", i+1), sNum)
	}

	// Rows.
	row := nr + 1
	for _, rw := range l.Rows {
		bold := rw.Heading || rw.Level == 0
		no, vs := sNo, sVal
		if bold {
			no, vs = sNoB, sValB
		}
		x.set(cell(1, row), rw.No, no)
		lab := labels[min(rw.Level, 3)]
		if bold {
			lab = labels[0]
		}
		x.set(cell(2, row), rw.Label, lab)
		for i, c := range l.Columns {
			ref := cell(3+i, row)
			if v, ok := r.Value(rw.Key, c.Key); ok {
				if x.err == nil {
					x.err = f.SetCellInt(Sheet, ref, v)
				}
			}
			x.styleRange(ref, ref, vs)
		}
		row++
	}
	// Note on an unverified layout, and the basis.
	row++
	x.merge(cell(1, row), cell(ncol, row))
	note := "Căn cứ: " + l.Basis + "."
	if l.Unverified != "" {
		note += " Bố cục biểu này chưa được đối chiếu với mẫu chính thức; kiểm tra trước khi gửi."
	}
	x.set(cell(1, row), note, sNote)
	f.SetRowHeight(Sheet, row, 30)

	if x.err != nil {
		return x.err
	}
	f.SetColWidth(Sheet, "A", "A", 6)
	f.SetColWidth(Sheet, "B", "B", 48)
	f.SetColWidth(Sheet, "C", last, 14)
	size, orient, one, zero, fit := 9, "landscape", 1, 0, true // 9: A4
	if err := f.SetPageLayout(Sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetSheetProps(Sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	m := 0.6
	if err := f.SetPageMargins(Sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: Sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", Sheet, h1, nr)}); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

// xw keeps the first error of a run of cell writes.
type xw struct {
	f   *excelize.File
	err error
}

func (x *xw) style(s *excelize.Style) int {
	id, err := x.f.NewStyle(s)
	if x.err == nil {
		x.err = err
	}
	return id
}

func (x *xw) set(ref, v string, style int) {
	if x.err == nil {
		x.err = x.f.SetCellStr(Sheet, ref, v)
	}
	x.styleRange(ref, ref, style)
}

func (x *xw) styleRange(a, b string, style int) {
	if x.err == nil {
		x.err = x.f.SetCellStyle(Sheet, a, b, style)
	}
}

func (x *xw) merge(a, b string) {
	if x.err == nil {
		x.err = x.f.MergeCell(Sheet, a, b)
	}
}

func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

func cell(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// XLSXName is the file name of a form of an org as of a date.
func XLSXName(code, org string, asOf tochuc.Date) string {
	return "bieu-" + code + "-" + org + "-" + string(asOf) + ".xlsx"
}

// CellRef is the sheet cell of a row and a column of the layout (for tests and links).
func (l *Layout) CellRef(row, col string) string {
	first := HeaderRows + 2 // header and column numbers without groups
	for _, c := range l.Columns {
		if c.Group != "" {
			first = HeaderRows + 3
			break
		}
	}
	ri, ci := -1, -1
	for i, r := range l.Rows {
		if r.Key == row {
			ri = i
		}
	}
	for i, c := range l.Columns {
		if c.Key == col {
			ci = i
		}
	}
	if ri < 0 || ci < 0 {
		return ""
	}
	return cell(3+ci, first+ri)
}
