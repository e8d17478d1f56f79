package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserStatistics walks the figures of issue 5 in a real Chromium against the real binary
// on the demo country: the home page's charts and comparison, the statistics page and its
// drill-down, an official form with its XLSX, the review report with its downloads, targets,
// congresses and ratios. Each page must render its figures; the screenshots go to testout/screens.
func TestBrowserStatistics(t *testing.T) {
	b := newLCBrowser(t)
	const prov = "T01"

	b.open("/?org=" + prov)
	var charts, rows int
	b.run("dashboard", chromedp.Evaluate(`document.querySelectorAll('main svg').length`, &charts),
		chromedp.Evaluate(`document.querySelectorAll('main table tbody tr').length`, &rows), b.shot("stats-dashboard"))
	if charts < 2 || rows < 5 {
		t.Errorf("home page of %s: %d charts, %d table rows; want the trend charts and their tables", prov, charts, rows)
	}

	b.open("/stats?org=" + prov + "&as_of=2025-06-30&by=sex&children=1")
	var link string
	b.run("stats", chromedp.Evaluate(`(document.querySelector('main a[href^="/stats/members"]') || {}).getAttribute ? document.querySelector('main a[href^="/stats/members"]').getAttribute('href') : ""`, &link),
		b.shot("stats-figures"))
	if link == "" {
		t.Fatal("the statistics page has no figure opening to its members")
	}
	b.open(link)
	if n := b.text("drill-down", "main"); !strings.Contains(n, "Họ và tên") && !strings.Contains(n, "Họ tên") {
		t.Errorf("the drill-down of a figure shows no member list: %.200s", n)
	}
	b.run("drill-down shot", b.shot("stats-drilldown"))

	b.open("/statforms?form=1-TCTW&org=" + prov + "&as_of=2024-12-31")
	var cells int
	var xlsx string
	b.run("form", chromedp.Evaluate(`document.querySelectorAll('main table td').length`, &cells),
		chromedp.Evaluate(`(document.querySelector('main a[href*="xlsx"]') || {href: ""}).href`, &xlsx), b.shot("stats-form-1-TCTW"))
	if cells < 20 || xlsx == "" {
		t.Errorf("form 1-TCTW: %d cells, XLSX link %q", cells, xlsx)
	}
	var size int
	b.eval("form xlsx", `fetch(`+jsString(xlsx)+`, {credentials: "same-origin"}).then(r => r.ok ? r.arrayBuffer() : Promise.reject(r.status)).then(a => a.byteLength)`, &size)
	if size < 2000 {
		t.Errorf("the form's XLSX is %d bytes", size)
	}

	b.open("/reports/review?org=" + prov + "&period=2024H1")
	var report string
	var links []string
	b.run("report", chromedp.Text(`main`, &report, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('main form[action="/reports/review/download"] button[name="format"]')].map(b => {
			const q = new URLSearchParams(new FormData(b.form)); q.set("format", b.value); return b.form.action + "?" + q })`, &links),
		b.shot("stats-report"))
	if !strings.Contains(report, "kết nạp") || len(links) < 2 {
		t.Errorf("review report page: %d download links; text %.300s", len(links), report)
	}
	for _, l := range links {
		var n int
		b.eval("report download", `fetch(`+jsString(l)+`, {credentials: "same-origin"}).then(r => r.ok ? r.arrayBuffer() : Promise.reject(r.status)).then(a => a.byteLength)`, &n)
		if n < 5000 {
			t.Errorf("%s: %d bytes", l, n)
		}
	}

	for _, p := range []struct{ path, shot, want string }{
		{"/orgs/" + prov + "/targets", "stats-targets", "Chỉ tiêu"},
		{"/orgs/" + prov + "/congresses", "stats-congresses", "tổ chức cơ sở đảng đã tổ chức đại hội"},
		{"/orgs/" + prov + "/facts", "stats-facts", "dân số"},
	} {
		b.open(p.path)
		var text string
		b.run(p.shot, chromedp.Text(`main`, &text, chromedp.ByQuery), b.shot(p.shot))
		if !strings.Contains(strings.ToLower(text), strings.ToLower(p.want)) {
			t.Errorf("%s does not say %q: %.200s", p.path, p.want, text)
		}
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
