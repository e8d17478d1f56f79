package service

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/importer"
	"tochuc/stats"
	"tochuc/store"
	"tochuc/vn"
)

// Targets (chỉ tiêu), indicator sets and work programmes. A target is set on a figure the
// statistics engine computes for an org's subtree — the members at the end of the period, or a
// flow of the period — so its progress is always the register's, never a clerk's sum.

// FigureMembers is the figure of the members counted at the end of the period.
const FigureMembers = "members"

// FigureOrgs is the figure of the party organizations of the subtree at the end of the period
// (the org itself included), narrowed by org dimensions: "orgs" with org_kind=basic_cell is the
// number of basic cells.
const FigureOrgs = "orgs"

// Directions of a target.
const (
	AtLeast = "at_least"
	AtMost  = "at_most" // "kéo giảm": the figure must not exceed the target
)

// figureVerbs are the words a sentence about a figure uses.
var figureVerbs = map[string]string{
	FigureMembers:     "có",
	FigureOrgs:        "có",
	"admitted":        "kết nạp được",
	"readmitted":      "kết nạp lại được",
	"recognized":      "công nhận chính thức",
	"transferred_in":  "tiếp nhận",
	"transferred_out": "chuyển đi",
	"removed":         "xoá tên",
	"withdrawn":       "cho ra khỏi Đảng",
	"expelled":        "khai trừ",
	"deceased":        "có đảng viên từ trần:",
}

// FigureNames are the figures a target may be set on.
func FigureNames() []string { return append([]string{FigureMembers, FigureOrgs}, stats.Flows...) }

// figureNoun is what a figure counts, in sentences.
func figureNoun(fig string) string {
	if fig == FigureOrgs {
		return "tổ chức đảng"
	}
	return "đảng viên"
}

// attrLabels name the org attributes in sentences.
var attrLabels = map[string]string{"border": "biên giới"}

// TargetInput is a target as entered.
type TargetInput struct {
	OrgCode   string `json:"org_code"`
	YearFrom  int    `json:"year_from"`
	YearTo    int    `json:"year_to"` // 0: the same year
	Figure    string `json:"figure"`
	Filter    string `json:"filter"`
	Direction string `json:"direction"`
	Target    int64  `json:"target"`
	Baseline  *int64 `json:"baseline"`
	Label     string `json:"label"`
	Document  string `json:"document"`
}

// ParseFilter reads a filter "dim=code;dim=code" (commas are accepted too) into a map and its
// normal form (sorted, semicolons).
func ParseFilter(s string) (map[string]string, string, error) {
	m := map[string]string{}
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" {
			return nil, "", tochuc.Errorf(tochuc.EINVALID, "điều kiện %q không hợp lệ; viết dạng chiều=giá trị, ví dụ border=true", p)
		}
		m[k] = v
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
	}
	return m, strings.Join(parts, ";"), nil
}

// checkTarget validates and normalizes a target; dims are the snapshot's dimension names.
func checkTarget(in *TargetInput, dims []string) error {
	if in.YearTo == 0 {
		in.YearTo = in.YearFrom
	}
	if in.YearFrom < 1930 || in.YearFrom > 2200 || in.YearTo < in.YearFrom || in.YearTo > 2200 {
		return tochuc.Errorf(tochuc.EINVALID, "năm của chỉ tiêu không hợp lệ (%d–%d)", in.YearFrom, in.YearTo)
	}
	if !slices.Contains(FigureNames(), in.Figure) {
		return tochuc.Errorf(tochuc.EINVALID, "chỉ số %q không có; các chỉ số hợp lệ: %s", in.Figure, strings.Join(FigureNames(), ", "))
	}
	d, ok := importer.ParseDirection(in.Direction)
	if !ok {
		return tochuc.Errorf(tochuc.EINVALID, "chiều %q không hợp lệ: at_least (tối thiểu) hoặc at_most (tối đa, kéo giảm)", in.Direction)
	}
	in.Direction = d
	if in.Target < 0 || (in.Baseline != nil && *in.Baseline < 0) {
		return tochuc.Errorf(tochuc.EINVALID, "chỉ tiêu và mốc ban đầu phải là số không âm")
	}
	m, norm, err := ParseFilter(in.Filter)
	if err != nil {
		return err
	}
	if in.Figure == FigureOrgs {
		dims = slices.DeleteFunc(slices.Clone(dims), func(d string) bool { return !stats.IsOrgDimension(d) })
	}
	for k := range m {
		if !slices.Contains(dims, k) {
			return tochuc.Errorf(tochuc.EINVALID, "chiều thống kê %q không dùng được với chỉ số %s; các chiều hợp lệ: %s", k, in.Figure, strings.Join(dims, ", "))
		}
	}
	in.Filter = norm
	in.Label = strings.TrimSpace(vn.NFC(in.Label))
	in.Document = strings.TrimSpace(vn.NFC(in.Document))
	if len([]rune(in.Label)) > 300 || len([]rune(in.Document)) > 200 {
		return tochuc.Errorf(tochuc.EINVALID, "tên chỉ tiêu hoặc văn bản quá dài")
	}
	return nil
}

