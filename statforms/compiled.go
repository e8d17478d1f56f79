package statforms

import (
	"fmt"
	"slices"

	"tochuc"
	"tochuc/stats"
)

// A layout compiled for speed: the cells in row-major order, each a sum of signed figures and a
// constant; the distinct figures of the layout (each computed once per org); every rule applied
// to every row or column where all its cells exist, as signed sums of cells. Computing a form
// for an org is then additions over a slice, with strings only for a rule that fails.

type term struct {
	sign int64
	idx  int
}

type cellCode struct {
	row, col string
	ri, ci   int
	konst    int64
	terms    []term // over figures
}

type checkInst struct {
	rule     int
	row, col string // the row (rules over rows) or the column (rules over columns)
	lk, rk   int64
	l, r     []term // over cells
}

type compiled struct {
	figs   []Call
	cells  []cellCode
	cellAt map[[2]string]int
	insts  []checkInst

	// The same flattened for the country-wide batch: the cells over the figures, then both sides
	// of every check over the cells.
	cellProg     prog
	lProg, rProg prog
	ops          []uint8 // per check instance
}

const (
	opEq = iota
	opLe
	opGe
)

// prog is a list of signed sums kept flat. Most sums are one figure or cell alone: sum
// one[i].j is v[one[i].x]. Every other sum j = sums[n] is konst[n] plus v[idx[t]] for t in
// start[n]..mid[n], minus v[idx[t]] for t in mid[n]..start[n+1].
type prog struct {
	n     int
	one   []struct{ j, x int32 }
	sums  []int32
	start []int32
	mid   []int32
	idx   []int32
	konst []int64
}

func (p *prog) add(k int64, ts []term) {
	j := int32(p.n)
	p.n++
	if k == 0 && len(ts) == 1 && ts[0].sign == 1 {
		p.one = append(p.one, struct{ j, x int32 }{j, int32(ts[0].idx)})
		return
	}
	if len(p.start) == 0 {
		p.start = append(p.start, 0)
	}
	for _, neg := range []bool{false, true} {
		if neg {
			p.mid = append(p.mid, int32(len(p.idx)))
		}
		for _, t := range ts {
			for n := t.sign; n != 0 && (n < 0) == neg; {
				p.idx = append(p.idx, int32(t.idx))
				if n < 0 {
					n++
				} else {
					n--
				}
			}
		}
	}
	p.sums = append(p.sums, j)
	p.konst = append(p.konst, k)
	p.start = append(p.start, int32(len(p.idx)))
}

// remap is the program with its leaves renumbered (leaf i becomes at[i]).
func (p prog) remap(at []int) prog {
	q := p
	q.idx = make([]int32, len(p.idx))
	for i, x := range p.idx {
		q.idx[i] = int32(at[x])
	}
	q.one = slices.Clone(p.one)
	for i := range q.one {
		q.one[i].x = int32(at[q.one[i].x])
	}
	return q
}

// run writes each sum over v into out.
func (p *prog) run(v, out []int64) {
	out = out[:p.n]
	for _, o := range p.one {
		out[o.j] = v[o.x]
	}
	idx := p.idx
	for n, k := range p.konst {
		a, m, b := p.start[n], p.mid[n], p.start[n+1]
		for _, x := range idx[a:m] {
			k += v[x]
		}
		for _, x := range idx[m:b] {
			k -= v[x]
		}
		out[p.sums[n]] = k
	}
}

// linear flattens an expression into a constant and signed leaves.
func linear(e Expr, sign int64, leaf func(Expr) int, k *int64, out *[]term) {
	switch x := e.(type) {
	case Num:
		*k += sign * int64(x)
	case Bin:
		linear(x.L, sign, leaf, k, out)
		if x.Op == '-' {
			linear(x.R, -sign, leaf, k, out)
		} else {
			linear(x.R, sign, leaf, k, out)
		}
	default:
		*out = append(*out, term{sign, leaf(e)})
	}
}

func (l *Layout) compile() error {
	c := &compiled{cellAt: map[[2]string]int{}}
	figIdx := map[string]int{}
	for ri, r := range l.Rows {
		for ci, col := range l.Columns {
			e := l.cells[r.Key][col.Key]
			if e == nil {
				continue
			}
			cc := cellCode{row: r.Key, col: col.Key, ri: ri, ci: ci}
			linear(e, 1, func(x Expr) int {
				call := x.(Call)
				key := call.String()
				i, ok := figIdx[key]
				if !ok {
					i = len(c.figs)
					figIdx[key] = i
					c.figs = append(c.figs, call)
				}
				return i
			}, &cc.konst, &cc.terms)
			c.cellAt[[2]string{r.Key, col.Key}] = len(c.cells)
			c.cells = append(c.cells, cc)
		}
	}
	for i, ru := range l.Rules {
		ch := l.checks[i]
		inst := func(row, col string, cell func(ref string) (int, bool)) {
			ok := true
			leaf := func(x Expr) int {
				j, found := cell(string(x.(Ref)))
				ok = ok && found
				return j
			}
			in := checkInst{rule: i, row: row, col: col}
			linear(ch.L, 1, leaf, &in.lk, &in.l)
			linear(ch.R, 1, leaf, &in.rk, &in.r)
			if ok {
				c.insts = append(c.insts, in)
			}
		}
		if ru.Over == "rows" {
			rows := ru.Rows
			if len(rows) == 0 {
				for _, r := range l.Rows {
					rows = append(rows, r.Key)
				}
			}
			for _, rk := range rows {
				inst(rk, "", func(ref string) (int, bool) { j, ok := c.cellAt[[2]string{rk, ref}]; return j, ok })
			}
			continue
		}
		cols := ru.Columns
		if len(cols) == 0 {
			for _, col := range l.Columns {
				cols = append(cols, col.Key)
			}
		}
		for _, ck := range cols {
			inst("", ck, func(ref string) (int, bool) { j, ok := c.cellAt[[2]string{ref, ck}]; return j, ok })
		}
	}
	if len(c.cells) == 0 {
		return fmt.Errorf("biểu không có ô nào có công thức")
	}
	for _, cc := range c.cells {
		c.cellProg.add(cc.konst, cc.terms)
	}
	for _, in := range c.insts {
		c.lProg.add(in.lk, in.l)
		c.rProg.add(in.rk, in.r)
		c.ops = append(c.ops, map[string]uint8{"=": opEq, "<=": opLe, ">=": opGe}[l.checks[in.rule].Op])
	}
	l.c = c
	return nil
}

