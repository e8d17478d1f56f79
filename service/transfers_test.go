package service_test

import (
	"context"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// orgID reads an org's id.
func trOrgID(t *testing.T, db *store.DB, code string) int64 {
	t.Helper()
	o, err := db.OrgByCodeAsOf(context.Background(), code, fixedToday)
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

// subtotal is the subtree total of an org on d through the service's counts.
func trSubtotal(t *testing.T, svc *service.Service, db *store.DB, code string, d tochuc.Date) int64 {
	t.Helper()
	c, err := svc.SubtreeCounts(sysCtx(), d)
	if err != nil {
		t.Fatal(err)
	}
	return c[trOrgID(t, db, code)].Total()
}

// listed reports whether a member is in an org's subtree list on d (with a status filter).
func trListed(t *testing.T, svc *service.Service, code string, d tochuc.Date, status string, id int64) bool {
	t.Helper()
	p, err := svc.ListMembers(sysCtx(), service.MemberList{OrgCode: code, AsOf: d, Subtree: true, Status: status, PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range p.Members {
		if m.ID == id {
			return true
		}
	}
	return false
}

func trStatus(t *testing.T, svc *service.Service, id int64, d tochuc.Date) (string, string) {
	t.Helper()
	m, _, err := svc.Member(sysCtx(), id, d)
	if err != nil {
		t.Fatal(err)
	}
	return m.Status, m.OrgCode
}

func trInReport(t *testing.T, ctx context.Context, svc *service.Service, org string, d tochuc.Date, id int64) (service.TransitRow, bool) {
	t.Helper()
	_, rows, err := svc.TransfersInTransit(ctx, org, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.MemberID == id {
			return r, true
		}
	}
	return service.TransitRow{}, false
}

func TestTransferTwoSteps(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		an := ids["Nguyễn Văn An"] // X01-C1, province T01
		sender := scopedCtx(t, db, tochuc.RoleStaff, "X01")
		receiver := scopedCtx(t, db, tochuc.RoleStaff, "X03")
		other := scopedCtx(t, db, tochuc.RoleStaff, "X02")
		slip, before, mid, recv := tochuc.Date("2025-09-01"), tochuc.Date("2025-08-31"), tochuc.Date("2025-09-10"), tochuc.Date("2025-09-20")
		totalBefore, _ := db.CountPlaced(context.Background(), mid)
		in := service.TransferInput{MemberID: an, ToOrgCode: "X03-C1", Date: slip, SlipNumber: "12", Document: "45-GGT/ĐU", Signer: "Nguyễn Văn Bí Thư"}

		// The receiving side cannot issue the slip: the member is not in its reach.
		if _, err := svc.IssueTransfer(receiver, in); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Fatalf("issue by the receiving side: %v, want not found", err)
		}
		id, err := svc.IssueTransfer(sender, in)
		if err != nil {
			t.Fatal(err)
		}
		// A second slip while in transit is refused.
		if _, err := svc.IssueTransfer(sender, service.TransferInput{MemberID: an, ToOrgCode: "X02-C1", Date: mid}); err == nil {
			t.Error("second slip while in transit accepted")
		}
		if st, org := trStatus(t, svc, an, mid); st != tochuc.StatusInTransit || org != "X03-C1" {
			t.Errorf("in transit: %s %s", st, org)
		}
		if st, org := trStatus(t, svc, an, before); st != tochuc.StatusOfficial || org != "X01-C1" {
			t.Errorf("before the slip: %s %s", st, org)
		}
		// Counted by no org, listed by none, but never lost.
		if n, _ := db.CountPlaced(context.Background(), mid); n != totalBefore-1 {
			t.Errorf("CountPlaced in transit = %d, want %d", n, totalBefore-1)
		}
		if got := trSubtotal(t, svc, db, "X01", mid); got != trSubtotal(t, svc, db, "X01", before)-1 {
			t.Errorf("X01 total in transit %d", got)
		}
		if got := trSubtotal(t, svc, db, "X03", mid); got != trSubtotal(t, svc, db, "X03", before) {
			t.Errorf("X03 total in transit %d", got)
		}
		if trSubtotal(t, svc, db, "TW", mid) != totalBefore-1 {
			t.Error("tree total counts the member in transit")
		}
		for _, org := range []string{"X01", "X03", "TW"} {
			if trListed(t, svc, org, mid, "", an) {
				t.Errorf("member in transit listed in %s", org)
			}
		}
		if !trListed(t, svc, "TW", mid, tochuc.StatusInTransit, an) {
			t.Error("member in transit missing from the in_transit list")
		}
		// Today's columns follow (today is inside the transit for a slip not yet received).
		// Both sides see the member in the in-transit report; a third org does not.
		if _, ok := trInReport(t, sender, svc, "X01", mid, an); !ok {
			t.Error("sending side does not see the member in transit")
		}
		if _, ok := trInReport(t, receiver, svc, "X03", mid, an); !ok {
			t.Error("receiving side does not see the member in transit")
		}
		if _, ok := trInReport(t, other, svc, "X02", mid, an); ok {
			t.Error("a third org sees the member in transit")
		}
		// Both sides can read the record while in transit.
		if _, _, err := svc.Member(receiver, an, mid); err != nil {
			t.Errorf("receiver reads the record: %v", err)
		}
		// Overdue after the slip deadline (30 working days), naming the rule's basis.
		row, _ := trInReport(t, sender, svc, "X01", tochuc.Date("2025-11-03"), an)
		if !row.Overdue || !strings.Contains(row.Rule, "6.3.1") || row.Days != 63 {
			t.Errorf("overdue row: %+v", row)
		}
		if row, _ := trInReport(t, sender, svc, "X01", mid, an); row.Overdue {
			t.Errorf("not yet overdue: %+v", row)
		}
		// The sending side cannot receive; the receiving side does.
		if err := svc.ReceiveTransfer(sender, id, service.ReceiveInput{Date: recv}); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Fatalf("receive by the sender: %v", err)
		}
		if err := svc.ReceiveTransfer(receiver, id, service.ReceiveInput{Date: slip.AddDays(-1)}); tochuc.ErrorCode(err) != tochuc.EINVALID {
			t.Errorf("receipt before the slip: %v", err)
		}
		if err := svc.ReceiveTransfer(receiver, id, service.ReceiveInput{Date: recv, Document: "7-TB/ĐU"}); err != nil {
			t.Fatal(err)
		}
		if err := svc.ReceiveTransfer(receiver, id, service.ReceiveInput{Date: recv}); tochuc.ErrorCode(err) != tochuc.ECONFLICT {
			t.Errorf("second receipt: %v", err)
		}
		if st, org := trStatus(t, svc, an, recv); st != tochuc.StatusOfficial || org != "X03-C1" {
			t.Errorf("after receipt: %s %s", st, org)
		}
		if !trListed(t, svc, "X03", recv, "", an) || trListed(t, svc, "X01", recv, "", an) {
			t.Error("lists after receipt")
		}
		if _, ok := trInReport(t, sender, svc, "X01", recv, an); ok {
			t.Error("still in transit after receipt")
		}
		if n, _ := db.CountPlaced(context.Background(), recv); n != totalBefore {
			t.Errorf("CountPlaced after receipt = %d", n)
		}
		// The slip carries the card number, the history number and the dues month.
		sl, err := svc.TransferSlip(receiver, id)
		if err != nil {
			t.Fatal(err)
		}
		if sl.Transfer.CardNumber != "02000001" || sl.Transfer.DuesPaidTo != "2025-09" || sl.FromOrg.Code != "X01-C1" ||
			sl.ToOrg.Code != "X03-C1" || sl.Transfer.Status != tochuc.TransferReceived || sl.PartyAgeMonths != 15*12+6 {
			t.Errorf("slip: %+v", sl)
		}
		if _, err := svc.TransferSlip(other, id); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("slip read by a third org: %v", err)
		}
		// Both sides list it.
		for _, c := range []struct {
			ctx  context.Context
			org  string
			side string
		}{{sender, "X01", "out"}, {receiver, "X03", "in"}} {
			_, list, err := svc.Transfers(c.ctx, service.TransferFilter{OrgCode: c.org, Side: c.side})
			if err != nil || len(list) != 1 || list[0].ID != id {
				t.Errorf("%s transfers: %v %v", c.org, list, err)
			}
		}
	})
}

