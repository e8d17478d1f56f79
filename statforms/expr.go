package statforms

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"tochuc/stats"
)

// The expression language of the layouts, kept tiny:
//
//	expr  := term { ("+" | "-") term }
//	term  := NUMBER | NAME | NAME "(" [arg { "," arg }] ")" | "(" expr ")"
//	arg   := NAME | NAME ("=" | "!=") value { "|" value }
//	check := expr ("=" | "<=" | ">=") expr
//
// Functions: members(…) the members of the subtree on the date; opening(…) the members on the
// last day of the previous year (the closing of the previous period); flow(NAME, …) the flow
// NAME over the period (1 January of the date's year to the date); orgs(…) the organizations
// of the subtree on the date. Each condition dim=a|b keeps the values a or b of a dimension,
// dim!=a|b the others. A bare NAME is a reference to a row or a column in a check.

// Functions of the language.
const (
	FnMembers = "members"
	FnOpening = "opening"
	FnFlow    = "flow"
	FnOrgs    = "orgs"
)

// Expr is a parsed expression.
type Expr interface{ String() string }

// Num is a constant.
type Num int64

// Ref names a row or a column (checks only).
type Ref string

// Call is one engine figure.
type Call struct {
	Fn    string
	Flow  string
	Conds []stats.Cond
}

// Bin is a sum or a difference.
type Bin struct {
	Op   byte
	L, R Expr
}

func (n Num) String() string { return strconv.FormatInt(int64(n), 10) }
func (r Ref) String() string { return string(r) }
func (b Bin) String() string { return b.L.String() + " " + string(b.Op) + " " + b.R.String() }
func (c Call) String() string {
	var args []string
	if c.Flow != "" {
		args = append(args, c.Flow)
	}
	for _, cd := range c.Conds {
		op := "="
		if cd.Not {
			op = "!="
		}
		args = append(args, cd.Dim+op+strings.Join(cd.Codes, "|"))
	}
	return c.Fn + "(" + strings.Join(args, ", ") + ")"
}

// Check is a validation: L op R.
type Check struct {
	L, R Expr
	Op   string // "=", "<=", ">="
}

func (c Check) String() string { return c.L.String() + " " + c.Op + " " + c.R.String() }

type parser struct {
	s   string
	i   int
	ref bool // bare names allowed
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("vị trí %d của %q: %s", p.i+1, p.s, fmt.Sprintf(format, args...))
}

func (p *parser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *parser) peek() byte {
	p.space()
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func isName(c byte, first bool) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || !first && c >= '0' && c <= '9'
}

func (p *parser) name() string {
	p.space()
	j := p.i
	for p.i < len(p.s) && isName(p.s[p.i], p.i == j) {
		p.i++
	}
	return p.s[j:p.i]
}

// value is a code: anything up to a separator.
func (p *parser) value() string {
	p.space()
	j := p.i
	for p.i < len(p.s) && !strings.ContainsRune(",)| \t", rune(p.s[p.i])) {
		p.i++
	}
	return p.s[j:p.i]
}

const maxDepth = 50

func (p *parser) expr(depth int) (Expr, error) {
	if depth > maxDepth {
		return nil, p.errorf("biểu thức lồng quá sâu")
	}
	l, err := p.term(depth)
	if err != nil {
		return nil, err
	}
	for {
		c := p.peek()
		if c != '+' && c != '-' {
			return l, nil
		}
		p.i++
		r, err := p.term(depth)
		if err != nil {
			return nil, err
		}
		l = Bin{Op: c, L: l, R: r}
	}
}

func (p *parser) term(depth int) (Expr, error) {
	c := p.peek()
	switch {
	case c == '(':
		p.i++
		e, err := p.expr(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, p.errorf("thiếu dấu )")
		}
		p.i++
		return e, nil
	case c >= '0' && c <= '9':
		j := p.i
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
		}
		n, err := strconv.ParseInt(p.s[j:p.i], 10, 64)
		if err != nil || n > 1e12 {
			return nil, p.errorf("số %q quá lớn", p.s[j:p.i])
		}
		return Num(n), nil
	case isName(c, true):
		n := p.name()
		if p.peek() != '(' {
			if !p.ref {
				return nil, p.errorf("%q: thiếu dấu ( sau tên hàm", n)
			}
			return Ref(n), nil
		}
		p.i++
		return p.call(n)
	}
	if c == 0 {
		return nil, p.errorf("biểu thức kết thúc giữa chừng")
	}
	return nil, p.errorf("ký tự %q không được dùng", c)
}

