package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/store"
)

// TestAdminPagesScope: an admin of province A manages A's accounts and cannot see or change
// those of province B (404, and nothing changes); the root admin sees both.
func TestAdminPagesScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		e.addUser("admin_a", tochuc.RoleAdmin, "PA")
		e.addUser("root", tochuc.RoleAdmin, "TW")
		staffA := e.addUser("staff_a", tochuc.RoleStaff, "PA-X")
		staffB := e.addUser("staff_b", tochuc.RoleStaff, "PB-X")
		adminA, root := e.loginAs("admin_a"), e.loginAs("root")

		w := e.get("/admin/users", &adminA)
		wantStatus(t, w, http.StatusOK, "list")
		if body := w.Body.String(); !strings.Contains(body, "staff_a") || strings.Contains(body, "staff_b") {
			t.Errorf("admin of A: list must show staff_a and not staff_b:\n%s", body)
		}
		if body := e.get("/admin/users", &root).Body.String(); !strings.Contains(body, "staff_a") || !strings.Contains(body, "staff_b") {
			t.Errorf("root admin: list must show both provinces' accounts")
		}
		wantStatus(t, e.get("/admin/users/"+strconv.FormatInt(staffA, 10), &adminA), http.StatusOK, "own account page")
		wantStatus(t, e.get("/admin/users/"+strconv.FormatInt(staffB, 10), &adminA), http.StatusNotFound, "other province's account page")
		wantStatus(t, e.get("/admin/users/99999", &adminA), http.StatusNotFound, "missing account")

		b := "/admin/users/" + strconv.FormatInt(staffB, 10)
		for _, p := range []string{b + "/disable", b + "/sessions/end", b + "/grants"} {
			w := e.do(admReq{method: http.MethodPost, path: p, as: &adminA, form: url.Values{"role": {"leader"}, "org": {"PA"}}})
			wantStatus(t, w, http.StatusNotFound, "POST "+p)
		}
		u, err := e.svc.User(admSystem(), staffB)
		if err != nil {
			t.Fatal(err)
		}
		if u.Disabled || len(u.Grants) != 1 {
			t.Errorf("account of B changed by the admin of A: %+v", u)
		}
		// Granting a role in B to one of A's accounts is refused too.
		w = e.do(admReq{method: http.MethodPost, path: "/admin/users/" + strconv.FormatInt(staffA, 10) + "/grants", as: &adminA,
			form: url.Values{"role": {"leader"}, "org": {"PB"}}})
		if w.Code == http.StatusSeeOther || w.Code == http.StatusOK {
			t.Errorf("grant at another province: status %d", w.Code)
		}
		// A grant in A works and can be revoked.
		w = e.do(admReq{method: http.MethodPost, path: "/admin/users/" + strconv.FormatInt(staffA, 10) + "/grants", as: &adminA,
			form: url.Values{"role": {"leader"}, "org": {"PA"}}})
		wantStatus(t, w, http.StatusSeeOther, "grant in A")
		u, _ = e.svc.User(admSystem(), staffA)
		if len(u.Grants) != 2 {
			t.Fatalf("grants after grant: %+v", u.Grants)
		}
		w = e.do(admReq{method: http.MethodPost, path: "/admin/users/" + strconv.FormatInt(staffA, 10) + "/grants/" + strconv.FormatInt(u.Grants[1].ID, 10) + "/revoke", as: &adminA, form: url.Values{}})
		wantStatus(t, w, http.StatusSeeOther, "revoke in A")
		// A staff user has no admin pages at all.
		staff := e.loginAs("staff_a")
		wantStatus(t, e.get("/admin/users", &staff), http.StatusNotFound, "staff on admin list")
	})
}

