package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/forms"
	"tochuc/rules"
	"tochuc/vn"
)

// Printable forms of the member lifecycle (issue 4 item 8). Each builder reads the member and
// the event that carries the decision (its document symbol, date and signer), fills the form's
// plain struct, and records the print as an export in the audit trail before anything leaves.
// Reading needs the read permission on the member, as the record does; a limited reader (a cell
// secretary) gets the form without identity numbers. The builders are small on purpose: the
// admission pipeline and the transfers can fill the same structs with what they know better
// (slip numbers, the signer's position) and print them with forms.Write.

// Form names in URLs and on the command line.
const (
	FormAdmission   = "9-knd"
	FormRecognition = "cong-nhan"
	FormTransfer    = "gioi-thieu"
)

// FormNames lists the printable forms of a member.
var FormNames = []string{FormAdmission, FormRecognition, FormTransfer}

// MemberForm builds the named form of a member for printing in format (pdf or docx, for the
// audit trail); eventID picks a transfer event for the transfer slip (0: the latest).
func (s *Service) MemberForm(ctx context.Context, memberID int64, name string, eventID int64, format forms.Format) (forms.Form, error) {
	switch name {
	case FormAdmission:
		return s.admissionForm(ctx, memberID, string(format))
	case FormRecognition:
		return s.recognitionForm(ctx, memberID, string(format))
	case FormTransfer:
		return s.transferSlipForm(ctx, memberID, eventID, string(format))
	}
	return nil, tochuc.Errorf(tochuc.ENOTFOUND, "không có mẫu %q; các mẫu in được: %s", strings.ToValidUTF8(name, "?"), strings.Join(FormNames, ", "))
}

// AdmissionDecisionForm fills the admission decision (9-KNĐ) of a member from its admitted event.
func (s *Service) AdmissionDecisionForm(ctx context.Context, memberID int64) (*forms.AdmissionDecision, error) {
	return s.admissionForm(ctx, memberID, "")
}

// RecognitionDecisionForm fills the decision recognising a member as official from its
// recognized event.
func (s *Service) RecognitionDecisionForm(ctx context.Context, memberID int64) (*forms.RecognitionDecision, error) {
	return s.recognitionForm(ctx, memberID, "")
}

// TransferSlipForm fills the transfer slip of a transfer_out or transferred event of the member
// (eventID 0: the latest such event).
func (s *Service) TransferSlipForm(ctx context.Context, memberID, eventID int64) (*forms.TransferSlip, error) {
	return s.transferSlipForm(ctx, memberID, eventID, "")
}

// formSource is what every builder reads: the member as the reader may see it, its timeline and
// spans.
type formSource struct {
	m      tochuc.Member
	events []tochuc.MemberEvent
	spans  []tochuc.Span
	org    int64 // the member's org for the audit entry
}

func (s *Service) formSource(ctx context.Context, memberID int64) (*formSource, error) {
	r, limited, err := s.readReach(ctx, s.Today())
	if err != nil {
		return nil, err
	}
	org, err := s.memberIn(ctx, r, memberID)
	if err != nil {
		return nil, err
	}
	src := &formSource{org: org}
	if src.m, err = s.DB.Member(ctx, memberID); err != nil {
		return nil, err
	}
	if limited && r.self != memberID {
		limit(&src.m)
	}
	if src.events, err = s.DB.MemberEvents(ctx, memberID); err != nil {
		return nil, err
	}
	if src.spans, err = s.DB.MemberSpans(ctx, memberID); err != nil {
		return nil, err
	}
	return src, nil
}

// auditPrint records the print before the form leaves; no trail, no form.
func (s *Service) auditPrint(ctx context.Context, src *formSource, code, format string) error {
	e := entry(ctx, tochuc.AuditExport, "member", strconv.FormatInt(src.m.ID, 10), src.org)
	e.Detail = "in mẫu " + code
	if format != "" {
		e.Detail += " (" + format + ")"
	}
	if err := s.DB.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("service: audit print: %w", err)
	}
	return nil
}

// lastEvent is the latest event of one of the kinds (or the one with id when id is not 0).
func lastEvent(events []tochuc.MemberEvent, id int64, kinds ...string) (tochuc.MemberEvent, bool) {
	var found tochuc.MemberEvent
	ok := false
	for _, e := range events {
		match := false
		for _, k := range kinds {
			match = match || e.Kind == k
		}
		if !match || (id != 0 && e.ID != id) {
			continue
		}
		if !ok || e.Date >= found.Date {
			found, ok = e, true
		}
	}
	return found, ok
}

