// Command tochuc runs the party organization-building system: the web server, the demo
// country, imports, exports and migrations.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"tochuc"
	"tochuc/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// TOCHUC_CPUPROFILE=file writes a CPU profile of the run, for measuring imports and the demo.
	if p := os.Getenv("TOCHUC_CPUPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	if err := cli.Run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		if err != cli.ErrUsage {
			fmt.Fprintln(os.Stderr, "lỗi:", tochuc.ErrorMessage(err))
			if tochuc.ErrorCode(err) == tochuc.EINTERNAL {
				fmt.Fprintln(os.Stderr, "chi tiết:", err)
			}
		}
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}
