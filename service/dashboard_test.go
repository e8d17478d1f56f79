package service_test

import (
	"context"
	"testing"
	"time"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// dashboardFixture adds to the fixture a year of events: an admission with a ceremony date, a
// recognition, a transfer across provinces, an exemption, a death, and partial birth dates.
func dashboardFixture(t *testing.T, svc *service.Service, db *store.DB) map[string]int64 {
	t.Helper()
	ids := fixture(t, svc)
	ctx := sysCtx()
	newcomer := tochuc.Member{FullName: "Sùng Thị Mai", Sex: "female", BirthDate: "1999", Ethnicity: "08",
		AdmissionDate: "2025-02-01", CeremonyDate: "2025-02-15"}
	id, err := svc.CreateMember(ctx, newcomer, "X02-C1")
	if err != nil {
		t.Fatal(err)
	}
	ids[newcomer.FullName] = id
	late := tochuc.Member{FullName: "Giàng A Páo", Sex: "male", BirthDate: "1960-11", Ethnicity: "08",
		AdmissionDate: "2025-01-10"}
	if ids[late.FullName], err = svc.CreateMember(ctx, late, "X03-C1"); err != nil {
		t.Fatal(err)
	}
	events := []tochuc.MemberEvent{
		{MemberID: ids["Hoàng Văn Đức"], Kind: tochuc.EventRecognized, Date: "2025-05-01"},
		{MemberID: ids["Trần Văn Dương"], Kind: tochuc.EventTransferred, Date: "2025-04-01", OrgID: orgAsOf(t, db, "X03-C1", "2025-04-01").ID},
		{MemberID: ids["Bùi Văn Cường"], Kind: tochuc.EventExempted, Date: "2025-06-01"},
		{MemberID: ids["Vũ Thị Anh"], Kind: tochuc.EventDeceased, Date: "2025-03-10"},
		{MemberID: ids["Đỗ Thị Yến"], Kind: tochuc.EventWithdrawn, Date: "2026-01-05"},
	}
	for _, e := range events {
		if err := svc.RecordEvent(ctx, e); err != nil {
			t.Fatalf("%s %s: %v", e.Kind, e.Date, err)
		}
	}
	return ids
}

// naiveDashboard recounts the figures member by member from the spans and events in Go.
func naiveDashboard(t *testing.T, db *store.DB, code string, d tochuc.Date) (store.DashboardFigures, int) {
	t.Helper()
	ctx := context.Background()
	root := orgAsOf(t, db, code, d)
	sub, err := db.SubtreeAsOf(ctx, root.Path, d)
	if err != nil {
		t.Fatal(err)
	}
	in := map[int64]bool{}
	for _, o := range sub {
		in[o.ID] = true
	}
	rows, err := rawDB(t, db).Query(`SELECT id FROM members`)
	if err != nil {
		t.Fatal(err)
	}
	var memberIDs []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		memberIDs = append(memberIDs, id)
	}
	rows.Close()
	var f store.DashboardFigures
	due := 0
	y0 := tochuc.Date(string(d[:4]) + "-01-01")
	for _, id := range memberIDs {
		m, err := db.Member(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		spans, err := db.MemberSpans(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		events, err := db.MemberEvents(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range spans {
			if !s.Contains(d) || !in[s.OrgID] {
				continue
			}
			st := s.StatusOn(d)
			f.Count.Add(st, 1)
			if m.Sex == "female" {
				f.Women++
			}
			if m.Ethnicity != "" && m.Ethnicity != store.EthnicityKinh {
				f.Minority++
			}
			if age, ok := store.AgeOn(m.BirthDate, d); ok {
				f.Ages[store.AgeBand(age)]++
			} else {
				f.Ages[store.AgeUnknown]++
			}
			start := m.CeremonyDate
			if start == "" {
				start = m.AdmissionDate
			}
			if st == tochuc.StatusProbationary && start != "" && service.ProbationEnds(start) <= d.AddDays(service.DueWindow) {
				due++
			}
		}
		for _, e := range events {
			if e.Date < y0 || e.Date > d {
				continue
			}
			for _, s := range spans {
				if !in[s.OrgID] {
					continue
				}
				switch e.Kind {
				case tochuc.EventAdmitted, tochuc.EventRecognized:
					if s.Contains(e.Date) {
						if e.Kind == tochuc.EventAdmitted {
							f.Admitted++
						} else {
							f.Recognized++
						}
					}
				case tochuc.EventRemoved, tochuc.EventWithdrawn, tochuc.EventExpelled, tochuc.EventDeceased:
					if s.ValidTo == e.Date && s.EndKind == e.Kind {
						f.Exited++
					}
				}
			}
		}
	}
	return f, due
}

func TestDashboardMatchesNaiveRecount(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		dashboardFixture(t, svc, db)
		for _, d := range []tochuc.Date{"2024-12-31", "2025-03-10", "2025-12-31", fixedToday} {
			for _, code := range []string{"TW", "T01", "H01", "X01", "X02-C1", "T02", "X03-C1", "B01"} {
				want, wantDue := naiveDashboard(t, db, code, d)
				want.Due = int64(wantDue)
				got, err := svc.Dashboard(sysCtx(), code, d)
				if err != nil {
					t.Fatalf("%s %s: %v", code, d, err)
				}
				if got.DashboardFigures != want || got.DueCount != wantDue {
					t.Errorf("%s on %s:\n got %+v due %d\nwant %+v due %d", code, d, got.DashboardFigures, got.DueCount, want, wantDue)
				}
				wantListed := min(wantDue, service.DueLimit)
				if code == "TW" {
					wantListed = 0 // at the root the count is shown, the list is per province
				}
				if len(got.Due) != wantListed || !got.DueNames {
					t.Errorf("%s on %s: %d items due listed (names %v), want %d", code, d, len(got.Due), got.DueNames, wantDue)
				}
			}
		}
		// A few figures by hand, so the recount itself is checked.
		got, err := svc.Dashboard(sysCtx(), "", "2025-12-31")
		if err != nil {
			t.Fatal(err)
		}
		if got.Org.Code != "TW" || got.Total() != 11 || got.Admitted != 2 || got.Recognized != 1 || got.Exited != 1 ||
			got.Count.Exempt != 1 || got.Women != 4 || got.Minority != 2 || got.Ages[store.AgeUnder30] != 1 || got.Ages[store.AgeOver60] != 1 {
			t.Errorf("whole tree on 31/12/2025: %+v", got)
		}
		// Probation ends: Hồ Văn Bảo (admitted 01/12/2024: ended 01/12/2025), Giàng A Páo (ends
		// 10/01/2026); Sùng Thị Mai's ends 15/02/2026, outside the 30 days.
		if got.DueCount != 2 || len(got.Due) != 0 {
			t.Errorf("items due at the root: %d %+v", got.DueCount, got.Due)
		}
		t01, err := svc.Dashboard(sysCtx(), "T01", "2025-12-31")
		if err != nil {
			t.Fatal(err)
		}
		t02, err := svc.Dashboard(sysCtx(), "T02", "2025-12-31")
		if err != nil {
			t.Fatal(err)
		}
		if len(t01.Due) != 1 || t01.Due[0].FullName != "Hồ Văn Bảo" || !t01.Due[0].Overdue ||
			len(t02.Due) != 1 || t02.Due[0].Ends != "2026-01-10" || t02.Due[0].Overdue {
			t.Errorf("items due: T01 %+v, T02 %+v", t01.Due, t02.Due)
		}
		got, err = svc.Dashboard(sysCtx(), "", "2026-01-20")
		if err != nil {
			t.Fatal(err)
		}
		if got.DueCount != 3 || got.Admitted != 0 || got.Exited != 1 {
			t.Errorf("whole tree on 20/01/2026: %+v due %d", got.DashboardFigures, got.DueCount)
		}
	})
}

func TestDashboardScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		dashboardFixture(t, svc, db)
		d := tochuc.Date("2025-12-31")
		t01 := orgAsOf(t, db, "T01", d).ID
		as := func(role string) context.Context {
			return tochuc.WithActor(context.Background(), &tochuc.Actor{UserID: 99, Grants: []tochuc.Grant{{Role: role, OrgID: t01}}, MFA: true})
		}
		want, err := svc.Dashboard(sysCtx(), "T01", d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := svc.Dashboard(as(tochuc.RoleStaff), "", d)
		if err != nil {
			t.Fatal(err)
		}
		if got.Org.Code != "T01" || got.DashboardFigures != want.DashboardFigures || got.DueCount != want.DueCount || len(got.Due) != len(want.Due) {
			t.Errorf("staff at T01: %+v, want %+v", got, want)
		}
		for _, code := range []string{"T02", "X03-C1", "TW", "NOPE"} {
			if _, err := svc.Dashboard(as(tochuc.RoleStaff), code, d); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
				t.Errorf("staff at T01 reading %s: %v, want not found", code, err)
			}
		}
		// A leader gets the figures and the number of items due, not the names.
		lead, err := svc.Dashboard(as(tochuc.RoleLeader), "H01", d)
		if err != nil {
			t.Fatal(err)
		}
		if lead.DueNames || lead.Due != nil || lead.DueCount != 1 || lead.Total() == 0 {
			t.Errorf("leader: names %v due %v count %d total %d", lead.DueNames, lead.Due, lead.DueCount, lead.Total())
		}
		if _, err := svc.Dashboard(as(tochuc.RoleMember), "", d); err == nil {
			t.Error("a member-only account got a dashboard")
		}
		if _, err := svc.Dashboard(context.Background(), "", d); err == nil {
			t.Error("no actor got a dashboard")
		}

		// Org search stays within the reach: folded names and code prefixes.
		hits, total, err := svc.SearchOrgs(as(tochuc.RoleLeader), "ma le", d)
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || hits[0].Code != "X02" || hits[1].Code != "X02-C1" || hits[0].Count.Total() == 0 {
			t.Errorf("search ma le: %d %+v", total, hits)
		}
		for _, q := range []string{"co ba", "Cao Bằng", "X03", "T02"} {
			if hits, _, err := svc.SearchOrgs(as(tochuc.RoleStaff), q, d); err != nil || len(hits) != 0 {
				t.Errorf("search %q at T01: %v %+v", q, err, hits)
			}
		}
		if hits, _, _ := svc.SearchOrgs(as(tochuc.RoleStaff), "x0", d); len(hits) != 5 {
			t.Errorf("search x0 at T01: %+v", hits)
		}
		if hits, _, _ := svc.SearchOrgs(sysCtx(), "x0", d); len(hits) != 7 {
			t.Errorf("search x0 as system: %+v", hits)
		}
		if hits, _, _ := svc.SearchOrgs(sysCtx(), "đồng văn", d); len(hits) != 2 {
			t.Errorf("search đồng văn: %+v", hits)
		}
	})
}

