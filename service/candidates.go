package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/rules"
	"tochuc/store"
	"tochuc/vn"
)

// The development pipeline: candidates (quần chúng ưu tú) a cell develops, each step recorded
// in order with its artefacts and checked against the rule in force on the step's date; the
// ceremony makes the candidate a probationary member of the register in the same transaction.

// CandidateStageLabels name the steps in Vietnamese (the step that reaches each stage).
var CandidateStageLabels = map[string]string{
	tochuc.StageIdentified:          "Xác định quần chúng ưu tú",
	tochuc.StageAwarenessTrained:    "Học lớp bồi dưỡng nhận thức về Đảng",
	tochuc.StageCamTinh:             "Công nhận cảm tình Đảng",
	tochuc.StageApplication:         "Đơn xin vào Đảng, lý lịch và người giới thiệu",
	tochuc.StageVerified:            "Thẩm tra lý lịch",
	tochuc.StageCellResolution:      "Nghị quyết chi bộ đề nghị kết nạp",
	tochuc.StageCommitteeResolution: "Nghị quyết của đảng ủy cơ sở",
	tochuc.StageDecided:             "Quyết định kết nạp",
	tochuc.StageAdmitted:            "Lễ kết nạp",
	tochuc.StageDropped:             "Dừng phát triển",
}

// candidateRules is the rule set the pipeline applies; organizations' overrides of the
// configurable numbers plug in here.
func (s *Service) candidateRules() *rules.Set { return s.ruleSet(context.Background()) }

// candidateCalendar is the working-day calendar deadlines are counted on: the national one
// (a committee's own days off are not stored yet).
func (s *Service) candidateCalendar() *vn.Calendar { return s.calendar(context.Background()) }

func notFoundCandidate(id int64) error {
	return tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy quần chúng ưu tú số %d", id)
}

// candidateIn reads a candidate and checks that its cell lies in the reach on the reach's date.
func (s *Service) candidateIn(ctx context.Context, r reach, id int64) (tochuc.Candidate, error) {
	c, err := s.DB.Candidate(ctx, id)
	if tochuc.ErrorCode(err) == tochuc.ENOTFOUND {
		return c, notFoundCandidate(id)
	} else if err != nil {
		return c, err
	}
	if r.all {
		return c, nil
	}
	if o, err := s.DB.OrgByIDAsOf(ctx, c.OrgID, r.date); err == nil && r.covers(o.Path) {
		return c, nil
	}
	s.deny(ctx, "candidate", "candidate", strconv.FormatInt(id, 10))
	return tochuc.Candidate{}, notFoundCandidate(id)
}

// normalizeCandidate puts the text in NFC, splits the full name, resolves the code lists and
// checks the identity fields with the member sheet's rules.
func normalizeCandidate(c *tochuc.Candidate) error {
	m := tochuc.Member{Surname: c.Surname, MiddleName: c.MiddleName, GivenName: c.GivenName, FullName: c.FullName,
		Sex: c.Sex, BirthDate: c.BirthDate, CitizenID: c.CitizenID, Ethnicity: c.Ethnicity, Religion: c.Religion,
		Education: c.Education, Occupation: c.Occupation, Residence: c.Residence}
	if m.FullName != "" { // the full name as typed wins over stale parts
		m.Surname, m.MiddleName, m.GivenName = "", "", ""
	}
	NormalizeMember(&m)
	if errs := ValidateMember(&m); len(errs) > 0 {
		return tochuc.Errorf(tochuc.EINVALID, "%s", errs[0].String())
	}
	c.Surname, c.MiddleName, c.GivenName, c.FullName = m.Surname, m.MiddleName, m.GivenName, m.FullName
	c.Sex, c.BirthDate, c.CitizenID, c.Ethnicity, c.Religion = m.Sex, m.BirthDate, m.CitizenID, m.Ethnicity, m.Religion
	c.Education, c.Occupation, c.Residence = m.Education, m.Occupation, m.Residence
	c.Note = vn.NFC(strings.TrimSpace(c.Note))
	return nil
}

