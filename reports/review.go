package reports

import (
	"fmt"
	"strings"
	"time"

	"tochuc"
	"tochuc/forms"
	"tochuc/vn"
)

// Review is the review report of an org for a period: its figures and how it is issued.
type Review struct {
	Figures *Figures
	Issuer  forms.Issuer
	Symbol  string // the document's number, e.g. "45-BC/TU"; "" leaves it to fill by hand
	Place   string
	Signer  forms.Signature
	// NoAppendix leaves out the table of sources (the trace stays in Figures).
	NoAppendix bool
}

// NewReview fills the issuer, the place and the recipients from the org's name: "Đảng bộ tỉnh
// Lạng Sơn" reports as "Tỉnh ủy Lạng Sơn", numbered "…-BC/TU", dated from "Lạng Sơn".
func NewReview(f *Figures) *Review {
	r := &Review{Figures: f}
	r.Issuer.Committee, r.Issuer.Abbrev = forms.CommitteeOf(f.OrgName)
	r.Issuer.Superior = f.ParentName
	r.Issuer.Body = "Ban Thường vụ"
	r.Place = forms.PlaceOf(f.OrgName)
	if r.Place == "" && f.ParentName != "" {
		r.Place = forms.PlaceOf(f.ParentName)
	}
	return r
}

// Subject is how the report names its own subtree in sentences: "toàn tỉnh", "toàn huyện",
// "toàn Đảng bộ".
func Subject(orgName string) string {
	n := strings.ToLower(vn.NFC(strings.TrimSpace(orgName)))
	for _, p := range []struct{ pre, subj string }{
		{"đảng bộ tỉnh ", "toàn tỉnh"}, {"đảng bộ thành phố ", "toàn thành phố"}, {"đảng bộ huyện ", "toàn huyện"},
		{"đảng bộ quận ", "toàn quận"}, {"đảng bộ thị xã ", "toàn thị xã"}, {"đảng bộ xã ", "toàn xã"},
		{"đảng bộ phường ", "toàn phường"}, {"chi bộ ", "toàn chi bộ"},
	} {
		if strings.HasPrefix(n, p.pre) {
			return p.subj
		}
	}
	return "toàn Đảng bộ"
}

// groupNoun is what the orgs of a group are called: "đảng bộ xã" when all their names say so,
// else "tổ chức đảng".
func groupNoun(names []string) string {
	for _, noun := range []string{"đảng bộ xã", "đảng bộ phường", "đảng bộ huyện", "chi bộ", "đảng bộ"} {
		all := len(names) > 0
		for _, n := range names {
			all = all && strings.HasPrefix(strings.ToLower(vn.NFC(n)), noun+" ")
		}
		if all {
			return noun
		}
	}
	return "tổ chức đảng"
}

func capitalize(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[:1])) + string(r[1:])
}

func n(v int64) string { return vn.FormatInt(v) }

func (f *Figures) flow(name string) int64 { return f.Flows[name] }

// targetPeriod is "năm 2024" or "nhiệm kỳ 2020–2025".
func targetPeriod(t *TargetFig) string {
	if t.YearTo != t.YearFrom {
		return fmt.Sprintf("nhiệm kỳ %d–%d", t.YearFrom, t.YearTo)
	}
	return fmt.Sprintf("năm %d", t.YearFrom)
}

func dayBefore(d tochuc.Date) tochuc.Date {
	return tochuc.Date(d.Time().Add(-24 * time.Hour).Format("2006-01-02"))
}

