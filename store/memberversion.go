package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"tochuc"
)

// A member's version is its updated_at: an edit form carries the version it was opened on, and
// the change is refused when the record changed since (optimistic concurrency).

// MemberVersion returns the version (updated_at) of a member's identity fields.
func (db *DB) MemberVersion(ctx context.Context, id int64) (string, error) {
	return memberVersion(ctx, db.q(), id)
}

// MemberVersion is MemberVersion inside a transaction.
func (tx *Tx) MemberVersion(ctx context.Context, id int64) (string, error) {
	return memberVersion(ctx, tx.q(), id)
}

func memberVersion(ctx context.Context, q querier, id int64) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT updated_at FROM members WHERE id = $1`, id).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy đảng viên")
	} else if err != nil {
		return "", fmt.Errorf("store: member %d version: %w", id, err)
	}
	return v, nil
}

// UpdateMemberAt rewrites the identity fields of a member when its version is still version
// ("" skips the check), and gives it a new version with nanoseconds, so that two edits in the
// same second still differ. A changed version is an ECONFLICT; the row is then left as it was.
func (tx *Tx) UpdateMemberAt(ctx context.Context, m *tochuc.Member, k MemberKeys, version string) error {
	query, args := updateMember(m, k)
	next := time.Now().UTC().Format(time.RFC3339Nano)
	if next == version {
		next = time.Now().UTC().Add(time.Nanosecond).Format(time.RFC3339Nano)
	}
	args[len(args)-2] = next // updated_at, before the id
	if version != "" {
		args = append(args, version)
		query += fmt.Sprintf(` AND updated_at = $%d`, len(args))
	}
	res, err := tx.q().ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: update member %d: %w", m.ID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		if _, err := tx.MemberVersion(ctx, m.ID); err != nil {
			return err
		}
		return tochuc.Errorf(tochuc.ECONFLICT, "hồ sơ đã được người khác sửa; hãy tải lại")
	}
	return nil
}
