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

// Probation to official (domain.md §1.2 rows 12–13): 12 months from the ceremony; the cell
// reviews within 30 working days of the end; the competent committee decides within 30 working
// days of the cell's resolution; the official date is the end of probation even when the
// decision comes later; three votes without a two-thirds majority either way send the matter to
// the higher committee; a failed probation ends in removal from the list.

// DecisionDoc is the deciding document of a step: its symbol (123-QĐ/ĐU), date and signer.
type DecisionDoc struct {
	Document string      `json:"document"`
	DocDate  tochuc.Date `json:"doc_date"`
	Signer   string      `json:"signer"`
	Note     string      `json:"note"`
}

func (d *DecisionDoc) normalize() {
	for _, p := range []*string{&d.Document, &d.Signer, &d.Note} {
		*p = vn.NFC(strings.Join(strings.Fields(*p), " "))
	}
}

// ProbationVote is one vote on a probationary member: yes for recognition, no against (a
// proposal to remove), out of the official members (or committee members) entitled to vote.
type ProbationVote struct {
	Date  tochuc.Date `json:"date"`
	Yes   int         `json:"yes"`
	No    int         `json:"no"`
	Total int         `json:"total"`
	Level string      `json:"level"` // cell (default) or committee, after an escalation
	DecisionDoc
}

// Probation states of a member, for the record and the worklists.
const (
	ProbUpcoming        = "upcoming"         // probation still running
	ProbReviewDue       = "review_due"       // ended: the cell must review by ReviewDeadline
	ProbReviewOverdue   = "review_overdue"   // the cell's review deadline has passed
	ProbDecisionDue     = "decision_due"     // the cell resolved: the committee must decide by DecisionDeadline
	ProbDecisionOverdue = "decision_overdue" // the committee's deadline has passed
	ProbEscalated       = "escalated"        // three votes without two thirds: the higher committee decides
	ProbOfficial        = "official"         // recognized
	ProbEnded           = "ended"            // no longer a member (removed or another exit)
)

// ProbationView is a member's probation: its dates, deadlines and votes.
type ProbationView struct {
	MemberID         int64                    `json:"member_id"`
	FullName         string                   `json:"full_name"`
	OrgCode          string                   `json:"org_code,omitempty"`
	OrgName          string                   `json:"org_name,omitempty"`
	Start            tochuc.Date              `json:"start"`           // ceremony (else admission) date
	End              tochuc.Date              `json:"end"`             // the official date if recognized
	ReviewDeadline   tochuc.Date              `json:"review_deadline"` // last day for the cell's review
	Resolution       *tochuc.ProbationReview  `json:"resolution,omitempty"`
	DecisionDeadline tochuc.Date              `json:"decision_deadline,omitempty"`
	Escalated        bool                     `json:"escalated"`
	FailedVotes      int                      `json:"failed_votes"` // cell votes without two thirds either way
	LateReview       bool                     `json:"late_review"`  // the first cell vote came after the deadline
	Reviews          []tochuc.ProbationReview `json:"reviews"`
	State            string                   `json:"state"`
	Overdue          bool                     `json:"overdue"`
	Recognized       *tochuc.MemberEvent      `json:"recognized,omitempty"`
	Status           string                   `json:"status"` // the member's status on the day read
}

// cal is the working-day calendar deadlines are counted on.
func (s *Service) cal() *vn.Calendar { return s.calendar(context.Background()) }

// refuse names the rule id in force on date, or says no encoded text covers that date.
func refuse(id string, date tochuc.Date, format string, args ...any) error {
	if r, ok := rules.At(id, string(date)); ok {
		return r.Refuse(format, args...)
	}
	return &tochuc.Error{Code: tochuc.EINVALID, Subject: id, Message: fmt.Sprintf(format, args...) +
		fmt.Sprintf(" — chưa có quy định %q áp dụng cho ngày %s; cần xem xét theo văn bản khi đó", id, date.Display())}
}