// orgChain is an org and its ancestors as they stood on d, the org first.
func (s *Service) orgChain(ctx context.Context, id int64, d tochuc.Date) ([]tochuc.Org, error) {
	var chain []tochuc.Org
	for id != 0 && len(chain) < 20 {
		o, err := s.DB.OrgByIDAsOf(ctx, id, d)
		if err != nil {
			return nil, err
		}
		chain = append(chain, o)
		id = o.ParentID
	}
	return chain, nil
}

// placement is where the member stood for a form: the cell, its basic organization and the
// committee competent to decide (docs/domain.md §1.3: the standing committee of the level
// directly above the basic organization; a commune's own committee since the 2025 reform).
type placement struct {
	cell, basic tochuc.Org
	issuer      forms.Issuer
	place       string
	self        bool // the basic organization's own committee decides (a commune since 2025)
}

func (s *Service) placementOf(ctx context.Context, orgID int64, d tochuc.Date) (placement, error) {
	var pl placement
	chain, err := s.orgChain(ctx, orgID, d)
	if err != nil || len(chain) == 0 {
		return pl, err
	}
	pl.cell = chain[0]
	b := 0
	for i, o := range chain {
		if tochuc.IsBasic(o.Kind) || o.Kind == tochuc.KindCommune {
			b = i
			break
		}
	}
	pl.basic = chain[b]
	at := b
	if chain[b].Kind != tochuc.KindCommune && b+1 < len(chain) && chain[b+1].Kind != tochuc.KindParty {
		at = b + 1
	}
	pl.self = at == b
	issuer := chain[at]
	pl.issuer.Committee, pl.issuer.Abbrev = forms.CommitteeOf(issuer.Name)
	pl.issuer.Body = "Ban Thường vụ"
	if at+1 < len(chain) && chain[at+1].Kind != tochuc.KindParty {
		pl.issuer.Superior = chain[at+1].Name
	}
	for _, o := range chain[at:] {
		if pl.place = forms.PlaceOf(o.Name); pl.place != "" {
			break
		}
	}
	return pl, nil
}

// orgOn is the org the member was placed in on d (the event's own org when it has one).
func (src *formSource) orgOn(e tochuc.MemberEvent, d tochuc.Date) int64 {
	if e.OrgID != 0 {
		return e.OrgID
	}
	_, org := tochuc.StatusAt(src.spans, src.events, d)
	return org
}

func person(m tochuc.Member) forms.Person {
	birth := m.BirthDate
	if pd, err := vn.ParsePartialDate(m.BirthDate); err == nil && m.BirthDate != "" {
		birth = pd.Display()
	}
	return forms.Person{Name: m.FullName, Alias: m.Aliases, BirthDate: birth, HomeTown: m.HomeTown, Residence: m.Residence}
}

// statuteBases are the "Căn cứ" lines of a decision dated d: the Statute and the regulation
// implementing it that was in force that day (the basis of rule ruleID).
func statuteBases(ruleID string, d tochuc.Date) []string {
	out := []string{"Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"}
	if r, ok := rules.At(ruleID, string(d)); ok {
		sym := strings.TrimSpace(strings.SplitN(r.Basis, ",", 2)[0])
		if num, ok := strings.CutPrefix(sym, "QĐ "); ok {
			out = append(out, "Căn cứ Quy định số "+num+" của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng;")
		}
	}
	return out
}

func proposedBy(pl placement) string {
	from := pl.basic.Name
	if pl.self {
		from = pl.cell.Name
	}
	committee, _ := forms.CommitteeOf(from)
	return committee + " và Ban Tổ chức " + pl.issuer.Committee
}

func recipients(pl placement) []string {
	out := []string{}
	if !pl.self {
		c, _ := forms.CommitteeOf(pl.basic.Name)
		out = append(out, c+",")
	}
	if pl.cell.ID != pl.basic.ID {
		out = append(out, pl.cell.Name+",")
	}
	return append(out, "Đồng chí có tên tại Điều 1,", "Lưu hồ sơ đảng viên.")
}

func cellNames(pl placement) (cell, basic string) {
	if pl.cell.ID == pl.basic.ID {
		return pl.cell.Name, ""
	}
	return pl.cell.Name, pl.basic.Name
}

func docDate(e tochuc.MemberEvent) tochuc.Date {
	if e.DocDate != "" {
		return e.DocDate
	}
	return e.Date
}

