package service

import (
	"context"
	"fmt"
	"strconv"

	"tochuc"
	"tochuc/codes"
	"tochuc/rules"
	"tochuc/store"
	"tochuc/tabular"
	"tochuc/vn"
)

// displayPartial shows a partial date (1950, 1975-03, 1975-03-12) the Vietnamese way.
func displayPartial(s string) string {
	if d, err := vn.ParsePartialDate(s); err == nil {
		return d.Display()
	}
	return s
}

// Party cards (domain.md §1.4): issued only to official members, on the decision of the
// committee above the basic organization, from the lists 1-TĐV (by basic organization) and
// 1A-TĐV (the committee's consolidated list); checked every five years; a lost card is reported
// and a new one issued with a new number; on removal or expulsion the cell takes the card back,
// on death the family keeps it. The register's current card number (members.card_number, a
// search key) follows the card held.

// CardInput issues a card: its number (an opaque string), the issue date and the decision.
type CardInput struct {
	Number string      `json:"number"`
	Date   tochuc.Date `json:"date"`
	DecisionDoc
}

// CardView is a member's cards and card requests.
type CardView struct {
	MemberID   int64                `json:"member_id"`
	FullName   string               `json:"full_name"`
	Status     string               `json:"status"`
	Register   string               `json:"register_number"` // the register's current card number
	Current    *tochuc.Card         `json:"current,omitempty"`
	Cards      []tochuc.Card        `json:"cards"`
	Requests   []tochuc.CardRequest `json:"requests"`
	CheckDue   bool                 `json:"check_due"`   // the current card is due for its periodic check
	MustReturn bool                 `json:"must_return"` // exited, and a card is still held
	ExitKind   string               `json:"exit_kind,omitempty"`
}

func currentCard(cards []tochuc.Card) *tochuc.Card {
	for i := len(cards) - 1; i >= 0; i-- {
		if cards[i].Status == tochuc.CardIssued {
			return &cards[i]
		}
	}
	return nil
}

// CardHistory reads a member's cards and requests; a limited reader (a cell secretary) sees
// them without the numbers.
func (s *Service) CardHistory(ctx context.Context, memberID int64) (*CardView, error) {
	d := s.Today()
	r, limited, err := s.readReach(ctx, d)
	if err != nil {
		return nil, err
	}
	if _, err := s.memberIn(ctx, r, memberID); err != nil {
		return nil, err
	}
	m, _, _, err := s.memberRecord(ctx, s.DB, memberID, d)
	if err != nil {
		return nil, err
	}
	v := &CardView{MemberID: m.ID, FullName: m.FullName, Status: m.Status, Register: m.CardNumber}
	if v.Cards, err = s.DB.MemberCards(ctx, memberID); err != nil {
		return nil, err
	}
	if v.Requests, err = s.DB.MemberCardRequests(ctx, memberID); err != nil {
		return nil, err
	}
	if v.Cards == nil {
		v.Cards = []tochuc.Card{}
	}
	if v.Requests == nil {
		v.Requests = []tochuc.CardRequest{}
	}
	v.Current = currentCard(v.Cards)
	if v.Current != nil {
		v.CheckDue = rules.CardCheckDue(s.ruleSet(ctx), string(v.Current.LastCheck), string(d))
		if tochuc.IsExit(m.Status) {
			v.MustReturn, v.ExitKind = true, m.Status
		}
	}
	if limited && r.self != memberID {
		v.Register = ""
		for i := range v.Cards {
			v.Cards[i].Number = ""
		}
	}
	return v, nil
}

// cardWrite runs a card change for a member the actor may write, in one transaction with its
// audit entry.
func (s *Service) cardWrite(ctx context.Context, memberID int64, action string, fn func(tx *store.Tx, a *tochuc.AuditEntry) error) error {
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return err
	}
	org, err := s.memberIn(ctx, r, memberID)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		a := entry(ctx, action, "member", strconv.FormatInt(memberID, 10), org)
		if err := fn(tx, a); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, a)
	})
}

