package service_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"tochuc"
	"tochuc/importer"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/vn"
)

var memberHeader = []string{"full_name", "sex", "birth_date", "cccd", "card_number", "org_code", "admission_date", "official_date", "ethnicity"}

// goodMemberRows are five valid rows of a member file, in the fixture tree.
func goodMemberRows() [][]string {
	names := []string{"Nguyễn Thị Hằng", "Trần Văn Đức", "Lê Minh An", "Phạm Thị Ánh", "Vũ Văn Dương"}
	sexes := []string{"female", "male", "male", "female", "male"}
	orgs := []string{"X01-C1", "X01-C2", "X02-C1", "B01", "X03-C1"}
	var rows [][]string
	for i, n := range names {
		year := 1975 + i
		official := fmt.Sprintf("01/03/%d", 2006+i)
		if i == 4 {
			official = "" // probationary
		}
		rows = append(rows, []string{n, sexes[i], fmt.Sprintf("10/05/%d", year), vn.MakeCitizenID("002", year, sexes[i], 100+i),
			fmt.Sprintf("0200%04d", 100+i), orgs[i], fmt.Sprintf("01/03/%d", 2005+i), official, "Kinh"})
	}
	return rows
}

func memberFile(rows [][]string) []byte {
	return csvText(append([][]string{memberHeader}, rows...))
}

func col(name string) int {
	for i, c := range memberHeader {
		if c == name {
			return i
		}
	}
	panic(name)
}

