package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"tochuc"
)

// MemberQuery selects members placed in an org or a subtree on a date.
type MemberQuery struct {
	OrgID    int64       // direct members of this org (when OrgPath is empty)
	OrgPath  string      // members of the whole subtree at this path
	AsOf     tochuc.Date // the date placement and status are read on
	Today    bool        // AsOf is today: read the current placement kept on members
	NameKey  string      // folded name prefix, given name first
	FullKey  string      // folded name prefix in natural order (surname first)
	Exact    string      // citizen id or card number
	Status   string      // one status, or "" for every counted status
	Sex      string
	Offset   int
	Limit    int
	ByFold   bool // order by the folded name (search) rather than the collation key
	ByID     bool // order by id (full dumps: no sort needed)
	MaxCount int  // stop counting at this many (0: count all)

	// Filters on the identity columns of members (bind parameters only; codes are checked by the
	// service). Birth dates are partial ("1975", "1975-03"): compared as text, a partial date
	// stands for its first day, so only <= and > are used against full dates.
	Ethnicity       string
	Religion        string
	Education       string
	PoliticalTheory string
	BornAfter       tochuc.Date // birth_date > this (younger than an age)
	BornOnOrBefore  tochuc.Date // birth_date <= this (at least an age)
	AdmittedFrom    tochuc.Date // admission_date >= this
	AdmittedTo      tochuc.Date // admission_date <= this
}

// statusExpr computes a member's status on the query date from its span.
const statusExpr = `CASE WHEN s.state = 'in_transit' THEN 'in_transit' WHEN s.state = 'exempt' THEN 'exempt' WHEN s.official_from <= $1 THEN 'official' ELSE 'probationary' END`

// where builds the shared WHERE clause; $1 is always the as-of date.
func (q MemberQuery) where() (string, []any) {
	conds, args, _ := q.conds()
	return strings.Join(conds, " AND "), args
}

// conds returns the conditions of the WHERE clause with their arguments, and how many of the
// leading ones concern spans only (the date and the org), which spanWhere repeats.
func (q MemberQuery) conds() ([]string, []any, int) {
	args := []any{q.AsOf}
	var conds []string
	add := func(cond string, vals ...any) {
		for _, v := range vals {
			args = append(args, v)
			cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(args)), 1)
		}
		conds = append(conds, cond)
	}
	if q.Today {
		conds = append(conds, "CAST($1 AS TEXT) IS NOT NULL") // $1 is unused on this path; PostgreSQL needs its type
	} else {
		conds = append(conds, "s.valid_from <= $1 AND s.valid_to > $1")
	}
	// The subtree comes first: its arguments are $2 and $3, which spanWhere relies on.
	orgCol := "s.org_id"
	if q.Today {
		orgCol = "m.org_id"
	}
	if q.OrgPath != "" {
		lo, hi := tochuc.SubtreeRange(q.OrgPath)
		add(orgCol+" IN (SELECT sv.org_id FROM org_versions sv WHERE sv.path >= ? AND sv.path < ? AND sv.valid_from <= $1 AND sv.valid_to > $1)", lo, hi)
	} else if q.OrgID != 0 {
		add(orgCol+" = ?", q.OrgID)
	}
	nSpan := len(conds)
	switch {
	case q.Today && q.Status != "":
		add("m.status = ?", q.Status)
	case q.Today:
		conds = append(conds, "m.status IN ('probationary', 'official', 'exempt')")
	case q.Status != "":
		add(statusExpr+" = ?", q.Status)
	default:
		conds = append(conds, "s.state <> 'in_transit'") // in transit: counted by no org
	}
	if q.NameKey != "" {
		add("m.name_fold >= ? AND m.name_fold < ?", q.NameKey, q.NameKey+"\u007f")
	}
	if q.FullKey != "" {
		add("m.full_fold >= ? AND m.full_fold < ?", q.FullKey, q.FullKey+"\u007f")
	}
	if q.Exact != "" {
		add("(m.citizen_id = ? OR m.card_number = ?)", q.Exact, q.Exact)
	}
	if q.Sex != "" {
		add("m.sex = ?", q.Sex)
	}
	q.whereFilters(add)
	return conds, args, nSpan
}

// dump tells whether the query is a full dump in id order as of a date, which reads the spans
// of the date first and names the orgs from a map (see EachMember).
func (q MemberQuery) dump() bool { return q.ByID && !q.Today }

func (q MemberQuery) from() string {
	if q.Today {
		return ` FROM members m `
	}
	return ` FROM member_spans s JOIN members m ON m.id = s.member_id `
}

