package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"tochuc"
)

// transferCols are the columns of a transfer, read with the org codes and the member's name.
const transferCols = `t.id, t.member_id, m.full_name, t.kind, t.scope, t.purpose, t.from_org_id, fo.code,
	COALESCE(t.to_org_id, 0), COALESCE(too.code, ''), t.destination, t.slip_number, t.slip_date, t.dues_paid_to,
	t.card_number, t.history_number, t.document, t.doc_date, t.doc_signer, t.until_date, t.status,
	t.received_date, t.received_doc, t.received_signer, t.cancelled_date, COALESCE(t.out_event_id, 0),
	t.batch_id, t.note`

const transferFrom = ` FROM transfers t JOIN members m ON m.id = t.member_id JOIN orgs fo ON fo.id = t.from_org_id
	LEFT JOIN orgs too ON too.id = t.to_org_id`

func scanTransfer(sc interface{ Scan(...any) error }) (tochuc.Transfer, error) {
	var t tochuc.Transfer
	err := sc.Scan(&t.ID, &t.MemberID, &t.MemberName, &t.Kind, &t.Scope, &t.Purpose, &t.FromOrgID, &t.FromOrgCode,
		&t.ToOrgID, &t.ToOrgCode, &t.Destination, &t.SlipNumber, &t.SlipDate, &t.DuesPaidTo,
		&t.CardNumber, &t.HistoryNumber, &t.Document, &t.DocDate, &t.Signer, &t.UntilDate, &t.Status,
		&t.ReceivedDate, &t.ReceivedDoc, &t.ReceivedSigner, &t.CancelledDate, &t.OutEventID,
		&t.BatchID, &t.Note)
	return t, err
}

// InsertTransfer stores a newly issued transfer slip.
func (tx *Tx) InsertTransfer(ctx context.Context, t *tochuc.Transfer) (int64, error) {
	var to, out any
	if t.ToOrgID != 0 {
		to = t.ToOrgID
	}
	if t.OutEventID != 0 {
		out = t.OutEventID
	}
	ts := now()
	id, err := insertID(ctx, tx.q(), `INSERT INTO transfers (member_id, kind, scope, purpose, from_org_id, to_org_id,
		destination, slip_number, slip_date, dues_paid_to, card_number, history_number, document, doc_date, doc_signer,
		until_date, status, out_event_id, batch_id, note, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21)`,
		t.MemberID, t.Kind, t.Scope, t.Purpose, t.FromOrgID, to, t.Destination, t.SlipNumber, t.SlipDate, t.DuesPaidTo,
		t.CardNumber, t.HistoryNumber, t.Document, t.DocDate, t.Signer, t.UntilDate, t.Status, out, t.BatchID, t.Note, ts)
	if err != nil {
		return 0, fmt.Errorf("store: insert transfer: %w", err)
	}
	t.ID = id
	return id, nil
}

// Transfer reads one transfer.
func (db *DB) Transfer(ctx context.Context, id int64) (tochuc.Transfer, error) {
	return transfer(ctx, db.q(), id)
}

// Transfer reads one transfer inside the transaction.
func (tx *Tx) Transfer(ctx context.Context, id int64) (tochuc.Transfer, error) {
	return transfer(ctx, tx.q(), id)
}