// SetTarget enters or replaces a target of an org (write permission over it); audited.
func (s *Service) SetTarget(ctx context.Context, in TargetInput) (int64, error) {
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return 0, err
	}
	o, err := s.orgIn(ctx, r, in.OrgCode)
	if err != nil {
		return 0, err
	}
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return 0, err
	}
	if err := checkTarget(&in, snap.DimensionNames()); err != nil {
		return 0, err
	}
	t := targetOf(in, o.ID)
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.SetTarget(ctx, &t); err != nil {
			return err
		}
		e := entry(ctx, "target.set", "target", strconv.FormatInt(t.ID, 10), o.ID)
		e.Detail = targetDetail(t, o.Code)
		return tx.AppendAudit(ctx, e)
	})
	return t.ID, err
}

func targetOf(in TargetInput, orgID int64) store.Target {
	return store.Target{OrgID: orgID, YearFrom: in.YearFrom, YearTo: in.YearTo, Figure: in.Figure, Filter: in.Filter,
		Direction: in.Direction, Target: in.Target, Baseline: in.Baseline, Label: in.Label, Document: in.Document}
}

func targetDetail(t store.Target, code string) string {
	d := fmt.Sprintf("chỉ tiêu %s năm %d", code, t.YearFrom)
	if t.YearTo != t.YearFrom {
		d = fmt.Sprintf("chỉ tiêu %s nhiệm kỳ %d–%d", code, t.YearFrom, t.YearTo)
	}
	d += fmt.Sprintf(": %s %s %s", t.Figure, t.Direction, vn.FormatInt(t.Target))
	if t.Filter != "" {
		d += " (" + t.Filter + ")"
	}
	return d
}

// ImportTargets enters the targets of a file: all of them or none. Each row's org must be in
// the actor's write reach today; a row repeated in the file is refused.
func (s *Service) ImportTargets(ctx context.Context, rows []importer.TargetRow, dryRun bool) (*tochuc.ImportReport, error) {
	rep := &tochuc.ImportReport{Rows: len(rows)}
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return nil, err
	}
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	dims := snap.DimensionNames()
	var ts []store.Target
	seen := map[string]int{}
	for _, row := range rows {
		o, err := s.orgIn(ctx, r, row.OrgCode)
		if err != nil {
			rep.Reject(row.Line, "org_code", row.OrgCode, "không tìm thấy tổ chức đảng mã %q", row.OrgCode)
			continue
		}
		in := TargetInput{OrgCode: o.Code, YearFrom: row.YearFrom, YearTo: row.YearTo, Figure: row.Figure, Filter: row.Filter,
			Direction: row.Direction, Target: row.Target, Baseline: row.Baseline, Label: row.Label, Document: row.Document}
		if err := checkTarget(&in, dims); err != nil {
			col := "figure"
			if strings.Contains(tochuc.ErrorMessage(err), "chiều thống kê") || strings.Contains(tochuc.ErrorMessage(err), "điều kiện") {
				col = "filter"
			} else if strings.Contains(tochuc.ErrorMessage(err), "năm") {
				col = "year"
			}
			rep.Reject(row.Line, col, "", "%s", tochuc.ErrorMessage(err))
			continue
		}
		key := fmt.Sprintf("%d|%d|%d|%s|%s", o.ID, in.YearFrom, in.YearTo, in.Figure, in.Filter)
		if first, dup := seen[key]; dup {
			rep.Reject(row.Line, "figure", in.Figure, "trùng chỉ tiêu ở dòng %d", first)
			continue
		}
		seen[key] = row.Line
		ts = append(ts, targetOf(in, o.ID))
	}
	return importAll(ctx, s, rep, dryRun, ts, (*store.Tx).SetTarget, func() *tochuc.AuditEntry {
		e := entry(ctx, "target.import", "target", "", 0)
		e.Detail = fmt.Sprintf("nhập %d chỉ tiêu (%d mới, %d sửa)", len(ts), rep.Created, rep.Updated)
		return e
	})
}

