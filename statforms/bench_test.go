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
// named by TOCHUC_BENCH_DB (a demo file: tochuc demo --db FILE --members N).
//
//	TOCHUC_BENCH_DB=/tmp/x.db go test -run '^$' -bench StatformsCountry -benchtime 3x ./statforms/
func BenchmarkStatformsCountry(b *testing.B) {
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
	snap, err := stats.Build(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("snapshot of %d members, %d spans built in %s", snap.MemberCount(), snap.SpanCount(), time.Since(t0))
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
