package service

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/statforms"
	"tochuc/store"
	"tochuc/vn"
)

// Official statistical forms (…-TCTW) and their submission rounds. A form is computed for an
// org's subtree as of a date from the statistics snapshot; a round is opened by a level for a
// form and a date, each unit directly under it submits its figures (computed, valid by the
// form's error rules, frozen), and the level above approves or returns them.

// Submission statuses.
const (
	StatDraft     = "draft"
	StatSubmitted = "submitted"
	StatApproved  = "approved"
	StatReturned  = "returned"
	StatMissing   = "missing" // no submission yet (never stored)
)

// StatFormView is a form filled for an org.
type StatFormView struct {
	Layout  *statforms.Layout `json:"-"`
	Form    string            `json:"form"`
	Title   string            `json:"title"`
	OrgName string            `json:"org_name"`
	*statforms.Result
	Stale bool `json:"stale"`
}

// formLayout finds a form and checks the date it is made for.
func formLayout(code string, asOf tochuc.Date) (*statforms.Layout, error) {
	l, ok := statforms.Get(code)
	if !ok {
		return nil, tochuc.Errorf(tochuc.EINVALID, "biểu %q không có; các biểu: %s", code, strings.Join(statforms.Codes(), ", "))
	}
	if !l.MadeFor(string(asOf)) {
		var ds []string
		for _, d := range l.Dates {
			ds = append(ds, d[3:]+"/"+d[:2])
		}
		return nil, tochuc.Errorf(tochuc.EINVALID, "biểu %s lập tại ngày %s hằng năm, không lập tại ngày %s", code, strings.Join(ds, " và "), asOf.Display())
	}
	return l, nil
}

// StatForm computes a form for an org (the actor's home org when code is empty) as of a date;
// counts permission over the org. Counts name nobody and are not audited.
func (s *Service) StatForm(ctx context.Context, form, code string, asOf tochuc.Date) (*StatFormView, error) {
	if asOf == "" {
		return nil, tochuc.Errorf(tochuc.EINVALID, "thiếu ngày lập biểu")
	}
	if _, err := tochuc.ParseISODate(string(asOf)); err != nil {
		return nil, tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ (YYYY-MM-DD)", asOf)
	}
	l, err := formLayout(form, asOf)
	if err != nil {
		return nil, err
	}
	r, err := s.reachFor(ctx, tochuc.PermCounts, asOf)
	if err != nil {
		return nil, err
	}
	o, err := s.orgOrHome(ctx, r, code)
	if err != nil {
		return nil, err
	}
	return s.computeForm(ctx, l, o, asOf)
}

func (s *Service) computeForm(ctx context.Context, l *statforms.Layout, o tochuc.Org, asOf tochuc.Date) (*StatFormView, error) {
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	res, err := statforms.ComputeOrg(snap, l, o.ID, asOf)
	if err != nil {
		return nil, err
	}
	s.stats.mu.Lock()
	stale := s.stats.gen != s.generation()
	s.stats.mu.Unlock()
	return &StatFormView{Layout: l, Form: l.Code, Title: l.Title, OrgName: o.Name, Result: res, Stale: stale}, nil
}

// StatFormXLSX writes a form of an org as of a date as XLSX in the official layout.
func (s *Service) StatFormXLSX(ctx context.Context, w io.Writer, form, code string, asOf tochuc.Date) (*StatFormView, error) {
	v, err := s.StatForm(ctx, form, code, asOf)
	if err != nil {
		return nil, err
	}
	return v, statforms.WriteXLSX(w, v.Layout, v.Result, v.OrgName)
}

// RoundInput opens a round.
type RoundInput struct {
	Form     string      `json:"form"`
	AsOf     tochuc.Date `json:"as_of"`
	OrgCode  string      `json:"org_code"`
	Deadline tochuc.Date `json:"deadline"`
	Note     string      `json:"note"`
}