// MembersSentence: "Tính đến ngày 30/06/2024, toàn tỉnh có 1.352 đảng viên (902 đảng viên
// chính thức, 450 đảng viên dự bị), tăng 450 đảng viên so với ngày 31/12/2023; đạt 78,65% so
// với chỉ tiêu nhiệm kỳ 2020–2025 (1.719 đảng viên)."
func (f *Figures) MembersSentence() string {
	m := f.Members
	s := fmt.Sprintf("Tính đến ngày %s, %s có %s đảng viên (%s đảng viên chính thức, %s đảng viên dự bị", f.AsOf.Display(),
		Subject(f.OrgName), n(m.Total), n(m.Official), n(m.Probationary))
	if m.Exempt > 0 {
		s += fmt.Sprintf("; %s đảng viên được miễn công tác và sinh hoạt đảng", n(m.Exempt))
	}
	s += ")"
	switch d := m.Total - f.Opening; {
	case d > 0:
		s += fmt.Sprintf(", tăng %s đảng viên so với ngày %s", n(d), dayBefore(f.From).Display())
	case d < 0:
		s += fmt.Sprintf(", giảm %s đảng viên so với ngày %s", n(-d), dayBefore(f.From).Display())
	default:
		s += fmt.Sprintf(", bằng số đảng viên ngày %s", dayBefore(f.From).Display())
	}
	if t := f.target("members"); t != nil {
		s += fmt.Sprintf("; đạt %s so với chỉ tiêu %s (%s đảng viên)", t.Percent, targetPeriod(t), n(t.Target))
	}
	return s + "."
}

// AdmissionSentence: "6 tháng đầu năm 2024, toàn tỉnh kết nạp được 450 đảng viên (đạt 38,04% so
// với chỉ tiêu năm 2024 là 1.183 đảng viên, theo NQ 05-NQ/TU), trong đó 20 đảng bộ xã biên giới
// kết nạp được 48 đảng viên (đạt 41,38% so với chỉ tiêu đề ra)."
func (f *Figures) AdmissionSentence() string {
	when := capitalize(f.Period.Name())
	if f.AsOf < f.To {
		when += " (đến ngày " + f.AsOf.Display() + ")"
	}
	var s string
	if a := f.flow("admitted"); a > 0 {
		s = fmt.Sprintf("%s, %s kết nạp được %s đảng viên", when, Subject(f.OrgName), n(a))
	} else {
		s = fmt.Sprintf("%s, %s chưa kết nạp được đảng viên nào", when, Subject(f.OrgName))
	}
	if t := f.target("admitted"); t != nil {
		s += fmt.Sprintf(" (đạt %s so với chỉ tiêu %s là %s đảng viên", t.Percent, targetPeriod(t), n(t.Target))
		if t.Document != "" {
			s += ", theo " + t.Document
		}
		s += ")"
	}
	for _, g := range f.Groups {
		if g.Figure != "admitted" {
			continue
		}
		label := attrLabels[g.Attribute]
		if label == "" {
			label = "có thuộc tính " + g.Attribute
		}
		s += fmt.Sprintf(", trong đó %d %s %s kết nạp được %s đảng viên (đạt %s so với chỉ tiêu đề ra)",
			len(g.OrgNames), groupNoun(g.OrgNames), label, n(g.Actual), g.Percent)
	}
	if r := f.flow("readmitted"); r > 0 {
		s += fmt.Sprintf("; kết nạp lại %s đảng viên", n(r))
	}
	return s + "."
}

// ManagementSentence: recognition and transfers of the period.
func (f *Figures) ManagementSentence() string {
	rec, in, out := f.flow("recognized"), f.flow("transferred_in"), f.flow("transferred_out")
	s := "Trong kỳ, "
	if rec > 0 {
		s += fmt.Sprintf("đã xét, công nhận đảng viên chính thức cho %s đảng viên dự bị", n(rec))
	} else {
		s += "không có đảng viên dự bị được công nhận đảng viên chính thức"
	}
	switch {
	case in > 0 && out > 0:
		s += fmt.Sprintf("; tiếp nhận %s đảng viên chuyển sinh hoạt đảng đến, giới thiệu %s đảng viên chuyển sinh hoạt đảng đi", n(in), n(out))
	case in > 0:
		s += fmt.Sprintf("; tiếp nhận %s đảng viên chuyển sinh hoạt đảng đến, không có đảng viên chuyển đi", n(in))
	case out > 0:
		s += fmt.Sprintf("; giới thiệu %s đảng viên chuyển sinh hoạt đảng đi, không có đảng viên chuyển đến", n(out))
	default:
		s += "; không có đảng viên chuyển sinh hoạt đảng chính thức đến hoặc đi"
	}
	return s + "."
}

