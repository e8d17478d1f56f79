package web

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"tochuc"
	"tochuc/service"
	"tochuc/stats"
	"tochuc/tabular"
	"tochuc/vn"
)

// statsMaxDims is how many dimensions the statistics page crosses at once.
const statsMaxDims = 3

// statsDim is a dimension offered by the form.
type statsDim struct{ Name, Label string }

// statsLine is one row of a statistics table: the value labels, the count and its drill-down.
type statsLine struct {
	Flow   string
	Labels []string
	Num    string
	Link   string // "" when the figure has no list (flows)
}

// statsOrgView is the table of one org.
type statsOrgView struct {
	Code, Name string
	Lines      []statsLine
	Total      string
	TotalLink  string
	Self       string // the page of this org alone (for the child rows)
}

// statsOrgsLink is the drill-down of a count of organizations.
func statsOrgsLink(org string, d tochuc.Date, filter map[string]string) string {
	return figureLink("/stats/orgs", org, d, filter)
}

// figureLink is the page at path of the figure of org on day d with filter.
func figureLink(path, org string, d tochuc.Date, filter map[string]string) string {
	q := url.Values{"org": {org}, "as_of": {string(d)}}
	for k, v := range filter {
		q.Set("f."+k, v)
	}
	return path + "?" + q.Encode()
}

// statsOrgsPage: GET /stats/orgs — the organizations a count of organizations counts.
func (s *Server) statsOrgsPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := statsFilter(r)
	list, err := s.svc.StatsOrgsList(r.Context(), strings.TrimSpace(r.URL.Query().Get("org")), d, f, intParam(r, "page", 1))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "statsorgs", statsListData("Danh sách tổ chức đảng của số liệu — "+list.Org.Name, list, list.Page,
		list.Total, f, "/stats/orgs/export?"+listQuery(r, list.Org.Code, "as_of", string(d)), ""))
}

// listQuery is the query of a list's export: the page's, without the page, with the org and
// the days resolved (pairs of a parameter and its date).
func listQuery(r *http.Request, org string, days ...string) string {
	exp := r.URL.Query()
	exp.Del("page")
	exp.Set("org", org)
	for i := 0; i+1 < len(days); i += 2 {
		exp.Set(days[i], days[i+1])
	}
	return exp.Encode()
}

// statsOrgsExport: GET /stats/orgs/export — the organizations of a count as CSV or XLSX.
func (s *Server) statsOrgsExport(w http.ResponseWriter, r *http.Request) {
	s.figureExport(w, r, "thong-ke-to-chuc-", "Tổ chức đảng", s.svc.StatsOrgsExport)
}

// figureExport downloads the list of a figure of an org on a day (?org=, ?as_of=, f.* filter)
// as ?format=csv|xlsx, written by export.
func (s *Server) figureExport(w http.ResponseWriter, r *http.Request, filePrefix, sheet string,
	export func(ctx context.Context, w tabular.Writer, org string, d tochuc.Date, f map[string]string, human bool) (int64, error)) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	org := strings.TrimSpace(r.URL.Query().Get("org"))
	s.download(w, r, filePrefix+safeFileName(org)+"-"+string(d), sheet, func(tw tabular.Writer, human bool) error {
		_, err := export(r.Context(), tw, org, d, statsFilter(r), human)
		return err
	})
}

// statsLink is the drill-down of a figure.
func statsLink(org string, d tochuc.Date, filter map[string]string) string {
	return figureLink("/stats/members", org, d, filter)
}

// statsByParams reads the repeated by (or fby) selects, dropping the empty ones and repeats.
func statsByParams(vals []string) ([]string, error) {
	var by []string
	for _, v := range vals {
		for _, p := range service.ParseDims(v) {
			if !slices.Contains(by, p) {
				by = append(by, p)
			}
		}
	}
	if len(by) > statsMaxDims {
		return nil, tochuc.Errorf(tochuc.EINVALID, "Chọn tối đa %d chiều thống kê.", statsMaxDims)
	}
	return by, nil
}

