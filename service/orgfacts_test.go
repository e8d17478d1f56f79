package service_test

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"tochuc"
	"tochuc/importer"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/tabular"
)

func i64(n int64) *int64 { return &n }

// lastEntry is the latest audit entry with an action.
func lastEntry(t *testing.T, db *store.DB, action string) tochuc.AuditEntry {
	t.Helper()
	es, err := db.ListAudit(context.Background(), store.AuditFilter{Action: action, Limit: 1})
	if err != nil || len(es) == 0 {
		t.Fatalf("no %s in the trail: %v", action, err)
	}
	return es[0]
}

// ratioFixture is a province with three communes: X01 (two village cells, one school cell),
// X02 (a ward with one residential-group cell), X03 (no facts), and members in them.
func ratioFixture(t *testing.T, svc *service.Service) {
	t.Helper()
	row := func(code, name, kind, setting, parent string) importer.OrgRow {
		r := orgRow(0, code, name, kind, parent)
		r.Setting = setting
		return r
	}
	rows := []importer.OrgRow{
		row("TW", "Đảng Cộng sản Việt Nam", tochuc.KindParty, "", ""),
		row("T01", "Đảng bộ tỉnh Hưng Yên", tochuc.KindCentralDirect, "province", "TW"),
		row("T02", "Đảng bộ tỉnh Bắc Ninh", tochuc.KindCentralDirect, "province", "TW"),
		row("X01", "Đông Anh", tochuc.KindCommune, "commune", "T01"),
		row("X01-C1", "Chi bộ thôn Một", tochuc.KindCell, "village", "X01"),
		row("X01-C2", "Chi bộ thôn Hai", tochuc.KindCell, "village", "X01"),
		row("X01-C3", "Chi bộ Trường Tiểu học", tochuc.KindCell, "school", "X01"),
		row("X02", "Ân Thi", tochuc.KindCommune, "ward", "T01"),
		row("X02-C1", "Chi bộ tổ dân phố Một", tochuc.KindCell, "village", "X02"),
		row("X03", "Bình Xuyên", tochuc.KindCommune, "commune", "T01"),
		row("Y01", "Đảng bộ xã Yên Phong", tochuc.KindCommune, "commune", "T02"),
	}
	for i := range rows {
		rows[i].Line = i + 2
		rows[i].Document = "QĐ 1-QĐ/TU"
	}
	importOrgs(t, svc, rows)
	people := []struct {
		org      string
		admitted tochuc.Date
	}{{"X01-C1", "2010-01-01"}, {"X01-C1", "2012-01-01"}, {"X01-C2", "2015-03-01"}, {"X01-C3", "2018-01-01"},
		{"X02-C1", "2011-01-01"}, {"X02-C1", "2025-02-01"}, {"X03", "2016-01-01"}, {"Y01", "2014-01-01"}}
	for i, p := range people {
		pr := person{name: "Nguyễn Văn Tỷ " + strconv.Itoa(i), sex: "male", org: p.org, admitted: p.admitted, birthYear: 1980 + i, citizenIDSerial: 100 + i}
		if _, err := svc.CreateMember(sysCtx(), pr.member(), p.org); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOrgFactsRatios(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ratioFixture(t, svc)
		ctx := sysCtx()
		staff := scopedCtx(t, db, tochuc.RoleStaff, "T01")
		if _, err := svc.SetOrgFact(staff, service.OrgFactInput{OrgCode: "X01", Year: 2024, Population: i64(1000), Villages: i64(4), Document: "Niên giám thống kê 2024"}); err != nil {
			t.Fatal(err)
		}
		if e := lastEntry(t, db, "orgfacts.set"); e.Action != "orgfacts.set" || e.ActorID != 99 || !bytes.Contains([]byte(e.Detail), []byte("dân số 1.000")) {
			t.Errorf("audit: %+v", e)
		}
		if _, err := svc.SetOrgFact(staff, service.OrgFactInput{OrgCode: "X02", Year: 2024, Population: i64(500), Villages: i64(3), VillagesWithCell: i64(3)}); err != nil {
			t.Fatal(err)
		}
		// Refusals: more villages with a cell than villages, negative, nothing entered, another
		// province, a leader (counts only), a unit outside the staff's subtree.
		for _, c := range []struct {
			ctx context.Context
			in  service.OrgFactInput
			ec  string
		}{
			{staff, service.OrgFactInput{OrgCode: "X03", Year: 2024, Villages: i64(2), VillagesWithCell: i64(3)}, tochuc.EINVALID},
			{staff, service.OrgFactInput{OrgCode: "X03", Year: 2024, Population: i64(-1)}, tochuc.EINVALID},
			{staff, service.OrgFactInput{OrgCode: "X03", Year: 2024}, tochuc.EINVALID},
			{staff, service.OrgFactInput{OrgCode: "Y01", Year: 2024, Population: i64(9)}, tochuc.ENOTFOUND},
			{scopedCtx(t, db, tochuc.RoleLeader, "T01"), service.OrgFactInput{OrgCode: "X03", Year: 2024, Population: i64(9)}, tochuc.EFORBIDDEN},
			{scopedCtx(t, db, tochuc.RoleStaff, "X01"), service.OrgFactInput{OrgCode: "X02", Year: 2024, Population: i64(9)}, tochuc.ENOTFOUND},
		} {
			if _, err := svc.SetOrgFact(c.ctx, c.in); tochuc.ErrorCode(err) != c.ec {
				t.Errorf("%+v: %v, want %s", c.in, err, c.ec)
			}
		}

		d := tochuc.Date("2025-03-01") // the 2024 figures serve in 2025
		v, err := svc.Ratios(scopedCtx(t, db, tochuc.RoleLeader, "T01"), "T01", d)
		if err != nil {
			t.Fatal(err)
		}
		r := v.Ratio
		// X01: 4 members, 1.000 people, 4 villages of which 2 have a (village) cell;
		// X02: 2 members, 500 people, 3 of 3; X03: 1 member, nothing entered.
		if r.Members != 7 || r.Population != 1500 || r.MembersCovered != 6 || r.PerPopulation != "0,40%" || r.PopulationUnits != 2 ||
			r.Villages != 7 || r.VillagesWithCell != 5 || r.VillageShare != "71,43%" || r.DerivedUnits != 1 ||
			r.Units != 3 || r.NoPopulation != 1 || r.NoVillages != 1 {
			t.Errorf("T01 ratio: %+v", r)
		}
		if len(v.Children) != 3 || len(v.Facts) != 2 {
			t.Fatalf("children %+v facts %+v", v.Children, v.Facts)
		}
		for _, c := range v.Children {
			switch c.OrgCode {
			case "X01":
				if c.PerPopulation != "0,40%" || c.VillageShare != "50,00%" || c.NoPopulation != 0 {
					t.Errorf("X01: %+v", c)
				}
			case "X03":
				if c.PerPopulation != "" || c.VillageShare != "" || c.NoPopulation != 1 || c.Members != 1 {
					t.Errorf("X03: %+v", c)
				}
			}
		}
		// Before the year of the first figures there is no population.
		if v, err := svc.Ratios(ctx, "T01", "2023-06-30"); err != nil || v.Ratio.Population != 0 || v.Ratio.PerPopulation != "" || v.Ratio.NoPopulation != 3 {
			t.Errorf("2023: %+v %v", v, err)
		}
		// A province figure covers its whole subtree; the communes' are not added again.
		if _, err := svc.SetOrgFact(staff, service.OrgFactInput{OrgCode: "T01", Year: 2025, Population: i64(10000)}); err != nil {
			t.Fatal(err)
		}
		v, _ = svc.Ratios(ctx, "T01", d)
		if r := v.Ratio; r.Population != 10000 || r.MembersCovered != 7 || r.PerPopulation != "0,07%" || r.NoPopulation != 0 || r.Villages != 7 {
			t.Errorf("with the province's population: %+v", r)
		}
		// Replacing a figure updates the row.
		if _, err := svc.SetOrgFact(staff, service.OrgFactInput{OrgCode: "X01", Year: 2024, Population: i64(2000), Villages: i64(4), VillagesWithCell: i64(4)}); err != nil {
			t.Fatal(err)
		}
		if v, _ := svc.Ratios(ctx, "X01", d); v.Ratio.Population != 2000 || v.Ratio.VillageShare != "100,00%" || len(v.Facts) != 1 {
			t.Errorf("replaced: %+v", v)
		}
		// A staff of T01 never reads the ratios of another province.
		if _, err := svc.Ratios(staff, "T02", d); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("T02 from T01: %v", err)
		}

		// Import: all or none; a repeated org and year is refused.
		rows := []service.OrgFactInput{{Line: 2, OrgCode: "X03", Year: 2025, Population: i64(700)}, {Line: 3, OrgCode: "X03", Year: 2025, Villages: i64(2)}}
		rep, err := svc.ImportOrgFacts(staff, rows, false)
		if err != nil || !rep.Failed() || rep.Applied {
			t.Errorf("duplicate import: %+v %v", rep, err)
		}
		rep, err = svc.ImportOrgFacts(staff, rows[:1], false)
		if err != nil || rep.Failed() || !rep.Applied || rep.Created != 1 {
			t.Fatalf("import: %+v %v", rep, err)
		}
		if e := lastEntry(t, db, "orgfacts.import"); e.Action != "orgfacts.import" {
			t.Errorf("import audit: %+v", e)
		}
		if v, _ := svc.Ratios(ctx, "X03", "2025-12-31"); v.Ratio.Population != 700 || v.Ratio.PerPopulation != "0,14%" {
			t.Errorf("imported: %+v", v.Ratio)
		}
	})
}

