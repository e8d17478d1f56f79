package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// OrgFact is what a clerk enters for an org for a year: the population of its area and the
// number of villages and residential groups (thôn, tổ dân phố), with how many of them have a
// party cell. A nil figure was not entered; VillagesWithCell nil is derived from the cells.
type OrgFact struct {
	ID               int64  `json:"id"`
	OrgID            int64  `json:"-"`
	OrgCode          string `json:"org_code"`
	Year             int    `json:"year"`
	Population       *int64 `json:"population,omitempty"`
	Villages         *int64 `json:"villages,omitempty"`
	VillagesWithCell *int64 `json:"villages_with_cell,omitempty"`
	Document         string `json:"document,omitempty"`
}

func factNull(p *int64) sql.NullInt64 {
	if p == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: *p, Valid: true}
}

func factPtr(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

// SetOrgFact writes the facts of an org for a year, replacing those entered before for the
// same org and year; it tells whether the row is new.
func (tx *Tx) SetOrgFact(ctx context.Context, f *OrgFact) (created bool, err error) {
	var id int64
	err = tx.q().QueryRowContext(ctx, `SELECT id FROM org_facts WHERE org_id = $1 AND year = $2`, f.OrgID, f.Year).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		f.ID, err = insertID(ctx, tx.q(), `INSERT INTO org_facts (org_id, year, population, villages, villages_with_cell,
			document, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			f.OrgID, f.Year, factNull(f.Population), factNull(f.Villages), factNull(f.VillagesWithCell), f.Document, now())
		if err != nil {
			return false, fmt.Errorf("store: org facts: %w", err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("store: org facts: %w", err)
	}
	f.ID = id
	_, err = tx.q().ExecContext(ctx, `UPDATE org_facts SET population = $1, villages = $2, villages_with_cell = $3,
		document = $4, updated_at = $5 WHERE id = $6`,
		factNull(f.Population), factNull(f.Villages), factNull(f.VillagesWithCell), f.Document, now(), id)
	if err != nil {
		return false, fmt.Errorf("store: org facts: %w", err)
	}
	return false, nil
}

// OrgFactsUpTo reads, for every org that has facts for a year up to the one given, the facts
// of its latest such year (a population entered for 2023 still serves in 2024 until the 2024
// figure is entered), by org id.
func (db *DB) OrgFactsUpTo(ctx context.Context, year int) (map[int64]OrgFact, error) {
	rows, err := db.q().QueryContext(ctx, `SELECT f.id, f.org_id, o.code, f.year, f.population, f.villages,
		f.villages_with_cell, f.document FROM org_facts f JOIN orgs o ON o.id = f.org_id
		WHERE f.year <= $1 ORDER BY f.org_id, f.year`, year)
	if err != nil {
		return nil, fmt.Errorf("store: org facts: %w", err)
	}
	defer rows.Close()
	out := map[int64]OrgFact{}
	for rows.Next() {
		f, err := scanOrgFact(rows)
		if err != nil {
			return nil, err
		}
		out[f.OrgID] = f // later years come last and replace earlier ones
	}
	return out, rows.Err()
}

// OrgFactsOfOrgs reads every fact entered for the orgs given, in org and year order.
func (db *DB) OrgFactsOfOrgs(ctx context.Context, orgIDs []int64) ([]OrgFact, error) {
	if len(orgIDs) == 0 {
		return nil, nil
	}
	want := make(map[int64]bool, len(orgIDs))
	for _, id := range orgIDs {
		want[id] = true
	}
	rows, err := db.q().QueryContext(ctx, `SELECT f.id, f.org_id, o.code, f.year, f.population, f.villages,
		f.villages_with_cell, f.document FROM org_facts f JOIN orgs o ON o.id = f.org_id ORDER BY o.code, f.year`)
	if err != nil {
		return nil, fmt.Errorf("store: org facts: %w", err)
	}
	defer rows.Close()
	var out []OrgFact
	for rows.Next() {
		f, err := scanOrgFact(rows)
		if err != nil {
			return nil, err
		}
		if want[f.OrgID] {
			out = append(out, f)
		}
	}
	return out, rows.Err()
}

func scanOrgFact(rows *sql.Rows) (OrgFact, error) {
	var f OrgFact
	var pop, vil, cell sql.NullInt64
	if err := rows.Scan(&f.ID, &f.OrgID, &f.OrgCode, &f.Year, &pop, &vil, &cell, &f.Document); err != nil {
		return f, fmt.Errorf("store: org facts: %w", err)
	}
	f.Population, f.Villages, f.VillagesWithCell = factPtr(pop), factPtr(vil), factPtr(cell)
	return f, nil
}
