package demo_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"tochuc"
	"tochuc/demo"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/tabular"
)

// fixedToday keeps the generated histories independent of the day the tests run.
const fixedToday = tochuc.Date("2026-01-15")

func build(t *testing.T, db *store.DB, members int, seed uint64) (*service.Service, *demo.Summary) {
	t.Helper()
	svc := service.New(db)
	svc.Today = func() tochuc.Date { return fixedToday }
	var out bytes.Buffer
	s, err := demo.Build(sysCtx(), svc, demo.Options{Seed: seed, Members: members, Out: &out})
	if err != nil {
		t.Fatalf("demo.Build: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "Đảng viên") {
		t.Errorf("summary for people:\n%s", out.String())
	}
	return svc, s
}

// checkSummary checks the figures of the real 2025 reform and that no member is lost by it.
func checkSummary(t *testing.T, svc *service.Service, s *demo.Summary, members int) {
	t.Helper()
	ctx := sysCtx()
	if s.Members != int64(members) {
		t.Errorf("Members = %d, want %d", s.Members, members)
	}
	checks := []struct {
		name      string
		got, want int
	}{
		{"central_direct on 30/06/2025", s.Before[tochuc.KindCentralDirect], 63},
		{"district on 30/06/2025", s.Before[tochuc.KindDistrict], 696},
		{"central_direct on 01/07/2025", s.After[tochuc.KindCentralDirect], 34},
		{"district on 01/07/2025", s.After[tochuc.KindDistrict], 0},
		{"party root before", s.Before[tochuc.KindParty], 1},
		{"party root after", s.After[tochuc.KindParty], 1},
		{"communes before", s.CommunesBefore, 10035},
		{"communes after", s.CommunesAfter, 3321},
		{"commune kind after", s.After[tochuc.KindCommune], 3321},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}
	if s.MembersBefore != s.PlacedBefore || s.MembersAfter != s.PlacedAfter {
		t.Errorf("members through the tree %d/%d, placed %d/%d", s.MembersBefore, s.MembersAfter, s.PlacedBefore, s.PlacedAfter)
	}
	// The reform moves members; it neither loses nor adds any on its date.
	if s.PlacedBefore != s.PlacedAfter {
		t.Errorf("placed on the eve %d, on the reform date %d", s.PlacedBefore, s.PlacedAfter)
	}
	if s.PlacedBefore == 0 || s.PlacedBefore > int64(members) {
		t.Errorf("placed before = %d of %d", s.PlacedBefore, members)
	}
	if len(s.Anomalies) == 0 {
		t.Error("no anomalies reported: the real mapping has rows that do not match the unit lists")
	}
	found := false
	for _, a := range s.Anomalies {
		if strings.Contains(a, "07693") {
			found = true
		}
	}
	if !found {
		t.Errorf("no anomaly mentions commune 07693: %v", s.Anomalies)
	}
	// Nobody sits in an org that no longer exists on the reform date: through the tree equals
	// the register on every date checked, including today.
	for _, d := range []tochuc.Date{"2025-06-30", "2025-07-01", fixedToday} {
		counts, err := svc.SubtreeCounts(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		root, err := svc.DB.OrgByCodeAsOf(ctx, "TW", d)
		if err != nil {
			t.Fatal(err)
		}
		n, err := svc.DB.CountPlaced(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if counts[root.ID].Total() != n {
			t.Errorf("%s: tree total %d, placed %d", d, counts[root.ID].Total(), n)
		}
	}
}

func exportAll(t *testing.T, svc *service.Service) []byte {
	t.Helper()
	ctx := sysCtx()
	var b bytes.Buffer
	if _, err := svc.ExportMembers(ctx, tabular.NewCSVWriter(&b, false), service.ExportOptions{AsOf: fixedToday}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ExportOrgs(ctx, tabular.NewCSVWriter(&b, false), service.ExportOptions{AsOf: "2025-07-01"}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDemoSQLite(t *testing.T) {
	t.Parallel()
	skipSlowUnderRace(t)
	const members = 3000
	// Two builds with the same seed, side by side: the second only checks determinism.
	dbs := []*store.DB{dbtest.Open(t, store.SQLite), dbtest.Open(t, store.SQLite)}
	svcs := make([]*service.Service, 2)
	sums := make([]*demo.Summary, 2)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []string
	for i := range dbs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			svc := service.New(dbs[i])
			svc.Today = func() tochuc.Date { return fixedToday }
			s, err := demo.Build(sysCtx(), svc, demo.Options{Seed: 7, Members: members})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err.Error())
			}
			svcs[i], sums[i] = svc, s
		}(i)
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("demo.Build: %v", errs)
	}
	checkSummary(t, svcs[0], sums[0], members)
	a, b := exportAll(t, svcs[0]), exportAll(t, svcs[1])
	if !bytes.Equal(a, b) {
		la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
		for i := range la {
			if i >= len(lb) || la[i] != lb[i] {
				t.Errorf("same seed, different data: first difference at line %d:\n%s\n%s", i+1, la[i], lb[min(i, len(lb)-1)])
				break
			}
		}
	}
}

func TestDemoPostgres(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the whole country")
	}
	db := dbtest.Open(t, store.Postgres)
	svc, s := build(t, db, 2000, 7)
	checkSummary(t, svc, s, 2000)
}

func TestBuildCountryDeterministic(t *testing.T) {
	u, err := demo.LoadUnits()
	if err != nil {
		t.Fatal(err)
	}
	a, b := demo.BuildCountry(u, 2000, 1), demo.BuildCountry(u, 2000, 1)
	if len(a.Orgs) != len(b.Orgs) || len(a.Plan) != len(b.Plan) {
		t.Fatalf("same seed: %d/%d orgs, %d/%d plan rows", len(a.Orgs), len(b.Orgs), len(a.Plan), len(b.Plan))
	}
	for i := range a.Plan {
		if a.Plan[i].OldCode != b.Plan[i].OldCode || a.Plan[i].NewCode != b.Plan[i].NewCode || a.Plan[i].ChildCode != b.Plan[i].ChildCode {
			t.Fatalf("same seed, plan row %d differs: %+v vs %+v", i, a.Plan[i], b.Plan[i])
		}
	}
	// The plan re-reads as a CSV: header and one row per plan row.
	csv := a.PlanCSV()
	if len(csv) != len(a.Plan)+1 || strings.Join(csv[0], ",") != "old_code,new_code,effective_date,document,new_name,new_kind,new_setting,new_parent_code,new_admin_unit_code,new_attrs,child_code,member_id" {
		t.Errorf("plan CSV header %v, %d rows", csv[0], len(csv))
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

func sysCtx() context.Context {
	return tochuc.WithActor(context.Background(), tochuc.SystemActor(tochuc.ChannelCLI))
}