// TargetProgress is the progress of one target on a date.
type TargetProgress struct {
	store.Target
	Name     string       `json:"name"`
	From     tochuc.Date  `json:"from"`
	To       tochuc.Date  `json:"to"`
	Actual   int64        `json:"actual"`
	Percent  string       `json:"percent"` // "38,04%"
	Bar      int          `json:"bar"`     // 0…100 in steps of 5, for the progress bar
	Achieved bool         `json:"achieved"`
	Sentence string       `json:"sentence"`
	Parts    []TargetPart `json:"parts,omitempty"`
}

// TargetPart is a direct child's share of a rolled-up target: its subtree's actual, and its own
// target for the same figure when it has one.
type TargetPart struct {
	OrgCode string `json:"org_code"`
	OrgName string `json:"org_name"`
	Actual  int64  `json:"actual"`
	Target  *int64 `json:"target,omitempty"`
	Percent string `json:"percent,omitempty"`
}

// TargetReport is the progress of an org's targets for a year as of a date.
type TargetReport struct {
	Org   tochuc.Org       `json:"-"`
	Code  string           `json:"org_code"`
	Year  int              `json:"year"`
	AsOf  tochuc.Date      `json:"as_of"`
	Rows  []TargetProgress `json:"targets"`
	Stale bool             `json:"stale"`
}

// period is the part of a target's period that has passed on asOf: [from, to].
func period(yearFrom, yearTo int, asOf tochuc.Date) (tochuc.Date, tochuc.Date) {
	from := tochuc.Date(fmt.Sprintf("%04d-01-01", yearFrom))
	to := tochuc.Date(fmt.Sprintf("%04d-12-31", yearTo))
	return from, min(to, asOf)
}

// figure computes a target's figure for the subtree of org over [from, to].
func figure(snap *stats.Snapshot, orgID int64, fig, filter string, from, to tochuc.Date) (int64, error) {
	f, _, err := ParseFilter(filter)
	if err != nil {
		return 0, err
	}
	switch fig {
	case FigureMembers:
		return snap.Total(stats.Query{OrgID: orgID, AsOf: to, Filter: f})
	case FigureOrgs:
		return snap.OrgTotal(stats.Query{OrgID: orgID, AsOf: to, Filter: f})
	}
	if to < from {
		return 0, nil
	}
	rows, err := snap.Flows(stats.FlowQuery{OrgID: orgID, From: from, To: to, Filter: f})
	if err != nil {
		return 0, err
	}
	var n int64
	for _, r := range rows {
		if r.Flow == fig {
			n += r.Count
		}
	}
	return n, nil
}

// figureOfOrgs is figure for each of the orgs, the flows of all of them read in one pass.
func figureOfOrgs(snap *stats.Snapshot, ids []int64, fig, filter string, from, to tochuc.Date) (map[int64]int64, error) {
	out := make(map[int64]int64, len(ids))
	if fig == FigureMembers || fig == FigureOrgs {
		for _, id := range ids {
			n, err := figure(snap, id, fig, filter, from, to)
			if err != nil {
				return nil, err
			}
			out[id] = n
		}
		return out, nil
	}
	f, _, err := ParseFilter(filter)
	if err != nil {
		return nil, err
	}
	if to < from {
		return out, nil
	}
	flows, err := snap.FlowsOfOrgs(stats.FlowQuery{From: from, To: to, Filter: f}, ids)
	if err != nil {
		return nil, err
	}
	for id, byFlow := range flows {
		out[id] = byFlow[fig]
	}
	return out, nil
}

func achieved(direction string, actual, target int64) bool {
	if direction == AtMost {
		return actual <= target
	}
	return actual >= target
}

// barOf is the width of a progress bar: actual/target in percent, clipped to 100, rounded
// down to a step of 5.
func barOf(actual, target int64) int {
	if target <= 0 {
		if actual > 0 {
			return 100
		}
		return 0
	}
	p := actual * 100 / target
	if p > 100 {
		p = 100
	}
	return int(p / 5 * 5)
}

