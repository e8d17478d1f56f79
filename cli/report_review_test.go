package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
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
