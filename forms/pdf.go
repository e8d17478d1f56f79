package forms

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/signintech/gopdf"
)

// The PDF is drawn in pure Go (github.com/signintech/gopdf) with Liberation Serif embedded:
// a free font with the metrics of Times New Roman that covers every Vietnamese letter (fonts/,
// SIL Open Font License 1.1, see fonts/OFL.txt). gopdf embeds only the glyphs used (a subset)
// with a ToUnicode map, so text copied or extracted from the PDF (pdftotext) is the same
// Vietnamese text. No browser and no system font is needed: the binary prints on a Windows
// server as it does on Linux.

var (
	//go:embed fonts/LiberationSerif-Regular.ttf
	fontRegular []byte
	//go:embed fonts/LiberationSerif-Bold.ttf
	fontBold []byte
	//go:embed fonts/LiberationSerif-Italic.ttf
	fontItalic []byte
	//go:embed fonts/LiberationSerif-BoldItalic.ttf
	fontBoldItalic []byte
)

const ptPerMM = 72 / 25.4

func mm(v float64) float64 { return v * ptPerMM }

// pdfWriter lays out blocks top-down on pages.
type pdfWriter struct {
	pdf          *gopdf.GoPdf
	d            *Doc
	pageW, pageH float64 // pt
	y            float64 // the next line's top, pt
	started      bool
}

// seg is a piece of a word in one style.
type seg struct {
	text  string
	style Run
	w     float64
}

// word is an unbreakable group of segments; space says whether a space precedes it.
type word struct {
	segs  []seg
	space bool
	w     float64
}

type line struct {
	words  []word
	w      float64 // words and spaces
	spaces int
	size   float64 // the largest size on the line
	last   bool    // the paragraph's last line (not justified)
}

func fontName(r Run) string {
	switch {
	case r.Bold && r.Italic:
		return "bi"
	case r.Bold:
		return "b"
	case r.Italic:
		return "i"
	}
	return "r"
}

func (p *pdfWriter) size(r Run) float64 {
	if r.Size > 0 {
		return r.Size
	}
	return p.d.bodySize()
}

func (p *pdfWriter) setFont(r Run) error {
	return p.pdf.SetFont(fontName(r), "", p.size(r))
}

func (p *pdfWriter) measure(r Run, s string) (float64, error) {
	if err := p.setFont(r); err != nil {
		return 0, err
	}
	return p.pdf.MeasureTextWidth(s)
}

// words splits a paragraph into words: a break may fall only where the text has a space.
func (p *pdfWriter) words(para Para) ([]word, error) {
	var out []word
	cur := word{}
	flush := func() {
		if len(cur.segs) > 0 {
			out = append(out, cur)
		}
		cur = word{}
	}
	for _, r := range para.Runs {
		t := clean(r.Text)
		for t != "" {
			if t[0] == ' ' {
				flush()
				cur.space = len(out) > 0
				t = strings.TrimLeft(t, " ")
				continue
			}
			n := strings.IndexByte(t, ' ')
			if n < 0 {
				n = len(t)
			}
			w, err := p.measure(r, t[:n])
			if err != nil {
				return nil, err
			}
			cur.segs = append(cur.segs, seg{text: t[:n], style: r, w: w})
			cur.w += w
			t = t[n:]
		}
	}
	flush()
	return out, nil
}

func (p *pdfWriter) spaceW(r Run) float64 {
	w, _ := p.measure(r, " ")
	return w
}

// lines breaks a paragraph into lines of at most width pt.
func (p *pdfWriter) lines(para Para, width float64) ([]line, error) {
	ws, err := p.words(para)
	if err != nil {
		return nil, err
	}
	indent := mm(para.Indent)
	var out []line
	cur := line{}
	avail := width - indent
	for _, w := range ws {
		sp := 0.0
		if len(cur.words) > 0 && w.space {
			sp = p.spaceW(w.segs[0].style)
		}
		if len(cur.words) > 0 && cur.w+sp+w.w > avail {
			out = append(out, cur)
			cur, sp, avail = line{}, 0, width
		}
		if len(cur.words) == 0 {
			w.space = false
		} else if w.space {
			cur.spaces++
		}
		cur.words = append(cur.words, w)
		cur.w += sp + w.w
		for _, s := range w.segs {
			cur.size = max(cur.size, p.size(s.style))
		}
	}
	if len(cur.words) > 0 || len(out) == 0 {
		if cur.size == 0 {
			cur.size = p.d.bodySize()
			for _, r := range para.Runs {
				cur.size = max(cur.size, p.size(r))
			}
		}
		out = append(out, cur)
	}
	out[len(out)-1].last = true
	return out, nil
}

