package web_test

// Helpers of the security tests (security_test.go). Every name starts with "sec" so that the
// helpers of other test files in this package never clash with them.

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
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

// secPassword is the password of every test account: long, unusual, never a policy failure.
const secPassword = "ngựa ô phi qua cầu tre lúc nửa đêm 4711"

// secClock is the injectable clock of the service (logins, lockouts, sessions).
type secClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *secClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *secClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// secEnv is a service over a small tree, its web handler and its clock.
type secEnv struct {
	t     *testing.T
	db    *store.DB
	svc   *service.Service
	h     http.Handler
	clock *secClock
	logs  *bytes.Buffer
	users map[string]int64
	totp  map[string]string // TOTP secrets of the accounts that have one
}

func secCtx() context.Context {
	return tochuc.WithActor(context.Background(), tochuc.SystemActor(tochuc.ChannelCLI))
}

var secOrgs = []importer.OrgRow{
	{Code: "TW", Name: "Đảng Cộng sản Việt Nam", Kind: tochuc.KindParty},
	{Code: "T01", Name: "Đảng bộ tỉnh Hà Giang", Kind: tochuc.KindCentralDirect, ParentCode: "TW"},
	{Code: "T02", Name: "Đảng bộ tỉnh Cao Bằng", Kind: tochuc.KindCentralDirect, ParentCode: "TW"},
	{Code: "X01", Name: "Đảng bộ xã Lũng Cú", Kind: tochuc.KindBasicCommittee, ParentCode: "T01"},
	{Code: "X01-C1", Name: "Chi bộ thôn Lô Lô Chải", Kind: tochuc.KindCell, ParentCode: "X01"},
	{Code: "X02", Name: "Đảng bộ xã Cô Ba", Kind: tochuc.KindBasicCommittee, ParentCode: "T02"},
}

// newSecEnv builds the tree, two members and the accounts:
//   - bithu: cell secretary of X01-C1 (password only: the role needs no second factor);
//   - canbo: organization-board staff of T01, second factor NOT yet set up;
//   - quantri: admin at the root with a second factor (secret in e.totp).
func newSecEnv(t *testing.T, db *store.DB, opt web.Options) *secEnv {
	t.Helper()
	clock := &secClock{t: time.Date(2026, 1, 15, 8, 0, 0, 0, time.UTC)}
	svc := service.New(db)
	svc.Today = func() tochuc.Date { return "2026-01-15" }
	svc.Now = clock.Now
	ctx := secCtx()
	rows := append([]importer.OrgRow(nil), secOrgs...)
	for i := range rows {
		rows[i].Line, rows[i].ValidFrom, rows[i].Document = i+2, "2000-01-01", "QĐ 1-QĐ/TW"
	}
	if rep, err := svc.ImportOrgs(ctx, rows, false); err != nil || rep.Failed() {
		t.Fatalf("orgs: %v %v", err, rep)
	}
	for i, name := range []string{"Nguyễn Văn An", "Lê Thị Bình"} {
		m := tochuc.Member{FullName: name, Sex: "male", BirthDate: "1980-05-10",
			CitizenID: vn.MakeCitizenID("002", 1980, "male", i+1), AdmissionDate: "2010-03-01", OfficialDate: "2011-03-01"}
		if _, err := svc.CreateMember(ctx, m, "X01-C1"); err != nil {
			t.Fatalf("member %s: %v", name, err)
		}
	}
	var logs bytes.Buffer
	h, err := web.New(svc, slog.New(slog.NewTextHandler(&secLockedWriter{w: &logs}, nil)), opt)
	if err != nil {
		t.Fatal(err)
	}
	e := &secEnv{t: t, db: db, svc: svc, h: h, clock: clock, logs: &logs, users: map[string]int64{}, totp: map[string]string{}}
	e.addUser("bithu", "Bí thư Lô Lô Chải", tochuc.RoleSecretary, "X01-C1")
	e.addUser("canbo", "Cán bộ Hà Giang", tochuc.RoleStaff, "T01")
	e.addUser("quantri", "Quản trị viên", tochuc.RoleAdmin, "TW")
	secret, _, err := auth.NewTOTPSecret("tochuc", "quantri")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Write(ctx, func(tx *store.Tx) error { return tx.SetTOTP(ctx, e.users["quantri"], secret, 0) }); err != nil {
		t.Fatal(err)
	}
	e.totp["quantri"] = secret
	return e
}

// secLockedWriter lets the logger write from the handler while a test reads the buffer.
type secLockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *secLockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (e *secEnv) addUser(name, full, role, org string) {
	e.t.Helper()
	id, err := e.svc.CreateUser(secCtx(), service.UserInput{Username: name, FullName: full, Password: secPassword}, role, org, false)
	if err != nil {
		e.t.Fatalf("user %s: %v", name, err)
	}
	e.users[name] = id
}

