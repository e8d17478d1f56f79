package web

import (
	"io/fs"
	"net/http"
)

// routes lists every route of the application in one place.
func (s *Server) routes() {
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /readyz", s.readyz)
	s.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/orgs", http.StatusSeeOther) })
	s.mux.HandleFunc("GET /orgs", s.orgPage)
	s.mux.HandleFunc("GET /orgs/{code}", s.orgPage)
	s.mux.HandleFunc("GET /members", s.memberSearch)
	s.mux.HandleFunc("GET /members/{id}", s.memberRecord)
	s.mux.HandleFunc("GET /members/{id}/photo", s.memberPhoto)
	s.mux.HandleFunc("GET /api/v1/orgs", s.apiOrgs)
	s.mux.HandleFunc("GET /api/v1/orgs/{code}/members", s.apiOrgMembers)
	s.mux.HandleFunc("GET /api/v1/members/{id}", s.apiMember)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) }

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.svc.DB.SchemaVersion(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ready\n"))
}
