// Package statforms holds the official statistical forms of the sector (the …-TCTW forms of
// HD 11-HD/BTCTW) as data: each layout in layouts/*.json names its rows and columns, the engine
// expression of each cell and the validation rules, so a corrected or added form is
// configuration, not code. Compute fills a form for every org of a subtree from one statistics
// snapshot (each distinct figure computed once, for all orgs at once); WriteXLSX prints it in
// the official layout.
package statforms

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"tochuc/stats"
)

//go:embed layouts/*.json
var layoutFS embed.FS

// Layout is one form.
type Layout struct {
	Code       string   `json:"code"`
	Title      string   `json:"title"`
	Subtitle   string   `json:"subtitle,omitempty"`
	Basis      string   `json:"basis"`
	Unverified string   `json:"unverified,omitempty"` // what of the layout is not confirmed by a source
	Dates      []string `json:"dates"`                // MM-DD the form is made for
	Columns    []Column `json:"columns"`
	Rows       []Row    `json:"rows"`
	Rules      []Rule   `json:"rules"`

	cells  map[string]map[string]Expr // row → column → expression
	checks []Check
	c      *compiled
}

// Column is a column of figures: its conditions apply to every cell of the column.
type Column struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Group string `json:"group,omitempty"` // a header cell merged over adjacent columns of the same group
	Where string `json:"where,omitempty"`

	conds []stats.Cond
}

// Row is a row: its expression with each column's conditions, in the columns Only (all when
// empty), unless Cells gives a cell its own expression ("" leaves it empty).
type Row struct {
	Key     string            `json:"key"`
	No      string            `json:"no"`
	Label   string            `json:"label"`
	Level   int               `json:"level,omitempty"` // indentation: 0 a heading row
	Heading bool              `json:"heading,omitempty"`
	Expr    string            `json:"expr,omitempty"`
	Only    []string          `json:"only,omitempty"`
	Cells   map[string]string `json:"cells,omitempty"`
}

// Rule is a validation: Check compares references to columns (Over "rows": checked on each row
// of Rows, all rows where every referenced cell exists when empty) or to rows (Over "columns").
// An error blocks the submission; a warning is shown.
type Rule struct {
	ID      string   `json:"id"`
	Over    string   `json:"over"` // rows, columns
	Check   string   `json:"check"`
	Rows    []string `json:"rows,omitempty"`
	Columns []string `json:"columns,omitempty"`
	Level   string   `json:"level"` // error, warning
	Message string   `json:"message"`
}

// Levels of a rule.
const (
	LevelError   = "error"
	LevelWarning = "warning"
)

var (
	mu      sync.RWMutex
	layouts = map[string]*Layout{}
)

func init() {
	ents, err := layoutFS.ReadDir("layouts")
	if err != nil {
		panic(err)
	}
	for _, e := range ents {
		b, err := layoutFS.ReadFile(path.Join("layouts", e.Name()))
		if err != nil {
			panic(err)
		}
		l, err := ParseLayout(b)
		if err != nil {
			panic(fmt.Sprintf("statforms: %s: %v", e.Name(), err))
		}
		layouts[l.Code] = l
	}
}

// Get is the layout of a form code.
func Get(code string) (*Layout, bool) {
	mu.RLock()
	defer mu.RUnlock()
	l, ok := layouts[code]
	return l, ok
}

// Codes are the form codes, in order.
func Codes() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(layouts))
	for c := range layouts {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return lessCode(out[i], out[j]) })
	return out
}

// lessCode orders "1-TCTW" before "10-TCTW".
func lessCode(a, b string) bool {
	na, nb := len(a)-len(strings.TrimLeft(a, "0123456789")), len(b)-len(strings.TrimLeft(b, "0123456789"))
	if na != nb {
		return na < nb
	}
	return a < b
}

