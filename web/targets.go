package web

import (
	"net/http"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/service"
	"tochuc/stats"
)

// The targets page of an org: its targets (chỉ tiêu) for a year with progress bars as of a
// date, the border-commune style group progress, the indicator set summary and the work
// programme, with the forms to enter them for staff who may write.

func init() {
	funcs["figureName"] = func(f string) string {
		switch f {
		case service.FigureMembers:
			return "Số đảng viên (cuối kỳ)"
		case service.FigureOrgs:
			return "Số tổ chức đảng (cuối kỳ)"
		}
		return stats.FlowLabel(f)
	}
	funcs["workState"] = func(st string) string { return workItemStateLabels[st] }
	funcs["targetDeref"] = func(p *int64) int64 {
		if p == nil {
			return 0
		}
		return *p
	}
}

var workItemStateLabels = map[string]string{
	service.WorkNotStarted: "Chưa thực hiện", service.WorkInProgress: "Đang thực hiện", service.WorkDone: "Hoàn thành",
	service.WorkOverdue: "Quá hạn",
}

// yearParam reads ?year= (the year of as_of by default).
func yearParam(r *http.Request, asOf tochuc.Date) (int, error) {
	v := strings.TrimSpace(r.URL.Query().Get("year"))
	if v == "" {
		y, _ := strconv.Atoi(string(asOf[:4]))
		return y, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 1930 || y > 2200 {
		return 0, tochuc.Errorf(tochuc.EINVALID, "năm %q không hợp lệ", v)
	}
	return y, nil
}

func (s *Server) targetsPage(w http.ResponseWriter, r *http.Request) {
	s.renderTargets(w, r, http.StatusOK, "")
}

func (s *Server) renderTargets(w http.ResponseWriter, r *http.Request, status int, notice string) {
	ctx := r.Context()
	asOf, err := queryDate(r, "as_of")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if asOf == "" {
		asOf = s.svc.Today()
	}
	year, err := yearParam(r, asOf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if end := tochuc.Date(strconv.Itoa(year) + "-12-31"); asOf > end {
		asOf = end
	}
	code := r.PathValue("code")
	rep, err := s.svc.TargetProgress(ctx, code, year, asOf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := map[string]any{"Title": "Chỉ tiêu, nhiệm vụ", "Report": rep, "Year": year, "TargetAsOf": asOf, "Notice": notice,
		"Figures": service.FigureNames(), "CanWrite": s.svc.CanSetTargets(ctx, code)}
	{
		attr := strings.TrimSpace(r.URL.Query().Get("group"))
		if attr == "" {
			attr = "border"
		}
		if g, err := s.svc.TargetGroupProgress(ctx, code, year, asOf, attr); err == nil && len(g.Members) > 0 {
			data["Group"] = g
		}
	}
	if data["Indicators"], err = s.svc.Indicators(ctx, code, year, asOf); err != nil {
		s.fail(w, r, err)
		return
	}
	if data["Programme"], err = s.svc.Programme(ctx, code, year, asOf); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "targets", data)
}

func targetFormInt(r *http.Request, name string) int64 {
	n, _ := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(r.PostFormValue(name)), ".", ""), 10, 64)
	return n
}

// targetsSave handles the three forms of the page, told apart by the field "form".
func (s *Server) targetsSave(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, err)
		return
	}
	code := r.PathValue("code")
	year := int(targetFormInt(r, "year"))
	var err error
	switch r.PostFormValue("form") {
	case "target":
		in := service.TargetInput{OrgCode: code, YearFrom: year, YearTo: int(targetFormInt(r, "year_to")), Figure: r.PostFormValue("figure"),
			Filter: r.PostFormValue("filter"), Direction: r.PostFormValue("direction"), Target: targetFormInt(r, "target"),
			Label: r.PostFormValue("label"), Document: r.PostFormValue("document")}
		if strings.TrimSpace(r.PostFormValue("baseline")) != "" {
			b := targetFormInt(r, "baseline")
			in.Baseline = &b
		}
		_, err = s.svc.SetTarget(r.Context(), in)
	case "indicator":
		_, err = s.svc.SetIndicator(r.Context(), service.IndicatorInput{OrgCode: code, Year: year, Position: int(targetFormInt(r, "position")),
			Name: r.PostFormValue("name"), TargetID: targetFormInt(r, "target_id"), Value: r.PostFormValue("value"),
			Achieved: r.PostFormValue("achieved") != "", Evidence: r.PostFormValue("evidence")})
	case "work":
		_, err = s.svc.SetWorkItem(r.Context(), service.WorkItemInput{OrgCode: code, Year: year, Kind: r.PostFormValue("kind"),
			Title: r.PostFormValue("title"), Owner: r.PostFormValue("owner"), Deadline: tochuc.Date(r.PostFormValue("deadline")),
			Status: r.PostFormValue("status"), DoneDate: tochuc.Date(r.PostFormValue("done_date")), ResultDoc: r.PostFormValue("result_document")})
	default:
		err = tochuc.Errorf(tochuc.EINVALID, "biểu mẫu không hợp lệ")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/orgs/"+code+"/targets?year="+strconv.Itoa(year)+"&saved=1", http.StatusSeeOther)
}

// apiTargets: GET /api/v1/targets?org=&year=&as_of=[&group=ATTR]
func (s *Server) apiTargets(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d, err := queryDate(r, "as_of")
	if err != nil {
		s.apiError(w, err)
		return
	}
	year, _ := strconv.Atoi(q.Get("year"))
	if g := q.Get("group"); g != "" {
		out, err := s.svc.TargetGroupProgress(r.Context(), q.Get("org"), year, d, g)
		if err != nil {
			s.apiError(w, err)
			return
		}
		s.json(w, http.StatusOK, out)
		return
	}
	out, err := s.svc.TargetProgress(r.Context(), q.Get("org"), year, d)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, out)
}

// apiTargetSet: POST /api/v1/targets with a TargetInput.
func (s *Server) apiTargetSet(w http.ResponseWriter, r *http.Request) {
	var in service.TargetInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	id, err := s.svc.SetTarget(r.Context(), in)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusCreated, map[string]int64{"id": id})
}

// apiIndicators: GET /api/v1/indicators?org=&year=&as_of=
func (s *Server) apiIndicators(w http.ResponseWriter, r *http.Request) {
	d, err := queryDate(r, "as_of")
	if err != nil {
		s.apiError(w, err)
		return
	}
	year, _ := strconv.Atoi(r.URL.Query().Get("year"))
	out, err := s.svc.Indicators(r.Context(), r.URL.Query().Get("org"), year, d)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, out)
}

// apiProgrammes: GET /api/v1/programmes?org=&year=&as_of=
func (s *Server) apiProgrammes(w http.ResponseWriter, r *http.Request) {
	d, err := queryDate(r, "as_of")
	if err != nil {
		s.apiError(w, err)
		return
	}
	year, _ := strconv.Atoi(r.URL.Query().Get("year"))
	out, err := s.svc.Programme(r.Context(), r.URL.Query().Get("org"), year, d)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, out)
}