// probationStart is the start of a member's current probation: the ceremony date, else (old
// records) the date of the latest admission or re-admission decision.
func probationStart(m tochuc.Member, events []tochuc.MemberEvent) tochuc.Date {
	var adm tochuc.Date
	for _, e := range events {
		if e.Kind == tochuc.EventAdmitted || e.Kind == tochuc.EventReadmitted {
			adm = e.Date
		}
	}
	if adm == "" {
		adm = m.AdmissionDate
	}
	if m.CeremonyDate != "" && m.CeremonyDate >= adm {
		return m.CeremonyDate
	}
	return adm
}

// buildProbation computes the probation of a member as of day d from its record.
func (s *Service) buildProbation(m tochuc.Member, events []tochuc.MemberEvent, spans []tochuc.Span,
	reviews []tochuc.ProbationReview, d tochuc.Date) *ProbationView {
	v := &ProbationView{MemberID: m.ID, FullName: m.FullName, OrgCode: m.OrgCode, OrgName: m.OrgName}
	v.Start = probationStart(m, events)
	v.End = tochuc.Date(rules.ProbationEnd(string(v.Start)))
	cal := s.cal()
	v.ReviewDeadline = deadline(s.ruleSet(context.Background()), cal, "probation.review_deadline", tochuc.Date(rules.ProbationEnd(string(v.Start))))
	for _, r := range reviews {
		if r.ProbationStart == v.Start {
			v.Reviews = append(v.Reviews, r)
		}
	}
	for _, e := range events {
		if e.Kind == tochuc.EventRecognized && e.Date >= v.Start {
			e := e
			v.Recognized = &e
			v.End = e.Date
		}
	}
	v.Status, _ = tochuc.StatusAt(spans, events, d)
	for i, r := range v.Reviews {
		if r.Level == tochuc.ReviewCell && r.Outcome == tochuc.ReviewNoMajority {
			v.FailedVotes++
		}
		if r.Escalated {
			v.Escalated = true
		}
		if r.Outcome != tochuc.ReviewNoMajority {
			v.Resolution = &v.Reviews[i]
		}
		if i == 0 && r.Level == tochuc.ReviewCell && v.ReviewDeadline != "" && r.Date > v.ReviewDeadline {
			v.LateReview = true
		}
	}
	var from tochuc.Date // the day the committee's count starts
	if v.Resolution != nil {
		from = v.Resolution.Date
	} else if v.Escalated {
		from = v.Reviews[len(v.Reviews)-1].Date
	}
	if from != "" {
		v.DecisionDeadline = deadline(s.ruleSet(context.Background()), cal, "probation.recognition_deadline", from)
	}
	switch {
	case v.Recognized != nil:
		v.State = ProbOfficial
	case tochuc.IsExit(v.Status) && v.Status != "":
		v.State = ProbEnded
	case v.Resolution != nil:
		v.State, v.Overdue = ProbDecisionDue, v.DecisionDeadline != "" && d > v.DecisionDeadline
		if v.Overdue {
			v.State = ProbDecisionOverdue
		}
	case v.Escalated:
		v.State, v.Overdue = ProbEscalated, v.DecisionDeadline != "" && d > v.DecisionDeadline
	case d < v.End:
		v.State = ProbUpcoming
	case v.ReviewDeadline != "" && d > v.ReviewDeadline:
		v.State, v.Overdue = ProbReviewOverdue, true
	default:
		v.State = ProbReviewDue
	}
	return v
}

// memberRecord reads a member with its timeline, spans and org name as of d.
func (s *Service) memberRecord(ctx context.Context, q interface {
	Member(context.Context, int64) (tochuc.Member, error)
	MemberEvents(context.Context, int64) ([]tochuc.MemberEvent, error)
}, id int64, d tochuc.Date) (tochuc.Member, []tochuc.MemberEvent, []tochuc.Span, error) {
	m, err := q.Member(ctx, id)
	if err != nil {
		return m, nil, nil, err
	}
	events, err := q.MemberEvents(ctx, id)
	if err != nil {
		return m, nil, nil, err
	}
	spans, err := tochuc.BuildSpans(id, events)
	if err != nil {
		return m, nil, nil, err
	}
	m.Status, m.OrgID = tochuc.StatusAt(spans, events, d)
	if m.OrgID != 0 {
		if o, err := s.DB.OrgByIDAsOf(ctx, m.OrgID, d); err == nil {
			m.OrgCode, m.OrgName = o.Code, o.Name
		}
	}
	return m, events, spans, nil
}