func actorName(ctx context.Context) string {
	if a := tochuc.ActorFrom(ctx); a != nil && a.Username != "" {
		return a.Username
	}
	return "system"
}

// OpenStatRound opens a submission round of a form as of a date for the units directly under an
// org (write permission over the org on that date); audited.
func (s *Service) OpenStatRound(ctx context.Context, in RoundInput) (int64, error) {
	if _, err := tochuc.ParseISODate(string(in.AsOf)); err != nil {
		return 0, tochuc.Errorf(tochuc.EINVALID, "ngày lập biểu %q không hợp lệ (YYYY-MM-DD)", in.AsOf)
	}
	if in.Deadline != "" {
		if _, err := tochuc.ParseISODate(string(in.Deadline)); err != nil {
			return 0, tochuc.Errorf(tochuc.EINVALID, "hạn nộp %q không hợp lệ (YYYY-MM-DD)", in.Deadline)
		}
	}
	l, err := formLayout(in.Form, in.AsOf)
	if err != nil {
		return 0, err
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, in.AsOf)
	if err != nil {
		return 0, err
	}
	o, err := s.orgOrHome(ctx, r, in.OrgCode)
	if err != nil {
		return 0, err
	}
	units, err := s.DB.ChildrenAsOf(ctx, o.ID, in.AsOf)
	if err != nil {
		return 0, err
	}
	if len(units) == 0 {
		return 0, tochuc.Errorf(tochuc.EINVALID, "%s không có đơn vị trực thuộc ngày %s để nộp biểu", o.Name, in.AsOf.Display())
	}
	note := strings.TrimSpace(vn.NFC(in.Note))
	if len([]rune(note)) > 500 {
		return 0, tochuc.Errorf(tochuc.EINVALID, "ghi chú quá dài (tối đa 500 ký tự)")
	}
	rd := store.StatRound{Form: l.Code, AsOf: in.AsOf, OrgID: o.ID, Deadline: in.Deadline, Note: note, OpenedBy: actorName(ctx)}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertStatRound(ctx, &rd); err != nil {
			return err
		}
		e := entry(ctx, "statround.open", "stat_round", strconv.FormatInt(rd.ID, 10), o.ID)
		e.Detail = fmt.Sprintf("mở đợt báo cáo biểu %s ngày %s của %s (%d đơn vị)", l.Code, in.AsOf.Display(), o.Code, len(units))
		return tx.AppendAudit(ctx, e)
	})
	return rd.ID, err
}

// roundAndReach reads a round and the actor's reach for perm on its date.
func (s *Service) roundAndReach(ctx context.Context, id int64, perm string) (store.StatRound, tochuc.Org, reach, error) {
	rd, err := s.DB.StatRound(ctx, id)
	if err != nil {
		return rd, tochuc.Org{}, reach{}, err
	}
	r, err := s.reachFor(ctx, perm, rd.AsOf)
	if err != nil {
		return rd, tochuc.Org{}, r, err
	}
	o, err := s.DB.OrgByIDAsOf(ctx, rd.OrgID, rd.AsOf)
	if err != nil {
		return rd, o, r, err
	}
	return rd, o, r, nil
}

// roundUnit resolves a unit of a round: a direct child of the round's org on its date, in the
// reach.
func (s *Service) roundUnit(ctx context.Context, r reach, level tochuc.Org, code string) (tochuc.Org, error) {
	u, err := s.orgIn(ctx, r, code)
	if err != nil {
		return u, err
	}
	if u.ParentID != level.ID {
		return u, tochuc.Errorf(tochuc.EINVALID, "%s không trực thuộc %s nên không nộp biểu trong đợt này", u.Name, level.Name)
	}
	return u, nil
}

