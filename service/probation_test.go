package service_test

import (
	"bytes"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/rules"
	"tochuc/service"
	"tochuc/store"
	"tochuc/tabular"
	"tochuc/vn"
)

// newProbationer registers a probationary member with an admission decision and a ceremony.
func newProbationer(t *testing.T, svc *service.Service, name, org string, serial int, admitted, ceremony tochuc.Date) int64 {
	t.Helper()
	m := tochuc.Member{FullName: name, Sex: "male", BirthDate: "1995-04-02", CitizenID: vn.MakeCitizenID("002", 1995, "male", serial),
		AdmissionDate: admitted, CeremonyDate: ceremony, HomeTown: "Đồng Văn, Hà Giang"}
	id, err := svc.CreateMember(sysCtx(), m, org)
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return id
}

func probWantRule(t *testing.T, err error, rule string) {
	t.Helper()
	var e *tochuc.Error
	if err == nil {
		t.Fatalf("want a refusal under %s, got nil", rule)
	}
	if !probAsErr(err, &e) || e.Subject != rule || !strings.Contains(e.Message, " — ") {
		t.Fatalf("want a refusal naming %s, got %v", rule, err)
	}
}

func probAsErr(err error, target **tochuc.Error) bool {
	for err != nil {
		if e, ok := err.(*tochuc.Error); ok {
			*target = e
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

func probStatusOn(t *testing.T, svc *service.Service, id int64, d tochuc.Date) string {
	t.Helper()
	m, _, err := svc.Member(sysCtx(), id, d)
	if err != nil {
		t.Fatal(err)
	}
	return m.Status
}

func probListStatus(t *testing.T, svc *service.Service, org string, id int64, d tochuc.Date) string {
	t.Helper()
	p, err := svc.ListMembers(sysCtx(), service.MemberList{OrgCode: org, AsOf: d, PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range p.Members {
		if m.ID == id {
			return m.Status
		}
	}
	return ""
}

func TestProbationRecognizedLate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		fixture(t, svc)
		id := newProbationer(t, svc, "Ngô Văn Dự", "X01-C1", 40, "2024-10-01", "2024-11-05")
		ctx := sysCtx()
		// Too early: the cell reviews after the end of probation.
		_, err := svc.RecordProbationVote(ctx, id, service.ProbationVote{Date: "2025-10-20", Yes: 9, Total: 9})
		probWantRule(t, err, "probation.length")
		rev, err := svc.RecordProbationVote(ctx, id, service.ProbationVote{Date: "2025-11-20", Yes: 6, No: 3, Total: 9,
			DecisionDoc: service.DecisionDoc{Document: "05-NQ/CB"}})
		if err != nil || rev.Outcome != tochuc.ReviewPass || rev.VoteNo != 1 {
			t.Fatalf("vote: %+v %v", rev, err)
		}
		// Decided two months after the end of probation: official from the end.
		off, err := svc.Recognize(ctx, id, service.DecisionDoc{Document: "120-QĐ/ĐU", DocDate: "2026-01-10", Signer: "Bí thư Đảng ủy"})
		if err != nil || off != "2025-11-05" {
			t.Fatalf("Recognize: %q %v", off, err)
		}
		_, events, err := svc.Member(ctx, id, fixedToday)
		if err != nil {
			t.Fatal(err)
		}
		var rec *tochuc.MemberEvent
		for i := range events {
			if events[i].Kind == tochuc.EventRecognized {
				rec = &events[i]
			}
		}
		if rec == nil || rec.Date != "2025-11-05" || rec.DocDate != "2026-01-10" || rec.Document != "120-QĐ/ĐU" || rec.Signer != "Bí thư Đảng ủy" {
			t.Fatalf("recognition event: %+v", rec)
		}
		for _, c := range []struct {
			d    tochuc.Date
			want string
		}{{"2025-11-04", tochuc.StatusProbationary}, {"2025-11-05", tochuc.StatusOfficial}, {"2026-01-09", tochuc.StatusOfficial}} {
			if got := probStatusOn(t, svc, id, c.d); got != c.want {
				t.Errorf("status on %s = %q, want %q", c.d, got, c.want)
			}
			if got := probListStatus(t, svc, "X01-C1", id, c.d); got != c.want {
				t.Errorf("list status on %s = %q, want %q", c.d, got, c.want)
			}
		}
		cell := orgAsOf(t, db, "X01-C1", fixedToday)
		before, err := svc.SubtreeCounts(ctx, "2025-11-04")
		if err != nil {
			t.Fatal(err)
		}
		after, err := svc.SubtreeCounts(ctx, "2025-11-05")
		if err != nil {
			t.Fatal(err)
		}
		if after[cell.ID].Official != before[cell.ID].Official+1 || after[cell.ID].Probationary != before[cell.ID].Probationary-1 {
			t.Errorf("counts: before %+v after %+v", before[cell.ID], after[cell.ID])
		}
		m, _ := db.Member(ctx, id)
		if m.OfficialDate != "2025-11-05" {
			t.Errorf("member sheet official date %q", m.OfficialDate)
		}
		// A second recognition is refused, naming its rule.
		_, err = svc.Recognize(ctx, id, service.DecisionDoc{Document: "121-QĐ/ĐU", DocDate: "2026-01-12"})
		probWantRule(t, err, "probation.official_date")
		// And the record shows the probation as done.
		v, err := svc.Probation(ctx, id)
		if err != nil || v.State != service.ProbOfficial || v.End != "2025-11-05" {
			t.Fatalf("Probation: %+v %v", v, err)
		}
	})
}

func TestProbationVotesAndEscalation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		fixture(t, svc)
		ctx := sysCtx()
		a := newProbationer(t, svc, "Ngô Văn Một", "X01-C1", 41, "2024-09-01", "2024-10-01")
		b := newProbationer(t, svc, "Ngô Văn Hai", "X01-C1", 42, "2024-09-01", "2024-10-01")
		c := newProbationer(t, svc, "Ngô Văn Ba", "X01-C1", 43, "2024-09-01", "2024-10-01")
		// 6 of 9 passes; 5 of 9 does not (no majority either way); 6 of 9 against fails.
		if r, err := svc.RecordProbationVote(ctx, a, service.ProbationVote{Date: "2025-10-10", Yes: 6, No: 3, Total: 9}); err != nil || r.Outcome != tochuc.ReviewPass {
			t.Fatalf("6/9: %+v %v", r, err)
		}
		if r, err := svc.RecordProbationVote(ctx, b, service.ProbationVote{Date: "2025-10-10", Yes: 5, No: 4, Total: 9}); err != nil || r.Outcome != tochuc.ReviewNoMajority || r.Escalated {
			t.Fatalf("5/9: %+v %v", r, err)
		}
		if r, err := svc.RecordProbationVote(ctx, c, service.ProbationVote{Date: "2025-10-10", Yes: 3, No: 6, Total: 9}); err != nil || r.Outcome != tochuc.ReviewFail {
			t.Fatalf("3/9 yes, 6/9 no: %+v %v", r, err)
		}
		_, err := svc.RecordProbationVote(ctx, b, service.ProbationVote{Date: "2025-10-12", Yes: 7, No: 4, Total: 9})
		probWantRule(t, err, "probation.vote") // more votes than voters
		// A resolution stands: no second vote; a removal proposal cannot end in recognition.
		_, err = svc.RecordProbationVote(ctx, a, service.ProbationVote{Date: "2025-10-12", Yes: 9, Total: 9})
		probWantRule(t, err, "probation.vote")
		_, err = svc.Recognize(ctx, c, service.DecisionDoc{Document: "9-QĐ/ĐU", DocDate: "2025-11-01"})
		probWantRule(t, err, "probation.vote")
		// Two more votes without two thirds: the third escalates.
		if r, err := svc.RecordProbationVote(ctx, b, service.ProbationVote{Date: "2025-10-20", Yes: 4, No: 4, Total: 9}); err != nil || r.VoteNo != 2 || r.Escalated {
			t.Fatalf("second vote: %+v %v", r, err)
		}
		r3, err := svc.RecordProbationVote(ctx, b, service.ProbationVote{Date: "2025-10-30", Yes: 5, No: 3, Total: 9})
		if err != nil || r3.VoteNo != 3 || !r3.Escalated {
			t.Fatalf("third vote: %+v %v", r3, err)
		}
		_, err = svc.RecordProbationVote(ctx, b, service.ProbationVote{Date: "2025-11-05", Yes: 9, Total: 9})
		probWantRule(t, err, "probation.escalation")
		_, err = svc.RecordProbationVote(ctx, a, service.ProbationVote{Date: "2025-11-05", Yes: 5, Total: 7, Level: tochuc.ReviewCommittee})
		if tochuc.ErrorCode(err) != tochuc.EINVALID {
			t.Fatalf("committee vote without escalation: %v", err)
		}
		v, err := svc.Probation(ctx, b)
		if err != nil || !v.Escalated || v.State != service.ProbEscalated || v.FailedVotes != 3 {
			t.Fatalf("escalated view: %+v %v", v, err)
		}
		if r, err := svc.RecordProbationVote(ctx, b, service.ProbationVote{Date: "2025-11-10", Yes: 5, No: 2, Total: 7, Level: tochuc.ReviewCommittee}); err != nil || r.Outcome != tochuc.ReviewPass || r.VoteNo != 1 {
			t.Fatalf("committee vote: %+v %v", r, err)
		}
		// The failed probation ends in removal from the list, dated the decision.
		if err := svc.FailProbation(ctx, c, service.DecisionDoc{Document: "10-QĐ/ĐU", DocDate: "2025-11-03"}); err != nil {
			t.Fatal(err)
		}
		if got := probStatusOn(t, svc, c, "2025-11-03"); got != tochuc.StatusRemoved {
			t.Errorf("failed probation: status %q", got)
		}
		err = svc.FailProbation(ctx, a, service.DecisionDoc{Document: "11-QĐ/ĐU", DocDate: "2025-11-03"})
		probWantRule(t, err, "probation.vote")
	})
}