// Probation reads a member's probation, deadlines and votes as of today.
func (s *Service) Probation(ctx context.Context, memberID int64) (*ProbationView, error) {
	d := s.Today()
	r, _, err := s.readReach(ctx, d)
	if err != nil {
		return nil, err
	}
	if _, err := s.memberIn(ctx, r, memberID); err != nil {
		return nil, err
	}
	m, events, spans, err := s.memberRecord(ctx, s.DB, memberID, d)
	if err != nil {
		return nil, err
	}
	reviews, err := s.DB.ProbationReviews(ctx, memberID)
	if err != nil {
		return nil, err
	}
	return s.buildProbation(m, events, spans, reviews, d), nil
}

// openProbation checks, inside a write, that the member serves a probation not yet decided.
func (s *Service) openProbation(ctx context.Context, tx *store.Tx, memberID int64, d tochuc.Date) (*ProbationView, error) {
	m, events, spans, err := s.memberRecord(ctx, tx, memberID, d)
	if err != nil {
		return nil, err
	}
	reviews, err := tx.ProbationReviews(ctx, memberID)
	if err != nil {
		return nil, err
	}
	v := s.buildProbation(m, events, spans, reviews, d)
	if v.Start == "" || v.End == "" {
		return v, refuse("probation.length", d, "Đảng viên chưa có ngày vào Đảng (lễ kết nạp) để tính thời gian dự bị")
	}
	if v.Recognized != nil {
		return v, refuse("probation.official_date", d, "Đảng viên đã được công nhận chính thức từ ngày %s", v.Recognized.Date.Display())
	}
	if v.Status != tochuc.StatusProbationary && v.Status != tochuc.StatusExempt && v.Status != tochuc.StatusInTransit {
		return v, refuse("probation.length", d, "Ngày %s đảng viên không là đảng viên dự bị", d.Display())
	}
	return v, nil
}