// SubmitStatForm submits a unit's form in a round: computed from the register now, refused
// while an error rule fails (each named with its row and column), frozen with the warnings.
// Write permission over the unit; audited.
func (s *Service) SubmitStatForm(ctx context.Context, roundID int64, unitCode, note string) (*StatFormView, error) {
	rd, level, r, err := s.roundAndReach(ctx, roundID, tochuc.PermWrite)
	if err != nil {
		return nil, err
	}
	if !r.covers(level.Path) && !r.coversBelow(level.Path) {
		return nil, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy đợt báo cáo số %d", roundID)
	}
	u, err := s.roundUnit(ctx, r, level, unitCode)
	if err != nil {
		return nil, err
	}
	l, err := formLayout(rd.Form, rd.AsOf)
	if err != nil {
		return nil, err
	}
	v, err := s.computeForm(ctx, l, u, rd.AsOf)
	if err != nil {
		return nil, err
	}
	if errs := v.Errors(); len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, is := range errs {
			msgs[i] = is.Message
		}
		return v, tochuc.Errorf(tochuc.EINVALID, "biểu %s của %s chưa nộp được vì sai %d quy tắc kiểm tra: %s", l.Code, u.Code, len(errs), strings.Join(msgs, "; "))
	}
	figs, _ := json.Marshal(v.Values)
	issues, _ := json.Marshal(v.Issues)
	note = strings.TrimSpace(vn.NFC(note))
	if len([]rune(note)) > 500 {
		return nil, tochuc.Errorf(tochuc.EINVALID, "ghi chú quá dài (tối đa 500 ký tự)")
	}
	sub := store.StatSubmission{RoundID: rd.ID, OrgID: u.ID, Status: StatSubmitted, Figures: string(figs), Issues: string(issues),
		SubmittedBy: actorName(ctx), SubmittedAt: string(s.Today()), Note: note}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		old, err := tx.StatSubmission(ctx, rd.ID, u.ID)
		if err == nil && old.Status == StatApproved {
			return tochuc.Errorf(tochuc.ECONFLICT, "biểu của %s đã được duyệt; không nộp lại được", u.Code)
		} else if err != nil && tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			return err
		}
		if err := tx.SaveStatSubmission(ctx, &sub); err != nil {
			return err
		}
		e := entry(ctx, "statform.submit", "stat_submission", strconv.FormatInt(sub.ID, 10), u.ID)
		e.Detail = fmt.Sprintf("nộp biểu %s ngày %s của %s (%d cảnh báo)", l.Code, rd.AsOf.Display(), u.Code, len(v.Issues))
		return tx.AppendAudit(ctx, e)
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// coversBelow reports whether the reach holds an org below path (an actor of a unit under a
// level sees the level's rounds).
func (r reach) coversBelow(path string) bool {
	for _, o := range r.orgs {
		if strings.HasPrefix(o.Path, path) {
			return true
		}
	}
	return false
}

// DecideStatForm approves or returns a unit's submitted form: write permission over the level
// that opened the round (the level above the unit); audited.
func (s *Service) DecideStatForm(ctx context.Context, roundID int64, unitCode string, approve bool, note string) error {
	rd, level, r, err := s.roundAndReach(ctx, roundID, tochuc.PermWrite)
	if err != nil {
		return err
	}
	if !r.covers(level.Path) {
		if r.coversBelow(level.Path) {
			s.deny(ctx, "statform.decide", "stat_round", strconv.FormatInt(roundID, 10))
			return tochuc.Errorf(tochuc.EFORBIDDEN, "Chỉ cấp ủy mở đợt báo cáo (%s) mới được duyệt hoặc trả lại biểu.", level.Name)
		}
		return tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy đợt báo cáo số %d", roundID)
	}
	u, err := s.roundUnit(ctx, r, level, unitCode)
	if err != nil {
		return err
	}
	note = strings.TrimSpace(vn.NFC(note))
	if !approve && note == "" {
		return tochuc.Errorf(tochuc.EINVALID, "trả lại biểu cần ghi rõ lý do")
	}
	status, verb := StatApproved, "duyệt"
	if !approve {
		status, verb = StatReturned, "trả lại"
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		sub, err := tx.StatSubmission(ctx, rd.ID, u.ID)
		if err != nil {
			return err
		}
		if sub.Status != StatSubmitted {
			return tochuc.Errorf(tochuc.ECONFLICT, "biểu của %s đang ở trạng thái %s, không %s được", u.Code, StatusLabel(sub.Status), verb)
		}
		if err := tx.DecideStatSubmission(ctx, sub.ID, status, actorName(ctx), note); err != nil {
			return err
		}
		e := entry(ctx, "statform."+map[bool]string{true: "approve", false: "return"}[approve], "stat_submission", strconv.FormatInt(sub.ID, 10), u.ID)
		e.Detail = fmt.Sprintf("%s biểu %s ngày %s của %s", verb, rd.Form, rd.AsOf.Display(), u.Code)
		return tx.AppendAudit(ctx, e)
	})
}

