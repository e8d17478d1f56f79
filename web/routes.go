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
		{"GET /orgs", user, s.orgPage},
		{"GET /orgs/{code}", user, s.orgPage},
		{"GET /members", user, s.memberSearch},
		{"GET /members/{id}", user, s.memberRecord},
		{"GET /members/{id}/photo", user, s.memberPhoto},

		{"GET /api/v1/orgs", user, s.apiOrgs},
		{"GET /api/v1/orgs/{code}/members", user, s.apiOrgMembers},
		{"GET /api/v1/members/{id}", user, s.apiMember},
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
