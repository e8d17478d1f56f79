package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tochuc"
	"tochuc/auth"
	"tochuc/importer"
	"tochuc/service"
	"tochuc/store"
	"tochuc/vn"
	"tochuc/web"
)

// Helpers of the admin, audit and API tests (prefix adm): two sibling provinces PA and PB, a
// member in a cell of each, users created by the system and logged in through the service.

// admPassword is the password of every test account (long enough without a second factor).
const admPassword = "con đò nhỏ qua sông lúc trời vừa sáng 2468"

type admEnv struct {
	t       *testing.T
	svc     *service.Service
	h       http.Handler
	memberA int64 // placed in PA-X-C
	memberB int64 // placed in PB-X-C
}

// admLogin is a logged-in browser: the session cookie and its CSRF token.
type admLogin struct {
	userID      int64
	token, csrf string
}

var admIP atomic.Int64

func admSystem() context.Context {
	return tochuc.WithActor(context.Background(), tochuc.SystemActor(tochuc.ChannelCLI))
}

func newAdmEnv(t *testing.T, db *store.DB) *admEnv {
	t.Helper()
	ctx := admSystem()
	svc := service.New(db)
	rows := []importer.OrgRow{
		{Code: "TW", Name: "Đảng Cộng sản Việt Nam", Kind: tochuc.KindParty},
		{Code: "PA", Name: "Đảng bộ tỉnh Phú An", Kind: tochuc.KindCentralDirect, ParentCode: "TW"},
		{Code: "PB", Name: "Đảng bộ tỉnh Phú Bình", Kind: tochuc.KindCentralDirect, ParentCode: "TW"},
		{Code: "PA-X", Name: "Đảng bộ xã An Lạc", Kind: tochuc.KindBasicCommittee, ParentCode: "PA"},
		{Code: "PB-X", Name: "Đảng bộ xã Bình Yên", Kind: tochuc.KindBasicCommittee, ParentCode: "PB"},
		{Code: "PA-X-C", Name: "Chi bộ thôn An Hòa", Kind: tochuc.KindCell, ParentCode: "PA-X"},
		{Code: "PB-X-C", Name: "Chi bộ thôn Bình Hòa", Kind: tochuc.KindCell, ParentCode: "PB-X"},
	}
	for i := range rows {
		rows[i].Line, rows[i].ValidFrom, rows[i].Document = i+2, "2000-01-01", "QĐ 1"
	}
	if rep, err := svc.ImportOrgs(ctx, rows, false); err != nil || rep.Failed() {
		t.Fatalf("orgs: %v %v", err, rep)
	}
	h, err := web.New(svc, slog.New(slog.DiscardHandler), web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := &admEnv{t: t, svc: svc, h: h}
	e.memberA = e.addMember("Trần Văn Anh", "PA-X-C", 1)
	e.memberB = e.addMember("Lê Thị Bình", "PB-X-C", 2)
	return e
}

func (e *admEnv) addMember(name, cell string, serial int) int64 {
	e.t.Helper()
	m := tochuc.Member{FullName: name, Sex: "male", BirthDate: "1980-05-10",
		CitizenID: vn.MakeCitizenID("002", 1980, "male", serial), AdmissionDate: "2010-03-01", OfficialDate: "2011-03-01"}
	id, err := e.svc.CreateMember(admSystem(), m, cell)
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// addUser creates an account with one role as the system.
func (e *admEnv) addUser(name, role, org string) int64 {
	e.t.Helper()
	id, err := e.svc.CreateUser(admSystem(), service.UserInput{Username: name, FullName: "Cán bộ " + name, Password: admPassword}, role, org, false)
	if err != nil {
		e.t.Fatalf("user %s: %v", name, err)
	}
	return id
}

// loginAs logs a user in through the service, setting up and passing the second factor when
// the role needs it; each login comes from its own address (the per-address throttle).
func (e *admEnv) loginAs(name string) admLogin {
	e.t.Helper()
	ip := "198.51.100." + strconv.FormatInt(admIP.Add(1)%250+1, 10)
	l, err := e.svc.Authenticate(context.Background(), name, admPassword, ip, "test")
	if err != nil {
		e.t.Fatalf("login %s: %v", name, err)
	}
	if l.Stage() == service.StageEnroll {
		actx := tochuc.WithActor(context.Background(), &tochuc.Actor{UserID: l.User.ID, Username: l.User.Username, Channel: tochuc.ChannelWeb})
		en, err := e.svc.StartTOTP(actx)
		if err != nil {
			e.t.Fatal(err)
		}
		if l, err = e.svc.ConfirmTOTP(actx, l.Token, en.Secret, auth.TOTPCode(en.Secret, time.Now()), ip, "test"); err != nil {
			e.t.Fatalf("totp %s: %v", name, err)
		}
	}
	return admLogin{userID: l.User.ID, token: l.Token, csrf: l.Session.CSRFToken}
}

// actor is the context of a logged-in user, to call the service as that user.
func (e *admEnv) actor(s admLogin) context.Context {
	e.t.Helper()
	a, _, _, err := e.svc.SessionActor(context.Background(), s.token, "127.0.0.1")
	if err != nil {
		e.t.Fatal(err)
	}
	return tochuc.WithActor(context.Background(), a)
}

// admReq is one request: a session (or none), a bearer token, a form or a JSON body.
type admReq struct {
	method, path string
	as           *admLogin
	bearer       string
	form         url.Values // sent with the session's CSRF token unless noCSRF
	json         string     // sent with X-CSRF-Token unless noCSRF
	noCSRF       bool
}

func (e *admEnv) do(r admReq) *httptest.ResponseRecorder {
	e.t.Helper()
	var body io.Reader
	if r.form != nil {
		f := url.Values{}
		for k, v := range r.form {
			f[k] = v
		}
		if r.as != nil && !r.noCSRF {
			f.Set("csrf", r.as.csrf)
		}
		body = strings.NewReader(f.Encode())
	} else if r.json != "" {
		body = strings.NewReader(r.json)
	}
	req := httptest.NewRequest(r.method, r.path, body)
	if r.form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else if r.json != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.as != nil {
		req.AddCookie(&http.Cookie{Name: "tochuc_session", Value: r.as.token})
		if r.form == nil && !r.noCSRF && r.method != http.MethodGet {
			req.Header.Set("X-CSRF-Token", r.as.csrf)
		}
	}
	if r.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+r.bearer)
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, req)
	return w
}

func (e *admEnv) get(path string, as *admLogin) *httptest.ResponseRecorder {
	return e.do(admReq{method: http.MethodGet, path: path, as: as})
}

// wantStatus fails the test when a response has another status, showing its body.
func wantStatus(t *testing.T, w *httptest.ResponseRecorder, status int, what string) {
	t.Helper()
	if w.Code != status {
		body := w.Body.String()
		if len(body) > 600 {
			body = body[:600] + "…"
		}
		t.Fatalf("%s: status %d, want %d; body: %s", what, w.Code, status, body)
	}
}

// decodeJSON reads a JSON answer into v.
func decodeJSON(t *testing.T, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatalf("json: %v; body: %s", err, w.Body.String())
	}
}
