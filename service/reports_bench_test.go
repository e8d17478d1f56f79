package service_test

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"tochuc"
	"tochuc/forms"
	"tochuc/reports"
	"tochuc/service"
	"tochuc/stats"
	"tochuc/store"
)

// BenchmarkReviewReportProvince makes the review report of the largest province for a period as DOCX and PDF, the snapshot already built (target: under 3 s). It
// runs on the database named by TOCHUC_BENCH_DB (a demo file: tochuc demo --db FILE --members N)
// and writes nothing to it: the figures are gathered without the audit entry a user's report
// appends. TOCHUC_BENCH_SNAPSHOT names a snapshot kept from that database (stats.SaveFile,
// current: built since the last write), loaded instead of a new build.
//
//	TOCHUC_BENCH_DB=/tmp/nat.db TOCHUC_BENCH_SNAPSHOT=/tmp/nat.snap \
//	  go test -run '^$' -bench ReviewReportProvince -benchtime 3x ./service/
func BenchmarkReviewReportProvince(b *testing.B) {
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
	svc := service.New(db)
	sys := tochuc.WithActor(ctx, tochuc.SystemActor(tochuc.ChannelCLI))
	t0 := time.Now()
	if f := os.Getenv("TOCHUC_BENCH_SNAPSHOT"); f != "" {
		// A snapshot kept by the service carries its database's stamp and is checked; one kept
		// by the stats benchmarks has none and is taken as it is.
		svc.StatsFile = f
		if !svc.LoadStats(sys) {
			snap, err := stats.LoadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if snap.Stamp != "" {
				b.Fatalf("%s is a snapshot of another database than %s", f, dsn)
			}
			svc.UseStats(snap)
		}
		if !svc.StatsCurrent() {
			b.Fatalf("%s is older than the last write to %s: rebuild it", f, dsn)
		}
		svc.StatsFile = "" // never save over it
	}
	snap, err := svc.StatsSnapshot(sys)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("snapshot of %d members ready in %s", snap.MemberCount(), time.Since(t0))
	orgs, err := db.OrgsAsOf(ctx, "2024-12-31")
	if err != nil {
		b.Fatal(err)
	}
	prov, most := "", int64(-1)
	for _, o := range orgs {
		if o.Kind != tochuc.KindCentralDirect {
			continue
		}
		if n, err := snap.Total(stats.Query{OrgID: o.ID, AsOf: "2024-12-31"}); err == nil && n > most {
			prov, most = o.Code, n
		}
	}
	b.Logf("the largest province: %s, %d members on 31/12/2024", prov, most)
	for _, period := range []string{"2024", "2024H1", "2025"} {
		b.Run(prov+"-"+period, func(b *testing.B) {
			var figs, docx, pdf time.Duration
			for b.Loop() {
				t := time.Now()
				f, err := svc.ReviewFiguresRead(sys, prov, period)
				if err != nil {
					b.Fatal(err)
				}
				figs += time.Since(t)
				for _, ff := range []forms.Format{forms.DOCX, forms.PDF} {
					t = time.Now()
					var buf bytes.Buffer
					if err := forms.WriteReport(&buf, reports.NewReview(f).Document(), ff); err != nil {
						b.Fatal(err)
					}
					if ff == forms.DOCX {
						docx += time.Since(t)
					} else {
						pdf += time.Since(t)
					}
				}
			}
			n := time.Duration(b.N)
			b.ReportMetric(float64(figs/n)/1e6, "figures-ms/op")
			b.ReportMetric(float64(docx/n)/1e6, "docx-ms/op")
			b.ReportMetric(float64(pdf/n)/1e6, "pdf-ms/op")
		})
	}
}
