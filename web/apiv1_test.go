package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/store"
)

// TestAPIBearerAndScope walks the JSON API as a staff user of province A with a bearer token:
// reads and writes in A work, B's objects are "not found", bodies are checked strictly, and a
// revoked token stops working.
func TestAPIBearerAndScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		e.addUser("staff_a", tochuc.RoleStaff, "PA")
		staff := e.loginAs("staff_a")
		idA, idB := strconv.FormatInt(e.memberA, 10), strconv.FormatInt(e.memberB, 10)

		// A token is made with the session cookie; without the CSRF header the write is refused.
		wantStatus(t, e.do(admReq{method: http.MethodPost, path: "/api/v1/tokens", as: &staff, json: `{"name":"kịch bản"}`, noCSRF: true}), http.StatusForbidden, "token without csrf")
		w := e.do(admReq{method: http.MethodPost, path: "/api/v1/tokens", as: &staff, json: `{"name":"kịch bản"}`})
		wantStatus(t, w, http.StatusCreated, "token")
		var tok struct{ Token string }
		decodeJSON(t, w, &tok)
		bearer := func(method, path, body string) admReqResult {
			return admReqResult{e.do(admReq{method: method, path: path, bearer: tok.Token, json: body}), method + " " + path}
		}

		var me struct{ Username string }
		decodeJSON(t, bearer("GET", "/api/v1/me", "").want(t, 200).ResponseRecorder, &me)
		if me.Username != "staff_a" {
			t.Errorf("me: %q", me.Username)
		}
		bearer("GET", "/api/v1/members/"+idA, "").want(t, 200)
		bearer("GET", "/api/v1/members/"+idB, "").want(t, 404)
		bearer("GET", "/api/v1/members/abc", "").want(t, 404)
		bearer("GET", "/api/v1/orgs/PA", "").want(t, 200)
		bearer("GET", "/api/v1/orgs/PB", "").want(t, 404)
		list := bearer("GET", "/api/v1/members?q=binh", "").want(t, 200).Body.String()
		if strings.Contains(list, "Bình") {
			t.Errorf("search returned B's member: %s", list)
		}
		list = bearer("GET", "/api/v1/members?org=PA&sex=male", "").want(t, 200).Body.String()
		if !strings.Contains(list, "Trần Văn Anh") || !strings.Contains(list, `"total":1`) {
			t.Errorf("members of A: %s", list)
		}
		bearer("GET", "/api/v1/members?org=PB", "").want(t, 404)
		if l := bearer("GET", "/api/v1/members?sex=female", "").want(t, 200).Body.String(); !strings.Contains(l, `"total":0`) {
			t.Errorf("filter sex=female: %s", l)
		}
		bearer("GET", "/api/v1/members?admitted_from=20x0", "").want(t, 400)

		// PATCH: known fields change and are audited; unknown or read-only fields are refused.
		w = bearer("PATCH", "/api/v1/members/"+idA, `{"birth_place":"Xã An Lạc, tỉnh Phú An"}`).want(t, 200).ResponseRecorder
		if !strings.Contains(w.Body.String(), "Xã An Lạc, tỉnh Phú An") {
			t.Errorf("patch answer: %s", w.Body.String())
		}
		entries, err := db.ListAudit(t.Context(), store.AuditFilter{ObjectType: "member", ObjectID: idA, Action: tochuc.AuditMemberUpdate})
		if err != nil || len(entries) != 1 || entries[0].ActorName != "staff_a" || entries[0].Channel != tochuc.ChannelAPI {
			t.Errorf("audit of the API update: %+v %v", entries, err)
		}
		msg := bearer("PATCH", "/api/v1/members/"+idA, `{"birth_place":"x","bogus":1}`).want(t, 400).Body.String()
		if !strings.Contains(msg, "bogus") || !strings.Contains(msg, `"error":"invalid"`) {
			t.Errorf("unknown field: %s", msg)
		}
		bearer("PATCH", "/api/v1/members/"+idA, `{"status":"expelled"}`).want(t, 400)
		bearer("PATCH", "/api/v1/members/"+idA, `{"birth_place":1}`).want(t, 400)
		bearer("PATCH", "/api/v1/members/"+idA, `not json`).want(t, 400)
		bearer("PATCH", "/api/v1/members/"+idA, `{"birth_place":"`+strings.Repeat("x", 1<<20)+`"}`).want(t, 413)
		bearer("PATCH", "/api/v1/members/"+idB, `{"birth_place":"x"}`).want(t, 404)
		bearer("PATCH", "/api/v1/members/"+idA, `{"full_name":"Trần Văn An"}`).want(t, 200)
		if m, _, _ := e.svc.Member(admSystem(), e.memberA, e.svc.Today()); m.FullName != "Trần Văn An" || m.GivenName != "An" {
			t.Errorf("full name patch: %+v", m)
		}
		// With the cookie, a write needs the CSRF header.
		wantStatus(t, e.do(admReq{method: "PATCH", path: "/api/v1/members/" + idA, as: &staff, json: `{"birth_place":"y"}`, noCSRF: true}), http.StatusForbidden, "patch without csrf")
		wantStatus(t, e.do(admReq{method: "PATCH", path: "/api/v1/members/" + idA, as: &staff, json: `{"birth_place":"y"}`}), http.StatusOK, "patch with csrf")

		// Events: recorded in A; B's member and a destination in B are not found.
		bearer("POST", "/api/v1/members/"+idA+"/events", `{"kind":"exempted","date":"2025-03-01","document":"QĐ 7"}`).want(t, 201)
		bearer("POST", "/api/v1/members/"+idB+"/events", `{"kind":"exempted","date":"2025-03-01"}`).want(t, 404)
		bearer("POST", "/api/v1/members/"+idA+"/events", `{"kind":"transferred","date":"2025-04-01","org_code":"PB-X-C"}`).want(t, 404)
		bearer("POST", "/api/v1/members/"+idA+"/events", `{"kind":"exempted","date":"01/03/2025"}`).want(t, 400)

		// The export holds A's member only and is audited.
		csv := bearer("GET", "/api/v1/members/export", "").want(t, 200)
		if ct := csv.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") || !strings.Contains(csv.Body.String(), "Trần Văn An") || strings.Contains(csv.Body.String(), "Bình") {
			t.Errorf("export: %s\n%s", ct, csv.Body.String())
		}
		bearer("GET", "/api/v1/members/export?org=PB", "").want(t, 404)
		if b := bearer("GET", "/api/v1/members/export?sex=female", "").want(t, 200).Body.String(); strings.Contains(b, "Trần") {
			t.Errorf("export ignores the filter: %s", b)
		}

		// Admin functions are not found for staff.
		bearer("GET", "/api/v1/users", "").want(t, 404)
		bearer("GET", "/api/v1/audit", "").want(t, 404)

		// Revoking the token ends it: 401 afterwards.
		var toks struct{ Tokens []struct{ ID int64 } }
		decodeJSON(t, bearer("GET", "/api/v1/tokens", "").want(t, 200).ResponseRecorder, &toks)
		if len(toks.Tokens) != 1 {
			t.Fatalf("tokens: %+v", toks)
		}
		bearer("DELETE", fmt.Sprintf("/api/v1/tokens/%d", toks.Tokens[0].ID), "").want(t, 204)
		bearer("GET", "/api/v1/me", "").want(t, 401)
		wantStatus(t, e.do(admReq{method: "GET", path: "/api/v1/me", bearer: "tc_not_a_token"}), 401, "made-up token")
		wantStatus(t, e.do(admReq{method: "GET", path: "/api/v1/me"}), 401, "no credentials")
	})
}

