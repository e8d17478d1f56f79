package web

import (
	"crypto/rand"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tochuc"
	"tochuc/audit"
	"tochuc/service"
	"tochuc/vn"
)

func init() {
	// Registered here so that the admin pages add their helpers without touching the shared map.
	funcs["stamp"] = stampDisplay
	funcs["canAdmin"] = func(u tochuc.User) bool { return u.Can(tochuc.PermUsers) }
	funcs["canAudit"] = func(u tochuc.User) bool { return u.Can(tochuc.PermAudit) }
}

// stampDisplay shows an RFC 3339 time as dd/mm/yyyy hh:mm:ss in Vietnam time; other text as is.
func stampDisplay(s string) string {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return t.In(tochuc.Vietnam).Format("02/01/2006 15:04:05")
}

// pathID reads a numeric path parameter; anything else is "not found".
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy")
	}
	return id, nil
}

// generatedPassword is a random initial password for a new account: 26 base-32 characters
// (130 bits), handed over once.
func generatedPassword() string { return strings.ToLower(rand.Text()) }

// adminUsers lists the accounts the admin manages.
func (s *Server) adminUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.svc.Users(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "users", map[string]any{"Title": "Quản trị tài khoản", "Users": users})
}

// adminUserNew shows the form for a new account.
func (s *Server) adminUserNew(w http.ResponseWriter, r *http.Request) {
	if _, err := s.svc.Users(r.Context()); err != nil { // only admins see the form
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "usernew", map[string]any{"Title": "Tạo tài khoản mới", "Roles": tochuc.Roles,
		"In": service.UserInput{}, "Role": tochuc.RoleStaff, "Org": "", "Restricted": false})
}

// adminUserCreate makes an account with its first role; an empty password is generated and shown
// once on the account's page.
func (s *Server) adminUserCreate(w http.ResponseWriter, r *http.Request) {
	in := service.UserInput{Username: r.PostFormValue("username"), FullName: r.PostFormValue("full_name"),
		Password: r.PostFormValue("password"), Locale: r.PostFormValue("locale")}
	role, org, restricted := r.PostFormValue("role"), strings.TrimSpace(r.PostFormValue("org")), r.PostFormValue("restricted") != ""
	generated := in.Password == ""
	if generated {
		in.Password = generatedPassword()
	}
	id, err := s.svc.CreateUser(r.Context(), in, role, org, restricted)
	if err != nil {
		if c := tochuc.ErrorCode(err); c != tochuc.EINVALID && c != tochuc.ECONFLICT && c != tochuc.ENOTFOUND {
			s.fail(w, r, err)
			return
		}
		in.Password = ""
		status := map[string]int{tochuc.EINVALID: http.StatusBadRequest, tochuc.ECONFLICT: http.StatusConflict,
			tochuc.ENOTFOUND: http.StatusNotFound}[tochuc.ErrorCode(err)]
		s.render(w, r, status, "usernew", map[string]any{"Title": "Tạo tài khoản mới", "Roles": tochuc.Roles,
			"In": in, "Role": role, "Org": org, "Restricted": restricted, "Error": tochuc.ErrorMessage(err)})
		return
	}
	data := map[string]any{"Notice": "Đã tạo tài khoản."}
	if generated {
		data["NewPassword"] = in.Password
	}
	s.renderUser(w, r, http.StatusCreated, id, data)
}