// statsPage: GET /stats — the counts of a subtree as of a date by up to three dimensions (and
// by child org), a bar chart of the first dimension, and the flows of a period.
func (s *Server) statsPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	by, err := statsByParams(q["by"])
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fby, err := statsByParams(q["fby"])
	if err != nil {
		s.fail(w, r, err)
		return
	}
	children := q.Get("children") == "1"
	ctx := r.Context()
	t, err := s.svc.StatsMembers(ctx, strings.TrimSpace(q.Get("org")), d, by, children)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	code := t.Orgs[0].Code
	from, to := tochuc.Date(string(d[:4])+"-01-01"), d
	if v, err := queryDate(r, "from"); err != nil {
		s.fail(w, r, err)
		return
	} else if v != "" {
		from = v
	}
	if v, err := queryDate(r, "to"); err != nil {
		s.fail(w, r, err)
		return
	} else if v != "" {
		to = v
	}
	ft, err := s.svc.StatsFlows(ctx, code, from, to, fby, children)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	snap, err := s.svc.StatsSnapshot(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var dims []statsDim
	for _, n := range snap.DimensionNames() {
		dims = append(dims, statsDim{Name: n, Label: stats.DimensionLabel(n)})
	}
	slots := make([]string, statsMaxDims)
	copy(slots, by)
	fslots := make([]string, 2)
	copy(fslots, fby)

	self := func(org string) string {
		v := url.Values{"org": {org}, "as_of": {string(d)}, "by": by}
		return "/stats?" + v.Encode()
	}
	var tables []statsOrgView
	for _, o := range t.Orgs {
		v := statsOrgView{Code: o.Code, Name: o.Name, TotalLink: statsLink(o.Code, d, nil), Self: self(o.Code)}
		var total int64
		for _, row := range o.Rows {
			total += row.Count
			ln := statsLine{Num: vn.FormatInt(row.Count)}
			f := map[string]string{}
			for i, val := range row.Values {
				ln.Labels = append(ln.Labels, stats.ValueLabel(by[i], val))
				f[by[i]] = val
			}
			ln.Link = statsLink(o.Code, d, f)
			v.Lines = append(v.Lines, ln)
		}
		v.Total = vn.FormatInt(total)
		tables = append(tables, v)
	}
	var flows []statsOrgView
	for _, o := range ft.Orgs {
		v := statsOrgView{Code: o.Code, Name: o.Name}
		for _, row := range o.Rows {
			ln := statsLine{Flow: stats.FlowLabel(row.Flow), Num: vn.FormatInt(row.Count)}
			ff := map[string]string{}
			for i, val := range row.Values {
				ln.Labels = append(ln.Labels, stats.ValueLabel(fby[i], val))
				ff[fby[i]] = val
			}
			ln.Link = statsFlowLink(o.Code, from, to, row.Flow, ff)
			v.Lines = append(v.Lines, ln)
		}
		flows = append(flows, v)
	}
	var charts []chart
	if len(by) > 0 {
		charts = append(charts, s.statsChart(t, d, by[0]))
	}
	byNames := make([]string, len(by))
	for i, b := range by {
		byNames[i] = stats.DimensionLabel(b)
	}
	fbyNames := make([]string, len(fby))
	for i, b := range fby {
		fbyNames[i] = stats.DimensionLabel(b)
	}
	s.render(w, r, http.StatusOK, "stats", map[string]any{
		"Title": "Thống kê — " + t.Orgs[0].Name, "Org": t.Orgs[0], "StatsAsOf": d, "Today": s.svc.Today(),
		"Dims": dims, "Slots": slots, "FSlots": fslots, "Children": children, "ByNames": byNames, "FByNames": fbyNames,
		"Tables": tables, "Flows": flows, "From": from, "To": to, "Charts": charts, "Stale": t.Stale,
	})
}

// statsChart is the bar chart of the org's members by one dimension (the org alone, not its
// children): the engine asked once more by that dimension only.
func (s *Server) statsChart(t *service.StatsTable, d tochuc.Date, dim string) chart {
	o := t.Orgs[0]
	sums := map[string]int64{}
	var order []string
	var total int64
	for _, row := range o.Rows {
		v := row.Values[0]
		if _, ok := sums[v]; !ok {
			order = append(order, v)
		}
		sums[v] += row.Count
		total += row.Count
	}
	labels := make([]string, len(order))
	values := make([]int64, len(order))
	for i, v := range order {
		labels[i], values[i] = stats.ValueLabel(dim, v), sums[v]
	}
	return newChart("stats-"+dim, "Đảng viên theo "+strings.ToLower(stats.DimensionLabel(dim)), "Số đảng viên", labels, values,
		[]string{"bar-age"}, total)
}

