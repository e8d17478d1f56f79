package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/forms"
	"tochuc/reports"
	"tochuc/service"
)

// The review report (báo cáo sơ kết, tổng kết công tác tổ chức xây dựng Đảng) of an org for a
// period: a page to choose the org and the period, read the sentences and figures with their
// queries, and download the report as DOCX or PDF; the JSON API gives the file or the figures.
// The service checks the counts permission over the org and records every report made.

// reviewPeriod is one choice of the period list.
type reviewPeriod struct {
	Code  string
	Label string // "6 tháng đầu năm", "Quý", "Năm" (translated with tl)
	Num   string // the quarter in Roman numerals
	Year  int
}

// reviewPeriods lists the periods begun by today, the latest first, over three years.
func reviewPeriods(today tochuc.Date) []reviewPeriod {
	y, _ := strconv.Atoi(string(today[:4]))
	roman := []string{"", "I", "II", "III", "IV"}
	var out []reviewPeriod
	for year := y; year > y-3; year-- {
		cands := []reviewPeriod{{Code: strconv.Itoa(year), Label: "Năm", Year: year},
			{Code: strconv.Itoa(year) + "H2", Label: "6 tháng cuối năm", Year: year},
			{Code: strconv.Itoa(year) + "H1", Label: "6 tháng đầu năm", Year: year}}
		for q := 4; q >= 1; q-- {
			cands = append(cands, reviewPeriod{Code: strconv.Itoa(year) + "Q" + strconv.Itoa(q), Label: "Quý", Num: roman[q], Year: year})
		}
		for _, c := range cands {
			if p, err := reports.ParsePeriod(c.Code); err == nil && p.From() <= today {
				out = append(out, c)
			}
		}
	}
	return out
}

// reviewTerm reads the term= parameter: "" (the default choice) is 0.
func reviewTerm(q url.Values) (int, error) {
	v := strings.TrimSpace(q.Get("term"))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1930 || n > 2200 {
		return 0, tochuc.Errorf(tochuc.EINVALID, "Nhiệm kỳ: chọn năm bắt đầu nhiệm kỳ, ví dụ 2025.")
	}
	return n, nil
}

// reviewTerms are the congress terms offered for a period: from the one starting the year after
// it back over six years, and the chosen one (the default leaves the choice to the report).
func reviewTerms(period string, chosen int, today tochuc.Date) []int {
	y, _ := strconv.Atoi(string(today[:4]))
	if p, err := reports.ParsePeriod(period); err == nil {
		y = p.Year
	}
	var out []int
	for t := y + 1; t >= y-6; t-- {
		out = append(out, t)
	}
	if chosen != 0 && (chosen > y+1 || chosen < y-6) {
		out = append(out, chosen)
	}
	return out
}

// reviewPage serves GET /reports/review?org=&period=&term=.
func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	org, period := strings.TrimSpace(q.Get("org")), strings.ToUpper(strings.TrimSpace(q.Get("period")))
	periods := reviewPeriods(s.svc.Today())
	if period == "" && len(periods) > 0 {
		period = periods[0].Code
	}
	term, err := reviewTerm(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := map[string]any{"Title": "Báo cáo sơ kết, tổng kết", "ReviewOrg": org, "ReviewPeriod": period, "Periods": periods,
		"ReviewTerm": term, "Terms": reviewTerms(period, term, s.svc.Today())}
	if q.Has("period") {
		f, err := s.svc.ReviewFiguresTerm(r.Context(), org, period, term, "web")
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data["Figures"], data["Sentences"], data["ReviewOrg"] = f, f.Sentences(), f.OrgCode
	}
	s.render(w, r, http.StatusOK, "reportreview", data)
}

// reviewDownload serves GET /reports/review/download?org=&period=&term=&format=docx|pdf&symbol=
// &signer=&signer_title= (the form under the figures).
func (s *Server) reviewDownload(w http.ResponseWriter, r *http.Request) {
	s.reviewFile(w, r, func(err error) { s.fail(w, r, err) })
}

// apiReview serves GET /api/v1/reports/review?org=&period=&term=&format=json|docx|pdf (json by
// default: the figures, their sentences and the query of each; the files take symbol=,
// signer= and signer_title= too).
func (s *Server) apiReview(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if f := q.Get("format"); f == "" || f == "json" {
		term, err := reviewTerm(q)
		if err != nil {
			s.apiError(w, err)
			return
		}
		out, err := s.svc.ReviewFiguresTerm(r.Context(), q.Get("org"), q.Get("period"), term, "json")
		if err != nil {
			s.apiError(w, err)
			return
		}
		s.json(w, http.StatusOK, struct {
			*reports.Figures
			Sentences []string `json:"sentences"`
		}{out, out.Sentences()})
		return
	}
	s.reviewFile(w, r, func(err error) { s.apiError(w, err) })
}

// reviewFile builds the report in memory and sends it; fail reports errors in the caller's way.
func (s *Server) reviewFile(w http.ResponseWriter, r *http.Request, fail func(error)) {
	q := r.URL.Query()
	format, err := forms.ParseFormat(q.Get("format"))
	if err != nil {
		fail(tochuc.Errorf(tochuc.EINVALID, "Định dạng tệp: chọn pdf hoặc docx."))
		return
	}
	term, err := reviewTerm(q)
	if err != nil {
		fail(err)
		return
	}
	rep, err := s.svc.ReviewReportWith(r.Context(), q.Get("org"), q.Get("period"), format, service.ReviewOptions{Term: term,
		Symbol: q.Get("symbol"), Signer: q.Get("signer"), SignerTitle: q.Get("signer_title")})
	if err != nil {
		fail(err)
		return
	}
	var buf bytes.Buffer
	if err := forms.WriteReport(&buf, rep.Document(), format); err != nil {
		fail(err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", format.ContentType())
	h.Set("Content-Disposition", `attachment; filename="bao-cao-`+safeFileName(rep.Figures.OrgCode)+"-"+rep.Figures.Code+"."+string(format)+`"`)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	buf.WriteTo(w)
}
