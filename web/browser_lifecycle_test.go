package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"tochuc/auth"
)

// The member lifecycle walked in a real Chromium against the real binary (issue 4): a
// candidate developed step by step into a probationary member, recognized official and given a
// card; and an official transfer issued by one commune and received by another.

// lcBrowser is a logged-in Chromium tab on a freshly booted demo server.
type lcBrowser struct {
	t    *testing.T
	ctx  context.Context
	base string
	out  string
}

// newLCBrowser boots the binary, opens Chromium and logs in as admin.
func newLCBrowser(t *testing.T) *lcBrowser {
	bin := chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	base, password := bootBinary(t, ctx)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900), chromedp.UserDataDir(t.TempDir()))
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelA)
	bctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(cancelB)
	out := filepath.Join("..", "testout", "screens")
	os.MkdirAll(out, 0o755)
	b := &lcBrowser{t: t, ctx: bctx, base: base, out: out}
	b.loginAdmin(password)
	return b
}

// loginAdmin logs in as admin, enrolling the second factor the role requires on the spot.
func (b *lcBrowser) loginAdmin(password string) {
	b.t.Helper()
	var secret, loc string
	b.run("login",
		chromedp.Navigate(b.base+"/"),
		chromedp.WaitVisible(`#username`),
		chromedp.SendKeys(`#username`, "admin"),
		chromedp.SendKeys(`#password`, password),
		chromedp.Submit(`#password`),
		chromedp.WaitVisible(`code.secret`),
		chromedp.Text(`code.secret`, &secret),
	)
	b.run("second factor",
		chromedp.SendKeys(`#code`, auth.TOTPCode(strings.TrimSpace(secret), time.Now())),
		chromedp.Submit(`#code`),
		chromedp.WaitVisible(`form[action="/account/password"]`),
		chromedp.Location(&loc),
	)
	if !strings.HasSuffix(loc, "/account") {
		b.t.Fatalf("after the second factor the browser is at %s, want /account", loc)
	}
}

func (b *lcBrowser) run(step string, actions ...chromedp.Action) {
	b.t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

// shot saves a full-page screenshot as testout/screens/<name>.jpg.
func (b *lcBrowser) shot(name string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var buf []byte
		if err := chromedp.FullScreenshot(&buf, 80).Do(ctx); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(b.out, name+".jpg"), buf, 0o644)
	})
}

// open navigates to path and waits for the page's main content.
func (b *lcBrowser) open(path string) {
	b.t.Helper()
	b.run("open "+path, chromedp.Navigate(b.base+path), chromedp.WaitReady(`main`))
}

// fill sets the value of the fields by CSS selector (text, date, number inputs and selects).
func (b *lcBrowser) fill(step string, fields [][2]string) {
	b.t.Helper()
	var actions []chromedp.Action
	for _, f := range fields {
		actions = append(actions, chromedp.SetValue(f[0], f[1], chromedp.ByQuery))
	}
	b.run(step+": fill", actions...)
}

// submit presses the button sel, waits for the page the form leads to, and fails the test with
// the page's refusal when it shows one.
func (b *lcBrowser) submit(step, sel string, by ...chromedp.QueryOption) {
	b.t.Helper()
	if len(by) == 0 {
		by = []chromedp.QueryOption{chromedp.ByQuery}
	}
	b.run(step+": submit",
		chromedp.Evaluate(`window.__lcStale = true`, nil),
		chromedp.Click(sel, append(by, chromedp.NodeVisible)...),
	)
	deadline := time.Now().Add(20 * time.Second)
	for {
		var fresh bool
		err := chromedp.Run(b.ctx, chromedp.Evaluate(`window.__lcStale !== true && document.readyState === "complete"`, &fresh))
		if err == nil && fresh {
			break
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s: no new page after submitting (a required field left empty?)", step)
		}
		time.Sleep(100 * time.Millisecond)
	}
	var refusal, loc string
	b.run(step+": result",
		chromedp.Evaluate(`(document.querySelector('p.error[role=alert]') || {textContent: ""}).textContent.trim()`, &refusal),
		chromedp.Location(&loc),
	)
	if refusal != "" {
		b.shot("lifecycle-refused-" + strings.ReplaceAll(step, " ", "-")).Do(b.ctx)
		b.t.Fatalf("%s refused at %s: %s", step, loc, refusal)
	}
}

