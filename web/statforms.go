package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/service"
	"tochuc/statforms"
	"tochuc/stats"
)

// The official statistical forms: a form viewed for an org as of a date with its validation
// messages and an XLSX download; a round's completeness page for the level above ("45/52 đơn vị
// đã nộp", the missing units) with the submit, approve and return buttons. Rounds are named by
// form, date and the org that opened them, so every link is readable.

func init() {
	funcs["levelLabel"] = statforms.LevelLabel
}

// statformDate is ?as_of=, else the last 31/12 before today.
func (s *Server) statformDate(r *http.Request, name string) (tochuc.Date, error) {
	d, err := queryDate(r, name)
	if err != nil || d != "" {
		return d, err
	}
	y, _ := strconv.Atoi(string(s.svc.Today()[:4]))
	return tochuc.Date(strconv.Itoa(y-1) + "-12-31"), nil
}

// formRow is a row of the page's table: its cells in the order of the columns.
type formRow struct {
	statforms.Row
	Cells []formCell
}

type formCell struct {
	Value int64
	Set   bool
	Bad   bool
	Link  string // the list of what the cell counts, when it is one figure
}

func formRows(v *service.StatFormView) []formRow {
	bad := map[string]bool{}
	for _, is := range v.Issues {
		bad[is.Row+"|"+is.Column] = true
	}
	var out []formRow
	for _, r := range v.Layout.Rows {
		fr := formRow{Row: r}
		for _, c := range v.Layout.Columns {
			n, ok := v.Value(r.Key, c.Key)
			cell := formCell{Value: n, Set: ok, Bad: bad[r.Key+"|"+c.Key]}
			if fn, flow, f, one := v.Layout.CellFigure(r.Key, c.Key); ok && one && n > 0 {
				cell.Link = figureListLink(v.OrgCode, v.AsOf, v.From, v.Opening, fn, flow, f)
			} else if ok && n != 0 {
				// A sum: the page that explains it, each part with its own list.
				cell.Link = "/statforms/cell?" + url.Values{"form": {v.Form}, "org": {v.OrgCode}, "as_of": {string(v.AsOf)},
					"row": {r.Key}, "col": {c.Key}}.Encode()
			}
			fr.Cells = append(fr.Cells, cell)
		}
		out = append(out, fr)
	}
	return out
}

func statformQuery(form, org string, asOf tochuc.Date) string {
	return url.Values{"form": {form}, "org": {org}, "as_of": {string(asOf)}}.Encode()
}

// statformPage: GET /statforms?form=&org=&as_of=
func (s *Server) statformPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	asOf, err := s.statformDate(r, "as_of")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form := q.Get("form")
	if form == "" {
		form = statforms.Codes()[0]
	}
	var layouts []*statforms.Layout
	for _, c := range statforms.Codes() {
		l, _ := statforms.Get(c)
		layouts = append(layouts, l)
	}
	v, err := s.svc.StatForm(r.Context(), form, q.Get("org"), asOf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "statform", map[string]any{"Title": "Biểu thống kê", "Form": v, "Rows": formRows(v),
		"Layouts": layouts, "AsOf": asOf, "Query": statformQuery(v.Form, v.OrgCode, asOf)})
}