// targetName is the name of a target: its label, else its figure in words.
func targetName(t store.Target) string {
	if t.Label != "" {
		return t.Label
	}
	n := map[string]string{FigureMembers: "Số đảng viên", FigureOrgs: "Số tổ chức đảng", "admitted": "Kết nạp đảng viên", "readmitted": "Kết nạp lại",
		"recognized": "Công nhận đảng viên chính thức", "transferred_in": "Tiếp nhận đảng viên", "transferred_out": "Chuyển đi",
		"removed": "Xoá tên đảng viên", "withdrawn": "Cho ra khỏi Đảng", "expelled": "Khai trừ", "deceased": "Từ trần"}[t.Figure]
	if t.Filter != "" {
		n += " (" + t.Filter + ")"
	}
	return n
}

// sentence says a figure against its target the way the review reports do.
func sentence(fig, direction string, actual, target int64) string {
	pct := vn.FormatPercent(actual, target)
	if direction == AtMost {
		return fmt.Sprintf("%s %s %s, bằng %s so với mức tối đa của chỉ tiêu (%s)", figureVerbs[fig], vn.FormatInt(actual), figureNoun(fig), pct, vn.FormatInt(target))
	}
	return fmt.Sprintf("%s %s %s, đạt %s so với chỉ tiêu (%s)", figureVerbs[fig], vn.FormatInt(actual), figureNoun(fig), pct, vn.FormatInt(target))
}

// progressReach resolves an org in the actor's counts reach on asOf (today when empty).
func (s *Service) progressOrg(ctx context.Context, orgCode string, asOf tochuc.Date) (tochuc.Org, tochuc.Date, error) {
	if asOf == "" {
		asOf = s.Today()
	}
	r, err := s.reachFor(ctx, tochuc.PermCounts, asOf)
	if err != nil {
		return tochuc.Org{}, asOf, err
	}
	o, err := s.orgOrHome(ctx, r, orgCode)
	return o, asOf, err
}

// TargetProgress computes, for each target of the org covering the year, the figure of its
// subtree from the start of the period to asOf (the members: on asOf or the period's end), the
// percentage of the target and whether it is achieved; each is rolled up: the subtree's actual
// against the org's own target, with the share of each direct child.
func (s *Service) TargetProgress(ctx context.Context, orgCode string, year int, asOf tochuc.Date) (*TargetReport, error) {
	o, asOf, err := s.progressOrg(ctx, orgCode, asOf)
	if err != nil {
		return nil, err
	}
	if year == 0 {
		year, _ = strconv.Atoi(string(asOf[:4]))
	}
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	ts, err := s.DB.TargetsOfYear(ctx, []int64{o.ID}, year)
	if err != nil {
		return nil, err
	}
	rep := &TargetReport{Org: o, Code: o.Code, Year: year, AsOf: asOf, Rows: []TargetProgress{}}
	s.stats.mu.Lock()
	rep.Stale = s.stats.gen != s.generation()
	s.stats.mu.Unlock()
	if len(ts) == 0 {
		return rep, nil
	}
	kids, err := s.DB.ChildrenAsOf(ctx, o.ID, asOf)
	if err != nil {
		return nil, err
	}
	kidIDs := make([]int64, len(kids))
	for i, k := range kids {
		kidIDs[i] = k.ID
	}
	kidTargets, err := s.DB.TargetsOfYear(ctx, kidIDs, year)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		p, err := progressOf(snap, o.ID, t, asOf)
		if err != nil {
			return nil, err
		}
		for _, k := range kids {
			n, err := figure(snap, k.ID, t.Figure, t.Filter, p.From, p.To)
			if err != nil {
				return nil, err
			}
			part := TargetPart{OrgCode: k.Code, OrgName: k.Name, Actual: n}
			for _, kt := range kidTargets {
				if kt.OrgID == k.ID && kt.Figure == t.Figure && kt.Filter == t.Filter && kt.YearFrom == t.YearFrom && kt.YearTo == t.YearTo {
					v := kt.Target
					part.Target, part.Percent = &v, vn.FormatPercent(n, v)
				}
			}
			p.Parts = append(p.Parts, part)
		}
		rep.Rows = append(rep.Rows, p)
	}
	return rep, nil
}

func progressOf(snap *stats.Snapshot, orgID int64, t store.Target, asOf tochuc.Date) (TargetProgress, error) {
	from, to := period(t.YearFrom, t.YearTo, asOf)
	n, err := figure(snap, orgID, t.Figure, t.Filter, from, to)
	if err != nil {
		return TargetProgress{}, err
	}
	return TargetProgress{Target: t, Name: targetName(t), From: from, To: to, Actual: n,
		Percent: vn.FormatPercent(n, t.Target), Bar: barOf(n, t.Target), Achieved: achieved(t.Direction, n, t.Target),
		Sentence: sentence(t.Figure, t.Direction, n, t.Target)}, nil
}

