package cli_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tochuc"
	"tochuc/cli"
	"tochuc/internal/dbtest"
	"tochuc/store"
)

// auditDB makes a database of the engine with n audit entries and returns its DSN and a raw
// connection that bypasses the application.
func auditDB(t *testing.T, engine string, n int) (string, *sql.DB) {
	t.Helper()
	dsn := dbtest.DSN(t, engine)
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		e := tochuc.AuditEntry{Action: tochuc.AuditMemberUpdate, ObjectType: "member", ObjectID: fmt.Sprint(i % 3),
			ActorID: 1, ActorName: "cán.bộ", Outcome: tochuc.OutcomeOK,
			Changes: []tochuc.FieldChange{{Field: "residence", Old: "Hà Nội", New: "dòng 1\ndòng 2 \x1b[31mđỏ\x1b[0m"}}}
		if err := db.AppendAudit(context.Background(), &e); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	driver, rawDSN := "pgx", dsn
	if engine == store.SQLite {
		driver, rawDSN = "sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)"
	}
	raw, err := sql.Open(driver, rawDSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return dsn, raw
}

func dropAuditTriggers(t *testing.T, engine string, raw *sql.DB) {
	t.Helper()
	qs := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	if engine == store.Postgres {
		qs = []string{`DROP TRIGGER audit_log_no_change ON audit_log`}
	}
	for _, q := range qs {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

var headRE = regexp.MustCompile(`đầu chuỗi (\d+:[0-9a-f]{64})\n`)

func TestAuditVerifyCommand(t *testing.T) {
	for _, engine := range dbtest.Engines {
		t.Run(engine, func(t *testing.T) {
			dsn, raw := auditDB(t, engine, 20)
			out, _, err := run(t, dsn, "audit", "verify")
			if err != nil {
				t.Fatalf("intact trail: %v\n%s", err, out)
			}
			m := headRE.FindStringSubmatch(out)
			if !strings.HasPrefix(out, "Nhật ký kiểm toán toàn vẹn: 20 mục, đầu chuỗi 20:") || m == nil {
				t.Fatalf("verify printed %q", out)
			}
			head := m[1]
			if out, _, err := run(t, "", "audit", "verify", "--db", dsn, "--expect-head", head); err != nil || !strings.Contains(out, "Khớp") {
				t.Fatalf("--expect-head of the current head: %v\n%s", err, out)
			}

			// The tail is removed: the chain alone still verifies, the recorded head does not.
			dropAuditTriggers(t, engine, raw)
			if _, err := raw.Exec(`DELETE FROM audit_log WHERE seq > 18`); err != nil {
				t.Fatal(err)
			}
			if out, _, err := run(t, dsn, "audit", "verify"); err != nil || !strings.Contains(out, "18 mục") {
				t.Errorf("truncated chain without a recorded head: %v\n%s", err, out)
			}
			out, _, err = run(t, dsn, "audit", "verify", "--expect-head", head)
			if err == nil || !strings.Contains(out, "nhật ký dừng ở mục số 18") {
				t.Errorf("truncated chain against the recorded head: %v\n%s", err, out)
			}

			// One entry edited.
			if _, err := raw.Exec(`UPDATE audit_log SET object_id = '999' WHERE seq = 7`); err != nil {
				t.Fatal(err)
			}
			out, _, err = run(t, dsn, "audit", "verify")
			if err == nil || tochuc.ErrorCode(err) != tochuc.EINVALID {
				t.Fatalf("edited entry: %v", err)
			}
			if !strings.Contains(out, "Mục số 7 đã bị sửa (mã băm không khớp)") || !strings.Contains(out, "6 mục trước đó") ||
				!strings.Contains(tochuc.ErrorMessage(err), "mục số 7") {
				t.Errorf("edited entry printed %q, error %q", out, tochuc.ErrorMessage(err))
			}

			// One entry removed.
			if _, err := raw.Exec(`DELETE FROM audit_log WHERE seq = 3`); err != nil {
				t.Fatal(err)
			}
			if out, _, err = run(t, dsn, "audit", "verify"); err == nil || !strings.Contains(out, "Thiếu mục số 3") {
				t.Errorf("removed entry: %v\n%s", err, out)
			}
		})
	}
}

func TestAuditCommandUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	for _, args := range [][]string{{"audit"}, {"audit", "frob"}, {"audit", "verify", "extra"}, {"audit", "verify", "--nope"}} {
		if _, _, err := run(t, db, args...); !errors.Is(err, cli.ErrUsage) {
			t.Errorf("%v: %v, want ErrUsage", args, err)
		}
	}
	for _, args := range [][]string{{"audit", "-h"}, {"audit", "verify", "-h"}, {"audit", "list", "--help"}} {
		_, stderr, err := run(t, db, args...)
		if err != nil || !strings.Contains(stderr, "Cách dùng: tochuc audit") || !strings.Contains(stderr, "-db") {
			t.Errorf("%v: %v\n%s", args, err, stderr)
		}
	}
	// A malformed recorded head is refused before the database is touched.
	for _, h := range []string{"12", "x:y", "0:" + strings.Repeat("a", 64), "1:" + strings.Repeat("a", 63)} {
		_, _, err := run(t, db, "audit", "verify", "--expect-head", h)
		if tochuc.ErrorCode(err) != tochuc.EINVALID || !strings.Contains(tochuc.ErrorMessage(err), "đầu chuỗi") {
			t.Errorf("--expect-head %q: %v", h, err)
		}
	}
	// Checking a trail never creates a database.
	if _, _, err := run(t, db, "audit", "verify"); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
		t.Errorf("missing database: %v", err)
	}
	if _, _, err := run(t, db, "audit", "list"); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
		t.Errorf("missing database: %v", err)
	}
}

func TestAuditListCommand(t *testing.T) {
	dsn, _ := auditDB(t, store.SQLite, 7)
	out, _, err := run(t, dsn, "audit", "list", "--object", "member:1", "--limit", "2")
	if err != nil {
		t.Fatal(err)
	}
	// Entries 7 and 4 are about member 1, newest first; values are shown encoded.
	if !strings.HasPrefix(out, "#7  ") || !strings.Contains(out, "\n#4  ") || strings.Contains(out, "#1  ") {
		t.Errorf("list printed:\n%s", out)
	}
	if strings.Contains(out, "\x1b") || !strings.Contains(out, `residence: Hà Nội → dòng 1\ndòng 2 \x1b[31mđỏ\x1b[0m`) {
		t.Errorf("values not cleaned:\n%q", out)
	}
	if !strings.Contains(out, "--before 4") {
		t.Errorf("no next-page hint:\n%s", out)
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "    ") && !strings.HasPrefix(line, "…") {
			t.Errorf("a value broke the layout: %q", line)
		}
	}
	if out, _, err := run(t, dsn, "audit", "list", "--object", "org:1"); err != nil || out != "Không có mục nào.\n" {
		t.Errorf("empty list: %v %q", err, out)
	}
	if _, _, err := run(t, dsn, "audit", "list", "--org", "1,x"); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("bad --org: %v", err)
	}
	if _, _, err := run(t, dsn, "audit", "list", "--from", "hôm qua"); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("bad --from: %v", err)
	}
}
