package cli

import (
	"context"
	"log/slog"
	"os"
	"runtime/debug"
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
	limitMemory()
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
		// What loading or building and the first pass left behind goes back to the system now:
		// at the default GOGC the runtime may otherwise keep up to twice the snapshot.
		debug.FreeOSMemory()
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

// serveMemoryLimit is the server's soft memory limit when the operator sets no GOMEMLIMIT. At
// the default GOGC the runtime lets the heap grow to twice what is live before it collects:
// with the national snapshot (0.7 GB) that alone would approach 1.5 GB, and a rebuild after a
// write holds two snapshots for a while. Near the limit the runtime collects sooner and gives
// memory back; it never refuses an allocation.
const serveMemoryLimit = 1600 << 20

func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
}