// eval runs an async JavaScript expression in the page (with its session) and decodes the result.
func (b *lcBrowser) eval(step, js string, res any) {
	b.t.Helper()
	b.run(step, chromedp.Evaluate(js, res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
}

// facts reads the record's dl.facts as label → value.
func (b *lcBrowser) facts(step string) map[string]string {
	b.t.Helper()
	var out map[string]string
	b.run(step, chromedp.Evaluate(`Object.fromEntries([...document.querySelectorAll('dl.facts dt')].map(dt =>
		[dt.textContent.trim(), (dt.nextElementSibling ? dt.nextElementSibling.textContent : "").replace(/\s+/g, " ").trim()]))`, &out))
	return out
}

func (b *lcBrowser) text(step, sel string) string {
	b.t.Helper()
	var s string
	b.run(step, chromedp.Text(sel, &s, chromedp.ByQuery, chromedp.NodeVisible))
	return strings.Join(strings.Fields(s), " ")
}

// lcJS are helpers the JSON look-ups below share, defined in the page's scope.
const lcJS = `
const lcGet = async (u) => { const r = await fetch(u, {credentials: "same-origin"}); if (!r.ok) throw new Error(u + ": " + r.status + " " + await r.text()); return r.json(); };
const lcAll = async (q) => { let out = []; for (let p = 1; ; p++) { const j = await lcGet("/api/v1/members?status=official&page_size=500&page=" + p + q); out = out.concat(j.members || []); if (p >= j.pages) break; } return out; };
`

// TestBrowserCandidateToOfficialWithCard develops a candidate through every step of the
// admission procedure on the candidate page, holds the ceremony, records the probation review
// and the recognition, then requests and issues the party card; the record shows it all.
func TestBrowserCandidateToOfficialWithCard(t *testing.T) {
	b := newLCBrowser(t)

	// A cell with two members official on the application's and the cell vote's dates and still
	// there today: they introduce the candidate.
	var pick struct {
		Cell  string   `json:"cell"`
		IDs   []string `json:"ids"`
		Names []string `json:"names"`
	}
	b.eval("find a cell", `(async () => {`+lcJS+`
		const key = m => m.id + "@" + m.org_code;
		const a = new Set((await lcAll("&as_of=2024-04-01")).map(key));
		const v = new Set((await lcAll("&as_of=2024-06-03")).map(key));
		const by = {};
		for (const m of await lcAll("")) if (a.has(key(m)) && v.has(key(m))) (by[m.org_code] = by[m.org_code] || []).push(m);
		let best = "";
		for (const k in by) if (!best || by[k].length > by[best].length) best = k;
		const ms = (by[best] || []).slice(0, 2);
		return {cell: best, ids: ms.map(m => String(m.id)), names: ms.map(m => m.full_name)};
	})()`, &pick)
	if pick.Cell == "" || len(pick.IDs) < 2 {
		t.Fatalf("no cell with two official members since 2024 in the demo: %+v", pick)
	}
	t.Logf("cell %s, introducers %v", pick.Cell, pick.Names)

	// Add the candidate from the cell's development page.
	name := "Trần Thị Kiểm Thử"
	b.open("/orgs/" + pick.Cell + "/candidates")
	b.fill("add candidate", [][2]string{
		{`#f-full_name`, name}, {`#f-sex`, "female"}, {`#f-birth_date`, "12/05/1995"},
		{`#f-education`, "upper_secondary"}, {`#f-residence`, "Thôn Kiểm Thử"}, {`#f-identified`, "2024-01-10"},
	})
	var org string
	b.run("org field", chromedp.Value(`#f-org`, &org, chromedp.ByQuery))
	if org != pick.Cell {
		t.Errorf("the add form's cell is %q, want %q", org, pick.Cell)
	}
	b.submit("add candidate", `#c-add`)
	var loc string
	b.run("candidate page", chromedp.Location(&loc))
	if !strings.Contains(loc, "/candidates/") {
		t.Fatalf("after adding, the browser is at %s, want the candidate's page", loc)
	}

	// Every step in order, through the next-step form of the candidate page.
	steps := []struct {
		stage  string
		fields [][2]string
	}{
		{"awareness_trained", [][2]string{{`#f-date`, "2024-02-20"}, {`#f-number`, "GCN-0457/2024"}}},
		{"cam_tinh", [][2]string{{`#f-date`, "2024-03-05"}, {`#f-document`, "03-NQ/CB"}}},
		{"application", [][2]string{{`#f-date`, "2024-04-01"}, {`#f-history_date`, "2024-03-25"},
			{`#f-introducer1`, pick.IDs[0]}, {`#f-since1`, "2020-01-01"},
			{`#f-introducer2`, pick.IDs[1]}, {`#f-since2`, "2021-06-01"}}},
		{"verified", [][2]string{{`#f-date`, "2024-05-10"}, {`#f-result`, "Lý lịch rõ ràng, đủ điều kiện"}}},
		{"cell_resolution", [][2]string{{`#f-date`, "2024-06-03"}, {`#f-yes`, "8"}, {`#f-total`, "10"},
			{`#f-document`, "07-NQ/CB"}, {`#f-signer`, "Nguyễn Văn Bí Thư"}}},
		{"committee_resolution", [][2]string{{`#f-date`, "2024-06-17"}, {`#f-yes`, "9"}, {`#f-total`, "11"},
			{`#f-document`, "25-NQ/ĐU"}, {`#f-signer`, "Lê Văn Ủy Viên"}}},
		{"decided", [][2]string{{`#f-date`, "2024-07-15"}, {`#f-committee`, "Đảng ủy"},
			{`#f-document`, "123-QĐ/ĐU"}, {`#f-signer`, "Phạm Văn Bí Thư"}}},
	}
	for _, st := range steps {
		var stage string
		b.run("next stage", chromedp.Value(`input[name="stage"]`, &stage, chromedp.ByQuery))
		if stage != st.stage {
			t.Fatalf("the candidate page offers the step %q, want %q", stage, st.stage)
		}
		b.fill(st.stage, st.fields)
		b.submit(st.stage, `#c-step`)
	}
	b.run("ceremony form", chromedp.WaitVisible(`#f-ceremony_date`, chromedp.ByQuery))
	b.fill("ceremony", [][2]string{{`#f-ceremony_date`, "2024-08-01"}})
	b.submit("ceremony", `#c-ceremony`)
	var steps8 int
	b.run("candidate admitted",
		chromedp.WaitVisible(`#c-member`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("#c-steps tbody tr").length`, &steps8),
		b.shot("lifecycle-candidate"),
	)
	if steps8 != 9 {
		t.Errorf("the candidate page lists %d steps, want 9 (identified … ceremony)", steps8)
	}
	if got := b.text("candidate stage", `#c-stage-now`); got != "Lễ kết nạp" {
		t.Errorf("candidate stage = %q, want Lễ kết nạp", got)
	}

	// The new member's record, then the probation page.
	b.run("member record",
		chromedp.Click(`#c-member`, chromedp.ByQuery, chromedp.NodeVisible),
		chromedp.WaitVisible(`#link-probation`, chromedp.ByQuery),
		chromedp.Location(&loc),
	)
	memberPath := strings.TrimPrefix(loc[:strings.IndexAny(loc+"?", "?")], b.base)
	if !strings.HasPrefix(memberPath, "/members/") {
		t.Fatalf("the member link led to %s", loc)
	}
	if got := b.text("status", `p.status span.st`); got != "Dự bị" {
		t.Errorf("status before the recognition = %q, want Dự bị", got)
	}

	b.open(memberPath + "/probation")
	if got := b.text("probation end", `#probation-end`); got != "01/08/2025" {
		t.Errorf("end of probation = %q, want 01/08/2025", got)
	}
	b.fill("probation vote", [][2]string{{`#v-date`, "2025-08-15"}, {`#v-level`, "cell"}, {`#v-yes`, "8"}, {`#v-no`, "0"},
		{`#v-total`, "10"}, {`#v-document`, "12-NQ/CB"}, {`#v-doc_date`, "2025-08-15"}, {`#v-signer`, "Nguyễn Văn Bí Thư"}})
	b.submit("probation vote", `#v-submit`)
	b.fill("recognition", [][2]string{{`#r-document`, "210-QĐ/ĐU"}, {`#r-doc_date`, "2025-08-28"}, {`#r-signer`, "Phạm Văn Bí Thư"}})
	b.submit("recognition", `#r-submit`)
	official := b.text("official date", `#probation-official`)
	b.run("probation shot", b.shot("lifecycle-probation"))
	if !strings.HasPrefix(official, "01/08/2025") || !strings.Contains(official, "210-QĐ/ĐU") {
		t.Errorf("probation page official date = %q, want 01/08/2025 with 210-QĐ/ĐU", official)
	}
	if got := b.text("probation state", `#probation-state`); !strings.Contains(got, "Đã công nhận chính thức") {
		t.Errorf("probation state = %q", got)
	}

	// The card: requested, then issued.
	card := fmt.Sprintf("99%07d", time.Now().UnixNano()%10_000_000)
	b.open(memberPath + "/card")
	b.fill("card request", [][2]string{{`#cq-date`, "2025-09-10"}, {`#cq-note`, "Đủ ảnh"}})
	b.run("photos", chromedp.Click(`#cq-photos`, chromedp.ByQuery))
	b.submit("card request", `#cq-submit`)
	b.fill("card issue", [][2]string{{`#ci-number`, card}, {`#ci-date`, "2025-10-01"}, {`#ci-document`, "45-QĐ/ĐU"},
		{`#ci-doc_date`, "2025-09-25"}, {`#ci-signer`, "Phạm Văn Bí Thư"}})
	b.submit("card issue", `#ci-submit`)
	current := b.text("card", `#card-current`)
	b.run("card shot", b.shot("lifecycle-card"))
	if !strings.Contains(current, card) || !strings.Contains(current, "01/10/2025") {
		t.Errorf("card page current card = %q, want %s issued 01/10/2025", current, card)
	}

	// The record: official, with the decision's date, the ceremony, the official date, the card.
	b.open(memberPath)
	f := b.facts("record")
	b.run("record shot", b.shot("lifecycle-record"))
	want := map[string]string{"Ngày vào Đảng": "15/07/2024", "Ngày lễ kết nạp": "01/08/2024",
		"Ngày chính thức": "01/08/2025", "Số thẻ đảng viên": card, "Họ và tên": name}
	for k, v := range want {
		if f[k] != v {
			t.Errorf("record %s = %q, want %q", k, f[k], v)
		}
	}
	if !strings.Contains(f["Tổ chức đảng"], pick.Cell) {
		t.Errorf("record org = %q, want the cell %s", f["Tổ chức đảng"], pick.Cell)
	}
	if got := b.text("status", `p.status span.st`); got != "Chính thức" {
		t.Errorf("status after the recognition = %q, want Chính thức", got)
	}
}

// TestBrowserTransferBothSides issues an official transfer from a commune's cell to a cell of
// another province, sees the member in transit from both sides, receives them on the
// receiving side's transfers page and sees the record placed in the new cell.
func TestBrowserTransferBothSides(t *testing.T) {
	b := newLCBrowser(t)

	var pick struct {
		ID       string `json:"id"`
		Name     string `json:"name"`
		From     string `json:"from"`
		FromName string `json:"from_name"`
		To       string `json:"to"`
		ToName   string `json:"to_name"`
	}
	b.eval("find a member and a destination", `(async () => {`+lcJS+`
		const j = await lcGet("/api/v1/members?status=official&page_size=500");
		const cells = {};
		for (const m of j.members) if (/^X\d+-C\d+$/.test(m.org_code || "")) (cells[m.org_code] = cells[m.org_code] || []).push(m);
		const province = async (code) => {
			const o = await lcGet("/api/v1/orgs/" + encodeURIComponent(code));
			const p = (o.ancestors || []).find(a => /^T\d+$/.test(a.code));
			return {province: p ? p.code : "", name: o.org.name};
		};
		let from = null;
		for (const code of Object.keys(cells).sort()) {
			const p = await province(code);
			if (!p.province) continue;
			if (!from) { from = {code, ...p, m: cells[code][0]}; continue; }
			if (p.province !== from.province)
				return {id: String(from.m.id), name: from.m.full_name, from: from.code, from_name: from.name, to: code, to_name: p.name};
		}
		return {};
	})()`, &pick)
	if pick.ID == "" {
		t.Fatal("no official member of a commune cell and no cell of another province in the demo")
	}
	t.Logf("member %s (%s): %s → %s", pick.ID, pick.Name, pick.From, pick.To)
	memberPath := "/members/" + pick.ID

	// Issue the transfer from the record's transfer form.
	slip := fmt.Sprintf("GT-%04d/2026", time.Now().UnixNano()%10_000)
	dues := time.Now().AddDate(0, -1, 0).Format("2006-01")
	b.open(memberPath + "/actions/transfer")
	b.fill("transfer", [][2]string{{`#l-kind`, "official"}, {`#l-scope`, "domestic"}, {`#l-to`, pick.To},
		{`#l-slip`, slip}, {`#l-dues`, dues}, {`#l-doc`, "88-QĐ/ĐU"}, {`#l-signer`, "Nguyễn Văn Bí Thư"}})
	b.run("transfer form shot", b.shot("lifecycle-transfer-form"))
	b.submit("transfer", `form.edit button[type=submit]`)

	b.open(memberPath)
	if got := b.text("status in transit", `p.status span.st`); got != "Đang chuyển sinh hoạt" {
		t.Errorf("status after the slip = %q, want Đang chuyển sinh hoạt", got)
	}
	link := `table.list a[href="` + memberPath + `"]`
	listed := func(step, org string) bool {
		t.Helper()
		b.open("/transfers/in-transit?org=" + org)
		var n int
		b.run(step, chromedp.Evaluate(`document.querySelectorAll('`+link+`').length`, &n))
		return n > 0
	}
	for _, org := range []string{pick.From, pick.To} {
		if !listed("in transit "+org, org) {
			t.Errorf("the in-transit report of %s does not list %s", org, pick.Name)
		}
	}
	b.run("in transit shot", b.shot("lifecycle-in-transit"))
	var csv string
	b.eval("in transit csv", `fetch("/transfers/in-transit?format=csv&org=`+pick.From+`").then(r => r.text())`, &csv)
	if !strings.Contains(csv, slip) || !strings.Contains(csv, pick.Name) {
		t.Errorf("the in-transit CSV lacks the slip %s of %s: %.400q", slip, pick.Name, csv)
	}

	// Receive on the receiving side's transfers page.
	today := time.Now().Format("2006-01-02")
	b.open("/transfers?org=" + pick.To)
	row := `//tr[td/a[@href="` + memberPath + `"]]`
	b.run("receive form",
		chromedp.WaitVisible(row+`//form[contains(@action,"/receive")]//input[@name="date"]`, chromedp.BySearch),
		chromedp.SetValue(row+`//form[contains(@action,"/receive")]//input[@name="date"]`, today, chromedp.BySearch),
		chromedp.SetValue(row+`//form[contains(@action,"/receive")]//input[@name="document"]`, "19-QĐ/ĐU", chromedp.BySearch),
	)
	b.submit("receive", row+`//form[contains(@action,"/receive")]//button`, chromedp.BySearch)
	if got := b.text("notice", `p.notice`); got != "Đã tiếp nhận sinh hoạt đảng." {
		t.Errorf("notice after the receipt = %q", got)
	}

	b.open(memberPath)
	f := b.facts("record after receipt")
	status := b.text("status after receipt", `p.status span.st`)
	b.run("record shot", b.shot("lifecycle-transfer-record"))
	if status != "Chính thức" {
		t.Errorf("status after the receipt = %q, want Chính thức", status)
	}
	if want := pick.ToName + " (" + pick.To + ")"; f["Tổ chức đảng"] != want {
		t.Errorf("record org after the receipt = %q, want %q", f["Tổ chức đảng"], want)
	}
	for _, org := range []string{pick.From, pick.To} {
		if listed("in transit after receipt "+org, org) {
			t.Errorf("the in-transit report of %s still lists %s after the receipt", org, pick.Name)
		}
	}
}
