package cli

import (
	"context"
	"log/slog"
	"time"

	"tochuc"
	"tochuc/service"
	"tochuc/store"
)

// warmUp builds, in the background once the server listens, what the first requests would
// otherwise pay for: the statistics snapshot and today's dashboard pass. It logs durations and
// sizes only, never personal data; a failure is logged and the request that needs the figures
// builds them again.
func warmUp(ctx context.Context, svc *service.Service, log *slog.Logger) {
	ctx = tochuc.WithActor(ctx, tochuc.SystemActor(tochuc.ChannelCLI))
	go func() {
		start := time.Now()
		if svc.LoadStats(ctx) {
			log.Info("warm stats loaded", "ms", time.Since(start).Milliseconds(), "file", svc.StatsFile)
		}
		log.Info("warm stats start")
		snap, err := svc.StatsSnapshot(ctx)
		if err != nil {
			log.Error("warm stats", "err", err, "ms", time.Since(start).Milliseconds())
		} else {
			log.Info("warm stats end", "ms", time.Since(start).Milliseconds(), "members", snap.MemberCount(), "spans", snap.SpanCount())
		}
		start = time.Now()
		log.Info("warm dashboard start")
		if _, err := svc.Dashboard(ctx, "", svc.Today()); err != nil {
			log.Error("warm dashboard", "err", err, "ms", time.Since(start).Milliseconds())
			return
		}
		log.Info("warm dashboard end", "ms", time.Since(start).Milliseconds())
	}()
}

// statsFileFor is where serve keeps the statistics snapshot: the flag's path, nothing for
// "off", and beside the database file for SQLite by default.
func statsFileFor(dsn, flag string) string {
	switch {
	case flag == "off":
		return ""
	case flag != "":
		return flag
	case store.IsPostgres(dsn):
		return ""
	}
	return dsn + ".stats"
}
