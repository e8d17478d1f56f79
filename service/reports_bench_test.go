package service_test

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"tochuc"
	"tochuc/forms"
	"tochuc/service"
	"tochuc/store"
)

// BenchmarkReviewReportProvince makes the review report of the largest province (HCM when the
// demo has it) for a year as DOCX and PDF, the snapshot already built (target: under 3 s). It
// runs on the database named by TOCHUC_BENCH_DB (a demo file: tochuc demo --db FILE --members N);
// each report appends an audit entry, so use a copy.
//
//	TOCHUC_BENCH_DB=/tmp/copy.db go test -run '^$' -bench ReviewReportProvince -benchtime 5x ./service/
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
	snap, err := svc.StatsSnapshot(sys)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("snapshot of %d members built in %s", snap.MemberCount(), time.Since(t0))
	orgs, err := db.OrgsAsOf(ctx, "2024-12-31")
	if err != nil {
		b.Fatal(err)
	}
	prov := ""
	for _, o := range orgs {
		if o.Kind == tochuc.KindCentralDirect && (prov == "" || o.Code == "HCM") {
			prov = o.Code
		}
	}
	for _, period := range []string{"2024", "2024H1"} {
		b.Run(prov+"-"+period, func(b *testing.B) {
			for b.Loop() {
				for _, f := range []forms.Format{forms.DOCX, forms.PDF} {
					rep, err := svc.ReviewReport(sys, prov, period, f)
					if err != nil {
						b.Fatal(err)
					}
					var buf bytes.Buffer
					if err := forms.WriteReport(&buf, rep.Document(), f); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