func TestProbationsDueDeadlines(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		fixture(t, svc)
		ctx := sysCtx()
		// Probation ends Monday 12/01/2026; the 30 working days run across Tết Bính Ngọ.
		id := newProbationer(t, svc, "Ngô Thị Tết", "X01-C2", 44, "2024-12-20", "2025-01-12")
		cal := vn.NewCalendar()
		deadline := tochuc.Date(rules.ReviewDeadline(cal, "2025-01-12"))
		end, _ := vn.ParseISO("2026-01-12")
		plain := end.AddDate(0, 0, 42) // 30 weekdays later without holidays: Monday 23/02
		if string(deadline) <= plain.Format(vn.ISOLayout) {
			t.Fatalf("deadline %s does not count Tết (30 weekdays: %s)", deadline, plain.Format(vn.ISOLayout))
		}
		day31 := tochuc.Date(cal.AddWorkingDays(end, 31).Format(vn.ISOLayout))
		find := func(d tochuc.Date, days int) *service.ProbationView {
			t.Helper()
			due, err := svc.ProbationsDue(ctx, "X01", d, days)
			if err != nil {
				t.Fatal(err)
			}
			for i := range due {
				if due[i].MemberID == id {
					return &due[i]
				}
			}
			return nil
		}
		if v := find("2025-12-01", 30); v != nil {
			t.Errorf("ends in 42 days, listed with a 30-day window: %+v", v)
		}
		if v := find("2025-12-15", 30); v == nil || v.State != service.ProbUpcoming || v.End != "2026-01-12" || v.ReviewDeadline != deadline {
			t.Errorf("upcoming: %+v", v)
		}
		if v := find(deadline, 0); v == nil || v.State != service.ProbReviewDue || v.Overdue {
			t.Errorf("on the 30th working day: %+v", v)
		}
		if v := find(day31, 0); v == nil || v.State != service.ProbReviewOverdue || !v.Overdue {
			t.Errorf("on the 31st working day: %+v", v)
		}
		// A review held on the 31st working day is late; the decision is then due within 30 working days.
		if _, err := svc.RecordProbationVote(ctx, id, service.ProbationVote{Date: day31, Yes: 8, Total: 9}); err != nil {
			t.Fatal(err)
		}
		v := find(day31, 0)
		if v == nil || !v.LateReview || v.State != service.ProbDecisionDue ||
			v.DecisionDeadline != tochuc.Date(rules.RecognitionDeadline(cal, string(day31), false)) {
			t.Fatalf("after a late review: %+v", v)
		}
		after := tochuc.Date(cal.AddWorkingDays(day31.Time(), 31).Format(vn.ISOLayout))
		if v := find(after, 0); v == nil || v.State != service.ProbDecisionOverdue {
			t.Errorf("decision overdue: %+v", v)
		}
		// Scope: another subtree sees nothing of it.
		other := scopedCtx(t, db, tochuc.RoleStaff, "X03")
		if _, err := svc.ProbationsDue(other, "X01", fixedToday, 30); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree list: %v", err)
		}
		if _, err := svc.RecordProbationVote(other, id, service.ProbationVote{Date: day31, Yes: 8, Total: 9}); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree vote: %v", err)
		}
		if _, err := svc.Recognize(other, id, service.DecisionDoc{Document: "1-QĐ/ĐU", DocDate: "2026-04-01"}); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree recognition: %v", err)
		}
		if _, err := svc.CardHistory(other, id); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree cards: %v", err)
		}
		own, err := svc.ProbationsDue(other, "", fixedToday, 30)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range own {
			if v.MemberID == id {
				t.Errorf("other subtree's own list shows the member")
			}
		}
	})
}

func TestRecognizeManyAllOrNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		ctx := sysCtx()
		a := newProbationer(t, svc, "Ngô Văn Bốn", "X01-C1", 45, "2024-09-01", "2024-10-01")
		b := newProbationer(t, svc, "Ngô Văn Năm", "X01-C2", 46, "2024-09-01", "2024-10-01")
		official := ids["Nguyễn Văn An"]
		doc := service.DecisionDoc{Document: "200-QĐ/HU", DocDate: "2026-01-05"}
		_, err := svc.RecognizeMany(ctx, []int64{a, official, b, 999999}, []int{2, 3, 4, 5}, doc)
		be, ok := err.(*service.BulkError)
		if !ok || len(be.Rows) != 1 || be.Rows[0].Line != 5 {
			t.Fatalf("unknown member: %v", err)
		}
		_, err = svc.RecognizeMany(ctx, []int64{a, official, b}, []int{2, 3, 4}, doc)
		be, ok = err.(*service.BulkError)
		if !ok || len(be.Rows) != 1 || be.Rows[0].Line != 3 || !strings.Contains(be.Rows[0].Message, "QĐ") {
			t.Fatalf("official member in the batch: %v", err)
		}
		if got := probStatusOn(t, svc, a, fixedToday); got != tochuc.StatusProbationary {
			t.Fatalf("all or nothing: a is %q", got)
		}
		dates, err := svc.RecognizeMany(ctx, []int64{a, b}, nil, doc)
		if err != nil || len(dates) != 2 || dates[0] != "2025-10-01" {
			t.Fatalf("batch: %v %v", dates, err)
		}
		if got := probStatusOn(t, svc, b, "2025-10-01"); got != tochuc.StatusOfficial {
			t.Errorf("b on 01/10/2025: %q", got)
		}
	})
}

