package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tochuc"
)

func TestTargetCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	orgs := filepath.Join(dir, "orgs.csv")
	os.WriteFile(orgs, []byte("code,name,kind,parent_code,admin_unit_code,valid_from,valid_to,attrs\n"+
		"TW,Đảng Cộng sản Việt Nam,party,,,2000-01-01,,\n"+
		"T01,Đảng bộ tỉnh Hà Giang,central_direct,TW,,2000-01-01,,\n"+
		"X01,Đảng bộ xã Lũng Cú,basic_committee,T01,,2000-01-01,,border\n"), 0o644)
	if _, stderr, err := run(t, db, "import", "orgs", orgs); err != nil {
		t.Fatalf("import orgs: %v\n%s", err, stderr)
	}
	if _, stderr, err := run(t, db, "target", "set", "--org", "T01", "--year", "2024", "--figure", "admitted", "--target", "1183"); err != nil {
		t.Fatalf("set: %v\n%s", err, stderr)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("org_code,year,figure,direction,target\nX01,2024,admitted,tối thiểu,6\nX01,2024,born,,6\n"), 0o644)
	_, stderr, err := run(t, db, "target", "import", bad)
	if tochuc.ErrorCode(err) != tochuc.EINVALID || !strings.Contains(stderr, "dòng 3, cột Chỉ số (figure): chỉ số \"born\" không có") {
		t.Errorf("bad file: %v\n%s", err, stderr)
	}
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("Mã tổ chức đảng,Năm,Chỉ số,Chiều,Chỉ tiêu\nX01,2024,admitted,tối thiểu,6\nX01,2024,removed,kéo giảm,2\n"), 0o644)
	out, stderr, err := run(t, db, "target", "import", good)
	if err != nil || !strings.Contains(out, "2 tạo mới") {
		t.Fatalf("good file: %v\n%s%s", err, out, stderr)
	}
	out, _, err = run(t, db, "target", "list", "--org", "T01", "--year", "2024", "--as-of", "2024-06-30")
	if err != nil || !strings.Contains(out, "T01,2024,2024,admitted,,at_least,2024-01-01,2024-06-30,0,1183,\"0,00%\",false") {
		t.Errorf("list: %v\n%s", err, out)
	}
	out, _, err = run(t, db, "target", "list", "--org", "T01", "--year", "2024", "--as-of", "2024-06-30", "--group", "border")
	if err != nil || !strings.Contains(out, "border,1,admitted,,at_least,0,6,") || !strings.Contains(out, "border,1,removed,,at_most,0,2,\"0,00%\",true") {
		t.Errorf("group: %v\n%s", err, out)
	}
}