// statformXLSX: GET /statforms/xlsx?form=&org=&as_of=
func (s *Server) statformXLSX(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	asOf, err := s.statformDate(r, "as_of")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	v, err := s.svc.StatFormXLSX(r.Context(), &buf, q.Get("form"), q.Get("org"), asOf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", `attachment; filename="`+safeFileName(statforms.XLSXName(v.Form, v.OrgCode, asOf))+`"`)
	h.Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

// statroundPage: GET /statforms/round?form=&org=&as_of= — the completeness of the round, or
// the button to open it.
func (s *Server) statroundPage(w http.ResponseWriter, r *http.Request) {
	notice := ""
	if r.URL.Query().Get("done") != "" {
		notice = "Đã lưu."
	}
	s.renderRound(w, r, r.URL.Query(), notice)
}

func (s *Server) renderRound(w http.ResponseWriter, r *http.Request, q url.Values, notice string) {
	ctx := r.Context()
	asOf, err := tochuc.ParseISODate(q.Get("as_of"))
	if err != nil {
		s.fail(w, r, tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ", q.Get("as_of")))
		return
	}
	form, org := q.Get("form"), q.Get("org")
	data := map[string]any{"Title": "Đợt báo cáo biểu thống kê", "FormCode": form, "OrgCode": org, "AsOf": asOf, "Notice": notice}
	id, err := s.svc.FindStatRound(ctx, form, asOf, org)
	if err != nil {
		// No round yet: the level may open one; anyone else sees the form of the org.
		if _, ferr := s.svc.StatForm(ctx, form, org, asOf); ferr != nil {
			s.fail(w, r, ferr)
			return
		}
		data["CanOpen"] = s.svc.CanOpenStatRound(ctx, org, asOf)
		s.render(w, r, http.StatusOK, "statround", data)
		return
	}
	st, err := s.svc.StatRoundStatus(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data["Round"] = st
	s.render(w, r, http.StatusOK, "statround", data)
}

// statroundPost: POST /statforms/round (open), /statforms/round/submit, /statforms/round/decide.
func (s *Server) statroundPost(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	f := r.PostForm
	form, org := f.Get("form"), f.Get("org")
	asOf := tochuc.Date(f.Get("as_of"))
	var err error
	switch {
	case strings.HasSuffix(r.URL.Path, "/submit"):
		var id int64
		if id, err = s.svc.FindStatRound(ctx, form, asOf, org); err == nil {
			_, err = s.svc.SubmitStatForm(ctx, id, f.Get("unit"), f.Get("note"))
		}
	case strings.HasSuffix(r.URL.Path, "/decide"):
		var id int64
		if id, err = s.svc.FindStatRound(ctx, form, asOf, org); err == nil {
			approve := f.Get("decision") == "approve"
			err = s.svc.DecideStatForm(ctx, id, f.Get("unit"), approve, f.Get("note"))
		}
	default:
		_, err = s.svc.OpenStatRound(ctx, service.RoundInput{Form: form, AsOf: asOf, OrgCode: org,
			Deadline: tochuc.Date(f.Get("deadline")), Note: f.Get("note")})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/statforms/round?"+statformQuery(form, org, asOf)+"&done=1", http.StatusSeeOther)
}

// apiStatforms: GET /api/v1/statforms — the forms.
func (s *Server) apiStatforms(w http.ResponseWriter, r *http.Request) {
	type item struct {
		Code       string   `json:"code"`
		Title      string   `json:"title"`
		Dates      []string `json:"dates"`
		Basis      string   `json:"basis"`
		Unverified string   `json:"unverified,omitempty"`
	}
	var out []item
	for _, c := range statforms.Codes() {
		l, _ := statforms.Get(c)
		out = append(out, item{l.Code, l.Title, l.Dates, l.Basis, l.Unverified})
	}
	s.json(w, http.StatusOK, out)
}

// apiStatform: GET /api/v1/statforms/{form}?org=&as_of=
func (s *Server) apiStatform(w http.ResponseWriter, r *http.Request) {
	asOf, err := s.statformDate(r, "as_of")
	if err != nil {
		s.apiError(w, err)
		return
	}
	v, err := s.svc.StatForm(r.Context(), r.PathValue("form"), r.URL.Query().Get("org"), asOf)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, v)
}

// apiStatformCell: GET /api/v1/statforms/{form}/cell?org=&as_of=&row=&col= — a cell explained:
// its signed figures, each with its value and its filter.
func (s *Server) apiStatformCell(w http.ResponseWriter, r *http.Request) {
	asOf, err := s.statformDate(r, "as_of")
	if err != nil {
		s.apiError(w, err)
		return
	}
	q := r.URL.Query()
	c, err := s.svc.StatFormCell(r.Context(), r.PathValue("form"), q.Get("org"), asOf, q.Get("row"), q.Get("col"))
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, c)
}

// apiStatround: GET /api/v1/statforms/{form}/round?org=&as_of=
func (s *Server) apiStatround(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	form, asOf, org := r.PathValue("form"), tochuc.Date(q.Get("as_of")), q.Get("org")
	id, err := s.svc.FindStatRound(r.Context(), form, asOf, org)
	if err != nil {
		// No round yet, for an org the actor sees: say so, and whether it may open one.
		if _, ferr := s.svc.StatForm(r.Context(), form, org, asOf); ferr != nil {
			s.apiError(w, ferr)
			return
		}
		s.json(w, http.StatusOK, map[string]any{"opened": false, "can_open": s.svc.CanOpenStatRound(r.Context(), org, asOf)})
		return
	}
	st, err := s.svc.StatRoundStatus(r.Context(), id)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, st)
}

// roundRequest is the body of the round API calls.
type roundRequest struct {
	AsOf     tochuc.Date `json:"as_of"`
	OrgCode  string      `json:"org_code"`
	UnitCode string      `json:"unit_code"`
	Deadline tochuc.Date `json:"deadline"`
	Approve  bool        `json:"approve"`
	Note     string      `json:"note"`
}

// apiStatroundOpen: POST /api/v1/statforms/{form}/round
func (s *Server) apiStatroundOpen(w http.ResponseWriter, r *http.Request) {
	var in roundRequest
	if !s.decodeBody(w, r, &in) {
		return
	}
	id, err := s.svc.OpenStatRound(r.Context(), service.RoundInput{Form: r.PathValue("form"), AsOf: in.AsOf, OrgCode: in.OrgCode,
		Deadline: in.Deadline, Note: in.Note})
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusCreated, map[string]int64{"id": id})
}

// apiStatroundSubmit: POST /api/v1/statforms/{form}/round/submit — refused with the failing
// rules (row, column, rule) in the error.
func (s *Server) apiStatroundSubmit(w http.ResponseWriter, r *http.Request) {
	var in roundRequest
	if !s.decodeBody(w, r, &in) {
		return
	}
	id, err := s.svc.FindStatRound(r.Context(), r.PathValue("form"), in.AsOf, in.OrgCode)
	if err != nil {
		s.apiError(w, err)
		return
	}
	v, err := s.svc.SubmitStatForm(r.Context(), id, in.UnitCode, in.Note)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, v)
}