func (s *Service) admissionForm(ctx context.Context, memberID int64, format string) (*forms.AdmissionDecision, error) {
	src, err := s.formSource(ctx, memberID)
	if err != nil {
		return nil, err
	}
	e, ok := lastEvent(src.events, 0, tochuc.EventAdmitted, tochuc.EventReadmitted)
	if !ok {
		return nil, tochuc.Errorf(tochuc.ENOTFOUND, "đảng viên chưa có quyết định kết nạp trong hồ sơ")
	}
	pl, err := s.placementOf(ctx, src.orgOn(e, e.Date), e.Date)
	if err != nil {
		return nil, err
	}
	f := &forms.AdmissionDecision{Issuer: pl.issuer, Number: e.Document, Place: pl.place, Date: docDate(e),
		Bases: statuteBases("admission.age", e.Date), ProposedBy: proposedBy(pl), Member: person(src.m),
		Signer: forms.Signature{Name: e.Signer}, Recipients: recipients(pl)}
	f.Cell, f.BasicOrg = cellNames(pl)
	if r, ok := s.ruleSet(ctx).At("probation.length", string(e.Date)); ok {
		f.ProbationMonths = r.Param("months")
	}
	if err := s.auditPrint(ctx, src, f.Code(), format); err != nil {
		return nil, err
	}
	return f, nil
}

func (s *Service) recognitionForm(ctx context.Context, memberID int64, format string) (*forms.RecognitionDecision, error) {
	src, err := s.formSource(ctx, memberID)
	if err != nil {
		return nil, err
	}
	e, ok := lastEvent(src.events, 0, tochuc.EventRecognized)
	if !ok {
		return nil, tochuc.Errorf(tochuc.ENOTFOUND, "đảng viên chưa được công nhận chính thức trong hồ sơ")
	}
	pl, err := s.placementOf(ctx, src.orgOn(e, e.Date), e.Date)
	if err != nil {
		return nil, err
	}
	admitted, _ := lastEvent(src.events, 0, tochuc.EventAdmitted, tochuc.EventReadmitted)
	f := &forms.RecognitionDecision{Issuer: pl.issuer, Number: e.Document, Place: pl.place, Date: e.DocDate,
		Bases: statuteBases("probation.official_date", e.Date), ProposedBy: proposedBy(pl), Member: person(src.m),
		AdmissionDate: admitted.Date, CeremonyDate: src.m.CeremonyDate, OfficialDate: e.Date,
		Signer: forms.Signature{Name: e.Signer}, Recipients: recipients(pl)}
	if f.AdmissionDate == "" {
		f.AdmissionDate = src.m.AdmissionDate
	}
	f.Cell, f.BasicOrg = cellNames(pl)
	if err := s.auditPrint(ctx, src, f.Code(), format); err != nil {
		return nil, err
	}
	return f, nil
}

func (s *Service) transferSlipForm(ctx context.Context, memberID, eventID int64, format string) (*forms.TransferSlip, error) {
	src, err := s.formSource(ctx, memberID)
	if err != nil {
		return nil, err
	}
	e, ok := lastEvent(src.events, eventID, tochuc.EventTransferOut, tochuc.EventTransferred)
	if !ok {
		return nil, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy lần chuyển sinh hoạt đảng của đảng viên này")
	}
	before := e.Date.AddDays(-1)
	_, fromOrg := tochuc.StatusAt(src.spans, src.events, before)
	from, err := s.placementOf(ctx, fromOrg, before)
	if err != nil {
		return nil, err
	}
	to, err := s.placementOf(ctx, e.OrgID, e.Date)
	if err != nil {
		return nil, err
	}
	date := docDate(e)
	f := &forms.TransferSlip{Kind: forms.SlipOfficial, Issuer: from.issuer, CardNumber: src.m.CardNumber,
		HistoryNumber: src.m.HistoryNumber, To: to.issuer.Committee, Member: person(src.m),
		JoinedOn: src.m.CeremonyDate, OfficialOn: src.m.OfficialDate, DuesPaidMonth: date.Time().Format("01/2006"),
		Attachments: "Hồ sơ đảng viên", Place: from.place, Date: date, Signer: forms.Signature{Name: e.Signer}}
	if f.JoinedOn == "" {
		f.JoinedOn = src.m.AdmissionDate
	}
	if c, b := cellNames(to); b != "" {
		f.Destination = c + ", " + b
	} else {
		f.Destination = c
	}
	if d := s.ruleSet(ctx).SlipDeadline(s.calendar(ctx), string(e.Date)); d != "" {
		f.PresentBy = tochuc.Date(d)
	}
	if err := s.auditPrint(ctx, src, f.Code(), format); err != nil {
		return nil, err
	}
	return f, nil
}
