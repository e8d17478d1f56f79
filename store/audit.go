package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"tochuc"
	"tochuc/audit"
)

// auditLockKey is the first key of the PostgreSQL advisory lock that serialises appends to the
// trail ("toch" in ASCII); the second is the table's oid, so that two tochuc schemas in one
// database each keep their own chain without waiting for each other.
const auditLockKey = 0x746f6368

const auditCols = `seq, ts, actor_id, actor_name, channel, ip, session_hash, action, object_type,
	object_id, org_id, outcome, reason, changes, detail, prev_hash, hash`

// AppendAudit appends e to the audit trail inside the caller's write transaction, so that the
// entry commits or rolls back with the change it describes. It reads the head, assigns
// Seq = head + 1 and Time (now, UTC, RFC 3339 with nanoseconds) when empty, makes the texts
// storable (audit.Normalize), seals the entry with audit.Seal and inserts it; e is updated to the
// stored entry. On PostgreSQL a transaction-scoped advisory lock held until commit serialises
// appenders, so call AppendAudit as the last statement of a transaction (taking row locks after
// it would invite deadlocks with other writers waiting for the lock) and keep the default READ
// COMMITTED isolation. On SQLite the single writer serialises them already.
func (tx *Tx) AppendAudit(ctx context.Context, e *tochuc.AuditEntry) error {
	return appendAudit(ctx, tx.q(), tx.db.Engine, e)
}

// AppendAudit appends e inside the bulk load's transaction (an import's summary entry), so that
// it commits or rolls back with the load, as Tx.AppendAudit does. On PostgreSQL other appenders
// wait for the load to commit.
func (b *Bulk) AppendAudit(e *tochuc.AuditEntry) error {
	return appendAudit(b.ctx, b.conn, b.db.Engine, e)
}

func appendAudit(ctx context.Context, q querier, engine string, e *tochuc.AuditEntry) error {
	if e.Action == "" {
		return errors.New("store: audit entry without an action")
	}
	if engine == Postgres {
		if _, err := q.ExecContext(ctx, fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d, 'audit_log'::regclass::oid::int)`, auditLockKey)); err != nil {
			return fmt.Errorf("store: audit lock: %w", err)
		}
	}
	head, err := auditHead(ctx, q)
	if err != nil {
		return err
	}
	s := *e
	audit.Normalize(&s)
	s.Seq = head.Seq + 1
	if s.Time == "" {
		s.Time = time.Now().UTC().Format(time.RFC3339Nano)
	}
	audit.Seal(&s, head.Hash)
	changes := []byte("[]")
	if len(s.Changes) > 0 {
		if changes, err = json.Marshal(s.Changes); err != nil {
			return fmt.Errorf("store: audit changes: %w", err)
		}
	}
	_, err = q.ExecContext(ctx, `INSERT INTO audit_log (`+auditCols+`) VALUES (`+placeholders(1, 17)+`)`,
		s.Seq, s.Time, s.ActorID, s.ActorName, s.Channel, s.IP, s.SessionHash, s.Action, s.ObjectType,
		s.ObjectID, s.OrgID, s.Outcome, s.Reason, string(changes), s.Detail, s.PrevHash, s.Hash)
	if err != nil {
		return fmt.Errorf("store: append audit: %w", err)
	}
	*e = s
	return nil
}

// AppendAudit appends e in a write transaction of its own, for events that change no data: a
// login, a refusal, a restricted read, an export. It fails closed: when it returns an error the
// caller must refuse the action it was recording. e is left as it was on error.
func (db *DB) AppendAudit(ctx context.Context, e *tochuc.AuditEntry) error {
	s := *e
	if err := db.Write(ctx, func(tx *Tx) error { return tx.AppendAudit(ctx, &s) }); err != nil {
		return err
	}
	*e = s
	return nil
}

func auditHead(ctx context.Context, q querier) (audit.Head, error) {
	var h audit.Head
	err := q.QueryRowContext(ctx, `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&h.Seq, &h.Hash)
	if errors.Is(err, sql.ErrNoRows) {
		return audit.Head{}, nil
	} else if err != nil {
		return audit.Head{}, fmt.Errorf("store: audit head: %w", err)
	}
	return h, nil
}

// AuditHead returns the newest entry's seq and hash (zero on an empty trail): the value to record
// outside the database and give back to `tochuc audit verify --expect-head`.
func (db *DB) AuditHead(ctx context.Context) (audit.Head, error) {
	return auditHead(ctx, db.w)
}

// AuditFilter selects audit entries; zero fields select everything.
type AuditFilter struct {
	ObjectType, ObjectID string  // "member", "123": the history of one record
	ActorID              int64   // entries of one user
	OrgIDs               []int64 // entries about objects in these orgs (empty: all orgs)
	Action               string  // one action, or a prefix ending in "." ("auth." for every auth.* action)
	From, To             string  // dates YYYY-MM-DD (UTC), both included
	BeforeSeq            int64   // only entries older than this seq: the next page
	Limit                int     // at most this many (default 50, at most 1000)
}