func candidateKeys(c *tochuc.Candidate) store.CandidateKeys {
	k := Keys(&tochuc.Member{Surname: c.Surname, MiddleName: c.MiddleName, GivenName: c.GivenName, FullName: c.FullName})
	return store.CandidateKeys{SortKey: k.SortKey, NameFold: k.NameFold}
}

// candidateChanges lists the identity fields that differ, identity numbers masked.
func candidateChanges(old, new tochuc.Candidate) []tochuc.FieldChange {
	var out []tochuc.FieldChange
	add := func(f, a, b string) {
		if a != b {
			out = append(out, tochuc.FieldChange{Field: f, Old: a, New: b})
		}
	}
	add("full_name", old.FullName, new.FullName)
	add("sex", old.Sex, new.Sex)
	add("birth_date", old.BirthDate, new.BirthDate)
	add("citizen_id", maskID(old.CitizenID), maskID(new.CitizenID))
	add("ethnicity", old.Ethnicity, new.Ethnicity)
	add("religion", old.Religion, new.Religion)
	add("education", old.Education, new.Education)
	add("occupation", old.Occupation, new.Occupation)
	add("residence", old.Residence, new.Residence)
	add("youth_union", strconv.FormatBool(old.YouthUnion), strconv.FormatBool(new.YouthUnion))
	add("org_code", old.OrgCode, new.OrgCode)
	add("note", old.Note, new.Note)
	return out
}

// stepChanges lists what a step recorded, for the audit entry.
func stepChanges(st tochuc.CandidateStep) []tochuc.FieldChange {
	out := []tochuc.FieldChange{{Field: "stage", New: st.Stage}, {Field: "date", New: string(st.Date)}}
	add := func(f, v string) {
		if v != "" && v != "0" {
			out = append(out, tochuc.FieldChange{Field: f, New: v})
		}
	}
	add("number", st.Number)
	add("history_date", string(st.HistoryDate))
	for _, in := range st.Introducers {
		add("introducer", fmt.Sprintf("%d từ %s", in.MemberID, in.Since))
	}
	add("union_resolution", st.UnionResolution)
	add("result", st.Result)
	if st.Total > 0 {
		add("votes", fmt.Sprintf("%d/%d", st.Yes, st.Total))
	}
	add("committee", st.Committee)
	if st.Extended {
		add("extended", "true")
	}
	add("consent", st.Consent)
	add("exception", st.Exception)
	add("document", st.Document)
	add("doc_date", string(st.DocDate))
	add("signer", st.Signer)
	add("note", st.Note)
	return out
}

// CreateCandidate registers a person the cell orgCode develops, identified on date identified
// (today when empty).
func (s *Service) CreateCandidate(ctx context.Context, c tochuc.Candidate, orgCode string, identified tochuc.Date) (int64, error) {
	if identified == "" {
		identified = s.Today()
	}
	if _, err := tochuc.ParseISODate(string(identified)); err != nil {
		return 0, err
	}
	if err := normalizeCandidate(&c); err != nil {
		return 0, err
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, identified)
	if err != nil {
		return 0, err
	}
	org, err := s.orgIn(ctx, r, orgCode)
	if err != nil {
		return 0, err
	}
	c.OrgID, c.OrgCode, c.Stage, c.MemberID = org.ID, org.Code, tochuc.StageIdentified, 0
	var id int64
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		var err error
		if id, err = tx.InsertCandidate(ctx, &c, candidateKeys(&c)); err != nil {
			return err
		}
		st := tochuc.CandidateStep{CandidateID: id, Stage: tochuc.StageIdentified, Date: identified}
		if _, err := tx.InsertCandidateStep(ctx, &st); err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditCandidateCreate, "candidate", strconv.FormatInt(id, 10), org.ID)
		e.Changes = append(candidateChanges(tochuc.Candidate{}, c), stepChanges(st)...)
		return tx.AppendAudit(ctx, e)
	})
	return id, err
}

