package statforms

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"tochuc"
	"tochuc/stats"
	"tochuc/vn"
)

// Result is a form filled for one org as of a date.
type Result struct {
	Form    string                      `json:"form"`
	OrgID   int64                       `json:"-"`
	OrgCode string                      `json:"org_code"`
	AsOf    tochuc.Date                 `json:"as_of"`
	From    tochuc.Date                 `json:"from"`    // first day of the flows' period
	Opening tochuc.Date                 `json:"opening"` // the day of the opening figures
	Values  map[string]map[string]int64 `json:"values"`  // row → column → value
	Issues  []Issue                     `json:"issues"`
}

// Issue is a validation rule that failed, naming the row or the column.
type Issue struct {
	Rule    string `json:"rule"`
	Level   string `json:"level"`
	Row     string `json:"row,omitempty"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}

// Value is the value of a cell (false for an empty cell).
func (r *Result) Value(row, col string) (int64, bool) {
	v, ok := r.Values[row][col]
	return v, ok
}

// Errors are the issues that block a submission.
func (r *Result) Errors() []Issue {
	var out []Issue
	for _, is := range r.Issues {
		if is.Level == LevelError {
			out = append(out, is)
		}
	}
	return out
}

// Period is the period of the flows of a form as of a date: 1 January of its year to the date;
// the opening figures are those of 31 December of the year before.
func Period(asOf tochuc.Date) (from, opening tochuc.Date) {
	y, _ := strconv.Atoi(string(asOf[:4]))
	return tochuc.Date(fmt.Sprintf("%04d-01-01", y)), tochuc.Date(fmt.Sprintf("%04d-12-31", y-1))
}

// Compute fills the form for every org of the subtree of root (0: the whole tree) as of the
// date: every distinct figure of the layout once, for all orgs in one pass per source; then the
// cells and the validation rules of each org.
func Compute(snap *stats.Snapshot, l *Layout, root int64, asOf tochuc.Date) (map[int64]*Result, error) {
	b, err := ComputeBatch(snap, l, root, asOf)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*Result, len(b.orgs))
	for i := range b.orgs {
		out[b.orgs[i]] = b.result(i)
	}
	return out, nil
}

// ComputeOrg fills the form of one org as of the date (its whole subtree counted in it, no row
// kept for the orgs below).
func ComputeOrg(snap *stats.Snapshot, l *Layout, orgID int64, asOf tochuc.Date) (*Result, error) {
	bs, err := compute(snap, []*Layout{l}, orgID, asOf, true)
	if err != nil {
		return nil, err
	}
	if len(bs[0].orgs) == 0 {
		return nil, tochuc.Errorf(tochuc.ENOTFOUND, "tổ chức không tồn tại ngày %s", asOf.Display())
	}
	return bs[0].result(0), nil
}

// Batch is a form computed for many orgs, kept flat: the cells of org i are
// cells[i*n:(i+1)*n] in the layout's order, its issues issues[i].
type Batch struct {
	l             *Layout
	snap          *stats.Snapshot
	asOf          tochuc.Date
	from, opening tochuc.Date
	orgs          []int64
	cells         []int32
	issues        [][]Issue
}

// Layout is the form of the batch.
func (b *Batch) Layout() *Layout { return b.l }

// Orgs are the ids of the orgs of the batch, in the order of the tree.
func (b *Batch) Orgs() []int64 { return b.orgs }

// Errors counts the orgs whose form breaks an error rule.
func (b *Batch) Errors() int {
	n := 0
	for _, is := range b.issues {
		for _, x := range is {
			if x.Level == LevelError {
				n++
				break
			}
		}
	}
	return n
}

// Result is the form of one org of the batch (nil if not in it).
func (b *Batch) Result(orgID int64) *Result {
	for i, id := range b.orgs {
		if id == orgID {
			return b.result(i)
		}
	}
	return nil
}

func (b *Batch) result(i int) *Result {
	n := len(b.l.c.cells)
	res := &Result{Form: b.l.Code, OrgID: b.orgs[i], OrgCode: b.snap.OrgCode(b.orgs[i]), AsOf: b.asOf, From: b.from,
		Opening: b.opening, Values: map[string]map[string]int64{}, Issues: b.issues[i]}
	for j, c := range b.l.c.cells {
		if res.Values[c.row] == nil {
			res.Values[c.row] = map[string]int64{}
		}
		res.Values[c.row][c.col] = int64(b.cells[i*n+j])
	}
	return res
}

// ComputeBatch is Compute kept flat, for the whole country at once.
func ComputeBatch(snap *stats.Snapshot, l *Layout, root int64, asOf tochuc.Date) (*Batch, error) {
	bs, err := compute(snap, []*Layout{l}, root, asOf, false)
	if err != nil {
		return nil, err
	}
	return bs[0], nil
}

// ComputeAll fills several forms for every org of the subtree of root at once: the figures of
// all the forms are tallied together, one pass over the spans per day for all of them.
func ComputeAll(snap *stats.Snapshot, ls []*Layout, root int64, asOf tochuc.Date) ([]*Batch, error) {
	return compute(snap, ls, root, asOf, false)
}

func compute(snap *stats.Snapshot, ls []*Layout, root int64, asOf tochuc.Date, only bool) ([]*Batch, error) {
	if _, err := tochuc.ParseISODate(string(asOf)); err != nil {
		return nil, tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ", asOf)
	}
	from, opening := Period(asOf)
	// The distinct figures of all the forms, and where each form's figures are among them.
	var figs []stats.Figure
	at := map[string]int{}
	local := make([][]int, len(ls))
	for li, l := range ls {
		for _, c := range l.c.figs {
			key := c.String()
			i, ok := at[key]
			if !ok {
				i = len(figs)
				at[key] = i
				f := stats.Figure{Filter: c.Conds}
				switch c.Fn {
				case FnMembers:
					f.Source, f.Day = stats.SrcMembers, asOf
				case FnOpening:
					f.Source, f.Day = stats.SrcMembers, opening
				case FnOrgs:
					f.Source, f.Day = stats.SrcOrgs, asOf
				case FnFlow:
					f.Source, f.From, f.To, f.Flow = stats.SrcFlow, from, asOf, c.Flow
				}
				figs = append(figs, f)
			}
			local[li] = append(local[li], i)
		}
	}
	tally := snap.Tally
	if only {
		tally = snap.TallyOrg
	}
	t, err := tally(root, asOf, figs)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, t.Len())
	for i := range ids {
		ids[i] = t.OrgID(i)
	}
	bs := make([]*Batch, len(ls))
	for li, l := range ls {
		n := len(l.c.cells)
		bs[li] = &Batch{l: l, snap: snap, asOf: asOf, from: from, opening: opening, orgs: ids,
			cells: make([]int32, n*len(ids)), issues: make([][]Issue, len(ids))}
	}
	// The cells and the rules of each org, the orgs split between the cores.
	cellProgs := make([]prog, len(ls))
	for li, l := range ls {
		cellProgs[li] = l.c.cellProg.remap(local[li])
	}
	parts := runtime.GOMAXPROCS(0)
	if len(ids) < 1000 {
		parts = 1
	}
	var wg sync.WaitGroup
	for p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			row := make([]int64, len(figs))
			var cells, lv, rv []int64
			for i := p * len(ids) / parts; i < (p+1)*len(ids)/parts; i++ {
				t.Row(i, row)
				for li, l := range ls {
					n, m := len(l.c.cells), len(l.c.insts)
					cells = slices.Grow(cells[:0], n)[:n]
					lv, rv = slices.Grow(lv[:0], m)[:m], slices.Grow(rv[:0], m)[:m]
					cellProgs[li].run(row, cells)
					l.c.lProg.run(cells, lv)
					l.c.rProg.run(cells, rv)
					b := bs[li]
					for j, v := range cells {
						b.cells[i*n+j] = int32(v)
					}
					b.issues[i] = l.checkSides(lv, rv)
				}
			}
		}()
	}
	wg.Wait()
	return bs, nil
}

// Validate runs the rules of the layout over the values of a form (a missing value counts 0).
func (l *Layout) Validate(values map[string]map[string]int64) []Issue {
	cells := make([]int64, len(l.c.cells))
	for i, c := range l.c.cells {
		cells[i] = values[c.row][c.col]
	}
	return l.validate(cells)
}

// issue is the message of a failed check: the row or the column, both sides with their values,
// the rule's words and its id.
func (l *Layout) issue(in checkInst, lv, rv int64, neg string) Issue {
	ru, ch := l.Rules[in.rule], l.checks[in.rule]
	is := Issue{Rule: ru.ID, Level: ru.Level}
	label := l.colLabel
	if in.col != "" {
		label = l.rowLabel
	}
	msg := fmt.Sprintf("%s = %s %s %s = %s — %s (quy tắc %s)", render(ch.L, label), vn.FormatInt(lv), neg,
		render(ch.R, label), vn.FormatInt(rv), ru.Message, ru.ID)
	if in.row != "" {
		r := l.RowByKey(in.row)
		is.Row, is.Column = in.row, firstRef(ch)
		is.Message = fmt.Sprintf("Dòng %s «%s»: %s", r.No, r.Label, msg)
	} else {
		is.Row, is.Column = firstRef(ch), in.col
		is.Message = fmt.Sprintf("Cột «%s»: %s", l.ColumnByKey(in.col).Label, msg)
	}
	return is
}

func firstRef(ch Check) string {
	if r := Refs(ch.L); len(r) > 0 {
		return r[0]
	}
	if r := Refs(ch.R); len(r) > 0 {
		return r[0]
	}
	return ""
}

func (l *Layout) colLabel(k string) string { return "cột «" + l.ColumnByKey(k).Label + "»" }
func (l *Layout) rowLabel(k string) string {
	r := l.RowByKey(k)
	return "dòng " + r.No
}

func render(e Expr, label func(string) string) string {
	switch x := e.(type) {
	case Ref:
		return label(string(x))
	case Bin:
		return render(x.L, label) + " " + string(x.Op) + " " + render(x.R, label)
	}
	return e.String()
}

// Label of an issue level.
func LevelLabel(level string) string {
	if level == LevelError {
		return "Lỗi"
	}
	return "Cảnh báo"
}