// StatusLabel is the Vietnamese label of a submission status.
func StatusLabel(st string) string {
	switch st {
	case StatDraft:
		return "Nháp"
	case StatSubmitted:
		return "Đã nộp"
	case StatApproved:
		return "Đã duyệt"
	case StatReturned:
		return "Bị trả lại"
	}
	return "Chưa nộp"
}

// RoundStatus is the completeness of a round for the level above.
type RoundStatus struct {
	store.StatRound
	OrgName   string       `json:"org_name"`
	Title     string       `json:"title"`
	Units     []UnitStatus `json:"units"`
	Submitted int          `json:"submitted"` // submitted or approved
	Approved  int          `json:"approved"`
	Total     int          `json:"total"`
	Summary   string       `json:"summary"` // "45/52 đơn vị đã nộp"
	CanDecide bool         `json:"can_decide"`
}

// UnitStatus is one unit of a round.
type UnitStatus struct {
	Code        string            `json:"org_code"`
	Name        string            `json:"org_name"`
	Status      string            `json:"status"`
	StatusLabel string            `json:"status_label"`
	SubmittedBy string            `json:"submitted_by,omitempty"`
	SubmittedAt tochuc.Date       `json:"submitted_at,omitempty"`
	DecidedBy   string            `json:"decided_by,omitempty"`
	Note        string            `json:"note,omitempty"`
	Warnings    []statforms.Issue `json:"warnings,omitempty"`
	CanSubmit   bool              `json:"can_submit"`
}

// StatRoundStatus is the completeness of a round: every unit with its status, the missing ones
// included. The level above (counts permission over it) sees every unit; an actor of a unit
// sees its own units only.
func (s *Service) StatRoundStatus(ctx context.Context, roundID int64) (*RoundStatus, error) {
	rd, level, r, err := s.roundAndReach(ctx, roundID, tochuc.PermCounts)
	if err != nil {
		return nil, err
	}
	whole := r.covers(level.Path)
	if !whole && !r.coversBelow(level.Path) {
		return nil, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy đợt báo cáo số %d", roundID)
	}
	units, err := s.DB.ChildrenAsOf(ctx, level.ID, rd.AsOf)
	if err != nil {
		return nil, err
	}
	subs, err := s.DB.StatSubmissions(ctx, rd.ID)
	if err != nil {
		return nil, err
	}
	byOrg := map[int64]store.StatSubmission{}
	for _, sb := range subs {
		byOrg[sb.OrgID] = sb
	}
	a := tochuc.ActorFrom(ctx)
	wr, werr := reach{}, error(nil)
	if a.Can(tochuc.PermWrite) || a.System {
		wr, werr = s.reachFor(ctx, tochuc.PermWrite, rd.AsOf)
	}
	l, _ := statforms.Get(rd.Form)
	st := &RoundStatus{StatRound: rd, OrgName: level.Name, CanDecide: werr == nil && wr.covers(level.Path)}
	if l != nil {
		st.Title = l.Title
	}
	for _, u := range units {
		sb, ok := byOrg[u.ID]
		status := StatMissing
		if ok {
			status = sb.Status
		}
		if status == StatSubmitted || status == StatApproved {
			st.Submitted++
		}
		if status == StatApproved {
			st.Approved++
		}
		st.Total++
		if !whole && !r.covers(u.Path) {
			continue
		}
		us := UnitStatus{Code: u.Code, Name: u.Name, Status: status, StatusLabel: StatusLabel(status),
			CanSubmit: werr == nil && wr.covers(u.Path) && status != StatApproved}
		if ok {
			us.SubmittedBy, us.SubmittedAt, us.DecidedBy, us.Note = sb.SubmittedBy, tochuc.Date(sb.SubmittedAt), sb.DecidedBy, sb.Note
			json.Unmarshal([]byte(sb.Issues), &us.Warnings)
		}
		st.Units = append(st.Units, us)
	}
	st.Summary = fmt.Sprintf("%s/%s đơn vị đã nộp", vn.FormatInt(int64(st.Submitted)), vn.FormatInt(int64(st.Total)))
	return st, nil
}