// RecordProbationVote records the cell's vote (or the higher committee's, after an escalation)
// on a probationary member. Two thirds of the official members for recognition pass; two
// thirds against fail (a proposal to remove from the list); otherwise there is no majority, and
// the third such vote sends the matter to the higher committee.
func (s *Service) RecordProbationVote(ctx context.Context, memberID int64, in ProbationVote) (tochuc.ProbationReview, error) {
	in.normalize()
	if in.Level == "" {
		in.Level = tochuc.ReviewCell
	}
	if in.Level != tochuc.ReviewCell && in.Level != tochuc.ReviewCommittee {
		return tochuc.ProbationReview{}, tochuc.Errorf(tochuc.EINVALID, "cấp biểu quyết %q không hợp lệ (cell hoặc committee)", in.Level)
	}
	if _, err := tochuc.ParseISODate(string(in.Date)); err != nil {
		return tochuc.ProbationReview{}, tochuc.Errorf(tochuc.EINVALID, "ngày biểu quyết không hợp lệ (dạng yyyy-mm-dd)")
	}
	if in.DocDate == "" {
		in.DocDate = in.Date
	}
	rule, ok := s.ruleSet(ctx).At("probation.vote", string(in.Date))
	if !ok {
		return tochuc.ProbationReview{}, refuse("probation.vote", in.Date, "Không xác định được quy định biểu quyết")
	}
	if in.Total <= 0 || in.Yes < 0 || in.No < 0 || in.Yes+in.No > in.Total {
		return tochuc.ProbationReview{}, rule.Refuse("Số phiếu không hợp lệ: %d tán thành, %d không tán thành trên tổng số %d đảng viên chính thức", in.Yes, in.No, in.Total)
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return tochuc.ProbationReview{}, err
	}
	org, err := s.memberIn(ctx, r, memberID)
	if err != nil {
		return tochuc.ProbationReview{}, err
	}
	rev := tochuc.ProbationReview{MemberID: memberID, Level: in.Level, Date: in.Date, Yes: in.Yes, No: in.No, Total: in.Total,
		Document: in.Document, DocDate: in.DocDate, Signer: in.Signer, Note: in.Note}
	switch {
	case rule.Passes(in.Yes, in.Total):
		rev.Outcome = tochuc.ReviewPass
	case rule.Passes(in.No, in.Total):
		rev.Outcome = tochuc.ReviewFail
	default:
		rev.Outcome = tochuc.ReviewNoMajority
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		v, err := s.openProbation(ctx, tx, memberID, in.Date)
		if err != nil {
			return err
		}
		rev.ProbationStart = v.Start
		if in.Date < v.End {
			return refuse("probation.length", in.Date, "Chi bộ chỉ xét công nhận chính thức khi đã hết 12 tháng dự bị (hết ngày %s)", v.End.Display())
		}
		if v.Resolution != nil {
			return rule.Refuse("Đã có nghị quyết ngày %s (%d/%d tán thành); không biểu quyết lại", v.Resolution.Date.Display(), v.Resolution.Yes, v.Resolution.Total)
		}
		n := 0
		for _, x := range v.Reviews {
			if x.Level == in.Level {
				n++
			}
			if x.Date > in.Date {
				return rule.Refuse("Ngày biểu quyết %s trước lần biểu quyết đã ghi ngày %s", in.Date.Display(), x.Date.Display())
			}
		}
		switch {
		case in.Level == tochuc.ReviewCell && v.Escalated:
			return refuse("probation.escalation", in.Date, "Sau %d lần biểu quyết không đủ hai phần ba, việc xét đã chuyển lên cấp ủy cấp trên; chi bộ không biểu quyết tiếp", v.FailedVotes)
		case in.Level == tochuc.ReviewCommittee && !v.Escalated:
			return refuse("probation.escalation", in.Date, "Cấp ủy cấp trên chỉ biểu quyết khi chi bộ đã %d lần biểu quyết không đủ hai phần ba", 3)
		}
		rev.VoteNo = n + 1
		if in.Level == tochuc.ReviewCell && rev.Outcome == tochuc.ReviewNoMajority {
			rev.Escalated = rules.NeedsEscalation(s.ruleSet(ctx), string(in.Date), v.FailedVotes+1)
		}
		if err := tx.InsertProbationReview(ctx, &rev); err != nil {
			return err
		}
		a := entry(ctx, tochuc.AuditProbationVote, "member", strconv.FormatInt(memberID, 10), org)
		a.Changes = []tochuc.FieldChange{{Field: "date", New: string(in.Date)}, {Field: "level", New: in.Level},
			{Field: "vote_no", New: strconv.Itoa(rev.VoteNo)},
			{Field: "votes", New: fmt.Sprintf("%d/%d/%d", in.Yes, in.No, in.Total)}, {Field: "outcome", New: rev.Outcome}}
		if rev.Escalated {
			a.Changes = append(a.Changes, tochuc.FieldChange{Field: "escalated", New: "true"})
		}
		if in.Document != "" {
			a.Changes = append(a.Changes, tochuc.FieldChange{Field: "document", New: in.Document})
		}
		return tx.AppendAudit(ctx, a)
	})
	return rev, err
}

// checkDecisionDoc validates a decision's document: its date is the decision's date.
func checkDecisionDoc(doc *DecisionDoc) error {
	doc.normalize()
	if doc.DocDate == "" {
		return tochuc.Errorf(tochuc.EINVALID, "thiếu ngày ký quyết định")
	}
	if _, err := tochuc.ParseISODate(string(doc.DocDate)); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "ngày ký quyết định không hợp lệ (dạng yyyy-mm-dd)")
	}
	if doc.Document == "" {
		return tochuc.Errorf(tochuc.EINVALID, "thiếu số, ký hiệu quyết định (ví dụ 123-QĐ/ĐU)")
	}
	return nil
}

