package service_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"tochuc"
	"tochuc/importer"
	"tochuc/service"
	"tochuc/store"
	"tochuc/tabular"
	"tochuc/vn"
)

// fixedToday is the "today" of every service in these tests, so that results do not depend on
// the day the tests run.
const fixedToday = tochuc.Date("2026-01-15")

const (
	founded = tochuc.Date("2000-01-01")
	reform  = tochuc.Date("2025-07-01")
	eve     = tochuc.Date("2025-06-30")
)

func newService(db *store.DB) *service.Service {
	svc := service.New(db)
	svc.Today = func() tochuc.Date { return fixedToday }
	return svc
}

// orgRow is a short way to write an org file row.
func orgRow(line int, code, name, kind, parent string) importer.OrgRow {
	return importer.OrgRow{Line: line, Code: code, Name: name, Kind: kind, ParentCode: parent, ValidFrom: founded}
}

// fixtureOrgs is a small two-province tree of the pre-2025 shape.
func fixtureOrgs() []importer.OrgRow {
	rows := []importer.OrgRow{
		orgRow(0, "TW", "Đảng Cộng sản Việt Nam", tochuc.KindParty, ""),
		orgRow(0, "T01", "Đảng bộ tỉnh Hà Giang", tochuc.KindCentralDirect, "TW"),
		orgRow(0, "T02", "Đảng bộ tỉnh Cao Bằng", tochuc.KindCentralDirect, "TW"),
		orgRow(0, "H01", "Đảng bộ huyện Đồng Văn", tochuc.KindDistrict, "T01"),
		orgRow(0, "H02", "Đảng bộ huyện Bảo Lạc", tochuc.KindDistrict, "T02"),
		orgRow(0, "X01", "Đảng bộ xã Lũng Cú", tochuc.KindBasicCommittee, "H01"),
		orgRow(0, "X01-C1", "Chi bộ thôn Lô Lô Chải", tochuc.KindCell, "X01"),
		orgRow(0, "X01-C2", "Chi bộ thôn Thèn Pả", tochuc.KindCell, "X01"),
		orgRow(0, "X02", "Đảng bộ xã Ma Lé", tochuc.KindBasicCommittee, "H01"),
		orgRow(0, "X02-C1", "Chi bộ thôn Ma Lé", tochuc.KindCell, "X02"),
		orgRow(0, "X03", "Đảng bộ xã Cô Ba", tochuc.KindBasicCommittee, "H02"),
		orgRow(0, "X03-C1", "Chi bộ thôn Nà Vài", tochuc.KindCell, "X03"),
		orgRow(0, "B01", "Chi bộ Trường Trung học phổ thông Đồng Văn", tochuc.KindBasicCell, "H01"),
	}
	for i := range rows {
		rows[i].Line = i + 2
		rows[i].Document = "QĐ 1-QĐ/TU"
	}
	return rows
}

