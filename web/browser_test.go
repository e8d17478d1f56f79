package web_test

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"tochuc/auth"
	"tochuc/vn"
)

// chromium finds the system browser; in CI its absence fails the test.
func chromium(t *testing.T) string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p != "" {
			if _, err := exec.LookPath(p); err == nil {
				return p
			}
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found: browser tests must run in CI (apt-get install chromium)")
	}
	t.Skip("no Chromium found")
	return ""
}

// bootBinary builds the real tochuc binary and starts `serve --demo` on a free port; it returns
// the base URL and the admin password the demo prints once.
func bootBinary(t *testing.T, ctx context.Context) (base, password string) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "tochuc")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/tochuc").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.CommandContext(ctx, bin, "serve", "--demo", "--members", "2000", "--addr", "127.0.0.1:0",
		"--db", filepath.Join(dir, "demo.db"))
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	adminRE := regexp.MustCompile(`^\s*admin\s.*mật khẩu: (\S+)`)
	urlRE := regexp.MustCompile(`đang chạy tại (http://\S+)/`)
	found, ended := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(ended)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			if m := adminRE.FindStringSubmatch(line); m != nil {
				password = m[1]
			}
			if m := urlRE.FindStringSubmatch(line); m != nil {
				base = m[1]
				close(found)
			}
		}
	}()
	select {
	case <-found:
	case <-ended:
		t.Fatalf("the server exited before it started serving:\n%s", stderr.String())
	case <-time.After(5 * time.Minute):
		t.Fatal("the server did not start within 5 minutes")
	}
	if password == "" {
		t.Fatal("serve --demo printed no admin password")
	}
	return base, password
}

// TestBrowserWalk boots the real binary and walks it in a real Chromium as an administrator
// would on the first day: log in with password and a second factor set up on the spot, the
// dashboard, the tree, a member found by a name typed without diacritics, an edit that shows in
// the record's history, an export of the filtered list, and logging out.
func TestBrowserWalk(t *testing.T) {
	bin := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	base, password := bootBinary(t, ctx)

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900), chromedp.UserDataDir(t.TempDir()))
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()

	out := filepath.Join("..", "testout", "screens")
	os.MkdirAll(out, 0o755)
	shot := func(name string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var buf []byte
			if err := chromedp.FullScreenshot(&buf, 80).Do(ctx); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(out, name+".jpg"), buf, 0o644)
		})
	}
	run := func(step string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}

	// Log in: the admin's role needs a second factor, set up at the first login.
	var secret, loc string
	run("login",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`#username`),
		shot("login"),
		chromedp.SendKeys(`#username`, "admin"),
		chromedp.SendKeys(`#password`, password),
		chromedp.Submit(`#password`),
		chromedp.WaitVisible(`code.secret`),
		chromedp.Text(`code.secret`, &secret),
		shot("enroll"),
	)
	run("second factor",
		chromedp.SendKeys(`#code`, auth.TOTPCode(strings.TrimSpace(secret), time.Now())),
		chromedp.Submit(`#code`),
		chromedp.WaitVisible(`form[action="/account/password"]`),
		chromedp.Location(&loc),
	)
	if !strings.HasSuffix(loc, "/account") {
		t.Fatalf("after the second factor the browser is at %s, want /account", loc)
	}

	// The dashboard and the tree.
	var dashboard, heading string
	var provinces int
	run("dashboard",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`svg`),
		chromedp.Text(`main`, &dashboard),
		shot("dashboard"),
		chromedp.Navigate(base+"/orgs"),
		chromedp.WaitVisible(`aside.tree`),
		chromedp.Evaluate(`document.querySelectorAll("aside.tree li a").length`, &provinces),
		shot("tree"),
		chromedp.Click(`aside.tree li a`, chromedp.NodeVisible),
		chromedp.WaitVisible(`section.content h1`),
		chromedp.Text(`section.content h1`, &heading),
		shot("org"),
	)
	if !strings.Contains(dashboard, "đảng viên") {
		t.Errorf("dashboard text lacks member figures: %.300q", dashboard)
	}
	if provinces != 34 {
		t.Errorf("tree today lists %d provinces under the root, want 34", provinces)
	}
	if !strings.HasPrefix(heading, "Đảng bộ") {
		t.Errorf("org page heading = %q", heading)
	}

	// A member found by a name typed without diacritics.
	var name, results, record string
	run("search",
		chromedp.Text(`table.list tbody tr td a`, &name, chromedp.NodeVisible),
	)
	typed := vn.Fold(name)
	run("search",
		chromedp.Navigate(base+"/members"),
		chromedp.SendKeys(`#q`, typed),
		chromedp.Submit(`#q`),
		chromedp.WaitVisible(`table.list tbody tr a`),
		chromedp.Text(`table.list tbody`, &results),
		shot("search"),
	)
	if typed == name || !strings.Contains(results, name) {
		t.Fatalf("search for %q (typed without diacritics) did not find %q: %q", typed, name, results)
	}
	run("record",
		chromedp.Click(`//table[contains(@class,"list")]//a[normalize-space(text())="`+name+`"]`, chromedp.BySearch),
		chromedp.WaitVisible(`nav.tabs`),
		chromedp.Text(`main`, &record),
		chromedp.Location(&loc),
		shot("record"),
	)
	if !strings.Contains(record, name) {
		t.Fatalf("record page lacks the name %q", name)
	}

	// Edit a field; the change shows in the record's history with old and new values.
	const residence = "Thôn Kiểm Thử, xã Trình Duyệt"
	recordPath := loc[:strings.Index(loc, "?")]
	var history string
	run("edit",
		chromedp.Navigate(recordPath+"/edit"),
		chromedp.WaitVisible(`#e-residence`),
		chromedp.SetValue(`#e-residence`, residence),
		shot("edit"),
		chromedp.Submit(`#e-residence`),
		chromedp.WaitVisible(`table.diff`),
		chromedp.Text(`main`, &history),
		shot("history"),
	)
	if !strings.Contains(history, residence) {
		t.Errorf("history after the edit lacks the new value %q: %.500q", residence, history)
	}

	// Export exactly the filtered list.
	var csv string
	run("export",
		chromedp.Navigate(base+"/members?q="+strings.ReplaceAll(typed, " ", "+")),
		chromedp.WaitVisible(`a[href*="format=csv"]`),
		chromedp.Evaluate(`fetch(document.querySelector('a[href*="format=csv"]').href).then(r => r.text())`, &csv,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) < 2 || !strings.Contains(csv, name) {
		t.Errorf("export of the filtered list has %d lines and lacks %q: %.300q", len(lines), name, csv)
	}
	for _, l := range lines[1:] {
		if !strings.Contains(vn.Fold(l), strings.Fields(typed)[len(strings.Fields(typed))-1]) {
			t.Errorf("export row outside the filter: %q", l)
			break
		}
	}

	// Log out: the session ends on the server; the next page asks for a login again.
	run("logout",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`header .user button`),
		chromedp.Click(`header .user button`),
		chromedp.WaitVisible(`#username`),
		chromedp.Navigate(base+"/orgs"),
		chromedp.WaitVisible(`#username`),
		chromedp.Location(&loc),
		shot("logged-out"),
	)
	if !strings.Contains(loc, "/login") {
		t.Errorf("after logout /orgs ended at %s, want the login page", loc)
	}
}
