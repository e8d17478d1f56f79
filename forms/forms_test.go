package forms_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tochuc/forms"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func admission() *forms.AdmissionDecision {
	return &forms.AdmissionDecision{
		Issuer: forms.Issuer{Superior: "Đảng bộ tỉnh Hà Giang", Committee: "Huyện ủy Đồng Văn", Abbrev: "HU"},
		Number: "123-QĐ/HU", Place: "Đồng Văn", Date: "2024-02-05",
		Bases:      []string{"Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", "Căn cứ Quy định số 24-QĐ/TW của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;"},
		ProposedBy: "Đảng ủy xã Lũng Cú và Ban Tổ chức Huyện ủy Đồng Văn",
		Member:     forms.Person{Name: "Nguyễn Thị Ánh Tuyết", BirthDate: "10/05/1998", HomeTown: "xã Lũng Cú, huyện Đồng Văn, tỉnh Hà Giang", Residence: "thôn Lô Lô Chải"},
		Cell:       "Chi bộ thôn Lô Lô Chải", BasicOrg: "Đảng bộ xã Lũng Cú", ProbationMonths: 12,
		Signer:     forms.Signature{Name: "Vàng Seo Dỉ", Title: "Phó Bí thư"},
		Recipients: []string{"Đảng ủy xã Lũng Cú,", "Chi bộ thôn Lô Lô Chải,", "Đồng chí có tên tại Điều 1,", "Lưu hồ sơ đảng viên."},
	}
}

func recognition() *forms.RecognitionDecision {
	return &forms.RecognitionDecision{
		Issuer: forms.Issuer{Superior: "Đảng bộ tỉnh Hà Giang", Committee: "Huyện ủy Đồng Văn", Abbrev: "HU"},
		Place:  "Đồng Văn", Date: "2025-03-20",
		Member: forms.Person{Name: "Nguyễn Thị Ánh Tuyết", BirthDate: "10/05/1998", HomeTown: "Hà Giang"},
		Cell:   "Chi bộ thôn Lô Lô Chải", BasicOrg: "Đảng bộ xã Lũng Cú",
		AdmissionDate: "2024-02-05", CeremonyDate: "2024-03-01", OfficialDate: "2025-03-01",
	}
}

func slip() *forms.TransferSlip {
	return &forms.TransferSlip{
		Issuer:     forms.Issuer{Superior: "Đảng bộ tỉnh Hà Giang", Committee: "Huyện ủy Đồng Văn"},
		CardNumber: "02000001", HistoryNumber: "LL-17", To: "Huyện ủy Bảo Lạc",
		Member:   forms.Person{Name: "Nguyễn Văn An", BirthDate: "10/05/1970"},
		JoinedOn: "2010-03-01", OfficialOn: "2011-03-01", DuesPaidMonth: "03/2025",
		Destination: "Đảng bộ xã Cô Ba", Attachments: "hồ sơ đảng viên", PresentBy: "2025-04-15",
		Place: "Đồng Văn", Date: "2025-03-03", Signer: forms.Signature{Title: "Phó Bí thư"},
	}
}

func allForms() map[string]forms.Form {
	return map[string]forms.Form{"9-knd": admission(), "cong-nhan": recognition(), "gioi-thieu": slip()}
}

func docx(t *testing.T, f forms.Form) map[string][]byte {
	t.Helper()
	var b bytes.Buffer
	if err := forms.Write(&b, f, forms.DOCX); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], _ = io.ReadAll(r)
		r.Close()
	}
	return parts
}

// wellFormed parses the XML to the end and returns its character data.
func wellFormed(t *testing.T, name string, data []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		if c, ok := tok.(xml.CharData); ok {
			text.Write(c)
		}
	}
	return text.String()
}