// StatRounds lists the rounds the actor sees: those opened by a level in its counts reach, or
// above an org of its reach.
func (s *Service) StatRounds(ctx context.Context) ([]store.StatRound, error) {
	if _, err := s.reachFor(ctx, tochuc.PermCounts, s.Today()); err != nil {
		return nil, err
	}
	all, err := s.DB.StatRounds(ctx)
	if err != nil {
		return nil, err
	}
	reaches := map[tochuc.Date]reach{}
	var out []store.StatRound
	for _, rd := range all {
		r, ok := reaches[rd.AsOf]
		if !ok {
			if r, err = s.reachFor(ctx, tochuc.PermCounts, rd.AsOf); err != nil {
				continue
			}
			reaches[rd.AsOf] = r
		}
		o, err := s.DB.OrgByIDAsOf(ctx, rd.OrgID, rd.AsOf)
		if err != nil {
			continue
		}
		if r.covers(o.Path) || r.coversBelow(o.Path) {
			out = append(out, rd)
		}
	}
	return out, nil
}

// StatSubmissionFigures is the frozen form of a unit in a round, as submitted (counts
// permission over the unit).
func (s *Service) StatSubmissionFigures(ctx context.Context, roundID int64, unitCode string) (*StatFormView, *store.StatSubmission, error) {
	rd, level, r, err := s.roundAndReach(ctx, roundID, tochuc.PermCounts)
	if err != nil {
		return nil, nil, err
	}
	u, err := s.roundUnit(ctx, r, level, unitCode)
	if err != nil {
		return nil, nil, err
	}
	sub, err := s.DB.StatSubmission(ctx, rd.ID, u.ID)
	if err != nil {
		return nil, nil, err
	}
	l, ok := statforms.Get(rd.Form)
	if !ok {
		return nil, nil, tochuc.Errorf(tochuc.ENOTFOUND, "biểu %q không còn trong cấu hình", rd.Form)
	}
	from, opening := statforms.Period(rd.AsOf)
	res := &statforms.Result{Form: rd.Form, OrgID: u.ID, OrgCode: u.Code, AsOf: rd.AsOf, From: from, Opening: opening}
	if err := json.Unmarshal([]byte(sub.Figures), &res.Values); err != nil {
		return nil, nil, err
	}
	json.Unmarshal([]byte(sub.Issues), &res.Issues)
	return &StatFormView{Layout: l, Form: l.Code, Title: l.Title, OrgName: u.Name, Result: res}, &sub, nil
}

