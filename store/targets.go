package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Target is a target (chỉ tiêu) of an org for a year or a term on a figure of the statistics
// engine: "members" (the subtree's members at the end of the period) or a flow of the period.
type Target struct {
	ID        int64  `json:"id"`
	OrgID     int64  `json:"-"`
	OrgCode   string `json:"org_code"`
	YearFrom  int    `json:"year_from"`
	YearTo    int    `json:"year_to"`
	Figure    string `json:"figure"`
	Filter    string `json:"filter,omitempty"` // dim=code;dim=code, sorted
	Direction string `json:"direction"`        // at_least, at_most
	Target    int64  `json:"target"`
	Baseline  *int64 `json:"baseline,omitempty"`
	Label     string `json:"label,omitempty"`
	Document  string `json:"document,omitempty"`
}

// SetTarget writes a target, replacing the one of the same org, period, figure and filter;
// it tells whether the target is new.
func (tx *Tx) SetTarget(ctx context.Context, t *Target) (created bool, err error) {
	var id int64
	err = tx.q().QueryRowContext(ctx, `SELECT id FROM targets WHERE org_id = $1 AND year_from = $2 AND year_to = $3
		AND figure = $4 AND filter = $5`, t.OrgID, t.YearFrom, t.YearTo, t.Figure, t.Filter).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		t.ID, err = insertID(ctx, tx.q(), `INSERT INTO targets (org_id, year_from, year_to, figure, filter, direction,
			target, baseline, label, document, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			t.OrgID, t.YearFrom, t.YearTo, t.Figure, t.Filter, t.Direction, t.Target, t.Baseline, t.Label, t.Document, now())
		if err != nil {
			return false, fmt.Errorf("store: target: %w", err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("store: target: %w", err)
	}
	t.ID = id
	_, err = tx.q().ExecContext(ctx, `UPDATE targets SET direction = $1, target = $2, baseline = $3, label = $4,
		document = $5, updated_at = $6 WHERE id = $7`, t.Direction, t.Target, t.Baseline, t.Label, t.Document, now(), id)
	if err != nil {
		return false, fmt.Errorf("store: target: %w", err)
	}
	return false, nil
}

// TargetsOfYear reads the targets whose period covers the year, of the orgs given (all when
// orgIDs is nil), in org, figure, filter order.
func (db *DB) TargetsOfYear(ctx context.Context, orgIDs []int64, year int) ([]Target, error) {
	rows, err := db.q().QueryContext(ctx, `SELECT t.id, t.org_id, o.code, t.year_from, t.year_to, t.figure, t.filter,
		t.direction, t.target, t.baseline, t.label, t.document FROM targets t JOIN orgs o ON o.id = t.org_id
		WHERE t.year_from <= $1 AND t.year_to >= $1 ORDER BY t.org_id, t.figure, t.filter, t.year_from`, year)
	if err != nil {
		return nil, fmt.Errorf("store: targets: %w", err)
	}
	defer rows.Close()
	want := map[int64]bool{}
	for _, id := range orgIDs {
		want[id] = true
	}
	var out []Target
	for rows.Next() {
		var t Target
		var base sql.NullInt64
		if err := rows.Scan(&t.ID, &t.OrgID, &t.OrgCode, &t.YearFrom, &t.YearTo, &t.Figure, &t.Filter, &t.Direction,
			&t.Target, &base, &t.Label, &t.Document); err != nil {
			return nil, err
		}
		if base.Valid {
			t.Baseline = &base.Int64
		}
		if orgIDs == nil || want[t.OrgID] {
			out = append(out, t)
		}
	}
	return out, rows.Err()
}

// Indicator is one indicator of a committee's set for a year: computed from a target
// (TargetID) or entered by hand (Value, Achieved, Evidence).
type Indicator struct {
	ID       int64  `json:"id"`
	OrgID    int64  `json:"-"`
	Year     int    `json:"year"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	TargetID int64  `json:"target_id,omitempty"`
	Value    string `json:"value,omitempty"`
	Achieved bool   `json:"achieved"`
	Evidence string `json:"evidence,omitempty"`
}

// SetIndicator writes an indicator, replacing the one of the same org, year and name.
func (tx *Tx) SetIndicator(ctx context.Context, in *Indicator) (created bool, err error) {
	var target sql.NullInt64
	if in.TargetID != 0 {
		target = sql.NullInt64{Int64: in.TargetID, Valid: true}
	}
	var id int64
	err = tx.q().QueryRowContext(ctx, `SELECT id FROM indicators WHERE org_id = $1 AND year = $2 AND name = $3`,
		in.OrgID, in.Year, in.Name).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		in.ID, err = insertID(ctx, tx.q(), `INSERT INTO indicators (org_id, year, position, name, target_id, value,
			achieved, evidence, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			in.OrgID, in.Year, in.Position, in.Name, target, in.Value, in.Achieved, in.Evidence, now())
		if err != nil {
			return false, fmt.Errorf("store: indicator: %w", err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("store: indicator: %w", err)
	}
	in.ID = id
	_, err = tx.q().ExecContext(ctx, `UPDATE indicators SET position = $1, target_id = $2, value = $3, achieved = $4,
		evidence = $5, updated_at = $6 WHERE id = $7`, in.Position, target, in.Value, in.Achieved, in.Evidence, now(), id)
	if err != nil {
		return false, fmt.Errorf("store: indicator: %w", err)
	}
	return false, nil
}

// Indicators reads the indicator set of an org for a year, in position order.
func (db *DB) Indicators(ctx context.Context, orgID int64, year int) ([]Indicator, error) {
	rows, err := db.q().QueryContext(ctx, `SELECT id, org_id, year, position, name, target_id, value, achieved, evidence
		FROM indicators WHERE org_id = $1 AND year = $2 ORDER BY position, id`, orgID, year)
	if err != nil {
		return nil, fmt.Errorf("store: indicators: %w", err)
	}
	defer rows.Close()
	var out []Indicator
	for rows.Next() {
		var in Indicator
		var target sql.NullInt64
		if err := rows.Scan(&in.ID, &in.OrgID, &in.Year, &in.Position, &in.Name, &target, &in.Value, &in.Achieved,
			&in.Evidence); err != nil {
			return nil, err
		}
		in.TargetID = target.Int64
		out = append(out, in)
	}
	return out, rows.Err()
}

// WorkItem is a project or task (đề án, nhiệm vụ) of an org's work programme for a year.
type WorkItem struct {
	ID        int64  `json:"id"`
	OrgID     int64  `json:"-"`
	Year      int    `json:"year"`
	Kind      string `json:"kind"` // project, task
	Title     string `json:"title"`
	Owner     string `json:"owner,omitempty"`
	Deadline  string `json:"deadline,omitempty"`
	Status    string `json:"status"` // not_started, in_progress, done (overdue is computed)
	DoneDate  string `json:"done_date,omitempty"`
	ResultDoc string `json:"result_document,omitempty"`
}

// SetWorkItem writes a work item, replacing the one of the same org, year and title.
func (tx *Tx) SetWorkItem(ctx context.Context, w *WorkItem) (created bool, err error) {
	var id int64
	err = tx.q().QueryRowContext(ctx, `SELECT id FROM work_items WHERE org_id = $1 AND year = $2 AND title = $3`,
		w.OrgID, w.Year, w.Title).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		w.ID, err = insertID(ctx, tx.q(), `INSERT INTO work_items (org_id, year, kind, title, owner, deadline, status,
			done_date, result_doc, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			w.OrgID, w.Year, w.Kind, w.Title, w.Owner, w.Deadline, w.Status, w.DoneDate, w.ResultDoc, now())
		if err != nil {
			return false, fmt.Errorf("store: work item: %w", err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("store: work item: %w", err)
	}
	w.ID = id
	_, err = tx.q().ExecContext(ctx, `UPDATE work_items SET kind = $1, owner = $2, deadline = $3, status = $4,
		done_date = $5, result_doc = $6, updated_at = $7 WHERE id = $8`, w.Kind, w.Owner, w.Deadline, w.Status,
		w.DoneDate, w.ResultDoc, now(), id)
	if err != nil {
		return false, fmt.Errorf("store: work item: %w", err)
	}
	return false, nil
}

// WorkItems reads the work programme of an org for a year, by deadline.
func (db *DB) WorkItems(ctx context.Context, orgID int64, year int) ([]WorkItem, error) {
	rows, err := db.q().QueryContext(ctx, `SELECT id, org_id, year, kind, title, owner, deadline, status, done_date,
		result_doc FROM work_items WHERE org_id = $1 AND year = $2 ORDER BY deadline, id`, orgID, year)
	if err != nil {
		return nil, fmt.Errorf("store: work items: %w", err)
	}
	defer rows.Close()
	var out []WorkItem
	for rows.Next() {
		var w WorkItem
		if err := rows.Scan(&w.ID, &w.OrgID, &w.Year, &w.Kind, &w.Title, &w.Owner, &w.Deadline, &w.Status, &w.DoneDate,
			&w.ResultDoc); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}
