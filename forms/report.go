package forms

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/signintech/gopdf"

	"tochuc"
)

// Helpers for reports (báo cáo) in the layout of party documents, and an Image block for
// charts, which WriteDOCX and WritePDF print along with the paragraphs and tables.

// Image is a picture laid out on its own line, centred: a PNG at the given size in mm.
type Image struct {
	PNG           []byte
	Width, Height float64 // mm
	Alt           string  // the description (what a screen reader says)
}

func (Image) block() {}

// ReportHeader is the header block of a report: the issuer, "Số …-BC/…", place and date.
func ReportHeader(is Issuer, symbol, place string, date tochuc.Date) Table {
	return header(is, number(symbol, "BC", is.Abbrev), place, date)
}

// ReportTitle is "BÁO CÁO" (or another name) with its summary below it.
func ReportTitle(name, summary string) []Block { return title(name, summary) }

// ReportSignature is the block under a report's body: recipients and the signer.
func ReportSignature(is Issuer, s Signature, recipients []string) Table {
	return signature(is, s, recipients)
}

// BodyText is a justified body paragraph with the usual first-line indent.
func BodyText(runs ...Run) Para { return body(runs...) }

// Heading is a section heading: bold, indented like the body.
func Heading(text string) Para {
	return Para{Align: Justify, Indent: 10, Before: 6, After: 3, Runs: []Run{{Text: text, Bold: true}}}
}

// Caption is a centred italic line under a table or a chart.
func Caption(text string) Para {
	return Para{Align: Center, Before: 3, After: 6, Runs: []Run{{Text: text, Italic: true, Size: 12}}}
}

// DataTable is a bordered table in 12 pt: a bold heading row, then the rows; right marks the
// columns aligned right (numbers).
func DataTable(widths []float64, head []string, rows [][]string, right []bool) Table {
	cell := func(s string, i int, b bool) Cell {
		a := Left
		if b {
			a = Center
		} else if i < len(right) && right[i] {
			a = Right
		}
		return Cell{Paras: []Para{{Align: a, Runs: []Run{{Text: s, Bold: b, Size: 12}}}}}
	}
	t := Table{Widths: widths, Border: true}
	var hr []Cell
	for i, h := range head {
		hr = append(hr, cell(h, i, true))
	}
	t.Rows = append(t.Rows, hr)
	for _, r := range rows {
		var cr []Cell
		for i, v := range r {
			cr = append(cr, cell(v, i, false))
		}
		t.Rows = append(t.Rows, cr)
	}
	return t
}

// WriteReport prints a report in the format. It is Write for a Doc rather than a Form, except
// that the DOCX package of a report always declares pictures (the PNG content type and the
// DrawingML namespaces), whether or not it holds a chart.
func WriteReport(w io.Writer, d *Doc, format Format) error {
	if format == DOCX {
		return writeDOCX(w, d, true)
	}
	return WritePDF(w, d)
}

func (d *Doc) hasImages() bool {
	for _, blk := range d.Blocks {
		if _, ok := blk.(Image); ok {
			return true
		}
	}
	return false
}

// emu converts mm to English Metric Units (DrawingML).
func emu(mm float64) int64 { return int64(mm*36000 + 0.5) }

// writeImage writes the n-th image (from 1) of a document as a centred paragraph holding an
// inline picture whose relationship is rIdImgN.
func writeImage(b *bytes.Buffer, x Image, n int) {
	cx, cy := emu(x.Width), emu(x.Height)
	b.WriteString(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">`)
	fmt.Fprintf(b, `<wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="Hình %d" descr="`, cx, cy, n, n)
	xml.EscapeText(b, []byte(clean(x.Alt)))
	fmt.Fprintf(b, `"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="image%d.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg%d"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`, n, n, n, cx, cy)
}

// drawImage draws an image centred in the text width, on a new page if it does not fit.
func (p *pdfWriter) drawImage(x Image, width float64) error {
	iw, ih := mm(x.Width), mm(x.Height)
	if p.y+ih > p.bottom() && p.y > p.top() {
		p.newPage()
	}
	h, err := gopdf.ImageHolderByBytes(x.PNG)
	if err != nil {
		return fmt.Errorf("forms: image: %w", err)
	}
	if err := p.pdf.ImageByHolder(h, mm(MarginLeft)+(width-iw)/2, p.y, &gopdf.Rect{W: iw, H: ih}); err != nil {
		return fmt.Errorf("forms: image: %w", err)
	}
	p.y += ih
	return nil
}