func (s *Server) renderUser(w http.ResponseWriter, r *http.Request, status int, id int64, data map[string]any) {
	u, err := s.svc.User(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sessions, err := s.svc.UserSessions(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data["Title"], data["Account"], data["Sessions"], data["Roles"] = "Tài khoản "+u.Username, u, sessions, tochuc.Roles
	s.render(w, r, status, "useradmin", data)
}

// adminUser shows one account: its roles and live sessions.
func (s *Server) adminUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := map[string]any{}
	if n, ok := doneNotices[r.URL.Query().Get("done")]; ok {
		data["Notice"] = n
	}
	s.renderUser(w, r, http.StatusOK, id, data)
}

// doneNotices confirm a change after the redirect that follows it.
var doneNotices = map[string]string{
	"grant": "Đã giao vai trò.", "revoke": "Đã thu hồi vai trò.", "disable": "Đã khóa tài khoản; mọi phiên đăng nhập của tài khoản đã kết thúc.",
	"enable": "Đã mở khóa tài khoản.", "sessions": "Đã kết thúc mọi phiên đăng nhập của tài khoản.",
}

// adminAction runs a change on an account and shows the account again, with the service's
// words when the change was refused.
func (s *Server) adminAction(w http.ResponseWriter, r *http.Request, notice string, do func(id int64) error) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := do(id); err != nil {
		if c := tochuc.ErrorCode(err); c == tochuc.EINVALID || c == tochuc.ECONFLICT {
			s.renderUser(w, r, http.StatusBadRequest, id, map[string]any{"Error": tochuc.ErrorMessage(err)})
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(id, 10)+"?done="+url.QueryEscape(notice), http.StatusSeeOther)
}

func (s *Server) adminGrant(w http.ResponseWriter, r *http.Request) {
	s.adminAction(w, r, "grant", func(id int64) error {
		return s.svc.GrantRole(r.Context(), id, r.PostFormValue("role"), strings.TrimSpace(r.PostFormValue("org")), r.PostFormValue("restricted") != "")
	})
}

func (s *Server) adminRevoke(w http.ResponseWriter, r *http.Request) {
	s.adminAction(w, r, "revoke", func(id int64) error {
		gid, err := pathID(r, "gid")
		if err != nil {
			return err
		}
		return s.svc.RevokeRole(r.Context(), id, gid)
	})
}

func (s *Server) adminDisable(w http.ResponseWriter, r *http.Request) {
	s.adminAction(w, r, "disable", func(id int64) error { return s.svc.SetUserDisabled(r.Context(), id, true) })
}

func (s *Server) adminEnable(w http.ResponseWriter, r *http.Request) {
	s.adminAction(w, r, "enable", func(id int64) error { return s.svc.SetUserDisabled(r.Context(), id, false) })
}

func (s *Server) adminEndSessions(w http.ResponseWriter, r *http.Request) {
	s.adminAction(w, r, "sessions", func(id int64) error { return s.svc.EndUserSessions(r.Context(), id) })
}

// auditQuery reads the filters of the audit page and API: action, actor, object (TYPE or
// TYPE:ID), from, to (yyyy-mm-dd or dd/mm/yyyy), before, limit.
func auditQuery(r *http.Request) (service.AuditQuery, error) {
	q := r.URL.Query()
	f := service.AuditQuery{Action: strings.TrimSpace(q.Get("action")), Actor: strings.TrimSpace(q.Get("actor")),
		Limit: intParam(r, "limit", 50)}
	f.ObjectType, f.ObjectID, _ = strings.Cut(strings.TrimSpace(q.Get("object")), ":")
	for _, p := range []struct {
		name, label string
		to          *string
	}{{"from", "Từ ngày", &f.From}, {"to", "Đến ngày", &f.To}} {
		v := strings.TrimSpace(q.Get(p.name))
		if v == "" {
			continue
		}
		if d, err := tochuc.ParseISODate(v); err == nil {
			*p.to = string(d)
		} else if t, err := vn.ParseDate(v); err == nil {
			*p.to = string(tochuc.DateOf(t))
		} else {
			return f, tochuc.Errorf(tochuc.EINVALID, "%s: ngày %q không hợp lệ; nhập theo dạng dd/mm/yyyy", p.label, audit.Clean(v))
		}
	}
	if v := q.Get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return f, tochuc.Errorf(tochuc.EINVALID, "Trang: số thứ tự %q không hợp lệ", audit.Clean(v))
		}
		f.Before = n
	}
	return f, nil
}

