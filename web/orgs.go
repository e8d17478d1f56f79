package web

import (
	"net/http"

	"tochuc"
	"tochuc/service"
)

// orgPage shows the tree around one org on a date, with member counts, and its members.
func (s *Server) orgPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.svc.ViewOrg(r.Context(), r.PathValue("code"), d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	subtree := q.Get("scope") != "direct"
	f, err := parseFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.svc.ListMembers(r.Context(), service.MemberList{OrgCode: v.Org.Code, AsOf: d, Subtree: subtree,
		Filter: f, Page: intParam(r, "page", 1)})
	if tochuc.ErrorCode(err) == tochuc.EFORBIDDEN {
		page, err = nil, nil // a leader sees the tree and its counts, not the people
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "org", map[string]any{
		"Title": v.Org.Name, "AsOf": d, "View": v, "Members": page, "Q": q.Get("q"), "Status": q.Get("status"),
		"Subtree": subtree, "Today": s.svc.Today(), "Filter": newFilterView(r, f, v.Org.Code),
	})
}
