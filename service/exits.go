package service

import (
	"context"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/rules"
	"tochuc/store"
)

// Exits and returns (domain.md §1.6–§1.12): each is a dated member event with its deciding
// document, checked against the rule in force on its date; a refusal names the rule.
//
// Gap: there is no discipline model yet. A voluntary withdrawal takes the HasViolation flag
// from the caller (the clerk states whether the member has a violation not yet dealt with);
// an expulsion is recorded from the discipline decision's document, with the reason when it
// bars re-admission (corruption, serious crime, disunity).

// Decision is the deciding document of a step and its date.
type Decision struct {
	Date     tochuc.Date `json:"date"`     // the date the step takes effect
	Document string      `json:"document"` // symbol, e.g. 123-QĐ/ĐU
	DocDate  tochuc.Date `json:"doc_date"` // the document's date ("" = Date)
	Signer   string      `json:"signer"`
	Note     string      `json:"note"`
}

// Removal grounds (xóa tên, QĐ 294 điểm 8.1; rule removal.grounds).
const (
	GroundAbsence     = 1 // missed meetings or unpaid dues 3 months in a year without good reason
	GroundCard        = 2 // handed back or destroyed the card
	GroundNoProgress  = 3 // weak, educated 12 months without progress
	GroundViolation   = 4 // violated member standards 2 years in a row
	GroundPolitical   = 5 // does not meet the political standards
	RemovalGroundsMax = 5
)

// RemovalGrounds are the codes of the five grounds with their Vietnamese labels.
var RemovalGrounds = []struct {
	Code  int
	Label string
}{
	{GroundAbsence, "Bỏ sinh hoạt đảng hoặc không đóng đảng phí 3 tháng trong năm không có lý do chính đáng"},
	{GroundCard, "Tự ý trả thẻ đảng viên hoặc tự hủy thẻ đảng viên"},
	{GroundNoProgress, "Giảm sút ý chí phấn đấu, được giáo dục 12 tháng nhưng không tiến bộ"},
	{GroundViolation, "Hai năm liền vi phạm tư cách đảng viên"},
	{GroundPolitical, "Không bảo đảm tiêu chuẩn chính trị"},
}

// ExitInput records an exit: removal from the list, voluntary withdrawal, expulsion or death.
type ExitInput struct {
	MemberID int64  `json:"member_id"`
	Kind     string `json:"kind"` // removed, withdrawn, expelled, deceased
	Decision
	Ground         int    `json:"ground"`          // removal: 1–5
	MonthsMissed   int    `json:"months_missed"`   // removal ground 1: months of the year without meetings or dues
	HasViolation   bool   `json:"has_violation"`   // withdrawal: an open violation (no discipline model yet)
	FamilyHardship bool   `json:"family_hardship"` // withdrawal for special family hardship (re-admission not barred)
	Reason         string `json:"reason"`          // expulsion/removal: disunity, corruption, serious_crime when it bars re-admission
}

// ruleAt is the rule in force on d, or the error asking for a decision by hand.
func ruleAt(id string, d tochuc.Date) (rules.Rule, error) {
	r, ok := rules.At(id, string(d))
	if !ok {
		return r, &tochuc.Error{Code: tochuc.EINVALID, Subject: id,
			Message: "chưa có quy định " + strconv.Quote(id) + " áp dụng cho ngày " + d.Display() + "; cần xem xét theo văn bản khi đó"}
	}
	return r, nil
}

func checkDecision(d *Decision, needDoc bool) error {
	if _, err := tochuc.ParseISODate(string(d.Date)); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "ngày quyết định không hợp lệ")
	}
	d.Document, d.Signer, d.Note = clean(d.Document), clean(d.Signer), clean(d.Note)
	if d.DocDate == "" {
		d.DocDate = d.Date
	} else if _, err := tochuc.ParseISODate(string(d.DocDate)); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "ngày văn bản không hợp lệ")
	}
	if needDoc && d.Document == "" {
		return tochuc.Errorf(tochuc.EINVALID, "thiếu số, ký hiệu văn bản quyết định")
	}
	return nil
}

