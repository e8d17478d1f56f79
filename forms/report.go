package forms

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/signintech/gopdf"

	"tochuc"
)

// Helpers for reports (báo cáo) in the layout of party documents, and an Image block for
// charts. WriteDOCX and WritePDF print paragraphs and tables only; a Doc holding images is
// printed with WriteReport (WriteReportDOCX, WriteReportPDF), which print the same paragraphs
// and tables the same way and the images too.

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

// WriteReport prints a Doc that may hold images in the format.
func WriteReport(w io.Writer, d *Doc, format Format) error {
	if format == DOCX {
		return WriteReportDOCX(w, d)
	}
	return WriteReportPDF(w, d)
}

// emu converts mm to English Metric Units (DrawingML).
func emu(mm float64) int64 { return int64(mm*36000 + 0.5) }

// reportDocumentXML is DocumentXML with images: each one an inline picture whose relationship
// is rIdImgN (N from 1, in order).
func reportDocumentXML(d *Doc) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>`)
	n := 0
	for i, blk := range d.Blocks {
		switch x := blk.(type) {
		case Para:
			writePara(&b, d, x)
		case Table:
			writeTable(&b, d, x)
			if i == len(d.Blocks)-1 {
				b.WriteString("<w:p/>")
			}
		case Image:
			n++
			cx, cy := emu(x.Width), emu(x.Height)
			b.WriteString(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">`)
			fmt.Fprintf(&b, `<wp:extent cx="%d" cy="%d"/><wp:docPr id="%d" name="Hình %d" descr="`, cx, cy, n, n)
			xml.EscapeText(&b, []byte(clean(x.Alt)))
			fmt.Fprintf(&b, `"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="image%d.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg%d"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`, n, n, n, cx, cy)
		}
		b.WriteByte('\n')
	}
	w, h := PageW, PageH
	orient := ""
	if d.Landscape {
		w, h, orient = h, w, ` w:orient="landscape"`
	}
	fmt.Fprintf(&b, `<w:sectPr><w:pgSz w:w="%s" w:h="%s"%s/><w:pgMar w:top="%s" w:right="%s" w:bottom="%s" w:left="%s" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`,
		twips(w), twips(h), orient, twips(MarginTop), twips(MarginRight), twips(MarginBottom), twips(MarginLeft))
	b.WriteString(`</w:body></w:document>`)
	return b.Bytes()
}

const reportContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`

// WriteReportDOCX writes d as a .docx file, its images as word/media/imageN.png.
func WriteReportDOCX(w io.Writer, d *Doc) error {
	var imgs [][]byte
	for _, blk := range d.Blocks {
		if x, ok := blk.(Image); ok {
			imgs = append(imgs, x.PNG)
		}
	}
	var rels bytes.Buffer
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	for i := range imgs {
		fmt.Fprintf(&rels, `<Relationship Id="rIdImg%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image%d.png"/>`, i+1, i+1)
	}
	rels.WriteString(`</Relationships>`)
	type part struct {
		name string
		data []byte
	}
	parts := []part{
		{"[Content_Types].xml", []byte(reportContentTypes)},
		{"_rels/.rels", []byte(packageRels)},
		{"word/document.xml", reportDocumentXML(d)},
		{"word/_rels/document.xml.rels", rels.Bytes()},
		{"word/styles.xml", []byte(stylesXML(d.bodySize()))},
		{"docProps/core.xml", []byte(coreXML(d.Title))},
	}
	for i, img := range imgs {
		parts = append(parts, part{"word/media/image" + strconv.Itoa(i+1) + ".png", img})
	}
	z := zip.NewWriter(w)
	for _, p := range parts {
		method := zip.Deflate
		if bytes.HasSuffix([]byte(p.name), []byte(".png")) {
			method = zip.Store // already compressed
		}
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: docxTime})
		if err != nil {
			return err
		}
		if _, err := f.Write(p.data); err != nil {
			return err
		}
	}
	return z.Close()
}

// WriteReportPDF writes d as a PDF file, its images drawn centred at their size.
func WriteReportPDF(w io.Writer, d *Doc) error {
	pw, ph := mm(PageW), mm(PageH)
	if d.Landscape {
		pw, ph = ph, pw
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: gopdf.Rect{W: pw, H: ph}, Unit: gopdf.UnitPT})
	pdf.SetInfo(gopdf.PdfInfo{Title: clean(d.Title), Creator: "tochuc", Producer: "tochuc", CreationDate: pdfEpoch})
	for _, f := range []struct {
		name string
		data []byte
	}{{"r", fontRegular}, {"b", fontBold}, {"i", fontItalic}, {"bi", fontBoldItalic}} {
		if err := pdf.AddTTFFontData(f.name, f.data); err != nil {
			return fmt.Errorf("forms: font %s: %w", f.name, err)
		}
	}
	p := &pdfWriter{pdf: pdf, d: d, pageW: pw, pageH: ph}
	p.newPage()
	width := pw - mm(MarginLeft) - mm(MarginRight)
	for _, blk := range d.Blocks {
		switch x := blk.(type) {
		case Para:
			y, err := p.drawPara(x, mm(MarginLeft), p.y, width, true)
			if err != nil {
				return err
			}
			p.y = y
		case Table:
			if err := p.drawTable(x); err != nil {
				return err
			}
		case Image:
			iw, ih := mm(x.Width), mm(x.Height)
			if p.y+ih > p.bottom() && p.y > p.top() {
				p.newPage()
			}
			h, err := gopdf.ImageHolderByBytes(x.PNG)
			if err != nil {
				return fmt.Errorf("forms: image: %w", err)
			}
			if err := pdf.ImageByHolder(h, mm(MarginLeft)+(width-iw)/2, p.y, &gopdf.Rect{W: iw, H: ih}); err != nil {
				return fmt.Errorf("forms: image: %w", err)
			}
			p.y += ih
		}
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf); err != nil {
		return err
	}
	_, err := buf.WriteTo(w)
	return err
}