// ParseLayout reads and checks a layout: every expression and check parses, keys are unique,
// references name rows or columns.
func ParseLayout(b []byte) (*Layout, error) {
	var l Layout
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, err
	}
	if l.Code == "" || l.Title == "" || len(l.Columns) == 0 || len(l.Rows) == 0 {
		return nil, fmt.Errorf("thiếu mã, tên, cột hoặc dòng")
	}
	for _, d := range l.Dates {
		if len(d) != 5 || d[2] != '-' {
			return nil, fmt.Errorf("ngày %q: viết MM-DD", d)
		}
	}
	cols := map[string]*Column{}
	for i := range l.Columns {
		c := &l.Columns[i]
		if c.Key == "" || cols[c.Key] != nil {
			return nil, fmt.Errorf("cột %q trống hoặc trùng", c.Key)
		}
		cols[c.Key] = c
		conds, err := parseConds(c.Where)
		if err != nil {
			return nil, fmt.Errorf("cột %s: %v", c.Key, err)
		}
		c.conds = conds
	}
	l.cells = map[string]map[string]Expr{}
	for _, r := range l.Rows {
		if r.Key == "" || l.cells[r.Key] != nil {
			return nil, fmt.Errorf("dòng %q trống hoặc trùng", r.Key)
		}
		m := map[string]Expr{}
		l.cells[r.Key] = m
		var base Expr
		if r.Expr != "" {
			e, err := ParseExpr(r.Expr)
			if err != nil {
				return nil, fmt.Errorf("dòng %s: %v", r.Key, err)
			}
			base = e
		}
		for _, k := range r.Only {
			if cols[k] == nil {
				return nil, fmt.Errorf("dòng %s: cột %q không có", r.Key, k)
			}
		}
		for _, c := range l.Columns {
			if s, ok := r.Cells[c.Key]; ok {
				if s == "" {
					continue
				}
				e, err := ParseExpr(s)
				if err != nil {
					return nil, fmt.Errorf("dòng %s, cột %s: %v", r.Key, c.Key, err)
				}
				m[c.Key] = e
				continue
			}
			if base != nil && (len(r.Only) == 0 || slices.Contains(r.Only, c.Key)) {
				m[c.Key] = withConds(base, c.conds)
			}
		}
		for k := range r.Cells {
			if cols[k] == nil {
				return nil, fmt.Errorf("dòng %s: cột %q không có", r.Key, k)
			}
		}
	}
	for _, ru := range l.Rules {
		ch, err := ParseCheck(ru.Check)
		if err != nil {
			return nil, fmt.Errorf("quy tắc %s: %v", ru.ID, err)
		}
		if ru.Level != LevelError && ru.Level != LevelWarning {
			return nil, fmt.Errorf("quy tắc %s: mức %q (error, warning)", ru.ID, ru.Level)
		}
		refs := append(Refs(ch.L), Refs(ch.R)...)
		switch ru.Over {
		case "rows":
			for _, k := range refs {
				if cols[k] == nil {
					return nil, fmt.Errorf("quy tắc %s: cột %q không có", ru.ID, k)
				}
			}
			for _, k := range ru.Rows {
				if l.cells[k] == nil {
					return nil, fmt.Errorf("quy tắc %s: dòng %q không có", ru.ID, k)
				}
			}
		case "columns":
			for _, k := range refs {
				if l.cells[k] == nil {
					return nil, fmt.Errorf("quy tắc %s: dòng %q không có", ru.ID, k)
				}
			}
			for _, k := range ru.Columns {
				if cols[k] == nil {
					return nil, fmt.Errorf("quy tắc %s: cột %q không có", ru.ID, k)
				}
			}
		default:
			return nil, fmt.Errorf("quy tắc %s: over %q (rows, columns)", ru.ID, ru.Over)
		}
		l.checks = append(l.checks, ch)
	}
	if err := l.compile(); err != nil {
		return nil, err
	}
	return &l, nil
}

// Cell is the expression of a cell (nil: the cell is empty).
func (l *Layout) Cell(row, col string) Expr { return l.cells[row][col] }

// MadeFor reports whether the form is made for a date (YYYY-MM-DD); a form without dates is
// made for any date.
func (l *Layout) MadeFor(date string) bool {
	return len(l.Dates) == 0 || len(date) == 10 && slices.Contains(l.Dates, date[5:])
}

// RowByKey and ColumnByKey find a row or a column.
func (l *Layout) RowByKey(k string) *Row {
	for i := range l.Rows {
		if l.Rows[i].Key == k {
			return &l.Rows[i]
		}
	}
	return nil
}

func (l *Layout) ColumnByKey(k string) *Column {
	for i := range l.Columns {
		if l.Columns[i].Key == k {
			return &l.Columns[i]
		}
	}
	return nil
}

// Register adds or replaces a layout (a corrected form loaded from a file, or a test's).
func Register(b []byte) (*Layout, error) {
	l, err := ParseLayout(b)
	if err != nil {
		return nil, err
	}
	mu.Lock()
	layouts[l.Code] = l
	mu.Unlock()
	return l, nil
}