// UpdateCandidate corrects a candidate's identity fields, or moves them to another cell
// (c.OrgCode); the steps are never rewritten.
func (s *Service) UpdateCandidate(ctx context.Context, c tochuc.Candidate) error {
	today := s.Today()
	r, err := s.reachFor(ctx, tochuc.PermWrite, today)
	if err != nil {
		return err
	}
	old, err := s.candidateIn(ctx, r, c.ID)
	if err != nil {
		return err
	}
	if old.Stage == tochuc.StageAdmitted {
		return tochuc.Errorf(tochuc.ECONFLICT, "quần chúng này đã được kết nạp: hãy sửa hồ sơ đảng viên")
	}
	if err := normalizeCandidate(&c); err != nil {
		return err
	}
	c.OrgID, c.Stage, c.MemberID = old.OrgID, old.Stage, old.MemberID
	code := c.OrgCode
	c.OrgCode = old.OrgCode
	if code != "" && code != old.OrgCode {
		org, err := s.orgIn(ctx, r, code)
		if err != nil {
			return err
		}
		c.OrgID, c.OrgCode = org.ID, org.Code
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateCandidate(ctx, &c, candidateKeys(&c)); err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditCandidateUpdate, "candidate", strconv.FormatInt(c.ID, 10), c.OrgID)
		e.Changes = candidateChanges(old, c)
		return tx.AppendAudit(ctx, e)
	})
}

// Candidate reads one candidate with its steps, next step and deadline. A cell secretary sees
// the candidates of the cell without identity numbers and residence.
func (s *Service) Candidate(ctx context.Context, id int64) (tochuc.Candidate, error) {
	r, limited, err := s.readReach(ctx, s.Today())
	if err != nil {
		return tochuc.Candidate{}, err
	}
	c, err := s.candidateIn(ctx, r, id)
	if err != nil {
		return c, err
	}
	s.fillCandidate(ctx, &c, limited, map[int64]tochuc.Org{})
	return c, nil
}

// ListCandidates lists the candidates of the subtree of orgCode (the widest org of the reach
// when empty), at one stage or all.
func (s *Service) ListCandidates(ctx context.Context, orgCode, stage string) ([]tochuc.Candidate, error) {
	if stage != "" && !tochuc.IsCandidateStage(stage) {
		return nil, tochuc.Errorf(tochuc.EINVALID, "giai đoạn %q không có trong quy trình kết nạp", stage)
	}
	today := s.Today()
	r, limited, err := s.readReach(ctx, today)
	if err != nil {
		return nil, err
	}
	org, err := s.orgOrHome(ctx, r, orgCode)
	if err != nil {
		return nil, err
	}
	if !r.covers(org.Path) {
		return nil, notFoundOrg(orgCode, today)
	}
	cs, err := s.DB.ListCandidates(ctx, store.CandidateQuery{Path: org.Path, AsOf: today, Stage: stage})
	if err != nil {
		return nil, err
	}
	orgs := map[int64]tochuc.Org{}
	for i := range cs {
		s.fillCandidate(ctx, &cs[i], limited, orgs)
	}
	return cs, nil
}

