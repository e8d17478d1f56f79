package web

import (
	"net/http"
	"strconv"

	"tochuc/store"
)

// monthParam is the month asked for, this month by default.
func (s *Server) monthParam(r *http.Request) string {
	if m := r.URL.Query().Get("month"); m != "" {
		return m
	}
	if m := r.PathValue("month"); m != "" {
		return m
	}
	return string(s.svc.Today()[:7])
}

// monthsPage shows an org's monthly record of meetings and dues, with the form to keep it.
func (s *Server) monthsPage(w http.ResponseWriter, r *http.Request) {
	s.renderMonths(w, r, http.StatusOK, "")
}

func (s *Server) renderMonths(w http.ResponseWriter, r *http.Request, status int, notice string) {
	sheet, err := s.svc.MonthSheet(r.Context(), r.PathValue("code"), s.monthParam(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "months", map[string]any{"Title": "Sổ sinh hoạt và đảng phí", "Sheet": sheet, "Notice": notice})
}

// monthsSave writes the month's record from the form: one row of checkboxes per member.
func (s *Server) monthsSave(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, err)
		return
	}
	var recs []store.MonthRecord
	for _, v := range r.PostForm["member"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			continue
		}
		k := "_" + v
		recs = append(recs, store.MonthRecord{MemberID: id, MissedMeeting: r.PostFormValue("missed"+k) != "",
			DuesUnpaid: r.PostFormValue("unpaid"+k) != "", Excused: r.PostFormValue("excused"+k) != "", Note: r.PostFormValue("note" + k)})
	}
	month := r.PostFormValue("month")
	if err := s.svc.SaveMonthSheet(r.Context(), r.PathValue("code"), month, recs); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/orgs/"+r.PathValue("code")+"/months?month="+month+"&saved=1", http.StatusSeeOther)
}

// apiMonths returns an org's monthly record.
func (s *Server) apiMonths(w http.ResponseWriter, r *http.Request) {
	sheet, err := s.svc.MonthSheet(r.Context(), r.PathValue("code"), r.PathValue("month"))
	if err != nil {
		s.apiError(w, err)
		return
	}
	type row struct {
		store.MonthRecord
		FullName string `json:"full_name"`
	}
	out := struct {
		Org   string `json:"org_code"`
		Month string `json:"month"`
		Rows  []row  `json:"members"`
	}{Org: sheet.Org.Code, Month: sheet.Month, Rows: []row{}}
	for _, rw := range sheet.Rows {
		out.Rows = append(out.Rows, row{rw.MonthRecord, rw.Member.FullName})
	}
	s.json(w, http.StatusOK, out)
}

// apiMonthsPut replaces the month's record of the members given.
func (s *Server) apiMonthsPut(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Members []store.MonthRecord `json:"members"`
	}
	if !s.decodeBody(w, r, &in) {
		return
	}
	if err := s.svc.SaveMonthSheet(r.Context(), r.PathValue("code"), r.PathValue("month"), in.Members); err != nil {
		s.apiError(w, err)
		return
	}
	s.apiMonths(w, r)
}
