package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/service"
)

// The facts page of an org (số liệu nền): the ratios of its subtree and of each direct child on
// a date — members per population, villages and residential groups with a party cell — the
// facts entered, and the form to enter them for staff who may write.

func (s *Server) orgFactsPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.svc.Ratios(r.Context(), r.PathValue("code"), d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	year, _ := strconv.Atoi(string(d[:4]))
	notice := ""
	if r.URL.Query().Get("saved") == "1" {
		notice = "Đã lưu số liệu nền."
	}
	s.render(w, r, http.StatusOK, "orgfacts", map[string]any{
		"Title": "Số liệu nền và tỷ lệ — " + v.Org.Name, "AsOf": d, "Today": s.svc.Today(), "Facts": v, "Year": year,
		"Rows":     append([]service.Ratio{v.Ratio}, v.Children...),
		"CanWrite": s.svc.CanSetTargets(r.Context(), v.Org.Code), "Notice": notice,
		"Back": "/?" + url.Values{"org": {v.Org.Code}, "as_of": {string(d)}}.Encode(),
	})
}

// factField reads an optional count of the form ("12.500" with dots); empty is not entered.
func factField(r *http.Request, name string) (*int64, error) {
	v := strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(r.PostFormValue(name)), ".", ""), " ", "")
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return nil, tochuc.Errorf(tochuc.EINVALID, "%q không phải là số nguyên", r.PostFormValue(name))
	}
	return &n, nil
}

// orgFactsSave: POST /orgs/{code}/facts — enters the facts of the org for a year.
func (s *Server) orgFactsSave(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, err)
		return
	}
	code := r.PathValue("code")
	year, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("year")))
	in := service.OrgFactInput{OrgCode: code, Year: year, Document: r.PostFormValue("document")}
	var err error
	for _, f := range []struct {
		name string
		p    **int64
	}{{"population", &in.Population}, {"villages", &in.Villages}, {"villages_with_cell", &in.VillagesWithCell}} {
		if *f.p, err = factField(r, f.name); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if _, err := s.svc.SetOrgFact(r.Context(), in); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/orgs/"+url.PathEscape(code)+"/facts?saved=1", http.StatusSeeOther)
}

// apiOrgFacts: GET /api/v1/orgfacts?org=&as_of= — the ratios of the org and its children, and
// the facts entered in its subtree.
func (s *Server) apiOrgFacts(w http.ResponseWriter, r *http.Request) {
	d, err := queryDate(r, "as_of")
	if err != nil {
		s.apiError(w, err)
		return
	}
	v, err := s.svc.Ratios(r.Context(), r.URL.Query().Get("org"), d)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, v)
}

// apiOrgFactSet: POST /api/v1/orgfacts with an OrgFactInput.
func (s *Server) apiOrgFactSet(w http.ResponseWriter, r *http.Request) {
	var in service.OrgFactInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	id, err := s.svc.SetOrgFact(r.Context(), in)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusCreated, map[string]int64{"id": id})
}