// ListAudit returns the entries f selects, newest first.
func (db *DB) ListAudit(ctx context.Context, f AuditFilter) ([]tochuc.AuditEntry, error) {
	var conds []string
	var args []any
	add := func(cond string, vals ...any) {
		for _, v := range vals {
			args = append(args, v)
			cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(args)), 1)
		}
		conds = append(conds, cond)
	}
	if f.ObjectType != "" {
		add("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != "" {
		add("object_id = ?", f.ObjectID)
	}
	if f.ActorID != 0 {
		add("actor_id = ?", f.ActorID)
	}
	if len(f.OrgIDs) > 0 {
		ids := make([]any, len(f.OrgIDs))
		for i, id := range f.OrgIDs {
			ids[i] = id
		}
		add("org_id IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+")", ids...)
	}
	if a, ok := strings.CutSuffix(f.Action, "."); ok && a != "" {
		// A prefix as a range: "auth." ≤ action < "auth/" ("/" follows "." in ASCII).
		add("action >= ? AND action < ?", a+".", a+"/")
	} else if f.Action != "" {
		add("action = ?", f.Action)
	}
	if f.From != "" {
		d, err := auditDate(f.From)
		if err != nil {
			return nil, err
		}
		add("ts >= ?", d.Format(time.DateOnly))
	}
	if f.To != "" {
		d, err := auditDate(f.To)
		if err != nil {
			return nil, err
		}
		add("ts < ?", d.AddDate(0, 0, 1).Format(time.DateOnly))
	}
	if f.BeforeSeq != 0 {
		add("seq < ?", f.BeforeSeq)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	query := `SELECT ` + auditCols + ` FROM audit_log`
	if len(conds) > 0 {
		query += ` WHERE ` + strings.Join(conds, " AND ")
	}
	args = append(args, limit)
	query += fmt.Sprintf(` ORDER BY seq DESC LIMIT $%d`, len(args))
	return scanAudit(db.q().QueryContext(ctx, query, args...))
}

func auditDate(s string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ (dạng YYYY-MM-DD)", s)
	}
	return d, nil
}

func scanAudit(rows *sql.Rows, err error) ([]tochuc.AuditEntry, error) {
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	defer rows.Close()
	var out []tochuc.AuditEntry
	for rows.Next() {
		var e tochuc.AuditEntry
		var changes string
		if err := rows.Scan(&e.Seq, &e.Time, &e.ActorID, &e.ActorName, &e.Channel, &e.IP, &e.SessionHash,
			&e.Action, &e.ObjectType, &e.ObjectID, &e.OrgID, &e.Outcome, &e.Reason, &changes, &e.Detail,
			&e.PrevHash, &e.Hash); err != nil {
			return nil, fmt.Errorf("store: audit: %w", err)
		}
		if err := json.Unmarshal([]byte(changes), &e.Changes); err != nil {
			// Not valid JSON: somebody wrote the row by hand. Keep the text, so that the verifier
			// reports the entry (its hash cannot match) instead of the walk failing.
			e.Changes = []tochuc.FieldChange{{Field: "?", New: changes}}
		}
		if len(e.Changes) == 0 {
			e.Changes = nil
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	return out, nil
}

// auditPage is how many entries EachAudit reads per query.
const auditPage = 1000

// EachAudit calls fn with every entry from seq fromSeq on, in seq order, until fn returns an
// error (which it returns). It reads in pages, holding no read transaction while fn runs.
func (db *DB) EachAudit(ctx context.Context, fromSeq int64, fn func(tochuc.AuditEntry) error) error {
	for {
		page, err := scanAudit(db.q().QueryContext(ctx, `SELECT `+auditCols+` FROM audit_log
			WHERE seq >= $1 ORDER BY seq LIMIT $2`, fromSeq, auditPage))
		if err != nil {
			return err
		}
		for _, e := range page {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(page) < auditPage {
			return nil
		}
		fromSeq = page[len(page)-1].Seq + 1
	}
}

// VerifyAudit walks the trail through v, from the entry after v.After (or from the start), and
// returns v.Finish(): nil when the chain is whole, an *audit.Problem where it breaks, or a
// database error.
func (db *DB) VerifyAudit(ctx context.Context, v *audit.Verifier) error {
	from := int64(math.MinInt64) // a forged row below seq 1 is reported too
	if v.After != nil {
		from = v.After.Seq + 1
	}
	var problem *audit.Problem
	err := db.EachAudit(ctx, from, func(e tochuc.AuditEntry) error {
		return v.Add(e)
	})
	if err != nil && !errors.As(err, &problem) {
		return err
	}
	return v.Finish()
}
