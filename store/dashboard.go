package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"tochuc"
)

// Age bands of the dashboard, as of its date.
const (
	AgeUnder30 = iota // < 30
	Age30to40         // 30–40
	Age41to50         // 41–50
	Age51to60         // 51–60
	AgeOver60         // > 60
	AgeUnknown        // no birth year recorded
	AgeBands
)

// EthnicityKinh is the code of the Kinh majority (codes.Ethnicities): every other recorded
// code counts as an ethnic minority; an empty code counts as neither.
const EthnicityKinh = "01"

// Exits are the event kinds that end party membership.
var Exits = []string{tochuc.EventRemoved, tochuc.EventWithdrawn, tochuc.EventExpelled, tochuc.EventDeceased}

// DashboardFigures are the figures of one subtree on one date.
type DashboardFigures struct {
	Count      StatusCount
	Women      int64
	Minority   int64
	Ages       [AgeBands]int64
	Admitted   int64 // admitted events dated from 1 January of the date's year to the date
	Recognized int64 // recognized events in the same interval
	Exited     int64 // removed, withdrawn, expelled, deceased in the same interval
	Due        int64 // probationary members whose probation started on or before the cutoff
}

// Plus adds the figures of another org.
func (f *DashboardFigures) Plus(g *DashboardFigures) {
	f.Count = f.Count.Plus(g.Count)
	f.Women += g.Women
	f.Minority += g.Minority
	for i := range f.Ages {
		f.Ages[i] += g.Ages[i]
	}
	f.Admitted += g.Admitted
	f.Recognized += g.Recognized
	f.Exited += g.Exited
	f.Due += g.Due
}

// DueMember is a probationary member whose probation ends soon or has ended.
type DueMember struct {
	ID       int64
	FullName string
	OrgCode  string
	OrgName  string
	Start    tochuc.Date // ceremony date, else admission date: the probation starts then
}

// AgeBand places an age in its band.
func AgeBand(age int) int {
	switch {
	case age < 30:
		return AgeUnder30
	case age <= 40:
		return Age30to40
	case age <= 50:
		return Age41to50
	case age <= 60:
		return Age51to60
	}
	return AgeOver60
}

// AgeOn computes the age on day d from a partial birth date (1950, 1975-03, 1975-03-12): a
// birth year alone is enough (the age is then counted by years); ok is false without a year.
func AgeOn(birth string, d tochuc.Date) (age int, ok bool) {
	if len(birth) < 4 {
		return 0, false
	}
	y, err := strconv.Atoi(birth[:4])
	if err != nil {
		return 0, false
	}
	dy, _ := strconv.Atoi(string(d[:4]))
	age = dy - y
	if len(birth) > 5 && birth[5:] > string(d[5:]) {
		age-- // the birthday of that year is still to come (a month alone: counted at its start)
	}
	return age, true
}

// subtreeArgs collects the arguments of a dashboard query as $n placeholders.
type subtreeArgs struct{ args []any }

func (a *subtreeArgs) p(v any) string {
	a.args = append(a.args, v)
	return fmt.Sprintf("$%d", len(a.args))
}

// orgsUnder is the condition "col is an org of the subtree at path on day d" ("" path: the
// whole tree, no condition).
func (a *subtreeArgs) orgsUnder(col, path string, d string) string {
	if path == "" {
		return "1 = 1"
	}
	lo, hi := tochuc.SubtreeRange(path)
	return col + " IN (SELECT sv.org_id FROM org_versions sv WHERE sv.path >= " + a.p(lo) + " AND sv.path < " + a.p(hi) +
		" AND sv.valid_from <= " + d + " AND sv.valid_to > " + d + ")"
}

