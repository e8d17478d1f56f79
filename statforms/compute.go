package statforms

import (
	"fmt"
	"strconv"

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

// Batch is a form computed for many orgs, kept flat: the cells of org i are
// cells[i*n:(i+1)*n] in the layout's order, its issues issues[i].
type Batch struct {
	l             *Layout
	snap          *stats.Snapshot
	asOf          tochuc.Date
	from, opening tochuc.Date
	orgs          []int64
	cells         []int64
	issues        [][]Issue
}

// Orgs are the orgs of the batch, by id.
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
		res.Values[c.row][c.col] = b.cells[i*n+j]
	}
	return res
}

// ComputeBatch is Compute kept flat, for the whole country at once.
func ComputeBatch(snap *stats.Snapshot, l *Layout, root int64, asOf tochuc.Date) (*Batch, error) {
	if _, err := tochuc.ParseISODate(string(asOf)); err != nil {
		return nil, tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ", asOf)
	}
	from, opening := Period(asOf)
	figs := make([]stats.Figure, len(l.c.figs))
	for i, c := range l.c.figs {
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
		figs[i] = f
	}
	t, err := snap.Tally(root, asOf, figs)
	if err != nil {
		return nil, err
	}
	b := &Batch{l: l, snap: snap, asOf: asOf, from: from, opening: opening, orgs: t.OrgIDs()}
	n := len(l.c.cells)
	b.cells = make([]int64, n*len(b.orgs))
	b.issues = make([][]Issue, len(b.orgs))
	for i, id := range b.orgs {
		cells := b.cells[i*n : (i+1)*n]
		l.c.cellValues(t.Values(id), cells)
		b.issues[i] = l.validate(cells)
	}
	return b, nil
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
