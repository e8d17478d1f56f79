package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/rules"
	"tochuc/store"
	"tochuc/vn"
)

// Transfers of party activity (chuyển sinh hoạt đảng, domain.md §1.5) happen in two steps:
//
//   - IssueTransfer: the SENDING side (write permission on the member's org on the slip date)
//     issues the slip. An official transfer appends EventTransferOut: from that day the member
//     is in transit, counted by no org, seen by both sides.
//   - ReceiveTransfer: the RECEIVING side (write permission on the destination) confirms:
//     EventTransferIn places the member there.
//   - CancelTransfer: the sender withdraws a slip not yet received. The slip never took effect,
//     so its EventTransferOut is removed from the timeline and the spans are replayed: the
//     member was at home all along, and every count as of any date in between is what it would
//     have been without the slip. (Appending a transfer_in back home instead would leave a gap
//     during which the member was counted nowhere, which never happened.) The transfer row keeps
//     the history: issued on, cancelled on, by whom (audit).
//   - A temporary transfer (3 to < 12 months; study 3 to 24: rule transfer.temporary_duration)
//     never changes the placement: the member stays counted at home; once received, the host
//     lists them as "sinh hoạt tạm thời", outside its total, until the planned end.
//   - Abroad: the destination is an org of the tree when the overseas party committee is in it
//     (ToOrgCode); otherwise a free-text Destination is recorded and the member stays in transit,
//     attached to the sending org, until a receipt names the org where they resume activity on
//     their return (ReceiveInput.OrgCode).

// Audit actions of transfers and exits.
const (
	AuditTransferIssue   = "transfer.issue"
	AuditTransferReceive = "transfer.receive"
	AuditTransferCancel  = "transfer.cancel"
	AuditMemberExit      = "member.exit"
	AuditMemberReturn    = "member.return"
)

// TransferInput is what the sending side writes on the slip.
type TransferInput struct {
	MemberID    int64       `json:"member_id"`
	Kind        string      `json:"kind"`    // official (default), temporary
	Scope       string      `json:"scope"`   // domestic (default), abroad, returning
	Purpose     string      `json:"purpose"` // temporary: move (default), study
	ToOrgCode   string      `json:"to_org"`
	Destination string      `json:"destination"` // free text when the destination is outside the tree
	Months      int         `json:"months"`      // temporary: the planned length
	SlipNumber  string      `json:"slip_number"`
	Date        tochuc.Date `json:"date"`         // the slip's date
	DuesPaidTo  string      `json:"dues_paid_to"` // YYYY-MM; default: the month of the slip
	Document    string      `json:"document"`
	DocDate     tochuc.Date `json:"doc_date"`
	Signer      string      `json:"signer"`
	Note        string      `json:"note"`
}

// ReceiveInput is the receiving side's confirmation.
type ReceiveInput struct {
	Date     tochuc.Date `json:"date"`
	Document string      `json:"document"`
	DocDate  tochuc.Date `json:"doc_date"`
	Signer   string      `json:"signer"`
	OrgCode  string      `json:"org"` // only for a slip to a destination outside the tree: where the member resumes
}

var duesMonth = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

// clean trims and normalizes a free-text field.
func clean(s string) string { return vn.NFC(strings.Join(strings.Fields(s), " ")) }

// issuePlan is a checked transfer ready to write.
type issuePlan struct {
	t      tochuc.Transfer
	toOrg  tochuc.Org
	member tochuc.Member
}