// fillCandidate adds what is read from the steps and the rules: the next step, its deadline,
// the certificate's validity, the end of probation; and the cell's name today.
func (s *Service) fillCandidate(ctx context.Context, c *tochuc.Candidate, limited bool, orgs map[int64]tochuc.Org) {
	today := s.Today()
	if limited {
		c.CitizenID, c.Residence = "", ""
	}
	o, ok := orgs[c.OrgID]
	if !ok {
		o, _ = s.DB.OrgByIDAsOf(ctx, c.OrgID, today)
		orgs[c.OrgID] = o
	}
	c.OrgName = o.Name
	set, cal := s.candidateRules(), s.candidateCalendar()
	c.NextStage = tochuc.NextCandidateStage(c.Stage)
	if c.Stage == tochuc.StageDropped {
		c.NextStage = ""
	}
	if aw, ok := c.Step(tochuc.StageAwarenessTrained); ok {
		c.CertificateExpires = tochuc.Date(set.CertificateExpires(string(aw.Date)))
	}
	switch c.Stage {
	case tochuc.StageAwarenessTrained, tochuc.StageCamTinh, tochuc.StageApplication, tochuc.StageVerified:
		if c.CertificateExpires != "" {
			c.Deadline, c.DeadlineRule = c.CertificateExpires.AddDays(-1), "admission.awareness_certificate"
		}
	case tochuc.StageCellResolution, tochuc.StageCommitteeResolution:
		if cell, ok := c.Step(tochuc.StageCellResolution); ok {
			c.Deadline = deadline(set, cal, "admission.decision_deadline", cell.Date)
			c.DeadlineRule = "admission.decision_deadline"
		}
	case tochuc.StageDecided:
		if dec, ok := c.Step(tochuc.StageDecided); ok {
			c.Deadline = deadline(set, cal, "admission.ceremony_deadline", dec.Date)
			c.DeadlineRule = "admission.ceremony_deadline"
		}
	case tochuc.StageAdmitted:
		if cer, ok := c.Step(tochuc.StageAdmitted); ok {
			c.ProbationEnds = tochuc.Date(rules.ProbationEnd(string(cer.Date)))
		}
	}
	c.Overdue = c.Deadline != "" && c.Deadline < today
}

// stepReady checks a step's date and fields, trims its text, and fills the document's date.
func stepReady(st *tochuc.CandidateStep) error {
	d, err := tochuc.ParseISODate(string(st.Date))
	if err != nil {
		return err
	}
	st.Date = d
	for _, p := range []*string{&st.Number, &st.UnionResolution, &st.Result, &st.Committee, &st.Consent, &st.Exception,
		&st.Document, &st.Signer, &st.Note} {
		*p = vn.NFC(strings.Join(strings.Fields(*p), " "))
	}
	for _, p := range []*tochuc.Date{&st.HistoryDate, &st.DocDate} {
		if *p == "" {
			continue
		}
		if *p, err = tochuc.ParseISODate(string(*p)); err != nil {
			return err
		}
	}
	if st.DocDate == "" && st.Document != "" {
		st.DocDate = st.Date
	}
	return nil
}

// RecordCandidateStep records the next step of a candidate, checked against the order of the
// procedure and the rules in force on the step's date. The ceremony (stage admitted) goes
// through HoldCeremony; a drop through DropCandidate.
func (s *Service) RecordCandidateStep(ctx context.Context, id int64, st tochuc.CandidateStep) error {
	switch st.Stage {
	case tochuc.StageAdmitted:
		_, err := s.holdCeremony(ctx, id, st)
		return err
	case tochuc.StageDropped:
		return s.DropCandidate(ctx, id, st.Date, st.Note, st.Document)
	}
	if err := stepReady(&st); err != nil {
		return err
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, st.Date)
	if err != nil {
		return err
	}
	c, err := s.candidateIn(ctx, r, id)
	if err != nil {
		return err
	}
	if err := checkOrder(c, st); err != nil {
		return err
	}
	st.CandidateID = id
	if err := s.checkStep(ctx, r, c, &st); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		cur, err := tx.Candidate(ctx, id)
		if err != nil {
			return err
		}
		if err := checkOrder(cur, st); err != nil { // a concurrent step won
			return err
		}
		if _, err := tx.InsertCandidateStep(ctx, &st); err != nil {
			return err
		}
		if err := tx.SetCandidateStage(ctx, id, st.Stage, 0); err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditCandidateStep, "candidate", strconv.FormatInt(id, 10), c.OrgID)
		e.Changes = stepChanges(st)
		return tx.AppendAudit(ctx, e)
	})
}