func transfer(ctx context.Context, q querier, id int64) (tochuc.Transfer, error) {
	t, err := scanTransfer(q.QueryRowContext(ctx, `SELECT `+transferCols+transferFrom+` WHERE t.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy giấy giới thiệu sinh hoạt đảng số %d", id)
	}
	return t, err
}

// ReceiveTransfer marks a transfer received.
func (tx *Tx) ReceiveTransfer(ctx context.Context, id int64, d tochuc.Date, doc, signer string) error {
	_, err := tx.q().ExecContext(ctx, `UPDATE transfers SET status = 'received', received_date = $2, received_doc = $3,
		received_signer = $4, updated_at = $5 WHERE id = $1`, id, d, doc, signer, now())
	return err
}

// CancelTransfer marks a transfer cancelled and forgets its out event (which the caller deletes).
func (tx *Tx) CancelTransfer(ctx context.Context, id int64, d tochuc.Date) error {
	_, err := tx.q().ExecContext(ctx, `UPDATE transfers SET status = 'cancelled', cancelled_date = $2, out_event_id = NULL,
		updated_at = $3 WHERE id = $1`, id, d, now())
	return err
}

// SetTransferUntil sets the end of a temporary transfer (an early return).
func (tx *Tx) SetTransferUntil(ctx context.Context, id int64, d tochuc.Date) error {
	_, err := tx.q().ExecContext(ctx, `UPDATE transfers SET until_date = $2, updated_at = $3 WHERE id = $1`, id, d, now())
	return err
}

// DeleteMemberEvent removes one event of a member's timeline: only a transfer slip cancelled
// before receipt, which never took effect (the transfer row keeps its history).
func (tx *Tx) DeleteMemberEvent(ctx context.Context, memberID, eventID int64) error {
	res, err := tx.q().ExecContext(ctx, `DELETE FROM member_events WHERE id = $1 AND member_id = $2 AND kind = $3`,
		eventID, memberID, tochuc.EventTransferOut)
	if err != nil {
		return fmt.Errorf("store: delete member event: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return tochuc.Errorf(tochuc.ECONFLICT, "sự kiện chuyển đi không còn trên hồ sơ đảng viên")
	}
	return nil
}

// PendingTransfers lists the member's transfers still issued (not received nor cancelled).
func (tx *Tx) PendingTransfers(ctx context.Context, memberID int64) ([]tochuc.Transfer, error) {
	return collectTransfers(tx.q().QueryContext(ctx, `SELECT `+transferCols+transferFrom+
		` WHERE t.member_id = $1 AND t.status = 'issued' ORDER BY t.slip_date, t.id`, memberID))
}

// MemberTransfers lists every transfer of a member, oldest first.
func (db *DB) MemberTransfers(ctx context.Context, memberID int64) ([]tochuc.Transfer, error) {
	return collectTransfers(db.q().QueryContext(ctx, `SELECT `+transferCols+transferFrom+
		` WHERE t.member_id = $1 ORDER BY t.slip_date, t.id`, memberID))
}

func collectTransfers(rows *sql.Rows, err error) ([]tochuc.Transfer, error) {
	return collect(rows, err, "transfers", scanTransfer)
}

// TransferQuery selects transfers touching a subtree.
type TransferQuery struct {
	Path      string      // the subtree (as of AsOf); "" = everywhere
	AsOf      tochuc.Date // the date the subtree is read on, and the in-transit date
	Side      string      // "out" (sent from the subtree), "in" (sent to it), "" both
	Status    string      // issued, received, cancelled; "" any
	Kind      string      // official, temporary; "" any
	InTransit bool        // official transfers in transit on AsOf (issued on or before, not received by then)
	Temporary bool        // temporary members hosted on AsOf (received on or before, not ended)
	Limit     int         // 0: 500
}

// ListTransfers returns the transfers a query selects, newest slip first.
func (db *DB) ListTransfers(ctx context.Context, q TransferQuery) ([]tochuc.Transfer, error) {
	args := []any{q.AsOf}
	var conds []string
	add := func(cond string, vals ...any) {
		for _, v := range vals {
			args = append(args, v)
			cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(args)), 1)
		}
		conds = append(conds, cond)
	}
	conds = append(conds, "CAST($1 AS TEXT) IS NOT NULL")
	if q.Path != "" {
		lo, hi := tochuc.SubtreeRange(q.Path)
		sub := func(col string) string {
			return col + " IN (SELECT sv.org_id FROM org_versions sv WHERE sv.path >= ? AND sv.path < ? AND sv.valid_from <= $1 AND sv.valid_to > $1)"
		}
		switch q.Side {
		case "out":
			add(sub("t.from_org_id"), lo, hi)
		case "in":
			add(sub("t.to_org_id"), lo, hi)
		default:
			add("("+sub("t.from_org_id")+" OR "+sub("t.to_org_id")+")", lo, hi, lo, hi)
		}
	}
	if q.Status != "" {
		add("t.status = ?", q.Status)
	}
	if q.Kind != "" {
		add("t.kind = ?", q.Kind)
	}
	if q.InTransit {
		conds = append(conds, "t.kind = 'official' AND t.slip_date <= $1 AND (t.status = 'issued' OR (t.status = 'received' AND t.received_date > $1))")
	}
	if q.InTransit {
		// The member is still in transit on the date: an exit recorded meanwhile (a member who
		// never presented the slip and was removed from the list) ends the transit.
		conds = append(conds, "EXISTS (SELECT 1 FROM member_spans s WHERE s.member_id = t.member_id AND s.state = 'in_transit' AND s.valid_from <= $1 AND s.valid_to > $1)",
			// …and the transit belongs to the latest slip issued by then.
			"NOT EXISTS (SELECT 1 FROM transfers t2 WHERE t2.member_id = t.member_id AND t2.kind = 'official' AND t2.status <> 'cancelled' AND t2.slip_date <= $1 AND (t2.slip_date > t.slip_date OR (t2.slip_date = t.slip_date AND t2.id > t.id)))")
	}
	if q.Temporary {
		// Hosted while received and not ended, and only while the member is placed at home.
		conds = append(conds, "t.kind = 'temporary' AND t.status = 'received' AND t.received_date <= $1 AND (t.until_date = '' OR t.until_date > $1)",
			"EXISTS (SELECT 1 FROM member_spans s WHERE s.member_id = t.member_id AND s.state <> 'in_transit' AND s.valid_from <= $1 AND s.valid_to > $1)")
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 500
	}
	query := `SELECT ` + transferCols + transferFrom + ` WHERE ` + strings.Join(conds, " AND ") +
		fmt.Sprintf(` ORDER BY t.slip_date DESC, t.id DESC LIMIT %d`, limit)
	return collectTransfers(db.q().QueryContext(ctx, query, args...))
}

// ExitFact is what an exit recorded beyond its event: the removal ground and the reason as
// the re-admission rules name it.
type ExitFact struct {
	EventID        int64
	Kind           string
	Ground         int
	Reason         string
	FamilyHardship bool
}

// InsertExit records the facts of an exit event.
func (tx *Tx) InsertExit(ctx context.Context, memberID int64, f ExitFact) error {
	h := 0
	if f.FamilyHardship {
		h = 1
	}
	_, err := tx.q().ExecContext(ctx, `INSERT INTO member_exits (event_id, member_id, kind, ground, reason, family_hardship)
		VALUES ($1, $2, $3, $4, $5, $6)`, f.EventID, memberID, f.Kind, f.Ground, f.Reason, h)
	return err
}

// MemberExits returns the facts of a member's exits by event id.
func (tx *Tx) MemberExits(ctx context.Context, memberID int64) (map[int64]ExitFact, error) {
	rows, err := tx.q().QueryContext(ctx, `SELECT event_id, kind, ground, reason, family_hardship FROM member_exits WHERE member_id = $1`, memberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]ExitFact{}
	for rows.Next() {
		var f ExitFact
		var h int
		if err := rows.Scan(&f.EventID, &f.Kind, &f.Ground, &f.Reason, &h); err != nil {
			return nil, err
		}
		f.FamilyHardship = h != 0
		out[f.EventID] = f
	}
	return out, rows.Err()
}

// LastEventID is the id of the member's latest event of a kind (0 when none).
func (tx *Tx) LastEventID(ctx context.Context, memberID int64, kind string) (int64, error) {
	var id sql.NullInt64
	err := tx.q().QueryRowContext(ctx, `SELECT MAX(id) FROM member_events WHERE member_id = $1 AND kind = $2`, memberID, kind).Scan(&id)
	return id.Int64, err
}

// RebuildSpans replays a member's events into spans again (after an event was removed).
func (tx *Tx) RebuildSpans(ctx context.Context, memberID int64, today tochuc.Date) error {
	events, err := tx.MemberEvents(ctx, memberID)
	if err != nil {
		return err
	}
	spans, err := tochuc.BuildSpans(memberID, events)
	if err != nil {
		return err
	}
	return tx.ReplaceSpans(ctx, memberID, spans, today)
}
