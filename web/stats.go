package web

import (
	"net/http"

	"tochuc"
	"tochuc/service"
)

// queryDate reads an optional YYYY-MM-DD query parameter.
func queryDate(r *http.Request, name string) (tochuc.Date, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return "", nil
	}
	d, err := tochuc.ParseISODate(v)
	if err != nil {
		return "", tochuc.Errorf(tochuc.EINVALID, "%s: ngày %q không hợp lệ (YYYY-MM-DD)", name, v)
	}
	return d, nil
}

// apiStatsMembers: GET /api/v1/stats/members?org=&as_of=&by=&children=
func (s *Server) apiStatsMembers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d, err := queryDate(r, "as_of")
	if err == nil {
		var t *service.StatsTable
		t, err = s.svc.StatsMembers(r.Context(), q.Get("org"), d, service.ParseDims(q.Get("by")), q.Get("children") == "true" || q.Get("children") == "1")
		if err == nil {
			s.json(w, http.StatusOK, t)
			return
		}
	}
	s.apiError(w, err)
}

// apiStatsFlows: GET /api/v1/stats/flows?org=&from=&to=&by=&children=
func (s *Server) apiStatsFlows(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, err := queryDate(r, "from")
	var to tochuc.Date
	if err == nil {
		to, err = queryDate(r, "to")
	}
	if err == nil {
		var t *service.StatsTable
		t, err = s.svc.StatsFlows(r.Context(), q.Get("org"), from, to, service.ParseDims(q.Get("by")), q.Get("children") == "true" || q.Get("children") == "1")
		if err == nil {
			s.json(w, http.StatusOK, t)
			return
		}
	}
	s.apiError(w, err)
}
