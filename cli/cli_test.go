package cli_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tochuc"
	"tochuc/cli"
	"tochuc/store"
	"tochuc/tabular"
	"tochuc/vn"
)

// run executes one command line with TOCHUC_DB pointing at db (when not empty).
func run(t *testing.T, db string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "TOCHUC_DB" {
			return db
		}
		return ""
	}
	err = cli.Run(context.Background(), args, getenv, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), err
}

func TestVersion(t *testing.T) {
	out, _, err := run(t, "", "version")
	if err != nil {
		t.Fatal(err)
	}
	if out != "tochuc "+cli.Version+"\n" {
		t.Errorf("version printed %q", out)
	}
}

func TestUsage(t *testing.T) {
	_, stderr, err := run(t, "")
	if !errors.Is(err, cli.ErrUsage) {
		t.Errorf("no arguments: %v, want ErrUsage", err)
	}
	if !strings.Contains(stderr, "Các lệnh:") || !strings.Contains(stderr, "Cách dùng: tochuc <lệnh>") {
		t.Errorf("usage:\n%s", stderr)
	}
	for _, h := range []string{"-h", "--help", "help"} {
		_, stderr, err := run(t, "", h)
		if err != nil {
			t.Errorf("%s: %v", h, err)
		}
		for _, c := range []string{"serve", "demo", "migrate", "import", "export", "version", "bench"} {
			if !strings.Contains(stderr, "  "+c+" ") {
				t.Errorf("%s: command %s not listed:\n%s", h, c, stderr)
			}
		}
	}
	_, stderr, err = run(t, "", "frobnicate")
	if !errors.Is(err, cli.ErrUsage) || !strings.Contains(stderr, "lệnh không rõ") {
		t.Errorf("unknown command: %v\n%s", err, stderr)
	}
}

func TestSubcommandHelp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "never-created.db")
	for _, c := range []string{"serve", "demo", "migrate", "import", "export", "version", "bench"} {
		for _, h := range []string{"-h", "--help"} {
			t.Run(c+h, func(t *testing.T) {
				stdout, stderr, err := run(t, db, c, h)
				if err != nil {
					t.Errorf("%s %s: %v", c, h, err)
				}
				if !strings.Contains(stderr, "Cách dùng: tochuc "+c) {
					t.Errorf("%s %s printed no Vietnamese usage (stderr %q, stdout %q)", c, h, stderr, stdout)
				}
				if c != "version" && !strings.Contains(stderr, "-db") {
					t.Errorf("%s %s: usage lacks the --db option:\n%s", c, h, stderr)
				}
			})
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("asking for help created the database")
	}
}

func TestMigrate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	out, _, err := run(t, "", "migrate", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	// The version printed is the newest embedded migration.
	files, _ := filepath.Glob("../store/migrations/sqlite/*.sql")
	if !strings.Contains(out, fmt.Sprintf("phiên bản %d", len(files))) || !strings.Contains(out, "SQLite") {
		t.Errorf("migrate printed %q", out)
	}
}

const orgsCSV = `code,name,kind,parent_code,valid_from
TW,Đảng Cộng sản Việt Nam,party,,2000-01-01
T01,Đảng bộ tỉnh Hà Giang,central_direct,TW,2000-01-01
X01,Đảng bộ xã Lũng Cú,basic_committee,T01,2000-01-01
X01-C1,Chi bộ thôn 1,cell,X01,2000-01-01
`

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func memberLine(name, sex string, year, serial int, org string) string {
	return fmt.Sprintf("%s,%s,%d,%s,%s,01/01/2010,01/01/2011\n", name, sex, year, vn.MakeCitizenID("002", year, sex, serial), org)
}

func TestImportMembersErrorFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	out, stderr, err := run(t, db, "import", "orgs", write(t, dir, "orgs.csv", orgsCSV))
	if err != nil {
		t.Fatalf("import orgs: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "4 tạo mới") {
		t.Errorf("import orgs printed %q", out)
	}
	head := "full_name,sex,birth_date,cccd,org_code,admission_date,official_date\n"
	bad := write(t, dir, "bad.csv", head+
		memberLine("Nguyễn Thị Hằng", "female", 1980, 1, "X01-C1")+
		memberLine("Trần Văn Đức", "male", 1981, 2, "ZZZ")+
		"Lê Văn An,male,1982,12345,X01-C1,01/01/2010,01/01/2011\n")
	_, stderr, err = run(t, "", "import", "members", bad, "--db", db) // flags after the positional arguments
	if err == nil {
		t.Fatal("a file with bad rows was accepted")
	}
	if tochuc.ErrorCode(err) != tochuc.EINVALID || !strings.Contains(tochuc.ErrorMessage(err), "không có gì được ghi") {
		t.Errorf("error %v (code %s)", err, tochuc.ErrorCode(err))
	}
	if !strings.Contains(stderr, "dòng 3, cột Mã tổ chức đảng (org_code)") || !strings.Contains(stderr, "dòng 4") {
		t.Errorf("stderr does not list the rows:\n%s", stderr)
	}
	errFile := filepath.Join(dir, "bad.loi.csv")
	raw, err := os.ReadFile(errFile)
	if err != nil {
		t.Fatalf("error file: %v", err)
	}
	if !bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) {
		t.Error("error file has no BOM: Excel would garble the Vietnamese")
	}
	r, err := tabular.NewCSVReader(bytes.NewReader(raw), tabular.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Header(), "|"); got != "Dòng|Cột|Giá trị|Lỗi" {
		t.Errorf("error file header %q", got)
	}
	var rows [][]string
	for {
		row, err := r.Next()
		if err != nil {
			break
		}
		rows = append(rows, append([]string(nil), row.Cells...))
	}
	foundOrg, foundCCCD := false, false
	for _, row := range rows {
		if row[0] == "3" && row[1] == "Mã tổ chức đảng (org_code)" && row[2] == "ZZZ" && row[3] != "" {
			foundOrg = true
		}
		if row[0] == "4" && strings.HasPrefix(row[1], "Số CCCD") && row[2] == "12345" {
			foundCCCD = true
		}
	}
	if !foundOrg || !foundCCCD {
		t.Errorf("error file rows %v: want line 3 org_code ZZZ and line 4 CCCD 12345", rows)
	}
	// Nothing was written.
	sdb, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := sdb.MemberCount(context.Background())
	sdb.Close()
	if n != 0 {
		t.Errorf("%d members written by a rejected file", n)
	}

	// --errors chooses the error file; --dry-run of a good file writes nothing.
	custom := filepath.Join(dir, "loi-rieng.csv")
	if _, _, err := run(t, db, "import", "members", "--errors", custom, bad); err == nil {
		t.Error("bad file accepted")
	}
	if _, err := os.Stat(custom); err != nil {
		t.Errorf("--errors file: %v", err)
	}
	good := write(t, dir, "good.csv", head+memberLine("Nguyễn Thị Hằng", "female", 1980, 1, "X01-C1")+memberLine("Trần Văn Đức", "male", 1981, 2, "X01-C1"))
	out, _, err = run(t, db, "import", "members", good, "--dry-run")
	if err != nil || !strings.Contains(out, "Kiểm tra xong") || !strings.Contains(out, "2 tạo mới") {
		t.Errorf("dry run: %v %q", err, out)
	}
	out, _, err = run(t, db, "import", "members", good)
	if err != nil || !strings.Contains(out, "Đã nhập 2 dòng: 2 tạo mới") {
		t.Errorf("import: %v %q", err, out)
	}
	out, _, err = run(t, db, "import", "members", good)
	if err != nil || !strings.Contains(out, "2 không đổi") {
		t.Errorf("second import: %v %q (see service TestReimportExistingMembers)", err, out)
	}
	// Export the members to stdout.
	out, _, err = run(t, db, "export", "members", "--out", "-", "--as-of", "2025-01-01")
	if err != nil || !strings.HasPrefix(out, "id,full_name,sex,birth_date,cccd,card_number,org_code,status,admission_date,official_date,") ||
		!strings.Contains(out, "Nguyễn Thị Hằng") {
		t.Errorf("export to stdout: %v\n%s", err, out)
	}
}

func TestImportUsageErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	f := write(t, dir, "orgs.csv", orgsCSV)
	for _, args := range [][]string{{"import"}, {"import", "orgs"}, {"import", "people", f}, {"export", "orgs"}, {"export", "people", "--out", "x.csv"}, {"import", "orgs", f, "--bogus"}} {
		if _, _, err := run(t, db, args...); !errors.Is(err, cli.ErrUsage) {
			t.Errorf("%v: %v, want ErrUsage", args, err)
		}
	}
	if _, _, err := run(t, db, "import", "orgs", filepath.Join(dir, "missing.csv")); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("missing file: %v", err)
	}
	if _, _, err := run(t, db, "export", "orgs", "--as-of", "30/06/2025", "--out", filepath.Join(dir, "o.csv")); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("bad --as-of: %v", err)
	}
	if _, _, err := run(t, db, "demo", "--members", "10"); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("demo with 10 members: %v", err)
	}
}

