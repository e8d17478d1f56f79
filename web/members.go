package web

import (
	"net/http"
	"strconv"

	"tochuc"
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
	var page *service.MemberPage
	if q.Get("q") != "" {
		if page, err = s.svc.ListMembers(r.Context(), service.MemberList{AsOf: d, Query: q.Get("q"), Status: q.Get("status"),
			Page: intParam(r, "page", 1)}); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "search", map[string]any{"Title": "Tìm đảng viên", "AsOf": d, "Members": page,
		"Q": q.Get("q"), "Status": q.Get("status"), "Today": s.svc.Today()})
}

// memberRecord shows one member's record and timeline as of a date.
func (s *Server) memberRecord(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy đảng viên"))
		return
	}
	m, events, err := s.svc.Member(r.Context(), id, d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "member", map[string]any{"Title": m.FullName, "AsOf": d, "M": m, "Events": events, "Today": s.svc.Today()})
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