func TestPartyCards(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		ctx := sysCtx()
		prob := ids["Hồ Văn Bảo"] // probationary in B01
		_, err := svc.IssueCard(ctx, prob, service.CardInput{Number: "99000001", Date: "2026-01-10"})
		probWantRule(t, err, "card.official_only")
		_, err = svc.RequestCard(ctx, prob, "2026-01-10", true, "")
		probWantRule(t, err, "card.official_only")

		id := ids["Trần Văn Dương"] // official, no card yet
		if _, err := svc.RequestCard(ctx, id, "2026-01-05", true, ""); err != nil {
			t.Fatal(err)
		}
		c1, err := svc.IssueCard(ctx, id, service.CardInput{Number: "0120 345", Date: "2026-01-08",
			DecisionDoc: service.DecisionDoc{Document: "15-QĐ/ĐU", Signer: "Phó Bí thư"}})
		if err != nil || c1.Status != tochuc.CardIssued {
			t.Fatalf("issue: %+v %v", c1, err)
		}
		if _, err := svc.IssueCard(ctx, id, service.CardInput{Number: "0120346", Date: "2026-01-09"}); tochuc.ErrorCode(err) != tochuc.ECONFLICT {
			t.Fatalf("second card while holding one: %v", err)
		}
		if _, err := svc.IssueCard(ctx, ids["Hoàng Văn Đức"], service.CardInput{Number: "02000001", Date: "2026-01-09"}); err == nil {
			t.Fatalf("number of another member accepted")
		}
		if err := svc.ReportCardLost(ctx, id, "2026-01-10", false, "mất khi đi công tác"); err != nil {
			t.Fatal(err)
		}
		c2, err := svc.ReissueCard(ctx, id, service.CardInput{Number: "0120999", Date: "2026-01-12",
			DecisionDoc: service.DecisionDoc{Document: "16-QĐ/ĐU"}})
		if err != nil {
			t.Fatal(err)
		}
		h, err := svc.CardHistory(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Cards) != 2 || h.Cards[0].Status != tochuc.CardLost || h.Cards[0].ReplacedBy != c2.ID ||
			h.Cards[1].Number != "0120999" || h.Register != "0120999" || h.Current == nil || h.Current.ID != c2.ID {
			t.Fatalf("history: %+v", h)
		}
		if len(h.Requests) != 1 || h.Requests[0].Status != tochuc.CardRequestIssued || h.Requests[0].CardID != c1.ID {
			t.Fatalf("requests: %+v", h.Requests)
		}
		search := func(q string) bool {
			p, err := svc.ListMembers(ctx, service.MemberList{Query: q})
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
		if !search("0120999") || search("0120 345") {
			t.Errorf("search by card number: new %v old %v", search("0120999"), search("0120 345"))
		}
		// The five-yearly check.
		old := ids["Vũ Thị Anh"]
		if _, err := svc.IssueCard(ctx, old, service.CardInput{Number: "0100001", Date: "2021-09-01"}); err != nil {
			t.Fatal(err)
		}
		due, err := svc.CardChecksDue(ctx, "H01", "2026-09-01")
		if err != nil {
			t.Fatal(err)
		}
		if len(due) != 1 || due[0].MemberID != old || due[0].DueFrom != "2026-09-01" {
			t.Fatalf("checks due: %+v", due)
		}
		if due, _ := svc.CardChecksDue(ctx, "H01", "2026-08-31"); len(due) != 0 {
			t.Errorf("due before 60 months: %+v", due)
		}
		if err := svc.RecordCardCheck(ctx, old, "2026-01-14"); err != nil {
			t.Fatal(err)
		}
		if due, _ := svc.CardChecksDue(ctx, "H01", "2026-09-01"); len(due) != 0 {
			t.Errorf("due after the check: %+v", due)
		}
		// Exit: removal takes the card back; death leaves it with the family.
		if err := svc.ReturnCard(ctx, id, "2026-01-13", ""); tochuc.ErrorCode(err) != tochuc.EINVALID {
			t.Errorf("return while a member: %v", err)
		}
		if err := svc.RecordEvent(ctx, tochuc.MemberEvent{MemberID: old, Kind: tochuc.EventDeceased, Date: "2026-01-14"}); err != nil {
			t.Fatal(err)
		}
		if err := svc.ReturnCard(ctx, old, "2026-01-15", ""); err != nil {
			t.Fatal(err)
		}
		if h, _ := svc.CardHistory(ctx, old); h.Cards[0].Status != tochuc.CardKept {
			t.Errorf("deceased: card %+v", h.Cards[0])
		}
		// Scope: another subtree does not see the cards.
		other := scopedCtx(t, db, tochuc.RoleStaff, "X03")
		if err := svc.ReportCardLost(other, id, "2026-01-14", false, ""); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree report: %v", err)
		}
		if _, err := svc.CardLists(other, "H01", "2026-01-01", fixedToday); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree lists: %v", err)
		}
	})
}

