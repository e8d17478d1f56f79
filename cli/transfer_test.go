package cli_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// A batch transfer from a CSV of member ids, the in-transit report, a receipt and the list.
func TestTransferCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if _, stderr, err := run(t, db, "import", "orgs", write(t, dir, "orgs.csv", orgsCSV)); err != nil {
		t.Fatalf("import orgs: %v\n%s", err, stderr)
	}
	head := "full_name,sex,birth_date,cccd,org_code,admission_date,official_date\n"
	members := write(t, dir, "m.csv", head+memberLine("Nguyễn Thị Hằng", "female", 1980, 1, "X01-C1")+
		memberLine("Trần Văn Đức", "male", 1981, 2, "X01-C1"))
	if _, stderr, err := run(t, db, "import", "members", members); err != nil {
		t.Fatalf("import members: %v\n%s", err, stderr)
	}
	ids := write(t, dir, "ids.csv", "member_id\n1\n2\n")
	out, stderr, err := run(t, db, "transfer", "issue", "--batch", ids, "--to", "X01", "--date", "2025-10-01", "--document", "3-GGT/ĐU")
	if err != nil || !strings.Contains(out, "Đã cấp 2 giấy giới thiệu") {
		t.Fatalf("batch: %q %q %v", out, stderr, err)
	}
	out, _, err = run(t, db, "transfer", "transit", "--org", "X01", "--as-of", "2025-12-01")
	if err != nil || !strings.Contains(out, "2 đảng viên đang chuyển sinh hoạt") || !strings.Contains(out, "quá hạn") {
		t.Fatalf("transit: %q %v", out, err)
	}
	if out, _, err = run(t, db, "transfer", "receive", "--id", "1", "--date", "2025-10-05"); err != nil || !strings.Contains(out, "Đã tiếp nhận") {
		t.Fatalf("receive: %q %v", out, err)
	}
	if _, _, err = run(t, db, "transfer", "receive", "--id", "1", "--date", "2025-10-06"); err == nil {
		t.Error("second receipt accepted")
	}
	out, _, err = run(t, db, "transfer", "list", "--org", "X01", "--status", "received")
	if err != nil || !strings.Contains(out, "Nguyễn Thị Hằng") || !strings.Contains(out, "1 giấy giới thiệu") {
		t.Errorf("list: %q %v", out, err)
	}
	if _, stderr, err := run(t, db, "transfer", "issue", "-h"); err != nil || !strings.Contains(stderr, "Cách dùng: tochuc transfer issue") {
		t.Errorf("help: %q %v", stderr, err)
	}
}
