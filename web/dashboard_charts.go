package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/service"
	"tochuc/vn"
)

// The dashboard's second half: progress against the targets of the year, the trend of the last
// years (members on 31/12, admissions), the ratios of the subtree, and the comparison of the
// child units, sortable server-side by each column (links, no script).

// dashExtra is what the dashboard template shows below the key figures.
type dashExtra struct {
	Targets *service.TargetReport
	Trend   *service.Trend
	Ratio   service.Ratio
	Compare *service.Comparison
	Columns []compareColumn
	Charts  []chart // trend charts and the comparison of members by unit, each with its table
	Facts   string  // the page to enter the facts of the ratios
}

// compareColumn is a sortable header of the comparison table.
type compareColumn struct {
	Label string
	Link  string
	Sort  string // aria-sort: ascending, descending or none
	Num   bool
}

var compareLabels = map[string]string{
	service.SortName: "Đơn vị", service.SortMembers: "Số đảng viên", service.SortAdmitted: "Kết nạp trong năm",
	service.SortTarget: "Đạt chỉ tiêu kết nạp", service.SortPopulation: "Đảng viên/dân số", service.SortVillages: "Thôn, tổ dân phố có chi bộ",
}

// dashboardExtra computes the dashboard's targets, trend, ratios and comparison for the org.
func (s *Server) dashboardExtra(r *http.Request, dash *service.Dashboard) (*dashExtra, error) {
	ctx := r.Context()
	code, d := dash.Org.Code, dash.AsOf
	q := r.URL.Query()
	out := &dashExtra{Facts: "/orgs/" + url.PathEscape(code) + "/facts?as_of=" + string(d)}
	year, _ := strconv.Atoi(string(d[:4]))
	var err error
	if out.Targets, err = s.svc.TargetProgress(ctx, code, year, d); err != nil {
		return nil, err
	}
	if out.Trend, err = s.svc.DashboardTrend(ctx, code, d, service.TrendYears); err != nil {
		return nil, err
	}
	rv, err := s.svc.Ratios(ctx, code, d)
	if err != nil {
		return nil, err
	}
	out.Ratio = rv.Ratio
	if out.Compare, err = s.svc.DashboardCompare(ctx, code, d, q.Get("sort"), q.Get("dir")); err != nil {
		return nil, err
	}
	for _, col := range service.CompareColumns {
		c := compareColumn{Label: compareLabels[col], Sort: "none", Num: col != service.SortName}
		dir := "asc"
		if c.Num {
			dir = "desc" // the biggest first on a first click
		}
		if out.Compare.Sort == col {
			if out.Compare.Dir == "asc" {
				c.Sort, dir = "ascending", "desc"
			} else {
				c.Sort, dir = "descending", "asc"
			}
		}
		c.Link = "/?" + url.Values{"org": {code}, "as_of": {string(d)}, "sort": {col}, "dir": {dir}}.Encode() + "#compare"
		out.Columns = append(out.Columns, c)
	}
	out.Charts = trendCharts(out.Trend, out.Compare)
	return out, nil
}

// trendCharts are the bar charts of the trend (members on 31/12 of each year, admissions of
// each year) and of the members of each child unit, in the comparison's order.
func trendCharts(t *service.Trend, c *service.Comparison) []chart {
	var labels []string
	var members, admitted []int64
	var lastMembers, sumAdmitted int64
	for _, y := range t.Years {
		l := strconv.Itoa(y.Year)
		if y.AsOf != tochuc.Date(l+"-12-31") {
			l += " (" + y.AsOf.Display() + ")"
		}
		labels = append(labels, l)
		members = append(members, y.Members)
		admitted = append(admitted, y.Admitted)
		lastMembers = y.Members
		sumAdmitted += y.Admitted
	}
	out := []chart{
		newChart("trend-members", "Số đảng viên cuối mỗi năm", "Số đảng viên", labels, members, []string{"bar-official"}, lastMembers),
		newChart("trend-admitted", "Kết nạp đảng viên theo năm", "Số đảng viên", labels, admitted, []string{"bar-admitted"}, sumAdmitted),
	}
	if len(c.Rows) > 0 {
		// The largest units only, then the rest together: a province has a hundred communes, a
		// bar each would be a page long; the comparison table below has every one.
		rows := slices.Clone(c.Rows)
		slices.SortStableFunc(rows, func(a, b service.CompareRow) int { return cmp.Compare(b.Members, a.Members) })
		var names []string
		var counts []int64
		var total, rest int64
		for i, r := range rows {
			total += r.Members
			if i < unitBars {
				names = append(names, shortUnitName(r.Name))
				counts = append(counts, r.Members)
			} else {
				rest += r.Members
			}
		}
		if len(rows) > unitBars {
			names = append(names, "Các đơn vị khác ("+vn.FormatInt(int64(len(rows)-unitBars))+")")
			counts = append(counts, rest)
		}
		out = append(out, newChart("units", "Đảng viên theo đơn vị trực thuộc", "Số đảng viên", names, counts, []string{"bar-age"}, total))
	}
	return out
}

// unitBars is how many child units the units chart shows on their own.
const unitBars = 12

// shortUnitName fits a unit's name beside its bar: without the leading "Đảng bộ"/"Chi bộ" the
// chart's title already says, and at most 24 letters.
func shortUnitName(name string) string {
	for _, p := range []string{"Đảng bộ ", "Chi bộ "} {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" {
			name = rest
			break
		}
	}
	if r := []rune(name); len(r) > 24 {
		name = string(r[:23]) + "…"
	}
	return name
}

// apiDashboard: GET /api/v1/dashboard?org=&as_of=&years=&sort=&dir= — the key figures, the
// trend, the ratios and the comparison of the child units.
func (s *Server) apiDashboard(w http.ResponseWriter, r *http.Request) {
	d, err := queryDate(r, "as_of")
	if err != nil {
		s.apiError(w, err)
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	dash, err := s.svc.Dashboard(ctx, q.Get("org"), d)
	if err != nil {
		s.apiError(w, err)
		return
	}
	years, _ := strconv.Atoi(q.Get("years"))
	trend, err := s.svc.DashboardTrend(ctx, dash.Org.Code, dash.AsOf, years)
	if err != nil {
		s.apiError(w, err)
		return
	}
	cmp, err := s.svc.DashboardCompare(ctx, dash.Org.Code, dash.AsOf, q.Get("sort"), q.Get("dir"))
	if err != nil {
		s.apiError(w, err)
		return
	}
	rv, err := s.svc.Ratios(ctx, dash.Org.Code, dash.AsOf)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, map[string]any{
		"org_code": dash.Org.Code, "as_of": dash.AsOf, "members": dash.Total(), "official": dash.Count.Official,
		"probationary": dash.Count.Probationary, "exempt": dash.Count.Exempt, "admitted_this_year": dash.Admitted,
		"women": dash.Women, "minority": dash.Minority, "stale": dash.Stale,
		"trend": trend, "ratio": rv.Ratio, "comparison": cmp,
	})
}