// planTransfer checks a transfer before any write: the actor's reach over the member's org on
// the slip date, the member placed there, the destination, the rules.
func (s *Service) planTransfer(ctx context.Context, r reach, in TransferInput) (issuePlan, error) {
	var p issuePlan
	if in.Kind == "" {
		in.Kind = tochuc.TransferOfficial
	}
	if in.Scope == "" {
		in.Scope = tochuc.ScopeDomestic
	}
	if in.Kind != tochuc.TransferOfficial && in.Kind != tochuc.TransferTemporary {
		return p, tochuc.Errorf(tochuc.EINVALID, "loại chuyển sinh hoạt %q không hợp lệ (official, temporary)", in.Kind)
	}
	if in.Scope != tochuc.ScopeDomestic && in.Scope != tochuc.ScopeAbroad && in.Scope != tochuc.ScopeReturning {
		return p, tochuc.Errorf(tochuc.EINVALID, "phạm vi chuyển sinh hoạt %q không hợp lệ (domestic, abroad, returning)", in.Scope)
	}
	if _, err := tochuc.ParseISODate(string(in.Date)); err != nil {
		return p, tochuc.Errorf(tochuc.EINVALID, "ngày giới thiệu không hợp lệ")
	}
	if in.DocDate != "" {
		if _, err := tochuc.ParseISODate(string(in.DocDate)); err != nil {
			return p, tochuc.Errorf(tochuc.EINVALID, "ngày văn bản không hợp lệ")
		}
	}
	m, err := s.DB.Member(ctx, in.MemberID)
	if err != nil {
		return p, err
	}
	spans, err := s.DB.MemberSpans(ctx, in.MemberID)
	if err != nil {
		return p, err
	}
	status, orgID := tochuc.StatusAt(spans, nil, in.Date)
	from, ferr := s.DB.OrgByIDAsOf(ctx, orgID, in.Date)
	if orgID == 0 || ferr != nil || !r.covers(from.Path) {
		if status == tochuc.StatusInTransit && orgID != 0 {
			return p, tochuc.Errorf(tochuc.ECONFLICT, "đảng viên đang trên đường chuyển sinh hoạt (chưa được nơi đến tiếp nhận) vào ngày %s", in.Date.Display())
		}
		s.deny(ctx, "transfer", "member", strconv.FormatInt(in.MemberID, 10))
		return p, notFoundMember()
	}
	if status == tochuc.StatusInTransit {
		return p, tochuc.Errorf(tochuc.ECONFLICT, "đảng viên đang trên đường chuyển sinh hoạt (chưa được nơi đến tiếp nhận) vào ngày %s", in.Date.Display())
	}
	if !slicesContains(tochuc.CountedStatuses, status) {
		return p, tochuc.Errorf(tochuc.EINVALID, "ngày %s người này không đang sinh hoạt đảng", in.Date.Display())
	}
	t := tochuc.Transfer{MemberID: m.ID, MemberName: m.FullName, Kind: in.Kind, Scope: in.Scope,
		FromOrgID: from.ID, FromOrgCode: from.Code, FromOrgName: from.Name,
		Destination: clean(in.Destination), SlipNumber: clean(in.SlipNumber), SlipDate: in.Date,
		DuesPaidTo: strings.TrimSpace(in.DuesPaidTo), CardNumber: m.CardNumber, HistoryNumber: m.HistoryNumber,
		Document: clean(in.Document), DocDate: in.DocDate, Signer: clean(in.Signer), Note: clean(in.Note),
		Status: tochuc.TransferIssued}
	if t.DuesPaidTo == "" {
		t.DuesPaidTo = string(in.Date)[:7] // the slip states the month it is written (HD 12/2022)
	}
	if !duesMonth.MatchString(t.DuesPaidTo) {
		return p, tochuc.Errorf(tochuc.EINVALID, "tháng đã đóng đảng phí phải có dạng yyyy-mm")
	}
	if code := strings.TrimSpace(in.ToOrgCode); code != "" {
		to, err := s.DB.OrgByCodeAsOf(ctx, code, in.Date)
		if err != nil {
			return p, err
		}
		if to.ID == from.ID {
			return p, tochuc.Errorf(tochuc.EINVALID, "nơi chuyển đến trùng với nơi đang sinh hoạt")
		}
		p.toOrg = to
		t.ToOrgID, t.ToOrgCode, t.ToOrgName = to.ID, to.Code, to.Name
	} else if in.Scope == tochuc.ScopeAbroad && t.Destination != "" {
		// Abroad to a party organization outside the tree: recorded by name.
	} else {
		return p, tochuc.Errorf(tochuc.EINVALID, "thiếu tổ chức đảng nơi chuyển đến")
	}
	if in.Kind == tochuc.TransferTemporary {
		purpose, kind := tochuc.PurposeMove, rules.TempMove
		if in.Purpose == tochuc.PurposeStudy {
			purpose, kind = tochuc.PurposeStudy, rules.TempStudy
		} else if in.Purpose != "" && in.Purpose != tochuc.PurposeMove {
			return p, tochuc.Errorf(tochuc.EINVALID, "lý do chuyển sinh hoạt tạm thời %q không hợp lệ (move, study)", in.Purpose)
		}
		if err := rules.CheckTemporaryTransfer(s.ruleSet(ctx), string(in.Date), kind, in.Months); err != nil {
			return p, err
		}
		t.Purpose = purpose
		t.UntilDate = tochuc.Date(rules.AddMonths(string(in.Date), in.Months))
	}
	p.t, p.member = t, m
	return p, nil
}