// RecordExit records an exit from the Party.
func (s *Service) RecordExit(ctx context.Context, in ExitInput) error {
	if err := checkDecision(&in.Decision, in.Kind != tochuc.EventDeceased); err != nil {
		return err
	}
	fact := store.ExitFact{Kind: in.Kind, Reason: strings.TrimSpace(in.Reason), FamilyHardship: in.FamilyHardship}
	switch fact.Reason {
	case "", string(rules.ExitDisunity), string(rules.ExitCorruption), string(rules.ExitSeriousCrime):
	default:
		return tochuc.Errorf(tochuc.EINVALID, "lý do %q không hợp lệ (disunity, corruption, serious_crime)", fact.Reason)
	}
	switch in.Kind {
	case tochuc.EventRemoved:
		rule, err := ruleAt("removal.grounds", in.Date)
		if err != nil {
			return err
		}
		if in.Ground < 1 || in.Ground > RemovalGroundsMax {
			return rule.Refuse("Thiếu căn cứ xóa tên (một trong năm trường hợp): %s", rule.Title)
		}
		fact.Ground = in.Ground
		if in.Ground == GroundAbsence {
			if !rules.RemovalDue(s.ruleSet(ctx), string(in.Date), in.MonthsMissed) {
				return rule.Refuse("Bỏ sinh hoạt hoặc không đóng đảng phí %d tháng trong năm chưa đủ căn cứ xóa tên (cần %d tháng)",
					in.MonthsMissed, rule.Param("absence_months"))
			}
			fact.Reason = string(rules.ExitDroppedOut) // tự bỏ sinh hoạt đảng: never re-admitted
		}
	case tochuc.EventWithdrawn:
		if err := rules.CheckWithdrawal(s.ruleSet(ctx), string(in.Date), in.HasViolation); err != nil {
			return err
		}
		fact.Reason = string(rules.ExitWithdrew)
	case tochuc.EventExpelled, tochuc.EventDeceased:
	default:
		return tochuc.Errorf(tochuc.EINVALID, "loại ra khỏi Đảng %q không hợp lệ (removed, withdrawn, expelled, deceased)", in.Kind)
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, in.Date)
	if err != nil {
		return err
	}
	org, err := s.memberIn(ctx, r, in.MemberID)
	if err != nil {
		return err
	}
	e := tochuc.MemberEvent{MemberID: in.MemberID, Kind: in.Kind, Date: in.Date, Document: in.Document,
		DocDate: in.DocDate, Signer: in.Signer, Note: in.Note}
	return s.writeLifecycle(ctx, org, AuditMemberExit, e, &fact)
}

// writeLifecycle appends an exit or return event with its audit entry (and the exit's facts).
func (s *Service) writeLifecycle(ctx context.Context, org int64, action string, e tochuc.MemberEvent, fact *store.ExitFact) error {
	if err := s.ensureToday(ctx); err != nil {
		return err
	}
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Member(ctx, e.MemberID); err != nil {
			return err
		}
		if err := s.appendEvent(ctx, tx, e); err != nil {
			return err
		}
		if fact != nil {
			id, err := tx.LastEventID(ctx, e.MemberID, e.Kind)
			if err != nil {
				return err
			}
			fact.EventID = id
			if err := tx.InsertExit(ctx, e.MemberID, *fact); err != nil {
				return err
			}
		}
		// The card goes back to the party on an exit, or stays with the family on a death.
		cardStatus, err := s.SettleCardOnExit(ctx, tx, e.MemberID, e.Kind, e.Date)
		if err != nil {
			return err
		}
		a := entry(ctx, action, "member", strconv.FormatInt(e.MemberID, 10), org)
		a.Changes = eventChanges(e)
		if fact != nil && fact.Ground != 0 {
			a.Changes = append(a.Changes, tochuc.FieldChange{Field: "ground", New: strconv.Itoa(fact.Ground)})
		}
		if cardStatus != "" {
			a.Changes = append(a.Changes, tochuc.FieldChange{Field: "card", New: cardStatus})
		}
		return tx.AppendAudit(ctx, a)
	})
	s.changed()
	return err
}

