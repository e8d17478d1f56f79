package web

import (
	"net/http"
	"strconv"

	"tochuc/service"
)

// memberSearch finds members anywhere in the tree by name, CCCD or card number.
func (s *Server) memberSearch(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f, err := parseFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var page *service.MemberPage
	if !f.IsZero() { // a name or any filter: the list of the user's whole reach
		if page, err = s.svc.ListMembers(r.Context(), service.MemberList{AsOf: d, Filter: f,
			Page: intParam(r, "page", 1)}); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "search", map[string]any{"Title": "Tìm đảng viên", "AsOf": d, "Members": page,
		"Q": q.Get("q"), "Status": q.Get("status"), "Today": s.svc.Today(), "Filter": newFilterView(r, f, "")})
}

// memberPhoto serves a member's photo (same checks as the record it belongs to).
func (s *Server) memberPhoto(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	data, ct, err := s.svc.Photo(r.Context(), id)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Write(data)
}