// Warnings about unknown columns must reach the user for every kind of file.
func TestImportOrgsWarnings(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	f := write(t, dir, "orgs.csv", strings.Replace(orgsCSV, "valid_from\n", "valid_from,Ghi chú\n", 1))
	_, stderr, err := run(t, db, "import", "orgs", f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "cảnh báo") || !strings.Contains(stderr, "Ghi chú") {
		t.Errorf("BUG: the unknown column \"Ghi chú\" of an org file is not reported (stderr %q): cli/importexport.go "+
			"replaces the ReadOrgs report (and its Warnings) with svc.ImportOrgs's; `go vet` flags the self-assignment "+
			"`errs, rep.Warnings = rep.Errors, rep.Warnings` — keep the warnings: warns := rep.Warnings; …; rep.Warnings = append(warns, rep.Warnings...)", stderr)
	}
}

func TestDemoAndExportOrgsAsOf(t *testing.T) {
	skipSlowUnderRace(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	out, _, err := run(t, "", "demo", "--db", db, "--members", "1000", "--seed", "3")
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Đảng bộ cấp huyện") || !strings.Contains(out, "Xong sau") {
		t.Errorf("demo summary:\n%s", out)
	}
	// A second demo on the same file needs --force.
	if _, _, err := run(t, "", "demo", "--db", db, "--members", "1000"); tochuc.ErrorCode(err) != tochuc.ECONFLICT {
		t.Errorf("second demo without --force: %v", err)
	}
	f := filepath.Join(dir, "f.csv")
	_, stderr, err := run(t, db, "export", "orgs", "--as-of", "2025-06-30", "--out", f)
	if err != nil {
		t.Fatalf("export orgs: %v\n%s", err, stderr)
	}
	raw, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	r, err := tabular.NewCSVReader(bytes.NewReader(raw), tabular.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Header(), ","); got != "code,name,kind,parent_code,admin_unit_code,valid_from,valid_to,setting,attrs,document,members" {
		t.Errorf("header %q", got)
	}
	kinds := map[string]int{}
	rootMembers := ""
	rows := 0
	for {
		row, err := r.Next()
		if err != nil {
			break
		}
		rows++
		kinds[row.Cells[2]]++
		if row.Cells[0] == "TW" {
			rootMembers = row.Cells[10]
		}
	}
	if kinds[tochuc.KindCentralDirect] != 63 || kinds[tochuc.KindDistrict] != 696 {
		t.Errorf("on 30/06/2025: %d provinces, %d districts", kinds[tochuc.KindCentralDirect], kinds[tochuc.KindDistrict])
	}
	if !strings.Contains(stderr, fmt.Sprintf("Đã xuất %s dòng", vn.FormatInt(int64(rows)))) {
		t.Errorf("stderr %q does not count %d rows", stderr, rows)
	}
	if rootMembers == "" || rootMembers == "0" {
		t.Errorf("root members column %q", rootMembers)
	}
	// After the reform, as XLSX for people (by extension).
	x := filepath.Join(dir, "sau.xlsx")
	if _, _, err := run(t, db, "export", "orgs", "--as-of", "2025-07-01", "--out", x, "--org", "T01"); err != nil {
		t.Fatalf("export xlsx: %v", err)
	}
	xr, err := tabular.Open(x, tabular.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer xr.Close()
	if h := xr.Header(); len(h) == 0 || h[0] != "Mã tổ chức" {
		t.Errorf("xlsx header %v", h)
	}
	// No temporary file is left next to the output.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tochuc-export-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// skipSlowUnderRace skips a whole-country demo build on SQLite under the race detector (minutes
// instead of seconds); TOCHUC_TEST_DEMO=1 runs it anyway.
func skipSlowUnderRace(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the whole country")
	}
	if raceEnabled && os.Getenv("TOCHUC_TEST_DEMO") == "" {
		t.Skip("whole-country demo on SQLite is too slow under -race; set TOCHUC_TEST_DEMO=1 to run it")
	}
}
