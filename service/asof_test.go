package service_test

import (
	"reflect"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

const changeDate = tochuc.Date("2024-01-01")

func childCodes(t *testing.T, db *store.DB, parent int64, d tochuc.Date) []string {
	t.Helper()
	kids, err := db.ChildrenAsOf(sysCtx(), parent, d)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, k := range kids {
		out = append(out, k.Code)
	}
	return out
}

func subtreeCodes(t *testing.T, db *store.DB, path string, d tochuc.Date) []string {
	t.Helper()
	orgs, err := db.SubtreeAsOf(sysCtx(), path, d)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range orgs {
		out = append(out, o.Code)
	}
	return out
}

func TestOrgsAsOfRenameAndMove(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		importOrgs(t, svc, fixtureOrgs())
		before, on, after := changeDate.AddDays(-1), changeDate, changeDate.AddDays(200)

		// Rename X01 and move X02 (with its cell) from H01 to H02 on changeDate.
		if err := svc.SaveOrg(ctx, service.OrgInput{Code: "X01", Name: "Đảng bộ xã Lũng Cú mới", Kind: tochuc.KindBasicCommittee,
			ParentCode: "H01", Date: changeDate, Document: "QĐ 2"}); err != nil {
			t.Fatal(err)
		}
		if err := svc.SaveOrg(ctx, service.OrgInput{Code: "X02", Name: "Đảng bộ xã Ma Lé", Kind: tochuc.KindBasicCommittee,
			ParentCode: "H02", Date: changeDate, Document: "QĐ 3"}); err != nil {
			t.Fatal(err)
		}

		// OrgByCodeAsOf: the name in force on each date.
		for _, c := range []struct {
			d    tochuc.Date
			name string
		}{{founded, "Đảng bộ xã Lũng Cú"}, {before, "Đảng bộ xã Lũng Cú"}, {on, "Đảng bộ xã Lũng Cú mới"}, {after, "Đảng bộ xã Lũng Cú mới"}} {
			if o := orgAsOf(t, db, "X01", c.d); o.Name != c.name {
				t.Errorf("X01 on %s named %q, want %q", c.d, o.Name, c.name)
			}
		}
		if _, err := db.OrgByCodeAsOf(ctx, "X01", founded.AddDays(-1)); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("X01 before it was founded: %v, want not found", err)
		}
		// Parent on each date.
		if o := orgAsOf(t, db, "X02", before); o.ParentCode != "H01" {
			t.Errorf("X02 parent before = %s", o.ParentCode)
		}
		for _, d := range []tochuc.Date{on, after} {
			if o := orgAsOf(t, db, "X02", d); o.ParentCode != "H02" {
				t.Errorf("X02 parent on %s = %s", d, o.ParentCode)
			}
		}

		// OrgsAsOf holds the same codes on every date, each once, parents before children.
		for _, d := range []tochuc.Date{before, on, after} {
			orgs, err := db.OrgsAsOf(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			if len(orgs) != len(fixtureOrgs()) {
				t.Errorf("%d orgs on %s, want %d", len(orgs), d, len(fixtureOrgs()))
			}
			seen := map[int64]bool{}
			for _, o := range orgs {
				if seen[o.ID] {
					t.Errorf("%s listed twice on %s", o.Code, d)
				}
				if o.ParentID != 0 && !seen[o.ParentID] {
					t.Errorf("%s listed before its parent on %s", o.Code, d)
				}
				seen[o.ID] = true
				if !(o.ValidFrom <= d && d < o.ValidTo) {
					t.Errorf("version of %s [%s, %s) returned for %s", o.Code, o.ValidFrom, o.ValidTo, d)
				}
			}
		}

		// ChildrenAsOf, in Vietnamese name order.
		h01, h02 := orgAsOf(t, db, "H01", on), orgAsOf(t, db, "H02", on)
		if got, want := childCodes(t, db, h01.ID, before), []string{"B01", "X01", "X02"}; !reflect.DeepEqual(got, want) {
			t.Errorf("children of H01 before = %v, want %v", got, want)
		}
		if got, want := childCodes(t, db, h01.ID, on), []string{"B01", "X01"}; !reflect.DeepEqual(got, want) {
			t.Errorf("children of H01 on the change = %v, want %v", got, want)
		}
		if got, want := childCodes(t, db, h02.ID, before), []string{"X03"}; !reflect.DeepEqual(got, want) {
			t.Errorf("children of H02 before = %v, want %v", got, want)
		}
		if got, want := childCodes(t, db, h02.ID, after), []string{"X03", "X02"}; !reflect.DeepEqual(got, want) {
			t.Errorf("children of H02 after = %v, want %v (Cô Ba before Ma Lé)", got, want)
		}
		if got := childCodes(t, db, 0, on); !reflect.DeepEqual(got, []string{"TW"}) {
			t.Errorf("roots = %v", got)
		}

		// SubtreeAsOf: the moved cell follows its committee.
		if got, want := subtreeCodes(t, db, orgAsOf(t, db, "H02", before).Path, before), []string{"H02", "X03", "X03-C1"}; !sameSet(got, want) {
			t.Errorf("subtree of H02 before = %v, want %v", got, want)
		}
		if got, want := subtreeCodes(t, db, h02.Path, on), []string{"H02", "X02", "X02-C1", "X03", "X03-C1"}; !sameSet(got, want) {
			t.Errorf("subtree of H02 on = %v, want %v", got, want)
		}
		if got, want := subtreeCodes(t, db, h01.Path, after), []string{"H01", "B01", "X01", "X01-C1", "X01-C2"}; !sameSet(got, want) {
			t.Errorf("subtree of H01 after = %v, want %v", got, want)
		}
		t01 := orgAsOf(t, db, "T01", before)
		if got := subtreeCodes(t, db, t01.Path, before); len(got) != 8 {
			t.Errorf("subtree of T01 before has %d orgs: %v", len(got), got)
		}

		// History: X01 has two versions, the moved cell too (its path changed).
		x01 := orgAsOf(t, db, "X01", on)
		vs, err := db.OrgVersions(ctx, x01.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 2 || vs[0].ValidFrom != founded || vs[0].ValidTo != changeDate || vs[1].ValidFrom != changeDate ||
			vs[1].ValidTo != tochuc.Forever || vs[0].Name != "Đảng bộ xã Lũng Cú" || vs[1].Name != "Đảng bộ xã Lũng Cú mới" {
			t.Errorf("X01 versions = %+v", vs)
		}
		cell := orgAsOf(t, db, "X02-C1", on)
		if vs, _ := db.OrgVersions(ctx, cell.ID); len(vs) != 2 || vs[0].Path == vs[1].Path {
			t.Errorf("moved cell X02-C1 versions = %+v, want 2 with different paths", vs)
		}
		if vs, _ := db.OrgVersions(ctx, orgAsOf(t, db, "X03", on).ID); len(vs) != 1 {
			t.Errorf("untouched X03 has %d versions", len(vs))
		}
		events, err := db.OrgEvents(ctx, x01.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 2 || events[0].Kind != tochuc.OrgFound || events[1].Kind != tochuc.OrgRename || events[1].Date != changeDate || events[1].Document != "QĐ 2" {
			t.Errorf("X01 events = %+v", events)
		}

		// A change dated before the latest change is refused and writes nothing.
		snap := takeSnapshot(t, db)
		err = svc.SaveOrg(ctx, service.OrgInput{Code: "X03", Name: "Đảng bộ xã Cô Ba (sửa)", Kind: tochuc.KindBasicCommittee,
			ParentCode: "H02", Date: changeDate.AddDays(-10)})
		if tochuc.ErrorCode(err) != tochuc.ECONFLICT {
			t.Errorf("back-dated change: %v, want %s", err, tochuc.ECONFLICT)
		}
		if takeSnapshot(t, db) != snap {
			t.Error("refused change wrote something")
		}
		// Through an org file, too: the report says why, nothing is applied.
		late := fixtureOrgs()
		late[10].Name = "Đảng bộ xã Cô Ba (sửa)"
		rep, err := svc.ImportOrgs(ctx, late, false)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Failed() || rep.Applied {
			t.Errorf("back-dated org file applied: %+v", rep)
		}
		if takeSnapshot(t, db) != snap {
			t.Error("refused org file wrote something")
		}

		// Re-importing the original rows changes nothing.
		rep, err = svc.ImportOrgs(ctx, fixtureOrgs(), false)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Failed() || rep.Created != 0 || rep.Updated != 0 || rep.Unchanged != len(fixtureOrgs()) {
			t.Errorf("re-import report = %+v, want all %d unchanged", rep, len(fixtureOrgs()))
		}
		if takeSnapshot(t, db) != snap {
			t.Error("re-import of the same rows wrote something")
		}
		// A change on the latest date itself is allowed and replaces that day's version.
		if err := svc.SaveOrg(ctx, service.OrgInput{Code: "X01", Name: "Đảng bộ xã Lũng Cú (2)", Kind: tochuc.KindBasicCommittee,
			ParentCode: "H01", Date: changeDate}); err != nil {
			t.Fatal(err)
		}
		if vs, _ := db.OrgVersions(ctx, x01.ID); len(vs) != 2 || vs[1].Name != "Đảng bộ xã Lũng Cú (2)" || vs[0].ValidTo != changeDate {
			t.Errorf("same-day correction: versions = %+v", vs)
		}
	})
}

func TestImportOrgsHistoryRows(t *testing.T) {
	// One file with a rename (two rows of one code) and a dissolution (valid_to).
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		rows := fixtureOrgs()
		rows[5].ValidTo = changeDate // X01 renamed on changeDate
		renamed := rows[5]
		renamed.Line, renamed.Name, renamed.ValidFrom, renamed.ValidTo = 30, "Đảng bộ xã Lũng Cú mới", changeDate, ""
		rows = append(rows, renamed)
		rows[12].ValidTo = "2022-01-01" // B01 dissolved
		rep, err := svc.ImportOrgs(ctx, rows, false)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Failed() || !rep.Applied {
			t.Fatalf("report %+v", rep)
		}
		if o := orgAsOf(t, db, "X01", changeDate); o.Name != "Đảng bộ xã Lũng Cú mới" {
			t.Errorf("X01 after rename: %q", o.Name)
		}
		if o := orgAsOf(t, db, "X01", changeDate.AddDays(-1)); o.Name != "Đảng bộ xã Lũng Cú" {
			t.Errorf("X01 before rename: %q", o.Name)
		}
		orgAsOf(t, db, "B01", "2021-12-31")
		if _, err := db.OrgByCodeAsOf(ctx, "B01", "2022-01-01"); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("B01 after its valid_to: %v", err)
		}
		// The same file again changes nothing.
		snap := takeSnapshot(t, db)
		rep, err = svc.ImportOrgs(ctx, rows, false)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Failed() || rep.Created+rep.Updated != 0 {
			t.Errorf("second import: %+v", rep)
		}
		if takeSnapshot(t, db) != snap {
			t.Error("second import of the same history wrote something")
		}
	})
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