func TestDOCXParts(t *testing.T) {
	for name, f := range allForms() {
		parts := docx(t, f)
		for _, want := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels", "docProps/core.xml"} {
			if _, ok := parts[want]; !ok {
				t.Errorf("%s: no part %s", name, want)
			}
		}
		for part, data := range parts {
			wellFormed(t, name+" "+part, data)
		}
		text := wellFormed(t, name, parts["word/document.xml"])
		if !norm.NFC.IsNormalString(text) {
			t.Errorf("%s: text not in NFC", name)
		}
		if !strings.Contains(string(parts["word/styles.xml"]), `w:ascii="Times New Roman"`) {
			t.Errorf("%s: default font is not Times New Roman", name)
		}
		doc := string(parts["word/document.xml"])
		// A4 with the party margins: 20 mm top and bottom, 30 mm left, 15 mm right.
		if !strings.Contains(doc, `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"`) {
			t.Errorf("%s: page setup: %s", name, doc[strings.Index(doc, "<w:sectPr>"):])
		}
		for _, want := range []string{"ĐẢNG CỘNG SẢN VIỆT NAM", "HUYỆN ỦY ĐỒNG VĂN", "ĐẢNG BỘ TỈNH HÀ GIANG"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: document lacks %q", name, want)
			}
		}
	}
	text := wellFormed(t, "9-knd", docx(t, admission())["word/document.xml"])
	for _, want := range []string{"QUYẾT ĐỊNH", "kết nạp đảng viên", "Nguyễn Thị Ánh Tuyết", "Số 123-QĐ/HU",
		"Đồng Văn, ngày 05 tháng 02 năm 2024", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Vàng Seo Dỉ", "Nơi nhận:",
		"BAN THƯỜNG VỤ HUYỆN ỦY ĐỒNG VĂN", "là 12 tháng"} {
		if !strings.Contains(text, want) {
			t.Errorf("9-KNĐ lacks %q", want)
		}
	}
	text = wellFormed(t, "slip", docx(t, slip())["word/document.xml"])
	for _, want := range []string{"Số TĐV: 02000001", "Số LL: LL-17", "Số SĐV: ", "GTSHĐ", "Đã đóng đảng phí đến hết tháng: 03/2025",
		"Kính gửi: Huyện ủy Bảo Lạc", "KÍNH CHUYỂN", "SINH HOẠT ĐẢNG CHÍNH THỨC", "15/04/2025"} {
		if !strings.Contains(text, want) {
			t.Errorf("slip lacks %q", want)
		}
	}
}

// TestDOCXEscaping: names with XML's special characters stay text, and control characters go.
func TestDOCXEscaping(t *testing.T) {
	a := admission()
	a.Member.Name = `Lê <b>&"Tí'</b> ]]> Tèo` + "\x00\x1b"
	a.Recipients = []string{`<w:p>&amp;`}
	a.Issuer.Committee = "Đảng ủy \"A&B\""
	parts := docx(t, a)
	text := wellFormed(t, "document", parts["word/document.xml"])
	for _, want := range []string{`Lê <b>&"Tí'</b> ]]> Tèo`, `<w:p>&amp;`, `ĐẢNG ỦY "A&B"`} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q lost in escaping", want)
		}
	}
	if strings.ContainsAny(text, "\x00\x1b") {
		t.Error("control characters reached the XML")
	}
	wellFormed(t, "core", parts["docProps/core.xml"])
}

// TestDOCXGolden keeps document.xml stable: the same form gives the same bytes, and a change of
// layout shows in review (go test ./forms -update rewrites the files).
func TestDOCXGolden(t *testing.T) {
	for name, f := range allForms() {
		got := forms.DocumentXML(f.Document())
		path := filepath.Join("testdata", name+".document.xml")
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./forms -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: document.xml differs from %s (run go test ./forms -update after checking the change)", name, path)
		}
		var a, b bytes.Buffer
		forms.Write(&a, f, forms.DOCX)
		forms.Write(&b, f, forms.DOCX)
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two DOCX of the same form differ", name)
		}
	}
}

func pdfBytes(t *testing.T, f forms.Form) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := forms.Write(&b, f, forms.PDF); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b.Bytes()[:min(20, b.Len())])
	}
	return b.Bytes()
}

// pdftotext extracts the text of a PDF with poppler's pdftotext; the test is skipped where the
// tool is missing, except in CI (CI=true), which installs poppler-utils.
func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing in CI: install poppler-utils")
		}
		t.Skip("pdftotext not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "f.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return norm.NFC.String(string(out))
}

func TestPDFText(t *testing.T) {
	cases := map[string][]string{
		"9-knd": {"QUYẾT ĐỊNH", "kết nạp đảng viên", "Nguyễn Thị Ánh Tuyết", "ĐẢNG CỘNG SẢN VIỆT NAM", "HUYỆN ỦY ĐỒNG VĂN",
			"Số 123-QĐ/HU", "ngày 05 tháng 02 năm 2024", "T/M BAN THƯỜNG VỤ", "Vàng Seo Dỉ", "Kết nạp đồng chí"},
		"cong-nhan":  {"QUYẾT ĐỊNH", "công nhận đảng viên chính thức", "01/03/2025", "Số", "-QĐ/HU"},
		"gioi-thieu": {"GIẤY GIỚI THIỆU", "SINH HOẠT ĐẢNG CHÍNH THỨC", "Số TĐV: 02000001", "đã đóng đảng phí đến hết tháng", "03/2025", "KÍNH CHUYỂN"},
	}
	for name, f := range allForms() {
		text := pdftotext(t, pdfBytes(t, f))
		flat := strings.Join(strings.Fields(text), " ")
		for _, want := range cases[name] {
			if !strings.Contains(strings.ToLower(flat), strings.ToLower(want)) {
				t.Errorf("%s: pdftotext lacks %q in:\n%s", name, want, text)
			}
		}
	}
}

