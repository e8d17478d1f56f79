package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"tochuc"
	"tochuc/importer"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/web"
)

// TestDashboardPage renders the home page, the org page and the org search for users of one
// province: the figures and the tree of their subtree only, charts without inline style or
// script, names of the items due only for a reader of members.
func TestDashboardPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := tochuc.WithActor(context.Background(), tochuc.SystemActor(tochuc.ChannelCLI))
		svc := service.New(db)
		rows := []importer.OrgRow{
			{Code: "TW", Name: "Đảng Cộng sản Việt Nam", Kind: tochuc.KindParty},
			{Code: "PA", Name: "Đảng bộ tỉnh Anpha", Kind: tochuc.KindCentralDirect, ParentCode: "TW"},
			{Code: "PB", Name: "Đảng bộ tỉnh Bêta", Kind: tochuc.KindCentralDirect, ParentCode: "TW"},
			{Code: "XA", Name: "Đảng bộ xã Anphaxa", Kind: tochuc.KindBasicCommittee, ParentCode: "PA"},
			{Code: "XB", Name: "Đảng bộ xã Bêtaxa", Kind: tochuc.KindBasicCommittee, ParentCode: "PB"},
		}
		for i := range rows {
			rows[i].Line, rows[i].ValidFrom = i+2, "2000-01-01"
		}
		if rep, err := svc.ImportOrgs(ctx, rows, false); err != nil || rep.Failed() {
			t.Fatalf("orgs: %v %v", err, rep)
		}
		people := []struct {
			name, sex, org, birth string
			admitted, official    tochuc.Date
		}{
			{"Nguyễn Thị <b>Anphađầu</b>", "female", "XA", "1990-02-03", "2020-03-01", "2021-03-01"},
			{"Lò Văn Anphadựbị", "male", "XA", "1950", "2023-05-01", ""},
			{"Trần Văn Bêtanguoi", "male", "XB", "1970-07-07", "2023-05-01", ""},
		}
		for _, p := range people {
			m := tochuc.Member{FullName: p.name, Sex: p.sex, BirthDate: p.birth, AdmissionDate: p.admitted, OfficialDate: p.official}
			if _, err := svc.CreateMember(ctx, m, p.org); err != nil {
				t.Fatalf("%s: %v", p.name, err)
			}
		}
		h, err := web.New(svc, slog.New(slog.DiscardHandler), web.Options{})
		if err != nil {
			t.Fatal(err)
		}
		login := func(name, role, org string) string {
			pw := "một mật khẩu khá dài để kiểm thử số " + strings.Repeat("x", len(name)%7+1)
			if _, err := svc.CreateUser(ctx, service.UserInput{Username: name, FullName: "Cán bộ " + name, Password: pw}, role, org, false); err != nil {
				t.Fatal(err)
			}
			l, err := svc.Authenticate(context.Background(), name, pw, "192.0.2.7", "test")
			if err != nil {
				t.Fatal(err)
			}
			if l.Stage() != service.StageReady {
				t.Fatalf("%s: login stage %s", name, l.Stage())
			}
			return l.Token
		}
		get := func(token, path string) (int, string) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.AddCookie(&http.Cookie{Name: "tochuc_session", Value: token})
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			b, _ := io.ReadAll(rec.Body)
			return rec.Code, string(b)
		}
		clean := func(path, body string) {
			t.Helper()
			for _, bad := range []string{"style=", "<script", "Bêta", "<b>"} {
				if strings.Contains(body, bad) {
					t.Errorf("%s contains %q", path, bad)
				}
			}
		}

		leader := login("lanhdao_pa", tochuc.RoleLeader, "PA")
		code, body := get(leader, "/")
		if code != http.StatusOK {
			t.Fatalf("GET / as leader: %d\n%s", code, body)
		}
		clean("/", body)
		for _, want := range []string{"Đảng bộ tỉnh Anpha", "Anphaxa", "<svg", "Đảng viên theo độ tuổi", "<table", "50,00%",
			"Tài liệu mật", `action="/orgs/search"`, `<label for="tree-q">`} {
			if !strings.Contains(body, want) {
				t.Errorf("GET / as leader lacks %q", want)
			}
		}
		if strings.Contains(body, "Anphadựbị") {
			t.Error("a leader sees the names of the items due")
		}
		if code, _ := get(leader, "/?org=PB"); code != http.StatusNotFound {
			t.Errorf("leader of PA reading PB's dashboard: %d", code)
		}
		code, body = get(leader, "/orgs/search?q=anpha")
		if code != http.StatusOK || !strings.Contains(body, "/orgs/XA?") || !strings.Contains(body, "/orgs/PA?") {
			t.Errorf("org search anpha: %d\n%s", code, body)
		}
		clean("/orgs/search", body)
		if _, body := get(leader, "/orgs/search?q=beta"); strings.Contains(body, "/orgs/PB?") || strings.Contains(body, "/orgs/XB?") {
			t.Error("org search finds another province")
		}
		code, body = get(leader, "/orgs/XA")
		if code != http.StatusOK || !strings.Contains(body, `action="/orgs/search"`) {
			t.Errorf("org page: %d", code)
		}
		clean("/orgs/XA", body)

		// A cell secretary reads members (limited): the names of the items due are listed, escaped.
		sec := login("bithu_xa", tochuc.RoleSecretary, "XA")
		code, body = get(sec, "/")
		if code != http.StatusOK || !strings.Contains(body, "Lò Văn Anphadựbị") || !strings.Contains(body, "đã quá hạn") {
			t.Errorf("GET / as secretary: %d\n%s", code, body)
		}
		clean("/ (secretary)", body)
	})
}