func (p *parser) call(fn string) (Expr, error) {
	switch fn {
	case FnMembers, FnOpening, FnFlow, FnOrgs:
	default:
		return nil, p.errorf("hàm %q không có; các hàm: members, opening, flow, orgs", fn)
	}
	c := Call{Fn: fn}
	first := true
	for p.peek() != ')' {
		if !first {
			if p.peek() != ',' {
				return nil, p.errorf("thiếu dấu , hoặc )")
			}
			p.i++
		}
		first = false
		n := p.name()
		if n == "" {
			return nil, p.errorf("thiếu tên chiều")
		}
		var not bool
		switch {
		case strings.HasPrefix(p.s[p.i:], "!="):
			not = true
			p.i += 2
		case strings.HasPrefix(p.s[p.i:], "="):
			p.i++
		default:
			if fn == FnFlow && c.Flow == "" && len(c.Conds) == 0 {
				if !slices.Contains(stats.Flows, n) {
					return nil, p.errorf("luồng %q không có; các luồng: %s", n, strings.Join(stats.Flows, ", "))
				}
				c.Flow = n
				continue
			}
			return nil, p.errorf("%q: thiếu = hoặc != sau tên chiều", n)
		}
		cd := stats.Cond{Dim: n, Not: not}
		for {
			v := p.value()
			if v == "" {
				return nil, p.errorf("thiếu giá trị của chiều %q", n)
			}
			cd.Codes = append(cd.Codes, v)
			if p.peek() != '|' {
				break
			}
			p.i++
		}
		for _, old := range c.Conds {
			if old.Dim == n {
				return nil, p.errorf("chiều %q được nêu hai lần", n)
			}
		}
		c.Conds = append(c.Conds, cd)
	}
	p.i++
	if fn == FnFlow && c.Flow == "" {
		return nil, p.errorf("flow(…) cần tên luồng đầu tiên, ví dụ flow(admitted)")
	}
	return c, nil
}

// ParseExpr parses a cell expression (no references).
func ParseExpr(s string) (Expr, error) {
	p := &parser{s: s}
	e, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	if p.peek() != 0 {
		return nil, p.errorf("thừa ký tự")
	}
	return e, nil
}

// ParseCheck parses a validation check: two expressions of references and numbers compared.
func ParseCheck(s string) (Check, error) {
	p := &parser{s: s, ref: true}
	l, err := p.expr(0)
	if err != nil {
		return Check{}, err
	}
	var op string
	p.space()
	for _, o := range []string{"<=", ">=", "="} {
		if strings.HasPrefix(p.s[p.i:], o) {
			op = o
			p.i += len(o)
			break
		}
	}
	if op == "" {
		return Check{}, p.errorf("thiếu phép so sánh =, <= hoặc >=")
	}
	r, err := p.expr(0)
	if err != nil {
		return Check{}, err
	}
	if p.peek() != 0 {
		return Check{}, p.errorf("thừa ký tự")
	}
	return Check{L: l, R: r, Op: op}, nil
}

// walk calls fn for every node of e.
func walk(e Expr, fn func(Expr)) {
	fn(e)
	if b, ok := e.(Bin); ok {
		walk(b.L, fn)
		walk(b.R, fn)
	}
}

// Refs are the references of an expression, in order.
func Refs(e Expr) []string {
	var out []string
	walk(e, func(x Expr) {
		if r, ok := x.(Ref); ok {
			out = append(out, string(r))
		}
	})
	return out
}

// withConds adds the conditions of a column to every call of a row expression (a condition of
// the row on the same dimension wins).
func withConds(e Expr, conds []stats.Cond) Expr {
	switch x := e.(type) {
	case Bin:
		return Bin{Op: x.Op, L: withConds(x.L, conds), R: withConds(x.R, conds)}
	case Call:
		out := x
		out.Conds = slices.Clone(x.Conds)
	next:
		for _, c := range conds {
			for _, o := range out.Conds {
				if o.Dim == c.Dim {
					continue next
				}
			}
			out.Conds = append(out.Conds, c)
		}
		return out
	}
	return e
}

// parseConds reads a column's conditions "dim=a|b, dim!=c".
func parseConds(s string) ([]stats.Cond, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	e, err := ParseExpr("members(" + s + ")")
	if err != nil {
		return nil, err
	}
	c, ok := e.(Call)
	if !ok {
		return nil, fmt.Errorf("điều kiện %q không hợp lệ", s)
	}
	return c.Conds, nil
}
