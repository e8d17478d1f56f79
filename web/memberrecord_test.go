package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tochuc"
	"tochuc/auth"
	"tochuc/importer"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/tabular"
	"tochuc/vn"
	"tochuc/web"
)

// recToday is the fixed "today" of these tests.
const recToday = tochuc.Date("2026-01-15")

// recEnv is a small register served over HTTP with users logged in.
type recEnv struct {
	t       *testing.T
	svc     *service.Service
	h       http.Handler
	members map[string]int64
	users   map[string]*recSession
}

type recSession struct{ token, csrf string }

func recSys() context.Context {
	return tochuc.WithActor(context.Background(), tochuc.SystemActor(tochuc.ChannelCLI))
}

func newRecEnv(t *testing.T, db *store.DB) *recEnv {
	t.Helper()
	ctx := recSys()
	svc := service.New(db)
	svc.Today = func() tochuc.Date { return recToday }
	rows := []importer.OrgRow{
		{Code: "TW", Name: "Đảng Cộng sản Việt Nam", Kind: tochuc.KindParty},
		{Code: "T01", Name: "Đảng bộ tỉnh Hà Giang", Kind: tochuc.KindCentralDirect, ParentCode: "TW"},
		{Code: "T02", Name: "Đảng bộ tỉnh Cao Bằng", Kind: tochuc.KindCentralDirect, ParentCode: "TW"},
		{Code: "X01", Name: "Đảng bộ xã Lũng Cú", Kind: tochuc.KindBasicCommittee, ParentCode: "T01"},
		{Code: "X01-C1", Name: "Chi bộ thôn Lô Lô Chải", Kind: tochuc.KindCell, ParentCode: "X01"},
		{Code: "X02", Name: "Đảng bộ xã Cô Ba", Kind: tochuc.KindBasicCommittee, ParentCode: "T02"},
	}
	for i := range rows {
		rows[i].Line, rows[i].ValidFrom = i+2, "2000-01-01"
	}
	if rep, err := svc.ImportOrgs(ctx, rows, false); err != nil || rep.Failed() {
		t.Fatalf("orgs: %v %v", err, rep)
	}
	e := &recEnv{t: t, svc: svc, members: map[string]int64{}, users: map[string]*recSession{}}
	for i, p := range []struct {
		name, sex, org, eth string
		birth               int
		admitted            tochuc.Date
	}{
		{"Nguyễn Văn An", "male", "X01-C1", "01", 1980, "2010-03-01"},
		{"Lê Thị Ánh", "female", "X01-C1", "02", 1990, "2012-04-01"},
		{"Phạm Thị Đào", "female", "X01", "01", 1970, "2000-05-01"},
		{"Hoàng Văn Đức", "male", "X01", "08", 1998, "2020-07-01"},
		{"Vũ Thị Mai", "female", "X02", "01", 1985, "2010-08-01"},
	} {
		m := tochuc.Member{FullName: p.name, Sex: p.sex, BirthDate: fmt.Sprintf("%d-05-10", p.birth), Ethnicity: p.eth,
			CitizenID: vn.MakeCitizenID("002", p.birth, p.sex, i+1), AdmissionDate: p.admitted}
		id, err := svc.CreateMember(ctx, m, p.org)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		e.members[p.name] = id
	}
	h, err := web.New(svc, slog.New(slog.DiscardHandler), web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e.h = h
	return e
}

// addUser creates an account with one role and logs it in (with TOTP when the role needs it).
func (e *recEnv) addUser(name, role, org string, restricted bool) {
	t := e.t
	t.Helper()
	pw := "mật khẩu dài cho kiểm thử hồ sơ số " + strconv.Itoa(len(e.users)*7919+len(name))
	if _, err := e.svc.CreateUser(recSys(), service.UserInput{Username: name, FullName: "Cán bộ " + name, Password: pw}, role, org, restricted); err != nil {
		t.Fatalf("user %s: %v", name, err)
	}
	ctx := context.Background()
	l, err := e.svc.Authenticate(ctx, name, pw, "192.0.2.9", "test")
	if err != nil {
		t.Fatal(err)
	}
	if l.Stage() == service.StageEnroll {
		a, _, _, err := e.svc.SessionActor(ctx, l.Token, "192.0.2.9")
		if err != nil {
			t.Fatal(err)
		}
		actx := tochuc.WithActor(ctx, a)
		en, err := e.svc.StartTOTP(actx)
		if err != nil {
			t.Fatal(err)
		}
		if l, err = e.svc.ConfirmTOTP(actx, l.Token, en.Secret, auth.TOTPCode(en.Secret, time.Now()), "192.0.2.9", "test"); err != nil {
			t.Fatal(err)
		}
	}
	e.users[name] = &recSession{token: l.Token, csrf: l.Session.CSRFToken}
}

type recResp struct {
	status int
	body   string
	header http.Header
}

func (e *recEnv) do(user, method, path string, form url.Values) recResp {
	var body io.Reader
	s := e.users[user]
	if form != nil {
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		if s != nil && f.Get("csrf") == "" {
			f.Set("csrf", s.csrf)
		}
		body = strings.NewReader(f.Encode())
	}
	r := httptest.NewRequest(method, path, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if s != nil {
		r.AddCookie(&http.Cookie{Name: "tochuc_session", Value: s.token})
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return recResp{w.Code, w.Body.String(), w.Header()}
}

var hiddenVersion = regexp.MustCompile(`name="version" value="([^"]*)"`)

// checkLabels fails when a visible form control has no <label for>.
func checkLabels(t *testing.T, page string) {
	t.Helper()
	ids := regexp.MustCompile(`<(?:input|select|textarea)\b[^>]*>`).FindAllString(page, -1)
	for _, tag := range ids {
		if strings.Contains(tag, `type="hidden"`) || strings.Contains(tag, `type="checkbox"`) {
			continue
		}
		m := regexp.MustCompile(`id="([^"]+)"`).FindStringSubmatch(tag)
		if m == nil || !strings.Contains(page, `for="`+m[1]+`"`) {
			t.Errorf("control without a label: %s", tag)
		}
	}
}

func TestMemberEditForm(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newRecEnv(t, db)
		e.addUser("staff_x01", tochuc.RoleStaff, "X01", false)
		e.addUser("staff_x02", tochuc.RoleStaff, "X02", false)
		e.addUser("leader_x01", tochuc.RoleLeader, "X01", false)
		id := e.members["Lê Thị Ánh"]
		edit := fmt.Sprintf("/members/%d/edit", id)

		r := e.do("staff_x01", "GET", edit, nil)
		if r.status != 200 {
			t.Fatalf("edit form: %d %s", r.status, r.body)
		}
		checkLabels(t, r.body)
		if !strings.Contains(r.body, `name="csrf"`) {
			t.Error("edit form without CSRF field")
		}
		v := hiddenVersion.FindStringSubmatch(r.body)
		if v == nil || v[1] == "" {
			t.Fatal("edit form without version")
		}
		version := v[1]
		form := url.Values{"version": {version}, "surname": {"Lê"}, "middle_name": {"Thị"}, "given_name": {"Ánh"},
			"sex": {"female"}, "birth_date": {"10/05/1990"}, "ethnicity": {"02"}, "citizen_id": {vn.MakeCitizenID("002", 1990, "female", 2)}}

		// Others cannot open or post it: not found.
		for _, u := range []string{"staff_x02", "leader_x01"} {
			if r := e.do(u, "GET", edit, nil); r.status != 404 {
				t.Errorf("%s opened the edit form: %d", u, r.status)
			}
			if r := e.do(u, "POST", edit, form); r.status != 404 {
				t.Errorf("%s posted the edit form: %d", u, r.status)
			}
		}
		// Without the CSRF token: refused.
		bad := url.Values{"csrf": {"x"}}
		for k, v := range form {
			bad[k] = v
		}
		if r := e.do("staff_x01", "POST", edit, bad); r.status != 403 {
			t.Errorf("edit without CSRF: %d", r.status)
		}

		// Validation: the rule next to the field, the values as typed.
		wrong := url.Values{}
		for k, v := range form {
			wrong[k] = v
		}
		wrong.Set("birth_date", "31/02/1990")
		wrong.Set("home_town", `<b>Quê</b> "Hà Giang"`)
		wrong.Set("ethnicity", "Sao Hỏa")
		r = e.do("staff_x01", "POST", edit, wrong)
		if r.status != 400 {
			t.Fatalf("invalid edit: %d", r.status)
		}
		for _, want := range []string{`id="err-birth_date"`, "dd/mm/yyyy", `value="31/02/1990"`, `id="err-ethnicity"`,
			"không có trong danh mục", `value="&lt;b&gt;Quê&lt;/b&gt; &#34;Hà Giang&#34;"`, `aria-invalid="true"`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("invalid edit page lacks %q", want)
			}
		}
		if m, _ := db.Member(context.Background(), id); m.HomeTown != "" {
			t.Errorf("an invalid edit was saved: %q", m.HomeTown)
		}

		// A good edit; the history shows old → new, markup as text.
		form.Set("residence", `<script>alert("x")</script> Thôn Lô Lô Chải`)
		r = e.do("staff_x01", "POST", edit, form)
		if r.status != http.StatusSeeOther || !strings.Contains(r.header.Get("Location"), "tab=history") {
			t.Fatalf("edit: %d %s", r.status, r.body)
		}
		r = e.do("staff_x01", "GET", fmt.Sprintf("/members/%d?tab=history", id), nil)
		if r.status != 200 {
			t.Fatalf("history: %d", r.status)
		}
		for _, want := range []string{"Lịch sử thay đổi hồ sơ", "Nơi cư trú", "(trống)", "→ &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Thôn Lô Lô Chải",
			"Cán bộ staff_x01", "Sửa hồ sơ", "Kết nạp vào Đảng"} {
			if !strings.Contains(r.body, want) {
				t.Errorf("history lacks %q", want)
			}
		}
		if strings.Contains(r.body, "<script>alert") {
			t.Error("markup of a field reached the page unescaped")
		}

		// The form opened before that edit is stale now: 409 with the time, the values kept.
		form.Set("residence", "Hà Nội")
		r = e.do("staff_x01", "POST", edit, form)
		if r.status != http.StatusConflict || !strings.Contains(r.body, "Hồ sơ đã được người khác sửa lúc") ||
			!strings.Contains(r.body, `value="Hà Nội"`) {
			t.Errorf("stale edit: %d %s", r.status, r.body)
		}
		if m, _ := db.Member(context.Background(), id); strings.Contains(m.Residence, "Hà Nội") {
			t.Error("a stale edit was saved")
		}
	})
}

