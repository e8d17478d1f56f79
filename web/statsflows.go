package web

import (
	"net/http"
	"net/url"
	"strings"

	"tochuc"
	"tochuc/stats"
	"tochuc/tabular"
)

// The drill-down of a flow figure of the statistics page: the members admitted, transferred,
// removed… in a period, one page at a time, and their export (audited).

// statsFlowLink is the drill-down of a flow figure.
func statsFlowLink(org string, from, to tochuc.Date, flow string, filter map[string]string) string {
	q := url.Values{"org": {org}, "from": {string(from)}, "to": {string(to)}, "flow": {flow}}
	for k, v := range filter {
		q.Set("f."+k, v)
	}
	return "/stats/flows/members?" + q.Encode()
}

// flowPeriodParams reads from and to (both optional: the year of to, to today).
func flowPeriodParams(r *http.Request) (tochuc.Date, tochuc.Date, error) {
	from, err := queryDate(r, "from")
	if err != nil {
		return "", "", err
	}
	to, err := queryDate(r, "to")
	return from, to, err
}

// statsFlowMembersPage: GET /stats/flows/members — the members a flow figure counts.
func (s *Server) statsFlowMembersPage(w http.ResponseWriter, r *http.Request) {
	from, to, err := flowPeriodParams(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f := statsFilter(r)
	list, err := s.svc.StatsFlowMembersList(r.Context(), strings.TrimSpace(q.Get("org")), from, to, q.Get("flow"), f, intParam(r, "page", 1))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderStatsList(w, r, "Danh sách đảng viên của biến động — "+list.Org.Name, list, list.Page, list.Total, f,
		"/stats/flows/members/export?"+listQuery(r, list.Org.Code, "from", string(list.From), "to", string(list.To)),
		"/stats?"+url.Values{"org": {list.Org.Code}, "as_of": {string(list.To)}, "from": {string(list.From)}, "to": {string(list.To)}}.Encode(),
		map[string]any{"FlowName": stats.FlowLabel(list.Flow)})
}

// statsFlowMembersExport: GET /stats/flows/members/export — the members of a flow figure as
// CSV or XLSX, audited before any row leaves.
func (s *Server) statsFlowMembersExport(w http.ResponseWriter, r *http.Request) {
	from, to, err := flowPeriodParams(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	org := strings.TrimSpace(q.Get("org"))
	name := "bien-dong-" + safeFileName(q.Get("flow")) + "-" + safeFileName(org) + "-" + string(from) + "-" + string(to)
	s.download(w, r, name, "Danh sách", func(tw tabular.Writer, human bool) error {
		_, err := s.svc.StatsFlowMembersExport(r.Context(), tw, org, from, to, q.Get("flow"), statsFilter(r), human)
		return err
	})
}