func TestImportMembersAtomic(t *testing.T) {
	type badCase struct {
		name    string
		columns []string // the column the report must name (either)
		spoil   func(rows [][]string, pos int) (line int)
	}
	cases := []badCase{
		{"bad CCCD", []string{"cccd", "citizen_id"}, func(rows [][]string, pos int) int {
			rows[pos][col("cccd")] = "00207500001" // 11 digits
			return pos + 2
		}},
		{"CCCD of another sex", []string{"cccd", "citizen_id"}, func(rows [][]string, pos int) int {
			rows[pos][col("sex")] = map[string]string{"male": "female", "female": "male"}[rows[pos][col("sex")]]
			return pos + 2
		}},
		{"unknown org code", []string{"org_code"}, func(rows [][]string, pos int) int {
			rows[pos][col("org_code")] = "ZZZ"
			return pos + 2
		}},
		{"impossible date", []string{"admission_date"}, func(rows [][]string, pos int) int {
			rows[pos][col("admission_date")] = "31/02/2010"
			return pos + 2
		}},
		{"official before admission", []string{"official_date"}, func(rows [][]string, pos int) int {
			rows[pos][col("official_date")] = "01/01/2000"
			return pos + 2
		}},
		{"duplicate CCCD", []string{"cccd"}, func(rows [][]string, pos int) int {
			other := pos - 1
			if pos == 0 {
				other = 1
			}
			for _, c := range []string{"sex", "birth_date", "cccd"} {
				rows[pos][col(c)] = rows[other][col(c)]
			}
			if pos > other {
				return pos + 2
			}
			return other + 2
		}},
		{"duplicate card number", []string{"card_number"}, func(rows [][]string, pos int) int {
			other := pos - 1
			if pos == 0 {
				other = 1
			}
			rows[pos][col("card_number")] = rows[other][col("card_number")]
			if pos > other {
				return pos + 2
			}
			return other + 2
		}},
	}
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		importOrgs(t, svc, fixtureOrgs())
		empty := takeSnapshot(t, db)
		for _, c := range cases {
			for _, pos := range []int{0, 2, 4} {
				rows := goodMemberRows()
				line := c.spoil(rows, pos)
				path := writeFile(t, "members.csv", memberFile(rows))
				rep := importMembersFile(t, svc, path, "auto", false)
				if !rep.Failed() || rep.Applied {
					t.Errorf("%s at row %d: file accepted: %+v", c.name, pos, rep)
					continue
				}
				if !findError(rep, line, c.columns...) {
					t.Errorf("%s at row %d: report %v does not name line %d, column %v", c.name, pos, rep.Errors, line, c.columns)
				}
				if rep.Rows != 5 {
					t.Errorf("%s: %d rows read, want 5 (every row is checked)", c.name, rep.Rows)
				}
				if n, _ := db.MemberCount(ctx); n != 0 {
					t.Errorf("%s at row %d: %d members written", c.name, pos, n)
				}
				if s := takeSnapshot(t, db); s != empty {
					t.Errorf("%s at row %d: register changed: %+v", c.name, pos, s)
				}
			}
		}

		// The good file imports.
		path := writeFile(t, "members.csv", memberFile(goodMemberRows()))
		rep := importMembersFile(t, svc, path, "auto", false)
		if rep.Failed() || !rep.Applied || rep.Created != 5 || rep.Rows != 5 {
			t.Fatalf("good file: %+v", rep)
		}
		if n, _ := db.MemberCount(ctx); n != 5 {
			t.Fatalf("%d members after import", n)
		}
		if got := placed(t, db, fixedToday); got != 5 {
			t.Errorf("%d members placed today", got)
		}
		ms, _, err := db.ListMembers(ctx, store.MemberQuery{AsOf: fixedToday, Limit: -1})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			want := tochuc.StatusOfficial
			if m.FullName == "Vũ Văn Dương" {
				want = tochuc.StatusProbationary
			}
			if m.Status != want || m.Ethnicity != "01" {
				t.Errorf("%s: status %q ethnicity %q", m.FullName, m.Status, m.Ethnicity)
			}
		}
		full := takeSnapshot(t, db)
		exported := exportMembers(t, svc, fixedToday, "")

		// A bad file on a register that already has members changes nothing either.
		for _, c := range cases[:3] {
			rows := goodMemberRows()
			for i := range rows {
				rows[i][col("cccd")] = vn.MakeCitizenID("002", 1975+i, rows[i][col("sex")], 200+i) // new people
				rows[i][col("card_number")] = ""
			}
			c.spoil(rows, 4)
			rep := importMembersFile(t, svc, writeFile(t, "more.csv", memberFile(rows)), "auto", false)
			if !rep.Failed() || rep.Applied {
				t.Errorf("%s in a second file: accepted", c.name)
			}
			if takeSnapshot(t, db) != full {
				t.Errorf("%s in a second file: register changed", c.name)
			}
		}

		// The same file again: every row unchanged, nothing written.
		rep = importMembersFile(t, svc, path, "auto", false)
		if rep.Failed() || rep.Created != 0 || rep.Updated != 0 || rep.Unchanged != 5 {
			t.Errorf("re-import: %+v, want 5 unchanged", rep)
		}
		if takeSnapshot(t, db) != full {
			t.Error("re-import of the same file changed the register")
		}
		if got := exportMembers(t, svc, fixedToday, ""); !bytes.Equal(got, exported) {
			t.Errorf("re-import changed the export:\n%s\nwas\n%s", got, exported)
		}

		// One name changed: exactly one update.
		rows := goodMemberRows()
		rows[2][col("full_name")] = "Lê Minh Anh"
		rep = importMembersFile(t, svc, writeFile(t, "members.csv", memberFile(rows)), "auto", false)
		if rep.Failed() || rep.Created != 0 || rep.Updated != 1 || rep.Unchanged != 4 {
			t.Errorf("one name changed: %+v, want 1 updated, 4 unchanged", rep)
		}
		found, _, err := db.ListMembers(ctx, store.MemberQuery{AsOf: fixedToday, Exact: rows[2][col("cccd")], Limit: -1})
		if err != nil || len(found) != 1 {
			t.Fatalf("member by CCCD: %v %v", found, err)
		}
		if m := found[0]; m.FullName != "Lê Minh Anh" || m.GivenName != "Anh" {
			t.Errorf("after update: %q given %q", m.FullName, m.GivenName)
		}
		if s := takeSnapshot(t, db); s.members != 5 || s.events != full.events || s.spans != full.spans {
			t.Errorf("an identity update changed the timeline: %+v vs %+v", s, full)
		}
		// Searching by the new name finds the member (the keys were rebuilt).
		if got, _, _ := db.ListMembers(ctx, store.MemberQuery{AsOf: fixedToday, NameKey: "anh le", Limit: -1}); len(got) != 1 {
			t.Errorf("search by new name found %d", len(got))
		}
		// Dry run of a change writes nothing.
		rows[2][col("full_name")] = "Lê Minh Châu"
		before := takeSnapshot(t, db)
		rep = importMembersFile(t, svc, writeFile(t, "members.csv", memberFile(rows)), "auto", true)
		if rep.Failed() || rep.Applied || rep.Updated != 1 {
			t.Errorf("dry run: %+v", rep)
		}
		if takeSnapshot(t, db) != before {
			t.Error("dry run wrote something")
		}
		if got, _, _ := db.ListMembers(ctx, store.MemberQuery{AsOf: fixedToday, NameKey: "chau", Limit: -1}); len(got) != 0 {
			t.Error("dry run renamed a member")
		}
	})
}

