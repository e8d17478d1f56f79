package service_test

import (
	"bytes"
	"reflect"
	"strconv"
	"testing"

	"tochuc"
	"tochuc/importer"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/tabular"
	"tochuc/vn"
)

// richFixture is the fixture plus members with the histories an export must carry: identity
// details, a transfer, an exemption, an exit and a probationary member.
func richFixture(t *testing.T, svc *service.Service) map[string]int64 {
	t.Helper()
	ctx := sysCtx()
	ids := fixture(t, svc)
	extra := tochuc.Member{FullName: "Lương Thị Mai", Sex: "female", BirthDate: "03/1958", Aliases: "Mai Hoa",
		CitizenID: vn.MakeCitizenID("002", 1958, "female", 77), CardNumber: "02000077", HistoryNumber: "02.0000077",
		BirthPlace: "Xã Lũng Cú, Huyện Đồng Văn, Tỉnh Hà Giang", HomeTown: "Xã Ma Lé, Huyện Đồng Văn, Tỉnh Hà Giang",
		Residence: "Thôn Lô Lô Chải", Ethnicity: "Lô Lô", Religion: "Không",
		AdmissionDate: "2000-02-03", CeremonyDate: "2000-02-20", OfficialDate: "2001-02-20"}
	id, err := svc.CreateMember(ctx, extra, "X01-C1")
	if err != nil {
		t.Fatal(err)
	}
	ids[extra.FullName] = id
	record := func(e tochuc.MemberEvent) {
		t.Helper()
		if err := svc.RecordEvent(ctx, e); err != nil {
			t.Fatalf("%s: %v", e.Kind, err)
		}
	}
	x03c1 := orgAsOf(t, svc.DB, "X03-C1", "2020-01-01")
	record(tochuc.MemberEvent{MemberID: ids["Nguyễn Văn An"], Kind: tochuc.EventTransferred, Date: "2018-04-04", OrgID: x03c1.ID})
	record(tochuc.MemberEvent{MemberID: id, Kind: tochuc.EventExempted, Date: "2019-09-09"})
	record(tochuc.MemberEvent{MemberID: ids["Bùi Văn Cường"], Kind: tochuc.EventDeceased, Date: "2022-02-02"})
	return ids
}

func TestExportMembersRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		richFixture(t, svc)
		first := exportMembers(t, svc, fixedToday, "")
		head, rows := readCSV(t, first)
		if want := []string{"id", "full_name", "sex", "birth_date", "cccd", "card_number", "org_code", "status", "admission_date", "official_date"}; !reflect.DeepEqual(head[:10], want) {
			t.Errorf("member CSV header starts %v, want %v", head[:10], want)
		}
		if !reflect.DeepEqual(head, importer.MemberColumns) {
			t.Errorf("member CSV header %v, want %v", head, importer.MemberColumns)
		}
		if len(rows) != len(fixturePeople()) { // 10 + Mai − the deceased
			t.Errorf("%d members exported, want %d", len(rows), len(fixturePeople()))
		}
		byName := map[string][]string{}
		for _, r := range rows {
			byName[r[1]] = r
		}
		if r := byName["Lương Thị Mai"]; r == nil || r[7] != tochuc.StatusExempt || r[14] != "2019-09-09" || r[3] != "1958-03" || r[21] == "" {
			t.Errorf("exempt member row = %v", r)
		}
		if r := byName["Nguyễn Văn An"]; r == nil || r[6] != "X03-C1" || r[8] != "2010-03-01" {
			t.Errorf("transferred member row = %v", r)
		}
		if r := byName["Hoàng Văn Đức"]; r == nil || r[7] != tochuc.StatusProbationary || r[9] != "" {
			t.Errorf("probationary member row = %v", r)
		}
		if _, ok := byName["Bùi Văn Cường"]; ok {
			t.Error("a deceased member is exported among the members counted today")
		}

		// Into a fresh database with the same orgs.
		fresh := dbtest.Open(t, db.Engine)
		svc2 := newService(fresh)
		importOrgs(t, svc2, fixtureOrgs())
		rep := importMembersFile(t, svc2, writeFile(t, "export.csv", first), "auto", false)
		if rep.Failed() || rep.Created != len(rows) {
			t.Fatalf("re-import of the export: %+v", rep)
		}
		second := exportMembers(t, svc2, fixedToday, "")
		if !bytes.Equal(first, second) {
			t.Errorf("export → import → export differs:\n--- first\n%s\n--- second\n%s", first, second)
		}
		// Importing the export back into its own register changes nothing.
		snap := takeSnapshot(t, db)
		rep = importMembersFile(t, svc, writeFile(t, "export.csv", first), "auto", false)
		if rep.Failed() || rep.Unchanged != len(rows) || rep.Created+rep.Updated != 0 {
			t.Errorf("export imported into its own register: %+v", rep)
		}
		if takeSnapshot(t, db) != snap {
			t.Error("export imported into its own register changed it")
		}
		// A subtree export holds exactly the members of the subtree.
		sub := exportMembers(t, svc, fixedToday, "X01")
		_, subRows := readCSV(t, sub)
		x01 := orgAsOf(t, db, "X01", fixedToday)
		_, total, err := db.ListMembers(ctx, store.MemberQuery{OrgPath: x01.Path, AsOf: fixedToday})
		if err != nil {
			t.Fatal(err)
		}
		if len(subRows) != total || total != 4 { // An moved out, Mai moved in (exempt still counts)
			t.Errorf("subtree export of X01 has %d rows, list total %d, want 4", len(subRows), total)
		}
	})
}

