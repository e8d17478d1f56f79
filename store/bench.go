package store

import (
	"context"

	"tochuc"
)

// SampleNames returns up to n full names of members, spread over the register.
func (db *DB) SampleNames(ctx context.Context, n int, seed int64) ([]string, error) {
	var max int64
	if err := db.q().QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM members`).Scan(&max); err != nil || max == 0 {
		return nil, err
	}
	var out []string
	step := max / int64(n+1)
	if step < 1 {
		step = 1
	}
	for id := 1 + seed%step; id <= max && len(out) < n; id += step {
		var s string
		if err := db.q().QueryRowContext(ctx, `SELECT full_name FROM members WHERE id >= $1 ORDER BY id LIMIT 1`, id).Scan(&s); err == nil {
			out = append(out, s)
		}
	}
	return out, nil
}

// BareNamePrefix is the plain SQL a name search stands on, for comparison in benchmarks.
func (db *DB) BareNamePrefix(ctx context.Context, key string, limit int) error {
	return drain(db.q().QueryContext(ctx, `SELECT id, full_name FROM members WHERE name_fold >= $1 AND name_fold < $2 ORDER BY name_fold LIMIT $3`, key, key+"\u007f", limit))
}

// BareOrgPage is the plain SQL of one org's first page, for comparison in benchmarks.
func (db *DB) BareOrgPage(ctx context.Context, orgID int64, limit int) error {
	return drain(db.q().QueryContext(ctx, `SELECT id, full_name FROM members WHERE org_id = $1 ORDER BY sort_key LIMIT $2`, orgID, limit))
}

// BareSubtreeDump reads the members of a subtree on a date with plain SQL, for comparison.
func (db *DB) BareSubtreeDump(ctx context.Context, path string, d tochuc.Date) (int64, error) {
	lo, hi := tochuc.SubtreeRange(path)
	rows, err := db.q().QueryContext(ctx, `SELECT m.* FROM member_spans s JOIN members m ON m.id = s.member_id
		WHERE s.valid_from <= $1 AND s.valid_to > $1 AND s.org_id IN (SELECT org_id FROM org_versions WHERE path >= $2 AND path < $3 AND valid_from <= $1 AND valid_to > $1)`, d, lo, hi)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	for i := range vals {
		vals[i] = new(any)
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(vals...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

func drain(rows interface {
	Next() bool
	Close() error
	Err() error
}, err error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}