// A date that cannot be read is one mistake and must be reported once, not also as a
// violation of the age rule computed from a zero date.
func TestImportMembersBadDateReportedOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		importOrgs(t, svc, fixtureOrgs())
		rows := goodMemberRows()
		rows[1][col("admission_date")] = "31/02/2010"
		rep := importMembersFile(t, svc, writeFile(t, "m.csv", memberFile(rows)), "auto", false)
		var mine []tochuc.RowError
		for _, e := range rep.Errors {
			if e.Line == 3 {
				mine = append(mine, e)
			}
		}
		if len(mine) != 1 {
			t.Errorf("BUG: an unreadable admission date gives %d errors on its row, want 1: %v "+
				"(service/validate.go ValidateMember compares m.AdmissionDate.Time().Year() even when the date failed "+
				"to parse; skip the age and order checks for dates that did not parse)", len(mine), mine)
		}
	})
}

func TestImportMembersVietnameseHeadingsAndLabels(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		importOrgs(t, svc, fixtureOrgs())
		file := csvText([][]string{
			{"STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Số thẻ đảng viên", "Mã tổ chức đảng", "Trạng thái", "Ngày vào Đảng", "Ngày chính thức", "Dân tộc", "Tôn giáo"},
			{"1", "Nguyễn Thị Hằng", "Nữ", "05/1975", vn.MakeCitizenID("002", 1975, "female", 1), "02000001", "X01-C1", "Chính thức", "01/03/2005", "01/03/2006", "Kinh", "Không"},
			{"2", "Trần Văn Đức", "Nam", "1960", vn.MakeCitizenID("002", 1960, "male", 2), "", "X01-C2", "Dự bị", "01/03/2025", "", "Tày", ""},
			{"3", "Lò Văn Púa", "nam", "12/12/1970", vn.MakeCitizenID("002", 1970, "male", 3), "02000003", "B01", "Miễn sinh hoạt", "01/03/2000", "01/03/2001", "Thái", ""},
		})
		// The exemption needs its date column.
		file = bytes.Replace(file, []byte("Tôn giáo\n"), []byte("Tôn giáo,status_date\n"), 1)
		lines := strings.Split(string(file), "\n")
		lines[3] += ",01/01/2020"
		file = []byte(strings.Join(lines, "\n"))
		rep := importMembersFile(t, svc, writeFile(t, "dang-vien.csv", file), "auto", false)
		if rep.Failed() {
			t.Fatalf("Vietnamese file rejected: %v (warnings %v)", rep.Errors, rep.Warnings)
		}
		if rep.Created != 3 {
			t.Fatalf("created %d", rep.Created)
		}
		if len(rep.Warnings) == 0 || !strings.Contains(rep.Warnings[0].Value, "STT") {
			t.Errorf("unknown column STT not reported as a warning: %v", rep.Warnings)
		}
		ms, _, err := db.ListMembers(ctx, store.MemberQuery{AsOf: fixedToday, Limit: -1})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]tochuc.Member{}
		for _, m := range ms {
			got[m.FullName] = m
		}
		h := got["Nguyễn Thị Hằng"]
		if h.Sex != "female" || h.Ethnicity != "01" || h.Status != tochuc.StatusOfficial || h.BirthDate != "1975-05" || h.OrgCode != "X01-C1" || h.Religion != "00" {
			t.Errorf("Hằng = sex %q ethnicity %q status %q birth %q org %q religion %q", h.Sex, h.Ethnicity, h.Status, h.BirthDate, h.OrgCode, h.Religion)
		}
		d := got["Trần Văn Đức"]
		if d.Sex != "male" || d.Ethnicity != "02" || d.Status != tochuc.StatusProbationary || d.BirthDate != "1960" {
			t.Errorf("Đức = sex %q ethnicity %q status %q birth %q", d.Sex, d.Ethnicity, d.Status, d.BirthDate)
		}
		if p := got["Lò Văn Púa"]; p.Status != tochuc.StatusExempt || p.Ethnicity != "03" {
			t.Errorf("Púa = status %q ethnicity %q", p.Status, p.Ethnicity)
		}
	})
}

