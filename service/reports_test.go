package service_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"tochuc"
	"tochuc/forms"
	"tochuc/importer"
	"tochuc/internal/dbtest"
	"tochuc/reports"
	"tochuc/service"
	"tochuc/store"
	"tochuc/vn"
)

// reviewFixture is the province of targetFixture with its targets (admission 1.183, members
// 1.719 for the term, removals at most 5, the border communes' 116), 29 indicators all achieved,
// 15 projects of which 10 done by 30/11/2024, and the congresses of 26 of the 30 communes for
// the term 2025–2030 held in 2024.
func reviewFixture(t *testing.T, svc *service.Service) {
	t.Helper()
	targetFixture(t, svc)
	ctx := sysCtx()
	must := func(_ int64, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(svc.SetTarget(ctx, service.TargetInput{OrgCode: "P01", YearFrom: 2024, Figure: "admitted", Target: 1183, Label: "Kết nạp đảng viên", Document: "NQ 05-NQ/TU"}))
	must(svc.SetTarget(ctx, service.TargetInput{OrgCode: "P01", YearFrom: 2020, YearTo: 2025, Figure: "members", Target: 1719}))
	removed, err := svc.SetTarget(ctx, service.TargetInput{OrgCode: "P01", YearFrom: 2024, Figure: "removed", Direction: "at_most", Target: 5})
	must(removed, err)
	for i := 1; i <= 20; i++ {
		v := int64(6)
		if i > 16 {
			v = 5
		}
		must(svc.SetTarget(ctx, service.TargetInput{OrgCode: fmt.Sprintf("P01-X%02d", i), YearFrom: 2024, Figure: "admitted", Target: v}))
	}
	must(svc.SetIndicator(ctx, service.IndicatorInput{OrgCode: "P01", Year: 2024, Position: 1, Name: "Kéo giảm số đảng viên bị xoá tên", TargetID: removed}))
	for i := 2; i <= 29; i++ {
		must(svc.SetIndicator(ctx, service.IndicatorInput{OrgCode: "P01", Year: 2024, Position: i, Name: fmt.Sprintf("Chỉ tiêu số %d", i),
			Value: "đạt", Achieved: true, Evidence: "BC 12-BC/TU"}))
	}
	for i := 1; i <= 15; i++ {
		in := service.WorkItemInput{OrgCode: "P01", Year: 2024, Kind: "project", Title: fmt.Sprintf("Đề án số %d", i),
			Owner: "Ban Tổ chức Tỉnh uỷ", Deadline: "2024-12-31", Status: "in_progress"}
		if i <= 10 {
			in.Status, in.DoneDate = "done", "2024-11-30"
		}
		must(svc.SetWorkItem(ctx, in))
	}
	for i := 1; i <= 26; i++ {
		must(svc.RecordCongress(ctx, service.CongressInput{OrgCode: fmt.Sprintf("P01-X%02d", i), TermFrom: 2025,
			HeldOn: tochuc.Date(fmt.Sprintf("2024-%02d-10", 3+i%3)), Document: "NQ 01-NQ/ĐH"}))
	}
}

// The sentences the report of the first half of 2024 must say, as the seeds do.
var reviewH1Sentences = []string{
	"Tính đến ngày 30/06/2024, toàn tỉnh có 1.352 đảng viên (902 đảng viên chính thức, 450 đảng viên dự bị), tăng 450 đảng viên so với ngày 31/12/2023; đạt 78,65% so với chỉ tiêu nhiệm kỳ 2020–2025 (1.719 đảng viên).",
	"6 tháng đầu năm 2024, toàn tỉnh kết nạp được 450 đảng viên (đạt 38,04% so với chỉ tiêu năm 2024 là 1.183 đảng viên, theo NQ 05-NQ/TU), trong đó 20 đảng bộ xã biên giới kết nạp được 48 đảng viên (đạt 41,38% so với chỉ tiêu đề ra).",
	"Trong kỳ, không có đảng viên dự bị được công nhận đảng viên chính thức; không có đảng viên chuyển sinh hoạt đảng chính thức đến hoặc đi.",
	"Không có đảng viên bị xoá tên, cho ra khỏi Đảng hoặc khai trừ; số đảng viên bị xoá tên bằng 0,00% so với mức tối đa của chỉ tiêu kéo giảm năm 2024 (5 đảng viên); không có đảng viên từ trần.",
	"Đến ngày 30/06/2024, 26/30 tổ chức cơ sở đảng đã tổ chức đại hội nhiệm kỳ 2025–2030 (đạt 86,67%).",
	"Về hệ thống chỉ tiêu năm 2024: đến ngày 30/06/2024, hoàn thành 29/29 chỉ tiêu.",
	"Về chương trình công tác năm 2024: hoàn thành 0/15 đề án, nhiệm vụ.",
}

// reviewHead is the header block, title and the headings every report prints.
var reviewHead = []string{"ĐẢNG CỘNG SẢN VIỆT NAM", "TỈNH ỦY LẠNG SƠN", "-BC/TU", "Lạng Sơn, ngày 15 tháng 01 năm 2026", "BÁO CÁO",
	"sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2024", "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", "Bảng 2. Đảng viên và kết nạp đảng viên",
	"Hình 1.", "PHỤ LỤC", "T/M BAN THƯỜNG VỤ", "members org=P01 as_of=2024-06-30 filter=status=official", "flows org=P01 from=2024-01-01 to=2024-06-30 flow=admitted"}

func TestReviewReport(t *testing.T) {
	var docx []byte
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		reviewFixture(t, svc)
		ctx := sysCtx()

		f, err := svc.ReviewFigures(ctx, "P01", "2024H1", "json")
		if err != nil {
			t.Fatal(err)
		}
		got := f.Sentences()
		if len(got) != len(reviewH1Sentences) {
			t.Fatalf("sentences:\n%s", strings.Join(got, "\n"))
		}
		for i, want := range reviewH1Sentences {
			if got[i] != want {
				t.Errorf("sentence %d:\n got %s\nwant %s", i, got[i], want)
			}
			if vn.NFC(got[i]) != got[i] {
				t.Errorf("sentence %d is not NFC", i)
			}
		}
		// Every figure is traced to its query, and the query gives the figure again.
		byID := map[string]reports.Traced{}
		for _, tr := range f.Trace {
			byID[tr.ID] = tr
		}
		for id, want := range map[string]string{"members.total": "1.352", "members.official": "902", "flows.admitted": "450",
			"group.border.admitted": "48/116 (41,38%)", "indicators": "29/29", "programme": "0/15", "congress": "26/30 (86,67%)",
			"target.members": "1.352/1.719 (78,65%)", "child.P01-H1.admitted": vn.FormatInt(f.Children[0].Admitted)} {
			if byID[id].Value != want {
				t.Errorf("trace %s = %+v, want %s", id, byID[id], want)
			}
		}
		q := byID["members.official"].Query
		st, err := svc.StatsMembers(ctx, q.Org, q.AsOf, []string{"status"}, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range st.Orgs[0].Rows {
			if r.Values[0] == q.Filter["status"] && vn.FormatInt(r.Count) != byID["members.official"].Value {
				t.Errorf("the traced query gives %d", r.Count)
			}
		}
		if len(f.Children) != 2 || f.Children[0].Admitted+f.Children[1].Admitted != 450 {
			t.Errorf("children %+v", f.Children)
		}

		// The whole year: the admission of September (in a border commune) counts, 10 of 15 projects are done.
		y, err := svc.ReviewFigures(ctx, "P01", "2024", "json")
		if err != nil {
			t.Fatal(err)
		}
		ys := strings.Join(y.Sentences(), "\n")
		for _, want := range []string{"Năm 2024, toàn tỉnh kết nạp được 451 đảng viên (đạt 38,12%", "trong đó 20 đảng bộ xã biên giới kết nạp được 49 đảng viên (đạt 42,24%",
			"hoàn thành 10/15 đề án, nhiệm vụ.", "hoàn thành 29/29 chỉ tiêu."} {
			if !strings.Contains(ys, want) {
				t.Errorf("year report lacks %q:\n%s", want, ys)
			}
		}

		// DOCX: unzip and read the text.
		rep, err := svc.ReviewReport(ctx, "P01", "2024H1", forms.DOCX)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := forms.WriteReport(&b, rep.Document(), forms.DOCX); err != nil {
			t.Fatal(err)
		}
		docx = b.Bytes()
		text, media := reviewDOCXText(t, docx)
		for _, want := range append(append([]string{}, reviewH1Sentences...), reviewHead...) {
			if !strings.Contains(text, want) {
				t.Errorf("DOCX lacks %q", want)
			}
		}
		if media != 1 {
			t.Errorf("DOCX holds %d images, want the chart", media)
		}
		// PDF: extract the text.
		b.Reset()
		if err := forms.WriteReport(&b, rep.Document(), forms.PDF); err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("TOCHUC_REPORT_OUT"); dir != "" { // to look at the files
			os.WriteFile(filepath.Join(dir, "bao-cao-"+filepath.Base(t.Name())+".pdf"), b.Bytes(), 0o600)
			os.WriteFile(filepath.Join(dir, "bao-cao-"+filepath.Base(t.Name())+".docx"), docx, 0o600)
		}
		ptext := reviewPDFText(t, b.Bytes())
		for _, want := range append(append([]string{}, reviewH1Sentences...), reviewHead...) {
			if !strings.Contains(ptext, want) {
				t.Errorf("PDF lacks %q", want)
			}
		}

		// Each report is audited.
		var n int
		if err := rawDB(t, db).QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'report.review' AND object_id = 'P01'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Errorf("audit entries %d, want 3", n)
		}
		// A bad period, a period not begun.
		for _, p := range []string{"2024H3", "2027"} {
			if _, err := svc.ReviewFigures(ctx, "P01", p, "json"); tochuc.ErrorCode(err) != tochuc.EINVALID {
				t.Errorf("period %s: %v", p, err)
			}
		}
		// JSON form round-trips.
		if _, err := json.Marshal(f); err != nil {
			t.Fatal(err)
		}
	})
	if docx != nil {
		reviewLibreOffice(t, docx)
	}
}

