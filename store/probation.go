package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"tochuc"
)

// Probation reviews, party cards and card requests.

const reviewCols = `id, member_id, probation_start, vote_no, level, vote_date, yes_votes, no_votes, total, outcome,
	escalated, document, doc_date, doc_signer, note`

func scanReview(sc interface{ Scan(...any) error }) (tochuc.ProbationReview, error) {
	var r tochuc.ProbationReview
	var esc int
	err := sc.Scan(&r.ID, &r.MemberID, &r.ProbationStart, &r.VoteNo, &r.Level, &r.Date, &r.Yes, &r.No, &r.Total,
		&r.Outcome, &esc, &r.Document, &r.DocDate, &r.Signer, &r.Note)
	r.Escalated = esc != 0
	return r, err
}

// InsertProbationReview stores one vote on a probationary member.
func (tx *Tx) InsertProbationReview(ctx context.Context, r *tochuc.ProbationReview) error {
	esc := 0
	if r.Escalated {
		esc = 1
	}
	id, err := insertID(ctx, tx.q(), `INSERT INTO probation_reviews (member_id, probation_start, vote_no, level, vote_date,
		yes_votes, no_votes, total, outcome, escalated, document, doc_date, doc_signer, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		r.MemberID, r.ProbationStart, r.VoteNo, r.Level, r.Date, r.Yes, r.No, r.Total, r.Outcome, esc,
		r.Document, r.DocDate, r.Signer, r.Note, now())
	if err != nil {
		return fmt.Errorf("store: insert probation review: %w", err)
	}
	r.ID = id
	return nil
}

// ProbationReviews lists a member's votes, oldest first.
func (db *DB) ProbationReviews(ctx context.Context, memberID int64) ([]tochuc.ProbationReview, error) {
	return probationReviews(ctx, db.q(), memberID)
}

// ProbationReviews is ProbationReviews inside a transaction.
func (tx *Tx) ProbationReviews(ctx context.Context, memberID int64) ([]tochuc.ProbationReview, error) {
	return probationReviews(ctx, tx.q(), memberID)
}

func probationReviews(ctx context.Context, q querier, memberID int64) ([]tochuc.ProbationReview, error) {
	return collectReviews(q.QueryContext(ctx, `SELECT `+reviewCols+` FROM probation_reviews WHERE member_id = $1
		ORDER BY vote_date, id`, memberID))
}

// ProbationReviewsOf lists the votes of many members, by member then date.
func (db *DB) ProbationReviewsOf(ctx context.Context, ids []int64) (map[int64][]tochuc.ProbationReview, error) {
	out := map[int64][]tochuc.ProbationReview{}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i := range n {
			args[i] = ids[i]
		}
		rs, err := collectReviews(db.q().QueryContext(ctx, `SELECT `+reviewCols+` FROM probation_reviews WHERE member_id IN (`+
			placeholders(1, n)+`) ORDER BY member_id, vote_date, id`, args...))
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			out[r.MemberID] = append(out[r.MemberID], r)
		}
		ids = ids[n:]
	}
	return out, nil
}

func collectReviews(rows *sql.Rows, err error) ([]tochuc.ProbationReview, error) {
	return collect(rows, err, "probation reviews", scanReview)
}

// SetOfficialDate records the official date on the member sheet (the timeline holds the truth).
func (tx *Tx) SetOfficialDate(ctx context.Context, memberID int64, d tochuc.Date) error {
	_, err := tx.q().ExecContext(ctx, `UPDATE members SET official_date = $2, updated_at = $3 WHERE id = $1`, memberID, d, now())
	return err
}

// SetCardNumber keeps the register's current card number (an indexed search key) in step with
// the cards.
func (tx *Tx) SetCardNumber(ctx context.Context, memberID int64, number string) error {
	_, err := tx.q().ExecContext(ctx, `UPDATE members SET card_number = $2, updated_at = $3 WHERE id = $1`, memberID, number, now())
	return err
}

const cardCols = `id, member_id, number, issue_date, document, doc_date, doc_signer, status, status_date,
	COALESCE(replaced_by, 0), last_check, note`

func scanCard(sc interface{ Scan(...any) error }) (tochuc.Card, error) {
	var c tochuc.Card
	err := sc.Scan(&c.ID, &c.MemberID, &c.Number, &c.IssueDate, &c.Document, &c.DocDate, &c.Signer, &c.Status,
		&c.StatusDate, &c.ReplacedBy, &c.LastCheck, &c.Note)
	return c, err
}

// InsertCard stores a newly issued card.
func (tx *Tx) InsertCard(ctx context.Context, c *tochuc.Card) error {
	ts := now()
	id, err := insertID(ctx, tx.q(), `INSERT INTO cards (member_id, number, issue_date, document, doc_date, doc_signer,
		status, status_date, last_check, note, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
		c.MemberID, c.Number, c.IssueDate, c.Document, c.DocDate, c.Signer, c.Status, c.StatusDate, c.LastCheck, c.Note, ts)
	if err != nil {
		return fmt.Errorf("store: insert card: %w", err)
	}
	c.ID = id
	return nil
}

// SetCardStatus changes what became of a card; replacedBy 0 leaves the link unchanged.
func (tx *Tx) SetCardStatus(ctx context.Context, id int64, status string, d tochuc.Date, replacedBy int64, note string) error {
	var rb any
	if replacedBy != 0 {
		rb = replacedBy
	}
	_, err := tx.q().ExecContext(ctx, `UPDATE cards SET status = $2, status_date = $3, replaced_by = COALESCE($4, replaced_by),
		note = CASE WHEN $5 = '' THEN note ELSE $5 END, updated_at = $6 WHERE id = $1`, id, status, d, rb, note, now())
	return err
}

// SetCardChecked records a card's technical check.
func (tx *Tx) SetCardChecked(ctx context.Context, id int64, d tochuc.Date) error {
	_, err := tx.q().ExecContext(ctx, `UPDATE cards SET last_check = $2, updated_at = $3 WHERE id = $1`, id, d, now())
	return err
}

// MemberCards lists a member's cards, oldest first.
func (db *DB) MemberCards(ctx context.Context, memberID int64) ([]tochuc.Card, error) {
	return memberCards(ctx, db.q(), memberID)
}

// MemberCards is MemberCards inside a transaction.
func (tx *Tx) MemberCards(ctx context.Context, memberID int64) ([]tochuc.Card, error) {
	return memberCards(ctx, tx.q(), memberID)
}

func memberCards(ctx context.Context, q querier, memberID int64) ([]tochuc.Card, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+cardCols+` FROM cards WHERE member_id = $1 ORDER BY issue_date, id`, memberID)
	if err != nil {
		return nil, fmt.Errorf("store: cards: %w", err)
	}
	defer rows.Close()
	var out []tochuc.Card
	for rows.Next() {
		c, err := scanCard(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CardNumberHolder returns the member holding (or having held) a card number, in the cards or
// in the register; 0 when none.
func (tx *Tx) CardNumberHolder(ctx context.Context, number string) (int64, error) {
	var id int64
	err := tx.q().QueryRowContext(ctx, `SELECT member_id FROM cards WHERE number = $1
		UNION ALL SELECT id FROM members WHERE card_number = $1 LIMIT 1`, number).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

const requestCols = `r.id, r.member_id, m.full_name, r.org_id, o.code, r.requested_date, r.status, r.photos,
	COALESCE(r.card_id, 0), r.note`

func scanRequest(sc interface{ Scan(...any) error }) (tochuc.CardRequest, error) {
	var r tochuc.CardRequest
	var photos int
	err := sc.Scan(&r.ID, &r.MemberID, &r.MemberName, &r.OrgID, &r.OrgCode, &r.RequestedDate, &r.Status, &photos,
		&r.CardID, &r.Note)
	r.Photos = photos != 0
	return r, err
}

func collectRequests(rows *sql.Rows, err error) ([]tochuc.CardRequest, error) {
	return collect(rows, err, "card requests", scanRequest)
}

// InsertCardRequest stores a member proposed for a card.
func (tx *Tx) InsertCardRequest(ctx context.Context, r *tochuc.CardRequest) error {
	photos := 0
	if r.Photos {
		photos = 1
	}
	id, err := insertID(ctx, tx.q(), `INSERT INTO card_requests (member_id, org_id, requested_date, status, photos, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, r.MemberID, r.OrgID, r.RequestedDate, r.Status, photos, r.Note, now())
	if err != nil {
		return fmt.Errorf("store: insert card request: %w", err)
	}
	r.ID = id
	return nil
}

// CloseCardRequests marks a member's waiting requests issued with the card.
func (tx *Tx) CloseCardRequests(ctx context.Context, memberID, cardID int64) error {
	_, err := tx.q().ExecContext(ctx, `UPDATE card_requests SET status = $2, card_id = $3 WHERE member_id = $1 AND status = $4`,
		memberID, tochuc.CardRequestIssued, cardID, tochuc.CardRequested)
	return err
}

const requestFrom = ` FROM card_requests r JOIN members m ON m.id = r.member_id JOIN orgs o ON o.id = r.org_id`

// MemberCardRequests lists a member's card requests, oldest first.
func (db *DB) MemberCardRequests(ctx context.Context, memberID int64) ([]tochuc.CardRequest, error) {
	return collectRequests(db.q().QueryContext(ctx, `SELECT `+requestCols+requestFrom+` WHERE r.member_id = $1
		ORDER BY r.requested_date, r.id`, memberID))
}

// MemberCardRequests is MemberCardRequests inside a transaction.
func (tx *Tx) MemberCardRequests(ctx context.Context, memberID int64) ([]tochuc.CardRequest, error) {
	return collectRequests(tx.q().QueryContext(ctx, `SELECT `+requestCols+requestFrom+` WHERE r.member_id = $1
		ORDER BY r.requested_date, r.id`, memberID))
}

// CardRequestsIn lists the requests made between from and to (inclusive) by members of orgs of
// the subtree at path (as the tree stood on to); status "" is any. Vietnamese name order.
func (db *DB) CardRequestsIn(ctx context.Context, path string, from, to tochuc.Date, status string) ([]tochuc.CardRequest, error) {
	var a subtreeArgs
	dp := a.p(string(to))
	where := []string{`r.requested_date >= ` + a.p(string(from)), `r.requested_date <= ` + dp, a.orgsUnder("r.org_id", path, dp)}
	if status != "" {
		where = append(where, `r.status = `+a.p(status))
	}
	return collectRequests(db.q().QueryContext(ctx, `SELECT `+requestCols+requestFrom+` WHERE `+strings.Join(where, " AND ")+
		` ORDER BY m.sort_key, r.id`, a.args...))
}

// CardCheckRow is a card held by a member placed in a subtree.
type CardCheckRow struct {
	tochuc.Card
	FullName string
	OrgCode  string
}

// CardsCheckedBefore lists the cards still held (status issued) by members placed on d in the
// subtree at path whose last check is on or before cutoff.
func (db *DB) CardsCheckedBefore(ctx context.Context, path string, d, cutoff tochuc.Date, limit int) ([]CardCheckRow, error) {
	var a subtreeArgs
	dp := a.p(string(d))
	q := `SELECT c.id, c.member_id, c.number, c.issue_date, c.document, c.doc_date, c.doc_signer, c.status, c.status_date,
		COALESCE(c.replaced_by, 0), c.last_check, c.note, m.full_name, o.code
		FROM cards c JOIN members m ON m.id = c.member_id
		JOIN member_spans s ON s.member_id = c.member_id AND s.valid_from <= ` + dp + ` AND s.valid_to > ` + dp + `
		JOIN orgs o ON o.id = s.org_id
		WHERE c.status = ` + a.p(tochuc.CardIssued) + ` AND c.last_check <= ` + a.p(string(cutoff)) + `
		AND s.state <> 'in_transit' AND ` + a.orgsUnder("s.org_id", path, dp) + ` ORDER BY c.last_check, m.sort_key, c.id LIMIT ` + a.p(limit)
	rows, err := db.q().QueryContext(ctx, q, a.args...)
	if err != nil {
		return nil, fmt.Errorf("store: card checks: %w", err)
	}
	defer rows.Close()
	var out []CardCheckRow
	for rows.Next() {
		var c CardCheckRow
		if err := rows.Scan(&c.ID, &c.MemberID, &c.Number, &c.IssueDate, &c.Document, &c.DocDate, &c.Signer, &c.Status,
			&c.StatusDate, &c.ReplacedBy, &c.LastCheck, &c.Note, &c.FullName, &c.OrgCode); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