// checkOrder refuses a step that is not the next one of the procedure, or dated before the
// step before it.
func checkOrder(c tochuc.Candidate, st tochuc.CandidateStep) error {
	switch c.Stage {
	case tochuc.StageAdmitted:
		return tochuc.Errorf(tochuc.ECONFLICT, "%s đã được kết nạp vào Đảng; các bước sau đó ghi trên hồ sơ đảng viên", c.FullName)
	case tochuc.StageDropped:
		return tochuc.Errorf(tochuc.ECONFLICT, "%s đã dừng phát triển", c.FullName)
	}
	if !tochuc.IsCandidateStage(st.Stage) {
		return tochuc.Errorf(tochuc.EINVALID, "bước %q không có trong quy trình kết nạp", st.Stage)
	}
	if next := tochuc.NextCandidateStage(c.Stage); st.Stage != next {
		return tochuc.Errorf(tochuc.EINVALID, "bước tiếp theo của %s là “%s”, không phải “%s” (quy trình kết nạp đảng viên phải theo thứ tự)",
			c.FullName, CandidateStageLabels[next], CandidateStageLabels[st.Stage])
	}
	if n := len(c.Steps); n > 0 && st.Date < c.Steps[n-1].Date {
		last := c.Steps[n-1]
		return tochuc.Errorf(tochuc.EINVALID, "ngày %s trước ngày của bước trước (“%s” ngày %s)",
			st.Date.Display(), CandidateStageLabels[last.Stage], last.Date.Display())
	}
	return nil
}

// required refuses a step without one of its fields.
func required(v, what string) error {
	if strings.TrimSpace(v) == "" {
		return tochuc.Errorf(tochuc.EINVALID, "thiếu %s", what)
	}
	return nil
}

// checkStep checks the artefacts of one step and the rules the step must satisfy on its date.
func (s *Service) checkStep(ctx context.Context, r reach, c tochuc.Candidate, st *tochuc.CandidateStep) error {
	set := s.candidateRules()
	*st = keepFields(*st)
	switch st.Stage {
	case tochuc.StageAwarenessTrained:
		if err := required(st.Number, "số giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng"); err != nil {
			return err
		}
		if _, ok := set.At("admission.awareness_certificate", string(st.Date)); !ok {
			return noRule("admission.awareness_certificate", st.Date)
		}
	case tochuc.StageApplication:
		if st.HistoryDate != "" && st.HistoryDate > st.Date {
			return tochuc.Errorf(tochuc.EINVALID, "ngày khai lý lịch %s sau ngày nộp đơn %s", st.HistoryDate.Display(), st.Date.Display())
		}
		seen := map[int64]bool{}
		for i, in := range st.Introducers {
			if in.MemberID <= 0 || seen[in.MemberID] {
				return tochuc.Errorf(tochuc.EINVALID, "người giới thiệu thứ %d: thiếu mã đảng viên hoặc trùng người khác", i+1)
			}
			seen[in.MemberID] = true
			if _, err := tochuc.ParseISODate(string(in.Since)); err != nil {
				return tochuc.Errorf(tochuc.EINVALID, "người giới thiệu thứ %d: ngày bắt đầu cùng công tác %q không hợp lệ", i+1, in.Since)
			}
			if _, err := s.memberIn(ctx, r, in.MemberID); err != nil {
				return tochuc.Errorf(tochuc.EINVALID, "người giới thiệu thứ %d: không tìm thấy đảng viên số %d", i+1, in.MemberID)
			}
		}
		if err := s.checkIntroducers(ctx, set, c, *st, st.Date); err != nil {
			return err
		}
	case tochuc.StageVerified:
		if err := required(st.Result, "kết luận thẩm tra lý lịch"); err != nil {
			return err
		}
	case tochuc.StageCellResolution:
		if err := required(st.Document, "số nghị quyết của chi bộ"); err != nil {
			return err
		}
		if err := s.admissionChecks(ctx, set, c, *st); err != nil {
			return err
		}
		if err := rules.CheckVote(set, "admission.cell_vote", string(st.Date), st.Yes, st.Total); err != nil {
			return err
		}
	case tochuc.StageCommitteeResolution:
		if err := required(st.Document, "số nghị quyết của đảng ủy cơ sở"); err != nil {
			return err
		}
		if err := rules.CheckVote(set, "admission.committee_vote", string(st.Date), st.Yes, st.Total); err != nil {
			return err
		}
	case tochuc.StageDecided:
		if err := required(st.Document, "số quyết định kết nạp"); err != nil {
			return err
		}
		if err := required(st.Signer, "người ký quyết định kết nạp"); err != nil {
			return err
		}
		cell, _ := c.Step(tochuc.StageCellResolution)
		if err := s.admissionChecks(ctx, set, c, cell); err != nil {
			return err
		}
		last, err := set.Deadline(s.candidateCalendar(), "admission.decision_deadline", string(cell.Date), st.Extended)
		if err != nil {
			return err
		}
		if string(st.Date) > last {
			rule, _ := rulesAt(set, "admission.decision_deadline", st.Date, cell.Date)
			n := rule.Param("working_days")
			if st.Extended {
				n += rule.Param("extension")
			}
			return rule.Refuse("Quyết định kết nạp phải ban hành trong %d ngày làm việc kể từ ngày chi bộ có nghị quyết đề nghị kết nạp (%s): hạn cuối %s, quyết định ngày %s",
				n, cell.Date.Display(), tochuc.Date(last).Display(), st.Date.Display())
		}
	}
	return nil
}