// An org and its child ending on the same date (a commune and its district on 01/07/2025) must
// be accepted whatever the order of the rows.
func TestImportOrgsParentAndChildEndTogether(t *testing.T) {
	end := tochuc.Date("2025-07-01")
	for _, order := range []string{"child first", "parent first"} {
		t.Run(order, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, db *store.DB) {
				ctx := sysCtx()
				svc := newService(db)
				rows := fixtureOrgs()[:3] // TW, T01, T02
				committee := orgRow(5, "X09", "Đảng bộ xã Lũng Táo", tochuc.KindBasicCommittee, "T01")
				cell := orgRow(6, "X09-C1", "Chi bộ thôn Lũng Táo", tochuc.KindCell, "X09")
				committee.ValidTo, cell.ValidTo = end, end
				if order == "child first" {
					cell.Line, committee.Line = 5, 6
					rows = append(rows, cell, committee)
				} else {
					rows = append(rows, committee, cell)
				}
				rep, err := svc.ImportOrgs(ctx, rows, false)
				if err != nil {
					t.Fatal(err)
				}
				if rep.Failed() {
					t.Fatalf("BUG: an org and its child ending on the same day are refused (%s): %v — service/importorgs.go "+
						"processes ends[d] in file order; remove children before parents (deepest first)", order, rep.Errors)
				}
				if got := codesAsOf(t, db, end); len(got) != 3 {
					t.Errorf("tree on the end date: %v", got)
				}
				if got := codesAsOf(t, db, end.AddDays(-1)); len(got) != 5 {
					t.Errorf("tree on the eve: %v", got)
				}
			})
		})
	}
}