// RequestCard proposes an official member for a card (with the two 2×3 cm photos or not).
func (s *Service) RequestCard(ctx context.Context, memberID int64, d tochuc.Date, photos bool, note string) (tochuc.CardRequest, error) {
	if _, err := tochuc.ParseISODate(string(d)); err != nil {
		return tochuc.CardRequest{}, tochuc.Errorf(tochuc.EINVALID, "ngày đề nghị không hợp lệ (dạng yyyy-mm-dd)")
	}
	req := tochuc.CardRequest{MemberID: memberID, RequestedDate: d, Status: tochuc.CardRequested, Photos: photos, Note: clean(note)}
	err := s.cardWrite(ctx, memberID, tochuc.AuditCardRequest, func(tx *store.Tx, a *tochuc.AuditEntry) error {
		m, _, _, err := s.memberRecord(ctx, tx, memberID, d)
		if err != nil {
			return err
		}
		if err := rules.CheckCard(s.ruleSet(ctx), string(d), m.Status == tochuc.StatusOfficial); err != nil {
			return err
		}
		old, err := tx.MemberCardRequests(ctx, memberID)
		if err != nil {
			return err
		}
		for _, o := range old {
			if o.Status == tochuc.CardRequested {
				return tochuc.Errorf(tochuc.ECONFLICT, "đã có đề nghị phát thẻ ngày %s đang chờ", o.RequestedDate.Display())
			}
		}
		req.OrgID = m.OrgID
		if err := tx.InsertCardRequest(ctx, &req); err != nil {
			return err
		}
		a.Changes = []tochuc.FieldChange{{Field: "requested_date", New: string(d)}, {Field: "photos", New: strconv.FormatBool(photos)}}
		return nil
	})
	return req, err
}

// issue checks and writes a new card for an official member; it returns the card.
func (s *Service) issue(ctx context.Context, tx *store.Tx, memberID int64, in CardInput) (tochuc.Card, error) {
	m, _, _, err := s.memberRecord(ctx, tx, memberID, in.Date)
	if err != nil {
		return tochuc.Card{}, err
	}
	if err := rules.CheckCard(s.ruleSet(ctx), string(in.Date), m.Status == tochuc.StatusOfficial); err != nil {
		return tochuc.Card{}, err
	}
	holder, err := tx.CardNumberHolder(ctx, in.Number)
	if err != nil {
		return tochuc.Card{}, err
	}
	if holder != 0 && holder != memberID {
		return tochuc.Card{}, tochuc.Errorf(tochuc.ECONFLICT, "số thẻ %s đã cấp cho một đảng viên khác", in.Number)
	}
	cards, err := tx.MemberCards(ctx, memberID)
	if err != nil {
		return tochuc.Card{}, err
	}
	for _, c := range cards {
		if c.Number == in.Number {
			return tochuc.Card{}, tochuc.Errorf(tochuc.ECONFLICT, "số thẻ %s đã cấp cho đảng viên này ngày %s; thẻ cấp lại phải có số mới", in.Number, c.IssueDate.Display())
		}
	}
	c := tochuc.Card{MemberID: memberID, Number: in.Number, IssueDate: in.Date, Document: in.Document, DocDate: in.DocDate,
		Signer: in.Signer, Status: tochuc.CardIssued, StatusDate: in.Date, LastCheck: in.Date, Note: in.Note}
	if err := tx.InsertCard(ctx, &c); err != nil {
		return c, err
	}
	if err := tx.CloseCardRequests(ctx, memberID, c.ID); err != nil {
		return c, err
	}
	return c, tx.SetCardNumber(ctx, memberID, in.Number)
}

func (in *CardInput) check() error {
	in.Number = clean(in.Number)
	in.normalize()
	if in.Number == "" {
		return tochuc.Errorf(tochuc.EINVALID, "thiếu số thẻ đảng viên")
	}
	if len(in.Number) > 40 {
		return tochuc.Errorf(tochuc.EINVALID, "số thẻ đảng viên quá dài")
	}
	if _, err := tochuc.ParseISODate(string(in.Date)); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "ngày phát thẻ không hợp lệ (dạng yyyy-mm-dd)")
	}
	if in.DocDate == "" {
		in.DocDate = in.Date
	} else if _, err := tochuc.ParseISODate(string(in.DocDate)); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "ngày quyết định không hợp lệ (dạng yyyy-mm-dd)")
	}
	return nil
}

// IssueCard issues a member's first card (or a card after the last one was returned); the
// member must be official on the issue date. A member holding a card gets a new one by
// ReissueCard.
func (s *Service) IssueCard(ctx context.Context, memberID int64, in CardInput) (tochuc.Card, error) {
	if err := in.check(); err != nil {
		return tochuc.Card{}, err
	}
	var c tochuc.Card
	err := s.cardWrite(ctx, memberID, tochuc.AuditCardIssue, func(tx *store.Tx, a *tochuc.AuditEntry) error {
		cards, err := tx.MemberCards(ctx, memberID)
		if err != nil {
			return err
		}
		if cur := currentCard(cards); cur != nil {
			return tochuc.Errorf(tochuc.ECONFLICT, "đảng viên đang giữ thẻ số %s; báo mất hoặc đổi thẻ rồi cấp lại", cur.Number)
		}
		if c, err = s.issue(ctx, tx, memberID, in); err != nil {
			return err
		}
		a.Changes = cardChanges(c)
		return nil
	})
	return c, err
}

