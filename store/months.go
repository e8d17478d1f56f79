package store

import (
	"context"
	"fmt"
	"strings"

	"tochuc"
)

// MonthRecord is one member's month in the cell's record: meeting missed, dues unpaid, excused.
type MonthRecord struct {
	MemberID      int64  `json:"member_id"`
	Month         string `json:"month"` // YYYY-MM
	MissedMeeting bool   `json:"missed_meeting"`
	DuesUnpaid    bool   `json:"dues_unpaid"`
	Excused       bool   `json:"excused"` // a good reason (lý do chính đáng): not counted
	Note          string `json:"note,omitempty"`
}

// Empty tells whether the record says nothing (and so is not kept).
func (r MonthRecord) Empty() bool {
	return !r.MissedMeeting && !r.DuesUnpaid && !r.Excused && r.Note == ""
}

// SetMonths writes month records; an empty record deletes the month.
func (tx *Tx) SetMonths(ctx context.Context, recs []MonthRecord) error {
	for _, r := range recs {
		if _, err := tx.q().ExecContext(ctx, `DELETE FROM member_months WHERE member_id = $1 AND month = $2`, r.MemberID, r.Month); err != nil {
			return fmt.Errorf("store: month record: %w", err)
		}
		if r.Empty() {
			continue
		}
		if _, err := tx.q().ExecContext(ctx, `INSERT INTO member_months (member_id, month, missed_meeting, dues_unpaid, excused,
			note, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, r.MemberID, r.Month, r.MissedMeeting, r.DuesUnpaid,
			r.Excused, r.Note, now()); err != nil {
			return fmt.Errorf("store: month record: %w", err)
		}
	}
	return nil
}

// Months reads the records of some members for one month.
func (db *DB) Months(ctx context.Context, memberIDs []int64, month string) (map[int64]MonthRecord, error) {
	out := map[int64]MonthRecord{}
	if len(memberIDs) == 0 {
		return out, nil
	}
	args := []any{month}
	ph := make([]string, len(memberIDs))
	for i, id := range memberIDs {
		args = append(args, id)
		ph[i] = fmt.Sprintf("$%d", i+2)
	}
	rows, err := db.q().QueryContext(ctx, `SELECT member_id, month, missed_meeting, dues_unpaid, excused, note
		FROM member_months WHERE month = $1 AND member_id IN (`+strings.Join(ph, ", ")+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: months: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r MonthRecord
		if err := rows.Scan(&r.MemberID, &r.Month, &r.MissedMeeting, &r.DuesUnpaid, &r.Excused, &r.Note); err != nil {
			return nil, err
		}
		out[r.MemberID] = r
	}
	return out, rows.Err()
}

// MonthCount is a member with the unexcused months counted in a year.
type MonthCount struct {
	MemberID int64  `json:"member_id"`
	FullName string `json:"full_name"`
	OrgCode  string `json:"org_code"`
	Months   int    `json:"months"`
}

// UnexcusedMonths counts, for the members placed in the subtree at path ("" for all) on day d,
// the months of [from, to] (YYYY-MM) with a meeting missed or dues unpaid without good reason;
// only members with at least min such months, most first.
func (db *DB) UnexcusedMonths(ctx context.Context, path string, d tochuc.Date, from, to string, min int) ([]MonthCount, error) {
	var a subtreeArgs
	dp := a.p(string(d))
	fp, tp, mp := a.p(from), a.p(to), a.p(min)
	q := `SELECT m.id, m.full_name, o.code, COUNT(*) FROM member_months mm
		JOIN member_spans s ON s.member_id = mm.member_id AND s.valid_from <= ` + dp + ` AND s.valid_to > ` + dp + ` AND s.state <> 'in_transit'
		JOIN members m ON m.id = mm.member_id
		JOIN orgs o ON o.id = s.org_id
		WHERE mm.month >= ` + fp + ` AND mm.month <= ` + tp + ` AND (mm.missed_meeting OR mm.dues_unpaid) AND NOT mm.excused
		AND ` + a.orgsUnder("s.org_id", path, dp) + `
		GROUP BY m.id, m.full_name, o.code HAVING COUNT(*) >= ` + mp + ` ORDER BY 4 DESC, m.id`
	rows, err := db.q().QueryContext(ctx, q, a.args...)
	if err != nil {
		return nil, fmt.Errorf("store: unexcused months: %w", err)
	}
	defer rows.Close()
	var out []MonthCount
	for rows.Next() {
		var c MonthCount
		if err := rows.Scan(&c.MemberID, &c.FullName, &c.OrgCode, &c.Months); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