// keepFields drops the fields a step's stage does not carry, so that a form or a body sending
// more records nothing it should not.
func keepFields(st tochuc.CandidateStep) tochuc.CandidateStep {
	out := tochuc.CandidateStep{ID: st.ID, CandidateID: st.CandidateID, Stage: st.Stage, Date: st.Date,
		Document: st.Document, DocDate: st.DocDate, Signer: st.Signer, Note: st.Note}
	switch st.Stage {
	case tochuc.StageAwarenessTrained:
		out.Number = st.Number
	case tochuc.StageApplication:
		out.HistoryDate, out.Introducers, out.UnionResolution = st.HistoryDate, st.Introducers, st.UnionResolution
	case tochuc.StageVerified:
		out.Result = st.Result
	case tochuc.StageCellResolution:
		out.Yes, out.Total, out.Consent, out.Exception = st.Yes, st.Total, st.Consent, st.Exception
	case tochuc.StageCommitteeResolution:
		out.Yes, out.Total = st.Yes, st.Total
	case tochuc.StageDecided:
		out.Committee, out.Extended = st.Committee, st.Extended
	case tochuc.StageAdmitted:
		out.Consent = st.Consent
	}
	return out
}

// rulesAt returns the version of rule id in force on date, else on the fallback date.
func rulesAt(set *rules.Set, id string, date, fallback tochuc.Date) (rules.Rule, bool) {
	if r, ok := set.At(id, string(date)); ok {
		return r, true
	}
	return set.At(id, string(fallback))
}

// noRule is the refusal for a date no encoded text of rule id covers.
func noRule(id string, d tochuc.Date) error {
	return &tochuc.Error{Code: tochuc.EINVALID, Subject: id,
		Message: fmt.Sprintf("chưa có quy định %q áp dụng cho ngày %s; cần xem xét theo văn bản khi đó", id, d.Display())}
}