// FindStatRound finds the round of a form as of a date opened by an org (by code). Every failure
// reads the same "not found", whether the org or the round is missing or out of reach; the
// methods given the id authorize.
func (s *Service) FindStatRound(ctx context.Context, form string, asOf tochuc.Date, orgCode string) (int64, error) {
	notFound := tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy đợt báo cáo biểu %s ngày %s của tổ chức %q", form, asOf.Display(), orgCode)
	if tochuc.ActorFrom(ctx) == nil {
		return 0, errLogin
	}
	if _, err := tochuc.ParseISODate(string(asOf)); err != nil {
		return 0, notFound
	}
	o, err := s.DB.OrgByCodeAsOf(ctx, orgCode, asOf)
	if err != nil {
		return 0, notFound
	}
	rd, err := s.DB.StatRoundBy(ctx, form, asOf, o.ID)
	if err != nil {
		return 0, notFound
	}
	if _, err := s.StatRoundStatus(ctx, rd.ID); err != nil {
		return 0, notFound
	}
	return rd.ID, nil
}

// CanOpenStatRound reports whether the actor may open rounds for an org on a date.
func (s *Service) CanOpenStatRound(ctx context.Context, code string, asOf tochuc.Date) bool {
	a := tochuc.ActorFrom(ctx)
	if a == nil || !(a.System || a.Can(tochuc.PermWrite)) {
		return false
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, asOf)
	if err != nil {
		return false
	}
	o, err := s.DB.OrgByCodeAsOf(ctx, code, asOf)
	return err == nil && r.covers(o.Path)
}

// StatFormCellView explains a cell of a form: its figures, each with its value and what a list
// of it needs, summing to the cell's value.
type StatFormCellView struct {
	Form     string             `json:"form"`
	Title    string             `json:"title"`
	OrgCode  string             `json:"org_code"`
	OrgName  string             `json:"org_name"`
	AsOf     tochuc.Date        `json:"as_of"`
	From     tochuc.Date        `json:"from"`
	Opening  tochuc.Date        `json:"opening"`
	Row      string             `json:"row"`
	Column   string             `json:"column"`
	RowLabel string             `json:"row_label"`
	ColLabel string             `json:"column_label"`
	Value    int64              `json:"value"`
	Const    int64              `json:"constant"`
	Terms    []StatFormTermView `json:"terms"`
}

// StatFormTermView is one signed figure of a cell.
type StatFormTermView struct {
	Sign     int64             `json:"sign"`
	Fn       string            `json:"function"`
	Flow     string            `json:"flow,omitempty"`
	Filter   map[string]string `json:"filter"`
	Value    int64             `json:"value"`
	Listable bool              `json:"listable"`
}

// StatFormCell explains a cell of a form of an org as of a date (counts permission over the
// org, like the form): each figure it adds or subtracts, computed by the engine's ordinary
// queries, so that a clerk can see where a sum comes from and open each part's list.
func (s *Service) StatFormCell(ctx context.Context, form, code string, asOf tochuc.Date, row, col string) (*StatFormCellView, error) {
	v, err := s.StatForm(ctx, form, code, asOf)
	if err != nil {
		return nil, err
	}
	konst, terms, ok := v.Layout.CellTerms(row, col)
	if !ok {
		return nil, tochuc.Errorf(tochuc.ENOTFOUND, "biểu %s không có ô dòng %q, cột %q", v.Form, row, col)
	}
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	val, _ := v.Value(row, col)
	out := &StatFormCellView{Form: v.Form, Title: v.Title, OrgCode: v.OrgCode, OrgName: v.OrgName, AsOf: v.AsOf,
		From: v.From, Opening: v.Opening, Row: row, Column: col, RowLabel: v.Layout.RowByKey(row).Label,
		ColLabel: v.Layout.ColumnByKey(col).Label, Value: val, Const: konst}
	for _, t := range terms {
		n, err := statforms.TermValue(snap, v.OrgID, v.AsOf, t)
		if err != nil {
			return nil, err
		}
		out.Terms = append(out.Terms, StatFormTermView{Sign: t.Sign, Fn: t.Call.Fn, Flow: t.Call.Flow, Filter: t.Filter,
			Value: n, Listable: t.Listable})
	}
	return out, nil
}
