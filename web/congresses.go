package web

import (
	"net/http"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/service"
)

// The congresses page of an org: how many of its basic organizations held their congress for a
// term as of a date, which are yet to, and the form to record one.

// termParam reads ?term= (the start year of the term; 2025 by default, the 2025–2030 round).
func termParam(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 2025, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 1930 || y > 2200 {
		return 0, tochuc.Errorf(tochuc.EINVALID, "nhiệm kỳ %q không hợp lệ: ghi năm bắt đầu, ví dụ 2025", v)
	}
	return y, nil
}

func (s *Server) congressesPage(w http.ResponseWriter, r *http.Request) {
	asOf, err := queryDate(r, "as_of")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	term, err := termParam(r.URL.Query().Get("term"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	code := r.PathValue("code")
	p, err := s.svc.CongressProgress(r.Context(), code, term, asOf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	notice := ""
	if r.URL.Query().Get("saved") == "1" {
		notice = "Đã ghi đại hội."
	}
	missing := p.Missing
	if len(missing) > 200 {
		missing = missing[:200]
	}
	s.render(w, r, http.StatusOK, "congresses", map[string]any{"Title": "Đại hội", "Progress": p, "Missing": missing,
		"Notice": notice, "CanWrite": s.svc.CanSetTargets(r.Context(), code)})
}

func (s *Server) congressSave(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, err)
		return
	}
	term, err := termParam(r.PostFormValue("term"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := service.CongressInput{OrgCode: strings.TrimSpace(r.PostFormValue("org_code")), TermFrom: term,
		HeldOn: tochuc.Date(r.PostFormValue("held_on")), Document: r.PostFormValue("document"), Note: r.PostFormValue("note")}
	if _, err := s.svc.RecordCongress(r.Context(), in); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/orgs/"+r.PathValue("code")+"/congresses?term="+strconv.Itoa(term)+"&saved=1", http.StatusSeeOther)
}

// apiCongresses: GET /api/v1/congresses?org=&term=&as_of=
func (s *Server) apiCongresses(w http.ResponseWriter, r *http.Request) {
	d, err := queryDate(r, "as_of")
	if err != nil {
		s.apiError(w, err)
		return
	}
	term, err := termParam(r.URL.Query().Get("term"))
	if err != nil {
		s.apiError(w, err)
		return
	}
	out, err := s.svc.CongressProgress(r.Context(), r.URL.Query().Get("org"), term, d)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, out)
}

// apiCongressRecord: POST /api/v1/congresses with a CongressInput.
func (s *Server) apiCongressRecord(w http.ResponseWriter, r *http.Request) {
	var in service.CongressInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	id, err := s.svc.RecordCongress(r.Context(), in)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusCreated, map[string]int64{"id": id})
}
