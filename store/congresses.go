package store

import (
	"context"
	"fmt"

	"tochuc"
)

// Congress is a congress (đại hội) an org held for a term.
type Congress struct {
	ID       int64       `json:"id"`
	OrgID    int64       `json:"-"`
	OrgCode  string      `json:"org_code"`
	TermFrom int         `json:"term_from"`
	TermTo   int         `json:"term_to"`
	HeldOn   tochuc.Date `json:"held_on"`
	Document string      `json:"document,omitempty"`
	Note     string      `json:"note,omitempty"`
}

// SetCongress records the congress of an org for a term, replacing the one recorded before for
// the same org and term; it tells whether the record is new.
func (tx *Tx) SetCongress(ctx context.Context, c *Congress) (created bool, err error) {
	var id int64
	err = tx.q().QueryRowContext(ctx, `SELECT id FROM congresses WHERE org_id = $1 AND term_from = $2`,
		c.OrgID, c.TermFrom).Scan(&id)
	if err == nil {
		c.ID = id
		_, err = tx.q().ExecContext(ctx, `UPDATE congresses SET term_to = $1, held_on = $2, document = $3, note = $4,
			updated_at = $5 WHERE id = $6`, c.TermTo, c.HeldOn, c.Document, c.Note, now(), id)
		if err != nil {
			return false, fmt.Errorf("store: congress: %w", err)
		}
		return false, nil
	}
	c.ID, err = insertID(ctx, tx.q(), `INSERT INTO congresses (org_id, term_from, term_to, held_on, document, note,
		updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, c.OrgID, c.TermFrom, c.TermTo, c.HeldOn, c.Document, c.Note, now())
	if err != nil {
		return false, fmt.Errorf("store: congress: %w", err)
	}
	return true, nil
}

// CongressesOfTerm reads every congress recorded for the term starting in termFrom and held on
// or before d, keyed by org id.
func (db *DB) CongressesOfTerm(ctx context.Context, termFrom int, d tochuc.Date) (map[int64]Congress, error) {
	rows, err := db.q().QueryContext(ctx, `SELECT c.id, c.org_id, o.code, c.term_from, c.term_to, c.held_on,
		c.document, c.note FROM congresses c JOIN orgs o ON o.id = c.org_id
		WHERE c.term_from = $1 AND c.held_on <= $2`, termFrom, d)
	list, err := collect(rows, err, "congresses",
		func(sc interface{ Scan(...any) error }) (Congress, error) {
			var c Congress
			err := sc.Scan(&c.ID, &c.OrgID, &c.OrgCode, &c.TermFrom, &c.TermTo, &c.HeldOn, &c.Document, &c.Note)
			return c, err
		})
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Congress, len(list))
	for _, c := range list {
		out[c.OrgID] = c
	}
	return out, nil
}