func cardChanges(c tochuc.Card) []tochuc.FieldChange {
	out := []tochuc.FieldChange{{Field: "card_number", New: c.Number}, {Field: "issue_date", New: string(c.IssueDate)}}
	if c.Document != "" {
		out = append(out, tochuc.FieldChange{Field: "document", New: c.Document})
	}
	return out
}

// ReportCardLost records that the member's card was lost (or damaged, to be exchanged).
func (s *Service) ReportCardLost(ctx context.Context, memberID int64, d tochuc.Date, damaged bool, note string) error {
	if _, err := tochuc.ParseISODate(string(d)); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "ngày báo mất thẻ không hợp lệ (dạng yyyy-mm-dd)")
	}
	status := tochuc.CardLost
	if damaged {
		status = tochuc.CardDamaged
	}
	return s.cardWrite(ctx, memberID, tochuc.AuditCardStatus, func(tx *store.Tx, a *tochuc.AuditEntry) error {
		cards, err := tx.MemberCards(ctx, memberID)
		if err != nil {
			return err
		}
		cur := currentCard(cards)
		if cur == nil {
			return tochuc.Errorf(tochuc.EINVALID, "đảng viên không đang giữ thẻ nào")
		}
		if d < cur.IssueDate {
			return tochuc.Errorf(tochuc.EINVALID, "ngày báo mất thẻ trước ngày phát thẻ %s", cur.IssueDate.Display())
		}
		if err := tx.SetCardStatus(ctx, cur.ID, status, d, 0, clean(note)); err != nil {
			return err
		}
		a.Changes = []tochuc.FieldChange{{Field: "card_number", New: cur.Number}, {Field: "status", Old: tochuc.CardIssued, New: status},
			{Field: "date", New: string(d)}}
		return nil
	})
}

// ReissueCard issues a new card with a new number in place of the last one: a lost card stays
// lost, a damaged or still-held one becomes replaced; both point to the new card. The register's
// card number becomes the new one.
func (s *Service) ReissueCard(ctx context.Context, memberID int64, in CardInput) (tochuc.Card, error) {
	if err := in.check(); err != nil {
		return tochuc.Card{}, err
	}
	var c tochuc.Card
	err := s.cardWrite(ctx, memberID, tochuc.AuditCardIssue, func(tx *store.Tx, a *tochuc.AuditEntry) error {
		cards, err := tx.MemberCards(ctx, memberID)
		if err != nil {
			return err
		}
		var old *tochuc.Card
		for i := len(cards) - 1; i >= 0; i-- {
			if cards[i].ReplacedBy == 0 && (cards[i].Status == tochuc.CardIssued || cards[i].Status == tochuc.CardLost ||
				cards[i].Status == tochuc.CardDamaged) {
				old = &cards[i]
				break
			}
		}
		if old == nil {
			return tochuc.Errorf(tochuc.EINVALID, "đảng viên chưa có thẻ để cấp lại; hãy phát thẻ lần đầu")
		}
		if in.Date < old.IssueDate {
			return tochuc.Errorf(tochuc.EINVALID, "ngày cấp lại trước ngày phát thẻ cũ %s", old.IssueDate.Display())
		}
		if c, err = s.issue(ctx, tx, memberID, in); err != nil {
			return err
		}
		status, sd := old.Status, old.StatusDate
		if status != tochuc.CardLost {
			status, sd = tochuc.CardReplaced, in.Date
		}
		if err := tx.SetCardStatus(ctx, old.ID, status, sd, c.ID, ""); err != nil {
			return err
		}
		a.Changes = append(cardChanges(c), tochuc.FieldChange{Field: "replaces", Old: old.Number, New: c.Number})
		return nil
	})
	return c, err
}

