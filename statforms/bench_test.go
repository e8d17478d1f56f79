package statforms_test

import (
	"context"
	"os"
	"testing"
	"time"

	"tochuc"
	"tochuc/statforms"
	"tochuc/stats"
	"tochuc/store"
)

// BenchmarkStatformsCountry computes every form for every org of the country as of a date
// (the target: under 2 s for the national register) from one snapshot, on the database
// named by TOCHUC_BENCH_DB (a demo file: tochuc demo --db FILE --members N). TOCHUC_BENCH_SNAPSHOT
// names a kept snapshot of that database (stats.SaveFile) to skip the build; it is written only
// when it cannot be read.
//
//	TOCHUC_BENCH_DB=/tmp/x.db TOCHUC_BENCH_SNAPSHOT=/tmp/x.snap go test -run '^$' -bench StatformsCountry -benchtime 3x ./statforms/
func BenchmarkStatformsCountry(b *testing.B) {
	dsn, kept := os.Getenv("TOCHUC_BENCH_DB"), os.Getenv("TOCHUC_BENCH_SNAPSHOT")
	if dsn == "" && kept == "" {
		b.Skip("TOCHUC_BENCH_DB not set")
	}
	ctx := context.Background()
	t0 := time.Now()
	snap, err := stats.LoadFile(kept)
	if err != nil {
		if dsn == "" {
			b.Fatal(err)
		}
		db, err := store.Open(ctx, dsn)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		if snap, err = stats.Build(ctx, db); err != nil {
			b.Fatal(err)
		}
		if kept != "" {
			snap.SaveFile(kept)
		}
	}
	b.Logf("snapshot of %d members, %d spans ready in %s", snap.MemberCount(), snap.SpanCount(), time.Since(t0))
	d := tochuc.Date("2025-12-31")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		orgs, bad := 0, 0
		for _, code := range statforms.Codes() {
			l, _ := statforms.Get(code)
			batch, err := statforms.ComputeBatch(snap, l, 0, d)
			if err != nil {
				b.Fatal(err)
			}
			orgs, bad = len(batch.Orgs()), bad+batch.Errors()
		}
		if i == 0 {
			b.Logf("%d forms for %d orgs, %d forms with an error", len(statforms.Codes()), orgs, bad)
		}
	}
}