// ExemptInput is a request for exemption from work and meetings (miễn công tác và sinh hoạt).
type ExemptInput struct {
	MemberID int64 `json:"member_id"`
	Decision
	PastWorkingAge bool `json:"past_working_age"`
	IllnessMonths  int  `json:"illness_months"`
	Voluntary      bool `json:"voluntary"`
}

// Exempt records the cell's decision exempting a member (rule exemption.conditions).
func (s *Service) Exempt(ctx context.Context, in ExemptInput) error {
	if err := checkDecision(&in.Decision, false); err != nil {
		return err
	}
	if err := rules.CheckExemption(s.ruleSet(ctx), string(in.Date), in.PastWorkingAge, in.IllnessMonths, in.Voluntary); err != nil {
		return err
	}
	return s.simpleReturn(ctx, in.MemberID, tochuc.EventExempted, in.Decision)
}

// EndExemption records the member's return to work and meetings.
func (s *Service) EndExemption(ctx context.Context, memberID int64, dec Decision) error {
	if err := checkDecision(&dec, false); err != nil {
		return err
	}
	return s.simpleReturn(ctx, memberID, tochuc.EventExemptionEnded, dec)
}

func (s *Service) simpleReturn(ctx context.Context, memberID int64, kind string, dec Decision) error {
	r, err := s.reachFor(ctx, tochuc.PermWrite, dec.Date)
	if err != nil {
		return err
	}
	org, err := s.memberIn(ctx, r, memberID)
	if err != nil {
		return err
	}
	e := tochuc.MemberEvent{MemberID: memberID, Kind: kind, Date: dec.Date, Document: dec.Document,
		DocDate: dec.DocDate, Signer: dec.Signer, Note: dec.Note}
	return s.writeLifecycle(ctx, org, AuditMemberReturn, e, nil)
}

// ReadmitInput is a re-admission (kết nạp lại, QĐ 294 điểm 3.5).
type ReadmitInput struct {
	MemberID int64 `json:"member_id"`
	Decision
	OrgCode            string      `json:"org"`              // the org admitting the member again
	ConsentDocument    string      `json:"consent_document"` // the provincial standing committee's written consent
	ExpungedOn         tochuc.Date `json:"expunged_on"`      // a less-serious conviction expunged on this date
	FamilyHardshipNote bool        `json:"family_hardship"`  // a withdrawal for special family hardship
}

// lastExit finds the exit a member is out by on day d: its event and its facts.
func lastExit(events []tochuc.MemberEvent, d tochuc.Date) (tochuc.MemberEvent, bool) {
	var last tochuc.MemberEvent
	found := false
	for _, e := range events {
		if e.Date > d {
			break
		}
		switch e.Kind {
		case tochuc.EventRemoved, tochuc.EventWithdrawn, tochuc.EventExpelled, tochuc.EventDeceased:
			last, found = e, true
		case tochuc.EventReadmitted, tochuc.EventRestored:
			found = false
		}
	}
	return last, found
}

