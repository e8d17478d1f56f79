package service_test

import (
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/store"
)

// TestMonthSheetAndRemovalGround: a cell secretary keeps the monthly record of the cell; three
// unexcused months in a year put a member on the removal worklist, two do not, excused months
// do not count, and the record of another cell cannot be written.
func TestMonthSheetAndRemovalGround(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		svc.Today = func() tochuc.Date { return "2025-12-20" }
		ids := fixture(t, svc)
		an, anh := ids["Nguyễn Văn An"], ids["Lê Thị Ánh"]
		x01c1, err := db.OrgByCodeAsOf(sysCtx(), "X01-C1", "2025-12-20")
		if err != nil {
			t.Fatal(err)
		}
		secretary := tochuc.WithActor(sysCtx(), &tochuc.Actor{UserID: 99, Username: "bithu",
			Grants: []tochuc.Grant{{Role: tochuc.RoleSecretary, OrgID: x01c1.ID}}})
		sheet, err := svc.MonthSheet(secretary, "X01-C1", "2025-03")
		if err != nil {
			t.Fatal(err)
		}
		if len(sheet.Rows) != 2 || sheet.Rows[0].Member.CitizenID != "" {
			t.Fatalf("sheet of X01-C1: %d rows (identity hidden: %q)", len(sheet.Rows), sheet.Rows[0].Member.CitizenID)
		}
		mark := func(month string, recs ...store.MonthRecord) {
			t.Helper()
			if err := svc.SaveMonthSheet(secretary, "X01-C1", month, recs); err != nil {
				t.Fatalf("%s: %v", month, err)
			}
		}
		mark("2025-03", store.MonthRecord{MemberID: an, MissedMeeting: true}, store.MonthRecord{MemberID: anh, DuesUnpaid: true})
		mark("2025-04", store.MonthRecord{MemberID: an, DuesUnpaid: true}, store.MonthRecord{MemberID: anh, MissedMeeting: true, Excused: true})
		mark("2025-07", store.MonthRecord{MemberID: an, MissedMeeting: true, DuesUnpaid: true}, store.MonthRecord{MemberID: anh, MissedMeeting: true})
		due, err := svc.RemovalCandidates(sysCtx(), "T01", "2025-12-20")
		if err != nil {
			t.Fatal(err)
		}
		if len(due) != 1 || due[0].MemberID != an || due[0].Months != 3 {
			t.Errorf("removal worklist = %+v, want only Nguyễn Văn An with 3 months (Lê Thị Ánh has 2 unexcused)", due)
		}
		// Clearing a month takes it off again.
		mark("2025-07", store.MonthRecord{MemberID: an})
		if due, _ = svc.RemovalCandidates(sysCtx(), "T01", "2025-12-20"); len(due) != 0 {
			t.Errorf("after clearing July: %+v", due)
		}
		for _, c := range []struct {
			name, org, month string
			rec              store.MonthRecord
		}{
			{"another cell", "X01-C2", "2025-03", store.MonthRecord{MemberID: an, MissedMeeting: true}},
			{"member not on the sheet", "X01-C1", "2025-03", store.MonthRecord{MemberID: ids["Trần Văn Dương"], MissedMeeting: true}},
			{"month to come", "X01-C1", "2026-02", store.MonthRecord{MemberID: an, MissedMeeting: true}},
			{"bad month", "X01-C1", "2025-13", store.MonthRecord{MemberID: an, MissedMeeting: true}},
		} {
			if err := svc.SaveMonthSheet(secretary, c.org, c.month, []store.MonthRecord{c.rec}); err == nil {
				t.Errorf("%s: accepted", c.name)
			}
		}
		// A leader sees counts, not the record.
		leader := tochuc.WithActor(sysCtx(), &tochuc.Actor{UserID: 98, Grants: []tochuc.Grant{{Role: tochuc.RoleLeader, OrgID: x01c1.ID}}})
		if _, err := svc.MonthSheet(leader, "X01-C1", "2025-03"); err == nil {
			t.Error("a leader read the monthly record")
		}
	})
}