// validate runs the rules over the cells; messages are made for the failures only.
func (l *Layout) validate(cells []int64) []Issue {
	lv, rv := make([]int64, len(l.c.insts)), make([]int64, len(l.c.insts))
	l.c.lProg.run(cells, lv)
	l.c.rProg.run(cells, rv)
	return l.checkSides(lv, rv)
}

// checkSides compares the two sides of every check.
func (l *Layout) checkSides(lvs, rvs []int64) []Issue {
	var out []Issue
	for i, op := range l.c.ops {
		lv, rv := lvs[i], rvs[i]
		var neg string
		switch {
		case op == opEq && lv != rv:
			neg = "≠"
		case op == opLe && lv > rv:
			neg = ">"
		case op == opGe && lv < rv:
			neg = "<"
		default:
			continue
		}
		out = append(out, l.issue(l.c.insts[i], lv, rv, neg))
	}
	return out
}

// Term is one signed engine figure of a cell, with its conditions as a stats filter (several
// codes as "a|b", a negation as "!a|b": see stats.FilterValue). Listable is false when a
// dimension has two conditions, which a filter cannot say.
type Term struct {
	Sign     int64
	Call     Call
	Filter   map[string]string
	Listable bool
}

// CellTerms is a cell as the sum of its constant and its signed figures: the explanation of
// the cell. False when the layout has no such cell.
func (l *Layout) CellTerms(row, col string) (konst int64, terms []Term, ok bool) {
	i, ok := l.c.cellAt[[2]string{row, col}]
	if !ok {
		return 0, nil, false
	}
	cc := l.c.cells[i]
	for _, t := range cc.terms {
		f := l.c.figs[t.idx]
		tm := Term{Sign: t.sign, Call: f, Filter: map[string]string{}, Listable: true}
		for _, c := range f.Conds {
			v := stats.FilterValue(c.Codes, c.Not)
			if old, ok := tm.Filter[c.Dim]; ok && old != v {
				tm.Listable = false
			}
			tm.Filter[c.Dim] = v
		}
		terms = append(terms, tm)
	}
	return cc.konst, terms, true
}

// CellFigure is the one engine figure a cell is, when it is one (no constant, no sum or
// difference): its function (members, opening, flow or orgs), the flow's name, and its
// conditions as a stats filter. It is the drill-down of the cell to the list of what it counts.
// False for a sum, or a dimension with two conditions.
func (l *Layout) CellFigure(row, col string) (fn, flow string, filter map[string]string, ok bool) {
	konst, terms, ok := l.CellTerms(row, col)
	if !ok || konst != 0 || len(terms) != 1 || terms[0].Sign != 1 || !terms[0].Listable {
		return "", "", nil, false
	}
	return terms[0].Call.Fn, terms[0].Call.Flow, terms[0].Filter, true
}

// TermValue is a term's figure (without its sign) for the subtree of an org on a form's date,
// computed by the engine's ordinary queries: the explanation of a cell is checked against the
// form's own one-pass computation by a test.
func TermValue(snap *stats.Snapshot, orgID int64, asOf tochuc.Date, t Term) (int64, error) {
	from, opening := Period(asOf)
	switch t.Call.Fn {
	case FnMembers:
		return snap.Total(stats.Query{OrgID: orgID, AsOf: asOf, Filter: t.Filter})
	case FnOpening:
		return snap.Total(stats.Query{OrgID: orgID, AsOf: opening, Filter: t.Filter})
	case FnOrgs:
		return snap.OrgTotal(stats.Query{OrgID: orgID, AsOf: asOf, Filter: t.Filter})
	case FnFlow:
		rows, err := snap.Flows(stats.FlowQuery{OrgID: orgID, From: from, To: asOf, Filter: t.Filter})
		var n int64
		for _, r := range rows {
			if r.Flow == t.Call.Flow {
				n += r.Count
			}
		}
		return n, err
	}
	return 0, fmt.Errorf("statforms: unknown function %q", t.Call.Fn)
}
