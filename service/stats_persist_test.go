package service_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// TestStatsKeptBetweenRuns: a restarted service answers from the snapshot the last run kept —
// current when nothing was written since, marked stale (and rebuilt behind it) when something
// was — and never from a snapshot of another database.
func TestStatsKeptBetweenRuns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		file := filepath.Join(t.TempDir(), "tochuc.stats")
		first := newService(db)
		first.StatsFile = file
		fixture(t, first)
		ctx := sysCtx()
		count := func(svc *service.Service) (int64, bool) {
			t.Helper()
			tab, err := svc.StatsMembers(ctx, "TW", fixedToday, nil, false)
			if err != nil {
				t.Fatal(err)
			}
			return tab.Orgs[0].Rows[0].Count, tab.Stale
		}
		n, _ := count(first)
		waitFile := func() {
			t.Helper()
			for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
				if _, err := os.Stat(file); err == nil {
					return
				}
			}
			t.Fatal("the snapshot was not saved")
		}
		waitFile()

		// Nothing written since: the kept snapshot is current.
		second := newService(db)
		second.StatsFile = file
		if !second.LoadStats(ctx) {
			t.Fatal("the kept snapshot was not loaded")
		}
		if got, stale := count(second); got != n || stale {
			t.Fatalf("restarted: %d stale %v, want %d fresh", got, stale, n)
		}

		// A write by another process: the kept one is served stale, then replaced.
		os.Remove(file)
		if _, err := second.CreateMember(ctx, tochuc.Member{FullName: "Hoàng Văn Mới", Sex: "male", BirthDate: "1990-05-05",
			AdmissionDate: "2025-01-10"}, "X01-C1"); err != nil {
			t.Fatal(err)
		}
		third := newService(db)
		third.StatsFile = file
		snapOf := func() {
			// The first run's snapshot, saved again from before the write.
			snap, err := first.StatsSnapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := snap.SaveFile(file); err != nil {
				t.Fatal(err)
			}
		}
		snapOf()
		if !third.LoadStats(ctx) {
			t.Fatal("the kept snapshot was not loaded after a write")
		}
		if got, stale := count(third); got != n || !stale {
			t.Fatalf("after a write: %d stale %v, want the kept %d marked stale", got, stale, n)
		}
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			if got, stale := count(third); !stale {
				if got != n+1 {
					t.Fatalf("rebuilt: %d, want %d", got, n+1)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("never rebuilt")
			}
		}

		// The command line takes the kept snapshot only when current, and never writes it.
		os.Remove(file)
		fresh, err := third.StatsSnapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := fresh.SaveFile(file); err != nil {
			t.Fatal(err)
		}
		cli := newService(db)
		cli.StatsFile, cli.StatsFileReadOnly = file, true
		if got, stale := count(cli); got != n+1 || stale {
			t.Fatalf("command line on a current file: %d stale %v, want %d fresh", got, stale, n+1)
		}
		if snap, _ := cli.StatsSnapshot(ctx); !snap.BuiltAt.Equal(fresh.BuiltAt) {
			t.Error("the command line built a snapshot instead of reading the current kept one")
		}
		snapOf() // the first run's, from before the write: stale now
		before, _ := os.Stat(file)
		cli = newService(db)
		cli.StatsFile, cli.StatsFileReadOnly = file, true
		if got, stale := count(cli); got != n+1 || stale {
			t.Fatalf("command line on a stale file: %d stale %v, want a fresh build with %d", got, stale, n+1)
		}
		time.Sleep(100 * time.Millisecond)
		if after, _ := os.Stat(file); !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
			t.Error("the command line rewrote the kept snapshot")
		}

		// Another database's snapshot is not taken.
		other := newService(dbtest.Open(t, store.SQLite))
		other.StatsFile = file
		importOrgs(t, other, fixtureOrgs())
		if other.LoadStats(ctx) {
			t.Error("a snapshot of another database was loaded")
		}
	})
}