// apiStatroundDecide: POST /api/v1/statforms/{form}/round/decide
func (s *Server) apiStatroundDecide(w http.ResponseWriter, r *http.Request) {
	var in roundRequest
	if !s.decodeBody(w, r, &in) {
		return
	}
	id, err := s.svc.FindStatRound(r.Context(), r.PathValue("form"), in.AsOf, in.OrgCode)
	if err != nil {
		s.apiError(w, err)
		return
	}
	if err := s.svc.DecideStatForm(r.Context(), id, in.UnitCode, in.Approve, in.Note); err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, map[string]bool{"ok": true})
}

// cellTerm is a part of a cell on its page: what it counts, its conditions and its list.
type cellTerm struct {
	service.StatFormTermView
	Label   string
	Filters []statsFilterLine
	Link    string
}

// statformCellPage: GET /statforms/cell?form=&org=&as_of=&row=&col= — a cell explained.
func (s *Server) statformCellPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	asOf, err := s.statformDate(r, "as_of")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.svc.StatFormCell(r.Context(), q.Get("form"), q.Get("org"), asOf, q.Get("row"), q.Get("col"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var terms []cellTerm
	for _, t := range c.Terms {
		ct := cellTerm{StatFormTermView: t, Filters: filterLines(t.Filter)}
		switch t.Fn {
		case statforms.FnMembers:
			ct.Label = "Số đảng viên tại ngày " + c.AsOf.Display()
		case statforms.FnOpening:
			ct.Label = "Số đảng viên đầu kỳ (tại ngày " + c.Opening.Display() + ")"
		case statforms.FnFlow:
			ct.Label = stats.FlowLabel(t.Flow) + " (" + c.From.Display() + " – " + c.AsOf.Display() + ")"
		case statforms.FnOrgs:
			ct.Label = "Số tổ chức đảng tại ngày " + c.AsOf.Display()
		}
		if t.Listable && t.Value != 0 {
			ct.Link = figureListLink(c.OrgCode, c.AsOf, c.From, c.Opening, t.Fn, t.Flow, t.Filter)
		}
		terms = append(terms, ct)
	}
	s.render(w, r, http.StatusOK, "statformcell", map[string]any{"Title": "Ô của biểu số " + c.Form, "Cell": c, "Terms": terms,
		"Back": statformQuery(c.Form, c.OrgCode, c.AsOf)})
}

// figureListLink is the list of what one figure of a form of org counts (fn: members, opening,
// flow or orgs), with the form's dates: the day, the start of the flows' period, the opening.
func figureListLink(org string, asOf, from, opening tochuc.Date, fn, flow string, f map[string]string) string {
	switch fn {
	case statforms.FnMembers:
		return statsLink(org, asOf, f)
	case statforms.FnOpening:
		return statsLink(org, opening, f)
	case statforms.FnFlow:
		return statsFlowLink(org, from, asOf, flow, f)
	case statforms.FnOrgs:
		return statsOrgsLink(org, asOf, f)
	}
	return ""
}