// reviewDOCXText is the text of word/document.xml (tags dropped, one space between
// paragraphs) and the number of media files.
func reviewDOCXText(t *testing.T, docx []byte) (string, int) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	var text string
	media := 0
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "word/media/") {
			media++
		}
		if f.Name != "word/document.xml" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		s := strings.ReplaceAll(string(b), "</w:p>", " ")
		s = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, "")
		s = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'").Replace(s)
		text = strings.Join(strings.Fields(s), " ")
	}
	return text, media
}

// reviewTool finds a tool; missing, the test fails in CI and is skipped elsewhere.
func reviewTool(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if bin, err := exec.LookPath(n); err == nil {
			return bin
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing in CI", names[0])
	}
	t.Skipf("%s not installed", names[0])
	return ""
}

// reviewPDFText extracts a PDF's text with pdftotext, words joined by single spaces.
func reviewPDFText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := reviewTool(t, "pdftotext")
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// reviewLibreOffice converts the DOCX to PDF with LibreOffice: a file it refuses fails here.
func reviewLibreOffice(t *testing.T, docx []byte) {
	bin := reviewTool(t, "soffice", "libreoffice")
	dir := t.TempDir()
	in := filepath.Join(dir, "bao-cao.docx")
	if err := os.WriteFile(in, docx, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	if bytes.Contains(bytes.ToLower(out), []byte("error")) {
		t.Errorf("soffice reported an error:\n%s", out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "bao-cao.pdf"))
	if err != nil {
		t.Fatalf("no PDF from LibreOffice: %v\n%s", err, out)
	}
	text := reviewPDFText(t, pdf)
	for _, want := range []string{reviewH1Sentences[1], "ĐẢNG CỘNG SẢN VIỆT NAM"} {
		if !strings.Contains(text, want) {
			t.Errorf("LibreOffice's PDF lacks %q", want)
		}
	}
}

// reviewRestructure is the reform of 01/07/2025 on the province of reviewFixture: the two
// districts are dissolved and the 30 communes merged two by two into 15 new communes directly
// under the province (the first 10, made of border communes, keep the attribute).
func reviewRestructure(t *testing.T, svc *service.Service) {
	t.Helper()
	var rows []importer.PlanRow
	for k := 1; k <= 15; k++ {
		nc := fmt.Sprintf("P01-N%02d", k)
		r := importer.PlanRow{NewCode: nc, NewName: fmt.Sprintf("Đảng bộ xã mới số %d", k), NewKind: tochuc.KindCommune,
			NewSetting: "commune", NewParentCode: "P01"}
		if k <= 10 {
			r.NewAttrs = []string{"border"}
		}
		rows = append(rows, r,
			importer.PlanRow{OldCode: fmt.Sprintf("P01-X%02d", 2*k-1), NewCode: nc},
			importer.PlanRow{OldCode: fmt.Sprintf("P01-X%02d", 2*k), NewCode: nc})
	}
	rows = append(rows, importer.PlanRow{OldCode: "P01-H1"}, importer.PlanRow{OldCode: "P01-H2"})
	rep, err := svc.ApplyRestructure(sysCtx(), plan(rows...), false)
	if err != nil || rep.Failed() || !rep.Applied {
		t.Fatalf("restructure: %v %+v", err, rep)
	}
	waitFresh(t, svc)
}

// TestReviewReportAcrossRestructure: a report as of 30/06/2024 counts the pre-2025 tree (the
// districts), one as of today the new tree (the merged communes), and the totals agree across
// the restructure.
func TestReviewReportAcrossRestructure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		reviewFixture(t, svc)
		reviewRestructure(t, svc)
		ctx := sysCtx()
		figs := map[string]*reports.Figures{}
		for _, p := range []string{"2024H1", "2025H1", "2025", "2026"} {
			f, err := svc.ReviewFigures(ctx, "P01", p, "json")
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			figs[p] = f
		}
		newCommunes := make([]string, 15)
		for k := range newCommunes {
			newCommunes[k] = fmt.Sprintf("P01-N%02d", k+1)
		}
		for p, want := range map[string][]string{"2024H1": {"P01-H1", "P01-H2"}, "2025H1": {"P01-H1", "P01-H2"},
			"2025": newCommunes, "2026": newCommunes} {
			f := figs[p]
			var codes []string
			var sum int64
			for _, c := range f.Children {
				codes = append(codes, c.Code)
				sum += c.Members
			}
			sort.Strings(codes) // the children come by name
			if strings.Join(codes, ",") != strings.Join(want, ",") {
				t.Errorf("%s: children %v, want %v", p, codes, want)
			}
			if sum != f.Members.Total {
				t.Errorf("%s: the children hold %d members, the province %d", p, sum, f.Members.Total)
			}
		}
		// The old tree's report is the one made before the plan, sentence for sentence.
		if got := figs["2024H1"].Sentences(); strings.Join(got, "\n") != strings.Join(reviewH1Sentences, "\n") {
			t.Errorf("2024H1 after the restructure:\n%s", strings.Join(got, "\n"))
		}
		// Totals across the restructure: nobody moved or left after 2024; the only change after
		// 30/06/2024 is the admission of September 2024.
		if a, b, c, d := figs["2024H1"].Members.Total, figs["2025H1"].Members.Total, figs["2025"].Members.Total, figs["2026"].Members.Total; a != 1352 || b != 1353 || c != b || d != b {
			t.Errorf("totals 30/06/2024 %d, 30/06/2025 %d, 31/12/2025 %d, today %d", a, b, c, d)
		}
		for _, p := range []string{"2025", "2026"} {
			f := figs[p]
			if f.Opening != f.Members.Total {
				t.Errorf("%s: opening %d, closing %d", p, f.Opening, f.Members.Total)
			}
			for fl, n := range f.Flows {
				if n != 0 {
					t.Errorf("%s: flow %s = %d; the restructure moved members inside the province only", p, fl, n)
				}
			}
		}
		want := map[string][]string{
			"2025": {
				"Tính đến ngày 31/12/2025, toàn tỉnh có 1.353 đảng viên (902 đảng viên chính thức, 451 đảng viên dự bị), bằng số đảng viên ngày 31/12/2024; đạt 78,71% so với chỉ tiêu nhiệm kỳ 2020–2025 (1.719 đảng viên).",
				"Năm 2025, toàn tỉnh chưa kết nạp được đảng viên nào.",
				"Trong kỳ, không có đảng viên dự bị được công nhận đảng viên chính thức; không có đảng viên chuyển sinh hoạt đảng chính thức đến hoặc đi.",
			},
			"2026": {
				"Tính đến ngày 15/01/2026, toàn tỉnh có 1.353 đảng viên (902 đảng viên chính thức, 451 đảng viên dự bị), bằng số đảng viên ngày 31/12/2025.",
				"Năm 2026 (đến ngày 15/01/2026), toàn tỉnh chưa kết nạp được đảng viên nào.",
				"Không có đảng viên bị xoá tên, cho ra khỏi Đảng hoặc khai trừ; không có đảng viên từ trần.",
			},
		}
		for p, ws := range want {
			got := strings.Join(figs[p].Sentences(), "\n")
			for _, w := range ws {
				if !strings.Contains(got, w) {
					t.Errorf("%s lacks %q:\n%s", p, w, got)
				}
			}
		}
		// The documents: the districts in the half-year 2024, the new communes today.
		for p, names := range map[string][2]string{"2024H1": {"Đảng bộ huyện Cao Lộc", "Đảng bộ xã mới số"}, "2026": {"Đảng bộ xã mới số 15", "Đảng bộ huyện"}} {
			rep, err := svc.ReviewReport(ctx, "P01", p, forms.DOCX)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := forms.WriteReport(&b, rep.Document(), forms.DOCX); err != nil {
				t.Fatal(err)
			}
			text, _ := reviewDOCXText(t, b.Bytes())
			if !strings.Contains(text, names[0]) || strings.Contains(text, names[1]) {
				t.Errorf("%s DOCX: want %q and not %q", p, names[0], names[1])
			}
			for _, s := range figs[p].Sentences() {
				if !strings.Contains(text, s) {
					t.Errorf("%s DOCX lacks %q", p, s)
				}
			}
		}
		// The congress term chosen: on the eve of the reform the old communes count; in the new
		// tree the communes are above the basic level (and this fixture has no cells under
		// them), so the congress figure has nothing to count and is left out.
		for p, want := range map[string]string{"2025H1": "Đến ngày 30/06/2025, 26/30 tổ chức cơ sở đảng đã tổ chức đại hội nhiệm kỳ 2025–2030 (đạt 86,67%).", "2025": ""} {
			tf, err := svc.ReviewFiguresTerm(ctx, "P01", p, 2025, "json")
			if err != nil {
				t.Fatal(err)
			}
			if got := tf.CongressSentence(); got != want {
				t.Errorf("%s congress, term 2025:\n got %s\nwant %s", p, got, want)
			}
		}
	})
}