// TestDashboardCompare: the child units sorted server-side by each column, names under
// Vietnamese collation; only the children of the org asked for appear.
func TestDashboardCompare(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ratioFixture(t, svc)
		staff := scopedCtx(t, db, tochuc.RoleStaff, "T01")
		svc.SetOrgFact(staff, service.OrgFactInput{OrgCode: "X01", Year: 2025, Population: i64(1000), Villages: i64(4)})
		svc.SetOrgFact(staff, service.OrgFactInput{OrgCode: "X02", Year: 2025, Population: i64(100), Villages: i64(3), VillagesWithCell: i64(3)})
		if _, err := svc.SetTarget(staff, service.TargetInput{OrgCode: "X02", YearFrom: 2025, Figure: "admitted", Target: 4}); err != nil {
			t.Fatal(err)
		}
		d := tochuc.Date("2025-12-31")
		codes := func(c *service.Comparison) []string {
			var out []string
			for _, r := range c.Rows {
				out = append(out, r.Code)
			}
			return out
		}
		for _, c := range []struct {
			sort, dir string
			want      []string
		}{
			{"name", "asc", []string{"X02", "X03", "X01"}}, // Ân Thi, Bình Xuyên, Đông Anh
			{"name", "desc", []string{"X01", "X03", "X02"}},
			{"", "", []string{"X02", "X03", "X01"}},
			{"members", "desc", []string{"X01", "X02", "X03"}},    // 4, 2, 1
			{"members", "asc", []string{"X03", "X02", "X01"}},     // 1, 2, 4
			{"admitted", "desc", []string{"X02", "X03", "X01"}},   // 1 then 0, 0 by name
			{"target", "desc", []string{"X02", "X03", "X01"}},     // 25% then no target (by name)
			{"target", "asc", []string{"X02", "X03", "X01"}},      // a missing figure stays last
			{"population", "desc", []string{"X02", "X01", "X03"}}, // 2,00%, 0,40%, none
			{"villages", "asc", []string{"X01", "X02", "X03"}},    // 50%, 100%, none
		} {
			cmp, err := svc.DashboardCompare(staff, "", d, c.sort, c.dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := codes(cmp); !slices.Equal(got, c.want) {
				t.Errorf("sort %s %s: %v, want %v", c.sort, c.dir, got, c.want)
			}
		}
		cmp, _ := svc.DashboardCompare(staff, "T01", d, "name", "asc")
		if r := cmp.Rows[0]; r.Admitted != 1 || r.Target == nil || *r.Target != 4 || r.TargetPercent != "25,00%" || r.Ratio.PerPopulation != "2,00%" {
			t.Errorf("X02 row: %+v", r)
		}
		// The children of the root seen by the system are the provinces; a staff of T01 sees
		// no child of another province and cannot compare above its subtree.
		if cmp, err := svc.DashboardCompare(sysCtx(), "TW", d, "name", "asc"); err != nil || !slices.Equal(codes(cmp), []string{"T02", "T01"}) {
			t.Errorf("root: %v %v", cmp, err) // Bắc Ninh before Hưng Yên
		}
		for _, code := range []string{"TW", "T02", "Y01"} {
			if _, err := svc.DashboardCompare(staff, code, d, "", ""); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
				t.Errorf("staff at T01 comparing %s: %v", code, err)
			}
		}
		if cmp, err := svc.DashboardCompare(scopedCtx(t, db, tochuc.RoleLeader, "X01"), "", d, "", ""); err != nil || !slices.Equal(codes(cmp), []string{"X01-C2", "X01-C1", "X01-C3"}) {
			t.Errorf("leader at X01: %v %v", codes(cmp), err) // thôn Hai, thôn Một, Trường
		}
	})
}