func (p *pdfWriter) paraHeight(para Para, width float64) (float64, error) {
	ls, err := p.lines(para, width)
	if err != nil {
		return 0, err
	}
	h := para.Before + para.After
	for _, l := range ls {
		h += l.size * lineSpacing
	}
	return h, nil
}

func (p *pdfWriter) top() float64    { return mm(MarginTop) }
func (p *pdfWriter) bottom() float64 { return p.pageH - mm(MarginBottom) }

func (p *pdfWriter) newPage() {
	if p.d.Landscape {
		p.pdf.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: p.pageW, H: p.pageH}})
	} else {
		p.pdf.AddPage()
	}
	p.y = p.top()
	p.started = true
}

// drawPara draws a paragraph at x with the given width starting at y and returns the new y.
// With paginate, lines that do not fit go to a new page.
func (p *pdfWriter) drawPara(para Para, x, y, width float64, paginate bool) (float64, error) {
	ls, err := p.lines(para, width)
	if err != nil {
		return y, err
	}
	y += para.Before
	for i, l := range ls {
		h := l.size * lineSpacing
		if paginate && y+h > p.bottom() && y > p.top() {
			p.newPage()
			y = p.y
		}
		lx, avail := x, width
		if i == 0 {
			lx += mm(para.Indent)
			avail -= mm(para.Indent)
		}
		extra := 0.0
		switch para.Align {
		case Center:
			lx += (avail - l.w) / 2
		case Right:
			lx += avail - l.w
		case Justify:
			if !l.last && l.spaces > 0 {
				extra = (avail - l.w) / float64(l.spaces)
			}
		}
		cx := lx
		for j, w := range l.words {
			if j > 0 && w.space {
				cx += p.spaceW(w.segs[0].style) + extra
			}
			for _, s := range w.segs {
				if err := p.setFont(s.style); err != nil {
					return y, err
				}
				sz := p.size(s.style)
				ty := y + (l.size-sz)*0.85 // share a baseline with the line's largest type
				p.pdf.SetXY(cx, ty)
				if err := p.pdf.Cell(nil, s.text); err != nil {
					return y, err
				}
				if s.style.Underline {
					p.pdf.SetLineWidth(sz / 20)
					uy := ty + sz*1.02
					end := cx + s.w
					if j+1 < len(l.words) && l.words[j+1].space && l.words[j+1].segs[0].style.Underline {
						end += p.spaceW(s.style) + extra // underline the space between underlined words
					}
					p.pdf.Line(cx, uy, end, uy)
				}
				cx += s.w
			}
		}
		y += h
	}
	return y + para.After, nil
}

func (p *pdfWriter) drawTable(t Table) error {
	x0 := mm(MarginLeft)
	pad := 0.0
	if t.Border {
		pad = mm(defaultPadding)
	}
	for _, row := range t.Rows {
		rh := 0.0
		for i, c := range row {
			if i >= len(t.Widths) {
				break
			}
			h := 2 * pad
			for _, para := range c.Paras {
				ph, err := p.paraHeight(para, mm(t.Widths[i])-2*pad)
				if err != nil {
					return err
				}
				h += ph
			}
			rh = max(rh, h)
		}
		if p.y+rh > p.bottom() && p.y > p.top() {
			p.newPage()
		}
		x := x0
		for i, c := range row {
			if i >= len(t.Widths) {
				break
			}
			w := mm(t.Widths[i])
			y := p.y + pad
			for _, para := range c.Paras {
				var err error
				if y, err = p.drawPara(para, x+pad, y, w-2*pad, false); err != nil {
					return err
				}
			}
			if t.Border {
				p.pdf.SetLineWidth(0.5)
				p.pdf.RectFromUpperLeftWithStyle(x, p.y, w, rh, "D")
			}
			x += w
		}
		p.y += rh
	}
	return nil
}

// pdfEpoch is the creation date written into every PDF, so that the same form gives the same
// file; the date that matters is printed on the form.
var pdfEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// WritePDF writes d as a PDF file, its images drawn centred at their size.
func WritePDF(w io.Writer, d *Doc) error {
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
			if err := p.drawImage(x, width); err != nil {
				return err
			}
		}
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf); err != nil {
		return err
	}
	_, err := buf.WriteTo(w)
	return err
}
