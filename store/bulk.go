package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"tochuc"
)

// Bulk loads many members with their events and spans in one transaction: multi-row INSERTs
// on SQLite, COPY on PostgreSQL. Into empty tables it drops the secondary indexes and builds
// them once at the end, which is several times faster than maintaining them row by row.
type Bulk struct {
	db      *DB
	conn    *sql.Conn
	ctx     context.Context
	nextID  int64
	indexes []string // CREATE INDEX (and, on PostgreSQL, ADD CONSTRAINT) statements to run at Commit
	members [][]any
	events  [][]any
	spans   [][]any
	stmts   map[string]*sql.Stmt
	done    bool
	walOff  bool // the journal was switched from WAL for the load
	// IndexTime is how long rebuilding the dropped indexes took at Commit.
	IndexTime time.Duration
}

// bulkBatch rows are queued per flush; PostgreSQL gets ten times more per COPY command.
const bulkBatch = 2000

var (
	bulkMemberCols = memberInsertCols + `, id, org_id, status, sort_key, name_fold, full_fold, created_at, updated_at`
	bulkEventCols  = `member_id, kind, event_date, org_id, document, note`
	bulkSpanCols   = `member_id, org_id, valid_from, valid_to, state, official_from, end_kind`
)

// bulkTables are the tables a bulk load writes, with their indexes dropped when empty.
var bulkTables = []string{"members", "member_events", "member_spans"}