// toTCVN3 encodes Vietnamese text in TCVN3 bytes, using the decoder's own table backwards.
func toTCVN3(t *testing.T, s string) []byte {
	t.Helper()
	rev := map[rune]byte{}
	for b := 0xFF; b >= 0xA0; b-- {
		r := []rune(vn.FromTCVN3(string([]byte{'a', byte(b)})))
		if len(r) == 2 && r[1] >= 0x80 {
			rev[r[1]] = byte(b)
		}
	}
	var out []byte
	for _, r := range vn.NFC(s) {
		if r < 0x80 {
			out = append(out, byte(r))
			continue
		}
		b, ok := rev[r]
		if !ok {
			t.Fatalf("no TCVN3 byte for %q", r)
		}
		out = append(out, b)
	}
	return out
}

func TestImportMembersTCVN3(t *testing.T) {
	people := []struct{ name, sex, org string }{
		{"Nguyễn Thị Hằng", "Nữ", "X01-C1"},
		{"Trần Văn Đức", "Nam", "X01-C2"},
		{"Phạm Thị Lụa", "Nữ", "X02-C1"},
		{"Hoàng Văn Thắng", "Nam", "B01"},
		{"Đặng Thị Hường", "Nữ", "X03-C1"},
		{"Bùi Quốc Việt", "Nam", "B01"},
	}
	var file []byte
	file = append(file, "full_name,sex,birth_date,cccd,org_code,admission_date,official_date\n"...)
	for i, p := range people {
		sex := map[string]string{"Nam": "male", "Nữ": "female"}[p.sex]
		file = append(file, toTCVN3(t, p.name)...)
		file = append(file, ',')
		file = append(file, toTCVN3(t, p.sex)...)
		file = append(file, fmt.Sprintf(",%d,%s,%s,01/01/2010,01/01/2011\n", 1980+i, vn.MakeCitizenID("002", 1980+i, sex, i+1), p.org)...)
	}
	if bytes.Contains(file, []byte("ễ")) || !bytes.Contains(file, []byte("Nguy\xd4n")) {
		t.Fatalf("fixture is not TCVN3: %q", file[:80])
	}
	for _, enc := range []string{"auto", "tcvn3"} {
		t.Run(enc, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, db *store.DB) {
				ctx := sysCtx()
				svc := newService(db)
				importOrgs(t, svc, fixtureOrgs())
				rep := importMembersFile(t, svc, writeFile(t, "abc.csv", file), enc, false)
				if rep.Failed() || rep.Created != len(people) {
					t.Fatalf("TCVN3 file: %+v", rep)
				}
				ms, _, err := db.ListMembers(ctx, store.MemberQuery{AsOf: fixedToday, Limit: -1})
				if err != nil {
					t.Fatal(err)
				}
				names := map[string]string{}
				for _, m := range ms {
					names[m.FullName] = m.Sex
				}
				for _, p := range people {
					sex, ok := names[p.name]
					if !ok {
						t.Errorf("%q not found among %v", p.name, names)
						continue
					}
					if want := map[string]string{"Nam": "male", "Nữ": "female"}[p.sex]; sex != want {
						t.Errorf("%s: sex %q, want %q", p.name, sex, want)
					}
				}
				// The decoded name is searchable.
				if got, _, _ := db.ListMembers(ctx, store.MemberQuery{AsOf: fixedToday, NameKey: "hang nguyen", Limit: -1}); len(got) != 1 {
					t.Errorf("search for the decoded name found %d", len(got))
				}
			})
		})
	}
}

