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
	"tochuc/service"
	"tochuc/web"
)

func cmdServe(env *Env, args []string) error {
	fs, dsn := flags(env, "serve", "[--addr 127.0.0.1:8080] [--db …] [--demo [--members N]]")
	addr := fs.String("addr", "127.0.0.1:8080", "địa chỉ lắng nghe; ngoài loopback cần --tls-cert/--tls-key hoặc --behind-proxy")
	tlsCert := fs.String("tls-cert", "", "tệp chứng thư TLS (PEM) để phục vụ HTTPS")
	tlsKey := fs.String("tls-key", "", "tệp khóa riêng TLS (PEM)")
	behindProxy := fs.Bool("behind-proxy", false, "chạy sau một reverse proxy HTTPS (lấy địa chỉ người dùng từ X-Forwarded-For, cookie Secure)")
	demoFlag := fs.Bool("demo", false, "tạo cơ sở dữ liệu mẫu mới (tochuc-demo.db) rồi chạy trên đó")
	members := fs.Int("members", DefaultDemoMembers, "với --demo: số đảng viên giả lập")
	statsFile := fs.String("stats-file", "", "tệp giữ số liệu thống kê giữa các lần chạy để khởi động lại trả lời ngay (mặc định <tệp CSDL>.stats với SQLite, không giữ với PostgreSQL; \"off\" để tắt)")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "địa chỉ %q không hợp lệ (dạng máy:cổng)", *addr)
	}
	useTLS := *tlsCert != "" || *tlsKey != ""
	if useTLS && (*tlsCert == "" || *tlsKey == "") {
		return tochuc.Errorf(tochuc.EINVALID, "cần cả --tls-cert và --tls-key")
	}
	// Passwords and session cookies must never cross a network in clear text.
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) && !useTLS && !*behindProxy {
		return tochuc.Errorf(tochuc.EINVALID, "không phục vụ HTTP không mã hóa trên địa chỉ %q: hãy dùng --tls-cert/--tls-key, hoặc --behind-proxy khi đã có reverse proxy HTTPS phía trước, hoặc lắng nghe trên 127.0.0.1", host)
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
	svc.StatsFile, svc.StatsFileReadOnly = statsFileFor(*dsn, *statsFile), false
	if *demoFlag {
		if err := demoUsers(env, svc); err != nil {
			return err
		}
	}
	svc.PruneSessions(env.Ctx)
	log := slog.New(slog.NewTextHandler(env.Stderr, nil))
	h, err := web.New(svc, log, web.Options{SecureCookies: useTLS || *behindProxy, TrustProxy: *behindProxy})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	scheme := "http"
	if useTLS {
		scheme = "https"
	}
	fmt.Fprintf(env.Stdout, "tochuc đang chạy tại %s://%s/ (Ctrl+C để dừng)\n", scheme, ln.Addr())
	log.Info("start", "addr", ln.Addr().String(), "tls", useTLS, "behind_proxy", *behindProxy)
	errc := make(chan error, 1)
	go func() {
		if useTLS {
			errc <- srv.ServeTLS(ln, *tlsCert, *tlsKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	warmUp(env.Ctx, svc, log) // the listener is open: requests are served while this builds
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
		log.Info("stop")
	}
	return nil
}

// demoUsers creates the demo's accounts on a fresh demo database and prints their passwords
// once: an admin at the root (asked to set up a second factor at first login), a leader of a
// province and a secretary of one cell.
func demoUsers(env *Env, svc *service.Service) error {
	if users, err := svc.Users(env.Ctx); err != nil || len(users) > 0 {
		return err
	}
	root, err := svc.ViewOrg(env.Ctx, "", svc.Today())
	if err != nil {
		return err
	}
	province := root.Children[0].Org
	cell := province
	for {
		v, err := svc.ViewOrg(env.Ctx, cell.Code, svc.Today())
		if err != nil || len(v.Children) == 0 {
			break
		}
		cell = v.Children[0].Org
	}
	fmt.Fprintln(env.Stdout, "Tài khoản mẫu (mật khẩu chỉ hiện một lần):")
	for _, u := range []struct {
		name, full, role string
		org              tochuc.Org
	}{
		{"admin", "Quản trị hệ thống", tochuc.RoleAdmin, root.Org},
		{"lanhdao", "Lãnh đạo " + province.Name, tochuc.RoleLeader, province},
		{"bithu", "Bí thư " + cell.Name, tochuc.RoleSecretary, cell},
	} {
		// A generated passphrase may contain a word of the user's name or unit ("thanh" for
		// "thành phố"), which the password policy refuses: draw another.
		var pw string
		for try := 0; ; try++ {
			pw = generatePassword()
			_, err := svc.CreateUser(env.Ctx, service.UserInput{Username: u.name, FullName: u.full, Password: pw}, u.role, u.org.Code, false)
			var te *tochuc.Error
			if err == nil {
				break
			} else if !errors.As(err, &te) || te.Subject != "password" || try == 20 {
				return err
			}
		}
		fmt.Fprintf(env.Stdout, "  %-8s %-28s mật khẩu: %s\n", u.name, roleName[u.role], pw)
	}
	return nil
}

var roleName = map[string]string{tochuc.RoleAdmin: "quản trị (bật 2FA khi vào)", tochuc.RoleLeader: "lãnh đạo tỉnh", tochuc.RoleSecretary: "bí thư chi bộ"}