// auditRow is one entry as the page shows it: every text made safe to look at by audit.Clean
// (control characters and bidi overrides shown escaped), then escaped by html/template.
type auditRow struct {
	Seq                                int64
	Time, Actor, Channel, IP, Action   string
	Object, Link, Org, Outcome, Reason string
	Detail                             string
	Changes                            []tochuc.FieldChange
}

func auditRows(p *service.AuditPage) []auditRow {
	c := audit.Clean
	out := make([]auditRow, 0, len(p.Entries))
	for _, e := range p.Entries {
		row := auditRow{Seq: e.Seq, Time: stampDisplay(e.Time), Actor: c(e.ActorName), Channel: c(e.Channel), IP: c(e.IP),
			Action: c(e.Action), Outcome: c(e.Outcome), Reason: c(e.Reason), Detail: c(e.Detail)}
		if row.Actor == "" {
			row.Actor = "?"
		}
		if e.ObjectType != "" || e.ObjectID != "" {
			row.Object = c(e.ObjectType)
			if e.ObjectID != "" {
				row.Object += ":" + c(e.ObjectID)
			}
		}
		if e.ObjectID != "" {
			switch e.ObjectType {
			case "member":
				row.Link = "/members/" + url.PathEscape(e.ObjectID)
			case "org":
				row.Link = "/orgs/" + url.PathEscape(e.ObjectID)
			case "user":
				row.Link = "/admin/users/" + url.PathEscape(e.ObjectID)
			}
		}
		if e.OrgID != 0 {
			row.Org = c(p.OrgNames[e.OrgID])
			if row.Org == "" {
				row.Org = "#" + strconv.FormatInt(e.OrgID, 10)
			}
		}
		for _, ch := range e.Changes {
			row.Changes = append(row.Changes, tochuc.FieldChange{Field: c(ch.Field), Old: c(ch.Old), New: c(ch.New)})
		}
		out = append(out, row)
	}
	return out
}

// auditPage shows the audit trail the admin may see, newest first.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	f, ferr := auditQuery(r)
	data := map[string]any{"Title": "Nhật ký kiểm toán", "F": f, "Object": r.URL.Query().Get("object")}
	status := http.StatusOK
	if ferr == nil {
		p, err := s.svc.AuditEntries(r.Context(), f)
		if tochuc.ErrorCode(err) == tochuc.EINVALID {
			ferr = err
		} else if err != nil {
			s.fail(w, r, err)
			return
		} else {
			data["Rows"], data["Next"] = auditRows(p), p.Next
			if p.Next != 0 {
				q := r.URL.Query()
				q.Set("before", strconv.FormatInt(p.Next, 10))
				data["NextURL"] = template.URL("/audit?" + q.Encode())
			}
		}
	}
	if ferr != nil {
		// Show the form with the rule that failed; nothing is listed.
		if _, err := s.svc.AuditEntries(r.Context(), service.AuditQuery{Limit: 1}); err != nil {
			s.fail(w, r, err)
			return
		}
		data["Error"], status = tochuc.ErrorMessage(ferr), http.StatusBadRequest
	}
	data["Root"] = s.svc.CanVerifyAudit(r.Context())
	s.render(w, r, status, "audit", data)
}

// auditVerify walks the chain and shows the head to write down (admin at the root only).
func (s *Server) auditVerify(w http.ResponseWriter, r *http.Request) {
	expect := strings.TrimSpace(r.URL.Query().Get("expect"))
	c, err := s.svc.VerifyAudit(r.Context(), expect)
	data := map[string]any{"Title": "Kiểm tra tính toàn vẹn của nhật ký", "Expect": expect}
	if tochuc.ErrorCode(err) == tochuc.EINVALID {
		data["Error"] = tochuc.ErrorMessage(err)
		s.render(w, r, http.StatusBadRequest, "auditverify", data)
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	c.Problem, c.Head = audit.Clean(c.Problem), audit.Clean(c.Head)
	data["Check"] = c
	s.render(w, r, http.StatusOK, "auditverify", data)
}
