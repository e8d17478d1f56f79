package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tochuc"
	"tochuc/codes"
	"tochuc/service"
	"tochuc/tabular"
)

// filterParams are the query parameters of the member list filter, in the order the form shows them.
var filterParams = []string{"q", "status", "sex", "age", "ethnicity", "religion", "education", "theory", "admitted_from", "admitted_to"}

// parseFilter reads the member list filter from the query. Codes are checked by the service;
// here only the years must be numbers.
func parseFilter(r *http.Request) (service.MemberFilter, error) {
	q := r.URL.Query()
	f := service.MemberFilter{Query: q.Get("q"), Status: q.Get("status"), Sex: q.Get("sex"), AgeBand: q.Get("age"),
		Ethnicity: q.Get("ethnicity"), Religion: q.Get("religion"), Education: q.Get("education"), PoliticalTheory: q.Get("theory")}
	for _, y := range []struct {
		name, label string
		p           *int
	}{{"admitted_from", "Năm vào Đảng từ", &f.AdmittedFrom}, {"admitted_to", "Năm vào Đảng đến", &f.AdmittedTo}} {
		v := strings.TrimSpace(q.Get(y.name))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || len(v) != 4 {
			e := tochuc.Errorf(tochuc.EINVALID, "%s: %q không phải là một năm (bốn chữ số, ví dụ 2010)", y.label, v)
			e.Subject = y.name
			return f, e
		}
		*y.p = n
	}
	return f, nil
}

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool
}

func listOptions(l codes.List, cur string) []option {
	out := make([]option, 0, len(l.Items)+1)
	found := cur == ""
	for _, c := range l.Items {
		out = append(out, option{c.Code, c.Name, c.Code == cur})
		found = found || c.Code == cur
	}
	if !found { // a value no list knows stays visible (and selected), so that it is not lost
		out = append(out, option{cur, cur, true})
	}
	return out
}

// filterSelect is one select of the filter form.
type filterSelect struct {
	Name, Label string
	Options     []option
}

// filterView is what the filter form and the export links need.
type filterView struct {
	F           service.MemberFilter
	From, To    string // the years as typed
	Selects     []filterSelect
	Active      bool         // any filter beyond the name search
	Describe    string       // the filter in words
	ExportQuery template.URL // the list's query for /members/export, ending with "&"
	CanExport   bool
}

var statusList = codes.List{Items: []codes.Code{
	{Code: tochuc.StatusOfficial, Name: "Chính thức"}, {Code: tochuc.StatusProbationary, Name: "Dự bị"},
	{Code: tochuc.StatusExempt, Name: "Miễn công tác và sinh hoạt"},
	{Code: tochuc.StatusInTransit, Name: "Đang chuyển sinh hoạt"}}}

func ageList() codes.List {
	var l codes.List
	for _, b := range service.AgeBands {
		l.Items = append(l.Items, codes.Code{Code: b.Code, Name: b.Name})
	}
	return l
}

// newFilterView prepares the filter form; org is the org whose list it is ("" for search).
func newFilterView(r *http.Request, f service.MemberFilter, org string) filterView {
	q := r.URL.Query()
	v := filterView{F: f, From: q.Get("admitted_from"), To: q.Get("admitted_to"),
		CanExport: tochuc.ActorFrom(r.Context()).Can(tochuc.PermExport)}
	v.Selects = []filterSelect{
		{"status", "Trạng thái", listOptions(statusList, f.Status)},
		{"sex", "Giới tính", listOptions(codes.Sex, f.Sex)},
		{"age", "Độ tuổi", listOptions(ageList(), f.AgeBand)},
		{"ethnicity", "Dân tộc", listOptions(codes.Ethnicities, f.Ethnicity)},
		{"religion", "Tôn giáo", listOptions(codes.Religions, f.Religion)},
		{"education", "Giáo dục phổ thông", listOptions(codes.Education, f.Education)},
		{"theory", "Lý luận chính trị", listOptions(codes.PoliticalTheory, f.PoliticalTheory)},
	}
	g := f
	g.Query = ""
	v.Active = !g.IsZero()
	v.Describe = f.Describe()
	e := url.Values{}
	for _, p := range filterParams {
		if x := strings.TrimSpace(q.Get(p)); x != "" {
			e.Set(p, x)
		}
	}
	if x := q.Get("as_of"); x != "" {
		e.Set("as_of", x)
	}
	if org != "" {
		e.Set("org", org)
		if q.Get("scope") == "direct" {
			e.Set("scope", "direct")
		}
	}
	v.ExportQuery = template.URL(e.Encode() + "&")
	return v
}

