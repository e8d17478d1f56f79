package service_test

import (
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// TestConfigurableRulesAndCalendar: a value marked UNVERIFIED is set by the board and used; a
// verified rule cannot be changed; a committee's extra day off moves a deadline by one working
// day; only an admin at the root may change either, and every change is audited.
func TestConfigurableRulesAndCalendar(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ctx := sysCtx()
		ids := fixture(t, svc)
		if err := svc.SetRuleParam(ctx, "admission.age", "min_months", 200); err == nil {
			t.Error("a verified rule (admission.age) was changed")
		}
		if err := svc.SetRuleParam(ctx, "transfer.slip_deadline", "days", 20); err != nil {
			t.Fatalf("configurable slip deadline: %v", err)
		}
		o, err := svc.RuleOverrides(ctx)
		if err != nil || o["transfer.slip_deadline"]["days"] != 20 {
			t.Fatalf("overrides = %v, %v", o, err)
		}
		// The slip deadline now counts 20 working days: issue a slip and read the report.
		if _, err := svc.IssueTransfer(ctx, service.TransferInput{MemberID: ids["Phạm Minh Đức"], ToOrgCode: "X03", Date: "2026-01-05",
			Document: "1-GTSHĐ/ĐU", Signer: "Bí thư"}); err != nil {
			t.Fatal(err)
		}
		deadline := func() tochuc.Date {
			_, rows, err := svc.TransfersInTransit(ctx, "T01", fixedToday)
			if err != nil || len(rows) != 1 {
				t.Fatalf("in transit: %v %v", rows, err)
			}
			return rows[0].Deadline
		}
		d20 := deadline()
		// 20 working days from Monday 05/01/2026, with Saturday 10/01 a make-up working day (the
		// New Year swap of CV 12729/VPCP-KGVX): 30/01/2026.
		if d20 != "2026-01-30" {
			t.Errorf("deadline with 20 working days = %s, want 2026-01-30", d20)
		}
		if err := svc.SetCalendarDay(ctx, service.CalendarDay{Date: "2026-01-20", Note: "QĐ 7-QĐ/TU nghỉ bù"}, false); err != nil {
			t.Fatal(err)
		}
		if got := deadline(); got != "2026-02-02" {
			t.Errorf("after an extra day off on 20/01: %s, want 2026-02-02", got)
		}
		if svc.IsWorkingDay(ctx, "2026-01-20") {
			t.Error("20/01/2026 is still a working day")
		}
		if err := svc.SetCalendarDay(ctx, service.CalendarDay{Date: "2026-01-20"}, true); err != nil {
			t.Fatal(err)
		}
		if got := deadline(); got != d20 {
			t.Errorf("after removing the day: %s, want %s", got, d20)
		}
		if err := svc.SetCalendarDay(ctx, service.CalendarDay{Date: "2026-01-21"}, false); err == nil {
			t.Error("a day without its deciding document was accepted")
		}
		// A province's admin may not change the installation's rules.
		t01, _ := db.OrgByCodeAsOf(ctx, "T01", fixedToday)
		admin := tochuc.WithActor(ctx, &tochuc.Actor{UserID: 3, MFA: true, Grants: []tochuc.Grant{{Role: tochuc.RoleAdmin, OrgID: t01.ID}}})
		if err := svc.SetRuleParam(admin, "transfer.slip_deadline", "days", 40); err == nil {
			t.Error("a province admin changed a rule")
		}
		entries, err := db.ListAudit(ctx, store.AuditFilter{Action: "config.change"})
		if err != nil || len(entries) != 3 {
			t.Errorf("config changes audited: %d (%v), want 3", len(entries), err)
		}
	})
}
