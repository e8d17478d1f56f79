package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrations embed.FS

// Migration is one embedded .sql file, applied in its own transaction and recorded.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

func (db *DB) migrations() ([]Migration, error) {
	dir := "migrations/" + db.Engine
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		v, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("store: bad migration name %s", e.Name())
		}
		b, err := migrations.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// SchemaVersion returns the highest applied migration (0 on an empty database).
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.w.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// Migrate applies every pending migration; it refuses a database whose schema is newer than
// this binary knows, so an old binary never writes to a newer schema.
func (db *DB) Migrate(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrations table: %w", err)
	}
	ms, err := db.migrations()
	if err != nil {
		return err
	}
	cur, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if n := len(ms); n > 0 && cur > ms[n-1].Version {
		return fmt.Errorf("store: cơ sở dữ liệu ở phiên bản lược đồ %d, mới hơn chương trình này (%d); hãy dùng bản tochuc mới hơn", cur, ms[n-1].Version)
	}
	for _, m := range ms {
		if m.Version <= cur {
			continue
		}
		err := db.Write(ctx, func(tx *Tx) error {
			if _, err := tx.tx.ExecContext(ctx, m.SQL); err != nil {
				return fmt.Errorf("store: migration %s: %w", m.Name, err)
			}
			_, err := tx.tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, m.Version, m.Name, now())
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
