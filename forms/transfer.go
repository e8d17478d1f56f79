package forms

import (
	"tochuc"
)

// SlipKind is the kind of transfer slip. HD 12-HD/BTCTW has four; the official domestic slip
// and the temporary slip (mẫu 2-SHĐ) are printed here.
type SlipKind int

const (
	SlipOfficial  SlipKind = iota // giấy giới thiệu sinh hoạt đảng chính thức (trong nước)
	SlipTemporary                 // giấy giới thiệu sinh hoạt đảng tạm thời (mẫu 2-SHĐ)
)

// TransferSlip is a transfer slip (giấy giới thiệu sinh hoạt đảng, GTSHĐ; docs/domain.md §1.5).
// Its numbers (HD 12-HD/BTCTW 2022, Part II 4.2): Số TĐV is the card number, Số LL the
// personal-history number, Số SĐV the member's order number in the cell's member list, Số …
// GTSHĐ the order number in the committee's transfer register. "Đã đóng đảng phí hết tháng" is
// the month the slip is written. Sources: see the package comment.
type TransferSlip struct {
	Kind           SlipKind
	Issuer         Issuer
	CardNumber     string // Số TĐV
	HistoryNumber  string // Số LL
	RegisterNumber string // Số SĐV
	SlipNumber     string // Số … GTSHĐ
	To             string // Kính gửi: the receiving committee
	Member         Person
	JoinedOn       tochuc.Date // vào Đảng ngày (the ceremony; the decision when unknown)
	OfficialOn     tochuc.Date // chính thức ngày; none for a probationary member
	DuesPaidMonth  string      // "03/2025"
	Destination    string      // được sinh hoạt đảng ở: the receiving organization
	Attachments    string      // hồ sơ kèm theo
	PresentBy      tochuc.Date // the member presents the slip by this day (rule transfer.slip_deadline)
	Place          string
	Date           tochuc.Date
	Signer         Signature
	Forwards       int // blank forwarding blocks ("Kính chuyển") for the committees on the way; 0 prints 2
}

// Code names the form.
func (t *TransferSlip) Code() string {
	if t.Kind == SlipTemporary {
		return "2-SHĐ"
	}
	return "GTSHĐ chính thức"
}

// Document lays the slip out: the issuing part, then the forwarding blocks the committees on the
// way fill by hand, then the receiving organization's acknowledgement.
func (t *TransferSlip) Document() *Doc {
	kind := "CHÍNH THỨC"
	if t.Kind == SlipTemporary {
		kind = "TẠM THỜI"
	}
	name := or(t.Member.Name, dots)
	d := &Doc{Title: "Giấy giới thiệu sinh hoạt đảng " + t.Member.Name}
	d.Blocks = append(d.Blocks, header(t.Issuer, "", t.Place, t.Date,
		"Số TĐV: "+or(t.CardNumber, dots), "Số LL: "+or(t.HistoryNumber, dots), "Số SĐV: "+or(t.RegisterNumber, dots)))
	d.Blocks = append(d.Blocks, title("GIẤY GIỚI THIỆU", "SINH HOẠT ĐẢNG "+kind)...)
	official := dots
	if t.OfficialOn != "" {
		official = t.OfficialOn.Display()
	}
	d.Blocks = append(d.Blocks,
		body(bold("Kính gửi: "), txt(or(t.To, dots))),
		body(txt("Đề nghị giới thiệu sinh hoạt đảng cho đồng chí: "), bold(name), txt("   Bí danh: "+or(t.Member.Alias, "không"))),
		body(txt("Sinh ngày: "+or(t.Member.BirthDate, dots)+"; vào Đảng ngày: "+dateDisplay(t.JoinedOn)+"; chính thức ngày: "+official+".")),
		body(txt("Đã đóng đảng phí đến hết tháng: "), bold(or(t.DuesPaidMonth, dots)), txt(".")),
		body(txt("Được sinh hoạt đảng ở: "+or(t.Destination, dots)+".")),
		body(txt("Hồ sơ kèm theo: "+or(t.Attachments, dots)+".")),
	)
	if t.PresentBy != "" {
		d.Blocks = append(d.Blocks, body(italic("Đồng chí "+name+" phải xuất trình giấy giới thiệu này với tổ chức đảng nơi đến chậm nhất ngày "+t.PresentBy.Display()+".")))
	}
	d.Blocks = append(d.Blocks, Table{Widths: []float64{80, 85}, Rows: [][]Cell{{
		{Paras: []Para{{Before: 12, Runs: []Run{txt("Số " + or(t.SlipNumber, "……") + " GTSHĐ")}}}},
		{Paras: []Para{
			{Align: Center, Before: 12, Runs: []Run{bold("T/M " + upper(t.Issuer.body()))}},
			p(Center, bold(upper(t.Signer.Title))),
			p(Center, Run{Text: "(Ký tên, đóng dấu)", Italic: true, Size: 13}),
			{Align: Center, Before: 36, Runs: []Run{bold(t.Signer.Name)}},
		}},
	}}})
	n := t.Forwards
	if n <= 0 {
		n = 2
	}
	d.Blocks = append(d.Blocks, Para{Align: Center, Before: 10, After: 4, Runs: []Run{txt("- - - - - - - - - - - - - - - - - - - - - - - - - - - -")}})
	var row []Cell
	for i := 0; i < n; i++ {
		row = append(row, Cell{Paras: []Para{
			p(Left, Run{Text: "Số …… GTSHĐ", Size: 13}),
			p(Left, Run{Text: "KÍNH CHUYỂN: ……………………", Bold: true, Size: 13}),
			p(Left, Run{Text: "Đề nghị nhận và giới thiệu sinh hoạt đảng cho đồng chí " + name + ".", Size: 13}),
			p(Center, Run{Text: "Ngày …… tháng …… năm ……", Italic: true, Size: 13}),
			p(Center, Run{Text: "T/M ……………………", Bold: true, Size: 13}),
			{Before: 24, Runs: []Run{{Text: " ", Size: 13}}},
		}})
		if len(row) == 2 || i == n-1 {
			w := make([]float64, len(row))
			for j := range w {
				w[j] = 165 / float64(len(row))
			}
			d.Blocks = append(d.Blocks, Table{Widths: w, Rows: [][]Cell{row}, Border: true})
			row = nil
		}
	}
	d.Blocks = append(d.Blocks,
		Para{Before: 10, Runs: []Run{bold("Phần tổ chức đảng nơi đến ghi: ")}},
		body(txt("Đồng chí "+name+" đã đến sinh hoạt đảng tại ………………… từ ngày …… tháng …… năm ……")),
	)
	return d
}