// ReturnCard settles the card of a member who left the Party: taken back by the cell after a
// removal, withdrawal or expulsion (returned), kept by the family after a death (kept).
func (s *Service) ReturnCard(ctx context.Context, memberID int64, d tochuc.Date, note string) error {
	if _, err := tochuc.ParseISODate(string(d)); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "ngày thu hồi thẻ không hợp lệ (dạng yyyy-mm-dd)")
	}
	return s.cardWrite(ctx, memberID, tochuc.AuditCardStatus, func(tx *store.Tx, a *tochuc.AuditEntry) error {
		m, _, _, err := s.memberRecord(ctx, tx, memberID, d)
		if err != nil {
			return err
		}
		if !tochuc.IsExit(m.Status) {
			return tochuc.Errorf(tochuc.EINVALID, "ngày %s đảng viên chưa ra khỏi Đảng; chỉ thu hồi thẻ khi xóa tên, xin ra, khai trừ hoặc từ trần", d.Display())
		}
		status, err := s.settleCard(ctx, tx, memberID, m.Status, d, clean(note))
		if err != nil {
			return err
		}
		if status == "" {
			return tochuc.Errorf(tochuc.EINVALID, "đảng viên không đang giữ thẻ nào")
		}
		a.Changes = []tochuc.FieldChange{{Field: "status", Old: tochuc.CardIssued, New: status}, {Field: "date", New: string(d)}}
		return nil
	})
}

// SettleCardOnExit marks the card held by a member who exits on d: kept by the family on death,
// taken back otherwise. It returns the status set ("" when no card was held). Exit writes call
// it inside their transaction.
func (s *Service) SettleCardOnExit(ctx context.Context, tx *store.Tx, memberID int64, exitKind string, d tochuc.Date) (string, error) {
	return s.settleCard(ctx, tx, memberID, exitKind, d, "")
}

func (s *Service) settleCard(ctx context.Context, tx *store.Tx, memberID int64, exitKind string, d tochuc.Date, note string) (string, error) {
	cards, err := tx.MemberCards(ctx, memberID)
	if err != nil {
		return "", err
	}
	cur := currentCard(cards)
	if cur == nil {
		return "", nil
	}
	status := tochuc.CardReturned
	if exitKind == tochuc.EventDeceased || exitKind == tochuc.StatusDeceased {
		status = tochuc.CardKept
	}
	return status, tx.SetCardStatus(ctx, cur.ID, status, d, 0, note)
}

// RecordCardCheck records the periodic technical check of the member's card.
func (s *Service) RecordCardCheck(ctx context.Context, memberID int64, d tochuc.Date) error {
	if _, err := tochuc.ParseISODate(string(d)); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "ngày kiểm tra thẻ không hợp lệ (dạng yyyy-mm-dd)")
	}
	return s.cardWrite(ctx, memberID, tochuc.AuditCardCheck, func(tx *store.Tx, a *tochuc.AuditEntry) error {
		cur := currentCard(must(tx.MemberCards(ctx, memberID)))
		if cur == nil {
			return tochuc.Errorf(tochuc.EINVALID, "đảng viên không đang giữ thẻ nào")
		}
		if d < cur.LastCheck {
			return tochuc.Errorf(tochuc.EINVALID, "ngày kiểm tra trước lần kiểm tra gần nhất %s", cur.LastCheck.Display())
		}
		a.Changes = []tochuc.FieldChange{{Field: "last_check", Old: string(cur.LastCheck), New: string(d)}}
		return tx.SetCardChecked(ctx, cur.ID, d)
	})
}

func must[T any](v T, _ error) T { return v }

// CardCheck is a card due for its periodic technical check.
type CardCheck struct {
	MemberID  int64       `json:"member_id"`
	FullName  string      `json:"full_name"`
	OrgCode   string      `json:"org_code"`
	Number    string      `json:"number,omitempty"`
	LastCheck tochuc.Date `json:"last_check"`
	DueFrom   tochuc.Date `json:"due_from"`
}

// CardChecksDue lists the cards held by members of an org's subtree on day d that are due for
// their periodic check (every five years: rules.CardCheckDue).
func (s *Service) CardChecksDue(ctx context.Context, orgCode string, d tochuc.Date) ([]CardCheck, error) {
	if d == "" {
		d = s.Today()
	}
	r, limited, err := s.readReach(ctx, d)
	if err != nil {
		return nil, err
	}
	o, path, err := s.subtree(ctx, r, orgCode)
	if err != nil {
		return nil, err
	}
	_ = o
	rl, ok := s.ruleSet(ctx).At("card.check", string(d))
	if !ok {
		return []CardCheck{}, nil
	}
	months := rl.Param("months")
	cutoff := tochuc.Date(rules.AddMonths(string(d), -months)).AddDays(3) // a superset, checked exactly below
	rows, err := s.DB.CardsCheckedBefore(ctx, path, d, cutoff, 10_000)
	if err != nil {
		return nil, err
	}
	out := []CardCheck{}
	for _, c := range rows {
		if !rules.CardCheckDue(s.ruleSet(ctx), string(c.LastCheck), string(d)) {
			continue
		}
		cc := CardCheck{MemberID: c.MemberID, FullName: c.FullName, OrgCode: c.OrgCode, Number: c.Number, LastCheck: c.LastCheck,
			DueFrom: tochuc.Date(rules.AddMonths(string(c.LastCheck), months))}
		if limited {
			cc.Number = ""
		}
		out = append(out, cc)
	}
	return out, nil
}

