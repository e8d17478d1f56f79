package forms

import (
	"fmt"
	"strings"

	"tochuc"
)

// Issuer is the committee that issues a document and the body of it that decides.
type Issuer struct {
	Superior  string // the committee above, printed first, e.g. "Đảng bộ tỉnh Hà Giang"; "" for none
	Committee string // the issuing committee, e.g. "Huyện ủy Đồng Văn", "Đảng ủy xã Lũng Cú"
	Body      string // the body that decides: "Ban Thường vụ" (default), "Đảng ủy", "Chi bộ"…
	Abbrev    string // the symbol's suffix when the number is not known yet, e.g. "HU" → "Số     -QĐ/HU"
}

func (i Issuer) body() string {
	if strings.TrimSpace(i.Body) == "" {
		return "Ban Thường vụ"
	}
	return i.Body
}

// Signature is who signs, on behalf of the issuer's body.
type Signature struct {
	Name  string // "" leaves the place blank for a hand signature
	Title string // the signer's position, e.g. "Phó Bí thư"; "" prints none
}

// Person is the member a form is about, as printed.
type Person struct {
	Name      string
	Alias     string // bí danh
	BirthDate string // as printed, dd/mm/yyyy or a partial date
	HomeTown  string
	Residence string
}

// dots stands for a value to be filled by hand.
const dots = "………………"

func or(s, blank string) string {
	if strings.TrimSpace(s) == "" {
		return blank
	}
	return s
}

func upper(s string) string { return strings.ToUpper(clean(s)) }

// dateDisplay prints a date as dd/mm/yyyy, or dots.
func dateDisplay(d tochuc.Date) string {
	if d == "" {
		return dots
	}
	return d.Display()
}

// PlaceDate is the place and date line of a party document: days below 10 and the months 1 and
// 2 take a leading zero (HD 36-HD/VPTW); no date leaves blanks to fill by hand.
func PlaceDate(place string, d tochuc.Date) string {
	place = or(place, "……")
	if d == "" {
		return place + ", ngày" + gap + "tháng" + gap + "năm 20…"
	}
	t := d.Time()
	month := fmt.Sprint(int(t.Month()))
	if t.Month() <= 2 {
		month = fmt.Sprintf("%02d", int(t.Month()))
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", place, t.Day(), month, t.Year())
}

// number is the "Số …" line: the document's symbol, or a blank number before the suffix.
func number(symbol, kind, abbrev string) string {
	if s := strings.TrimSpace(symbol); s != "" {
		return "Số " + s
	}
	return "Số" + gap + gap + "-" + kind + "/" + or(abbrev, "…")
}

// gap is room left for a hand-written number or day: no-break spaces, which neither writer
// collapses.
const gap = "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"

func p(align Align, runs ...Run) Para { return Para{Align: align, Runs: runs} }
func txt(s string) Run                { return Run{Text: s} }
func bold(s string) Run               { return Run{Text: s, Bold: true} }
func italic(s string) Run             { return Run{Text: s, Italic: true} }

// body is a justified body paragraph with the usual first-line indent.
func body(runs ...Run) Para { return Para{Align: Justify, Indent: 10, After: 3, Runs: runs} }

// header is the two-column block on top of every party document: the issuer on the left, the
// Party's name with the place and date on the right. extra lines go under the number (the
// transfer slip's card and history numbers).
func header(is Issuer, num string, place string, date tochuc.Date, extra ...string) Table {
	var left []Para
	if is.Superior != "" {
		left = append(left, p(Center, txt(upper(is.Superior))))
	}
	left = append(left, p(Center, bold(upper(or(is.Committee, dots)))), p(Center, txt("*")))
	if num != "" {
		left = append(left, p(Center, txt(num)))
	}
	for _, e := range extra {
		left = append(left, p(Center, Run{Text: e, Size: 13}))
	}
	right := []Para{
		p(Center, Run{Text: "ĐẢNG CỘNG SẢN VIỆT NAM", Bold: true, Underline: true, Size: 15}),
		{Before: 14, Align: Center, Runs: []Run{italic(PlaceDate(place, date))}},
	}
	return Table{Widths: []float64{75, 90}, Rows: [][]Cell{{{Paras: left}, {Paras: right}}}}
}

// title is the document's name in bold capitals with its summary below it.
func title(name, summary string) []Block {
	out := []Block{Para{Align: Center, Before: 18, Runs: []Run{{Text: name, Bold: true, Size: 15}}}}
	if summary != "" {
		out = append(out, p(Center, bold(summary)))
	}
	return append(out, Para{Align: Center, After: 6, Runs: []Run{txt("-----")}})
}

// signature is the block under the body: "Nơi nhận" on the left, the signer on the right.
func signature(is Issuer, s Signature, recipients []string) Table {
	left := []Para{{Before: 12, Runs: []Run{{Text: "Nơi nhận:", Bold: true, Italic: true, Size: 12}}}}
	for _, r := range recipients {
		left = append(left, p(Left, Run{Text: "- " + r, Size: 11}))
	}
	right := []Para{{Align: Center, Before: 12, Runs: []Run{bold("T/M " + upper(is.body()))}}}
	if s.Title != "" {
		right = append(right, p(Center, bold(upper(s.Title))))
	}
	right = append(right, p(Center, Run{Text: "(Ký tên, đóng dấu)", Italic: true, Size: 13}),
		Para{Align: Center, Before: 56, Runs: []Run{bold(s.Name)}})
	return Table{Widths: []float64{80, 85}, Rows: [][]Cell{{{Paras: left}, {Paras: right}}}}
}

// decides is "BAN THƯỜNG VỤ HUYỆN ỦY ĐỒNG VĂN" and "QUYẾT ĐỊNH:" before the articles.
func decides(is Issuer) []Block {
	who := upper(is.body())
	if c := upper(is.Committee); c != "" && !strings.EqualFold(is.body(), is.Committee) {
		who += " " + c
	}
	return []Block{Para{Align: Center, Before: 6, Runs: []Run{bold(who)}},
		Para{Align: Center, After: 6, Runs: []Run{bold("QUYẾT ĐỊNH:")}}}
}

// article is "Điều n." in bold followed by the text.
func article(n int, text ...Run) Para {
	return body(append([]Run{bold(fmt.Sprintf("Điều %d. ", n))}, text...)...)
}

func bases(lines []string, proposedBy string) []Block {
	var out []Block
	for _, b := range lines {
		out = append(out, body(italic("- "+b)))
	}
	if proposedBy != "" {
		out = append(out, body(italic("- Xét đề nghị của "+proposedBy+",")))
	}
	return out
}