var orgHeader = "code,name,kind,parent_code,valid_from\n"

func goodOrgLines() []string {
	return []string{
		"TW,Đảng Cộng sản Việt Nam,party,,01/01/2000",
		"T01,Đảng bộ tỉnh Hà Giang,central_direct,TW,01/01/2000",
		"H01,Đảng bộ huyện Đồng Văn,district,T01,01/01/2000",
		"X01,Đảng bộ xã Lũng Cú,basic_committee,H01,01/01/2000",
		"X01-C1,Chi bộ thôn 1,cell,X01,01/01/2000",
		"X01-C2,Chi bộ thôn 2,cell,X01,01/01/2000",
	}
}

// importOrgFile reads and applies an org file the way the CLI does.
func importOrgFile(t *testing.T, svc *service.Service, content string) *tochuc.ImportReport {
	t.Helper()
	r, err := importer.OpenFile(writeFile(t, "orgs.csv", []byte(content)), "auto")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rep := &tochuc.ImportReport{}
	rows := importer.ReadOrgs(r, rep)
	if rep.Failed() {
		return rep
	}
	rep2, err := svc.ImportOrgs(sysCtx(), rows, false)
	if err != nil {
		t.Fatal(err)
	}
	return rep2
}

func TestImportOrgsAtomic(t *testing.T) {
	cases := []struct {
		name   string
		column string
		spoil  func(line string) string
	}{
		{"unknown parent", "parent_code", func(l string) string {
			f := strings.Split(l, ",")
			f[3] = "ZZ"
			return strings.Join(f, ",")
		}},
		{"unknown kind", "kind", func(l string) string {
			f := strings.Split(l, ",")
			f[2] = "tỉnh ủy viên"
			return strings.Join(f, ",")
		}},
		{"impossible date", "valid_from", func(l string) string {
			f := strings.Split(l, ",")
			f[4] = "30/02/2000"
			return strings.Join(f, ",")
		}},
		{"missing name", "name", func(l string) string {
			f := strings.Split(l, ",")
			f[1] = ""
			return strings.Join(f, ",")
		}},
	}
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		empty := takeSnapshot(t, db)
		for _, c := range cases {
			for _, pos := range []int{0, 3, 5} {
				lines := goodOrgLines()
				lines[pos] = c.spoil(lines[pos])
				rep := importOrgFile(t, svc, orgHeader+strings.Join(lines, "\n")+"\n")
				if !rep.Failed() || rep.Applied {
					t.Errorf("%s at row %d: accepted", c.name, pos)
					continue
				}
				if !findError(rep, pos+2, c.column) {
					t.Errorf("%s at row %d: report %v does not name line %d column %s", c.name, pos, rep.Errors, pos+2, c.column)
				}
				if takeSnapshot(t, db) != empty {
					t.Errorf("%s at row %d: something was written", c.name, pos)
				}
			}
		}
		good := orgHeader + strings.Join(goodOrgLines(), "\n") + "\n"
		rep := importOrgFile(t, svc, good)
		if rep.Failed() || !rep.Applied || rep.Created != 6 {
			t.Fatalf("good file: %+v", rep)
		}
		full := takeSnapshot(t, db)
		rep = importOrgFile(t, svc, good)
		if rep.Failed() || rep.Created+rep.Updated != 0 || rep.Unchanged != 6 {
			t.Errorf("re-import: %+v", rep)
		}
		if takeSnapshot(t, db) != full {
			t.Error("re-import changed the register")
		}
		renamed := strings.Replace(good, "Chi bộ thôn 2", "Chi bộ thôn Hai", 1)
		rep = importOrgFile(t, svc, renamed)
		if rep.Failed() || rep.Created != 0 || rep.Updated != 1 || rep.Unchanged != 5 {
			t.Errorf("one rename: %+v", rep)
		}
		if o := orgAsOf(t, db, "X01-C2", fixedToday); o.Name != "Chi bộ thôn Hai" {
			t.Errorf("name after import: %q", o.Name)
		}
		// A failing file on a non-empty register writes nothing either.
		before := takeSnapshot(t, db)
		bad := renamed + "X02,Đảng bộ xã Ma Lé,basic_committee,HZZ,01/01/2000\n"
		if rep := importOrgFile(t, svc, bad); !rep.Failed() || !findError(rep, 8, "parent_code") {
			t.Errorf("bad last row: %+v", rep)
		}
		if takeSnapshot(t, db) != before {
			t.Error("rejected file changed the register")
		}
	})
}