func slicesContains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// writeIssue writes one checked transfer in tx: the slip, the out event, the audit entry.
func (s *Service) writeIssue(ctx context.Context, tx *store.Tx, p *issuePlan) error {
	if p.t.Kind == tochuc.TransferTemporary {
		active, err := tx.PendingTransfers(ctx, p.t.MemberID)
		if err != nil {
			return err
		}
		for _, o := range active {
			if o.Kind == tochuc.TransferTemporary {
				return tochuc.Errorf(tochuc.ECONFLICT, "đảng viên đã có giấy giới thiệu sinh hoạt tạm thời chưa được tiếp nhận")
			}
		}
	} else {
		dest := p.t.ToOrgID
		if dest == 0 {
			dest = p.t.FromOrgID // abroad outside the tree: in transit, attached to the sender
		}
		e := tochuc.MemberEvent{MemberID: p.t.MemberID, Kind: tochuc.EventTransferOut, Date: p.t.SlipDate, OrgID: dest,
			Document: p.t.Document, DocDate: p.t.DocDate, Signer: p.t.Signer, Note: p.t.Note}
		if err := s.appendEvent(ctx, tx, e); err != nil {
			return err
		}
		id, err := tx.LastEventID(ctx, p.t.MemberID, tochuc.EventTransferOut)
		if err != nil {
			return err
		}
		p.t.OutEventID = id
	}
	id, err := tx.InsertTransfer(ctx, &p.t)
	if err != nil {
		return err
	}
	a := entry(ctx, AuditTransferIssue, "transfer", strconv.FormatInt(id, 10), p.t.FromOrgID)
	a.Changes = transferChanges(p.t)
	return tx.AppendAudit(ctx, a)
}

func transferChanges(t tochuc.Transfer) []tochuc.FieldChange {
	out := []tochuc.FieldChange{{Field: "member_id", New: strconv.FormatInt(t.MemberID, 10)},
		{Field: "kind", New: t.Kind}, {Field: "scope", New: t.Scope}, {Field: "date", New: string(t.SlipDate)},
		{Field: "from_org", New: t.FromOrgCode}}
	if t.ToOrgCode != "" {
		out = append(out, tochuc.FieldChange{Field: "to_org", New: t.ToOrgCode})
	}
	if t.Destination != "" {
		out = append(out, tochuc.FieldChange{Field: "destination", New: t.Destination})
	}
	if t.Document != "" {
		out = append(out, tochuc.FieldChange{Field: "document", New: t.Document})
	}
	if t.BatchID != "" {
		out = append(out, tochuc.FieldChange{Field: "batch_id", New: t.BatchID})
	}
	return out
}