// TestAPIUsers: the user administration through the API, scoped like the pages.
func TestAPIUsers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		e.addUser("admin_a", tochuc.RoleAdmin, "PA")
		staffA := e.addUser("staff_a", tochuc.RoleStaff, "PA")
		staffB := e.addUser("staff_b", tochuc.RoleStaff, "PB")
		admin := e.loginAs("admin_a")
		call := func(method, path, body string) admReqResult {
			return admReqResult{e.do(admReq{method: method, path: path, as: &admin, json: body}), method + " " + path}
		}
		users := call("GET", "/api/v1/users", "").want(t, 200).Body.String()
		if !strings.Contains(users, "staff_a") || strings.Contains(users, "staff_b") {
			t.Errorf("users of A: %s", users)
		}
		call("GET", fmt.Sprintf("/api/v1/users/%d", staffB), "").want(t, 404)
		call("POST", "/api/v1/users", `{"username":"moi","full_name":"Người Mới","role":"leader","org_code":"PA","admin":true}`).want(t, 400)
		msg := call("POST", "/api/v1/users", `{"username":"moi_a","full_name":"Người Mới","role":"leader","org_code":"PA","password":"123"}`).want(t, 400).Body.String()
		if !strings.Contains(msg, "15") {
			t.Errorf("weak password: %s", msg)
		}
		call("POST", "/api/v1/users", `{"username":"moi_b","full_name":"Người Mới","role":"leader","org_code":"PB"}`).want(t, 404)
		var created struct {
			User     struct{ ID int64 }
			Password string
		}
		decodeJSON(t, call("POST", "/api/v1/users", `{"username":"moi_a","full_name":"Người Mới","role":"leader","org_code":"PA-X"}`).want(t, 201).ResponseRecorder, &created)
		if created.Password == "" || created.User.ID == 0 {
			t.Errorf("created: %+v", created)
		}
		call("POST", "/api/v1/users", `{"username":"moi_a","full_name":"Người Mới","role":"leader","org_code":"PA-X"}`).want(t, 409)

		var detail struct {
			User struct {
				Grants []struct{ ID int64 }
			}
		}
		decodeJSON(t, call("POST", fmt.Sprintf("/api/v1/users/%d/grants", staffA), `{"role":"leader","org_code":"PA-X"}`).want(t, 201).ResponseRecorder, &detail)
		if len(detail.User.Grants) != 2 {
			t.Fatalf("grants: %+v", detail)
		}
		call("POST", fmt.Sprintf("/api/v1/users/%d/grants", staffB), `{"role":"leader","org_code":"PA-X"}`).want(t, 404)
		bGrants, _ := e.svc.User(admSystem(), staffB)
		call("DELETE", fmt.Sprintf("/api/v1/users/%d/grants/%d", staffB, bGrants.Grants[0].ID), "").want(t, 404)
		call("DELETE", fmt.Sprintf("/api/v1/users/%d/grants/%d", staffA, bGrants.Grants[0].ID), "").want(t, 404)
		call("DELETE", fmt.Sprintf("/api/v1/users/%d/grants/%d", staffA, detail.User.Grants[1].ID), "").want(t, 200)
		wantStatus(t, e.do(admReq{method: "DELETE", path: fmt.Sprintf("/api/v1/users/%d/grants/%d", staffA, detail.User.Grants[0].ID), as: &admin, noCSRF: true}), 403, "revoke without csrf")
		call("POST", fmt.Sprintf("/api/v1/users/%d/disable", staffB), "").want(t, 404)
		call("POST", fmt.Sprintf("/api/v1/users/%d/disable", staffA), "").want(t, 200)
		call("POST", fmt.Sprintf("/api/v1/users/%d/enable", staffA), "").want(t, 200)
		call("POST", fmt.Sprintf("/api/v1/users/%d/sessions/end", staffA), "").want(t, 200)

		audit := call("GET", "/api/v1/audit?action=role.", "").want(t, 200).Body.String()
		if !strings.Contains(audit, `"role.grant"`) || !strings.Contains(audit, `"role.revoke"`) {
			t.Errorf("audit of A: %s", audit)
		}
		call("GET", "/api/v1/audit?from=2025-13-01", "").want(t, 400)
	})
}

// admReqResult wraps a response for chained status checks.
type admReqResult struct {
	*httptest.ResponseRecorder
	what string
}

func (r admReqResult) want(t *testing.T, status int) admReqResult {
	t.Helper()
	wantStatus(t, r.ResponseRecorder, status, r.what)
	return r
}
