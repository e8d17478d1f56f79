package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"tochuc"
)

// StatRound is a submission round of a statistical form: opened by a level (OrgID) for a form
// as of a date, over the units directly under it.
type StatRound struct {
	ID       int64       `json:"id"`
	Form     string      `json:"form"`
	AsOf     tochuc.Date `json:"as_of"`
	OrgID    int64       `json:"-"`
	OrgCode  string      `json:"org_code"`
	Deadline tochuc.Date `json:"deadline,omitempty"`
	Note     string      `json:"note,omitempty"`
	OpenedBy string      `json:"opened_by"`
	OpenedAt string      `json:"opened_at"`
}

// StatSubmission is a unit's figures in a round.
type StatSubmission struct {
	ID          int64  `json:"id"`
	RoundID     int64  `json:"round_id"`
	OrgID       int64  `json:"-"`
	OrgCode     string `json:"org_code"`
	Status      string `json:"status"`
	Figures     string `json:"-"` // JSON of the form's values
	Issues      string `json:"-"` // JSON of the warnings
	SubmittedBy string `json:"submitted_by,omitempty"`
	SubmittedAt string `json:"submitted_at,omitempty"`
	DecidedBy   string `json:"decided_by,omitempty"`
	DecidedAt   string `json:"decided_at,omitempty"`
	Note        string `json:"note,omitempty"`
}

// InsertStatRound stores a new round; the same form, date and level twice is an ECONFLICT.
func (tx *Tx) InsertStatRound(ctx context.Context, r *StatRound) error {
	var n int
	if err := tx.q().QueryRowContext(ctx, `SELECT COUNT(*) FROM stat_rounds WHERE form = $1 AND as_of = $2 AND org_id = $3`,
		r.Form, r.AsOf, r.OrgID).Scan(&n); err != nil {
		return fmt.Errorf("store: stat round: %w", err)
	}
	if n > 0 {
		return tochuc.Errorf(tochuc.ECONFLICT, "đã có đợt báo cáo biểu %s ngày %s của tổ chức này", r.Form, r.AsOf.Display())
	}
	r.OpenedAt = now()
	id, err := insertID(ctx, tx.q(), `INSERT INTO stat_rounds (form, as_of, org_id, deadline, note, opened_by, opened_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, r.Form, r.AsOf, r.OrgID, r.Deadline, r.Note, r.OpenedBy, r.OpenedAt)
	if err != nil {
		return fmt.Errorf("store: stat round: %w", err)
	}
	r.ID = id
	return nil
}

const roundCols = `r.id, r.form, r.as_of, r.org_id, o.code, r.deadline, r.note, r.opened_by, r.opened_at
	FROM stat_rounds r JOIN orgs o ON o.id = r.org_id`

func scanRound(s interface{ Scan(...any) error }) (StatRound, error) {
	var r StatRound
	err := s.Scan(&r.ID, &r.Form, &r.AsOf, &r.OrgID, &r.OrgCode, &r.Deadline, &r.Note, &r.OpenedBy, &r.OpenedAt)
	return r, err
}

// StatRound reads a round.
func (db *DB) StatRound(ctx context.Context, id int64) (StatRound, error) {
	r, err := scanRound(db.q().QueryRowContext(ctx, `SELECT `+roundCols+` WHERE r.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy đợt báo cáo số %d", id)
	}
	return r, err
}

// StatRounds reads every round, the latest date first.
func (db *DB) StatRounds(ctx context.Context) ([]StatRound, error) {
	rows, err := db.q().QueryContext(ctx, `SELECT `+roundCols+` ORDER BY r.as_of DESC, r.form, r.id`)
	return collect(rows, err, "stat rounds", scanRound)
}

const submissionCols = `s.id, s.round_id, s.org_id, o.code, s.status, s.figures, s.issues, s.submitted_by, s.submitted_at,
	s.decided_by, s.decided_at, s.note FROM stat_submissions s JOIN orgs o ON o.id = s.org_id`