func TestRestrictedTab(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newRecEnv(t, db)
		id := e.members["Nguyễn Văn An"]
		const note = "Ghi chú BVCTNB <i>mật</i> số QZ4711"
		if err := e.svc.SetMemberRestricted(recSys(), id, store.Restricted{ProtectionNote: note, Discipline: "Khiển trách 2019"}, "nhập dữ liệu kiểm thử"); err != nil {
			t.Fatal(err)
		}
		e.addUser("staff_plain", tochuc.RoleStaff, "X01", false)
		e.addUser("staff_bv", tochuc.RoleStaff, "X01", true)
		rec := fmt.Sprintf("/members/%d", id)

		// Without the flag: no tab, no data, on any tab; the POSTs are refused as not found.
		for _, tab := range []string{"", "identity", "rewards", "restricted", "history"} {
			r := e.do("staff_plain", "GET", rec+"?tab="+tab, nil)
			if r.status != 200 {
				t.Fatalf("record tab %q: %d", tab, r.status)
			}
			for _, secret := range []string{"Trường hạn chế", "tab=restricted", "QZ4711", "Khiển trách", "Lý do xem"} {
				if strings.Contains(r.body, secret) {
					t.Errorf("tab %q shows %q to a user without the flag", tab, secret)
				}
			}
		}
		for _, p := range []string{rec + "/restricted/view", rec + "/restricted"} {
			r := e.do("staff_plain", "POST", p, url.Values{"reason": {"xem thử không có quyền"}, "protection_note": {"x"}})
			if r.status != 404 || strings.Contains(r.body, "QZ4711") {
				t.Errorf("%s without the flag: %d", p, r.status)
			}
		}
		if got, _ := db.Restricted(context.Background(), id); got.ProtectionNote != note {
			t.Errorf("note changed by a user without the flag: %q", got.ProtectionNote)
		}

		// With the flag: the tab asks for a reason first.
		r := e.do("staff_bv", "GET", rec+"?tab=restricted", nil)
		if r.status != 200 || !strings.Contains(r.body, "Lý do xem") || strings.Contains(r.body, "QZ4711") {
			t.Fatalf("restricted tab: %d", r.status)
		}
		checkLabels(t, r.body)
		r = e.do("staff_bv", "POST", rec+"/restricted/view", url.Values{"reason": {""}})
		if r.status != 400 || strings.Contains(r.body, "QZ4711") || !strings.Contains(r.body, "Lý do xem") {
			t.Errorf("view without a reason: %d", r.status)
		}
		const reason = "thẩm tra lý lịch xét kết nạp"
		r = e.do("staff_bv", "POST", rec+"/restricted/view", url.Values{"reason": {reason}})
		if r.status != 200 || !strings.Contains(r.body, "Ghi chú BVCTNB &lt;i&gt;mật&lt;/i&gt; số QZ4711") || !strings.Contains(r.body, "Khiển trách 2019") {
			t.Fatalf("view with a reason: %d %s", r.status, r.body)
		}
		checkLabels(t, r.body)
		// The read is in the trail with its reason, never with the content.
		es, err := db.ListAudit(context.Background(), store.AuditFilter{Action: tochuc.AuditRestrictedRead, ObjectID: strconv.FormatInt(id, 10)})
		if err != nil || len(es) != 1 {
			t.Fatalf("note.read entries: %v %v", es, err)
		}
		if es[0].Reason != reason || es[0].ActorName != "staff_bv" {
			t.Errorf("note.read entry: %+v", es[0])
		}
		raw, _ := json.Marshal(es[0])
		for _, secret := range []string{"QZ4711", "BVCTNB", "Khiển trách"} {
			if bytes.Contains(raw, []byte(secret)) {
				t.Errorf("the audit entry of the read holds %q: %s", secret, raw)
			}
		}
		// Discipline is only in the restricted tab: the rewards tab points there.
		if r := e.do("staff_bv", "GET", rec+"?tab=rewards", nil); strings.Contains(r.body, "Khiển trách") || !strings.Contains(r.body, "tab=restricted") {
			t.Error("rewards tab shows discipline or no link to the restricted tab")
		}
		// Editing: the reason is required; the change is audited without the text.
		r = e.do("staff_bv", "POST", rec+"/restricted", url.Values{"protection_note": {"Nội dung mới QZ0815"}, "discipline": {"Khiển trách 2019"}, "reason": {reason}})
		if r.status != http.StatusSeeOther {
			t.Fatalf("restricted save: %d %s", r.status, r.body)
		}
		if got, _ := db.Restricted(context.Background(), id); got.ProtectionNote != "Nội dung mới QZ0815" {
			t.Errorf("note after save: %q", got.ProtectionNote)
		}
		all, _ := db.ListAudit(context.Background(), store.AuditFilter{ObjectType: "member", ObjectID: strconv.FormatInt(id, 10), Limit: 100})
		raw, _ = json.Marshal(all)
		for _, secret := range []string{"QZ0815", "QZ4711"} {
			if bytes.Contains(raw, []byte(secret)) {
				t.Errorf("the trail holds restricted text %q", secret)
			}
		}
	})
}