// TestDashboardServesStaleWhileRecomputing: after a write the last figures come back at once,
// marked stale, and the new ones follow from a background pass.
func TestDashboardServesStaleWhileRecomputing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := dashboardFixture(t, svc, db)
		d := fixedToday
		before, err := svc.Dashboard(sysCtx(), "TW", d)
		if err != nil || before.Stale {
			t.Fatalf("first dashboard: %v stale %v", err, before.Stale)
		}
		if err := svc.RecordEvent(sysCtx(), tochuc.MemberEvent{MemberID: ids["Nguyễn Văn An"], Kind: tochuc.EventDeceased, Date: d}); err != nil {
			t.Fatal(err)
		}
		stale, err := svc.Dashboard(sysCtx(), "TW", d)
		if err != nil {
			t.Fatal(err)
		}
		if !stale.Stale || stale.Total() != before.Total() {
			t.Errorf("right after the write: stale %v, total %d (before %d)", stale.Stale, stale.Total(), before.Total())
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			fresh, err := svc.Dashboard(sysCtx(), "TW", d)
			if err != nil {
				t.Fatal(err)
			}
			if !fresh.Stale {
				if fresh.Total() != before.Total()-1 {
					t.Errorf("recomputed total %d, want %d", fresh.Total(), before.Total()-1)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the dashboard was not recomputed within 10 s")
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}
