// Package forms fills and prints the forms of the member lifecycle (decisions and transfer
// slips) in the layout of party documents, as DOCX and as PDF, in a Times New Roman–compatible
// type with full Vietnamese diacritics.
//
// A form is a plain struct (AdmissionDecision, RecognitionDecision, TransferSlip) that the
// service fills from the register; its Document method lays it out as a Doc — paragraphs and
// tables, nothing else — and WriteDOCX and WritePDF print a Doc (a report's Doc may also hold
// images). The two writers read the same Doc, so the two files say the same words in the same places.
//
// Layout of party documents (thể thức văn bản của Đảng): QĐ 66-QĐ/TW 6/2/2017 (types and
// authority) and HD 36-HD/VPTW 3/4/2018 (layout), see docs/domain.md §0:
//   - A4 paper; margins top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm;
//   - top left, the issuing body: the superior committee in capitals, below it the issuing
//     committee in bold capitals, a star "*", then the number "Số 123-QĐ/ĐU";
//   - top right, "ĐẢNG CỘNG SẢN VIỆT NAM" in bold capitals, underlined, and below it the place
//     and date "Lũng Cú, ngày 05 tháng 3 năm 2024" in italics (days below 10 and the months 1
//     and 2 take a leading zero);
//   - the title in bold capitals, its summary below it in bold;
//   - the body at 14 pt; "Nơi nhận:" bottom left with the recipients in 12 pt; the signature
//     block bottom right: "T/M BAN THƯỜNG VỤ" (on behalf of), the signer's position, the
//     signer's name, all in bold.
//
// Sources read for the layout (third-party copies of the official texts):
//   - HD 36-HD/VPTW: https://vpdangdoan.vinhuni.edu.vn/thong-bao-van-ban/seo/huong-dan-ve-the-thuc-va-ky-thuat-trinh-bay-van-ban-cua-dang-86250
//   - a real party decision showing the header block (Đảng ủy Trường ĐH Kỹ thuật Công nghiệp,
//     2021): http://dangbo.tnut.edu.vn/tin-tuc/2021-10-15/huong-dan-tieu-chuan-va-ho-so-xet-ket-nap-dang-vien-dt1267.html
//   - the forms of HD 12-HD/BTCTW 2012 (1-KNĐ …, the KNĐ family): http://dangbokhoidoanhnghiephatinh.org.vn/vi/van-ban-dang-uy/Huong-dan/CAC-MAU-TAI-LIEU-VE-CONG-TAC-DANG-VIEN-Kem-theo-Huong-dan-so-12-HD-BTCTW-ngay-17-5-2012-80/
//   - 9-KNĐ is the admission decision, issued by the standing committee with its minutes:
//     https://ungkirke.com/quy-trinh-ket-nap-dang-vien-moi-nam-2017/
//   - the transfer slip fields (Số TĐV, Số LL, Số SĐV, Số … GTSHĐ, "đã đóng đảng phí hết
//     tháng", "Kính gửi", "Kính chuyển", "T/M"): https://covanphaply.vn/cach-ghi-giay-gioi-thieu-chuyen-sinh-hoat-dang-moi-nhat/ ;
//     https://luatduonggia.vn/mau-giay-gioi-thieu-sinh-hoat-dang-tam-thoi-mau-2-shd-chi-tiet-nhat ;
//     https://thuviennhadat.vn/phap-luat-doi-song/cach-ghi-giay-gioi-thieu-sinh-hoat-dang-va-quy-trinh-chuyen-sinh-hoat-dang-chinh-thuc-trong-nuoc-nhu-537967.html
//
// The wording of the bodies follows those sources where they were readable; where the official
// wording could not be read (the exact articles of 9-KNĐ and of the recognition decision), the
// text is the usual wording of such decisions and is marked UNVERIFIED in the builder.
package forms

import (
	"fmt"
	"io"

	"tochuc/vn"
)

// Align is a paragraph's alignment.
type Align uint8

const (
	Left Align = iota
	Center
	Right
	Justify
)

// Run is a piece of text in one style.
type Run struct {
	Text                    string
	Bold, Italic, Underline bool
	Size                    float64 // points; 0 is the document's body size
}

// Para is one paragraph. Text never holds line breaks: a new line is a new paragraph.
type Para struct {
	Runs          []Run
	Align         Align
	Indent        float64 // first-line indent, mm
	Before, After float64 // space before and after, pt
}

// Cell is one cell of a table: paragraphs stacked.
type Cell struct{ Paras []Para }

// Table is a grid of cells; without borders it places blocks side by side (the header block,
// the signature block).
type Table struct {
	Widths []float64 // column widths, mm
	Rows   [][]Cell
	Border bool
}

// Block is a Para, a Table or an Image (a report's chart, report.go).
type Block interface{ block() }

func (Para) block()  {}
func (Table) block() {}

// Doc is a laid-out document: what both writers print.
type Doc struct {
	Title     string // the file's title (metadata)
	Body      float64
	Landscape bool
	Blocks    []Block
}

// Page geometry of party documents (HD 36-HD/VPTW): A4, margins in mm.
const (
	PageW, PageH   = 210.0, 297.0
	MarginTop      = 20.0
	MarginBottom   = 20.0
	MarginLeft     = 30.0
	MarginRight    = 15.0
	BodySize       = 14.0 // pt, the party standard for the body (13–14)
	FontFamily     = "Times New Roman"
	lineSpacing    = 1.2
	defaultPadding = 1.5 // mm inside a bordered cell
)

// TextWidth is the width of the text area in mm.
func (d *Doc) TextWidth() float64 {
	if d.Landscape {
		return PageH - MarginLeft - MarginRight
	}
	return PageW - MarginLeft - MarginRight
}

func (d *Doc) bodySize() float64 {
	if d.Body > 0 {
		return d.Body
	}
	return BodySize
}

// Form is a filled form that lays itself out.
type Form interface {
	Document() *Doc
	// Code is the form's short name, e.g. "9-KNĐ".
	Code() string
}

// Format is an output format.
type Format string

const (
	PDF  Format = "pdf"
	DOCX Format = "docx"
)

// ContentType is the MIME type of the format.
func (f Format) ContentType() string {
	if f == DOCX {
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return "application/pdf"
}

// ParseFormat reads "pdf" or "docx".
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case PDF, DOCX:
		return Format(s), nil
	}
	return "", fmt.Errorf("forms: unknown format %q", s)
}

// Write prints a form in the format.
func Write(w io.Writer, f Form, format Format) error {
	d := f.Document()
	if format == DOCX {
		return WriteDOCX(w, d)
	}
	return WritePDF(w, d)
}

// clean makes text printable: NFC, no control characters (a tab or newline becomes a space).
func clean(s string) string {
	s = vn.NFC(s)
	b := []rune(s)
	out := b[:0]
	for _, r := range b {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			out = append(out, ' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffe || r == 0xffff:
		case r >= 0xd800 && r <= 0xdfff:
		default:
			out = append(out, r)
		}
	}
	return string(out)
}