// safeFileName keeps a file name part to ASCII letters, digits and hyphens.
func safeFileName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 || b.Len() > 60 {
		return "tat-ca"
	}
	return b.String()
}

// lazyFile sends the download headers with the first byte of the file, so that a refusal
// (scope, filter, audit) before any row is still an error page.
type lazyFile struct {
	w           http.ResponseWriter
	contentType string
	name        string
	started     bool
}

func (c *lazyFile) Write(p []byte) (int, error) {
	if !c.started {
		c.started = true
		h := c.w.Header()
		h.Set("Content-Type", c.contentType)
		h.Set("Content-Disposition", `attachment; filename="`+c.name+`"`)
		c.w.WriteHeader(http.StatusOK)
	}
	return c.w.Write(p)
}

// memberExport streams exactly the members a list shows (same filter, same org and scope) as
// XLSX or CSV. The service checks the export permission and the scope, and records the export
// with its filter in the audit trail before the first row.
func (s *Server) memberExport(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := parseFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	org := strings.TrimSpace(q.Get("org"))
	if !utf8.ValidString(org) || strings.ContainsFunc(org, unicode.IsControl) || len(org) > 100 {
		s.fail(w, r, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy tổ chức đảng"))
		return
	}
	opt := service.ExportOptions{AsOf: d, OrgCode: org, Filter: f, Direct: org != "" && q.Get("scope") == "direct"}
	s.download(w, r, "dang-vien-"+safeFileName(org)+"-"+string(d), "Danh sách", func(tw tabular.Writer, human bool) error {
		opt.Human = human
		_, err := s.svc.ExportMembers(r.Context(), tw, opt)
		return err
	})
}

// exportFormat reads the format of a download: xlsx or csv.
func exportFormat(r *http.Request) (string, error) {
	format := r.URL.Query().Get("format")
	if format != "xlsx" && format != "csv" {
		return "", tochuc.Errorf(tochuc.EINVALID, "Định dạng tệp xuất: chọn xlsx hoặc csv.")
	}
	return format, nil
}

// download answers a file named base plus the extension of ?format= (xlsx: one sheet named
// sheet; csv: with a BOM, so that Excel reads Vietnamese right; anything else is refused)
// holding what run writes to tw (cells neutralized; human says xlsx). An error before the first
// byte (scope, filter, audit) is an error page; after it the stream is cut and the browser sees
// a short file.
func (s *Server) download(w http.ResponseWriter, r *http.Request, base, sheet string, run func(tw tabular.Writer, human bool) error) {
	format, err := exportFormat(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := &lazyFile{w: w, name: base + "." + format}
	var tw tabular.Writer
	if format == "xlsx" {
		out.contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		if tw, err = tabular.NewXLSXWriter(out, sheet); err != nil {
			s.fail(w, r, err)
			return
		}
	} else {
		out.contentType = "text/csv; charset=utf-8"
		tw = tabular.NewCSVWriter(out, true)
	}
	if err := run(tabular.SafeCells(tw), format == "xlsx"); err != nil {
		if !out.started {
			s.fail(w, r, err)
			return
		}
		s.log.Error("export", "err", err)
	}
}