// BeginBulk starts a bulk load.
func (db *DB) BeginBulk(ctx context.Context) (*Bulk, error) {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return nil, err
	}
	b := &Bulk{db: db, conn: conn, ctx: ctx, stmts: map[string]*sql.Stmt{}}
	begin := "BEGIN"
	if db.Engine == SQLite {
		begin = "BEGIN IMMEDIATE"
		// The loader checks every org id itself; per-row foreign-key lookups would double the
		// work. A rollback journal instead of WAL writes each new page once: pages appended to
		// the file are not journaled. Both are restored when the load ends. Temporary files
		// on disk rather than in memory let the index builds sort in runs (see Commit).
		for _, p := range []string{"PRAGMA foreign_keys = OFF", "PRAGMA cache_size = -500000", "PRAGMA threads = 4", "PRAGMA temp_store = FILE"} {
			if _, err := conn.ExecContext(ctx, p); err != nil {
				conn.Close()
				return nil, err
			}
		}
		// Leaving WAL needs the only open connection: close the idle readers first.
		db.r.SetMaxIdleConns(0)
		var mode string
		if conn.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode) == nil && mode == "delete" {
			b.walOff = true
		}
		db.r.SetMaxIdleConns(4)
	}
	if _, err := conn.ExecContext(ctx, begin); err != nil {
		conn.Close()
		return nil, fmt.Errorf("store: bulk begin: %w", err)
	}
	if err := conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM members`).Scan(&b.nextID); err != nil {
		b.Rollback()
		return nil, err
	}
	if b.nextID == 1 {
		if err := b.dropIndexes(); err != nil {
			b.Rollback()
			return nil, err
		}
	}
	return b, nil
}

func (b *Bulk) dropIndexes() error {
	var q string
	if b.db.Engine == SQLite {
		q = `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('members', 'member_events', 'member_spans')`
	} else {
		q = `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('members', 'member_events', 'member_spans') AND indexname NOT LIKE '%_pkey'`
	}
	rows, err := b.conn.QueryContext(b.ctx, q)
	if err != nil {
		return fmt.Errorf("store: list indexes: %w", err)
	}
	var names []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return err
		}
		names = append(names, name)
		b.indexes = append(b.indexes, def)
	}
	rows.Close()
	for _, n := range names {
		if _, err := b.conn.ExecContext(b.ctx, `DROP INDEX `+n); err != nil {
			return fmt.Errorf("store: drop index %s: %w", n, err)
		}
	}
	if b.db.Engine == Postgres {
		return b.dropForeignKeys()
	}
	return nil
}

// dropForeignKeys lifts the foreign keys of the loaded tables on PostgreSQL, where COPY checks
// each row against its parent one by one; Commit adds them back, which checks all rows in one
// pass, inside the same transaction.
func (b *Bulk) dropForeignKeys() error {
	rows, err := b.conn.QueryContext(b.ctx, `SELECT conname, conrelid::regclass::text, pg_get_constraintdef(oid)
		FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
		AND conrelid::regclass::text IN ('members', 'member_events', 'member_spans')`)
	if err != nil {
		return fmt.Errorf("store: list foreign keys: %w", err)
	}
	type fk struct{ name, table, def string }
	var fks []fk
	for rows.Next() {
		var f fk
		if err := rows.Scan(&f.name, &f.table, &f.def); err != nil {
			rows.Close()
			return err
		}
		fks = append(fks, f)
	}
	rows.Close()
	for _, f := range fks {
		if _, err := b.conn.ExecContext(b.ctx, `ALTER TABLE `+f.table+` DROP CONSTRAINT `+f.name); err != nil {
			return fmt.Errorf("store: drop foreign key %s: %w", f.name, err)
		}
		b.indexes = append(b.indexes, `ALTER TABLE `+f.table+` ADD CONSTRAINT `+f.name+` `+f.def)
	}
	return nil
}

// NextMemberID reserves the id of the next member added.
func (b *Bulk) NextMemberID() int64 { id := b.nextID; b.nextID++; return id }

// AddMember queues one member row; id must come from NextMemberID.
func (b *Bulk) AddMember(id int64, m *tochuc.Member, k MemberKeys, orgID int64, status string) error {
	var org any
	if orgID != 0 {
		org = orgID
	}
	t := now()
	row := append(memberArgs(m), id, org, status, k.SortKey, k.NameFold, k.FullFold, t, t)
	for i, v := range row {
		if d, ok := v.(tochuc.Date); ok {
			row[i] = string(d)
		}
	}
	b.members = append(b.members, row)
	batch := bulkBatch
	if b.db.Engine == Postgres {
		batch *= 10
	}
	if len(b.members) >= batch {
		return b.flush()
	}
	return nil
}

// AddEvent queues one event of a member added in this load.
func (b *Bulk) AddEvent(e tochuc.MemberEvent) {
	var org any
	if e.OrgID != 0 {
		org = e.OrgID
	}
	b.events = append(b.events, []any{e.MemberID, e.Kind, string(e.Date), org, e.Document, e.Note})
}

// AddSpan queues one span of a member added in this load.
func (b *Bulk) AddSpan(s tochuc.Span) {
	b.spans = append(b.spans, []any{s.MemberID, s.OrgID, string(s.ValidFrom), string(s.ValidTo), s.State, string(s.OfficialFrom), s.EndKind})
}

// flush writes the queued rows, members first so that events and spans find their member.
func (b *Bulk) flush() error {
	for _, t := range []struct {
		table, cols string
		rows        *[][]any
	}{{"members", bulkMemberCols, &b.members}, {"member_events", bulkEventCols, &b.events}, {"member_spans", bulkSpanCols, &b.spans}} {
		if len(*t.rows) == 0 {
			continue
		}
		var err error
		if b.db.Engine == Postgres {
			err = b.copy(t.table, t.cols, *t.rows)
		} else {
			err = b.insert(t.table, t.cols, *t.rows)
		}
		if err != nil {
			return fmt.Errorf("store: bulk %s: %w", t.table, err)
		}
		*t.rows = (*t.rows)[:0]
	}
	return nil
}

// insert writes rows with multi-row INSERT statements of a fixed size, prepared once.
func (b *Bulk) insert(table, cols string, rows [][]any) error {
	ncol := len(rows[0])
	per := 32000 / ncol // SQLite's limit of bound variables per statement is 32766
	if per > 500 {
		per = 500
	}
	for len(rows) > 0 {
		n := per
		if len(rows) < n {
			n = len(rows)
		}
		key := fmt.Sprintf("%s/%d", table, n)
		st := b.stmts[key]
		if st == nil {
			var sb strings.Builder
			sb.WriteString("INSERT INTO " + table + " (" + cols + ") VALUES ")
			for i := 0; i < n; i++ {
				if i > 0 {
					sb.WriteByte(',')
				}
				sb.WriteByte('(')
				for j := 0; j < ncol; j++ {
					if j > 0 {
						sb.WriteByte(',')
					}
					sb.WriteByte('?')
				}
				sb.WriteByte(')')
			}
			var err error
			if st, err = b.conn.PrepareContext(b.ctx, sb.String()); err != nil {
				return err
			}
			b.stmts[key] = st
		}
		args := make([]any, 0, n*ncol)
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		if _, err := st.ExecContext(b.ctx, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// copy streams rows with PostgreSQL's COPY protocol.
func (b *Bulk) copy(table, cols string, rows [][]any) error {
	names := strings.Split(cols, ",")
	for i := range names {
		names[i] = strings.TrimSpace(names[i])
	}
	return b.conn.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn).Conn()
		_, err := c.CopyFrom(b.ctx, pgx.Identifier{table}, names, pgx.CopyFromRows(rows))
		return err
	})
}

// Exec runs one statement inside the bulk transaction (updates of rows already present).
func (b *Bulk) Exec(query string, args ...any) error {
	_, err := b.conn.ExecContext(b.ctx, query, args...)
	return err
}

// Commit writes what is queued, rebuilds dropped indexes and commits.
func (b *Bulk) Commit() error {
	if err := b.flush(); err != nil {
		b.Rollback()
		return err
	}
	start := time.Now()
	defer func() { b.IndexTime = time.Since(start) }()
	if b.db.Engine == SQLite && len(b.indexes) > 0 {
		// SQLite sorts an index in runs of the page cache's size, but only when temporary
		// files may go to disk: with temp_store = MEMORY it sorts all entries at once in one
		// thread, a merge sort of a linked list that spends its time waiting on memory. Runs
		// of 16 MB fit the CPU cache, are sorted by worker threads while the table is read,
		// and are merged at the end: about 2.5× faster over the national register.
		if _, err := b.conn.ExecContext(b.ctx, "PRAGMA cache_size = -16000"); err != nil {
			b.Rollback()
			return err
		}
	}
	for _, def := range b.indexes {
		if _, err := b.conn.ExecContext(b.ctx, def); err != nil {
			b.Rollback()
			return fmt.Errorf("store: rebuild index: %w", err)
		}
	}
	if b.db.Engine == Postgres {
		if _, err := b.conn.ExecContext(b.ctx, `SELECT setval(pg_get_serial_sequence('members', 'id'), (SELECT COALESCE(MAX(id), 1) FROM members))`); err != nil {
			b.Rollback()
			return err
		}
	}
	if _, err := b.conn.ExecContext(b.ctx, "COMMIT"); err != nil {
		b.Rollback()
		return fmt.Errorf("store: bulk commit: %w", err)
	}
	if b.db.Engine == Postgres {
		b.conn.ExecContext(b.ctx, "ANALYZE members; ANALYZE member_events; ANALYZE member_spans")
	} else {
		// Statistics from a sample of each index: a full ANALYZE reads every index of the
		// national register again (≈25 s); the sample gives the planner the same choices.
		b.conn.ExecContext(b.ctx, "PRAGMA analysis_limit = 2000")
		b.conn.ExecContext(b.ctx, "ANALYZE")
		b.conn.ExecContext(b.ctx, "PRAGMA analysis_limit = 0")
	}
	b.close()
	return nil
}

// Rollback abandons the load: nothing of it is written.
func (b *Bulk) Rollback() {
	if b.done {
		return
	}
	b.conn.ExecContext(context.Background(), "ROLLBACK")
	b.close()
}

func (b *Bulk) close() {
	for _, st := range b.stmts {
		st.Close()
	}
	if b.db.Engine == SQLite {
		ctx := context.Background()
		if b.walOff {
			b.conn.ExecContext(ctx, "PRAGMA journal_mode = WAL")
		}
		b.conn.ExecContext(ctx, "PRAGMA foreign_keys = ON")
		b.conn.ExecContext(ctx, "PRAGMA temp_store = MEMORY")
		b.conn.ExecContext(ctx, restoreCacheSize)
	}
	b.conn.Close()
	b.done = true
}

// Reserve records that a member id taken from the file is used, so NextMemberID skips it.
func (b *Bulk) Reserve(id int64) {
	if id >= b.nextID {
		b.nextID = id + 1
	}
}

// UpdateMember rewrites the identity of a member already in the register.
func (b *Bulk) UpdateMember(m *tochuc.Member, k MemberKeys) error {
	q, args := updateMember(m, k)
	return b.Exec(q, args...)
}