func TestCardLists(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		ctx := sysCtx()
		for _, c := range []struct {
			name string
			d    tochuc.Date
		}{{"Nguyễn Văn An", "2026-01-05"}, {"Trần Văn Dương", "2026-01-06"}, {"Đỗ Thị Yến", "2026-01-07"}, {"Bùi Văn Cường", "2026-01-07"}, {"Lê Thị Ánh", "2025-06-01"}} {
			if _, err := svc.RequestCard(ctx, ids[c.name], c.d, c.name != "Đỗ Thị Yến", ""); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
		}
		l, err := svc.CardLists(ctx, "H01", "2026-01-01", fixedToday)
		if err != nil {
			t.Fatal(err)
		}
		// Two basic organizations of H01: the commune committee X01 (two cells) and the school's cell B01.
		if l.Total != 3 || len(l.Groups) != 2 {
			t.Fatalf("lists: %+v", l)
		}
		groups := map[string][]service.CardListRow{}
		for _, g := range l.Groups {
			groups[g.BasicCode] = g.Rows
		}
		x := groups["X01"]
		if len(x) != 2 || x[0].FullName != "Nguyễn Văn An" || x[0].CellCode != "X01-C1" || x[0].No != 1 ||
			x[1].FullName != "Trần Văn Dương" || x[1].CellCode != "X01-C2" || x[1].No != 2 || x[0].AdmissionDate != "2010-03-01" || x[0].OfficialDate != "2011-03-01" {
			t.Errorf("1-TĐV of X01: %+v", x)
		}
		if b := groups["B01"]; len(b) != 1 || b[0].FullName != "Đỗ Thị Yến" || b[0].Photos || b[0].CellCode != "B01" {
			t.Errorf("1-TĐV of B01: %+v", b)
		}
		var buf bytes.Buffer
		n, err := svc.ExportCardList(ctx, tabular.SafeCells(tabular.NewCSVWriter(&buf, false)), "H01", "2026-01-01", fixedToday, "1A")
		if err != nil || n != 3 {
			t.Fatalf("export: %d %v", n, err)
		}
		out := buf.String()
		for _, want := range []string{"STT,Họ và tên", "3,Đỗ Thị Yến", "Đảng bộ xã Lũng Cú", "Chi bộ thôn Thèn Pả", "Chờ phát thẻ"} {
			if !strings.Contains(out, want) {
				t.Errorf("export lacks %q:\n%s", want, out)
			}
		}
	})
}