// subtree is the org a list starts from (orgCode, else the actor's home) and its path
// condition ("" for the whole tree).
func (s *Service) subtree(ctx context.Context, r reach, orgCode string) (tochuc.Org, string, error) {
	if r.self != 0 && !r.all && len(r.orgs) == 0 {
		return tochuc.Org{}, "", tochuc.Errorf(tochuc.EFORBIDDEN, "Tài khoản của bạn không có quyền làm việc này.")
	}
	o, err := s.orgOrHome(ctx, r, orgCode)
	if err != nil {
		return o, "", err
	}
	if o.ParentID == 0 {
		return o, "", nil
	}
	return o, o.Path, nil
}

// CardListRow is one member on the card lists 1-TĐV and 1A-TĐV.
type CardListRow struct {
	No            int         `json:"no"`
	MemberID      int64       `json:"member_id"`
	FullName      string      `json:"full_name"`
	Sex           string      `json:"sex"`
	BirthDate     string      `json:"birth_date"`
	HomeTown      string      `json:"home_town,omitempty"`
	AdmissionDate tochuc.Date `json:"admission_date"`
	OfficialDate  tochuc.Date `json:"official_date"`
	HistoryNumber string      `json:"history_number,omitempty"`
	CellCode      string      `json:"cell_code"`
	CellName      string      `json:"cell_name"`
	RequestedDate tochuc.Date `json:"requested_date"`
	Photos        bool        `json:"photos"`
	Status        string      `json:"status"` // requested, issued
	CardNumber    string      `json:"card_number,omitempty"`
}

// CardListGroup is the 1-TĐV list of one basic organization.
type CardListGroup struct {
	BasicCode string        `json:"basic_code"`
	BasicName string        `json:"basic_name"`
	Rows      []CardListRow `json:"rows"`
}

// CardLists are the card request lists of a subtree for a period: one 1-TĐV per basic
// organization; together, in that order, the committee's 1A-TĐV.
type CardLists struct {
	OrgCode string          `json:"org_code"`
	OrgName string          `json:"org_name"`
	From    tochuc.Date     `json:"from"`
	To      tochuc.Date     `json:"to"`
	Groups  []CardListGroup `json:"groups"`
	Total   int             `json:"total"`
}

