package statforms_test

import (
	"context"
	"os"
	"syscall"
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
	var ls []*statforms.Layout
	for _, code := range statforms.Codes() {
		l, _ := statforms.Get(code)
		ls = append(ls, l)
	}
	report := func(b *testing.B, bs []*statforms.Batch) {
		bad := 0
		for _, x := range bs {
			bad += x.Errors()
		}
		b.Logf("%d forms for %d orgs, %d forms with an error", len(bs), len(bs[0].Orgs()), bad)
	}
	// The processor time per run beside the wall time: the machine is shared.
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	// Every form for every org in one tally: one pass over the spans per day for all the forms.
	b.Run("all-forms", func(b *testing.B) {
		c0 := cpu()
		defer func() { b.ReportMetric(float64((cpu()-c0).Milliseconds())/float64(b.N), "cpu-ms/op") }()
		for i := 0; b.Loop(); i++ {
			bs, err := statforms.ComputeAll(snap, ls, 0, d)
			if err != nil {
				b.Fatal(err)
			}
			if i == 0 {
				report(b, bs)
			}
		}
	})
	// The same, one form after the other.
	b.Run("form-by-form", func(b *testing.B) {
		c0 := cpu()
		defer func() { b.ReportMetric(float64((cpu()-c0).Milliseconds())/float64(b.N), "cpu-ms/op") }()
		for i := 0; b.Loop(); i++ {
			var bs []*statforms.Batch
			for _, l := range ls {
				batch, err := statforms.ComputeBatch(snap, l, 0, d)
				if err != nil {
					b.Fatal(err)
				}
				bs = append(bs, batch)
			}
			if i == 0 {
				report(b, bs)
			}
		}
	})
	// One form of the whole country, as the form page of the central level asks it: every span
	// read, no rows kept for the orgs below.
	b.Run("one-form-of-the-root", func(b *testing.B) {
		l, _ := statforms.Get("4-TCTW")
		bs, err := statforms.ComputeAll(snap, []*statforms.Layout{l}, 0, d)
		if err != nil {
			b.Fatal(err)
		}
		root := bs[0].Orgs()[0] // the orgs are in the order of the tree
		c0 := cpu()
		defer func() { b.ReportMetric(float64((cpu()-c0).Milliseconds())/float64(b.N), "cpu-ms/op") }()
		for b.Loop() {
			if _, err := statforms.ComputeOrg(snap, l, root, d); err != nil {
				b.Fatal(err)
			}
		}
	})
}
