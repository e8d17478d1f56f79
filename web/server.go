// Package web serves the Vietnamese web pages and the JSON API over the service.
package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tochuc"
	"tochuc/codes"
	"tochuc/service"
	"tochuc/vn"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server is the HTTP handler of the application.
type Server struct {
	svc   *service.Service
	pages map[string]*template.Template
	mux   *http.ServeMux
	log   *slog.Logger
	opt   Options
	cop   *http.CrossOriginProtection
}

// New parses and checks every template at startup, so a broken page fails the start, not a user.
func New(svc *service.Service, log *slog.Logger, opt Options) (*Server, error) {
	s := &Server{svc: svc, pages: map[string]*template.Template{}, mux: http.NewServeMux(), log: log, opt: opt,
		cop: http.NewCrossOriginProtection()}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if strings.HasSuffix(n, "/layout.html") || strings.HasSuffix(n, "/memberlist.html") || strings.HasSuffix(n, "/tree.html") {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/memberlist.html", "templates/tree.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", n, err)
		}
		s.pages[strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")] = t
	}
	s.routes()
	return s, nil
}

// ServeHTTP adds the security headers every response carries.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-store")
	if s.opt.SecureCookies {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	// Cross-origin state changes are refused before any handler runs (Sec-Fetch-Site / Origin).
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	s.cop.Handler(s.mux).ServeHTTP(sw, r)
	// The log names the route pattern, never the query or the path's values: no personal data.
	s.log.Info("request", "method", r.Method, "route", r.Pattern, "status", sw.status,
		"ms", time.Since(start).Milliseconds())
}

// statusWriter remembers the status a handler sent, for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }

// Unwrap lets http.ResponseController reach the underlying writer (flushing exports).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

var eventLabels = map[string]string{
	tochuc.EventAdmitted: "Kết nạp vào Đảng", tochuc.EventRecognized: "Công nhận đảng viên chính thức",
	tochuc.EventTransferred: "Chuyển sinh hoạt đảng", tochuc.EventReassigned: "Chuyển theo sắp xếp tổ chức",
	tochuc.EventExempted: "Miễn công tác và sinh hoạt đảng", tochuc.EventExemptionEnded: "Trở lại sinh hoạt đảng",
	tochuc.EventRemoved: "Xóa tên", tochuc.EventWithdrawn: "Xin ra khỏi Đảng", tochuc.EventExpelled: "Khai trừ",
	tochuc.EventDeceased: "Từ trần", tochuc.EventReadmitted: "Kết nạp lại", tochuc.EventRestored: "Phục hồi đảng tịch",
	tochuc.OrgFound: "Thành lập", tochuc.OrgRename: "Đổi tên", tochuc.OrgMove: "Chuyển trực thuộc",
	tochuc.OrgMerge: "Hợp nhất, sáp nhập", tochuc.OrgSplit: "Chia tách", tochuc.OrgDissolve: "Giải thể", tochuc.OrgUpdate: "Thay đổi thông tin",
}

var roleLabels = map[string]string{
	tochuc.RoleAdmin: "Quản trị hệ thống", tochuc.RoleStaff: "Cán bộ ban tổ chức", tochuc.RoleLeader: "Lãnh đạo",
	tochuc.RoleSecretary: "Bí thư chi bộ", tochuc.RoleMember: "Đảng viên",
}

func codeLabel(l codes.List) func(string) string {
	return func(c string) string {
		if x, ok := l.ByCode(c); ok {
			return x.Name
		}
		return c
	}
}

var funcs = template.FuncMap{
	"num":       func(n any) string { return vn.FormatInt(toInt64(n)) },
	"pct":       func(a, b any) string { return vn.FormatPercent(toInt64(a), toInt64(b)) },
	"date":      func(d tochuc.Date) string { return d.Display() },
	"kind":      codeLabel(codes.OrgKinds),
	"setting":   codeLabel(codes.Settings),
	"status":    codeLabel(codes.MemberStatuses),
	"event":     func(k string) string { return eventLabels[k] },
	"sex":       codeLabel(codes.Sex),
	"ethnicity": codeLabel(codes.Ethnicities),
	"religion":  codeLabel(codes.Religions),
	"education": codeLabel(codes.Education),
	"qual":      codeLabel(codes.ProfessionalQualification),
	"theory":    codeLabel(codes.PoliticalTheory),
	"title":     codeLabel(codes.AcademicTitle),
	"job":       codeLabel(codes.Occupations),
	"birth": func(s string) string {
		if d, err := vn.ParsePartialDate(s); err == nil {
			return d.Display()
		}
		return s
	},
	"add":   func(a, b int) int { return a + b },
	"role":  func(r string) string { return roleLabels[r] },
	"t":     translate,
	"clock": func(t time.Time) string { return t.In(tochuc.Vietnam).Format("15:04 02/01/2006") },
}

func toInt64(n any) int64 {
	switch v := n.(type) {
	case int:
		return int64(v)
	case int64:
		return v
	}
	return 0
}

// render writes a page; a template error becomes a 500 without half a page sent.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, data map[string]any) {
	t := s.pages[page]
	data["Page"] = page
	q := r.URL.Query()
	q.Del("page")
	pq := q.Encode()
	if pq != "" {
		pq += "&"
	}
	data["PageQuery"] = template.URL(pq)
	if _, ok := data["AsOf"]; !ok {
		data["AsOf"] = tochuc.Date("")
	}
	if _, ok := data["Q"]; !ok {
		data["Q"] = ""
	}
	data["Lang"] = lang(r)
	if r.Method == http.MethodGet {
		data["Here"] = r.URL.RequestURI() // where the language switch comes back to
	}
	data["Printed"] = s.svc.Today() // the day on the printed footer
	if wh := whoFrom(r.Context()); wh != nil {
		data["Me"] = wh.User
		data["CSRF"] = wh.Session.CSRFToken
		data["Stage"] = wh.Stage
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		s.log.Error("render", "page", page, "err", err)
		http.Error(w, "Lỗi hiển thị trang", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// fail shows an error page chosen by the error's code, never a raw Go error.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch tochuc.ErrorCode(err) {
	case tochuc.ENOTFOUND:
		status = http.StatusNotFound
	case tochuc.EINVALID:
		status = http.StatusBadRequest
	case tochuc.ECONFLICT:
		status = http.StatusConflict
	case tochuc.EFORBIDDEN:
		status = http.StatusNotFound // outside the scope is "not found"
	default:
		s.log.Error("request", "path", r.URL.Path, "err", err)
	}
	s.render(w, r, status, "error", map[string]any{"Title": "Lỗi", "Message": tochuc.ErrorMessage(err)})
}

// asOf reads the as_of parameter (yyyy-mm-dd or dd/mm/yyyy), today when absent.
func (s *Server) asOf(r *http.Request) (tochuc.Date, error) {
	v := strings.TrimSpace(r.URL.Query().Get("as_of"))
	if v == "" {
		return s.svc.Today(), nil
	}
	if d, err := tochuc.ParseISODate(v); err == nil {
		return d, nil
	}
	t, err := vn.ParseDate(v)
	if err != nil {
		return "", tochuc.Errorf(tochuc.EINVALID, "ngày xem %q không hợp lệ; nhập theo dạng dd/mm/yyyy", v)
	}
	return tochuc.DateOf(t), nil
}

func intParam(r *http.Request, name string, def int) int {
	if n, err := strconv.Atoi(r.URL.Query().Get(name)); err == nil && n > 0 {
		return n
	}
	return def
}
