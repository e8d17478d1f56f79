package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/store"
	"tochuc/vn"
)

// IndicatorInput is an indicator as entered: computed from a target of the same org (TargetID),
// or by hand with its value, whether it is achieved and the evidence document.
type IndicatorInput struct {
	OrgCode  string `json:"org_code"`
	Year     int    `json:"year"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	TargetID int64  `json:"target_id"`
	Value    string `json:"value"`
	Achieved bool   `json:"achieved"`
	Evidence string `json:"evidence"`
}

// IndicatorRow is one indicator with its state on the date.
type IndicatorRow struct {
	store.Indicator
	Computed bool            `json:"computed"`
	Progress *TargetProgress `json:"progress,omitempty"`
}

// IndicatorSet is a committee's indicators for a year, summarised "hoàn thành 29/29 chỉ tiêu".
type IndicatorSet struct {
	Org     tochuc.Org     `json:"-"`
	Code    string         `json:"org_code"`
	Year    int            `json:"year"`
	AsOf    tochuc.Date    `json:"as_of"`
	Rows    []IndicatorRow `json:"indicators"`
	Done    int            `json:"done"`
	Total   int            `json:"total"`
	Summary string         `json:"summary"`
}

func checkYear(y int) error {
	if y < 1930 || y > 2200 {
		return tochuc.Errorf(tochuc.EINVALID, "năm %d không hợp lệ", y)
	}
	return nil
}

// SetIndicator enters or replaces (by name) an indicator of an org's set for a year; audited.
func (s *Service) SetIndicator(ctx context.Context, in IndicatorInput) (int64, error) {
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return 0, err
	}
	o, err := s.orgIn(ctx, r, in.OrgCode)
	if err != nil {
		return 0, err
	}
	if err := checkYear(in.Year); err != nil {
		return 0, err
	}
	in.Name = strings.TrimSpace(vn.NFC(in.Name))
	in.Value = strings.TrimSpace(vn.NFC(in.Value))
	in.Evidence = strings.TrimSpace(vn.NFC(in.Evidence))
	if in.Name == "" {
		return 0, tochuc.Errorf(tochuc.EINVALID, "thiếu tên chỉ tiêu")
	}
	if len([]rune(in.Name)) > 500 || len([]rune(in.Value)) > 200 || len([]rune(in.Evidence)) > 200 {
		return 0, tochuc.Errorf(tochuc.EINVALID, "tên, giá trị hoặc văn bản minh chứng quá dài")
	}
	if in.TargetID != 0 {
		ts, err := s.DB.TargetsOfYear(ctx, []int64{o.ID}, in.Year)
		if err != nil {
			return 0, err
		}
		found := false
		for _, t := range ts {
			found = found || t.ID == in.TargetID
		}
		if !found {
			return 0, tochuc.Errorf(tochuc.EINVALID, "chỉ tiêu số %d không phải chỉ tiêu năm %d của %s", in.TargetID, in.Year, o.Name)
		}
		in.Value, in.Achieved = "", false
	}
	ind := store.Indicator{OrgID: o.ID, Year: in.Year, Position: in.Position, Name: in.Name, TargetID: in.TargetID,
		Value: in.Value, Achieved: in.Achieved, Evidence: in.Evidence}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.SetIndicator(ctx, &ind); err != nil {
			return err
		}
		e := entry(ctx, "indicator.set", "indicator", strconv.FormatInt(ind.ID, 10), o.ID)
		e.Detail = fmt.Sprintf("chỉ tiêu năm %d của %s: %s", in.Year, o.Code, in.Name)
		return tx.AppendAudit(ctx, e)
	})
	return ind.ID, err
}

// Indicators reads an org's indicator set for a year as of a date: a computed indicator is
// achieved when its target is; one entered by hand as entered.
func (s *Service) Indicators(ctx context.Context, orgCode string, year int, asOf tochuc.Date) (*IndicatorSet, error) {
	o, asOf, err := s.progressOrg(ctx, orgCode, asOf)
	if err != nil {
		return nil, err
	}
	if year == 0 {
		year, _ = strconv.Atoi(string(asOf[:4]))
	}
	inds, err := s.DB.Indicators(ctx, o.ID, year)
	if err != nil {
		return nil, err
	}
	set := &IndicatorSet{Org: o, Code: o.Code, Year: year, AsOf: asOf, Rows: []IndicatorRow{}}
	var ts []store.Target
	for _, in := range inds {
		row := IndicatorRow{Indicator: in}
		if in.TargetID != 0 {
			if ts == nil {
				if ts, err = s.DB.TargetsOfYear(ctx, []int64{o.ID}, year); err != nil {
					return nil, err
				}
			}
			snap, err := s.StatsSnapshot(ctx)
			if err != nil {
				return nil, err
			}
			for _, t := range ts {
				if t.ID == in.TargetID {
					p, err := progressOf(snap, o.ID, t, asOf)
					if err != nil {
						return nil, err
					}
					row.Computed, row.Progress = true, &p
					row.Achieved, row.Value = p.Achieved, vn.FormatInt(p.Actual)+"/"+vn.FormatInt(t.Target)+" ("+p.Percent+")"
				}
			}
		}
		if row.Achieved {
			set.Done++
		}
		set.Rows = append(set.Rows, row)
	}
	set.Total = len(set.Rows)
	set.Summary = fmt.Sprintf("hoàn thành %d/%d chỉ tiêu", set.Done, set.Total)
	return set, nil
}

// Work item kinds and states.
const (
	WorkProject    = "project"
	WorkTask       = "task"
	WorkNotStarted = "not_started"
	WorkInProgress = "in_progress"
	WorkDone       = "done"
	WorkOverdue    = "overdue" // computed: not done after the deadline
)

// WorkItemInput is a project or task as entered.
type WorkItemInput struct {
	OrgCode   string      `json:"org_code"`
	Year      int         `json:"year"`
	Kind      string      `json:"kind"`
	Title     string      `json:"title"`
	Owner     string      `json:"owner"`
	Deadline  tochuc.Date `json:"deadline"`
	Status    string      `json:"status"`
	DoneDate  tochuc.Date `json:"done_date"`
	ResultDoc string      `json:"result_document"`
}

// WorkRow is a work item with its state on the date.
type WorkRow struct {
	store.WorkItem
	State string `json:"state"` // not_started, in_progress, done, overdue
}

// WorkProgramme is an org's projects and tasks of a year, summarised "hoàn thành 10/15 đề án,
// nhiệm vụ".
type WorkProgramme struct {
	Org     tochuc.Org  `json:"-"`
	Code    string      `json:"org_code"`
	Year    int         `json:"year"`
	AsOf    tochuc.Date `json:"as_of"`
	Rows    []WorkRow   `json:"items"`
	Done    int         `json:"done"`
	Overdue int         `json:"overdue"`
	Total   int         `json:"total"`
	Summary string      `json:"summary"`
}

// SetWorkItem enters or replaces (by title) a project or task of an org's programme; audited.
func (s *Service) SetWorkItem(ctx context.Context, in WorkItemInput) (int64, error) {
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return 0, err
	}
	o, err := s.orgIn(ctx, r, in.OrgCode)
	if err != nil {
		return 0, err
	}
	if err := checkYear(in.Year); err != nil {
		return 0, err
	}
	if in.Kind == "" {
		in.Kind = WorkTask
	}
	if in.Kind != WorkProject && in.Kind != WorkTask {
		return 0, tochuc.Errorf(tochuc.EINVALID, "loại %q không hợp lệ: project (đề án) hoặc task (nhiệm vụ)", in.Kind)
	}
	if in.Status == "" {
		in.Status = WorkNotStarted
	}
	if in.Status != WorkNotStarted && in.Status != WorkInProgress && in.Status != WorkDone {
		return 0, tochuc.Errorf(tochuc.EINVALID, "trạng thái %q không hợp lệ: not_started, in_progress hoặc done", in.Status)
	}
	for _, d := range []tochuc.Date{in.Deadline, in.DoneDate} {
		if d != "" {
			if _, err := tochuc.ParseISODate(string(d)); err != nil {
				return 0, tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ", d)
			}
		}
	}
	if in.Status == WorkDone && in.DoneDate == "" {
		in.DoneDate = s.Today()
	}
	if in.Status != WorkDone {
		in.DoneDate = ""
	}
	in.Title, in.Owner, in.ResultDoc = strings.TrimSpace(vn.NFC(in.Title)), strings.TrimSpace(vn.NFC(in.Owner)), strings.TrimSpace(vn.NFC(in.ResultDoc))
	if in.Title == "" {
		return 0, tochuc.Errorf(tochuc.EINVALID, "thiếu tên đề án, nhiệm vụ")
	}
	if len([]rune(in.Title)) > 500 || len([]rune(in.Owner)) > 200 || len([]rune(in.ResultDoc)) > 200 {
		return 0, tochuc.Errorf(tochuc.EINVALID, "tên, người phụ trách hoặc văn bản kết quả quá dài")
	}
	w := store.WorkItem{OrgID: o.ID, Year: in.Year, Kind: in.Kind, Title: in.Title, Owner: in.Owner, Deadline: string(in.Deadline),
		Status: in.Status, DoneDate: string(in.DoneDate), ResultDoc: in.ResultDoc}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.SetWorkItem(ctx, &w); err != nil {
			return err
		}
		e := entry(ctx, "work_item.set", "work_item", strconv.FormatInt(w.ID, 10), o.ID)
		e.Detail = fmt.Sprintf("chương trình công tác năm %d của %s: %s (%s)", in.Year, o.Code, in.Title, in.Status)
		return tx.AppendAudit(ctx, e)
	})
	return w.ID, err
}

// stateOn is a work item's state on a date: done when done by then, overdue when the deadline
// has passed.
func stateOn(w store.WorkItem, d tochuc.Date) string {
	if w.Status == WorkDone && (w.DoneDate == "" || tochuc.Date(w.DoneDate) <= d) {
		return WorkDone
	}
	if w.Deadline != "" && tochuc.Date(w.Deadline) < d {
		return WorkOverdue
	}
	if w.Status == WorkDone {
		return WorkInProgress
	}
	return w.Status
}

// Programme reads an org's work programme for a year as of a date.
func (s *Service) Programme(ctx context.Context, orgCode string, year int, asOf tochuc.Date) (*WorkProgramme, error) {
	o, asOf, err := s.progressOrg(ctx, orgCode, asOf)
	if err != nil {
		return nil, err
	}
	if year == 0 {
		year, _ = strconv.Atoi(string(asOf[:4]))
	}
	items, err := s.DB.WorkItems(ctx, o.ID, year)
	if err != nil {
		return nil, err
	}
	p := &WorkProgramme{Org: o, Code: o.Code, Year: year, AsOf: asOf, Rows: []WorkRow{}}
	for _, w := range items {
		st := stateOn(w, asOf)
		switch st {
		case WorkDone:
			p.Done++
		case WorkOverdue:
			p.Overdue++
		}
		p.Rows = append(p.Rows, WorkRow{WorkItem: w, State: st})
	}
	p.Total = len(p.Rows)
	p.Summary = fmt.Sprintf("hoàn thành %d/%d đề án, nhiệm vụ", p.Done, p.Total)
	return p, nil
}

// CanSetTargets tells whether the actor may enter targets, indicators and work items of an org
// (for showing the forms; the writes check again).
func (s *Service) CanSetTargets(ctx context.Context, orgCode string) bool {
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return false
	}
	o, err := s.DB.OrgByCodeAsOf(ctx, orgCode, r.date)
	return err == nil && r.covers(o.Path)
}