// IssueTransfer issues a transfer slip for one member (the sending side).
func (s *Service) IssueTransfer(ctx context.Context, in TransferInput) (int64, error) {
	ids, err := s.issueAll(ctx, []int64{in.MemberID}, in, "")
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// BatchTransfer issues the same transfer for many members at once (a graduating class, a
// closed enterprise): all or nothing, in one transaction, with one batch id.
func (s *Service) BatchTransfer(ctx context.Context, memberIDs []int64, in TransferInput) (string, []int64, error) {
	if len(memberIDs) == 0 {
		return "", nil, tochuc.Errorf(tochuc.EINVALID, "danh sách đảng viên chuyển sinh hoạt trống")
	}
	seen := map[int64]bool{}
	for _, id := range memberIDs {
		if seen[id] {
			return "", nil, tochuc.Errorf(tochuc.EINVALID, "đảng viên số %d có hai lần trong danh sách", id)
		}
		seen[id] = true
	}
	var b [6]byte
	rand.Read(b[:])
	batch := string(in.Date) + "-" + hex.EncodeToString(b[:])
	ids, err := s.issueAll(ctx, memberIDs, in, batch)
	return batch, ids, err
}

func (s *Service) issueAll(ctx context.Context, memberIDs []int64, in TransferInput, batch string) ([]int64, error) {
	r, err := s.reachFor(ctx, tochuc.PermWrite, in.Date)
	if err != nil {
		return nil, err
	}
	plans := make([]issuePlan, len(memberIDs))
	for i, id := range memberIDs {
		in.MemberID = id
		p, err := s.planTransfer(ctx, r, in)
		if err != nil {
			if len(memberIDs) > 1 {
				return nil, tochuc.Errorf(tochuc.ErrorCode(err), "đảng viên số %d: %s", id, tochuc.ErrorMessage(err))
			}
			return nil, err
		}
		p.t.BatchID = batch
		plans[i] = p
	}
	if err := s.ensureToday(ctx); err != nil {
		return nil, err
	}
	out := make([]int64, len(plans))
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		for i := range plans {
			if err := s.writeIssue(ctx, tx, &plans[i]); err != nil {
				if len(plans) > 1 {
					return tochuc.Errorf(tochuc.ErrorCode(err), "đảng viên số %d: %s", plans[i].t.MemberID, tochuc.ErrorMessage(err))
				}
				return err
			}
			out[i] = plans[i].t.ID
		}
		return nil
	})
	s.changed()
	if err != nil {
		return nil, err
	}
	return out, nil
}

// orgCovered reports whether org id (as of d, else as of the fallback date) lies in the reach.
func (s *Service) orgCovered(ctx context.Context, r reach, id int64, fallback tochuc.Date) bool {
	if id == 0 {
		return false
	}
	if r.all {
		return true
	}
	for _, d := range []tochuc.Date{r.date, fallback} {
		if o, err := s.DB.OrgByIDAsOf(ctx, id, d); err == nil {
			return r.covers(o.Path)
		}
	}
	return false
}

// transferIn reads a transfer that one of its sides lies in the reach.
func (s *Service) transferIn(ctx context.Context, r reach, id int64, side string) (tochuc.Transfer, error) {
	t, err := s.DB.Transfer(ctx, id)
	if err != nil {
		return t, err
	}
	ok := false
	if side != "in" {
		ok = s.orgCovered(ctx, r, t.FromOrgID, t.SlipDate)
	}
	if !ok && side != "out" {
		ok = s.orgCovered(ctx, r, t.ToOrgID, t.SlipDate)
	}
	if !ok {
		s.deny(ctx, "transfer", "transfer", strconv.FormatInt(id, 10))
		return tochuc.Transfer{}, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy giấy giới thiệu sinh hoạt đảng số %d", id)
	}
	return t, nil
}