// Readmit re-admits a former member: ≥ 36 months after leaving (60 after an expunged
// conviction), once in a lifetime, with the provincial written consent, never after the barred
// exits (rules readmission.*); a new probation starts (the timeline resets the official date).
func (s *Service) Readmit(ctx context.Context, in ReadmitInput) error {
	if err := checkDecision(&in.Decision, true); err != nil {
		return err
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, in.Date)
	if err != nil {
		return err
	}
	// The former member must be in the reach (the org they left), and so must the org that
	// admits them again.
	if _, err := s.memberIn(ctx, r, in.MemberID); err != nil {
		return err
	}
	org, err := s.orgIn(ctx, r, strings.TrimSpace(in.OrgCode))
	if err != nil {
		return err
	}
	events, err := s.DB.MemberEvents(ctx, in.MemberID)
	if err != nil {
		return err
	}
	spans, err := s.DB.MemberSpans(ctx, in.MemberID)
	if err != nil {
		return err
	}
	if st, _ := tochuc.StatusAt(spans, events, in.Date); !tochuc.IsExit(st) {
		return tochuc.Errorf(tochuc.EINVALID, "chỉ kết nạp lại người đã ra khỏi Đảng")
	}
	exit, _ := lastExit(events, in.Date)
	if exit.Kind == tochuc.EventDeceased {
		return tochuc.Errorf(tochuc.EINVALID, "người này đã từ trần")
	}
	var facts map[int64]store.ExitFact
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		facts, err = tx.MemberExits(ctx, in.MemberID)
		return err
	})
	if err != nil {
		return err
	}
	c := rules.Readmission{LeftOn: string(exit.Date), ProvincialConsent: clean(in.ConsentDocument) != ""}
	if f, ok := facts[exit.ID]; ok {
		c.Reason, c.FamilyHardship = rules.ExitReason(f.Reason), f.FamilyHardship || in.FamilyHardshipNote
	} else if exit.Kind == tochuc.EventWithdrawn {
		c.Reason, c.FamilyHardship = rules.ExitWithdrew, in.FamilyHardshipNote
	}
	if in.ExpungedOn != "" {
		c.ExpungedOn = string(in.ExpungedOn)
	}
	for _, e := range events {
		if e.Kind == tochuc.EventReadmitted {
			c.TimesReadmitted++
		}
	}
	if err := rules.CheckReadmission(s.ruleSet(ctx), string(in.Date), c); err != nil {
		return err
	}
	note := in.Note
	if cd := clean(in.ConsentDocument); cd != "" {
		note = strings.TrimSpace("Văn bản đồng ý của ban thường vụ tỉnh ủy: " + cd + ". " + note)
	}
	e := tochuc.MemberEvent{MemberID: in.MemberID, Kind: tochuc.EventReadmitted, Date: in.Date, OrgID: org.ID,
		Document: in.Document, DocDate: in.DocDate, Signer: in.Signer, Note: note}
	return s.writeLifecycle(ctx, org.ID, AuditMemberReturn, e, nil)
}

// RestoreInput is a restoration of membership after a wrongful exit (phục hồi đảng tịch).
type RestoreInput struct {
	MemberID int64 `json:"member_id"`
	Decision
	OrgCode string `json:"org"` // "" = the org the member left
}

// Restore restores a member whose exit was found wrongful: party age stays continuous
// (domain.md §1.12; PartyAge does not subtract the gap).
func (s *Service) Restore(ctx context.Context, in RestoreInput) error {
	if err := checkDecision(&in.Decision, true); err != nil {
		return err
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, in.Date)
	if err != nil {
		return err
	}
	orgID, err := s.memberIn(ctx, r, in.MemberID)
	if err != nil {
		return err
	}
	if code := strings.TrimSpace(in.OrgCode); code != "" {
		o, err := s.orgIn(ctx, r, code)
		if err != nil {
			return err
		}
		orgID = o.ID
	}
	events, err := s.DB.MemberEvents(ctx, in.MemberID)
	if err != nil {
		return err
	}
	if exit, ok := lastExit(events, in.Date); !ok {
		return tochuc.Errorf(tochuc.EINVALID, "chỉ phục hồi đảng tịch cho người đã ra khỏi Đảng")
	} else if exit.Kind == tochuc.EventDeceased {
		return tochuc.Errorf(tochuc.EINVALID, "người này đã từ trần")
	}
	e := tochuc.MemberEvent{MemberID: in.MemberID, Kind: tochuc.EventRestored, Date: in.Date, OrgID: orgID,
		Document: in.Document, DocDate: in.DocDate, Signer: in.Signer, Note: in.Note}
	return s.writeLifecycle(ctx, orgID, AuditMemberReturn, e, nil)
}

// PartyAge is a member's party age on day d in years and months (tochuc.PartyAge).
func PartyAge(events []tochuc.MemberEvent, d tochuc.Date) (years, months int, ok bool) {
	n, ok := tochuc.PartyAge(events, d)
	return n / 12, n % 12, ok
}
