package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tochuc"
	"tochuc/store"
)

func TestFormCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if _, stderr, err := run(t, db, "import", "orgs", write(t, dir, "orgs.csv", orgsCSV)); err != nil {
		t.Fatalf("import orgs: %v\n%s", err, stderr)
	}
	head := "full_name,sex,birth_date,cccd,org_code,admission_date,official_date\n"
	if _, stderr, err := run(t, db, "import", "members", write(t, dir, "m.csv", head+memberLine("Nguyễn Thị Hằng", "female", 1980, 1, "X01-C1"))); err != nil {
		t.Fatalf("import members: %v\n%s", err, stderr)
	}
	pdf := filepath.Join(dir, "9-knd.pdf")
	if _, stderr, err := run(t, db, "form", "9-knd", "--member", "1", "--out", pdf); err != nil {
		t.Fatalf("form: %v\n%s", err, stderr)
	}
	if b, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF: %v", err)
	}
	docx := filepath.Join(dir, "cn.docx")
	if _, stderr, err := run(t, db, "form", "cong-nhan", "--member", "1", "--out", docx); err != nil {
		t.Fatalf("form docx: %v\n%s", err, stderr)
	}
	if b, err := os.ReadFile(docx); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Fatalf("no DOCX: %v", err)
	}
	if _, _, err := run(t, db, "form", "gioi-thieu", "--member", "1", "--out", filepath.Join(dir, "x.pdf")); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
		t.Errorf("slip without a transfer: %v", err)
	}
	if _, _, err := run(t, db, "form", "9-knd", "--member", "1", "--out", filepath.Join(dir, "x.txt")); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("txt format: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a failed print left a file")
	}
	if _, _, err := run(t, db, "form", "9-knd"); err == nil {
		t.Error("no member accepted")
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	es, _ := s.ListAudit(context.Background(), store.AuditFilter{Action: tochuc.AuditExport, Limit: 5})
	n := 0
	for _, e := range es {
		if strings.HasPrefix(e.Detail, "in mẫu") && e.Channel == tochuc.ChannelCLI {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d prints in the audit trail, want 2: %+v", n, es)
	}
}
