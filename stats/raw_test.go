package stats_test

import (
	"database/sql"
	"testing"

	"tochuc/store"
)

type sqlRows = sql.Rows

type rawDB struct{ *sql.DB }

// openRaw opens the test database directly, for recounts that must not go through the store.
func openRaw(t *testing.T, db *store.DB) *rawDB {
	t.Helper()
	driver, dsn := "pgx", db.DSN
	if db.Engine == store.SQLite {
		driver = "sqlite"
	}
	r, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return &rawDB{r}
}
