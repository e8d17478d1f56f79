package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"tochuc"
	"tochuc/web"
)

func cmdServe(env *Env, args []string) error {
	fs, dsn := flags(env, "serve", "[--addr 127.0.0.1:8080] [--db …] [--demo [--members N]]")
	addr := fs.String("addr", "127.0.0.1:8080", "địa chỉ lắng nghe; chưa có đăng nhập nên chỉ cho phép địa chỉ loopback")
	demoFlag := fs.Bool("demo", false, "tạo cơ sở dữ liệu mẫu mới (tochuc-demo.db) rồi chạy trên đó")
	members := fs.Int("members", DefaultDemoMembers, "với --demo: số đảng viên giả lập")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "địa chỉ %q không hợp lệ (dạng máy:cổng)", *addr)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return tochuc.Errorf(tochuc.EINVALID, "chưa có đăng nhập và phân quyền: máy chủ chỉ được lắng nghe trên địa chỉ loopback (127.0.0.1), không phải %q", host)
	}
	if *demoFlag {
		if *dsn == "tochuc.db" {
			*dsn = "tochuc-demo.db"
		}
		if _, err := buildDemo(env, *dsn, *members, 1, true); err != nil {
			return err
		}
	}
	svc, err := openService(env, *dsn)
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	log := slog.New(slog.NewTextHandler(env.Stderr, nil))
	h, err := web.New(svc, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	fmt.Fprintf(env.Stdout, "tochuc đang chạy tại http://%s/ (Ctrl+C để dừng)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-env.Ctx.Done():
		// Graceful shutdown: let running requests finish.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}
	return nil
}