// DashboardByOrg is the plain-SQL reference of stats.Snapshot.DashboardByOrg (which the home page
// uses): the tests check one against the other, the benchmark compares their speed.
// It computes the figures of every org on day d for the members placed directly in
// it, with two grouped queries over the whole tree: the members placed on d by org, status, sex,
// ethnicity, birth year and whether their probation is due (started on or before cutoff), and
// the events of the year by org and kind. The service adds them up the tree. today reads the
// placement kept on members (d is today).
func (db *DB) DashboardByOrg(ctx context.Context, d, cutoff tochuc.Date, today bool) (map[int64]*DashboardFigures, error) {
	out := map[int64]*DashboardFigures{}
	fig := func(org int64) *DashboardFigures {
		f := out[org]
		if f == nil {
			f = &DashboardFigures{}
			out[org] = f
		}
		return f
	}
	var a subtreeArgs
	dp := a.p(string(d))
	md := a.p(string(d[5:]))
	cp := a.p(string(cutoff))
	start := `CASE WHEN m.ceremony_date <> '' THEN m.ceremony_date ELSE m.admission_date END`
	var from, status, org, where, due string
	if today {
		from, status, org = ` FROM members m`, `m.status`, `m.org_id`
		where = `m.status IN ('probationary', 'official', 'exempt') AND CAST(` + dp + ` AS TEXT) IS NOT NULL`
		due = `m.status = 'probationary'`
	} else {
		from, status, org = ` FROM member_spans s JOIN members m ON m.id = s.member_id`, strings.ReplaceAll(statusExpr, "$1", dp), `s.org_id`
		where = `s.valid_from <= ` + dp + ` AND s.valid_to > ` + dp + ` AND s.state <> 'in_transit'`
		due = `s.state = 'active' AND s.official_from > ` + dp
	}
	query := `SELECT ` + org + `, ` + status + `,
		CASE WHEN m.sex = 'female' THEN 1 ELSE 0 END,
		CASE WHEN m.ethnicity <> '' AND m.ethnicity <> '` + EthnicityKinh + `' THEN 1 ELSE 0 END,
		substr(m.birth_date, 1, 4),
		CASE WHEN substr(m.birth_date, 6) > ` + md + ` THEN 1 ELSE 0 END,
		CASE WHEN ` + due + ` AND ` + start + ` <> '' AND ` + start + ` <= ` + cp + ` THEN 1 ELSE 0 END,
		COUNT(*)` + from + ` WHERE ` + where + ` GROUP BY 1, 2, 3, 4, 5, 6, 7`
	rows, err := db.q().QueryContext(ctx, query, a.args...)
	if err != nil {
		return nil, fmt.Errorf("store: dashboard members: %w", err)
	}
	dy, _ := strconv.Atoi(string(d[:4]))
	for rows.Next() {
		var st, year string
		var orgID sql.NullInt64
		var female, minority, before, isDue int
		var n int64
		if err := rows.Scan(&orgID, &st, &female, &minority, &year, &before, &isDue, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan dashboard: %w", err)
		}
		f := fig(orgID.Int64)
		f.Count.Add(st, n)
		if female == 1 {
			f.Women += n
		}
		if minority == 1 {
			f.Minority += n
		}
		if isDue == 1 {
			f.Due += n
		}
		if y, err := strconv.Atoi(year); err == nil && len(year) == 4 {
			f.Ages[AgeBand(dy-y-before)] += n
		} else {
			f.Ages[AgeUnknown] += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// The events of the year, each in the org the member was in: the span holding the day of an
	// admission or recognition, the span an exit closed.
	a = subtreeArgs{}
	dp = a.p(string(d))
	y0 := a.p(string(d[:4]) + "-01-01")
	exits := "'" + strings.Join(Exits, "', '") + "'"
	query = `SELECT s.org_id, e.kind, COUNT(*) FROM member_events e
		JOIN member_spans s ON s.member_id = e.member_id AND (
			(e.kind IN ('admitted', 'recognized') AND s.valid_from <= e.event_date AND s.valid_to > e.event_date)
			OR (e.kind IN (` + exits + `) AND s.valid_to = e.event_date AND s.end_kind = e.kind))
		WHERE e.kind IN ('admitted', 'recognized', ` + exits + `) AND e.event_date >= ` + y0 + ` AND e.event_date <= ` + dp +
		` GROUP BY s.org_id, e.kind`
	rows, err = db.q().QueryContext(ctx, query, a.args...)
	if err != nil {
		return nil, fmt.Errorf("store: dashboard events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var orgID int64
		var kind string
		var n int64
		if err := rows.Scan(&orgID, &kind, &n); err != nil {
			return nil, fmt.Errorf("store: scan dashboard: %w", err)
		}
		f := fig(orgID)
		switch kind {
		case tochuc.EventAdmitted:
			f.Admitted += n
		case tochuc.EventRecognized:
			f.Recognized += n
		default:
			f.Exited += n
		}
	}
	return out, rows.Err()
}

// ProbationDue returns the probationary members of the subtree at path ("" for the whole tree)
// on day d whose probation started on or before cutoff, oldest first, at most limit of them,
// and how many there are.
func (db *DB) ProbationDue(ctx context.Context, path string, d, cutoff tochuc.Date, limit int) ([]DueMember, int, error) {
	var a subtreeArgs
	dp := a.p(string(d))
	cp := a.p(string(cutoff))
	start := `CASE WHEN m.ceremony_date <> '' THEN m.ceremony_date ELSE m.admission_date END`
	where := ` WHERE s.valid_from <= ` + dp + ` AND s.valid_to > ` + dp + ` AND s.state = 'active' AND s.official_from > ` + dp +
		` AND ` + start + ` <= ` + cp + ` AND ` + start + ` <> '' AND ` + a.orgsUnder("s.org_id", path, dp)
	from := ` FROM member_spans s JOIN members m ON m.id = s.member_id`
	var total int
	if err := db.q().QueryRowContext(ctx, `SELECT COUNT(*)`+from+where, a.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: probation due: %w", err)
	}
	if total == 0 || limit <= 0 {
		return nil, total, nil
	}
	q := `SELECT m.id, m.full_name, o.code, v.name, ` + start + from + ` JOIN orgs o ON o.id = s.org_id
		LEFT JOIN org_versions v ON v.org_id = s.org_id AND v.valid_from <= ` + dp + ` AND v.valid_to > ` + dp +
		where + ` ORDER BY 5, m.sort_key, m.id LIMIT ` + strconv.Itoa(limit)
	rows, err := db.q().QueryContext(ctx, q, a.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: probation due: %w", err)
	}
	defer rows.Close()
	var out []DueMember
	for rows.Next() {
		var m DueMember
		var name sql.NullString
		if err := rows.Scan(&m.ID, &m.FullName, &m.OrgCode, &name, &m.Start); err != nil {
			return nil, 0, fmt.Errorf("store: scan probation due: %w", err)
		}
		m.OrgName = name.String
		out = append(out, m)
	}
	return out, total, rows.Err()
}