func TestMemberListFiltersAndExport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newRecEnv(t, db)
		e.addUser("staff_t01", tochuc.RoleStaff, "T01", false)
		e.addUser("sec_c1", tochuc.RoleSecretary, "X01-C1", false)

		r := e.do("staff_t01", "GET", "/orgs/X01?sex=female&ethnicity=01", nil)
		if r.status != 200 {
			t.Fatalf("filtered org page: %d", r.status)
		}
		checkLabels(t, r.body)
		if !strings.Contains(r.body, "Phạm Thị Đào") || strings.Contains(r.body, "Lê Thị Ánh") || strings.Contains(r.body, "Nguyễn Văn An") {
			t.Errorf("filter sex=female, ethnicity=01 on X01 shows the wrong people")
		}
		if !strings.Contains(r.body, `<option value="01" selected>Kinh</option>`) || !strings.Contains(r.body, "Xuất Excel") {
			t.Error("the filter form does not keep the choice, or no export link")
		}
		// The export link carries the same filter.
		m := regexp.MustCompile(`href="(/members/export\?[^"]*format=csv)"`).FindStringSubmatch(r.body)
		if m == nil {
			t.Fatal("no CSV export link")
		}
		link := strings.ReplaceAll(m[1], "&amp;", "&")
		for _, want := range []string{"org=X01", "sex=female", "ethnicity=01"} {
			if !strings.Contains(link, want) {
				t.Errorf("export link %q lacks %q", link, want)
			}
		}
		r = e.do("staff_t01", "GET", link, nil)
		if r.status != 200 || r.header.Get("Content-Disposition") != `attachment; filename="dang-vien-x01-2026-01-15.csv"` {
			t.Fatalf("csv export: %d %q", r.status, r.header.Get("Content-Disposition"))
		}
		rd, err := tabular.NewCSVReader(strings.NewReader(r.body), tabular.Options{Comma: ','})
		if err != nil {
			t.Fatal(err)
		}
		var exported []string
		for {
			row, err := rd.Next()
			if err != nil {
				break
			}
			exported = append(exported, row.Cells[1])
		}
		if !slices.Equal(exported, []string{"Phạm Thị Đào"}) {
			t.Errorf("exported %v, want the filtered list", exported)
		}
		r = e.do("staff_t01", "GET", strings.Replace(link, "format=csv", "format=xlsx", 1), nil)
		if r.status != 200 || !strings.HasPrefix(r.body, "PK") || !strings.Contains(r.header.Get("Content-Disposition"), ".xlsx") {
			t.Errorf("xlsx export: %d %q", r.status, r.header.Get("Content-Disposition"))
		}
		es, _ := db.ListAudit(context.Background(), store.AuditFilter{Action: tochuc.AuditExport, Limit: 1})
		if len(es) != 1 || !strings.Contains(es[0].Detail, "giới tính Nữ") || !strings.Contains(es[0].Detail, "dân tộc Kinh") {
			t.Errorf("export audit: %+v", es)
		}
		// The search page: filters alone list the reach; another subtree stays out.
		r = e.do("staff_t01", "GET", "/members?sex=female", nil)
		if r.status != 200 || !strings.Contains(r.body, "Lê Thị Ánh") || strings.Contains(r.body, "Vũ Thị Mai") {
			t.Errorf("search with a filter: %d", r.status)
		}
		// Hostile values in every parameter: a clean 400 or an answer, never a 500.
		for _, p := range injections {
			for _, param := range []string{"q", "status", "sex", "age", "ethnicity", "religion", "education", "theory", "admitted_from", "admitted_to", "format", "org", "scope", "page", "as_of"} {
				for _, base := range []string{"/members?", "/orgs/X01?", "/members/export?format=csv&"} {
					r := e.do("staff_t01", "GET", base+param+"="+url.QueryEscape(p), nil)
					if r.status >= 500 {
						t.Errorf("%s%s=%q: %d", base, param, p, r.status)
					}
					if param != "q" && param != "page" && param != "scope" && r.status == 200 && strings.HasPrefix(base, "/members/export") && param != "format" {
						t.Errorf("export with %s=%q went through", param, p)
					}
				}
			}
		}
		// A cell secretary may list but not export, and sees no export link.
		r = e.do("sec_c1", "GET", "/orgs/X01-C1", nil)
		if r.status != 200 || strings.Contains(r.body, "Xuất Excel") {
			t.Errorf("secretary org page: %d, export link shown: %v", r.status, strings.Contains(r.body, "Xuất Excel"))
		}
		if r := e.do("sec_c1", "GET", "/members/export?org=X01-C1&format=csv", nil); r.status != 404 || strings.Contains(r.body, "Nguyễn") {
			t.Errorf("secretary export: %d", r.status)
		}
		// Outside the scope: not found.
		if r := e.do("staff_t01", "GET", "/members/export?org=X02&format=csv", nil); r.status != 404 || strings.Contains(r.body, "Vũ Thị Mai") {
			t.Errorf("export of another subtree: %d", r.status)
		}
	})
}

// injections are hostile texts for every filter and search parameter.
var injections = []string{`' OR 1=1--`, `%`, `_`, `\`, `"; DROP TABLE members; --`, "\x00", "\xff", `<script>alert(1)</script>`, "1' UNION SELECT password_hash FROM users--"}
