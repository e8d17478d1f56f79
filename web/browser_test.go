package web_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tochuc/demo"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/web"
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

// TestBrowserWalk boots the pages over a small demo country and walks them in a real Chromium
// as a clerk would: the tree on a past date, an org, a search typed without diacritics, a record.
func TestBrowserWalk(t *testing.T) {
	bin := chromium(t)
	ctx := context.Background()
	db := dbtest.Open(t, store.SQLite)
	svc := service.New(db)
	if _, err := demo.Build(ctx, svc, demo.Options{Seed: 3, Members: 2000}); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(svc, slog.New(slog.DiscardHandler), web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900), chromedp.UserDataDir(t.TempDir()))
	actx, cancel := chromedp.NewExecAllocator(ctx, opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	bctx, cancel = context.WithTimeout(bctx, 60*time.Second)
	defer cancel()

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
	var provinces int
	var heading, results, record string
	err = chromedp.Run(bctx,
		chromedp.Navigate(srv.URL+"/orgs?as_of=2025-06-30"),
		chromedp.WaitVisible(`aside.tree`),
		chromedp.Evaluate(`document.querySelectorAll("aside.tree li a").length`, &provinces),
		shot("tree-2025-06-30"),
		chromedp.Click(`aside.tree li a`, chromedp.NodeVisible),
		chromedp.WaitVisible(`section.content h1`),
		chromedp.Text(`section.content h1`, &heading),
		shot("org"),
		chromedp.Navigate(srv.URL+"/members"),
		chromedp.SendKeys(`#q`, "nguyen van"),
		chromedp.Submit(`#q`),
		chromedp.WaitVisible(`table.list tbody tr`),
		chromedp.Text(`table.list tbody`, &results),
		shot("search"),
		chromedp.Click(`table.list tbody tr a`, chromedp.NodeVisible),
		chromedp.WaitVisible(`ol.timeline`),
		chromedp.Text(`section.record`, &record),
		shot("record"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if provinces != 63 {
		t.Errorf("tree on 30/06/2025 lists %d provinces under the root, want 63", provinces)
	}
	if !strings.HasPrefix(heading, "Đảng bộ") {
		t.Errorf("org page heading = %q", heading)
	}
	if !strings.Contains(results, "Nguyễn") {
		t.Errorf("search for \"nguyen van\" found no Nguyễn: %q", results)
	}
	if !strings.Contains(record, "Quá trình sinh hoạt đảng") || !strings.Contains(record, "Kết nạp vào Đảng") {
		t.Errorf("record page lacks the timeline: %q", record)
	}
}
