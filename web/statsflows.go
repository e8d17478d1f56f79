package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"tochuc"
	"tochuc/service"
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
	var lines []statsFilterLine
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		lines = append(lines, statsFilterLine{Dim: stats.DimensionLabel(k), Value: stats.ValueLabel(k, f[k])})
	}
	exp := url.Values{}
	for k, v := range q {
		exp[k] = v
	}
	exp.Del("page")
	exp.Set("org", list.Org.Code)
	exp.Set("from", string(list.From))
	exp.Set("to", string(list.To))
	s.render(w, r, http.StatusOK, "statsflowmembers", map[string]any{
		"Title": "Danh sách đảng viên của biến động — " + list.Org.Name, "List": list, "FlowName": stats.FlowLabel(list.Flow),
		"Filters": lines, "Pages": (list.Total + service.StatsListPage - 1) / service.StatsListPage,
		"First":      (list.Page-1)*service.StatsListPage + 1,
		"ExportCSV":  "/stats/flows/members/export?" + exp.Encode() + "&format=csv",
		"ExportXLSX": "/stats/flows/members/export?" + exp.Encode() + "&format=xlsx",
		"Back":       "/stats?" + url.Values{"org": {list.Org.Code}, "as_of": {string(list.To)}, "from": {string(list.From)}, "to": {string(list.To)}}.Encode(),
	})
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
	format := q.Get("format")
	if format != "xlsx" && format != "csv" {
		s.fail(w, r, tochuc.Errorf(tochuc.EINVALID, "Định dạng tệp xuất: chọn xlsx hoặc csv."))
		return
	}
	org := strings.TrimSpace(q.Get("org"))
	name := "bien-dong-" + safeFileName(q.Get("flow")) + "-" + safeFileName(org) + "-" + string(from) + "-" + string(to) + "." + format
	out := &lazyFile{w: w, name: name}
	var tw tabular.Writer
	if format == "xlsx" {
		out.contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		if tw, err = tabular.NewXLSXWriter(out, "Danh sách"); err != nil {
			s.fail(w, r, err)
			return
		}
	} else {
		out.contentType = "text/csv; charset=utf-8"
		tw = tabular.NewCSVWriter(out, true)
	}
	if _, err := s.svc.StatsFlowMembersExport(r.Context(), tabular.SafeCells(tw), org, from, to, q.Get("flow"), statsFilter(r), format == "xlsx"); err != nil {
		if !out.started {
			s.fail(w, r, err)
			return
		}
		s.log.Error("export", "err", err)
	}
}
