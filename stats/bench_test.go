package stats_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tochuc"
	"tochuc/stats"
	"tochuc/store"
)

// BenchmarkStatsFigure compares one figure (members of a province by sex and status as of a
// date) from the snapshot with the plain SQL GROUP BY on the same database. It runs on the
// database named by TOCHUC_BENCH_DB (a demo file: tochuc demo --db FILE --members N).
//
//	TOCHUC_BENCH_DB=/tmp/x.db go test -run '^$' -bench StatsFigure -benchtime 20x ./stats/
func BenchmarkStatsFigure(b *testing.B) {
	dsn := os.Getenv("TOCHUC_BENCH_DB")
	if dsn == "" {
		b.Skip("TOCHUC_BENCH_DB not set")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	t0 := time.Now()
	// TOCHUC_BENCH_SNAPSHOT names a kept snapshot of that database, to skip the build.
	snap, err := stats.LoadFile(os.Getenv("TOCHUC_BENCH_SNAPSHOT"))
	if err != nil {
		snap, err = stats.Build(ctx, db)
	}
	if err != nil {
		b.Fatal(err)
	}
	if f := os.Getenv("TOCHUC_BENCH_SNAPSHOT"); f != "" {
		snap.SaveFile(f)
	}
	b.Logf("snapshot of %d members, %d spans, %d flows built in %s", snap.MemberCount(), snap.SpanCount(), snap.FlowCount(), time.Since(t0))
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.Logf("heap in use after the build: %d MB (system %d MB)", ms.HeapInuse>>20, ms.Sys>>20)
	// A restarted server loads the snapshot kept by the last run instead of building it.
	file := filepath.Join(b.TempDir(), "bench.stats")
	t0 = time.Now()
	if err := snap.SaveFile(file); err != nil {
		b.Fatal(err)
	}
	saved := time.Since(t0)
	t0 = time.Now()
	if snap, err = stats.LoadFile(file); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(file)
	b.Logf("kept in a file of %d MB: saved in %s, loaded in %s", st.Size()>>20, saved, time.Since(t0))
	d := tochuc.Date("2025-12-31")
	orgs, err := db.OrgsAsOf(ctx, d)
	if err != nil {
		b.Fatal(err)
	}
	var prov tochuc.Org
	for _, o := range orgs {
		if o.Kind == tochuc.KindCentralDirect && (prov.ID == 0 || o.Code == "HCM") {
			prov = o
		}
	}
	q := stats.Query{OrgID: prov.ID, AsOf: d, By: []string{"status", "sex"}}
	// Each reports its 99th percentile beside the mean.
	timed := func(b *testing.B, q stats.Query) {
		var lat []time.Duration
		for b.Loop() {
			t := time.Now()
			if _, err := snap.Members(q); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t))
		}
		slices.Sort(lat)
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	}
	b.Run("snapshot-province", func(b *testing.B) { timed(b, q) })
	b.Run("snapshot-country", func(b *testing.B) {
		q := q
		q.OrgID = 0
		timed(b, q)
	})
	b.Run("snapshot-country-total", func(b *testing.B) {
		q := q
		q.OrgID, q.By = 0, nil
		timed(b, q)
	})
	b.Run("snapshot-country-4dims", func(b *testing.B) {
		q := q
		q.OrgID, q.By = 0, []string{"status", "sex", "age_band", "ethnicity"}
		timed(b, q)
	})
	b.Run("snapshot-dashboard", func(b *testing.B) {
		for b.Loop() {
			if _, err := snap.DashboardByOrg(d, "2025-01-31"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sql-dashboard", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.DashboardByOrg(ctx, d, "2025-01-31", false); err != nil {
				b.Fatal(err)
			}
		}
	})
	raw := openRaw(&testing.T{}, db)
	lo, hi := tochuc.SubtreeRange(prov.Path)
	sqlq := `SELECT CASE WHEN s.state = 'exempt' THEN 'exempt' WHEN s.official_from <= $1 THEN 'official' ELSE 'probationary' END, m.sex, COUNT(*)
		FROM member_spans s JOIN members m ON m.id = s.member_id
		WHERE s.valid_from <= $1 AND s.valid_to > $1 AND s.state <> 'in_transit'
		AND s.org_id IN (SELECT v.org_id FROM org_versions v WHERE v.path >= $2 AND v.path < $3 AND v.valid_from <= $1 AND v.valid_to > $1)
		GROUP BY 1, 2`
	for _, c := range []struct{ name, lo, hi string }{{"sql-province", lo, hi}, {"sql-country", "/", "0"}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				rows, err := raw.QueryContext(ctx, sqlq, string(d), c.lo, c.hi)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
				rows.Close()
			}
		})
	}
}

// BenchmarkRebuildBesideSnapshot is what a server does after a write: it builds a new snapshot
// while the last one is still served, so both are in memory for a while. It reports the
// build's time and the process's peak resident size (VmHWM), which the 2 GB target is about;
// run it alone, with a kept snapshot (TOCHUC_BENCH_SNAPSHOT) standing for the one served:
//
//	TOCHUC_BENCH_DB=/tmp/nat.db TOCHUC_BENCH_SNAPSHOT=/tmp/nat.snap \
//	  go test -run '^$' -bench RebuildBesideSnapshot -benchtime 1x ./stats/
func BenchmarkRebuildBesideSnapshot(b *testing.B) {
	dsn, kept := os.Getenv("TOCHUC_BENCH_DB"), os.Getenv("TOCHUC_BENCH_SNAPSHOT")
	if dsn == "" || kept == "" {
		b.Skip("TOCHUC_BENCH_DB and TOCHUC_BENCH_SNAPSHOT not set")
	}
	ctx := context.Background()
	served, err := stats.LoadFile(kept)
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ResetTimer()
	for b.Loop() {
		if _, err := stats.Build(ctx, db); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.KeepAlive(served)
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc: peak size unknown")
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			b.ReportMetric(float64(kb)/1024, "peak-MB")
		}
	}
}
