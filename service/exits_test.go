package service_test

import (
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// refusedBy checks a refusal naming a rule: EINVALID, the rule's id as subject, the basis in
// the message.
func trRefused(t *testing.T, err error, ruleID, basis string) {
	t.Helper()
	e, ok := err.(*tochuc.Error)
	if !ok || e.Code != tochuc.EINVALID || e.Subject != ruleID || !strings.Contains(e.Message, " — ") || !strings.Contains(e.Message, basis) {
		t.Errorf("want a refusal by %s (%s), got %#v", ruleID, basis, err)
	}
}

func trDec(d tochuc.Date, doc string) service.Decision {
	return service.Decision{Date: d, Document: doc, Signer: "Trần Văn Ký"}
}

func TestRemovalFromList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		an := ids["Nguyễn Văn An"]
		d := tochuc.Date("2025-10-01")
		in := service.ExitInput{MemberID: an, Kind: tochuc.EventRemoved, Decision: trDec(d, "12-QĐ/ĐU")}
		trRefused(t, svc.RecordExit(sysCtx(), in), "removal.grounds", "QĐ 294-QĐ/TW, điểm 8.1")
		in.Ground, in.MonthsMissed = service.GroundAbsence, 2
		trRefused(t, svc.RecordExit(sysCtx(), in), "removal.grounds", "QĐ 294-QĐ/TW, điểm 8.1")
		// Under the rule in force in 2024 the basis is QĐ 24.
		old := in
		old.Date = "2024-10-01"
		trRefused(t, svc.RecordExit(sysCtx(), old), "removal.grounds", "QĐ 24-QĐ/TW, điểm 8.1")
		in.Document = ""
		in.MonthsMissed = 3
		if err := svc.RecordExit(sysCtx(), in); err == nil {
			t.Error("removal without its decision accepted")
		}
		in.Document = "12-QĐ/ĐU"
		// Outside the reach: not found.
		if err := svc.RecordExit(scopedCtx(t, db, tochuc.RoleStaff, "X03"), in); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("removal by another org: %v", err)
		}
		if err := svc.RecordExit(sysCtx(), in); err != nil {
			t.Fatal(err)
		}
		if st, _ := trStatus(t, svc, an, d); st != tochuc.StatusRemoved {
			t.Errorf("status %s", st)
		}
		// Dropping out bars re-admission for ever.
		err := svc.Readmit(sysCtx(), service.ReadmitInput{MemberID: an, Decision: trDec("2029-10-01", "1-QĐ/TU"), OrgCode: "X01-C1", ConsentDocument: "5-CV/TU"})
		trRefused(t, err, "readmission.barred", "điểm 3.5.2")
	})
}

func TestWithdrawalExpulsionDeath(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		d := tochuc.Date("2025-10-01")
		w := service.ExitInput{MemberID: ids["Lê Thị Ánh"], Kind: tochuc.EventWithdrawn, Decision: trDec(d, "13-QĐ/ĐU"), HasViolation: true}
		trRefused(t, svc.RecordExit(sysCtx(), w), "withdrawal.no_violation", "HD 06-HD/TW")
		w.HasViolation = false
		if err := svc.RecordExit(sysCtx(), w); err != nil {
			t.Fatal(err)
		}
		// A withdrawal bars re-admission (no family hardship stated).
		err := svc.Readmit(sysCtx(), service.ReadmitInput{MemberID: w.MemberID, Decision: trDec("2029-10-01", "1-QĐ/TU"), OrgCode: "X01-C1", ConsentDocument: "5-CV/TU"})
		trRefused(t, err, "readmission.barred", "điểm 3.5.2")

		e := service.ExitInput{MemberID: ids["Trần Văn Dương"], Kind: tochuc.EventExpelled, Decision: trDec(d, "")}
		if err := svc.RecordExit(sysCtx(), e); err == nil {
			t.Error("expulsion without its discipline decision accepted")
		}
		e.Document, e.Reason = "3-QĐ/UBKT", "corruption"
		if err := svc.RecordExit(sysCtx(), e); err != nil {
			t.Fatal(err)
		}
		err = svc.Readmit(sysCtx(), service.ReadmitInput{MemberID: e.MemberID, Decision: trDec("2029-10-01", "1-QĐ/TU"), OrgCode: "X01-C2", ConsentDocument: "5-CV/TU"})
		trRefused(t, err, "readmission.barred", "điểm 3.5.2")

		dead := service.ExitInput{MemberID: ids["Vũ Thị Anh"], Kind: tochuc.EventDeceased, Decision: service.Decision{Date: d}}
		if err := svc.RecordExit(sysCtx(), dead); err != nil {
			t.Fatal(err)
		}
		if st, _ := trStatus(t, svc, dead.MemberID, d); st != tochuc.StatusDeceased {
			t.Errorf("status %s", st)
		}
		if err := svc.RecordExit(sysCtx(), dead); err == nil {
			t.Error("a second death accepted")
		}
		if err := svc.Restore(sysCtx(), service.RestoreInput{MemberID: dead.MemberID, Decision: trDec(d.AddDays(10), "1-QĐ/TU")}); err == nil {
			t.Error("restoration of a deceased member accepted")
		}
	})
}