func TestTransferCancelAndToday(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		an := ids["Nguyễn Văn An"]
		sender := scopedCtx(t, db, tochuc.RoleStaff, "X01")
		slip := tochuc.Date("2026-01-05") // before today: the member is in transit today
		id, err := svc.IssueTransfer(sender, service.TransferInput{MemberID: an, ToOrgCode: "X02-C1", Date: slip})
		if err != nil {
			t.Fatal(err)
		}
		// Today's lists and counts (the columns kept on members) leave the member out too.
		if trListed(t, svc, "TW", fixedToday, "", an) || !trListed(t, svc, "TW", fixedToday, tochuc.StatusInTransit, an) {
			t.Error("today's lists and the member in transit")
		}
		totalToday, _ := db.CountPlaced(context.Background(), fixedToday)
		if got := trSubtotal(t, svc, db, "TW", fixedToday); got != totalToday {
			t.Errorf("today's tree total %d, register %d", got, totalToday)
		}
		// The receiver cannot cancel; the sender cancels: the member never left.
		receiver := scopedCtx(t, db, tochuc.RoleStaff, "X02")
		if err := svc.CancelTransfer(receiver, id, fixedToday); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("cancel by the receiver: %v", err)
		}
		if err := svc.CancelTransfer(sender, id, fixedToday); err != nil {
			t.Fatal(err)
		}
		for _, d := range []tochuc.Date{slip, fixedToday} {
			if st, org := trStatus(t, svc, an, d); st != tochuc.StatusOfficial || org != "X01-C1" {
				t.Errorf("after cancel on %s: %s %s", d, st, org)
			}
		}
		if !trListed(t, svc, "X01", fixedToday, "", an) {
			t.Error("member not back in today's list after cancel")
		}
		if err := svc.ReceiveTransfer(receiver, id, service.ReceiveInput{Date: fixedToday}); tochuc.ErrorCode(err) != tochuc.ECONFLICT {
			t.Errorf("receipt of a cancelled slip: %v", err)
		}
		if _, ok := trInReport(t, sender, svc, "X01", fixedToday, an); ok {
			t.Error("cancelled slip still in transit")
		}
		// A new slip can be issued afterwards.
		if _, err := svc.IssueTransfer(sender, service.TransferInput{MemberID: an, ToOrgCode: "X02-C1", Date: fixedToday}); err != nil {
			t.Errorf("new slip after cancel: %v", err)
		}
	})
}