// ExitsSentence: the members who left the Party by kind, against a "kéo giảm" target, and the
// deceased.
func (f *Figures) ExitsSentence() string {
	rm, wd, ex, dc := f.flow("removed"), f.flow("withdrawn"), f.flow("expelled"), f.flow("deceased")
	var s string
	if total := rm + wd + ex; total > 0 {
		var parts []string
		for _, p := range []struct {
			v    int64
			what string
		}{{rm, "xoá tên"}, {wd, "cho ra khỏi Đảng"}, {ex, "khai trừ"}} {
			if p.v > 0 {
				parts = append(parts, p.what+" "+n(p.v))
			}
		}
		s = fmt.Sprintf("Có %s đảng viên ra khỏi Đảng (%s)", n(total), strings.Join(parts, ", "))
	} else {
		s = "Không có đảng viên bị xoá tên, cho ra khỏi Đảng hoặc khai trừ"
	}
	if t := f.target("removed"); t != nil && t.Direction == "at_most" {
		s += fmt.Sprintf("; số đảng viên bị xoá tên bằng %s so với mức tối đa của chỉ tiêu kéo giảm %s (%s đảng viên)",
			t.Percent, targetPeriod(t), n(t.Target))
	}
	if dc > 0 {
		s += fmt.Sprintf("; %s đảng viên từ trần", n(dc))
	} else {
		s += "; không có đảng viên từ trần"
	}
	return s + "."
}

// CongressSentence: "Đến ngày 30/06/2024, 497/567 tổ chức cơ sở đảng đã tổ chức đại hội (đạt
// 87,65%)."
func (f *Figures) CongressSentence() string {
	c := f.Congress
	if c == nil {
		return ""
	}
	what := c.What
	if what == "" {
		what = "tổ chức cơ sở đảng"
	}
	term := ""
	if c.Term != "" {
		term = " nhiệm kỳ " + c.Term
	}
	if c.Held == 0 {
		return fmt.Sprintf("Đến ngày %s, chưa có %s nào (trong số %s) tổ chức đại hội%s.", f.AsOf.Display(), what, n(c.Total), term)
	}
	s := fmt.Sprintf("Đến ngày %s, %s/%s %s đã tổ chức đại hội", f.AsOf.Display(), n(c.Held), n(c.Total), what) + term
	return s + fmt.Sprintf(" (đạt %s).", vn.FormatPercent(c.Held, c.Total))
}

// IndicatorsSentence: "Về hệ thống chỉ tiêu năm 2024: hoàn thành 29/29 chỉ tiêu."
func (f *Figures) IndicatorsSentence() string {
	if f.Indicators == nil || f.Indicators.Total == 0 {
		return ""
	}
	return fmt.Sprintf("Về hệ thống chỉ tiêu năm %d: đến ngày %s, hoàn thành %d/%d chỉ tiêu.", f.Period.Year, f.AsOf.Display(),
		f.Indicators.Done, f.Indicators.Total)
}

// ProgrammeSentence: "Về chương trình công tác năm 2024: hoàn thành 10/15 đề án, nhiệm vụ."
func (f *Figures) ProgrammeSentence() string {
	p := f.Programme
	if p == nil || p.Total == 0 {
		return ""
	}
	s := fmt.Sprintf("Về chương trình công tác năm %d: hoàn thành %d/%d đề án, nhiệm vụ", f.Period.Year, p.Done, p.Total)
	if p.Overdue > 0 {
		s += fmt.Sprintf(" (%d đề án, nhiệm vụ quá hạn)", p.Overdue)
	}
	return s + "."
}