// admissionChecks are the conditions judged at the cell's vote (cell is the cell's resolution
// step): age in months, education, the awareness certificate, the introducers.
func (s *Service) admissionChecks(ctx context.Context, set *rules.Set, c tochuc.Candidate, cell tochuc.CandidateStep) error {
	vote := string(cell.Date)
	if err := rules.CheckAdmissionAge(set, c.BirthDate, vote, cell.Consent != ""); err != nil {
		return err
	}
	lower := c.Education == "lower_secondary" || c.Education == "upper_secondary"
	if err := rules.CheckEducation(set, vote, lower, cell.Exception != ""); err != nil {
		return err
	}
	aw, ok := c.Step(tochuc.StageAwarenessTrained)
	if !ok {
		return tochuc.Errorf(tochuc.EINVALID, "chưa ghi giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng")
	}
	if err := rules.CheckCertificate(set, string(aw.Date), vote); err != nil {
		return err
	}
	app, _ := c.Step(tochuc.StageApplication)
	return s.checkIntroducers(ctx, set, c, app, cell.Date)
}

// checkIntroducers checks the introducers of the application step app on day d: official
// members on that day, with the months they have been with the candidate.
func (s *Service) checkIntroducers(ctx context.Context, set *rules.Set, c tochuc.Candidate, app tochuc.CandidateStep, d tochuc.Date) error {
	var intro []rules.Introducer
	for _, in := range app.Introducers {
		spans, err := s.DB.MemberSpans(ctx, in.MemberID)
		if err != nil {
			return err
		}
		events, err := s.DB.MemberEvents(ctx, in.MemberID)
		if err != nil {
			return err
		}
		status, _ := tochuc.StatusAt(spans, events, d)
		months, _ := rules.AgeInMonths(string(in.Since), string(d))
		intro = append(intro, rules.Introducer{Official: status == tochuc.StatusOfficial, MonthsTogether: months})
	}
	return rules.CheckIntroducers(set, string(d), c.YouthUnion, app.UnionResolution != "", intro)
}

// DropCandidate ends the development of a candidate on date d for a stated reason.
func (s *Service) DropCandidate(ctx context.Context, id int64, d tochuc.Date, reason, document string) error {
	st := tochuc.CandidateStep{Stage: tochuc.StageDropped, Date: d, Note: reason, Document: document}
	if err := stepReady(&st); err != nil {
		return err
	}
	if err := required(st.Note, "lý do dừng phát triển"); err != nil {
		return err
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, st.Date)
	if err != nil {
		return err
	}
	c, err := s.candidateIn(ctx, r, id)
	if err != nil {
		return err
	}
	st.CandidateID = id
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		cur, err := tx.Candidate(ctx, id)
		if err != nil {
			return err
		}
		if cur.Stage == tochuc.StageAdmitted || cur.Stage == tochuc.StageDropped {
			return checkOrder(cur, st)
		}
		if n := len(cur.Steps); n > 0 && st.Date < cur.Steps[n-1].Date {
			return tochuc.Errorf(tochuc.EINVALID, "ngày %s trước ngày của bước trước (%s)", st.Date.Display(), cur.Steps[n-1].Date.Display())
		}
		if _, err := tx.InsertCandidateStep(ctx, &st); err != nil {
			return err
		}
		if err := tx.SetCandidateStage(ctx, id, tochuc.StageDropped, 0); err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditCandidateDrop, "candidate", strconv.FormatInt(id, 10), c.OrgID)
		e.Changes = stepChanges(st)
		return tx.AppendAudit(ctx, e)
	})
}

// HoldCeremony records the admission ceremony of a candidate on date d and makes them a
// probationary member of the cell, in one transaction: admission date = the decision's date
// (party age), ceremony date = d (probation), the admitted event carrying the decision's
// document. consent is the higher committee's written consent to a ceremony after the
// deadline. It returns the new member's id.
func (s *Service) HoldCeremony(ctx context.Context, id int64, d tochuc.Date, consent string) (int64, error) {
	return s.holdCeremony(ctx, id, tochuc.CandidateStep{Stage: tochuc.StageAdmitted, Date: d, Consent: consent})
}