// TestStatsAcrossRestructure: a figure as of 30/06/2024 counts the pre-2025 tree (districts),
// one as of today the new tree (the merged commune), the totals agree across the restructure,
// and the dashboard's trend crosses it without losing anyone.
func TestStatsAcrossRestructure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		fixture(t, svc)
		ctx := sysCtx()
		before := tochuc.Date("2024-06-30")
		childCodesOf := func(tab *service.StatsTable) ([]string, int64, int64) {
			var codes []string
			var sum, total int64
			for i, o := range tab.Orgs {
				var n int64
				for _, r := range o.Rows {
					n += r.Count
				}
				if i == 0 {
					total = n
					continue
				}
				codes = append(codes, o.Code)
				sum += n
			}
			return codes, sum, total
		}
		trendBefore, err := svc.DashboardTrend(ctx, "T01", fixedToday, 4)
		if err != nil {
			t.Fatal(err)
		}
		pre, err := svc.StatsMembers(ctx, "T01", before, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		eveTab, _ := svc.StatsMembers(ctx, "T01", eve, nil, false)
		rep, err := svc.ApplyRestructure(ctx, plan(
			importer.PlanRow{NewCode: "XM1", NewName: "Đảng bộ xã Đồng Văn", NewKind: tochuc.KindCommune, NewParentCode: "T01"},
			importer.PlanRow{OldCode: "X01", NewCode: "XM1"},
			importer.PlanRow{OldCode: "X02", NewCode: "XM1"},
			importer.PlanRow{OldCode: "H01", NewCode: "XM1"},
		), false)
		if err != nil || rep.Failed() || !rep.Applied {
			t.Fatalf("restructure: %+v %v", rep, err)
		}
		// Wait for the snapshot of the restructured register (stale-while-rebuild).
		waitFresh(t, svc)
		old, err := svc.StatsMembers(ctx, "T01", before, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		now, err := svc.StatsMembers(ctx, "T01", fixedToday, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		oc, osum, ototal := childCodesOf(old)
		nc, nsum, ntotal := childCodesOf(now)
		pc, _, ptotal := childCodesOf(pre)
		if !slices.Equal(oc, []string{"H01"}) || !slices.Equal(pc, oc) || osum != ototal || ototal != ptotal {
			t.Errorf("30/06/2024: children %v (before the plan %v), sum %d, total %d (before the plan %d)", oc, pc, osum, ototal, ptotal)
		}
		if !slices.Equal(nc, []string{"XM1"}) || nsum != ntotal {
			t.Errorf("today: children %v, sum %d, total %d", nc, nsum, ntotal)
		}
		_, _, etotal := childCodesOf(eveTab)
		if rt, _ := svc.StatsMembers(ctx, "T01", reform, nil, false); etotal != ntotal || etotal == 0 {
			t.Errorf("totals across the restructure: eve %d, reform %v, today %d", etotal, rt.Orgs[0].Rows, ntotal)
		}
		// The root's total too.
		a, _ := svc.StatsMembers(ctx, "TW", eve, nil, false)
		b, _ := svc.StatsMembers(ctx, "TW", fixedToday, nil, false)
		if a.Orgs[0].Rows[0].Count != b.Orgs[0].Rows[0].Count {
			t.Errorf("root total: eve %v today %v", a.Orgs[0].Rows, b.Orgs[0].Rows)
		}
		// The trend of T01 is the same before and after the plan, year by year: 2025 ends with
		// the members of the eve, 2024 with those of its end.
		trend, err := svc.DashboardTrend(ctx, "T01", fixedToday, 4)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(trend.Years, trendBefore.Years) || len(trend.Years) != 4 || trend.Years[2].Year != 2025 || trend.Years[2].Members != etotal {
			t.Errorf("trend after %+v, before %+v (eve %d)", trend.Years, trendBefore.Years, etotal)
		}
		if y := trend.Years[1]; y.Year != 2024 || y.Admitted != 1 || y.Members != ototal+1 {
			t.Errorf("2024: %+v (30/06 total %d; one admitted in December)", y, ototal)
		}
		// The new commune did not exist in 2024; from 2025 it holds what H01 held.
		xm, err := svc.DashboardTrend(ctx, "XM1", fixedToday, 3)
		if err != nil {
			t.Fatal(err)
		}
		if y := xm.Years; y[0].Year != 2024 || y[0].Exists || y[0].Members != 0 || !y[1].Exists || y[1].Members != ntotal || y[2].Members != ntotal {
			t.Errorf("XM1 trend: %+v", y)
		}
	})
}

