package reports

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	"tochuc/forms"
)

func sample() *Figures {
	p, _ := ParsePeriod("2024Q3")
	return &Figures{OrgCode: "H1", OrgName: "Đảng bộ huyện Cao Lộc", ParentName: "Đảng bộ tỉnh Lạng Sơn", Period: p, Code: p.String(),
		From: p.From(), To: p.To(), AsOf: p.To(), Issued: "2024-10-05", Opening: 1400,
		Members:    Count{Total: 1390, Official: 1300, Probationary: 80, Exempt: 10},
		Flows:      map[string]int64{"admitted": 12, "recognized": 30, "transferred_in": 3, "transferred_out": 5, "removed": 8, "withdrawn": 3, "expelled": 1, "deceased": 8},
		Targets:    []TargetFig{{Figure: "removed", Name: "Xoá tên", Direction: "at_most", YearFrom: 2024, YearTo: 2024, Target: 10, Actual: 8, Percent: "80,00%", Achieved: true}},
		Breakdowns: []Breakdown{{Dim: "age_band", Title: "Theo độ tuổi", Rows: []BreakdownRow{{Code: "under30", Label: ValueLabel("age_band", "under30"), Count: 390}, {Code: "over60", Label: ValueLabel("age_band", "over60"), Count: 1000}}}},
	}
}

func TestSentences(t *testing.T) {
	f := sample()
	got := strings.Join(f.Sentences(), "\n")
	for _, want := range []string{
		"Tính đến ngày 30/09/2024, toàn huyện có 1.390 đảng viên (1.300 đảng viên chính thức, 80 đảng viên dự bị; 10 đảng viên được miễn công tác và sinh hoạt đảng), giảm 10 đảng viên so với ngày 30/06/2024.",
		"Quý III năm 2024, toàn huyện kết nạp được 12 đảng viên.",
		"Trong kỳ, đã xét, công nhận đảng viên chính thức cho 30 đảng viên dự bị; tiếp nhận 3 đảng viên chuyển sinh hoạt đảng đến, giới thiệu 5 đảng viên chuyển sinh hoạt đảng đi.",
		"Có 12 đảng viên ra khỏi Đảng (xoá tên 8, cho ra khỏi Đảng 3, khai trừ 1); số đảng viên bị xoá tên bằng 80,00% so với mức tối đa của chỉ tiêu kéo giảm năm 2024 (10 đảng viên); 8 đảng viên từ trần.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "đại hội") || strings.Contains(got, "chỉ tiêu.") {
		t.Errorf("a sentence without its figures:\n%s", got)
	}
	for name, want := range map[string]string{"Đảng bộ tỉnh Lạng Sơn": "toàn tỉnh", "Đảng bộ Khối cơ quan": "toàn Đảng bộ", "Đảng bộ xã Lũng Cú": "toàn xã"} {
		if Subject(name) != want {
			t.Errorf("Subject(%q) = %q", name, Subject(name))
		}
	}
	if n := groupNoun([]string{"Đảng bộ xã A", "Đảng bộ xã B"}); n != "đảng bộ xã" {
		t.Errorf("noun %q", n)
	}
	if n := groupNoun([]string{"Đảng bộ xã A", "Chi bộ B"}); n != "tổ chức đảng" {
		t.Errorf("noun %q", n)
	}
}

func TestDocumentBothFormats(t *testing.T) {
	r := NewReview(sample())
	if r.Issuer.Committee != "Huyện ủy Cao Lộc" || r.Issuer.Abbrev != "HU" || r.Issuer.Superior != "Đảng bộ tỉnh Lạng Sơn" || r.Place != "Cao Lộc" {
		t.Errorf("issuer %+v place %q", r.Issuer, r.Place)
	}
	d := r.Document()
	images := 0
	for _, b := range d.Blocks {
		if img, ok := b.(forms.Image); ok {
			images++
			if _, err := png.Decode(bytes.NewReader(img.PNG)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if images != 1 {
		t.Errorf("%d charts (no children: the age chart)", images)
	}
	for _, f := range []forms.Format{forms.DOCX, forms.PDF} {
		var b bytes.Buffer
		if err := forms.WriteReport(&b, d, f); err != nil || b.Len() < 1000 {
			t.Errorf("%s: %v %d bytes", f, err, b.Len())
		}
	}
	// The same report twice gives the same bytes.
	var a, b bytes.Buffer
	forms.WriteReport(&a, r.Document(), forms.DOCX)
	forms.WriteReport(&b, r.Document(), forms.DOCX)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("DOCX differs between two runs")
	}
}

func TestBarChart(t *testing.T) {
	for _, bars := range [][]Bar{nil, {{Value: 0}}, {{Value: 5, Mark: 10}, {Value: 12, Mark: 6}}} {
		img, err := png.Decode(bytes.NewReader(BarChart(bars, 300, 120)))
		if err != nil || img.Bounds().Dx() != 300 {
			t.Errorf("%v: %v", bars, err)
		}
	}
}
