package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"tochuc"
	"tochuc/service"
)

func (s *Server) json(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (s *Server) apiError(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	switch tochuc.ErrorCode(err) {
	case tochuc.ENOTFOUND, tochuc.EFORBIDDEN:
		status = http.StatusNotFound
	case tochuc.EINVALID:
		status = http.StatusBadRequest
	case tochuc.ECONFLICT:
		status = http.StatusConflict
	}
	s.json(w, status, map[string]string{"error": tochuc.ErrorCode(err), "message": tochuc.ErrorMessage(err)})
}

// apiOrgs returns the children of an org (the root by default) on a date with member counts.
func (s *Server) apiOrgs(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	v, err := s.svc.ViewOrg(r.Context(), r.URL.Query().Get("parent"), d)
	if err != nil {
		s.apiError(w, err)
		return
	}
	type item struct {
		tochuc.Org
		Members int64 `json:"members"`
	}
	out := struct {
		AsOf     tochuc.Date `json:"as_of"`
		Org      item        `json:"org"`
		Children []item      `json:"children"`
	}{AsOf: d, Org: item{v.Org, v.Count.Total()}}
	for _, c := range v.Children {
		out.Children = append(out.Children, item{c.Org, c.Count.Total()})
	}
	s.json(w, http.StatusOK, out)
}

// apiOrgMembers returns one page of an org's members.
func (s *Server) apiOrgMembers(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	q := r.URL.Query()
	p, err := s.svc.ListMembers(r.Context(), service.MemberList{OrgCode: r.PathValue("code"), AsOf: d, Subtree: q.Get("scope") != "direct",
		Query: q.Get("q"), Status: q.Get("status"), Page: intParam(r, "page", 1), PageSize: intParam(r, "page_size", 50)})
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, map[string]any{"as_of": d, "total": p.Total, "page": p.Page, "pages": p.Pages, "members": p.Members})
}

// apiMember returns a member's record and timeline.
func (s *Server) apiMember(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	m, events, err := s.svc.Member(r.Context(), id, d)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, map[string]any{"as_of": d, "member": m, "events": events})
}
