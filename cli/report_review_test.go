package cli_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tochuc"
)

func TestReportReviewCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	if _, stderr, err := run(t, db, "demo", "--members", "1000"); err != nil {
		t.Fatalf("demo: %v\n%s", err, stderr)
	}
	docx := filepath.Join(dir, "bc.docx")
	if _, stderr, err := run(t, db, "report", "review", "--org", "TW", "--period", "2024H1", "--out", docx, "--trace"); err != nil {
		t.Fatalf("report review: %v\n%s", err, stderr)
	}
	b, err := os.ReadFile(docx)
	if err != nil || !strings.HasPrefix(string(b), "PK") {
		t.Fatalf("docx: %v %.4q", err, b)
	}
	var side struct {
		Code  string `json:"period_code"`
		Trace []struct {
			ID    string `json:"id"`
			Value string `json:"value"`
			Query struct {
				Kind string      `json:"kind"`
				Org  string      `json:"org"`
				AsOf tochuc.Date `json:"as_of"`
			} `json:"query"`
		} `json:"trace"`
	}
	tb, err := os.ReadFile(docx + ".trace.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(tb, &side); err != nil || side.Code != "2024H1" || len(side.Trace) < 10 {
		t.Fatalf("trace: %v %.300s", err, tb)
	}
	if tr := side.Trace[0]; tr.ID != "members.total" || tr.Query.Kind != "members" || tr.Query.Org != "TW" || tr.Query.AsOf != "2024-06-30" {
		t.Errorf("first traced figure %+v", tr)
	}
	// The format from the extension; the JSON form on stdout.
	pdf := filepath.Join(dir, "bc.pdf")
	if _, stderr, err := run(t, db, "report", "review", "--org", "TW", "--period", "2024Q3", "--out", pdf); err != nil {
		t.Fatalf("pdf: %v\n%s", err, stderr)
	}
	if b, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("pdf: %v", err)
	}
	out, _, err := run(t, db, "report", "review", "--org", "TW", "--period", "2024", "--format", "json", "--out", "-")
	if err != nil || !strings.Contains(out, `"period_code": "2024"`) {
		t.Errorf("json: %v %.200s", err, out)
	}
	// The congress term chosen; the symbol and the signer printed.
	out, _, err = run(t, db, "report", "review", "--org", "TW", "--period", "2024", "--term", "2025", "--format", "json", "--out", "-")
	if err != nil || !strings.Contains(out, `"term": "2025–2030"`) {
		t.Errorf("--term: %v %.300s", err, out)
	}
	if _, _, err := run(t, db, "report", "review", "--org", "TW", "--period", "2024", "--term", "1990", "--out", pdf); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("term far from the period: %v", err)
	}
	if _, stderr, err := run(t, db, "report", "review", "--org", "TW", "--period", "2024", "--out", docx, "--symbol", "45-BC/TW",
		"--signer", "Nguyễn Văn A", "--signer-title", "Phó Bí thư"); err != nil {
		t.Fatalf("signed: %v\n%s", err, stderr)
	}
	if b, err := os.ReadFile(docx); err != nil || !bytes.Contains(b, []byte("PK")) {
		t.Fatalf("signed docx: %v", err)
	} else if text := docxText(t, b); !strings.Contains(text, "45-BC/TW") || !strings.Contains(text, "Nguyễn Văn A") {
		t.Errorf("signed docx lacks the symbol or the signer: %.400s", text)
	}
	if _, _, err := run(t, db, "report", "review", "--org", "TW", "--period", "2024", "--out", pdf, "--symbol", strings.Repeat("x", 41)); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("long symbol: %v", err)
	}
	// Errors: a bad period, a bad format, a missing flag.
	if _, _, err := run(t, db, "report", "review", "--org", "TW", "--period", "2024H3", "--out", pdf); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("bad period: %v", err)
	}
	if _, _, err := run(t, db, "report", "review", "--org", "TW", "--period", "2024", "--out", filepath.Join(dir, "x.odt")); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("bad format: %v", err)
	}
	if _, _, err := run(t, db, "report", "review", "--org", "TW", "--out", pdf); err == nil {
		t.Errorf("no period accepted")
	}
}

// docxText is the text of a DOCX's body, tags dropped.
func docxText(t *testing.T, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			x, _ := io.ReadAll(r)
			return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(x), ""))
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}