// recognize appends the recognition inside a write: dated at the end of probation, with the
// decision's document and date.
func (s *Service) recognize(ctx context.Context, tx *store.Tx, memberID, org int64, doc DecisionDoc) (tochuc.Date, error) {
	v, err := s.openProbation(ctx, tx, memberID, doc.DocDate)
	if err != nil {
		return "", err
	}
	if doc.DocDate < v.End {
		return "", refuse("probation.official_date", doc.DocDate, "Chưa hết 12 tháng dự bị (hết ngày %s); chưa thể quyết định công nhận chính thức", v.End.Display())
	}
	if v.Resolution != nil && v.Resolution.Outcome == tochuc.ReviewFail {
		return "", refuse("probation.vote", doc.DocDate, "Nghị quyết ngày %s đề nghị xóa tên (%d/%d không tán thành); không thể công nhận chính thức",
			v.Resolution.Date.Display(), v.Resolution.No, v.Resolution.Total)
	}
	e := tochuc.MemberEvent{MemberID: memberID, Kind: tochuc.EventRecognized, Date: v.End, Document: doc.Document,
		DocDate: doc.DocDate, Signer: doc.Signer, Note: doc.Note}
	if err := s.appendEvent(ctx, tx, e); err != nil {
		return "", err
	}
	if err := tx.SetOfficialDate(ctx, memberID, v.End); err != nil {
		return "", err
	}
	a := entry(ctx, tochuc.AuditRecognize, "member", strconv.FormatInt(memberID, 10), org)
	a.Changes = append(eventChanges(e), tochuc.FieldChange{Field: "doc_date", New: string(doc.DocDate)})
	if v.DecisionDeadline != "" && doc.DocDate > v.DecisionDeadline {
		a.Changes = append(a.Changes, tochuc.FieldChange{Field: "late", New: "quá hạn " + v.DecisionDeadline.Display()})
	}
	return v.End, tx.AppendAudit(ctx, a)
}

// Recognize records the competent committee's decision recognizing a probationary member as
// official. The event is dated at the end of probation (the official date), even when the
// decision comes later; the event's document date is the decision's date.
func (s *Service) Recognize(ctx context.Context, memberID int64, doc DecisionDoc) (tochuc.Date, error) {
	if err := checkDecisionDoc(&doc); err != nil {
		return "", err
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return "", err
	}
	org, err := s.memberIn(ctx, r, memberID)
	if err != nil {
		return "", err
	}
	if err := s.ensureToday(ctx); err != nil {
		return "", err
	}
	var official tochuc.Date
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		official, err = s.recognize(ctx, tx, memberID, org, doc)
		return err
	})
	s.changed()
	return official, err
}

// BulkError lists the rows of a bulk action that failed; nothing was written.
type BulkError struct {
	Rows []BulkRowError
}

// BulkRowError is one refused row: its line (1-based in the input), the member and why.
type BulkRowError struct {
	Line     int    `json:"line"`
	MemberID int64  `json:"member_id"`
	Message  string `json:"message"`
}

func (e *BulkError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d dòng không hợp lệ, không ghi dòng nào:", len(e.Rows))
	for _, r := range e.Rows {
		fmt.Fprintf(&b, "\n  dòng %d (đảng viên %d): %s", r.Line, r.MemberID, r.Message)
	}
	return b.String()
}

// Unwrap gives the application error (EINVALID).
func (e *BulkError) Unwrap() error { return tochuc.Errorf(tochuc.EINVALID, "%s", e.Error()) }