func TestTemporaryTransfer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		an := ids["Nguyễn Văn An"]
		slip, recv := tochuc.Date("2025-09-01"), tochuc.Date("2025-09-05")
		in := service.TransferInput{MemberID: an, Kind: tochuc.TransferTemporary, ToOrgCode: "X03-C1", Date: slip, Months: 2}
		_, err := svc.IssueTransfer(sysCtx(), in)
		if tochuc.ErrorCode(err) != tochuc.EINVALID || !strings.Contains(tochuc.ErrorMessage(err), "QĐ 294-QĐ/TW") {
			t.Fatalf("2-month temporary transfer: %v", err)
		}
		in.Months = 12
		if _, err := svc.IssueTransfer(sysCtx(), in); err == nil {
			t.Error("12-month temporary move accepted (must be under a year)")
		}
		in.Purpose, in.Months = tochuc.PurposeStudy, 24 // study: up to 2 years
		if _, err := svc.IssueTransfer(sysCtx(), in); err != nil {
			t.Fatalf("24-month study: %v", err)
		}
		in.Purpose, in.Months = tochuc.PurposeMove, 6
		// Only one pending temporary slip at a time.
		if _, err := svc.IssueTransfer(sysCtx(), in); tochuc.ErrorCode(err) != tochuc.ECONFLICT {
			t.Fatalf("second temporary slip: %v", err)
		}
		_, list, _ := svc.Transfers(sysCtx(), service.TransferFilter{OrgCode: "X03", Side: "in", Kind: tochuc.TransferTemporary})
		if len(list) != 1 {
			t.Fatalf("temporary list %v", list)
		}
		host := scopedCtx(t, db, tochuc.RoleStaff, "X03")
		totalX01, totalX03 := trSubtotal(t, svc, db, "X01", recv), trSubtotal(t, svc, db, "X03", recv)
		if err := svc.ReceiveTransfer(host, list[0].ID, service.ReceiveInput{Date: recv}); err != nil {
			t.Fatal(err)
		}
		// The placement did not change: counted at home, not by the host, listed as temporary.
		if st, org := trStatus(t, svc, an, recv.AddDays(30)); st != tochuc.StatusOfficial || org != "X01-C1" {
			t.Errorf("temporary member placed %s %s", st, org)
		}
		if trSubtotal(t, svc, db, "X01", recv) != totalX01 || trSubtotal(t, svc, db, "X03", recv) != totalX03 {
			t.Error("a temporary transfer changed the totals")
		}
		if trListed(t, svc, "X03", recv, "", an) {
			t.Error("temporary member in the host's list of its own members")
		}
		_, temps, err := svc.TemporaryMembers(host, "X03", recv.AddDays(30))
		if err != nil || len(temps) != 1 || temps[0].MemberID != an {
			t.Errorf("host's temporary members: %v %v", temps, err)
		}
		_, temps, _ = svc.TemporaryMembers(host, "X03", tochuc.Date("2027-09-02")) // after the 24 months
		if len(temps) != 0 {
			t.Errorf("temporary member still hosted after the planned end: %v", temps)
		}
	})
}

func TestBatchTransferAllOrNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		d := tochuc.Date("2025-10-01")
		staff := scopedCtx(t, db, tochuc.RoleStaff, "X01")
		good := []int64{ids["Nguyễn Văn An"], ids["Lê Thị Ánh"]}
		bad := append(append([]int64(nil), good...), ids["Bùi Văn Cường"]) // in X03: outside the reach
		in := service.TransferInput{ToOrgCode: "B01", Date: d, Document: "9-GGT/ĐU"}
		if _, _, err := svc.BatchTransfer(staff, bad, in); err == nil {
			t.Fatal("batch with a member outside the reach accepted")
		}
		for _, id := range good {
			if st, _ := trStatus(t, svc, id, d); st == tochuc.StatusInTransit {
				t.Error("a refused batch left a member in transit")
			}
		}
		if _, _, err := svc.BatchTransfer(staff, []int64{good[0], good[0]}, in); err == nil {
			t.Error("duplicate member accepted")
		}
		batch, tids, err := svc.BatchTransfer(staff, good, in)
		if err != nil || len(tids) != 2 || batch == "" {
			t.Fatalf("batch: %v %v", tids, err)
		}
		for _, id := range good {
			if st, org := trStatus(t, svc, id, d); st != tochuc.StatusInTransit || org != "B01" {
				t.Errorf("batch member: %s %s", st, org)
			}
		}
	})
}

func TestTransferAbroad(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		an := ids["Nguyễn Văn An"]
		d := tochuc.Date("2025-10-01")
		if _, err := svc.IssueTransfer(sysCtx(), service.TransferInput{MemberID: an, Scope: tochuc.ScopeAbroad, Date: d}); err == nil {
			t.Fatal("abroad without a destination accepted")
		}
		id, err := svc.IssueTransfer(sysCtx(), service.TransferInput{MemberID: an, Scope: tochuc.ScopeAbroad,
			Destination: "Chi bộ Đại sứ quán Việt Nam tại Lào", Date: d})
		if err != nil {
			t.Fatal(err)
		}
		if st, org := trStatus(t, svc, an, d.AddDays(100)); st != tochuc.StatusInTransit || org != "X01-C1" {
			t.Errorf("abroad: %s %s", st, org)
		}
		if _, ok := trInReport(t, sysCtx(), svc, "X01", d.AddDays(100), an); !ok {
			t.Error("abroad member not in the sender's in-transit report")
		}
		back := tochuc.Date("2026-01-10")
		if err := svc.ReceiveTransfer(sysCtx(), id, service.ReceiveInput{Date: back}); tochuc.ErrorCode(err) != tochuc.EINVALID {
			t.Errorf("return without an org: %v", err)
		}
		if err := svc.ReceiveTransfer(sysCtx(), id, service.ReceiveInput{Date: back, OrgCode: "X02-C1"}); err != nil {
			t.Fatal(err)
		}
		if st, org := trStatus(t, svc, an, back); st != tochuc.StatusOfficial || org != "X02-C1" {
			t.Errorf("returned: %s %s", st, org)
		}
	})
}
