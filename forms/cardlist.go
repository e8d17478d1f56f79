package forms

import (
	"fmt"

	"tochuc"
)

// CardList is a card request list: 1-TĐV, sent by the basic committee with the members it
// proposes for a party card, or 1A-TĐV, compiled by the organization board of the competent
// committee (docs/domain.md §1.4, HD 12-HD/BTCTW 2022 Part II 2.2b). The columns are the facts
// the card is made from; their exact order in the official form is UNVERIFIED.
type CardList struct {
	Summary bool // 1A-TĐV (the board's summary) rather than 1-TĐV
	Issuer  Issuer
	Number  string
	Place   string
	Date    tochuc.Date
	Rows    []CardRow
	Signer  Signature
}

// CardRow is one member on a card list.
type CardRow struct {
	Name, BirthDate, HomeTown, Org string
	AdmissionDate, OfficialDate    tochuc.Date
	Note                           string
}

// Code names the form.
func (c *CardList) Code() string {
	if c.Summary {
		return "1A-TĐV"
	}
	return "1-TĐV"
}

// Document lays the list out on landscape pages, one bordered table.
func (c *CardList) Document() *Doc {
	d := &Doc{Title: "Danh sách đề nghị phát thẻ đảng viên", Landscape: true}
	d.Blocks = append(d.Blocks, header(c.Issuer, number(c.Number, "DS", c.Issuer.Abbrev), c.Place, c.Date))
	// the header block is laid for portrait width; widen it on a landscape page
	h := d.Blocks[0].(Table)
	h.Widths = []float64{110, 142}
	d.Blocks[0] = h
	d.Blocks = append(d.Blocks, title("DANH SÁCH", "đề nghị phát thẻ đảng viên")...)
	cell := func(s string, a Align, b bool) Cell {
		return Cell{Paras: []Para{{Align: a, Runs: []Run{{Text: s, Bold: b, Size: 12}}}}}
	}
	t := Table{Border: true, Widths: []float64{12, 52, 26, 46, 44, 26, 26, 20}}
	head := []string{"STT", "Họ và tên", "Ngày sinh", "Quê quán", "Tổ chức đảng", "Ngày vào Đảng", "Ngày chính thức", "Ghi chú"}
	var hr []Cell
	for _, s := range head {
		hr = append(hr, cell(s, Center, true))
	}
	t.Rows = append(t.Rows, hr)
	for i, r := range c.Rows {
		t.Rows = append(t.Rows, []Cell{cell(fmt.Sprint(i+1), Center, false), cell(r.Name, Left, false), cell(r.BirthDate, Center, false),
			cell(r.HomeTown, Left, false), cell(r.Org, Left, false), cell(dateDisplay(r.AdmissionDate), Center, false),
			cell(dateDisplay(r.OfficialDate), Center, false), cell(r.Note, Left, false)})
	}
	d.Blocks = append(d.Blocks, t, Para{Before: 6, Runs: []Run{italic(fmt.Sprintf("Danh sách có %d đồng chí.", len(c.Rows)))}})
	sig := signature(c.Issuer, c.Signer, nil)
	sig.Widths = []float64{140, 112}
	d.Blocks = append(d.Blocks, sig)
	return d
}