// spanWhere is the part of the conditions that reads spans only: the date and the subtree.
func (q MemberQuery) spanWhere() string {
	c := "s.valid_from <= $1 AND s.valid_to > $1"
	if q.OrgPath != "" {
		c += " AND s.org_id IN (SELECT sv.org_id FROM org_versions sv WHERE sv.path >= $2 AND sv.path < $3 AND sv.valid_from <= $1 AND sv.valid_to > $1)"
	} else if q.OrgID != 0 {
		c += " AND s.org_id = $2"
	}
	return c
}

// selectMembers builds the SELECT of members with their placement and status on the date.
func (q MemberQuery) selectMembers(where string) string {
	if q.dump() {
		return q.selectDump()
	}
	orgExpr, status, since := "s.org_id", statusExpr, "s.valid_from"
	if q.Today {
		orgExpr, status, since = "m.org_id", "m.status", "''"
	}
	// Search orders follow the (fold, status) indexes exactly, so no sort is needed even when
	// thousands share a name.
	order := "m.sort_key"
	if q.ByFold && q.FullKey != "" {
		order = "m.full_fold, m.status"
	} else if q.ByFold {
		order = "m.name_fold, m.status"
	} else if q.ByID {
		order = "m.id"
	}
	query := `SELECT ` + memberCols + `, ` + orgExpr + `, ` + status + `, ` + since + `, o.code, COALESCE(v.name, '')` + q.from() +
		` JOIN orgs o ON o.id = ` + orgExpr +
		` LEFT JOIN org_versions v ON v.org_id = ` + orgExpr + ` AND v.valid_from <= $1 AND v.valid_to > $1` +
		` WHERE ` + where + ` ORDER BY ` + order + `, m.id`
	if q.Limit >= 0 {
		limit := q.Limit
		if limit == 0 {
			limit = 50
		}
		query += ` LIMIT ` + fmt.Sprint(limit) + ` OFFSET ` + fmt.Sprint(q.Offset)
	}
	return query
}

// selectDump reads the spans of the date first, sorted by member (from the org index alone),
// then each member by id in that order: the members table is read in the order it is stored,
// and no sort of whole rows is needed. MATERIALIZED keeps the planner from flattening the
// spans into the join, which would read the members in org order and sort them afterwards
// (≈1.5× slower on a province). The org code and name are left empty: EachMember fills them
// from a map, instead of two lookups per row.
func (q MemberQuery) selectDump() string {
	conds, _, nSpan := q.conds()
	where := "1 = 1"
	if len(conds) > nSpan {
		where = strings.Join(conds[nSpan:], " AND ")
	}
	query := `WITH s AS MATERIALIZED (SELECT s.member_id, s.org_id, s.valid_from, s.valid_to, s.state, s.official_from
		FROM member_spans s WHERE ` + q.spanWhere() + ` ORDER BY s.member_id)
		SELECT ` + memberCols + `, s.org_id, ` + statusExpr + `, s.valid_from, '', ''
		FROM s JOIN members m ON m.id = s.member_id WHERE ` + where + ` ORDER BY s.member_id`
	if q.Limit >= 0 {
		limit := q.Limit
		if limit == 0 {
			limit = 50
		}
		query += ` LIMIT ` + fmt.Sprint(limit) + ` OFFSET ` + fmt.Sprint(q.Offset)
	}
	return query
}

// orgNamer gives the code and the name on a date of the orgs a dump meets.
type orgNamer struct {
	db    *DB
	ctx   context.Context
	d     tochuc.Date
	names map[int64][2]string
}

// newOrgNamer loads the orgs the query can meet: those of the subtree (or all) on the date.
func newOrgNamer(ctx context.Context, db *DB, q MemberQuery) (*orgNamer, error) {
	n := &orgNamer{db: db, ctx: ctx, d: q.AsOf, names: map[int64][2]string{}}
	query := `SELECT v.org_id, o.code, v.name FROM org_versions v JOIN orgs o ON o.id = v.org_id
		WHERE v.valid_from <= $1 AND v.valid_to > $1`
	args := []any{q.AsOf}
	if q.OrgPath != "" {
		lo, hi := tochuc.SubtreeRange(q.OrgPath)
		query += ` AND v.path >= $2 AND v.path < $3`
		args = append(args, lo, hi)
	} else if q.OrgID != 0 {
		query += ` AND v.org_id = $2`
		args = append(args, q.OrgID)
	}
	rows, err := db.q().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: org names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code, name string
		if err := rows.Scan(&id, &code, &name); err != nil {
			return nil, err
		}
		n.names[id] = [2]string{code, name}
	}
	return n, rows.Err()
}