// CardLists builds the lists 1-TĐV and 1A-TĐV from the card requests made between from and to
// by members of the subtree of orgCode.
func (s *Service) CardLists(ctx context.Context, orgCode string, from, to tochuc.Date) (*CardLists, error) {
	if to == "" {
		to = s.Today()
	}
	if from == "" {
		from = tochuc.Date(rules.AddMonths(string(to), -12))
	}
	for _, d := range []tochuc.Date{from, to} {
		if _, err := tochuc.ParseISODate(string(d)); err != nil {
			return nil, tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ (dạng yyyy-mm-dd)", d)
		}
	}
	if from > to {
		return nil, tochuc.Errorf(tochuc.EINVALID, "từ ngày %s sau đến ngày %s", from.Display(), to.Display())
	}
	r, limited, err := s.readReach(ctx, to)
	if err != nil {
		return nil, err
	}
	o, path, err := s.subtree(ctx, r, orgCode)
	if err != nil {
		return nil, err
	}
	reqs, err := s.DB.CardRequestsIn(ctx, path, from, to, "")
	if err != nil {
		return nil, err
	}
	out := &CardLists{OrgCode: o.Code, OrgName: o.Name, From: from, To: to, Groups: []CardListGroup{}}
	orgs := map[int64]tochuc.Org{}
	orgAt := func(id int64) (tochuc.Org, bool) {
		if x, ok := orgs[id]; ok {
			return x, x.ID != 0
		}
		x, err := s.DB.OrgByIDAsOf(ctx, id, to)
		if err != nil {
			x = tochuc.Org{}
		}
		orgs[id] = x
		return x, x.ID != 0
	}
	// basic is the basic organization (đảng bộ cơ sở, chi bộ cơ sở) an org lies in.
	basic := func(id int64) tochuc.Org {
		first, ok := orgAt(id)
		for x := first; ok; x, ok = orgAt(x.ParentID) {
			if x.Kind == tochuc.KindBasicCommittee || x.Kind == tochuc.KindBasicCell {
				return x
			}
			if x.ParentID == 0 {
				break
			}
		}
		return first
	}
	idx := map[string]int{}
	for _, q := range reqs {
		m, err := s.DB.Member(ctx, q.MemberID)
		if err != nil {
			return nil, err
		}
		cell, _ := orgAt(q.OrgID)
		b := basic(q.OrgID)
		gi, ok := idx[b.Code]
		if !ok {
			gi = len(out.Groups)
			idx[b.Code] = gi
			out.Groups = append(out.Groups, CardListGroup{BasicCode: b.Code, BasicName: b.Name})
		}
		row := CardListRow{MemberID: m.ID, FullName: m.FullName, Sex: m.Sex, BirthDate: m.BirthDate, HomeTown: m.HomeTown,
			AdmissionDate: m.AdmissionDate, OfficialDate: m.OfficialDate, HistoryNumber: m.HistoryNumber,
			CellCode: cell.Code, CellName: cell.Name, RequestedDate: q.RequestedDate, Photos: q.Photos, Status: q.Status}
		if q.Status == tochuc.CardRequestIssued {
			row.CardNumber = m.CardNumber
		}
		if limited {
			row.HistoryNumber, row.CardNumber = "", ""
		}
		out.Groups[gi].Rows = append(out.Groups[gi].Rows, row)
	}
	n := 0
	for gi := range out.Groups {
		for ri := range out.Groups[gi].Rows {
			n++
			out.Groups[gi].Rows[ri].No = ri + 1
		}
	}
	out.Total = n
	return out, nil
}

// CardListHeader is the header of the exported card lists.
var CardListHeader = []string{"STT", "Họ và tên", "Giới tính", "Ngày sinh", "Quê quán", "Ngày vào Đảng", "Ngày chính thức",
	"Số lý lịch", "Chi bộ", "Đảng bộ cơ sở", "Ngày đề nghị", "Ảnh 2×3", "Tình trạng", "Số thẻ"}

// ExportCardList writes a card list as a table: form "1A" (the committee's consolidated list,
// numbered across basic organizations) or "1" (numbered within each basic organization). The
// export is audited before any row leaves.
func (s *Service) ExportCardList(ctx context.Context, w tabular.Writer, orgCode string, from, to tochuc.Date, form string) (int, error) {
	l, err := s.CardLists(ctx, orgCode, from, to)
	if err != nil {
		return 0, err
	}
	r, err := s.reachFor(ctx, tochuc.PermExport, l.To)
	if err != nil {
		return 0, err
	}
	root, err := s.orgIn(ctx, r, l.OrgCode)
	if err != nil {
		return 0, err
	}
	e := entry(ctx, tochuc.AuditExport, "cards", root.Code, root.ID)
	e.Detail = fmt.Sprintf("xuất danh sách đề nghị phát thẻ %s-TĐV của %s từ %s đến %s", form, root.Code, l.From, l.To)
	if err := s.DB.AppendAudit(ctx, e); err != nil {
		return 0, fmt.Errorf("service: audit export: %w", err)
	}
	if err := w.WriteHeader(CardListHeader); err != nil {
		return 0, err
	}
	n := 0
	for _, g := range l.Groups {
		for _, row := range g.Rows {
			n++
			no := row.No
			if form == "1A" {
				no = n
			}
			photos := "Chưa có"
			if row.Photos {
				photos = "Có"
			}
			status := "Chờ phát thẻ"
			if row.Status == tochuc.CardRequestIssued {
				status = "Đã phát thẻ"
			}
			sex := label(codes.Sex, row.Sex)
			if err := w.WriteRow([]string{strconv.Itoa(no), row.FullName, sex, displayPartial(row.BirthDate), row.HomeTown,
				row.AdmissionDate.Display(), row.OfficialDate.Display(), row.HistoryNumber, row.CellName, g.BasicName,
				row.RequestedDate.Display(), photos, status, row.CardNumber}); err != nil {
				return n, err
			}
		}
	}
	return n, w.Close()
}