func TestExportOrgsAsOfWithCounts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		richFixture(t, svc)
		rep, err := svc.ApplyRestructure(ctx, plan(
			importer.PlanRow{NewCode: "XM1", NewName: "Đảng bộ xã Đồng Văn", NewKind: tochuc.KindCommune, NewParentCode: "T01"},
			importer.PlanRow{OldCode: "X01", NewCode: "XM1"},
			importer.PlanRow{OldCode: "X02", NewCode: "XM1"},
			importer.PlanRow{OldCode: "H01", NewCode: "XM1"},
		), false)
		if err != nil || !rep.Applied {
			t.Fatalf("plan: %v %+v", err, rep)
		}
		for _, d := range []tochuc.Date{eve, reform, fixedToday} {
			var b bytes.Buffer
			n, err := svc.ExportOrgs(ctx, tabular.NewCSVWriter(&b, false), service.ExportOptions{AsOf: d})
			if err != nil {
				t.Fatal(err)
			}
			head, rows := readCSV(t, b.Bytes())
			if want := []string{"code", "name", "kind", "parent_code", "admin_unit_code", "valid_from", "valid_to"}; !reflect.DeepEqual(head[:7], want) {
				t.Errorf("org CSV header starts %v, want %v", head[:7], want)
			}
			if head[len(head)-1] != "members" {
				t.Fatalf("as-of org export lacks the members column: %v", head)
			}
			if n != len(rows) || len(rows) != len(codesAsOf(t, db, d)) {
				t.Errorf("%s: %d rows (n=%d), %d orgs", d, len(rows), n, len(codesAsOf(t, db, d)))
			}
			for _, r := range rows {
				got, err := strconv.Atoi(r[len(r)-1])
				if err != nil {
					t.Fatalf("members cell %q", r[len(r)-1])
				}
				o := orgAsOf(t, db, r[0], d)
				_, want, err := db.ListMembers(ctx, store.MemberQuery{OrgPath: o.Path, AsOf: d})
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s on %s: members column %d, members in its subtree %d", r[0], d, got, want)
				}
				if r[0] == "TW" && int64(got) != placed(t, db, d) {
					t.Errorf("root on %s: %d, CountPlaced %d", d, got, placed(t, db, d))
				}
				wantTo := string(o.ValidTo)
				if o.ValidTo == tochuc.Forever {
					wantTo = ""
				}
				if r[5] != string(o.ValidFrom) || r[6] != wantTo {
					t.Errorf("%s: valid_from %q valid_to %q", r[0], r[5], r[6])
				}
			}
		}
	})
}

// The org history (every version) survives export → import → export.
func TestExportOrgsHistoryRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		importOrgs(t, svc, fixtureOrgs())
		if err := svc.SaveOrg(ctx, service.OrgInput{Code: "X02", Name: "Đảng bộ xã Ma Lé", Kind: tochuc.KindBasicCommittee,
			ParentCode: "H02", Date: changeDate}); err != nil {
			t.Fatal(err)
		}
		rep, err := svc.ApplyRestructure(ctx, plan(
			importer.PlanRow{NewCode: "XM1", NewName: "Đảng bộ xã Đồng Văn", NewKind: tochuc.KindCommune, NewParentCode: "T01"},
			importer.PlanRow{OldCode: "X01", NewCode: "XM1"},
			importer.PlanRow{OldCode: "H01", NewCode: "XM1"},
		), false)
		if err != nil || !rep.Applied {
			t.Fatalf("plan: %v %+v", err, rep)
		}
		export := func(svc *service.Service) []byte {
			var b bytes.Buffer
			if _, err := svc.ExportOrgs(ctx, tabular.NewCSVWriter(&b, false), service.ExportOptions{}); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		}
		first := export(svc)
		head, _ := readCSV(t, first)
		if want := importer.OrgColumns[:len(importer.OrgColumns)-1]; !reflect.DeepEqual(head, want) {
			t.Errorf("history header %v, want %v", head, want)
		}
		fresh := newService(dbtest.Open(t, db.Engine))
		r, err := importer.OpenFile(writeFile(t, "orgs.csv", first), "auto")
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		rrep := &tochuc.ImportReport{}
		rows := importer.ReadOrgs(r, rrep)
		if rrep.Failed() {
			t.Fatalf("history file unreadable: %v", rrep.Errors)
		}
		irep, err := fresh.ImportOrgs(ctx, rows, false)
		if err != nil {
			t.Fatal(err)
		}
		if irep.Failed() {
			t.Fatalf("BUG: the exported org history cannot be imported again: %v (service/importorgs.go ends an org "+
				"whose child ends on the same date in file order; a district listed before its commune is refused with "+
				"\"còn tổ chức trực thuộc\" — process ends[d] deepest first, or repeat until no progress)", irep.Errors)
		}
		for _, d := range []tochuc.Date{founded, changeDate.AddDays(-1), changeDate, eve, reform} {
			if a, b := codesAsOf(t, db, d), codesAsOf(t, fresh.DB, d); !reflect.DeepEqual(a, b) {
				t.Errorf("tree on %s differs after the round trip: %v vs %v", d, a, b)
			}
			for _, code := range codesAsOf(t, db, d) {
				a, b := orgAsOf(t, db, code, d), orgAsOf(t, fresh.DB, code, d)
				if a.Name != b.Name || a.ParentCode != b.ParentCode || a.Kind != b.Kind {
					t.Errorf("%s on %s: %+v vs %+v", code, d, a, b)
				}
			}
		}
		if second := export(fresh); !bytes.Equal(first, second) {
			t.Errorf("org history export → import → export differs:\n--- first\n%s\n--- second\n%s", first, second)
		}
	})
}