func scanSubmission(sc interface{ Scan(...any) error }) (StatSubmission, error) {
	var s StatSubmission
	err := sc.Scan(&s.ID, &s.RoundID, &s.OrgID, &s.OrgCode, &s.Status, &s.Figures, &s.Issues, &s.SubmittedBy, &s.SubmittedAt,
		&s.DecidedBy, &s.DecidedAt, &s.Note)
	return s, err
}

// StatSubmissions reads the submissions of a round, by org code.
func (db *DB) StatSubmissions(ctx context.Context, roundID int64) ([]StatSubmission, error) {
	rows, err := db.q().QueryContext(ctx, `SELECT `+submissionCols+` WHERE s.round_id = $1 ORDER BY o.code`, roundID)
	return collect(rows, err, "stat submissions", scanSubmission)
}

// StatSubmission reads the submission of a unit in a round (ENOTFOUND when none).
func (tx *Tx) StatSubmission(ctx context.Context, roundID, orgID int64) (StatSubmission, error) {
	return statSubmission(ctx, tx.q(), roundID, orgID)
}

// StatSubmission is StatSubmission outside a transaction.
func (db *DB) StatSubmission(ctx context.Context, roundID, orgID int64) (StatSubmission, error) {
	return statSubmission(ctx, db.q(), roundID, orgID)
}

func statSubmission(ctx context.Context, q querier, roundID, orgID int64) (StatSubmission, error) {
	s, err := scanSubmission(q.QueryRowContext(ctx, `SELECT `+submissionCols+` WHERE s.round_id = $1 AND s.org_id = $2`, roundID, orgID))
	if errors.Is(err, sql.ErrNoRows) {
		return s, tochuc.Errorf(tochuc.ENOTFOUND, "đơn vị chưa nộp biểu trong đợt này")
	}
	return s, err
}

// SaveStatSubmission writes a unit's submission (new, or replacing the figures of one not yet
// approved).
func (tx *Tx) SaveStatSubmission(ctx context.Context, s *StatSubmission) error {
	old, err := tx.StatSubmission(ctx, s.RoundID, s.OrgID)
	switch {
	case tochuc.ErrorCode(err) == tochuc.ENOTFOUND:
		s.ID, err = insertID(ctx, tx.q(), `INSERT INTO stat_submissions (round_id, org_id, status, figures, issues, submitted_by,
			submitted_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, s.RoundID, s.OrgID, s.Status, s.Figures, s.Issues,
			s.SubmittedBy, s.SubmittedAt, s.Note)
		if err != nil {
			return fmt.Errorf("store: stat submission: %w", err)
		}
		return nil
	case err != nil:
		return err
	}
	s.ID = old.ID
	_, err = tx.q().ExecContext(ctx, `UPDATE stat_submissions SET status = $1, figures = $2, issues = $3, submitted_by = $4,
		submitted_at = $5, note = $6, decided_by = '', decided_at = '' WHERE id = $7`,
		s.Status, s.Figures, s.Issues, s.SubmittedBy, s.SubmittedAt, s.Note, s.ID)
	if err != nil {
		return fmt.Errorf("store: stat submission: %w", err)
	}
	return nil
}

// DecideStatSubmission records the decision of the level above (approved or returned).
func (tx *Tx) DecideStatSubmission(ctx context.Context, id int64, status, by, note string) error {
	_, err := tx.q().ExecContext(ctx, `UPDATE stat_submissions SET status = $1, decided_by = $2, decided_at = $3, note = $4
		WHERE id = $5`, status, by, now(), note, id)
	if err != nil {
		return fmt.Errorf("store: stat submission: %w", err)
	}
	return nil
}

// StatRoundBy finds the round of a form, a date and a level (ENOTFOUND when none).
func (db *DB) StatRoundBy(ctx context.Context, form string, asOf tochuc.Date, orgID int64) (StatRound, error) {
	r, err := scanRound(db.q().QueryRowContext(ctx, `SELECT `+roundCols+` WHERE r.form = $1 AND r.as_of = $2 AND r.org_id = $3`, form, asOf, orgID))
	if errors.Is(err, sql.ErrNoRows) {
		return r, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy đợt báo cáo")
	}
	return r, err
}
