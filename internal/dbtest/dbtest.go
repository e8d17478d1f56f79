// Package dbtest runs a test against every database engine: a fresh SQLite file, and a fresh
// schema on the PostgreSQL server named by TOCHUC_TEST_POSTGRES. In CI (CI=true) a missing
// PostgreSQL fails the test instead of skipping it.
package dbtest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tochuc/store"
)

var schemaSeq atomic.Int64

// Engines lists the engines tests run on.
var Engines = []string{store.SQLite, store.Postgres}

// DSN returns a fresh, empty database of the engine for one test, dropped at cleanup.
func DSN(t testing.TB, engine string) string {
	t.Helper()
	if engine == store.SQLite {
		return filepath.Join(t.TempDir(), "test.db")
	}
	base := os.Getenv("TOCHUC_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("TOCHUC_TEST_POSTGRES is not set: PostgreSQL tests must run in CI (scripts/test starts a server)")
		}
		t.Skip("TOCHUC_TEST_POSTGRES not set; run scripts/test to include PostgreSQL")
	}
	schema := fmt.Sprintf("t%d_%d", time.Now().UnixNano()%1e9, schemaSeq.Add(1))
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

// Open returns an open, migrated, empty database of the engine, closed at cleanup.
func Open(t testing.TB, engine string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), DSN(t, engine))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Each runs fn as a subtest on every engine.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for _, e := range Engines {
		t.Run(e, func(t *testing.T) { fn(t, Open(t, e)) })
	}
}