// TestAdminCreateUser: a weak password is refused with the rule named; an empty one is generated
// and shown once; the new account can log in with it.
func TestAdminCreateUser(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		e.addUser("admin_a", tochuc.RoleAdmin, "PA")
		adminA := e.loginAs("admin_a")
		wantStatus(t, e.get("/admin/users/new", &adminA), http.StatusOK, "form")

		form := url.Values{"username": {"can_bo_moi"}, "full_name": {"Nguyễn Thị Mới"}, "role": {"leader"}, "org": {"PA-X"}, "password": {"matkhau"}}
		w := e.do(admReq{method: http.MethodPost, path: "/admin/users", as: &adminA, form: form})
		wantStatus(t, w, http.StatusBadRequest, "weak password")
		if body := w.Body.String(); !strings.Contains(body, "ít nhất 15 ký tự") || !strings.Contains(body, `value="can_bo_moi"`) {
			t.Errorf("weak password: the rule must be shown and the form kept:\n%s", body)
		}
		form.Set("password", "")
		form.Set("org", "PB")
		wantStatus(t, e.do(admReq{method: http.MethodPost, path: "/admin/users", as: &adminA, form: form}), http.StatusNotFound, "user at another province")

		form.Set("org", "PA-X")
		w = e.do(admReq{method: http.MethodPost, path: "/admin/users", as: &adminA, form: form})
		wantStatus(t, w, http.StatusCreated, "create")
		body := w.Body.String()
		i := strings.Index(body, `<code class="secret">`)
		if i < 0 {
			t.Fatalf("generated password not shown:\n%s", body)
		}
		pw := body[i+len(`<code class="secret">`):]
		pw = pw[:strings.Index(pw, "<")]
		if _, err := e.svc.Authenticate(t.Context(), "can_bo_moi", pw, "203.0.113.9", "test"); err != nil {
			t.Errorf("login with the generated password: %v", err)
		}
		w = e.do(admReq{method: http.MethodPost, path: "/admin/users", as: &adminA, form: form})
		wantStatus(t, w, http.StatusConflict, "duplicate username")
	})
}

// TestAdminDisableEndsSessions: disabling an account ends its sessions at once (its cookie stops
// working); ending the sessions of an account does too, and both are in the audit trail.
func TestAdminDisableEndsSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		e.addUser("admin_a", tochuc.RoleAdmin, "PA")
		leader := e.addUser("leader_a", tochuc.RoleLeader, "PA")
		adminA, victim := e.loginAs("admin_a"), e.loginAs("leader_a")
		wantStatus(t, e.get("/orgs/PA", &victim), http.StatusOK, "leader before")

		id := strconv.FormatInt(leader, 10)
		wantStatus(t, e.do(admReq{method: http.MethodPost, path: "/admin/users/" + id + "/sessions/end", as: &adminA, form: url.Values{}}), http.StatusSeeOther, "end sessions")
		wantStatus(t, e.get("/orgs/PA", &victim), http.StatusSeeOther, "leader after sessions end") // to /login
		victim = e.loginAs("leader_a")
		wantStatus(t, e.get("/orgs/PA", &victim), http.StatusOK, "leader logged in again")

		// Without the CSRF token the form is refused and nothing changes.
		wantStatus(t, e.do(admReq{method: http.MethodPost, path: "/admin/users/" + id + "/disable", as: &adminA, form: url.Values{}, noCSRF: true}), http.StatusForbidden, "disable without csrf")
		wantStatus(t, e.get("/orgs/PA", &victim), http.StatusOK, "leader after refused disable")

		wantStatus(t, e.do(admReq{method: http.MethodPost, path: "/admin/users/" + id + "/disable", as: &adminA, form: url.Values{}}), http.StatusSeeOther, "disable")
		if w := e.get("/orgs/PA", &victim); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login") {
			t.Errorf("disabled account's cookie still works: %d %s", w.Code, w.Header().Get("Location"))
		}
		if _, err := e.svc.Authenticate(t.Context(), "leader_a", admPassword, "203.0.113.7", "test"); err == nil {
			t.Error("disabled account logged in")
		}
		page := e.get("/admin/users/"+id+"?done=disable", &adminA).Body.String()
		if !strings.Contains(page, "đã khóa") || !strings.Contains(page, "/enable") {
			t.Errorf("account page after disable:\n%s", page)
		}
		wantStatus(t, e.do(admReq{method: http.MethodPost, path: "/admin/users/" + id + "/enable", as: &adminA, form: url.Values{}}), http.StatusSeeOther, "enable")

		entries, err := db.ListAudit(t.Context(), store.AuditFilter{ObjectType: "user", ObjectID: id})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, en := range entries {
			if en.ActorName == "admin_a" {
				actions = append(actions, en.Action)
			}
		}
		if got := strings.Join(actions, " "); got != "user.update user.update auth.logout" {
			t.Errorf("audit of the admin's actions on the account: %q", got)
		}
	})
}
