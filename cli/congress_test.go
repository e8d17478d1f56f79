package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tochuc"
)

func TestCongressCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	orgs := filepath.Join(dir, "orgs.csv")
	os.WriteFile(orgs, []byte("code,name,kind,parent_code,admin_unit_code,valid_from,valid_to,attrs\n"+
		"TW,Đảng Cộng sản Việt Nam,party,,,2000-01-01,,\n"+
		"T01,Đảng bộ tỉnh Hà Giang,central_direct,TW,,2000-01-01,,\n"+
		"X01,Đảng bộ xã Lũng Cú,basic_committee,T01,,2000-01-01,,\n"+
		"X02,Đảng bộ xã Ma Lé,basic_committee,T01,,2000-01-01,,\n"), 0o644)
	if _, stderr, err := run(t, db, "import", "orgs", orgs); err != nil {
		t.Fatalf("import orgs: %v\n%s", err, stderr)
	}
	out, stderr, err := run(t, db, "congress", "record", "--org", "X01", "--term", "2025", "--held-on", "2025-05-20", "--document", "1-NQ/ĐH")
	if err != nil || !strings.Contains(out, "Đã ghi đại hội") {
		t.Fatalf("record: %v\n%s%s", err, out, stderr)
	}
	_, stderr, err = run(t, db, "congress", "record", "--org", "X02", "--term", "2025", "--held-on", "2031-01-01")
	if tochuc.ErrorCode(err) != tochuc.EINVALID || !strings.Contains(err.Error(), "sau hôm nay") {
		t.Errorf("future congress: %v\n%s", err, stderr)
	}
	out, _, err = run(t, db, "congress", "progress", "--org", "T01", "--term", "2025", "--as-of", "2025-06-30")
	if err != nil || !strings.Contains(out, "T01,2025,2025-06-30,1,2,\"50,00%\",\"1/2 tổ chức cơ sở đảng đã tổ chức đại hội (đạt 50,00%)\"") {
		t.Errorf("progress: %v\n%s", err, out)
	}
}
