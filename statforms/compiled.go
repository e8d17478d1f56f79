package statforms

import "fmt"

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
	l.c = c
	return nil
}

func sum(k int64, ts []term, v []int64) int64 {
	for _, t := range ts {
		k += t.sign * v[t.idx]
	}
	return k
}

// cellValues computes the cells from the figures.
func (c *compiled) cellValues(figs []int64, out []int64) {
	for i := range c.cells {
		out[i] = sum(c.cells[i].konst, c.cells[i].terms, figs)
	}
}

// validate runs the rules over the cells; messages are made for the failures only.
func (l *Layout) validate(cells []int64) []Issue {
	var out []Issue
	for _, in := range l.c.insts {
		lv, rv := sum(in.lk, in.l, cells), sum(in.rk, in.r, cells)
		ch := l.checks[in.rule]
		var pass bool
		var neg string
		switch ch.Op {
		case "=":
			pass, neg = lv == rv, "≠"
		case "<=":
			pass, neg = lv <= rv, ">"
		case ">=":
			pass, neg = lv >= rv, "<"
		}
		if !pass {
			out = append(out, l.issue(in, lv, rv, neg))
		}
	}
	return out
}
