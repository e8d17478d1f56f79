package web

import (
	"net/http"

	"tochuc"
	"tochuc/service"
	"tochuc/store"
	"tochuc/vn"
)

// home is the start page of a logged-in user: the dashboard of the user's subtree (or of the
// org asked for with ?org=) on the as-of date.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	code := r.URL.Query().Get("org")
	dash, err := s.svc.Dashboard(r.Context(), code, d)
	if tochuc.ErrorCode(err) == tochuc.EFORBIDDEN && code == "" {
		// An account without counts anywhere (a member) has no dashboard: its own record only.
		var own int64
		if wh := whoFrom(r.Context()); wh != nil {
			own = wh.User.MemberID
		}
		s.render(w, r, http.StatusOK, "dashboard", map[string]any{"Title": "Tổng quan", "AsOf": d, "Today": s.svc.Today(), "Own": own})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.svc.ViewOrg(r.Context(), dash.Org.Code, d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	extra, err := s.dashboardExtra(r, dash)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "dashboard", map[string]any{
		"Title": "Tổng quan — " + dash.Org.Name, "AsOf": d, "Today": s.svc.Today(), "View": v, "Dash": dash,
		"Charts": dashboardCharts(dash), "Extra": extra,
	})
}

// orgSearch finds orgs by name (diacritics optional) or code within the user's reach.
func (s *Server) orgSearch(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query().Get("q")
	hits, total, err := s.svc.SearchOrgs(r.Context(), q, d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "orgsearch", map[string]any{
		"Title": "Tìm tổ chức đảng", "AsOf": d, "Today": s.svc.Today(), "Q": q, "Hits": hits, "Total": total,
		"Limit": service.OrgSearchLimit,
	})
}

// chart is a horizontal bar chart drawn as inline SVG by the template, with its data table.
type chart struct {
	ID, Title string
	Unit      string // what the numbers count, the header of the value column
	Bars      []bar
	Width     int // of the drawing, in SVG units
	Height    int
	Total     int64 // the denominator of the shares shown in the table
}

// bar is one row of a chart: geometry computed here, so the template only places it.
type bar struct {
	Label  string
	Value  int64
	Num    string // the value, Vietnamese style
	Share  string // the value's share of the chart total, Vietnamese style
	Class  string // the CSS class that colours it (fill is set by the stylesheet)
	Y, W   int    // top and width of the bar
	TextX  int    // where the value is written
	LabelY int    // baseline of the label and value
}

const (
	chartLabelW = 150 // room for the labels left of the bars
	chartBarW   = 300 // the longest bar
	chartRowH   = 26
	chartBarH   = 18
)

// newChart lays out bars with lengths proportional to their values.
func newChart(id, title, unit string, labels []string, values []int64, classes []string, total int64) chart {
	c := chart{ID: id, Title: title, Unit: unit, Width: chartLabelW + chartBarW + 70, Height: len(values)*chartRowH + 4, Total: total}
	var max int64
	for _, v := range values {
		max = maxInt64(max, v)
	}
	for i, v := range values {
		w := 0
		if max > 0 {
			w = int(v * chartBarW / max)
		}
		if v > 0 && w < 2 {
			w = 2 // a small non-zero value stays visible
		}
		y := i*chartRowH + 4
		c.Bars = append(c.Bars, bar{Label: labels[i], Value: v, Num: vn.FormatInt(v), Share: vn.FormatPercent(v, total),
			Class: classes[i%len(classes)], Y: y, W: w, TextX: chartLabelW + w + 6, LabelY: y + chartBarH - 4})
	}
	return c
}

func maxInt64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// dashboardCharts are the charts of the home page: members by status, by age band, by sex and
// ethnicity, and the changes of the year.
func dashboardCharts(d *service.Dashboard) []chart {
	total := d.Count.Total()
	ages := d.Ages[:store.AgeUnknown]
	ageLabels := []string{"Dưới 30 tuổi", "Từ 30 đến 40 tuổi", "Từ 41 đến 50 tuổi", "Từ 51 đến 60 tuổi", "Trên 60 tuổi"}
	if d.Ages[store.AgeUnknown] > 0 {
		ages = d.Ages[:]
		ageLabels = append(ageLabels, "Chưa rõ năm sinh")
	}
	var events int64 = d.Admitted + d.Recognized + d.Exited
	return []chart{
		newChart("status", "Đảng viên theo trạng thái", "Số đảng viên",
			[]string{"Chính thức", "Dự bị", "Miễn sinh hoạt"},
			[]int64{d.Count.Official, d.Count.Probationary, d.Count.Exempt},
			[]string{"bar-official", "bar-probationary", "bar-exempt"}, total),
		newChart("ages", "Đảng viên theo độ tuổi", "Số đảng viên", ageLabels, ages, []string{"bar-age"}, total),
		newChart("people", "Nữ và dân tộc thiểu số", "Số đảng viên",
			[]string{"Nữ", "Nam và chưa rõ", "Dân tộc thiểu số", "Dân tộc Kinh và chưa rõ"},
			[]int64{d.Women, total - d.Women, d.Minority, total - d.Minority},
			[]string{"bar-women", "bar-rest", "bar-minority", "bar-rest"}, total),
		newChart("year", "Biến động năm "+d.Year, "Số lượt",
			[]string{"Kết nạp", "Công nhận chính thức", "Ra khỏi Đảng"},
			[]int64{d.Admitted, d.Recognized, d.Exited},
			[]string{"bar-admitted", "bar-recognized", "bar-exited"}, events),
	}
}

// commonEnglish are labels of the tree and dashboard that other pages use too: merged into the
// catalog without overriding, so that two pages adding the same label never clash.
var commonEnglish = map[string]string{
	"Tìm": "Search", "Cấp trên": "Higher levels", "Không có tổ chức trực thuộc": "No subordinate organizations",
	"đảng viên": "members", "Đảng viên": "Members", "chính thức": "full", "dự bị": "probationary",
	"miễn sinh hoạt": "exempt", "nữ": "women", "dân tộc thiểu số": "ethnic minorities", "Họ và tên": "Full name",
	"Chi bộ": "Cell", "Mã": "Code", "Loại": "Kind", "Số đảng viên": "Members", "Chính thức": "Full members",
	"Dự bị": "Probationary", "Miễn sinh hoạt": "Exempt", "Nữ": "Women", "Dân tộc thiểu số": "Ethnic minorities",
	"Kết nạp": "Admitted",
}

func init() {
	for vi, en := range commonEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