func (s *Service) holdCeremony(ctx context.Context, id int64, st tochuc.CandidateStep) (int64, error) {
	if err := stepReady(&st); err != nil {
		return 0, err
	}
	st = keepFields(st)
	r, err := s.reachFor(ctx, tochuc.PermWrite, st.Date)
	if err != nil {
		return 0, err
	}
	c, err := s.candidateIn(ctx, r, id)
	if err != nil {
		return 0, err
	}
	if err := checkOrder(c, st); err != nil {
		return 0, err
	}
	dec, _ := c.Step(tochuc.StageDecided)
	set := s.candidateRules()
	last, err := set.Deadline(s.candidateCalendar(), "admission.ceremony_deadline", string(dec.Date), false)
	if err != nil {
		return 0, err
	}
	if string(st.Date) > last && st.Consent == "" {
		rule, _ := rulesAt(set, "admission.ceremony_deadline", st.Date, dec.Date)
		return 0, rule.Refuse("Lễ kết nạp phải tổ chức trong %d ngày làm việc kể từ ngày quyết định kết nạp (%s): hạn cuối %s, lễ ngày %s; muộn hơn phải có văn bản đồng ý của cấp ủy cấp trên",
			rule.Param("working_days"), dec.Date.Display(), tochuc.Date(last).Display(), st.Date.Display())
	}
	m := tochuc.Member{Surname: c.Surname, MiddleName: c.MiddleName, GivenName: c.GivenName, FullName: c.FullName,
		Sex: c.Sex, BirthDate: c.BirthDate, CitizenID: c.CitizenID, Ethnicity: c.Ethnicity, Religion: c.Religion,
		Education: c.Education, Occupation: c.Occupation, Residence: c.Residence,
		AdmissionDate: dec.Date, CeremonyDate: st.Date}
	NormalizeMember(&m)
	if errs := ValidateMember(&m); len(errs) > 0 {
		return 0, tochuc.Errorf(tochuc.EINVALID, "%s", errs[0].String())
	}
	if err := s.ensureToday(ctx); err != nil {
		return 0, err
	}
	st.CandidateID = id
	var memberID int64
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		cur, err := tx.Candidate(ctx, id)
		if err != nil {
			return err
		}
		if err := checkOrder(cur, st); err != nil {
			return err
		}
		if memberID, err = tx.InsertMember(ctx, &m, Keys(&m)); err != nil {
			return err
		}
		docDate := dec.DocDate
		if docDate == "" {
			docDate = dec.Date
		}
		if err := s.appendEvent(ctx, tx, tochuc.MemberEvent{MemberID: memberID, Kind: tochuc.EventAdmitted, Date: dec.Date,
			OrgID: c.OrgID, Document: dec.Document, DocDate: docDate, Signer: dec.Signer}); err != nil {
			return err
		}
		me := entry(ctx, tochuc.AuditMemberCreate, "member", strconv.FormatInt(memberID, 10), c.OrgID)
		m.ID = memberID
		me.Changes = memberChanges(tochuc.Member{}, m)
		me.Detail = "kết nạp từ quần chúng ưu tú số " + strconv.FormatInt(id, 10)
		if err := tx.AppendAudit(ctx, me); err != nil {
			return err
		}
		if _, err := tx.InsertCandidateStep(ctx, &st); err != nil {
			return err
		}
		if err := tx.SetCandidateStage(ctx, id, tochuc.StageAdmitted, memberID); err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditCandidateAdmit, "candidate", strconv.FormatInt(id, 10), c.OrgID)
		e.Changes = append(stepChanges(st), tochuc.FieldChange{Field: "member_id", New: strconv.FormatInt(memberID, 10)})
		return tx.AppendAudit(ctx, e)
	})
	s.changed()
	return memberID, err
}