// GroupProgress is the progress of a group of orgs (those of a subtree that carry an
// attribute): the sum of their actuals against the sum of their targets, per figure.
type GroupProgress struct {
	Org       tochuc.Org  `json:"-"`
	Code      string      `json:"org_code"`
	Year      int         `json:"year"`
	AsOf      tochuc.Date `json:"as_of"`
	Attribute string      `json:"attribute"`
	Members   []string    `json:"orgs"` // the codes of the orgs of the group
	Rows      []GroupRow  `json:"rows"`
}

// GroupRow is one figure of a group.
type GroupRow struct {
	Figure     string `json:"figure"`
	Filter     string `json:"filter,omitempty"`
	Direction  string `json:"direction"`
	YearFrom   int    `json:"year_from"`
	YearTo     int    `json:"year_to"`
	Actual     int64  `json:"actual"`
	Target     int64  `json:"target"`
	WithTarget int    `json:"orgs_with_target"` // how many orgs of the group have a target on it
	Percent    string `json:"percent"`
	Achieved   bool   `json:"achieved"`
	Sentence   string `json:"sentence"`
}

// TargetGroupProgress computes the progress of the orgs of the subtree of orgCode that carry
// the attribute on asOf (the topmost ones: an attributed org inside another is counted in it),
// for every figure any of them has a target on for the year: the group's actual is the sum of
// their subtrees', its target the sum of their targets.
func (s *Service) TargetGroupProgress(ctx context.Context, orgCode string, year int, asOf tochuc.Date, attribute string) (*GroupProgress, error) {
	o, asOf, err := s.progressOrg(ctx, orgCode, asOf)
	if err != nil {
		return nil, err
	}
	if year == 0 {
		year, _ = strconv.Atoi(string(asOf[:4]))
	}
	attribute = strings.TrimSpace(attribute)
	if attribute == "" {
		return nil, tochuc.Errorf(tochuc.EINVALID, "thiếu thuộc tính của nhóm (ví dụ border)")
	}
	all, err := s.DB.SubtreeAsOf(ctx, o.Path, asOf) // in path order
	if err != nil {
		return nil, err
	}
	var group []tochuc.Org
	for _, x := range all {
		if !x.HasAttr(attribute) {
			continue
		}
		if n := len(group); n > 0 && strings.HasPrefix(x.Path, group[n-1].Path) {
			continue
		}
		group = append(group, x)
	}
	g := &GroupProgress{Org: o, Code: o.Code, Year: year, AsOf: asOf, Attribute: attribute, Members: []string{}, Rows: []GroupRow{}}
	ids := make([]int64, len(group))
	for i, x := range group {
		ids[i] = x.ID
		g.Members = append(g.Members, x.Code)
	}
	if len(group) == 0 {
		return g, nil
	}
	ts, err := s.DB.TargetsOfYear(ctx, ids, year)
	if err != nil {
		return nil, err
	}
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	type key struct {
		fig, filter, dir string
		yf, yt           int
	}
	rows := map[key]*GroupRow{}
	var order []key
	for _, t := range ts {
		k := key{t.Figure, t.Filter, t.Direction, t.YearFrom, t.YearTo}
		r := rows[k]
		if r == nil {
			r = &GroupRow{Figure: t.Figure, Filter: t.Filter, Direction: t.Direction, YearFrom: t.YearFrom, YearTo: t.YearTo}
			rows[k] = r
			order = append(order, k)
		}
		r.Target += t.Target
		r.WithTarget++
	}
	label := attrLabels[attribute]
	if label == "" {
		label = "có thuộc tính " + attribute
	}
	for _, k := range order {
		r := rows[k]
		from, to := period(k.yf, k.yt, asOf)
		n, err := figureOfOrgs(snap, ids, k.fig, k.filter, from, to)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			r.Actual += n[id]
		}
		r.Percent = vn.FormatPercent(r.Actual, r.Target)
		r.Achieved = achieved(r.Direction, r.Actual, r.Target)
		r.Sentence = fmt.Sprintf("%d tổ chức đảng %s %s %s %s (đạt %s)", len(group), label, figureVerbs[k.fig],
			vn.FormatInt(r.Actual), figureNoun(k.fig), r.Percent)
		g.Rows = append(g.Rows, *r)
	}
	return g, nil
}