// get returns an org's code and its name on the date ("" when it has no version then).
func (n *orgNamer) get(id int64) (string, string, error) {
	if v, ok := n.names[id]; ok {
		return v[0], v[1], nil
	}
	var code, name string
	err := n.db.q().QueryRowContext(n.ctx, `SELECT o.code, COALESCE(v.name, '') FROM orgs o
		LEFT JOIN org_versions v ON v.org_id = o.id AND v.valid_from <= $2 AND v.valid_to > $2 WHERE o.id = $1`, id, n.d).Scan(&code, &name)
	if err != nil {
		return "", "", fmt.Errorf("store: org %d: %w", id, err)
	}
	n.names[id] = [2]string{code, name}
	return code, name, nil
}

// EachMember streams the members a query selects (Limit -1: all of them) with the date their
// current state began (the span start; empty on the Today path).
func (db *DB) EachMember(ctx context.Context, q MemberQuery, fn func(m *tochuc.Member, since tochuc.Date) error) error {
	var names *orgNamer
	if q.dump() {
		var err error
		if names, err = newOrgNamer(ctx, db, q); err != nil {
			return err
		}
	}
	where, args := q.where()
	rows, err := db.q().QueryContext(ctx, q.selectMembers(where), args...)
	if err != nil {
		return fmt.Errorf("store: list members: %w", err)
	}
	defer rows.Close()
	var m tochuc.Member
	var org sql.NullInt64
	var since tochuc.Date
	dest := append(memberDest(&m), &org, &m.Status, &since, &m.OrgCode, &m.OrgName)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: scan member: %w", err)
		}
		m.OrgID = org.Int64
		if names != nil {
			if m.OrgCode, m.OrgName, err = names.get(m.OrgID); err != nil {
				return err
			}
		}
		if err := fn(&m, since); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ListMembers returns one page of members in Vietnamese order with their placement on the date,
// and the number of members the query selects.
func (db *DB) ListMembers(ctx context.Context, q MemberQuery) ([]tochuc.Member, int, error) {
	var out []tochuc.Member
	err := db.EachMember(ctx, q, func(m *tochuc.Member, _ tochuc.Date) error {
		out = append(out, *m)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	where, args := q.where()
	var total int
	count := `SELECT COUNT(*)` + q.from() + ` WHERE ` + where
	if q.MaxCount > 0 {
		count = `SELECT COUNT(*) FROM (SELECT 1` + q.from() + ` WHERE ` + where + fmt.Sprintf(` LIMIT %d) t`, q.MaxCount)
	}
	if err := db.q().QueryRowContext(ctx, count, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count members: %w", err)
	}
	return out, total, nil
}

// DirectCounts returns, for every org, the members placed directly in it on day d by status.
func (db *DB) DirectCounts(ctx context.Context, d tochuc.Date, today bool) (map[int64]StatusCount, error) {
	query, args := `SELECT s.org_id, `+statusExpr+`, COUNT(*) FROM member_spans s
		WHERE s.valid_from <= $1 AND s.valid_to > $1 GROUP BY 1, 2`, []any{d}
	if today {
		query, args = `SELECT m.org_id, m.status, COUNT(*) FROM members m
			WHERE m.status IN ('probationary', 'official', 'exempt') GROUP BY 1, 2`, nil
	}
	rows, err := db.q().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: direct counts: %w", err)
	}
	defer rows.Close()
	out := map[int64]StatusCount{}
	for rows.Next() {
		var org sql.NullInt64
		var status string
		var n int64
		if err := rows.Scan(&org, &status, &n); err != nil {
			return nil, err
		}
		c := out[org.Int64]
		c.Add(status, n)
		out[org.Int64] = c
	}
	return out, rows.Err()
}

// StatusCount is a count of members split by status.
type StatusCount struct {
	Probationary, Official, Exempt int64
}

// Add adds n members of a status.
func (c *StatusCount) Add(status string, n int64) {
	switch status {
	case tochuc.StatusProbationary:
		c.Probationary += n
	case tochuc.StatusOfficial:
		c.Official += n
	case tochuc.StatusExempt:
		c.Exempt += n
	}
}

// Plus returns the sum of two counts.
func (c StatusCount) Plus(o StatusCount) StatusCount {
	return StatusCount{c.Probationary + o.Probationary, c.Official + o.Official, c.Exempt + o.Exempt}
}

// Total is every counted member.
func (c StatusCount) Total() int64 { return c.Probationary + c.Official + c.Exempt }

// CountPlaced counts the members placed in any org on day d, straight from the register
// without the tree: the figure every tree total must equal.
func (db *DB) CountPlaced(ctx context.Context, d tochuc.Date) (int64, error) {
	var n int64
	err := db.q().QueryRowContext(ctx, `SELECT COUNT(*) FROM member_spans WHERE valid_from <= $1 AND valid_to > $1 AND state <> 'in_transit'`, d).Scan(&n)
	return n, err
}