// ReceiveTransfer confirms a transfer at the receiving side: the member is placed in the
// destination from the date of receipt.
func (s *Service) ReceiveTransfer(ctx context.Context, id int64, in ReceiveInput) error {
	if _, err := tochuc.ParseISODate(string(in.Date)); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "ngày tiếp nhận không hợp lệ")
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, in.Date)
	if err != nil {
		return err
	}
	t, err := s.DB.Transfer(ctx, id)
	if err != nil {
		return err
	}
	dest := t.ToOrgID
	if dest == 0 {
		// A slip to a party outside the tree: the member resumes where the receipt says.
		if strings.TrimSpace(in.OrgCode) == "" {
			if !s.orgCovered(ctx, r, t.FromOrgID, t.SlipDate) {
				s.deny(ctx, "transfer", "transfer", strconv.FormatInt(id, 10))
				return tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy giấy giới thiệu sinh hoạt đảng số %d", id)
			}
			return tochuc.Errorf(tochuc.EINVALID, "thiếu tổ chức đảng nơi đảng viên trở về sinh hoạt")
		}
		o, err := s.orgIn(ctx, r, strings.TrimSpace(in.OrgCode))
		if err != nil {
			return err
		}
		dest = o.ID
	} else if !s.orgCovered(ctx, r, dest, t.SlipDate) {
		s.deny(ctx, "transfer", "transfer", strconv.FormatInt(id, 10))
		return tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy giấy giới thiệu sinh hoạt đảng số %d", id)
	}
	if t.Status != tochuc.TransferIssued {
		return tochuc.Errorf(tochuc.ECONFLICT, "giấy giới thiệu đã %s", statusWord(t.Status))
	}
	if in.Date < t.SlipDate {
		return tochuc.Errorf(tochuc.EINVALID, "ngày tiếp nhận %s trước ngày giới thiệu %s", in.Date.Display(), t.SlipDate.Display())
	}
	if in.DocDate != "" {
		if _, err := tochuc.ParseISODate(string(in.DocDate)); err != nil {
			return tochuc.Errorf(tochuc.EINVALID, "ngày văn bản không hợp lệ")
		}
	}
	if err := s.ensureToday(ctx); err != nil {
		return err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if t.Kind == tochuc.TransferOfficial {
			if t.ToOrgID != 0 {
				// The destination may have been merged meanwhile: the transit span followed it.
				spans, err := s.DB.MemberSpans(ctx, t.MemberID)
				if err != nil {
					return err
				}
				for _, sp := range spans {
					if sp.Contains(in.Date) && sp.State == tochuc.StateInTransit {
						dest = sp.OrgID
					}
				}
			}
			e := tochuc.MemberEvent{MemberID: t.MemberID, Kind: tochuc.EventTransferIn, Date: in.Date, OrgID: dest,
				Document: clean(in.Document), DocDate: in.DocDate, Signer: clean(in.Signer)}
			if err := s.appendEvent(ctx, tx, e); err != nil {
				return err
			}
		}
		if err := tx.ReceiveTransfer(ctx, id, in.Date, clean(in.Document), clean(in.Signer)); err != nil {
			return err
		}
		a := entry(ctx, AuditTransferReceive, "transfer", strconv.FormatInt(id, 10), dest)
		a.Changes = []tochuc.FieldChange{{Field: "member_id", New: strconv.FormatInt(t.MemberID, 10)},
			{Field: "status", Old: t.Status, New: tochuc.TransferReceived}, {Field: "date", New: string(in.Date)}}
		if in.Document != "" {
			a.Changes = append(a.Changes, tochuc.FieldChange{Field: "document", New: clean(in.Document)})
		}
		return tx.AppendAudit(ctx, a)
	})
	s.changed()
	return err
}

func statusWord(st string) string {
	switch st {
	case tochuc.TransferReceived:
		return "được tiếp nhận"
	case tochuc.TransferCancelled:
		return "bị hủy"
	}
	return st
}

// CancelTransfer withdraws a slip not yet received (the sending side): the member was never
// away (see the package comment on transfers).
func (s *Service) CancelTransfer(ctx context.Context, id int64, d tochuc.Date) error {
	if _, err := tochuc.ParseISODate(string(d)); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "ngày hủy không hợp lệ")
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, d)
	if err != nil {
		return err
	}
	t, err := s.transferIn(ctx, r, id, "out")
	if err != nil {
		return err
	}
	if t.Status != tochuc.TransferIssued {
		return tochuc.Errorf(tochuc.ECONFLICT, "giấy giới thiệu đã %s", statusWord(t.Status))
	}
	if d < t.SlipDate {
		return tochuc.Errorf(tochuc.EINVALID, "ngày hủy %s trước ngày giới thiệu %s", d.Display(), t.SlipDate.Display())
	}
	if err := s.ensureToday(ctx); err != nil {
		return err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.CancelTransfer(ctx, id, d); err != nil {
			return err
		}
		if t.OutEventID != 0 {
			if err := tx.DeleteMemberEvent(ctx, t.MemberID, t.OutEventID); err != nil {
				return err
			}
			if err := tx.RebuildSpans(ctx, t.MemberID, s.Today()); err != nil {
				return tochuc.Errorf(tochuc.ECONFLICT, "không hủy được giấy giới thiệu: %s", tochuc.ErrorMessage(err))
			}
		}
		a := entry(ctx, AuditTransferCancel, "transfer", strconv.FormatInt(id, 10), t.FromOrgID)
		a.Changes = []tochuc.FieldChange{{Field: "member_id", New: strconv.FormatInt(t.MemberID, 10)},
			{Field: "status", Old: t.Status, New: tochuc.TransferCancelled}, {Field: "date", New: string(d)}}
		return tx.AppendAudit(ctx, a)
	})
	s.changed()
	return err
}

