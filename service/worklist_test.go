package service_test

import (
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// TestWorklistGathersTheSources: the worklist of a province lists a probation past its end, a
// transfer slip not yet received (on both sides' lists), a member with three unexcused months
// and a card due for its check — and nothing of another province.
func TestWorklistGathersTheSources(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ctx := sysCtx()
		ids := fixture(t, svc)
		const today = tochuc.Date("2026-09-01")
		svc.Today = func() tochuc.Date { return today }
		// Hồ Văn Bảo (B01, T01) was admitted on 01/12/2024: his probation ended on 01/12/2025.
		// Nguyễn Văn An (X01-C1, T01) misses three months; Phạm Minh Đức (X01) leaves for X03
		// (T02) with a slip not yet received; Lê Thị Ánh's card was issued in 2021 and is due for its five-yearly check.
		for _, month := range []string{"2026-02", "2026-05", "2026-08"} {
			if err := svc.SaveMonthSheet(ctx, "X01-C1", month, []store.MonthRecord{{MemberID: ids["Nguyễn Văn An"], MissedMeeting: true}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := svc.IssueTransfer(ctx, service.TransferInput{MemberID: ids["Phạm Minh Đức"], ToOrgCode: "X03", Date: "2026-08-20",
			SlipNumber: "12", Document: "12-GTSHĐ/ĐU", Signer: "Bí thư"}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.IssueCard(ctx, ids["Lê Thị Ánh"], service.CardInput{Number: "02000002", Date: "2021-08-01", DecisionDoc: service.DecisionDoc{Document: "5-QĐ/HU"}}); err != nil {
			t.Fatal(err)
		}
		kinds := func(code string) map[string][]string {
			w, err := svc.Worklist(ctx, code, today, 30)
			if err != nil {
				t.Fatalf("%s: %v", code, err)
			}
			out := map[string][]string{}
			for _, it := range w.Items {
				out[it.Kind] = append(out[it.Kind], it.Name)
				if w.Counts[it.Kind] == 0 {
					t.Errorf("%s: counts lack %s", code, it.Kind)
				}
			}
			return out
		}
		t01 := kinds("T01")
		for kind, name := range map[string]string{service.WorkProbation: "Hồ Văn Bảo", service.WorkRemoval: "Nguyễn Văn An",
			service.WorkTransfer: "Phạm Minh Đức", service.WorkCard: "Lê Thị Ánh"} {
			if !contains(t01[kind], name) {
				t.Errorf("worklist of T01, %s: %v, want %s", kind, t01[kind], name)
			}
		}
		t02 := kinds("T02")
		if !contains(t02[service.WorkTransfer], "Phạm Minh Đức") {
			t.Errorf("the receiving province does not see the transfer: %v", t02)
		}
		for _, kind := range []string{service.WorkProbation, service.WorkRemoval, service.WorkCard} {
			if len(t02[kind]) > 0 {
				t.Errorf("worklist of T02 has %s of T01: %v", kind, t02[kind])
			}
		}
		// A leader has no names to work on.
		t01org, _ := db.OrgByCodeAsOf(ctx, "T01", today)
		leader := tochuc.WithActor(ctx, &tochuc.Actor{UserID: 5, Grants: []tochuc.Grant{{Role: tochuc.RoleLeader, OrgID: t01org.ID}}})
		if _, err := svc.Worklist(leader, "T01", today, 30); err == nil {
			t.Error("a leader got the worklist's names")
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
