package store

import (
	"context"
	"database/sql"
	"errors"

	"tochuc"
)

// Setting reads one database setting ("" when unset).
func (tx *Tx) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := tx.q().QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetSetting writes one database setting.
func (tx *Tx) SetSetting(ctx context.Context, key, value string) error {
	_, err := tx.q().ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// MembersChangingBetween lists the members whose placement or status changes on a day in
// (from, to]: a span starts or ends then, or its official date falls then.
func (tx *Tx) MembersChangingBetween(ctx context.Context, from, to tochuc.Date) ([]int64, error) {
	return ids(tx.q().QueryContext(ctx, `SELECT DISTINCT member_id FROM member_spans
		WHERE (valid_from > $1 AND valid_from <= $2) OR (valid_to > $1 AND valid_to <= $2)
		   OR (official_from > $1 AND official_from <= $2)`, from, to))
}

// RefreshCurrent recomputes the placement and status kept on members for day d.
func (tx *Tx) RefreshCurrent(ctx context.Context, ids []int64, d tochuc.Date) error {
	for _, id := range ids {
		spans, err := memberSpans(ctx, tx.q(), id)
		if err != nil {
			return err
		}
		status, org := tochuc.StatusAt(spans, nil, d)
		var orgArg any
		if org != 0 {
			orgArg = org
		}
		if _, err := tx.q().ExecContext(ctx, `UPDATE members SET org_id = $2, status = $3 WHERE id = $1`, id, orgArg, status); err != nil {
			return err
		}
	}
	return nil
}

// OrgValidOn reports whether an org has a version on day d.
func (tx *Tx) OrgValidOn(ctx context.Context, id int64, d tochuc.Date) (bool, error) {
	var n int
	err := tx.q().QueryRowContext(ctx, `SELECT COUNT(*) FROM org_versions WHERE org_id = $1 AND valid_from <= $2 AND valid_to > $2`, id, d).Scan(&n)
	return n > 0, err
}

// MembersPlacedAfter counts the spans in an org that start after day d.
func (tx *Tx) MembersPlacedAfter(ctx context.Context, orgID int64, d tochuc.Date) (int, error) {
	var n int
	err := tx.q().QueryRowContext(ctx, `SELECT COUNT(*) FROM member_spans WHERE org_id = $1 AND valid_from > $2`, orgID, d).Scan(&n)
	return n, err
}

// OrgIntervals returns, for every org id, the intervals it existed in.
func (db *DB) OrgIntervals(ctx context.Context) (map[int64][][2]tochuc.Date, error) {
	rows, err := db.q().QueryContext(ctx, `SELECT org_id, valid_from, valid_to FROM org_versions`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][][2]tochuc.Date{}
	for rows.Next() {
		var id int64
		var a, b tochuc.Date
		if err := rows.Scan(&id, &a, &b); err != nil {
			return nil, err
		}
		out[id] = append(out[id], [2]tochuc.Date{a, b})
	}
	return out, rows.Err()
}

// OldestMemberWrite is the day the first member was written, "" when none: no kept placement
// column can be older than that.
func (tx *Tx) OldestMemberWrite(ctx context.Context) (tochuc.Date, error) {
	var s sql.NullString
	err := tx.q().QueryRowContext(ctx, `SELECT MIN(created_at) FROM members`).Scan(&s)
	if err != nil || !s.Valid || len(s.String) < 10 {
		return "", err
	}
	return tochuc.Date(s.String[:10]), nil
}

// Setting reads one database setting outside a write ("" when unset).
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.q().QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}