// TransferFilter selects the transfers of an org's subtree for a page or the API.
type TransferFilter struct {
	OrgCode string      // "" = the actor's home org
	Date    tochuc.Date // the date the subtree is read on; "" = today
	Side    string      // out, in, "" both
	Status  string      // issued, received, cancelled, "" any
	Kind    string      // official, temporary, "" any
}

// Transfers lists the transfers sent from or to the subtree of an org.
func (s *Service) Transfers(ctx context.Context, f TransferFilter) (tochuc.Org, []tochuc.Transfer, error) {
	if f.Date == "" {
		f.Date = s.Today()
	}
	r, _, err := s.readReach(ctx, f.Date)
	if err != nil {
		return tochuc.Org{}, nil, err
	}
	org, err := s.listOrg(ctx, r, f.OrgCode)
	if err != nil {
		return org, nil, err
	}
	switch f.Side {
	case "", "in", "out":
	default:
		return org, nil, tochuc.Errorf(tochuc.EINVALID, "chiều chuyển %q không hợp lệ (in, out)", f.Side)
	}
	switch f.Status {
	case "", tochuc.TransferIssued, tochuc.TransferReceived, tochuc.TransferCancelled:
	default:
		return org, nil, tochuc.Errorf(tochuc.EINVALID, "trạng thái %q không hợp lệ (issued, received, cancelled)", f.Status)
	}
	list, err := s.DB.ListTransfers(ctx, store.TransferQuery{Path: org.Path, AsOf: f.Date, Side: f.Side, Status: f.Status, Kind: f.Kind})
	if err != nil {
		return org, nil, err
	}
	s.nameOrgs(ctx, list)
	return org, list, nil
}

// listOrg is the org a list starts from: the code asked for, in the reach, else home.
func (s *Service) listOrg(ctx context.Context, r reach, code string) (tochuc.Org, error) {
	return s.orgOrHome(ctx, r, strings.TrimSpace(code))
}

// nameOrgs fills the org names of transfers as of their slip date.
func (s *Service) nameOrgs(ctx context.Context, list []tochuc.Transfer) {
	for i := range list {
		t := &list[i]
		if o, err := s.DB.OrgByIDAsOf(ctx, t.FromOrgID, t.SlipDate); err == nil {
			t.FromOrgName = o.Name
		}
		if t.ToOrgID != 0 {
			if o, err := s.DB.OrgByIDAsOf(ctx, t.ToOrgID, t.SlipDate); err == nil {
				t.ToOrgName = o.Name
			}
		}
	}
}

// TransitRow is one member in transit on a date, with the slip's age and whether the member
// is overdue presenting it.
type TransitRow struct {
	tochuc.Transfer
	Days     int         `json:"days"`     // days since the slip
	Deadline tochuc.Date `json:"deadline"` // last day to present the slip
	Overdue  bool        `json:"overdue"`
	Rule     string      `json:"rule,omitempty"` // the deadline's legal basis
}

// TransfersInTransit is the report of members in transit on day d from or to the subtree of
// an org: both sides see them. A member is overdue when the slip was not presented by the
// deadline of rule transfer.slip_deadline (30 days, working days by default) counted on the
// working-day calendar.
func (s *Service) TransfersInTransit(ctx context.Context, orgCode string, d tochuc.Date) (tochuc.Org, []TransitRow, error) {
	if d == "" {
		d = s.Today()
	}
	r, _, err := s.readReach(ctx, d)
	if err != nil {
		return tochuc.Org{}, nil, err
	}
	org, err := s.listOrg(ctx, r, orgCode)
	if err != nil {
		return org, nil, err
	}
	list, err := s.DB.ListTransfers(ctx, store.TransferQuery{Path: org.Path, AsOf: d, InTransit: true, Limit: 100000})
	if err != nil {
		return org, nil, err
	}
	s.nameOrgs(ctx, list)
	cal := s.calendar(ctx)
	out := make([]TransitRow, len(list))
	for i, t := range list {
		row := TransitRow{Transfer: t, Days: daysSince(t.SlipDate, d)}
		row.Deadline = tochuc.Date(s.ruleSet(ctx).SlipDeadline(cal, string(t.SlipDate)))
		if rule, ok := s.ruleSet(ctx).At("transfer.slip_deadline", string(t.SlipDate)); ok {
			row.Rule = rule.Basis
		}
		row.Overdue = row.Deadline != "" && d > row.Deadline
		out[i] = row
	}
	return org, out, nil
}