func TestImportOrgsVietnameseHeadings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		file := "Mã tổ chức,Tên tổ chức,Loại tổ chức,Mã tổ chức cấp trên,Hiệu lực từ,Loại hình\n" +
			"TW,Đảng Cộng sản Việt Nam,Đảng Cộng sản Việt Nam,,01/01/2000,\n" +
			"T01,Đảng bộ tỉnh Hà Giang,Đảng bộ tỉnh,TW,01/01/2000,Tỉnh\n" +
			"X01,Đảng bộ xã Lũng Cú,Đảng bộ cơ sở,T01,01/01/2000,Xã\n" +
			"X01-C1,Chi bộ thôn 1,Chi bộ,X01,01/01/2000,Thôn\n"
		rep := importOrgFile(t, svc, file)
		if rep.Failed() || rep.Created != 4 {
			t.Fatalf("Vietnamese org file: %+v", rep)
		}
		for code, want := range map[string][2]string{"T01": {tochuc.KindCentralDirect, "province"}, "X01": {tochuc.KindBasicCommittee, "commune"}, "X01-C1": {tochuc.KindCell, "village"}} {
			if o := orgAsOf(t, db, code, fixedToday); o.Kind != want[0] || o.Setting != want[1] {
				t.Errorf("%s: kind %q setting %q, want %v", code, o.Kind, o.Setting, want)
			}
		}
	})
}

// A row that breaks the tree (a province placed under a cell) must be named in the report
// like any other bad row.
func TestImportOrgsTreeErrorNamesTheRow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		lines := append(goodOrgLines(), "T02,Đảng bộ tỉnh Cao Bằng,central_direct,X01-C1,01/01/2000")
		rep := importOrgFile(t, svc, orgHeader+strings.Join(lines, "\n")+"\n")
		if !rep.Failed() || rep.Applied {
			t.Fatalf("province under a cell accepted: %+v", rep)
		}
		if n := rawCount(t, db, "orgs"); n != 0 {
			t.Errorf("%d orgs written", n)
		}
		if !findError(rep, 8, "parent_code", "kind") {
			t.Errorf("BUG: report %v does not name line 8 (the province under a cell): service/importorgs.go reports "+
				"every tree validation error at line 0 (rep.Reject(0, \"\", …)); map the org code in the error back to "+
				"its row and column (parent_code)", rep.Errors)
		}
	})
}

var planHeader = "old_code,new_code,effective_date,new_name,new_kind,new_parent_code,child_code,member_id\n"

func importPlanFile(t *testing.T, svc *service.Service, content string, dry bool) *tochuc.ImportReport {
	t.Helper()
	r, err := importer.OpenFile(writeFile(t, "plan.csv", []byte(content)), "auto")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rep := &tochuc.ImportReport{}
	rows := importer.ReadPlan(r, rep)
	if rep.Failed() {
		return rep
	}
	rep2, err := svc.ApplyRestructure(sysCtx(), rows, dry)
	if err != nil {
		t.Fatalf("ApplyRestructure: %v", err)
	}
	return rep2
}