// Sentences are the narrative sentences of the report in order (the tests read them).
func (f *Figures) Sentences() []string {
	var out []string
	for _, s := range []string{f.MembersSentence(), f.AdmissionSentence(), f.ManagementSentence(), f.ExitsSentence(),
		f.CongressSentence(), f.IndicatorsSentence(), f.ProgrammeSentence()} {
		if s != "" {
			out = append(out, vn.NFC(s))
		}
	}
	return out
}

// next is the period after p, for the "phương hướng" section.
func next(p Period) string {
	switch {
	case p.Half == 1:
		return Period{Year: p.Year, Half: 2}.Name()
	case p.Quarter > 0 && p.Quarter < 4:
		return Period{Year: p.Year, Quarter: p.Quarter + 1}.Name()
	}
	return fmt.Sprintf("năm %d", p.Year+1)
}

func text(s string) forms.Run { return forms.Run{Text: s} }

// Document lays the report out.
func (r *Review) Document() *forms.Doc {
	f := r.Figures
	summary := fmt.Sprintf("%s công tác tổ chức xây dựng Đảng %s", r.Figures.Period.Review(), f.Period.Name())
	d := &forms.Doc{Title: "Báo cáo " + summary + " – " + f.OrgName}
	d.Blocks = append(d.Blocks, forms.ReportHeader(r.Issuer, r.Symbol, r.Place, f.Issued))
	d.Blocks = append(d.Blocks, forms.ReportTitle("BÁO CÁO", summary)...)
	committee := r.Issuer.Committee
	d.Blocks = append(d.Blocks, forms.BodyText(text(fmt.Sprintf("Thực hiện chương trình công tác năm %d, Ban Thường vụ %s báo cáo %s công tác tổ chức xây dựng Đảng %s (từ ngày %s đến ngày %s) như sau:",
		f.Period.Year, committee, f.Period.Review(), f.Period.Name(), f.From.Display(), f.To.Display()))))

	d.Blocks = append(d.Blocks, forms.Heading("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ"))
	d.Blocks = append(d.Blocks, forms.Heading("1. Tình hình đảng viên"), forms.BodyText(text(f.MembersSentence())))
	if len(f.Breakdowns) > 0 {
		d.Blocks = append(d.Blocks, r.breakdownTable(), forms.Caption(fmt.Sprintf("Bảng 1. Cơ cấu đảng viên ngày %s", f.AsOf.Display())))
	}

	d.Blocks = append(d.Blocks, forms.Heading("2. Công tác phát triển đảng viên"), forms.BodyText(text(f.AdmissionSentence())))
	if len(f.Children) > 0 {
		d.Blocks = append(d.Blocks, forms.BodyText(text(fmt.Sprintf("Kết quả của %d đơn vị trực thuộc như sau (Bảng 2, Hình 1):", len(f.Children)))))
		d.Blocks = append(d.Blocks, r.childrenTable(), forms.Caption("Bảng 2. Đảng viên và kết nạp đảng viên của các đơn vị trực thuộc"))
		bars := make([]Bar, len(f.Children))
		for i, c := range f.Children {
			bars[i] = Bar{Value: c.Admitted}
			if c.Target != nil {
				bars[i].Mark = *c.Target
			}
		}
		d.Blocks = append(d.Blocks, forms.Image{PNG: BarChart(bars, 1200, 500), Width: 150, Height: 62.5,
			Alt: "Biểu đồ cột: số đảng viên kết nạp của từng đơn vị trực thuộc, theo thứ tự của Bảng 2"},
			forms.Caption("Hình 1. Kết nạp đảng viên của các đơn vị trực thuộc, theo thứ tự Bảng 2 (cột: số kết nạp; khung đỏ: chỉ tiêu)"))
	} else if b := r.breakdown("age_band"); b != nil {
		bars := make([]Bar, len(b.Rows))
		for i, row := range b.Rows {
			bars[i] = Bar{Value: row.Count}
		}
		d.Blocks = append(d.Blocks, forms.Image{PNG: BarChart(bars, 1200, 500), Width: 150, Height: 62.5,
			Alt: "Biểu đồ cột: số đảng viên theo độ tuổi, theo thứ tự của Bảng 1"},
			forms.Caption("Hình 1. Đảng viên theo độ tuổi, theo thứ tự Bảng 1"))
	}

	d.Blocks = append(d.Blocks, forms.Heading("3. Công tác quản lý đảng viên"), forms.BodyText(text(f.ManagementSentence())),
		forms.BodyText(text(f.ExitsSentence())), r.flowsTable(), forms.Caption(fmt.Sprintf("Bảng 3. Biến động đảng viên %s", f.Period.Name())))

	sec := 4
	if s := f.CongressSentence(); s != "" {
		d.Blocks = append(d.Blocks, forms.Heading(fmt.Sprintf("%d. Công tác đại hội", sec)), forms.BodyText(text(s)))
		sec++
	}
	if len(f.Targets) > 0 || f.IndicatorsSentence() != "" || f.ProgrammeSentence() != "" {
		d.Blocks = append(d.Blocks, forms.Heading(fmt.Sprintf("%d. Thực hiện chỉ tiêu, nhiệm vụ", sec)))
		for _, s := range []string{f.IndicatorsSentence(), f.ProgrammeSentence()} {
			if s != "" {
				d.Blocks = append(d.Blocks, forms.BodyText(text(s)))
			}
		}
		if len(f.Targets) > 0 {
			d.Blocks = append(d.Blocks, r.targetsTable(), forms.Caption(fmt.Sprintf("Bảng 4. Tiến độ thực hiện chỉ tiêu đến ngày %s", f.AsOf.Display())))
		}
	}

	d.Blocks = append(d.Blocks, forms.Heading("II. PHƯƠNG HƯỚNG, NHIỆM VỤ "+strings.ToUpper(next(f.Period))),
		forms.BodyText(forms.Run{Text: "(Cấp ủy bổ sung phương hướng, nhiệm vụ trọng tâm của kỳ tới.)", Italic: true}))
	var recipients []string
	if f.ParentName != "" {
		c, _ := forms.CommitteeOf(f.ParentName)
		recipients = append(recipients, "Ban Tổ chức "+c+" (để báo cáo),")
	}
	recipients = append(recipients, "Các đồng chí Ủy viên Ban Thường vụ,", "Lưu Văn phòng.")
	d.Blocks = append(d.Blocks, forms.ReportSignature(r.Issuer, r.Signer, recipients))
	if !r.NoAppendix {
		d.Blocks = append(d.Blocks, forms.Para{Align: forms.Center, Before: 18, Runs: []forms.Run{{Text: "PHỤ LỤC", Bold: true}}},
			forms.Para{Align: forms.Center, After: 6, Runs: []forms.Run{{Text: "Nguồn của các số liệu trong báo cáo (truy vấn của bộ máy thống kê)", Italic: true}}},
			r.traceTable())
	}
	return d
}

