package service_test

import (
	"strconv"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/rules"
	"tochuc/service"
	"tochuc/store"
	"tochuc/vn"
)

// cand is a candidate of the fixture's cell X01-C1 with the dates of a walk through every step.
type cand struct {
	name, sex, birth, education string
	youth                       bool
	serial                      int
}

func (c cand) candidate() tochuc.Candidate {
	if c.birth == "" {
		c.birth = "2000-03-12"
	}
	if c.education == "" {
		c.education = "upper_secondary"
	}
	if c.sex == "" {
		c.sex = "female"
	}
	y := 0
	for _, r := range c.birth[:4] {
		y = y*10 + int(r-'0')
	}
	return tochuc.Candidate{FullName: c.name, Sex: c.sex, BirthDate: c.birth, Education: c.education,
		CitizenID: vn.MakeCitizenID("002", y, c.sex, 500+c.serial), Ethnicity: "Kinh", Occupation: "Nông dân",
		Residence: "Thôn Lô Lô Chải", YouthUnion: c.youth}
}

// walkSteps are the steps of a regular admission after identification (10/01/2025), in order.
func walkSteps(an, anh int64) []tochuc.CandidateStep {
	return []tochuc.CandidateStep{
		{Stage: tochuc.StageAwarenessTrained, Date: "2025-02-20", Number: "123/GCN-TTCT", Signer: "Trung tâm Chính trị huyện Đồng Văn"},
		{Stage: tochuc.StageCamTinh, Date: "2025-03-05", Document: "02-NQ/CB"},
		{Stage: tochuc.StageApplication, Date: "2025-04-01", HistoryDate: "2025-04-01", Introducers: []tochuc.CandidateIntroducer{
			{MemberID: an, Since: "2020-01-01"}, {MemberID: anh, Since: "2021-06-01"}}},
		{Stage: tochuc.StageVerified, Date: "2025-05-15", Result: "Lý lịch rõ ràng, đủ tiêu chuẩn"},
		{Stage: tochuc.StageCellResolution, Date: "2025-08-05", Yes: 9, Total: 10, Document: "05-NQ/CB", Signer: "Nguyễn Văn An"},
		{Stage: tochuc.StageCommitteeResolution, Date: "2025-08-20", Yes: 7, Total: 9, Document: "12-NQ/ĐU", Signer: "Phạm Minh Đức"},
		{Stage: tochuc.StageDecided, Date: "2025-09-10", Document: "345-QĐ/HU", Signer: "Hoàng Văn Bí", Committee: "Ban Thường vụ Huyện ủy Đồng Văn"},
	}
}

// advance creates a candidate and records the walk's steps up to (not including) stage stop,
// each changed by edit first.
func advance(t *testing.T, svc *service.Service, ids map[string]int64, c cand, stop string, edit func(*tochuc.CandidateStep)) int64 {
	t.Helper()
	id, err := svc.CreateCandidate(sysCtx(), c.candidate(), "X01-C1", "2025-01-10")
	if err != nil {
		t.Fatalf("create %s: %v", c.name, err)
	}
	for _, st := range walkSteps(ids["Nguyễn Văn An"], ids["Lê Thị Ánh"]) {
		if st.Stage == stop {
			break
		}
		if edit != nil {
			edit(&st)
		}
		if err := svc.RecordCandidateStep(sysCtx(), id, st); err != nil {
			t.Fatalf("%s, step %s: %v", c.name, st.Stage, err)
		}
	}
	return id
}

// refused checks that err is the refusal of rule id naming basis.
func refused(t *testing.T, what string, err error, id, basis string) {
	t.Helper()
	e, ok := err.(*tochuc.Error)
	if !ok || e.Code != tochuc.EINVALID || e.Subject != id {
		t.Fatalf("%s: want a refusal under %s, got %#v", what, id, err)
	}
	if !strings.HasSuffix(e.Message, " — "+basis) {
		t.Fatalf("%s: refusal %q does not end with its basis %q", what, e.Message, basis)
	}
}

func basis(t *testing.T, id, date string) string {
	t.Helper()
	r, ok := rules.At(id, date)
	if !ok {
		t.Fatalf("no rule %s on %s", id, date)
	}
	return r.Basis
}