// statsFilter reads the f.<dim>=<value> parameters of a drill-down.
func statsFilter(r *http.Request) map[string]string {
	f := map[string]string{}
	for k, v := range r.URL.Query() {
		if dim, ok := strings.CutPrefix(k, "f."); ok && dim != "" && len(v) > 0 {
			f[dim] = v[0]
		}
	}
	return f
}

// statsFilterLine is one filter of a drill-down, labelled.
// Values are the labels of its codes (several for "a|b"), Not says "all but", More how many
// further codes are not named (a long list shows its first six).
type statsFilterLine struct {
	Dim    string
	Values []string
	Not    bool
	More   int
}

// statsMembersPage: GET /stats/members — the members a figure counts, one page at a time.
func (s *Server) statsMembersPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := statsFilter(r)
	page := intParam(r, "page", 1)
	list, err := s.svc.StatsMembersList(r.Context(), strings.TrimSpace(r.URL.Query().Get("org")), d, f, page)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderStatsList(w, r, "Danh sách đảng viên của số liệu — "+list.Org.Name, list, list.Page, list.Total, f,
		"/stats/members/export?"+listQuery(r, list.Org.Code, "as_of", string(d)), "/stats?"+url.Values{"org": {list.Org.Code}, "as_of": {string(d)}}.Encode(),
		map[string]any{"StatsAsOf": d})
}

// renderStatsList renders the page of a drill-down list (statsmembers.html) of a stock figure
// or (with FlowName in more) of a flow: the filter lines, the pager, the export links (export is
// the export path and query without the format) and the way back to the statistics page.
func (s *Server) renderStatsList(w http.ResponseWriter, r *http.Request, title string, list any, page, total int, f map[string]string, export, back string, more map[string]any) {
	data := statsListData(title, list, page, total, f, export, back)
	maps.Copy(data, more)
	s.render(w, r, http.StatusOK, "statsmembers", data)
}

// statsListData is what a drill-down list page shows besides its rows.
func statsListData(title string, list any, page, total int, f map[string]string, export, back string) map[string]any {
	return map[string]any{
		"Title": title, "List": list, "Filters": filterLines(f),
		"Pages": (total + service.StatsListPage - 1) / service.StatsListPage, "First": (page-1)*service.StatsListPage + 1,
		"ExportCSV": export + "&format=csv", "ExportXLSX": export + "&format=xlsx", "Back": back,
	}
}

// filterLines names a filter's dimensions and values, in the order of the dimensions' names.
func filterLines(f map[string]string) []statsFilterLine {
	var lines []statsFilterLine
	for _, k := range slices.Sorted(maps.Keys(f)) {
		codes, not := stats.ParseFilterValue(f[k])
		l := statsFilterLine{Dim: stats.DimensionLabel(k), Not: not}
		for _, c := range codes {
			if len(l.Values) == 6 {
				l.More++
				continue
			}
			l.Values = append(l.Values, stats.ValueLabel(k, c))
		}
		lines = append(lines, l)
	}
	return lines
}

// statsMembersExport: GET /stats/members/export — the members a figure counts as CSV or XLSX,
// audited before any row leaves.
func (s *Server) statsMembersExport(w http.ResponseWriter, r *http.Request) {
	s.figureExport(w, r, "thong-ke-dang-vien-", "Danh sách", s.svc.StatsMembersExport)
}

func init() {
	funcs["canCount"] = func(u tochuc.User) bool { return u.Can(tochuc.PermCounts) }
	// Member lists and worklists need a read grant (a leader has counts only).
	funcs["canRead"] = func(u tochuc.User) bool {
		return u.Can(tochuc.PermRead) || u.Can(tochuc.PermReadLimited)
	}
}