// RecognizeMany recognizes many probationary members with one decision, all or nothing: when a
// row is refused nothing is written and every refused row is named. lines gives each id's line
// in the input (nil: 1, 2, …).
func (s *Service) RecognizeMany(ctx context.Context, ids []int64, lines []int, doc DecisionDoc) ([]tochuc.Date, error) {
	if err := checkDecisionDoc(&doc); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, tochuc.Errorf(tochuc.EINVALID, "không có đảng viên nào để công nhận")
	}
	line := func(i int) int {
		if i < len(lines) {
			return lines[i]
		}
		return i + 1
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return nil, err
	}
	be := &BulkError{}
	orgs := make([]int64, len(ids))
	seen := map[int64]int{}
	for i, id := range ids {
		if prev, dup := seen[id]; dup {
			be.Rows = append(be.Rows, BulkRowError{line(i), id, fmt.Sprintf("trùng với dòng %d", prev)})
			continue
		}
		seen[id] = line(i)
		if orgs[i], err = s.memberIn(ctx, r, id); err != nil {
			be.Rows = append(be.Rows, BulkRowError{line(i), id, tochuc.ErrorMessage(err)})
		}
	}
	if len(be.Rows) > 0 {
		return nil, be
	}
	if err := s.ensureToday(ctx); err != nil {
		return nil, err
	}
	out := make([]tochuc.Date, len(ids))
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		for i, id := range ids {
			d, err := s.recognize(ctx, tx, id, orgs[i], doc)
			if err != nil {
				if tochuc.ErrorCode(err) == tochuc.EINTERNAL {
					return err
				}
				be.Rows = append(be.Rows, BulkRowError{line(i), id, tochuc.ErrorMessage(err)})
			}
			out[i] = d
		}
		if len(be.Rows) > 0 {
			return be
		}
		return nil
	})
	s.changed()
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FailProbation records the decision not to recognize a probationary member: removal from the
// list (xóa tên), dated the decision's date, with its document.
func (s *Service) FailProbation(ctx context.Context, memberID int64, doc DecisionDoc) error {
	if err := checkDecisionDoc(&doc); err != nil {
		return err
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return err
	}
	org, err := s.memberIn(ctx, r, memberID)
	if err != nil {
		return err
	}
	if err := s.ensureToday(ctx); err != nil {
		return err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		v, err := s.openProbation(ctx, tx, memberID, doc.DocDate)
		if err != nil {
			return err
		}
		if v.Resolution != nil && v.Resolution.Outcome == tochuc.ReviewPass {
			return refuse("probation.vote", doc.DocDate, "Nghị quyết ngày %s đề nghị công nhận chính thức (%d/%d tán thành); không thể xóa tên theo nghị quyết này",
				v.Resolution.Date.Display(), v.Resolution.Yes, v.Resolution.Total)
		}
		note := doc.Note
		if note == "" {
			note = "Không được công nhận đảng viên chính thức"
		}
		e := tochuc.MemberEvent{MemberID: memberID, Kind: tochuc.EventRemoved, Date: doc.DocDate, Document: doc.Document,
			DocDate: doc.DocDate, Signer: doc.Signer, Note: note}
		if err := s.appendEvent(ctx, tx, e); err != nil {
			return err
		}
		a := entry(ctx, tochuc.AuditProbationFail, "member", strconv.FormatInt(memberID, 10), org)
		a.Changes = eventChanges(e)
		return tx.AppendAudit(ctx, a)
	})
	s.changed()
	return err
}

// ProbationsDue lists the probationary members of an org's subtree on day d whose probation
// ends within days days, or has ended without a decision: those due, and those whose review or
// decision is overdue against the deadlines, ends first.
func (s *Service) ProbationsDue(ctx context.Context, orgCode string, d tochuc.Date, days int) ([]ProbationView, error) {
	if d == "" {
		d = s.Today()
	}
	if days < 0 || days > 3660 {
		return nil, tochuc.Errorf(tochuc.EINVALID, "số ngày phải từ 0 đến 3660")
	}
	if err := s.ensureToday(ctx); err != nil {
		return nil, err
	}
	r, _, err := s.readReach(ctx, d)
	if err != nil {
		return nil, err
	}
	if r.self != 0 && !r.all && len(r.orgs) == 0 {
		return nil, tochuc.Errorf(tochuc.EFORBIDDEN, "Tài khoản của bạn không có quyền làm việc này.")
	}
	o, err := s.orgOrHome(ctx, r, orgCode)
	if err != nil {
		return nil, err
	}
	path := o.Path
	if o.ParentID == 0 {
		path = ""
	}
	horizon := d.AddDays(days)
	months := 12
	if rl, ok := s.ruleSet(ctx).At("probation.length", string(d)); ok {
		months = rl.Param("months")
	}
	// A superset (month ends clamp), checked exactly below.
	cutoff := tochuc.Date(rules.AddMonths(string(horizon), -months)).AddDays(3)
	due, _, err := s.DB.ProbationDue(ctx, path, d, cutoff, 100_000)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(due))
	for i, m := range due {
		ids[i] = m.ID
	}
	reviews, err := s.DB.ProbationReviewsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []ProbationView{}
	for _, dm := range due {
		m, events, spans, err := s.memberRecord(ctx, s.DB, dm.ID, d)
		if err != nil {
			return nil, err
		}
		v := s.buildProbation(m, events, spans, reviews[dm.ID], d)
		if v.End == "" || v.End > horizon || v.State == ProbOfficial || v.State == ProbEnded {
			continue
		}
		out = append(out, *v)
	}
	return out, nil
}