func (r *Review) breakdown(dim string) *Breakdown {
	for i := range r.Figures.Breakdowns {
		if r.Figures.Breakdowns[i].Dim == dim {
			return &r.Figures.Breakdowns[i]
		}
	}
	return nil
}

func cell(s string, a forms.Align, b bool) forms.Cell {
	return forms.Cell{Paras: []forms.Para{{Align: a, Runs: []forms.Run{{Text: s, Bold: b, Size: 12}}}}}
}

// breakdownTable: one table, a bold row per dimension, then its values with count and share.
func (r *Review) breakdownTable() forms.Table {
	f := r.Figures
	t := forms.Table{Widths: []float64{95, 35, 35}, Border: true}
	t.Rows = append(t.Rows, []forms.Cell{cell("Cơ cấu", forms.Center, true), cell("Số đảng viên", forms.Center, true), cell("Tỷ lệ", forms.Center, true)})
	t.Rows = append(t.Rows, []forms.Cell{cell("Tổng số", forms.Left, true), cell(n(f.Members.Total), forms.Right, true), cell(vn.FormatPercent(f.Members.Total, f.Members.Total), forms.Right, true)})
	for _, b := range f.Breakdowns {
		t.Rows = append(t.Rows, []forms.Cell{cell(b.Title, forms.Left, true), cell("", forms.Left, false), cell("", forms.Left, false)})
		for _, row := range b.Rows {
			t.Rows = append(t.Rows, []forms.Cell{cell("- "+row.Label, forms.Left, false), cell(n(row.Count), forms.Right, false),
				cell(vn.FormatPercent(row.Count, f.Members.Total), forms.Right, false)})
		}
	}
	return t
}

