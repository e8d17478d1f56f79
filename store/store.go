// Package store is the only package that speaks SQL: the same hand-written queries run on
// embedded SQLite (modernc.org/sqlite, pure Go) and on PostgreSQL (pgx), with a small dialect
// for the rest.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"
)

// Engine names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is an open database: a single-connection write pool (SQLite allows one writer) and a read
// pool; on PostgreSQL both are the same pool.
type DB struct {
	Engine string
	DSN    string
	w      *sql.DB
	r      *sql.DB
}

// IsPostgres tells whether a --db value names a PostgreSQL server rather than a SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the database named by dsn (a file path or a postgres:// URL) and applies
// the embedded migrations.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db, err := open(dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// cacheSize is the page cache of a SQLite connection (negative: in KiB, so 64 MB), restored by
// the loads and scans that change it for their duration.
const cacheSize = -65536

// restoreCacheSize sets a connection's page cache back to cacheSize.
var restoreCacheSize = fmt.Sprintf("PRAGMA cache_size = %d", cacheSize)

func open(dsn string) (*DB, error) {
	if IsPostgres(dsn) {
		p, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		p.SetMaxOpenConns(16)
		p.SetMaxIdleConns(16)
		p.SetConnMaxIdleTime(5 * time.Minute)
		return &DB{Engine: Postgres, DSN: dsn, w: p, r: p}, nil
	}
	// busy_timeout first so that every later pragma waits rather than fails under contention.
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "foreign_keys(1)",
		"synchronous(NORMAL)", fmt.Sprintf("cache_size(%d)", cacheSize), "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	base := "file:" + dsn + "?" + q.Encode()
	// WAL is a property of the file: the writer sets it; readers must not, or a reader opened
	// during a bulk load (which leaves WAL for its duration) would wait for the load's lock.
	w, err := sql.Open("sqlite", base+"&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", base)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	r.SetMaxOpenConns(4)
	return &DB{Engine: SQLite, DSN: dsn, w: w, r: r}, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	err := db.w.Close()
	if db.r != db.w {
		db.r.Close()
	}
	return err
}

// Tx is a write transaction; every change of the service happens inside one.
type Tx struct {
	tx *sql.Tx
	db *DB
}

// Write runs fn in one write transaction, committed only when fn returns nil.
func (db *DB) Write(ctx context.Context, fn func(*Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(&Tx{tx: tx, db: db}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// querier is what reads need: a pool or a transaction.
type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

func (db *DB) q() querier { return db.r }
func (tx *Tx) q() querier { return tx.tx }

// insertID runs an INSERT … RETURNING id on either engine.
func insertID(ctx context.Context, q querier, query string, args ...any) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }

// params returns n placeholders numbered from `from`: "$2, $3…" on PostgreSQL; on SQLite "?NNN",
// which it resolves by number rather than by searching a list of names.
func (db *DB) params(from, n int) string {
	if db.Engine == Postgres {
		return placeholders(from, n)
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "?%d", from+i)
	}
	return b.String()
}

// collect reads every row of a query with scan; a query error is wrapped with what was read.
func collect[T any](rows *sql.Rows, err error, what string, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan %s: %w", what, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
