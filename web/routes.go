package web

import (
	"io/fs"
	"net/http"
)

// route is one entry of the route table: the access check before the handler, and the sample
// the generated access-control test uses to fill path parameters.
type route struct {
	pattern string // "METHOD /path/{param}"
	need    access
	handler http.HandlerFunc
}

// table lists every route of the application in one place. The access-control test walks it:
// a route added here without a scope rule in that test fails the build.
func (s *Server) table() []route {
	return []route{
		{"GET /healthz", public, s.healthz},
		{"GET /readyz", public, s.readyz},
		{"GET /login", public, s.loginPage},
		{"POST /login", public, s.loginSubmit},
		{"GET /lang/{code}", public, s.setLang},
		{"GET /login/totp", login, s.totpPage},
		{"POST /login/totp", login, s.totpSubmit},
		{"POST /logout", login, s.logout},
		{"GET /account", user, s.accountPage},
		{"POST /account/password", user, s.accountPassword},
		{"GET /account/totp", login, s.enrollPage},
		{"POST /account/totp", login, s.enrollSubmit},
		{"POST /account/tokens", user, s.tokenCreate},
		{"POST /account/tokens/{id}/revoke", user, s.tokenRevoke},

		{"GET /{$}", user, s.home},
		{"GET /orgs/search", user, s.orgSearch},
		{"GET /orgs", user, s.orgPage},
		{"GET /orgs/{code}", user, s.orgPage},
		{"GET /members", user, s.memberSearch},
		{"GET /members/{id}", user, s.memberRecord},
		{"GET /members/{id}/photo", user, s.memberPhoto},
		{"GET /members/export", user, s.memberExport},
		{"GET /members/{id}/edit", user, s.memberEditPage},
		{"POST /members/{id}/edit", user, s.memberEditSubmit},
		{"POST /members/{id}/restricted/view", user, s.restrictedView},
		{"POST /members/{id}/restricted", user, s.restrictedSave},

		{"GET /admin/users", user, s.adminUsers},
		{"GET /admin/users/new", user, s.adminUserNew},
		{"POST /admin/users", user, s.adminUserCreate},
		{"GET /admin/users/{id}", user, s.adminUser},
		{"POST /admin/users/{id}/grants", user, s.adminGrant},
		{"POST /admin/users/{id}/grants/{gid}/revoke", user, s.adminRevoke},
		{"POST /admin/users/{id}/disable", user, s.adminDisable},
		{"POST /admin/users/{id}/enable", user, s.adminEnable},
		{"POST /admin/users/{id}/sessions/end", user, s.adminEndSessions},
		{"GET /audit", user, s.auditPage},
		{"GET /audit/verify", user, s.auditVerify},

		{"GET /api/v1/orgs", user, s.apiOrgs},
		{"GET /api/v1/orgs/{code}/members", user, s.apiOrgMembers},
		{"GET /api/v1/members/{id}", user, s.apiMember},
		{"GET /api/v1/openapi.yaml", public, s.openapi},
		{"GET /api/v1/me", user, s.apiMe},
		{"GET /api/v1/orgs/{code}", user, s.apiOrg},
		{"GET /api/v1/members", user, s.apiMembers},
		{"GET /api/v1/members/export", user, s.apiExport},
		{"PATCH /api/v1/members/{id}", user, s.apiMemberPatch},
		{"POST /api/v1/members/{id}/events", user, s.apiMemberEvent},
		{"GET /api/v1/users", user, s.apiUsers},
		{"POST /api/v1/users", user, s.apiUserCreate},
		{"GET /api/v1/users/{id}", user, s.apiUser},
		{"POST /api/v1/users/{id}/grants", user, s.apiGrant},
		{"DELETE /api/v1/users/{id}/grants/{gid}", user, s.apiRevoke},
		{"POST /api/v1/users/{id}/disable", user, s.apiUserDisable},
		{"POST /api/v1/users/{id}/enable", user, s.apiUserEnable},
		{"POST /api/v1/users/{id}/sessions/end", user, s.apiUserEndSessions},
		{"GET /api/v1/audit", user, s.apiAudit},
		{"GET /api/v1/tokens", user, s.apiTokens},
		{"POST /api/v1/tokens", user, s.apiTokenCreate},
		{"DELETE /api/v1/tokens/{id}", user, s.apiTokenRevoke},
	}
}

// routes registers the table, the static files and the cross-origin protection.
func (s *Server) routes() {
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	for _, rt := range s.table() {
		s.mux.HandleFunc(rt.pattern, s.authenticate(rt.need, rt.handler))
	}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) }

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.svc.DB.SchemaVersion(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ready\n"))
}