func (r *Review) childrenTable() forms.Table {
	var rows [][]string
	var mem, adm, tgt int64
	hasT := false
	for i, c := range r.Figures.Children {
		t, p := "", ""
		if c.Target != nil {
			t, p, hasT = n(*c.Target), c.Percent, true
			tgt += *c.Target
		}
		mem += c.Members
		adm += c.Admitted
		rows = append(rows, []string{fmt.Sprint(i + 1), c.Name, n(c.Members), n(c.Admitted), t, p})
	}
	total := []string{"", "Cộng", n(mem), n(adm), "", ""}
	if hasT {
		total[4], total[5] = n(tgt), vn.FormatPercent(adm, tgt)
	}
	rows = append(rows, total)
	return forms.DataTable([]float64{12, 58, 25, 23, 22, 25}, []string{"STT", "Đơn vị", "Đảng viên", "Kết nạp", "Chỉ tiêu", "Tỷ lệ đạt"},
		rows, []bool{false, false, true, true, true, true})
}

func (r *Review) flowsTable() forms.Table {
	f := r.Figures
	rows := [][]string{{"Số đảng viên ngày " + dayBefore(f.From).Display(), n(f.Opening)}}
	for _, fl := range []string{"admitted", "readmitted", "recognized", "transferred_in", "transferred_out", "removed", "withdrawn", "expelled", "deceased"} {
		rows = append(rows, []string{FlowLabel(fl), n(f.flow(fl))})
	}
	rows = append(rows, []string{"Số đảng viên ngày " + f.AsOf.Display(), n(f.Members.Total)})
	return forms.DataTable([]float64{120, 45}, []string{"Nội dung", "Số đảng viên"}, rows, []bool{false, true})
}

func (r *Review) targetsTable() forms.Table {
	var rows [][]string
	for i, t := range r.Figures.Targets {
		dir := "Tối thiểu"
		if t.Direction == "at_most" {
			dir = "Tối đa (kéo giảm)"
		}
		state := "Chưa đạt"
		if t.Achieved {
			state = "Đạt"
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), t.Name + " (" + targetPeriod(&t) + ")", dir, n(t.Target), n(t.Actual), t.Percent, state})
	}
	return forms.DataTable([]float64{12, 48, 25, 20, 20, 22, 18}, []string{"STT", "Chỉ tiêu", "Chiều", "Chỉ tiêu giao", "Thực hiện", "Tỷ lệ", "Kết quả"},
		rows, []bool{false, false, false, true, true, true, false})
}

func (r *Review) traceTable() forms.Table {
	var rows [][]string
	for i, t := range r.Figures.Trace {
		rows = append(rows, []string{fmt.Sprint(i + 1), t.Label, t.Value, t.Query.String()})
	}
	return forms.DataTable([]float64{12, 53, 22, 78}, []string{"STT", "Số liệu", "Giá trị", "Truy vấn"}, rows, []bool{false, false, true, false})
}