func TestReadmissionBoundaries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		id := ids["Bùi Văn Cường"] // X03-C1, admitted 2008-10-01
		left := tochuc.Date("2022-01-10")
		if err := svc.RecordExit(sysCtx(), service.ExitInput{MemberID: id, Kind: tochuc.EventExpelled, Decision: trDec(left, "2-QĐ/UBKT")}); err != nil {
			t.Fatal(err)
		}
		in := service.ReadmitInput{MemberID: id, Decision: trDec("2025-01-09", "9-QĐ/TU"), OrgCode: "X03-C1", ConsentDocument: "5-CV/TU"}
		trRefused(t, svc.Readmit(sysCtx(), in), "readmission.wait", "QĐ 24-QĐ/TW, điểm 3.5.1") // 35 months (and 30 days)
		in.Date = "2025-01-10"                                                                 // 36 months
		in.ConsentDocument = ""
		trRefused(t, svc.Readmit(sysCtx(), in), "readmission.consent", "QĐ 24-QĐ/TW, điểm 3.5.1")
		in.ConsentDocument = "5-CV/TU"
		// The org must be in the reach of whoever decides.
		if err := svc.Readmit(scopedCtx(t, db, tochuc.RoleStaff, "X01"), in); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("re-admission into another org's cell: %v", err)
		}
		if err := svc.Readmit(sysCtx(), in); err != nil {
			t.Fatal(err)
		}
		if st, org := trStatus(t, svc, id, in.Date); st != tochuc.StatusProbationary || org != "X03-C1" {
			t.Errorf("after re-admission: %s %s (a new probation)", st, org)
		}
		// Party age: from the first admission minus the 36 months out.
		_, events, _ := svc.Member(sysCtx(), id, fixedToday)
		if y, m, ok := service.PartyAge(events, "2026-01-10"); !ok || y != 14 || m != 3 {
			t.Errorf("party age after re-admission %d y %d m", y, m)
		}
		// Only once.
		if err := svc.RecordExit(sysCtx(), service.ExitInput{MemberID: id, Kind: tochuc.EventExpelled, Decision: trDec("2025-06-01", "4-QĐ/UBKT")}); err != nil {
			t.Fatal(err)
		}
		in.Date = "2029-06-01"
		trRefused(t, svc.Readmit(sysCtx(), in), "readmission.once", "điểm 3.5.3")
		// Not a member out of the Party: refused.
		in.MemberID = ids["Nguyễn Văn An"]
		if err := svc.Readmit(sysCtx(), in); tochuc.ErrorCode(err) != tochuc.EINVALID {
			t.Errorf("re-admission of an active member: %v", err)
		}
	})
}

func TestRestorationAndExemption(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		id := ids["Đặng Thị Bình"] // X02, admitted 2015-09-01
		out, back := tochuc.Date("2024-03-01"), tochuc.Date("2025-03-01")
		if err := svc.RecordExit(sysCtx(), service.ExitInput{MemberID: id, Kind: tochuc.EventRemoved, Ground: service.GroundViolation, Decision: trDec(out, "8-QĐ/HU")}); err != nil {
			t.Fatal(err)
		}
		if err := svc.Restore(sysCtx(), service.RestoreInput{MemberID: id, Decision: trDec(back, "")}); err == nil {
			t.Error("restoration without its decision accepted")
		}
		if err := svc.Restore(sysCtx(), service.RestoreInput{MemberID: id, Decision: trDec(back, "2-QĐ/TU")}); err != nil {
			t.Fatal(err)
		}
		if st, org := trStatus(t, svc, id, back); st != tochuc.StatusOfficial || org != "X02" {
			t.Errorf("restored: %s %s", st, org)
		}
		_, events, _ := svc.Member(sysCtx(), id, fixedToday)
		if y, m, _ := service.PartyAge(events, "2025-09-01"); y != 10 || m != 0 {
			t.Errorf("restored party age %d y %d m, want continuous 10 y", y, m)
		}
		// Exemption: conditions of the rule in force.
		ex := service.ExemptInput{MemberID: id, Decision: trDec("2025-10-01", "NQ 3-NQ/CB"), IllnessMonths: 2, Voluntary: true}
		trRefused(t, svc.Exempt(sysCtx(), ex), "exemption.conditions", "điểm 7.1")
		ex.IllnessMonths = 3
		if err := svc.Exempt(sysCtx(), ex); err != nil {
			t.Fatal(err)
		}
		if st, _ := trStatus(t, svc, id, "2025-10-02"); st != tochuc.StatusExempt {
			t.Errorf("exempt: %s", st)
		}
		if err := svc.EndExemption(sysCtx(), id, trDec("2025-12-01", "NQ 5-NQ/CB")); err != nil {
			t.Fatal(err)
		}
		if st, _ := trStatus(t, svc, id, "2025-12-02"); st != tochuc.StatusOfficial {
			t.Errorf("back from exemption: %s", st)
		}
	})
}