func TestImportPlanAtomic(t *testing.T) {
	good := []string{
		",XM1,01/07/2025,Đảng bộ xã Đồng Văn,Đảng bộ xã,T01,,",
		"X01,XM1,01/07/2025,,,,,",
		"X02,XM1,01/07/2025,,,,,",
		"H01,XM1,01/07/2025,,,,,",
	}
	cases := []struct {
		name, column string
		spoil        func(string) string
	}{
		{"unknown old code", "old_code", func(l string) string {
			if strings.HasPrefix(l, ",") {
				return "X99" + l[0:] // old code on a found row: X99 → XM1
			}
			return "X99" + l[3:]
		}},
		{"impossible date", "effective_date", func(l string) string { return strings.Replace(l, "01/07/2025", "31/06/2025", 1) }},
		{"bad member id", "member_id", func(l string) string { return strings.TrimSuffix(l, ",") + ",abc" }},
	}
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		fixture(t, svc)
		total := rootTotal(t, svc, eve)
		snap := takeSnapshot(t, db)
		for _, c := range cases {
			for _, pos := range []int{0, 2, 3} {
				lines := append([]string(nil), good...)
				lines[pos] = c.spoil(lines[pos])
				rep := importPlanFile(t, svc, planHeader+strings.Join(lines, "\n")+"\n", false)
				if !rep.Failed() || rep.Applied {
					t.Errorf("%s at row %d: accepted", c.name, pos)
					continue
				}
				if !findError(rep, pos+2, c.column) {
					t.Errorf("%s at row %d: report %v does not name line %d column %s", c.name, pos, rep.Errors, pos+2, c.column)
				}
				if takeSnapshot(t, db) != snap {
					t.Errorf("%s at row %d: something was written", c.name, pos)
				}
			}
		}
		rep := importPlanFile(t, svc, planHeader+strings.Join(good, "\n")+"\n", true)
		if rep.Failed() || rep.Applied || takeSnapshot(t, db) != snap {
			t.Errorf("dry run of the good plan: %+v", rep)
		}
		rep = importPlanFile(t, svc, planHeader+strings.Join(good, "\n")+"\n", false)
		if rep.Failed() || !rep.Applied {
			t.Fatalf("good plan: %+v", rep)
		}
		if o := orgAsOf(t, db, "B01", reform); o.ParentCode != "XM1" {
			t.Errorf("B01 under %s after the plan", o.ParentCode)
		}
		checkTotals(t, svc, total)
	})
}

// Re-importing a file whose members are already in the register reads each of them during the
// load; that must work on a database with no other connection open (the CLI's case).
func TestReimportExistingMembers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		importOrgs(t, svc, fixtureOrgs())
		path := writeFile(t, "members.csv", memberFile(goodMemberRows()))
		for i, want := range []int{5, 0} {
			r, err := importer.OpenFile(path, "auto")
			if err != nil {
				t.Fatal(err)
			}
			mr, err := importer.NewMemberReader(r)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := svc.ImportMembers(ctx, mr, service.ImportOptions{})
			r.Close()
			if err != nil {
				t.Fatalf("BUG: import %d of the same file fails: %v (store/bulk.go BeginBulk switches SQLite to "+
					"journal_mode=DELETE; the reader opened during the load by updateIfChanged (s.DB.Member) runs the DSN "+
					"pragma journal_mode(WAL), which needs the lock the load holds; read existing members on the bulk's own "+
					"connection, or keep WAL when the load updates existing rows)", i+1, err)
			}
			if rep.Failed() || rep.Created != want || rep.Unchanged != 5-want {
				t.Errorf("import %d: %+v", i+1, rep)
			}
		}
		if n, _ := db.MemberCount(ctx); n != 5 {
			t.Errorf("%d members", n)
		}
	})
}