func daysSince(a, b tochuc.Date) int {
	if b <= a {
		return 0
	}
	return int(b.Time().Sub(a.Time()).Hours()/24 + 0.5)
}

// TemporaryMembers lists the members hosted temporarily by the subtree of an org on day d
// (sinh hoạt tạm thời): listed, never counted in the host's total.
func (s *Service) TemporaryMembers(ctx context.Context, orgCode string, d tochuc.Date) (tochuc.Org, []tochuc.Transfer, error) {
	if d == "" {
		d = s.Today()
	}
	r, _, err := s.readReach(ctx, d)
	if err != nil {
		return tochuc.Org{}, nil, err
	}
	org, err := s.listOrg(ctx, r, orgCode)
	if err != nil {
		return org, nil, err
	}
	list, err := s.DB.ListTransfers(ctx, store.TransferQuery{Path: org.Path, AsOf: d, Side: "in", Temporary: true, Limit: 100000})
	if err != nil {
		return org, nil, err
	}
	s.nameOrgs(ctx, list)
	return org, list, nil
}

// MemberTransfers lists the transfers of one member the actor may read.
func (s *Service) MemberTransfers(ctx context.Context, memberID int64) ([]tochuc.Transfer, error) {
	r, _, err := s.readReach(ctx, s.Today())
	if err != nil {
		return nil, err
	}
	if _, err := s.memberIn(ctx, r, memberID); err != nil {
		return nil, err
	}
	list, err := s.DB.MemberTransfers(ctx, memberID)
	if err != nil {
		return nil, err
	}
	s.nameOrgs(ctx, list)
	return list, nil
}

// Slip is everything the printed transfer slip (giấy giới thiệu sinh hoạt đảng) shows.
type Slip struct {
	Transfer tochuc.Transfer `json:"transfer"`
	Member   tochuc.Member   `json:"member"`   // identity fields as recorded
	FromOrg  tochuc.Org      `json:"from_org"` // as of the slip date
	ToOrg    tochuc.Org      `json:"to_org"`   // zero when the destination is outside the tree
	// PartyAgeMonths is the party age on the slip date.
	PartyAgeMonths int `json:"party_age_months"`
}

// TransferSlip returns the content of a transfer slip for printing; either side may print it.
func (s *Service) TransferSlip(ctx context.Context, id int64) (Slip, error) {
	r, err := s.reachFor(ctx, tochuc.PermRead, s.Today())
	if err != nil {
		return Slip{}, err
	}
	t, err := s.transferIn(ctx, r, id, "")
	if err != nil {
		return Slip{}, err
	}
	m, err := s.DB.Member(ctx, t.MemberID)
	if err != nil {
		return Slip{}, err
	}
	list := []tochuc.Transfer{t}
	s.nameOrgs(ctx, list)
	sl := Slip{Transfer: list[0], Member: m}
	sl.FromOrg, _ = s.DB.OrgByIDAsOf(ctx, t.FromOrgID, t.SlipDate)
	if t.ToOrgID != 0 {
		sl.ToOrg, _ = s.DB.OrgByIDAsOf(ctx, t.ToOrgID, t.SlipDate)
	}
	if events, err := s.DB.MemberEvents(ctx, t.MemberID); err == nil {
		sl.PartyAgeMonths, _ = tochuc.PartyAge(events, t.SlipDate)
	}
	return sl, nil
}

// AuditTransitExport checks the export permission over an org and records the export of the
// in-transit report before any data leaves (fail closed).
func (s *Service) AuditTransitExport(ctx context.Context, orgCode string, d tochuc.Date, rows int) error {
	r, err := s.reachFor(ctx, tochuc.PermExport, d)
	if err != nil {
		return err
	}
	org, err := s.listOrg(ctx, r, orgCode)
	if err != nil {
		return err
	}
	e := entry(ctx, tochuc.AuditExport, "org", org.Code, org.ID)
	e.Detail = "in_transit " + string(d) + ", " + strconv.Itoa(rows) + " rows"
	return s.DB.AppendAudit(ctx, e)
}
