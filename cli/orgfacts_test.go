package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tochuc"
)

func TestOrgFactsCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	orgs := filepath.Join(dir, "orgs.csv")
	os.WriteFile(orgs, []byte("code,name,kind,setting,parent_code,admin_unit_code,valid_from,valid_to,attrs\n"+
		"TW,Đảng Cộng sản Việt Nam,party,,,,2000-01-01,,\n"+
		"T01,Đảng bộ tỉnh Hà Giang,central_direct,province,TW,,2000-01-01,,\n"+
		"X01,Đảng bộ xã Lũng Cú,commune,commune,T01,,2000-01-01,,border\n"+
		"X01-C1,Chi bộ thôn Lô Lô Chải,cell,village,X01,,2000-01-01,,\n"+
		"X02,Đảng bộ xã Ma Lé,commune,commune,T01,,2000-01-01,,border\n"), 0o644)
	if _, stderr, err := run(t, db, "import", "orgs", orgs); err != nil {
		t.Fatalf("import orgs: %v\n%s", err, stderr)
	}
	if _, stderr, err := run(t, db, "orgfacts", "set", "--org", "X01", "--year", "2024", "--population", "5000", "--villages", "4"); err != nil {
		t.Fatalf("set: %v\n%s", err, stderr)
	}
	if _, _, err := run(t, db, "orgfacts", "set", "--org", "X01", "--year", "2024", "--villages", "2", "--villages-with-cell", "3"); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("more villages with a cell than villages: %v", err)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("org_code,year,population\nX02,2024,abc\nX02,2024,100\n"), 0o644)
	if _, stderr, err := run(t, db, "orgfacts", "import", bad); tochuc.ErrorCode(err) != tochuc.EINVALID || !strings.Contains(stderr, "dòng 2") {
		t.Errorf("bad file: %v\n%s", err, stderr)
	}
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("org_code,year,population,villages,villages_with_cell,document\nX02,2024,2.500,5,5,Niên giám 2024\n"), 0o644)
	if out, stderr, err := run(t, db, "orgfacts", "import", good); err != nil {
		t.Fatalf("good file: %v\n%s%s", err, out, stderr)
	}
	out, _, err := run(t, db, "orgfacts", "list", "--org", "T01", "--as-of", "2025-01-01")
	// No members yet: 0 of 7.500 people; 1 (derived) + 5 of 9 villages have a cell.
	if err != nil || !strings.Contains(out, "T01,2025-01-01,0,7500,0,2,\"0,00%\",9,6,2,\"66,67%\",2,0,0") ||
		!strings.Contains(out, "X01,2025-01-01,0,5000,0,1,\"0,00%\",4,1,1,\"25,00%\",1,0,0") {
		t.Errorf("list: %v\n%s", err, out)
	}
	if out, _, err := run(t, db, "orgfacts", "list", "--org", "X02", "--format", "json"); err != nil || !strings.Contains(out, `"population": 2500`) {
		t.Errorf("json: %v\n%s", err, out)
	}
}