func TestPDFEscapingAndStable(t *testing.T) {
	a := admission()
	a.Member.Name = `Lê <Tí> & "Tèo" 'Ỷ'`
	b1, b2 := pdfBytes(t, a), pdfBytes(t, a)
	if !bytes.Equal(b1, b2) {
		t.Error("two PDFs of the same form differ")
	}
	if text := pdftotext(t, b1); !strings.Contains(strings.Join(strings.Fields(text), " "), `Lê <Tí> & "Tèo" 'Ỷ'`) {
		t.Errorf("name lost: %s", text)
	}
}

// TestDOCXOpensInLibreOffice converts the DOCX to PDF with LibreOffice (installed by .ci/run; a
// skip outside CI): a file Word-compatible software refuses fails here.
func TestDOCXOpensInLibreOffice(t *testing.T) {
	bin, err := exec.LookPath("libreoffice")
	if err != nil {
		if bin, err = exec.LookPath("soffice"); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("LibreOffice is missing in CI")
			}
			t.Skip("LibreOffice not installed")
		}
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "9-knd.docx")
	var b bytes.Buffer
	if err := forms.Write(&b, admission(), forms.DOCX); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(in, b.Bytes(), 0o600)
	cmd := exec.Command(bin, "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "9-knd.pdf"))
	if err != nil {
		t.Fatalf("no PDF from LibreOffice: %v", err)
	}
	if text := pdftotext(t, pdf); !strings.Contains(text, "Nguyễn Thị Ánh Tuyết") {
		t.Errorf("LibreOffice lost the name: %s", text)
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct{ org, committee, abbrev, place string }{
		{"Đảng bộ tỉnh Hà Giang", "Tỉnh ủy Hà Giang", "TU", "Hà Giang"},
		{"Đảng bộ huyện Đồng Văn", "Huyện ủy Đồng Văn", "HU", "Đồng Văn"},
		{"Đảng bộ xã Lũng Cú", "Đảng ủy xã Lũng Cú", "ĐU", "Lũng Cú"},
		{"Đảng bộ Thị xã Sa Pa", "Thị ủy Sa Pa", "TU", "Sa Pa"},
		{"Chi bộ thôn Lô Lô Chải", "Chi bộ thôn Lô Lô Chải", "CB", ""},
		{"Đảng bộ Khối cơ quan tỉnh", "Đảng ủy Khối cơ quan tỉnh", "ĐU", ""},
	} {
		if c2, a := forms.CommitteeOf(c.org); c2 != c.committee || a != c.abbrev {
			t.Errorf("CommitteeOf(%q) = %q %q", c.org, c2, a)
		}
		if p := forms.PlaceOf(c.org); p != c.place {
			t.Errorf("PlaceOf(%q) = %q, want %q", c.org, p, c.place)
		}
	}
}

func TestCardList(t *testing.T) {
	c := &forms.CardList{Issuer: forms.Issuer{Superior: "Huyện ủy Đồng Văn", Committee: "Đảng ủy xã Lũng Cú", Body: "Đảng ủy"},
		Place: "Lũng Cú", Date: "2025-03-20"}
	for i := 0; i < 30; i++ {
		c.Rows = append(c.Rows, forms.CardRow{Name: "Nguyễn Thị Ánh Tuyết", BirthDate: "10/05/1998", HomeTown: "Hà Giang",
			Org: "Chi bộ thôn Lô Lô Chải", AdmissionDate: "2024-02-05", OfficialDate: "2025-03-01"})
	}
	text := wellFormed(t, "1-TĐV", docx(t, c)["word/document.xml"])
	if !strings.Contains(text, "đề nghị phát thẻ đảng viên") || !strings.Contains(text, "Danh sách có 30 đồng chí.") || c.Code() != "1-TĐV" {
		t.Errorf("card list: %s", text)
	}
	if !strings.Contains(string(docx(t, c)["word/document.xml"]), `w:orient="landscape"`) {
		t.Error("card list is not landscape")
	}
	out := pdftotext(t, pdfBytes(t, c))
	if strings.Count(out, "Nguyễn Thị Ánh Tuyết") != 30 || !strings.Contains(out, "T/M ĐẢNG ỦY") {
		t.Errorf("card list pdf: %d names\n%s", strings.Count(out, "Nguyễn Thị Ánh Tuyết"), out)
	}
}
