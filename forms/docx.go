package forms

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// A DOCX file is a zip of WordprocessingML parts (ECMA-376). This writer makes the smallest
// set Word and LibreOffice open: content types, the package relationship, the document, its
// styles (Times New Roman as the default font) and the core properties. Entries carry a fixed
// time so that the same form gives the same bytes.

var docxTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// contentTypes is [Content_Types].xml; with pictures it also declares the PNG parts.
func contentTypes(pictures bool) string {
	png := ""
	if pictures {
		png = `<Default Extension="png" ContentType="image/png"/>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` + png + `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`
}

const packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`

// documentRels is word/_rels/document.xml.rels: the styles, then the images rIdImg1… in order.
func documentRels(images int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	for i := 1; i <= images; i++ {
		fmt.Fprintf(&b, `<Relationship Id="rIdImg%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image%d.png"/>`, i, i)
	}
	b.WriteString(`</Relationships>`)
	return b.Bytes()
}

func stylesXML(size float64) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + FontFamily + `" w:hAnsi="` + FontFamily + `" w:eastAsia="` + FontFamily + `" w:cs="` + FontFamily + `"/><w:sz w:val="` + halfPoints(size) + `"/><w:szCs w:val="` + halfPoints(size) + `"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`
}

func coreXML(title string) string {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>`)
	xml.EscapeText(&b, []byte(clean(title)))
	b.WriteString(`</dc:title><dc:language>vi-VN</dc:language></cp:coreProperties>`)
	return b.String()
}

// twips converts mm to twentieths of a point.
func twips(mm float64) string { return strconv.Itoa(int(mm*1440/25.4 + 0.5)) }

// halfPoints converts points to Word's half-points.
func halfPoints(pt float64) string { return strconv.Itoa(int(pt*2 + 0.5)) }

// DocumentXML is the word/document.xml of d: the part the golden test reads.
func DocumentXML(d *Doc) []byte { return documentXML(d, d.hasImages()) }

// documentXML is word/document.xml; with pictures the root also declares the DrawingML
// namespaces the images use (each image an inline picture whose relationship is rIdImgN, N
// from 1 in order).
func documentXML(d *Doc, pictures bool) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`)
	if pictures {
		b.WriteString(` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`)
	}
	b.WriteString(`><w:body>`)
	n := 0
	for i, blk := range d.Blocks {
		switch x := blk.(type) {
		case Para:
			writePara(&b, d, x)
		case Table:
			writeTable(&b, d, x)
			if i == len(d.Blocks)-1 {
				b.WriteString("<w:p/>") // Word wants a paragraph after a final table
			}
		case Image:
			n++
			writeImage(&b, x, n)
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

func writePara(b *bytes.Buffer, d *Doc, p Para) {
	b.WriteString("<w:p><w:pPr>")
	if p.Before > 0 || p.After > 0 {
		fmt.Fprintf(b, `<w:spacing w:before="%d" w:after="%d"/>`, int(p.Before*20+0.5), int(p.After*20+0.5))
	}
	if p.Indent > 0 {
		fmt.Fprintf(b, `<w:ind w:firstLine="%s"/>`, twips(p.Indent))
	}
	jc := map[Align]string{Left: "left", Center: "center", Right: "right", Justify: "both"}[p.Align]
	fmt.Fprintf(b, `<w:jc w:val="%s"/></w:pPr>`, jc)
	for _, r := range p.Runs {
		t := clean(r.Text)
		if t == "" {
			continue
		}
		b.WriteString("<w:r><w:rPr>")
		if r.Bold {
			b.WriteString("<w:b/><w:bCs/>")
		}
		if r.Italic {
			b.WriteString("<w:i/><w:iCs/>")
		}
		if r.Underline {
			b.WriteString(`<w:u w:val="single"/>`)
		}
		if r.Size > 0 && r.Size != d.bodySize() {
			fmt.Fprintf(b, `<w:sz w:val="%s"/><w:szCs w:val="%s"/>`, halfPoints(r.Size), halfPoints(r.Size))
		}
		b.WriteString(`</w:rPr><w:t xml:space="preserve">`)
		xml.EscapeText(b, []byte(t))
		b.WriteString("</w:t></w:r>")
	}
	b.WriteString("</w:p>")
}

func writeTable(b *bytes.Buffer, d *Doc, t Table) {
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblW w:w="%s" w:type="dxa"/><w:tblLayout w:type="fixed"/>`, twips(total))
	border := "nil"
	if t.Border {
		border = "single"
	}
	b.WriteString("<w:tblBorders>")
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		if t.Border {
			fmt.Fprintf(b, `<w:%s w:val="%s" w:sz="4" w:space="0" w:color="000000"/>`, side, border)
		} else {
			fmt.Fprintf(b, `<w:%s w:val="nil"/>`, side)
		}
	}
	b.WriteString("</w:tblBorders>")
	if t.Border {
		pad := twips(defaultPadding)
		fmt.Fprintf(b, `<w:tblCellMar><w:top w:w="%s" w:type="dxa"/><w:left w:w="%s" w:type="dxa"/><w:bottom w:w="%s" w:type="dxa"/><w:right w:w="%s" w:type="dxa"/></w:tblCellMar>`, pad, pad, pad, pad)
	}
	b.WriteString("</w:tblPr><w:tblGrid>")
	for _, w := range t.Widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%s"/>`, twips(w))
	}
	b.WriteString("</w:tblGrid>")
	for _, row := range t.Rows {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for i, c := range row {
			w := 0.0
			if i < len(t.Widths) {
				w = t.Widths[i]
			}
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%s" w:type="dxa"/></w:tcPr>`, twips(w))
			if len(c.Paras) == 0 {
				b.WriteString("<w:p/>")
			}
			for _, p := range c.Paras {
				writePara(b, d, p)
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
}

// WriteDOCX writes d as a .docx file, its images (if any) as word/media/imageN.png.
func WriteDOCX(w io.Writer, d *Doc) error { return writeDOCX(w, d, d.hasImages()) }

// writeDOCX writes the package; pictures declares the PNG parts and the DrawingML namespaces,
// which a Doc holding images needs (WriteReport declares them always).
func writeDOCX(w io.Writer, d *Doc, pictures bool) error {
	var imgs [][]byte
	for _, blk := range d.Blocks {
		if x, ok := blk.(Image); ok {
			imgs = append(imgs, x.PNG)
		}
	}
	type part struct {
		name string
		data []byte
	}
	parts := []part{
		{"[Content_Types].xml", []byte(contentTypes(pictures))},
		{"_rels/.rels", []byte(packageRels)},
		{"word/document.xml", documentXML(d, pictures)},
		{"word/_rels/document.xml.rels", documentRels(len(imgs))},
		{"word/styles.xml", []byte(stylesXML(d.bodySize()))},
		{"docProps/core.xml", []byte(coreXML(d.Title))},
	}
	for i, img := range imgs {
		parts = append(parts, part{"word/media/image" + strconv.Itoa(i+1) + ".png", img})
	}
	z := zip.NewWriter(w)
	for _, p := range parts {
		method := zip.Deflate
		if strings.HasSuffix(p.name, ".png") {
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