// secReq is one request of a test.
type secReq struct {
	method, path string
	form         url.Values
	cookie       string // session token; sent under the handler's cookie name
	header       map[string]string
	remote       string // RemoteAddr, default 192.0.2.1:1234
}

// secResp is a recorded response with its body read.
type secResp struct {
	*http.Response
	body string
}

func (e *secEnv) cookieName(secure bool) string {
	if secure {
		return "__Host-tochuc"
	}
	return "tochuc_session"
}

// do sends a request to the handler; the cookie goes under both names (only one is read).
func (e *secEnv) do(r secReq) secResp {
	e.t.Helper()
	var body io.Reader
	if r.form != nil {
		body = strings.NewReader(r.form.Encode())
	}
	req := httptest.NewRequest(r.method, "http://tochuc.test"+r.path, body)
	if r.form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if r.cookie != "" {
		req.AddCookie(&http.Cookie{Name: "tochuc_session", Value: r.cookie})
		req.AddCookie(&http.Cookie{Name: "__Host-tochuc", Value: r.cookie})
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	if r.remote != "" {
		req.RemoteAddr = r.remote
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return secResp{Response: res, body: string(b)}
}

func (e *secEnv) get(path, cookie string) secResp {
	e.t.Helper()
	return e.do(secReq{method: http.MethodGet, path: path, cookie: cookie})
}

// sessionCookie is the value of the session cookie a response sets ("" when none or cleared).
func sessionCookie(r secResp) (*http.Cookie, bool) {
	for _, c := range r.Cookies() {
		if c.Name == "tochuc_session" || c.Name == "__Host-tochuc" {
			return c, true
		}
	}
	return nil, false
}

// postLogin posts the login form and returns the response and the new session token.
func (e *secEnv) postLogin(name, pw, oldCookie string) (secResp, string) {
	e.t.Helper()
	r := e.do(secReq{method: http.MethodPost, path: "/login", cookie: oldCookie,
		form: url.Values{"username": {name}, "password": {pw}, "next": {"/orgs"}}})
	c, ok := sessionCookie(r)
	if !ok || c.MaxAge < 0 {
		return r, ""
	}
	return r, c.Value
}

// csrf reads the CSRF token of a session from the database.
func (e *secEnv) csrf(token string) string {
	e.t.Helper()
	s, err := e.db.SessionByHash(context.Background(), auth.HashToken(token))
	if err != nil {
		e.t.Fatalf("session of token: %v", err)
	}
	return s.CSRFToken
}

// postTOTP posts a second-factor code for a session at stage totp.
func (e *secEnv) postTOTP(token, code string) (secResp, string) {
	e.t.Helper()
	r := e.do(secReq{method: http.MethodPost, path: "/login/totp", cookie: token,
		form: url.Values{"code": {code}, "csrf": {e.csrf(token)}, "next": {"/orgs"}}})
	c, ok := sessionCookie(r)
	if !ok || c.MaxAge < 0 {
		return r, ""
	}
	return r, c.Value
}

// loginReady logs a user in with the password and, when it has one, the second factor; it
// returns a session token with full access.
func (e *secEnv) loginReady(name string) string {
	e.t.Helper()
	r, tok := e.postLogin(name, secPassword, "")
	if tok == "" {
		e.t.Fatalf("login %s: %d %s", name, r.StatusCode, r.body)
	}
	if secret, ok := e.totp[name]; ok {
		r, tok = e.postTOTP(tok, auth.TOTPCode(secret, e.clock.Now()))
		if tok == "" {
			e.t.Fatalf("totp %s: %d %s", name, r.StatusCode, r.body)
		}
		e.clock.Add(30 * time.Second) // the next login needs the next code
	}
	return tok
}

// raw opens a plain connection pool to the test database, for checks behind the store's back.
func (e *secEnv) raw() *sql.DB {
	e.t.Helper()
	driver := "pgx"
	if e.db.Engine == store.SQLite {
		driver = "sqlite"
	}
	r, err := sql.Open(driver, e.db.DSN)
	if err != nil {
		e.t.Fatal(err)
	}
	r.SetMaxOpenConns(1)
	e.t.Cleanup(func() { r.Close() })
	return r
}

func (e *secEnv) count(table string) int {
	e.t.Helper()
	r := e.raw()
	defer r.Close()
	var n int
	if err := r.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// fingerprint is every row of the tables that hold state a request could change (sessions, the
// audit trail and settings excluded: reads touch sessions and are audited), as text.
func (e *secEnv) fingerprint() string {
	e.t.Helper()
	r := e.raw()
	defer r.Close()
	var b strings.Builder
	for _, table := range []string{"orgs", "org_versions", "org_events", "members", "member_events", "member_spans",
		"member_restricted", "users", "user_grants", "api_tokens"} {
		rows, err := r.Query(`SELECT * FROM ` + table + ` ORDER BY 1`)
		if err != nil {
			e.t.Fatalf("%s: %v", table, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				e.t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %v\n", table, vals)
		}
		rows.Close()
	}
	return b.String()
}