// One candidate through every step to a probationary member with three distinct dates.
func TestCandidateWalkToMember(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		id := advance(t, svc, ids, cand{name: "Trần Thị Mai", serial: 1}, "", nil)
		c, err := svc.Candidate(sysCtx(), id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Stage != tochuc.StageDecided || c.NextStage != tochuc.StageAdmitted || len(c.Steps) != 8 {
			t.Fatalf("after the decision: stage %s next %s, %d steps", c.Stage, c.NextStage, len(c.Steps))
		}
		cal := vn.NewCalendar()
		if want := rules.CeremonyDeadline(cal, "2025-09-10"); string(c.Deadline) != want || c.DeadlineRule != "admission.ceremony_deadline" {
			t.Errorf("ceremony deadline %s (%s), want %s", c.Deadline, c.DeadlineRule, want)
		}
		if c.CertificateExpires != "2030-02-20" {
			t.Errorf("certificate expires %s", c.CertificateExpires)
		}
		if app, _ := c.Step(tochuc.StageApplication); len(app.Introducers) != 2 || app.Introducers[0].Name == "" {
			t.Errorf("introducers: %+v", app.Introducers)
		}
		mid, err := svc.HoldCeremony(sysCtx(), id, "2025-09-25", "")
		if err != nil {
			t.Fatal(err)
		}
		c, err = svc.Candidate(sysCtx(), id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Stage != tochuc.StageAdmitted || c.MemberID != mid || c.NextStage != "" {
			t.Fatalf("after the ceremony: %+v", c)
		}
		if c.ProbationEnds != "2026-09-25" || string(c.ProbationEnds) != rules.OfficialDate("2025-09-25") {
			t.Errorf("probation ends %s", c.ProbationEnds)
		}
		m, events, err := svc.Member(sysCtx(), mid, fixedToday)
		if err != nil {
			t.Fatal(err)
		}
		if m.AdmissionDate != "2025-09-10" || m.CeremonyDate != "2025-09-25" || m.OfficialDate != "" {
			t.Errorf("member dates: admission %s ceremony %s official %s", m.AdmissionDate, m.CeremonyDate, m.OfficialDate)
		}
		if m.Status != tochuc.StatusProbationary || m.OrgCode != "X01-C1" || m.FullName != "Trần Thị Mai" || m.Education != "upper_secondary" {
			t.Errorf("member: %+v", m)
		}
		if len(events) != 1 || events[0].Kind != tochuc.EventAdmitted || events[0].Date != "2025-09-10" ||
			events[0].Document != "345-QĐ/HU" || events[0].DocDate != "2025-09-10" || events[0].Signer != "Hoàng Văn Bí" {
			t.Errorf("events: %+v", events)
		}
		if age, ok := tochuc.PartyAge(events, "2025-12-10"); !ok || age != 3 {
			t.Errorf("party age on 10/12/2025 = %d %v, want 3 months from the decision", age, ok)
		}
		// No second ceremony, no step after admission.
		if _, err := svc.HoldCeremony(sysCtx(), id, "2025-09-26", ""); tochuc.ErrorCode(err) != tochuc.ECONFLICT {
			t.Errorf("second ceremony: %v", err)
		}
		// Every write is in the audit trail.
		var n int
		raw := rawDB(t, db)
		if err := raw.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'candidate' AND object_id = '` +
			itoa(id) + `'`).Scan(&n); err != nil || n != 9 {
			t.Errorf("candidate audit entries: %d %v, want 9 (create, 7 steps, admit)", n, err)
		}
		list, err := svc.ListCandidates(sysCtx(), "X01", tochuc.StageAdmitted)
		if err != nil || len(list) != 1 || list[0].ID != id || list[0].OrgName == "" {
			t.Errorf("list admitted: %+v %v", list, err)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// The refusals, each with the rule and the basis in force on the step's date.
func TestCandidateRefusals(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		ctx := sysCtx()
		qd294 := basis(t, "admission.age", "2025-08-05")
		serial := 10
		next := func() int { serial++; return serial }
		cell := func(id int64, edit func(*tochuc.CandidateStep)) error {
			st := walkSteps(0, 0)[4]
			if edit != nil {
				edit(&st)
			}
			return svc.RecordCandidateStep(ctx, id, st)
		}

		t.Run("age in months at the cell's vote", func(t *testing.T) {
			young := advance(t, svc, ids, cand{name: "Lò Văn Trẻ", sex: "male", birth: "2007-08-06", serial: next()}, tochuc.StageCellResolution, nil)
			err := cell(young, nil)
			refused(t, "17 years 11 months", err, "admission.age", qd294)
			if !strings.Contains(err.Error(), "17 tuổi 11 tháng") {
				t.Errorf("message lacks the age: %v", err)
			}
			ok := advance(t, svc, ids, cand{name: "Lò Văn Đủ", sex: "male", birth: "2007-08-05", serial: next()}, tochuc.StageCellResolution, nil)
			if err := cell(ok, nil); err != nil {
				t.Errorf("18 years 0 months refused: %v", err)
			}
		})
		t.Run("over 60 without the provincial consent", func(t *testing.T) {
			old := advance(t, svc, ids, cand{name: "Vàng Văn Già", sex: "male", birth: "1964-01-01", serial: next()}, tochuc.StageCellResolution, nil)
			refused(t, "61 without consent", cell(old, nil), "admission.age_over60", basis(t, "admission.age_over60", "2025-08-05"))
			if err := cell(old, func(st *tochuc.CandidateStep) { st.Consent = "215-CV/TU ngày 01/8/2025" }); err != nil {
				t.Errorf("61 with consent refused: %v", err)
			}
		})
		t.Run("two thirds of the cell", func(t *testing.T) {
			id := advance(t, svc, ids, cand{name: "Sùng Thị Phiếu", serial: next()}, tochuc.StageCellResolution, nil)
			err := cell(id, func(st *tochuc.CandidateStep) { st.Yes, st.Total = 5, 9 })
			refused(t, "5 of 9", err, "admission.cell_vote", basis(t, "admission.cell_vote", "2025-08-05"))
			if err := cell(id, func(st *tochuc.CandidateStep) { st.Yes, st.Total = 6, 9 }); err != nil {
				t.Errorf("6 of 9 refused: %v", err)
			}
		})
		t.Run("introducers", func(t *testing.T) {
			one := func(st *tochuc.CandidateStep) {
				if st.Stage == tochuc.StageApplication {
					st.Introducers = st.Introducers[:1]
				}
			}
			id := advance(t, svc, ids, cand{name: "Giàng Văn Một", sex: "male", serial: next()}, tochuc.StageApplication, nil)
			app := walkSteps(ids["Nguyễn Văn An"], ids["Lê Thị Ánh"])[2]
			one(&app)
			refused(t, "one introducer", svc.RecordCandidateStep(ctx, id, app), "admission.introducers", basis(t, "admission.introducers", "2025-04-01"))
			// A Youth Union member: one introducer with the Union's resolution.
			yu := advance(t, svc, ids, cand{name: "Giàng Thị Đoàn", youth: true, serial: next()}, tochuc.StageApplication, nil)
			refused(t, "youth union without resolution", svc.RecordCandidateStep(ctx, yu, app), "admission.introducers", basis(t, "admission.introducers", "2025-04-01"))
			app.UnionResolution = "07-NQ/ĐTN ngày 25/3/2025"
			if err := svc.RecordCandidateStep(ctx, yu, app); err != nil {
				t.Errorf("youth union member with one introducer and the resolution: %v", err)
			}
			// A probationary member cannot introduce.
			app = walkSteps(ids["Nguyễn Văn An"], ids["Hồ Văn Bảo"])[2]
			refused(t, "probationary introducer", svc.RecordCandidateStep(ctx, id, app), "admission.introducers", basis(t, "admission.introducers", "2025-04-01"))
		})
		t.Run("expired awareness certificate", func(t *testing.T) {
			// A certificate of 2020: identified in 2019, the rest as in the walk.
			c := cand{name: "Hầu Thị Cũ", serial: next()}.candidate()
			old, err := svc.CreateCandidate(ctx, c, "X01-C1", "2019-12-01")
			if err != nil {
				t.Fatal(err)
			}
			steps := walkSteps(ids["Nguyễn Văn An"], ids["Lê Thị Ánh"])
			steps[0].Date = "2020-03-01"
			for _, st := range steps[:4] {
				if err := svc.RecordCandidateStep(ctx, old, st); err != nil {
					t.Fatalf("%s: %v", st.Stage, err)
				}
			}
			got, _ := svc.Candidate(ctx, old)
			if got.CertificateExpires != "2025-03-01" || got.Deadline != "2025-02-28" || !got.Overdue {
				t.Errorf("expiry %s, deadline %s, overdue %v", got.CertificateExpires, got.Deadline, got.Overdue)
			}
			refused(t, "expired certificate", cell(old, nil), "admission.awareness_certificate", basis(t, "admission.awareness_certificate", "2025-08-05"))
		})
		t.Run("decision deadline in working days", func(t *testing.T) {
			cal := vn.NewCalendar()
			from, _ := vn.ParseISO("2025-08-05")
			day := func(n int) tochuc.Date { return tochuc.DateOf(cal.AddWorkingDays(from, n)) }
			id := advance(t, svc, ids, cand{name: "Ma Văn Hạn", sex: "male", serial: next()}, tochuc.StageDecided, nil)
			dec := walkSteps(0, 0)[6]
			dec.Date = day(61)
			refused(t, "61st working day", svc.RecordCandidateStep(ctx, id, dec), "admission.decision_deadline", basis(t, "admission.decision_deadline", string(dec.Date)))
			dec.Extended = true
			if err := svc.RecordCandidateStep(ctx, id, dec); err != nil {
				t.Errorf("61st working day with the extension: %v", err)
			}
			id = advance(t, svc, ids, cand{name: "Ma Thị Hạn", serial: next()}, tochuc.StageDecided, nil)
			dec.Date, dec.Extended = day(60), false
			if err := svc.RecordCandidateStep(ctx, id, dec); err != nil {
				t.Errorf("60th working day: %v", err)
			}
		})
		t.Run("ceremony within 30 working days", func(t *testing.T) {
			cal := vn.NewCalendar()
			from, _ := vn.ParseISO("2025-09-10")
			day := func(n int) tochuc.Date { return tochuc.DateOf(cal.AddWorkingDays(from, n)) }
			id := advance(t, svc, ids, cand{name: "Chảo Thị Lễ", serial: next()}, "", nil)
			_, err := svc.HoldCeremony(ctx, id, day(31), "")
			refused(t, "31st working day", err, "admission.ceremony_deadline", basis(t, "admission.ceremony_deadline", string(day(31))))
			if c, _ := svc.Candidate(ctx, id); c.Stage != tochuc.StageDecided || c.MemberID != 0 {
				t.Errorf("a refused ceremony left %+v", c)
			}
			if _, err := svc.HoldCeremony(ctx, id, day(31), "18-CV/HU đồng ý tổ chức muộn"); err != nil {
				t.Errorf("31st working day with the higher committee's consent: %v", err)
			}
			id = advance(t, svc, ids, cand{name: "Chảo Văn Lễ", sex: "male", serial: next()}, "", nil)
			if _, err := svc.HoldCeremony(ctx, id, day(30), ""); err != nil {
				t.Errorf("30th working day: %v", err)
			}
		})
		t.Run("the text in force on the step's date", func(t *testing.T) {
			old, new := basis(t, "admission.age", "2024-06-10"), basis(t, "admission.age", "2026-01-05")
			if !strings.Contains(old, "QĐ 24-QĐ/TW") || !strings.Contains(new, "QĐ 294-QĐ/TW") {
				t.Fatalf("bases: %q %q", old, new)
			}
			for _, c := range []struct {
				vote  tochuc.Date
				basis string
			}{{"2024-06-10", old}, {"2026-01-05", new}} {
				cd := cand{name: "Thào Văn Sớm", sex: "male", birth: "2008-12-01", serial: next()}.candidate()
				id, err := svc.CreateCandidate(ctx, cd, "X01-C1", "2023-01-05")
				if err != nil {
					t.Fatal(err)
				}
				steps := walkSteps(ids["Nguyễn Văn An"], ids["Lê Thị Ánh"])
				steps[0].Date, steps[1].Date, steps[2].Date, steps[3].Date = "2023-02-01", "2023-03-01", "2023-04-03", "2023-05-02"
				steps[2].HistoryDate = "2023-04-03"
				for _, st := range steps[:4] {
					if err := svc.RecordCandidateStep(ctx, id, st); err != nil {
						t.Fatalf("%s: %v", st.Stage, err)
					}
				}
				st := steps[4]
				st.Date = c.vote
				refused(t, "vote on "+string(c.vote), svc.RecordCandidateStep(ctx, id, st), "admission.age", c.basis)
			}
		})
		t.Run("order of the procedure", func(t *testing.T) {
			id := advance(t, svc, ids, cand{name: "Lù Thị Thứ", serial: next()}, tochuc.StageCamTinh, nil)
			err := cell(id, nil)
			if tochuc.ErrorCode(err) != tochuc.EINVALID || !strings.Contains(err.Error(), "Công nhận cảm tình Đảng") {
				t.Errorf("skipping steps: %v", err)
			}
			st := walkSteps(0, 0)[1]
			st.Date = "2025-01-01"
			if err := svc.RecordCandidateStep(ctx, id, st); tochuc.ErrorCode(err) != tochuc.EINVALID {
				t.Errorf("a step dated before the one before: %v", err)
			}
			if err := svc.DropCandidate(ctx, id, "2025-03-01", "chuyển công tác nơi khác", ""); err != nil {
				t.Fatal(err)
			}
			if err := svc.RecordCandidateStep(ctx, id, walkSteps(0, 0)[1]); tochuc.ErrorCode(err) != tochuc.ECONFLICT {
				t.Errorf("a step after the drop: %v", err)
			}
		})
	})
}

// Staff of another subtree see and change nothing; a cell secretary sees the cell's candidates
// without identity numbers.
func TestCandidateScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		id := advance(t, svc, ids, cand{name: "Mùa Thị Phạm", serial: 1}, tochuc.StageCellResolution, nil)
		other := scopedCtx(t, db, tochuc.RoleStaff, "H02")
		if _, err := svc.Candidate(other, id); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree reads: %v", err)
		}
		if err := svc.RecordCandidateStep(other, id, walkSteps(0, 0)[4]); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree writes: %v", err)
		}
		if _, err := svc.HoldCeremony(other, id, "2025-09-25", ""); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree ceremony: %v", err)
		}
		if err := svc.DropCandidate(other, id, "2025-09-25", "x", ""); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree drop: %v", err)
		}
		if _, err := svc.CreateCandidate(other, cand{name: "Kẻ Lạ", serial: 2}.candidate(), "X01-C1", "2025-01-10"); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree creates in X01-C1: %v", err)
		}
		if _, err := svc.ListCandidates(other, "X01", ""); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree lists X01: %v", err)
		}
		if l, err := svc.ListCandidates(other, "", ""); err != nil || len(l) != 0 {
			t.Errorf("other subtree's own list: %v %v", l, err)
		}
		staff := scopedCtx(t, db, tochuc.RoleStaff, "X01")
		if l, err := svc.ListCandidates(staff, "", tochuc.StageVerified); err != nil || len(l) != 1 || l[0].CitizenID == "" {
			t.Errorf("staff list: %+v %v", l, err)
		}
		sec := scopedCtx(t, db, tochuc.RoleSecretary, "X01-C1")
		c, err := svc.Candidate(sec, id)
		if err != nil || c.CitizenID != "" || c.Residence != "" || c.FullName == "" {
			t.Errorf("secretary reads: %+v %v", c, err)
		}
		if err := svc.RecordCandidateStep(sec, id, walkSteps(0, 0)[4]); err == nil {
			t.Errorf("a secretary recorded a step")
		}
		upd := c
		upd.Residence = "Thôn Thèn Pả"
		if err := svc.UpdateCandidate(other, upd); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("other subtree updates: %v", err)
		}
		full, _ := svc.Candidate(staff, id)
		full.Residence, full.OrgCode = "Thôn Thèn Pả", "X01-C2"
		if err := svc.UpdateCandidate(staff, full); err != nil {
			t.Fatal(err)
		}
		if got, _ := svc.Candidate(staff, id); got.Residence != "Thôn Thèn Pả" || got.OrgCode != "X01-C2" || got.CitizenID != full.CitizenID || got.Stage != tochuc.StageVerified {
			t.Errorf("after the update: %+v", got)
		}
		full.OrgCode = "X03-C1"
		if err := svc.UpdateCandidate(staff, full); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("moved out of the reach: %v", err)
		}
		leader := scopedCtx(t, db, tochuc.RoleLeader, "X01")
		if _, err := svc.Candidate(leader, id); err == nil {
			t.Errorf("a leader (counts only) read a candidate")
		}
	})
}
