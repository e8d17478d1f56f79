package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"tochuc"
	"tochuc/audit"
	"tochuc/internal/dbtest"
	"tochuc/store"
)

var ctx = context.Background()

// openBoth returns the store and a raw connection to the same database that bypasses the
// application, as someone with database access would use.
func openBoth(t *testing.T, engine string) (*store.DB, *sql.DB) {
	t.Helper()
	dsn := dbtest.DSN(t, engine)
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var raw *sql.DB
	if engine == store.SQLite {
		raw, err = sql.Open("sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)")
	} else {
		raw, err = sql.Open("pgx", dsn)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return db, raw
}

func each(t *testing.T, fn func(t *testing.T, engine string)) {
	for _, e := range dbtest.Engines {
		t.Run(e, func(t *testing.T) { fn(t, e) })
	}
}

// tricky values: log injection, terminal escapes, bidi overrides, Vietnamese.
var tricky = []string{"Nguyễn Thị Yến", "dòng 1\ndòng 2\r\n", "\x1b[31mđỏ\x1b[0m\x1b]0;title\x07",
	"abc\u202egnp.exe", `"quoted" \ back`, "", "Đảng bộ xã Lũng Cú\t(Hà Giang)"}

func entryN(i int) tochuc.AuditEntry {
	e := tochuc.AuditEntry{ActorID: int64(i%5 + 1), ActorName: fmt.Sprintf("cán.bộ.%d", i%5+1), Channel: "web",
		IP: "192.0.2.7", SessionHash: "s" + fmt.Sprint(i%3), Action: tochuc.AuditMemberUpdate,
		ObjectType: "member", ObjectID: fmt.Sprint(i % 10), OrgID: int64(i%4 + 1), Outcome: tochuc.OutcomeOK}
	switch i % 4 {
	case 0:
		e.Changes = []tochuc.FieldChange{{Field: "residence", Old: tricky[i%len(tricky)], New: tricky[(i+1)%len(tricky)]}}
	case 1:
		e.Changes = []tochuc.FieldChange{audit.MaskedChange("citizen_id", "001234567890", "001234567891"),
			audit.RedactedChange("protection_note", "", "nội dung mật")}
	case 2:
		e.Action, e.Outcome, e.Reason = tochuc.AuditDeny, tochuc.OutcomeDeny, tricky[i%len(tricky)]
	case 3:
		e.Action, e.ObjectType, e.Detail = tochuc.AuditExport, "export", "lọc: "+tricky[i%len(tricky)]
	}
	return e
}

// fill appends n entries in transactions of 100.
func fill(t *testing.T, db *store.DB, n int) []tochuc.AuditEntry {
	t.Helper()
	var out []tochuc.AuditEntry
	for start := 0; start < n; start += 100 {
		err := db.Write(ctx, func(tx *store.Tx) error {
			for i := start; i < min(start+100, n); i++ {
				e := entryN(i)
				if err := tx.AppendAudit(ctx, &e); err != nil {
					return err
				}
				out = append(out, e)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func verifyDB(t *testing.T, db *store.DB, expect *audit.Head) (*audit.Verifier, *audit.Problem) {
	t.Helper()
	v := &audit.Verifier{Expect: expect}
	err := db.VerifyAudit(ctx, v)
	if err == nil {
		return v, nil
	}
	var p *audit.Problem
	if !errors.As(err, &p) {
		t.Fatal(err)
	}
	return v, p
}

func TestAuditAppendAndVerify(t *testing.T) {
	each(t, func(t *testing.T, engine string) {
		db, _ := openBoth(t, engine)
		if h, err := db.AuditHead(ctx); err != nil || h != (audit.Head{}) {
			t.Fatalf("empty head %v %v", h, err)
		}
		if _, p := verifyDB(t, db, nil); p != nil {
			t.Fatalf("empty trail: %v", p)
		}
		in := fill(t, db, 1000)
		for i, e := range in {
			if e.Seq != int64(i+1) || e.Time == "" || len(e.Hash) != 64 || (i > 0 && e.PrevHash != in[i-1].Hash) {
				t.Fatalf("entry %d not sealed in place: %+v", i, e)
			}
		}
		v, p := verifyDB(t, db, nil)
		if p != nil {
			t.Fatalf("verify: %v", p)
		}
		head, err := db.AuditHead(ctx)
		if err != nil || v.Count() != 1000 || v.Head() != head || head != (audit.Head{Seq: 1000, Hash: in[999].Hash}) {
			t.Fatalf("count %d head %v, store head %v %v", v.Count(), v.Head(), head, err)
		}
		// Stored as given: the raw values come back, escapes and all.
		var got []tochuc.AuditEntry
		if err := db.EachAudit(ctx, 1, func(e tochuc.AuditEntry) error { got = append(got, e); return nil }); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, in) {
			for i := range in {
				if !reflect.DeepEqual(got[i], in[i]) {
					t.Fatalf("entry %d read back as\n%+v\nwritten\n%+v", i+1, got[i], in[i])
				}
			}
			t.Fatalf("read %d entries, wrote %d", len(got), len(in))
		}
		var from []int64
		db.EachAudit(ctx, 998, func(e tochuc.AuditEntry) error { from = append(from, e.Seq); return nil })
		if !reflect.DeepEqual(from, []int64{998, 999, 1000}) {
			t.Errorf("EachAudit from 998: %v", from)
		}

		// A rolled-back transaction leaves no entry and no gap.
		boom := errors.New("boom")
		err = db.Write(ctx, func(tx *store.Tx) error {
			e := entryN(1)
			if err := tx.AppendAudit(ctx, &e); err != nil {
				return err
			}
			if e.Seq != 1001 {
				t.Errorf("seq in the rolled-back transaction: %d", e.Seq)
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		e := entryN(2)
		if err := db.AppendAudit(ctx, &e); err != nil || e.Seq != 1001 || e.PrevHash != in[999].Hash {
			t.Fatalf("after rollback: seq %d prev %s %v", e.Seq, e.PrevHash, err)
		}
		if v, p := verifyDB(t, db, &head); p != nil || v.Count() != 1001 {
			t.Fatalf("after rollback: %v, %d entries", p, v.Count())
		}
	})
}

func TestAuditStorableValues(t *testing.T) {
	each(t, func(t *testing.T, engine string) {
		db, _ := openBoth(t, engine)
		// NUL and invalid UTF-8 (which PostgreSQL refuses) must not let an event escape the trail.
		e := tochuc.AuditEntry{Action: tochuc.AuditLoginFail, ActorName: "admin\x00'; DROP TABLE audit_log;--",
			Reason: "bad\xff\xfebytes", Outcome: tochuc.OutcomeDeny,
			Changes: []tochuc.FieldChange{{Field: "x", Old: "\x00", New: "\u2028"}}}
		if err := db.AppendAudit(ctx, &e); err != nil {
			t.Fatal(err)
		}
		if e.ActorName != "admin\uFFFD'; DROP TABLE audit_log;--" || e.Reason != "bad\uFFFDbytes" {
			t.Errorf("normalized to %q %q", e.ActorName, e.Reason)
		}
		got, err := db.ListAudit(ctx, store.AuditFilter{})
		if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], e) {
			t.Fatalf("read back %+v %v\nwant %+v", got, err, e)
		}
		if _, p := verifyDB(t, db, nil); p != nil {
			t.Fatal(p)
		}
		// An entry without an action is refused and the caller's entry is left alone.
		bad := tochuc.AuditEntry{ActorName: "x"}
		if err := db.AppendAudit(ctx, &bad); err == nil || bad.Seq != 0 || bad.Hash != "" {
			t.Errorf("entry without action: %v %+v", err, bad)
		}
	})
}

func TestAuditAppendOnly(t *testing.T) {
	each(t, func(t *testing.T, engine string) {
		db, raw := openBoth(t, engine)
		fill(t, db, 3)
		for _, q := range []string{
			`UPDATE audit_log SET actor_name = 'x' WHERE seq = 2`,
			`UPDATE audit_log SET seq = seq + 10`,
			`DELETE FROM audit_log WHERE seq = 3`,
			`DELETE FROM audit_log`,
			`INSERT OR REPLACE INTO audit_log SELECT * FROM audit_log WHERE seq = 1`,
			`INSERT INTO audit_log SELECT * FROM audit_log WHERE seq = 1 ON CONFLICT (seq) DO UPDATE SET actor_name = 'x'`,
			`INSERT INTO audit_log (seq, ts, action, prev_hash, hash) VALUES (0, 'x', 'x', '', '')`,
			`INSERT INTO audit_log (seq, ts, action, prev_hash, hash) VALUES (5, 'x', 'x', '', '')`,
			`TRUNCATE audit_log`,
		} {
			if strings.HasPrefix(q, "INSERT OR") && engine != store.SQLite || strings.HasPrefix(q, "TRUNCATE") && engine != store.Postgres {
				continue
			}
			_, err := raw.ExecContext(ctx, q)
			if err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: %v, want refused as append-only", q, err)
			}
		}
		if v, p := verifyDB(t, db, nil); p != nil || v.Count() != 3 {
			t.Errorf("after refused changes: %v, %d entries", p, v.Count())
		}
		// The next seq is accepted (the application role may append; the chain shows a forgery).
		if _, err := raw.ExecContext(ctx, `INSERT INTO audit_log (seq, ts, action, prev_hash, hash) VALUES (4, 'x', 'x', '', '')`); err != nil {
			t.Error(err)
		}
	})
}

// tamper runs one attack against a fresh trail of 1,000 entries, with the triggers dropped first
// as an attacker with database access would.
func tamper(t *testing.T, engine string, attack ...string) (*store.DB, []tochuc.AuditEntry) {
	db, raw := openBoth(t, engine)
	in := fill(t, db, 1000)
	drop := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`, `DROP TRIGGER audit_log_append_at_head`}
	if engine == store.Postgres {
		drop = []string{`DROP TRIGGER audit_log_no_change ON audit_log`, `DROP TRIGGER audit_log_no_truncate ON audit_log`,
			`DROP TRIGGER audit_log_append_at_head ON audit_log`}
	}
	for _, q := range append(drop, attack...) {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return db, in
}

func TestAuditTamper(t *testing.T) {
	cases := []struct {
		name   string
		attack []string
		seq    int64
		kind   string
		msg    string
	}{
		{"edit field", []string{`UPDATE audit_log SET actor_name = 'kẻ.khác' WHERE seq = 500`},
			500, audit.ProblemEdited, "Mục số 500 đã bị sửa (mã băm không khớp)"},
		{"edit change", []string{`UPDATE audit_log SET changes = '[{"field":"x","old":"","new":""}]' WHERE seq = 500`},
			500, audit.ProblemEdited, "Mục số 500 đã bị sửa"},
		{"edit time", []string{`UPDATE audit_log SET ts = '2020-01-01T00:00:00Z' WHERE seq = 500`},
			500, audit.ProblemEdited, "Mục số 500 đã bị sửa"},
		{"changes not JSON", []string{`UPDATE audit_log SET changes = 'garbage' WHERE seq = 500`},
			500, audit.ProblemEdited, "Mục số 500 đã bị sửa"},
		{"delete one", []string{`DELETE FROM audit_log WHERE seq = 300`},
			300, audit.ProblemMissing, "Thiếu mục số 300"},
		{"delete several", []string{`DELETE FROM audit_log WHERE seq BETWEEN 300 AND 310`},
			300, audit.ProblemMissing, "Thiếu các mục số 300 đến 310"},
		{"swap seq", []string{`UPDATE audit_log SET seq = -400 WHERE seq = 400`,
			`UPDATE audit_log SET seq = 400 WHERE seq = 401`, `UPDATE audit_log SET seq = 401 WHERE seq = -400`},
			400, audit.ProblemOrder, "Mục số 400 sai thứ tự (nội dung là của mục số 401)"},
		{"swap far", []string{`UPDATE audit_log SET seq = -100 WHERE seq = 100`,
			`UPDATE audit_log SET seq = 100 WHERE seq = 900`, `UPDATE audit_log SET seq = 900 WHERE seq = -100`},
			100, audit.ProblemOrder, "Mục số 100 sai thứ tự (nội dung là của mục số 900)"},
		{"forged entry below 1", []string{`INSERT INTO audit_log (seq, ts, action, prev_hash, hash) VALUES (0, 'x', 'x', '', '')`},
			0, audit.ProblemOrder, "Mục số 0 sai thứ tự"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			each(t, func(t *testing.T, engine string) {
				db, _ := tamper(t, engine, tc.attack...)
				_, p := verifyDB(t, db, nil)
				if p == nil {
					t.Fatal("tampering not detected")
				}
				if p.Seq != tc.seq || p.Kind != tc.kind || !strings.Contains(p.Message, tc.msg) {
					t.Errorf("got seq %d %s %q; want seq %d %s %q", p.Seq, p.Kind, p.Message, tc.seq, tc.kind, tc.msg)
				}
			})
		})
	}
	t.Run("delete tail", func(t *testing.T) {
		t.Parallel()
		each(t, func(t *testing.T, engine string) {
			db, in := tamper(t, engine, `DELETE FROM audit_log WHERE seq > 990`)
			v, p := verifyDB(t, db, nil)
			if p != nil || v.Count() != 990 {
				t.Fatalf("a truncated chain alone verifies: %v, %d entries", p, v.Count())
			}
			expect := audit.Head{Seq: 1000, Hash: in[999].Hash}
			_, p = verifyDB(t, db, &expect)
			if p == nil || p.Kind != audit.ProblemTruncated || p.Seq != 991 || !strings.Contains(p.Message, "dừng ở mục số 990") {
				t.Fatalf("truncation against the recorded head: %v", p)
			}
			// An older checkpoint still verifies.
			if _, p := verifyDB(t, db, &audit.Head{Seq: 900, Hash: in[899].Hash}); p != nil {
				t.Errorf("older checkpoint: %v", p)
			}
		})
	})
}

func TestAuditConcurrentAppends(t *testing.T) {
	each(t, func(t *testing.T, engine string) {
		db, _ := openBoth(t, engine)
		const workers, per = 20, 50
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < per; i++ {
					e := entryN(w*per + i)
					e.ActorID = int64(w + 1)
					if err := db.AppendAudit(ctx, &e); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		v, p := verifyDB(t, db, nil)
		if p != nil || v.Count() != workers*per || v.Head().Seq != workers*per {
			t.Fatalf("after concurrent appends: %v, %d entries, head %v", p, v.Count(), v.Head())
		}
		for w := 1; w <= workers; w++ {
			got, err := db.ListAudit(ctx, store.AuditFilter{ActorID: int64(w), Limit: 1000})
			if err != nil || len(got) != per {
				t.Fatalf("worker %d: %d entries, %v", w, len(got), err)
			}
		}
	})
}

func TestListAudit(t *testing.T) {
	each(t, func(t *testing.T, engine string) {
		db, _ := openBoth(t, engine)
		in := fill(t, db, 200)
		old := tochuc.AuditEntry{Time: "2020-05-17T10:00:00Z", Action: tochuc.AuditLogin, ActorID: 99, Outcome: tochuc.OutcomeOK}
		if err := db.AppendAudit(ctx, &old); err != nil {
			t.Fatal(err)
		}
		seqs := func(f store.AuditFilter) []int64 {
			t.Helper()
			got, err := db.ListAudit(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, e := range got {
				out = append(out, e.Seq)
			}
			return out
		}
		want := func(pred func(tochuc.AuditEntry) bool, limit int) []int64 {
			var out []int64
			for i := len(in) - 1; i >= 0 && len(out) < limit; i-- {
				if pred(in[i]) {
					out = append(out, in[i].Seq)
				}
			}
			return out
		}
		check := func(name string, f store.AuditFilter, w []int64) {
			t.Helper()
			if got := seqs(f); !reflect.DeepEqual(got, w) {
				t.Errorf("%s: got %v, want %v", name, got, w)
			}
		}
		all := seqs(store.AuditFilter{})
		if len(all) != 50 || all[0] != 201 || all[49] != 152 {
			t.Errorf("default page: %v", all)
		}
		check("object", store.AuditFilter{ObjectType: "member", ObjectID: "7", Limit: 1000},
			want(func(e tochuc.AuditEntry) bool { return e.ObjectType == "member" && e.ObjectID == "7" }, 1000))
		check("actor", store.AuditFilter{ActorID: 3, Limit: 10}, want(func(e tochuc.AuditEntry) bool { return e.ActorID == 3 }, 10))
		check("orgs", store.AuditFilter{OrgIDs: []int64{1, 3}, Limit: 1000},
			want(func(e tochuc.AuditEntry) bool { return e.OrgID == 1 || e.OrgID == 3 }, 1000))
		check("action", store.AuditFilter{Action: tochuc.AuditDeny, Limit: 1000},
			want(func(e tochuc.AuditEntry) bool { return e.Action == tochuc.AuditDeny }, 1000))
		check("action prefix", store.AuditFilter{Action: "auth."}, []int64{201})
		check("before", store.AuditFilter{BeforeSeq: 11, Limit: 3}, []int64{10, 9, 8})
		check("from/to", store.AuditFilter{From: "2020-05-17", To: "2020-05-17"}, []int64{201})
		check("to", store.AuditFilter{To: "2020-05-16"}, nil)
		check("from", store.AuditFilter{From: "2020-05-18", Limit: 1}, []int64{200})
		check("injection", store.AuditFilter{ObjectType: "member' OR '1'='1"}, nil)
		if _, err := db.ListAudit(ctx, store.AuditFilter{From: "17/05/2020"}); tochuc.ErrorCode(err) != tochuc.EINVALID {
			t.Errorf("bad date: %v", err)
		}
	})
}

func TestAuditInBulkLoad(t *testing.T) {
	each(t, func(t *testing.T, engine string) {
		db, _ := openBoth(t, engine)
		fill(t, db, 3)
		b, err := db.BeginBulk(ctx)
		if err != nil {
			t.Fatal(err)
		}
		e := tochuc.AuditEntry{Action: tochuc.AuditImport, ObjectType: "members", Detail: "rolled back"}
		if err := b.AppendAudit(&e); err != nil || e.Seq != 4 {
			t.Fatalf("bulk append: seq %d %v", e.Seq, err)
		}
		b.Rollback()
		if b, err = db.BeginBulk(ctx); err != nil {
			t.Fatal(err)
		}
		e = tochuc.AuditEntry{Action: tochuc.AuditImport, ObjectType: "members", Detail: "committed"}
		if err := b.AppendAudit(&e); err != nil || e.Seq != 4 {
			t.Fatalf("bulk append: seq %d %v", e.Seq, err)
		}
		if err := b.Commit(); err != nil {
			t.Fatal(err)
		}
		if v, p := verifyDB(t, db, nil); p != nil || v.Count() != 4 {
			t.Fatalf("after bulk: %v, %d entries", p, v.Count())
		}
		got, err := db.ListAudit(ctx, store.AuditFilter{Action: tochuc.AuditImport})
		if err != nil || len(got) != 1 || got[0].Detail != "committed" {
			t.Errorf("import entries: %+v %v", got, err)
		}
	})
}