func importOrgs(t *testing.T, svc *service.Service, rows []importer.OrgRow) {
	t.Helper()
	rep, err := svc.ImportOrgs(sysCtx(), rows, false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed() {
		t.Fatalf("org import rejected: %v", rep.Errors)
	}
}

// person is a member of the fixture with a CCCD that passes the checks.
type person struct {
	name, sex, org  string
	birthYear       int
	admitted        tochuc.Date
	official        tochuc.Date
	card            string
	ethnicity       string
	citizenIDSerial int
}

func (p person) member() tochuc.Member {
	if p.birthYear == 0 {
		p.birthYear = 1980
	}
	m := tochuc.Member{FullName: p.name, Sex: p.sex, BirthDate: fmt.Sprintf("%d-05-10", p.birthYear),
		CitizenID: vn.MakeCitizenID("002", p.birthYear, p.sex, p.citizenIDSerial), CardNumber: p.card,
		AdmissionDate: p.admitted, OfficialDate: p.official, Ethnicity: p.ethnicity}
	return m
}

// fixturePeople are placed all over the fixture tree, directly in committees too.
func fixturePeople() []person {
	ps := []person{
		{name: "Nguyễn Văn An", sex: "male", org: "X01-C1", admitted: "2010-03-01", official: "2011-03-01", card: "02000001"},
		{name: "Lê Thị Ánh", sex: "female", org: "X01-C1", admitted: "2011-04-01", official: "2012-04-01", card: "02000002"},
		{name: "Trần Văn Dương", sex: "male", org: "X01-C2", admitted: "2012-05-01", official: "2013-05-01"},
		{name: "Phạm Minh Đức", sex: "male", org: "X01", admitted: "2013-06-01", official: "2014-06-01", card: "02000004"},
		{name: "Hoàng Văn Đức", sex: "male", org: "X02-C1", admitted: "2014-07-01"},
		{name: "Vũ Thị Anh", sex: "female", org: "X02-C1", admitted: "2009-08-01", official: "2010-08-01"},
		{name: "Đặng Thị Bình", sex: "female", org: "X02", admitted: "2015-09-01", official: "2016-09-01"},
		{name: "Bùi Văn Cường", sex: "male", org: "X03-C1", admitted: "2008-10-01", official: "2009-10-01"},
		{name: "Đỗ Thị Yến", sex: "female", org: "B01", admitted: "2016-11-01", official: "2017-11-01"},
		{name: "Hồ Văn Bảo", sex: "male", org: "B01", admitted: "2024-12-01"},
	}
	for i := range ps {
		ps[i].citizenIDSerial = i + 1
		ps[i].birthYear = 1970 + i
	}
	return ps
}

// fixture builds the org tree and the members in an empty database; it returns member ids by
// full name.
func fixture(t *testing.T, svc *service.Service) map[string]int64 {
	t.Helper()
	importOrgs(t, svc, fixtureOrgs())
	ids := map[string]int64{}
	for _, p := range fixturePeople() {
		id, err := svc.CreateMember(sysCtx(), p.member(), p.org)
		if err != nil {
			t.Fatalf("create %s: %v", p.name, err)
		}
		ids[p.name] = id
	}
	return ids
}

var (
	rawMu  sync.Mutex
	rawDBs = map[*store.DB]*sql.DB{}
)

// rawDB opens (once per database) a second, plain connection pool to the test database for
// counting rows.
func rawDB(t *testing.T, db *store.DB) *sql.DB {
	t.Helper()
	rawMu.Lock()
	defer rawMu.Unlock()
	if r := rawDBs[db]; r != nil {
		return r
	}
	driver, dsn := "pgx", db.DSN
	if db.Engine == store.SQLite {
		driver = "sqlite"
	}
	r, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	r.SetMaxOpenConns(1)
	if db.Engine == store.SQLite {
		// Hold no connection between counts: an idle extra connection changes how SQLite
		// behaves under the code being tested (a journal mode switch needs the only connection).
		r.SetMaxIdleConns(0)
	}
	rawDBs[db] = r
	t.Cleanup(func() {
		rawMu.Lock()
		delete(rawDBs, db)
		rawMu.Unlock()
		r.Close()
	})
	return r
}

func rawCount(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := rawDB(t, db).QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// snapshot is every row that an import or restructure could write, to compare before/after.
type snapshot struct {
	members, events, spans, orgs, orgEvents, versions int
	tree                                              string
}

func takeSnapshot(t *testing.T, db *store.DB) snapshot {
	t.Helper()
	s := snapshot{
		members: rawCount(t, db, "members"), events: rawCount(t, db, "member_events"), spans: rawCount(t, db, "member_spans"),
		orgs: rawCount(t, db, "orgs"), orgEvents: rawCount(t, db, "org_events"), versions: rawCount(t, db, "org_versions"),
	}
	vs, err := db.AllOrgVersions(sysCtx())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, v := range vs {
		b.WriteString(v.Code + "|" + v.Name + "|" + v.Kind + "|" + v.ParentCode + "|" + string(v.ValidFrom) + "|" + string(v.ValidTo) + "\n")
	}
	s.tree = b.String()
	return s
}

// codesAsOf lists the org codes of the tree on a date, sorted.
func codesAsOf(t *testing.T, db *store.DB, d tochuc.Date) []string {
	t.Helper()
	orgs, err := db.OrgsAsOf(sysCtx(), d)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range orgs {
		out = append(out, o.Code)
	}
	sort.Strings(out)
	return out
}

func orgAsOf(t *testing.T, db *store.DB, code string, d tochuc.Date) tochuc.Org {
	t.Helper()
	o, err := db.OrgByCodeAsOf(sysCtx(), code, d)
	if err != nil {
		t.Fatalf("org %s on %s: %v", code, d, err)
	}
	return o
}

// writeFile writes content to a file in a fresh temporary directory and returns its path.
func writeFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// importMembersFile imports a member file the way the CLI does.
func importMembersFile(t *testing.T, svc *service.Service, path, encoding string, dry bool) *tochuc.ImportReport {
	t.Helper()
	r, err := importer.OpenFile(path, encoding)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	mr, err := importer.NewMemberReader(r)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := svc.ImportMembers(sysCtx(), mr, service.ImportOptions{DryRun: dry})
	if err != nil {
		t.Fatalf("ImportMembers: %v (see TestReimportExistingMembers)", err)
	}
	return rep
}

// csvText joins rows into CSV text (cells must not need quoting).
func csvText(rows [][]string) []byte {
	var b bytes.Buffer
	for _, r := range rows {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	return b.Bytes()
}

// exportMembers exports the members counted on d as machine CSV.
func exportMembers(t *testing.T, svc *service.Service, d tochuc.Date, org string) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := svc.ExportMembers(sysCtx(), tabular.NewCSVWriter(&b, false), service.ExportOptions{AsOf: d, OrgCode: org}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// readCSV parses CSV bytes into header and rows.
func readCSV(t *testing.T, b []byte) ([]string, [][]string) {
	t.Helper()
	r, err := tabular.NewCSVReader(bytes.NewReader(b), tabular.Options{Comma: ','})
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row.Cells)
	}
	return r.Header(), rows
}

func findError(rep *tochuc.ImportReport, line int, cols ...string) bool {
	for _, e := range rep.Errors {
		if e.Line != line {
			continue
		}
		for _, c := range cols {
			if e.Column == c {
				return true
			}
		}
	}
	return false
}

// sysCtx is the context of work done as the system (what the CLI does): every permission.
func sysCtx() context.Context {
	return tochuc.WithActor(context.Background(), tochuc.SystemActor(tochuc.ChannelCLI))
}
