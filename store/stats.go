package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
)

// Readers of the whole register in one pass each, for the statistics snapshot (package stats).
// Text columns come as sql.RawBytes, valid only during the callback: the caller copies or
// interns what it keeps.

// StatsMemberCols are the coded columns of a member the statistics count by, in the order
// EachStatsMember passes them.
var StatsMemberCols = []string{"sex", "ethnicity", "religion", "education",
	"professional_qualification", "political_theory", "occupation", "academic_title"}

// EachStatsMember calls fn for every member in id order with its birth date, the day its
// probation started (the ceremony, else the admission; "" if neither) and the coded columns of
// StatsMemberCols.
func (db *DB) EachStatsMember(ctx context.Context, fn func(id int64, birth, start []byte, cols [][]byte) error) error {
	q := `SELECT id, birth_date, CASE WHEN ceremony_date <> '' THEN ceremony_date ELSE admission_date END`
	for _, c := range StatsMemberCols {
		q += ", " + c
	}
	rows, done, err := db.scan(ctx, q+` FROM members ORDER BY id`)
	if err != nil {
		return fmt.Errorf("store: stats members: %w", err)
	}
	defer done()
	var id int64
	var birth, start sql.RawBytes
	cols := make([]sql.RawBytes, len(StatsMemberCols))
	dest := []any{&id, &birth, &start}
	for i := range cols {
		dest = append(dest, &cols[i])
	}
	out := make([][]byte, len(cols))
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: scan stats member: %w", err)
		}
		for i := range cols {
			out[i] = cols[i]
		}
		if err := fn(id, birth, start, out); err != nil {
			return err
		}
	}
	return rows.Err()
}

// scan runs a query that reads a whole table once. On SQLite it runs on a read connection
// whose page cache is kept small meanwhile: a scan has no use for a cache, and the 64 MB one it
// would fill stays allocated with the idle connection (three scans, a fifth of a gigabyte of
// the server's memory at national scale). done closes the rows and gives the connection back.
func (db *DB) scan(ctx context.Context, query string) (rows *sql.Rows, done func(), err error) {
	if db.Engine != SQLite {
		rows, err := db.r.QueryContext(ctx, query)
		if err != nil {
			return nil, nil, err
		}
		return rows, func() { rows.Close() }, nil
	}
	conn, err := db.r.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	release := func() {
		// A connection left with the small cache would only be slower; one whose cache could
		// not be restored is closed rather than given back.
		if _, err := conn.ExecContext(context.Background(), restoreCacheSize); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -2048"); err != nil {
		release()
		return nil, nil, err
	}
	rows, err = conn.QueryContext(ctx, query)
	if err != nil {
		release()
		return nil, nil, err
	}
	return rows, func() { rows.Close(); release() }, nil
}

// StatsSpan is one row of member_spans, dates in their storage form.
type StatsSpan struct {
	MemberID, OrgID                  int64
	From, To, State, Official, EndKd sql.RawBytes
}

// EachStatsSpan calls fn for every span, by member then start date.
func (db *DB) EachStatsSpan(ctx context.Context, fn func(*StatsSpan) error) error {
	rows, done, err := db.scan(ctx, `SELECT member_id, org_id, valid_from, valid_to, state, official_from, end_kind
		FROM member_spans ORDER BY member_id, valid_from, valid_to`)
	if err != nil {
		return fmt.Errorf("store: stats spans: %w", err)
	}
	defer done()
	var s StatsSpan
	for rows.Next() {
		if err := rows.Scan(&s.MemberID, &s.OrgID, &s.From, &s.To, &s.State, &s.Official, &s.EndKd); err != nil {
			return fmt.Errorf("store: scan stats span: %w", err)
		}
		if err := fn(&s); err != nil {
			return err
		}
	}
	return rows.Err()
}

// StatsEvent is one row of member_events (without its document).
type StatsEvent struct {
	ID, MemberID int64
	OrgID        sql.NullInt64
	Kind, Date   sql.RawBytes
}

// EachStatsEvent calls fn for every member event, by member, then in the order events take
// effect (date, then id).
func (db *DB) EachStatsEvent(ctx context.Context, fn func(*StatsEvent) error) error {
	rows, done, err := db.scan(ctx, `SELECT id, member_id, org_id, kind, event_date
		FROM member_events ORDER BY member_id, event_date, id`)
	if err != nil {
		return fmt.Errorf("store: stats events: %w", err)
	}
	defer done()
	var e StatsEvent
	for rows.Next() {
		if err := rows.Scan(&e.ID, &e.MemberID, &e.OrgID, &e.Kind, &e.Date); err != nil {
			return fmt.Errorf("store: scan stats event: %w", err)
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// AuditGenesis is the hash of the first entry of the audit trail ("" while it is empty): it
// names this database, so that a file derived from another one (a restored or rebuilt
// database) is never taken for its own.
func (db *DB) AuditGenesis(ctx context.Context) (string, error) {
	var h string
	err := db.w.QueryRowContext(ctx, `SELECT hash FROM audit_log ORDER BY seq LIMIT 1`).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("store: audit genesis: %w", err)
	}
	return h, nil
}