// waitFresh rebuilds the statistics snapshot until it reflects the last write.
func waitFresh(t *testing.T, svc *service.Service) {
	t.Helper()
	for range 200 {
		tab, err := svc.StatsMembers(sysCtx(), "", fixedToday, nil, false)
		if err != nil {
			t.Fatal(err)
		}
		if !tab.Stale {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the statistics snapshot stays stale")
}

// TestStatsFlowDrillDown: a flow figure opens to the members it counts, and their export is
// audited; readers outside the subtree or without read permission get nothing.
func TestStatsFlowDrillDown(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		staff := scopedCtx(t, db, tochuc.RoleStaff, "T01")
		ft, err := svc.StatsFlows(staff, "T01", "2024-01-01", "2024-12-31", nil, false)
		if err != nil {
			t.Fatal(err)
		}
		var admitted int64
		for _, r := range ft.Orgs[0].Rows {
			if r.Flow == "admitted" {
				admitted = r.Count
			}
		}
		l, err := svc.StatsFlowMembersList(staff, "T01", "2024-01-01", "2024-12-31", "admitted", nil, 1)
		if err != nil {
			t.Fatal(err)
		}
		if admitted != 1 || l.Total != 1 || len(l.Members) != 1 || l.Members[0].ID != ids["Hồ Văn Bảo"] {
			t.Errorf("admitted 2024: figure %d, list %+v", admitted, l)
		}
		if l, err := svc.StatsFlowMembersList(staff, "T01", "2010-01-01", "2012-12-31", "admitted", map[string]string{"sex": "female"}, 1); err != nil || l.Total != 1 || l.Members[0].ID != ids["Lê Thị Ánh"] {
			t.Errorf("women admitted 2010–2012: %+v %v", l, err)
		}
		var buf bytes.Buffer
		n, err := svc.StatsFlowMembersExport(staff, tabular.NewCSVWriter(&buf, false), "T01", "2024-01-01", "2024-12-31", "admitted", nil, false)
		if err != nil || n != 1 || !bytes.Contains(buf.Bytes(), []byte("Hồ Văn Bảo")) {
			t.Errorf("export: %d %v %s", n, err, buf.String())
		}
		if e := lastAudit(t, db); e.ObjectType != "stats-flow-members" || e.ObjectID != "T01" || e.Action != tochuc.AuditExport {
			t.Errorf("export audit: %+v", e)
		}
		before := lastAudit(t, db).Seq
		for _, c := range []struct {
			ctx  context.Context
			org  string
			flow string
		}{{staff, "T02", "admitted"}, {scopedCtx(t, db, tochuc.RoleLeader, "T01"), "T01", "admitted"}, {staff, "T01", "nonsense"}} {
			if _, err := svc.StatsFlowMembersList(c.ctx, c.org, "2024-01-01", "2024-12-31", c.flow, nil, 1); err == nil {
				t.Errorf("list %s %s: no error", c.org, c.flow)
			}
			var out bytes.Buffer
			if _, err := svc.StatsFlowMembersExport(c.ctx, tabular.NewCSVWriter(&out, false), c.org, "2024-01-01", "2024-12-31", c.flow, nil, false); err == nil || out.Len() > 0 {
				t.Errorf("export %s %s: %v %d bytes", c.org, c.flow, err, out.Len())
			}
		}
		if e := lastAudit(t, db); e.Seq != before {
			t.Errorf("a refused export left an entry: %+v", e)
		}
	})
}
