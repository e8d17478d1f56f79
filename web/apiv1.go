package web

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"tochuc"
	"tochuc/audit"
	"tochuc/service"
	"tochuc/tabular"
)

// The JSON API: the same service methods as the pages, so the same scope and the same audit.
// Writes take a JSON body of at most maxBody bytes; an unknown field is refused (400), so that
// a misspelt field never silently does nothing.

//go:embed openapi.yaml
var openapiYAML []byte

// maxBody bounds a JSON request body.
const maxBody = 1 << 20

// openapi serves the OpenAPI 3.1 document of the API.
func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Write(openapiYAML)
}

// apiFail answers an error that is not one of the service's codes (a bad body).
func (s *Server) apiFail(w http.ResponseWriter, status int, code, msg string) {
	s.json(w, status, map[string]string{"error": code, "message": msg})
}

// decodeBody reads a JSON object into v: one object, known fields only, at most maxBody bytes.
// It answers the request itself and returns false when the body is refused.
func (s *Server) decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		s.apiFail(w, http.StatusRequestEntityTooLarge, tochuc.EINVALID, fmt.Sprintf("Nội dung yêu cầu quá lớn (tối đa %d byte).", maxBody))
		return false
	} else if err != nil {
		s.apiFail(w, http.StatusBadRequest, tochuc.EINVALID, "Không đọc được nội dung yêu cầu.")
		return false
	}
	if err := strictJSON(body, v); err != nil {
		s.apiError(w, err)
		return false
	}
	return true
}

// strictJSON decodes one JSON object into v, refusing unknown fields and trailing data, with a
// Vietnamese message naming the field.
func strictJSON(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing")
	}
	if err == nil {
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	switch {
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return tochuc.Errorf(tochuc.EINVALID, "Trường %s không có; chỉ dùng các trường đã mô tả trong /api/v1/openapi.yaml.",
			audit.Clean(strings.TrimPrefix(err.Error(), "json: unknown field ")))
	case errors.As(err, &typeErr):
		return tochuc.Errorf(tochuc.EINVALID, "Trường %q: sai kiểu giá trị (cần %s).", audit.Clean(typeErr.Field), typeErr.Type.String())
	case errors.Is(err, io.EOF):
		return tochuc.Errorf(tochuc.EINVALID, "Thiếu nội dung JSON.")
	}
	return tochuc.Errorf(tochuc.EINVALID, "Nội dung không phải một đối tượng JSON hợp lệ.")
}

func (s *Server) apiPathID(w http.ResponseWriter, r *http.Request, name string) (int64, bool) {
	id, err := pathID(r, name)
	if err != nil {
		s.apiError(w, err)
		return 0, false
	}
	return id, true
}

// apiMe returns the account of the caller with its roles.
func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	u, err := s.svc.Me(r.Context())
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, u)
}

// apiOrg returns one org on a date: its facts, the path above it, its children with counts,
// its versions and its events.
func (s *Server) apiOrg(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	v, err := s.svc.ViewOrg(r.Context(), r.PathValue("code"), d)
	if err != nil {
		s.apiError(w, err)
		return
	}
	type child struct {
		tochuc.Org
		Members int64 `json:"members"`
	}
	kids := []child{}
	for _, c := range v.Children {
		kids = append(kids, child{c.Org, c.Count.Total()})
	}
	s.json(w, http.StatusOK, map[string]any{"as_of": d, "org": v.Org, "ancestors": v.Ancestors, "children": kids,
		"count": v.Count, "direct": v.Direct, "versions": v.Versions, "events": v.Events})
}

// apiMembers searches and lists members (one page): org (the caller's widest org by default),
// scope=direct for the org itself, the filter of the member list (q: name, CCCD or card number;
// status, sex, age, ethnicity, religion, education, theory, admitted_from, admitted_to), page,
// page_size.
func (s *Server) apiMembers(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	f, err := parseFilter(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	q := r.URL.Query()
	in := service.MemberList{OrgCode: strings.TrimSpace(q.Get("org")), AsOf: d, Subtree: q.Get("scope") != "direct",
		Filter: f, Page: intParam(r, "page", 1), PageSize: intParam(r, "page_size", 50)}
	p, err := s.svc.ListMembers(r.Context(), in)
	if err != nil {
		s.apiError(w, err)
		return
	}
	members := p.Members
	if members == nil {
		members = []tochuc.Member{}
	}
	s.json(w, http.StatusOK, map[string]any{"as_of": d, "total": p.Total, "capped": p.Capped, "page": p.Page, "pages": p.Pages, "members": members})
}

// readOnlyMember are the fields of a member the timeline decides: a PATCH may not set them.
var readOnlyMember = []string{"id", "org_id", "org_code", "org_name", "status", "has_photo", "admission_date", "ceremony_date", "official_date"}

// apiMemberPatch corrects identity fields of a member: the fields present in the body replace
// the record's, the others stay.
func (s *Server) apiMemberPatch(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	var raw json.RawMessage
	if !s.decodeBody(w, r, &raw) {
		return
	}
	var present map[string]json.RawMessage
	if err := json.Unmarshal(raw, &present); err != nil {
		s.apiError(w, tochuc.Errorf(tochuc.EINVALID, "Nội dung phải là một đối tượng JSON."))
		return
	}
	m, _, err := s.svc.Member(r.Context(), id, s.svc.Today())
	if err != nil {
		s.apiError(w, err)
		return
	}
	for _, f := range readOnlyMember {
		if _, ok := present[f]; ok {
			s.apiError(w, tochuc.Errorf(tochuc.EINVALID, "Trường %s chỉ đọc: tổ chức, tình trạng và các ngày vào Đảng do các sự kiện quyết định (POST /api/v1/members/%d/events).", f, id))
			return
		}
	}
	if err := strictJSON(raw, &m); err != nil {
		s.apiError(w, err)
		return
	}
	_, parts := present["given_name"]
	for _, f := range []string{"surname", "middle_name"} {
		_, p := present[f]
		parts = parts || p
	}
	if _, full := present["full_name"]; full && !parts {
		m.Surname, m.MiddleName, m.GivenName = "", "", "" // split the new full name again
	}
	m.ID = id
	if err := s.svc.UpdateMember(r.Context(), m); err != nil {
		s.apiError(w, err)
		return
	}
	m, events, err := s.svc.Member(r.Context(), id, s.svc.Today())
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, map[string]any{"as_of": s.svc.Today(), "member": m, "events": events})
}

// eventInput is the body of a new timeline event.
type eventInput struct {
	Kind     string      `json:"kind"`
	Date     tochuc.Date `json:"date"`
	OrgCode  string      `json:"org_code"` // the org a transfer or readmission goes to
	Document string      `json:"document"`
	Note     string      `json:"note"`
}

// apiMemberEvent records a dated event on a member's timeline.
func (s *Server) apiMemberEvent(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	var in eventInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	d, err := tochuc.ParseISODate(string(in.Date))
	if err != nil {
		s.apiError(w, tochuc.Errorf(tochuc.EINVALID, "Trường date: ngày %q không hợp lệ (dạng yyyy-mm-dd).", audit.Clean(string(in.Date))))
		return
	}
	e := tochuc.MemberEvent{MemberID: id, Kind: in.Kind, Date: d, OrgCode: in.OrgCode, Document: in.Document, Note: in.Note}
	if err := s.svc.RecordEvent(r.Context(), e); err != nil {
		s.apiError(w, err)
		return
	}
	m, events, err := s.svc.Member(r.Context(), id, s.svc.Today())
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusCreated, map[string]any{"as_of": s.svc.Today(), "member": m, "events": events})
}

// apiExport streams exactly the members GET /api/v1/members selects (same filter, org and
// scope, every page) as CSV, UTF-8 with a BOM, cells that would start a formula neutralized.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	f, err := parseFilter(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	q := r.URL.Query()
	org := strings.TrimSpace(q.Get("org"))
	opt := service.ExportOptions{AsOf: d, OrgCode: org, Filter: f, Direct: org != "" && q.Get("scope") == "direct"}
	// The export checks the scope and writes its audit entry before the first byte; only then
	// does the response start, so a refusal is still a JSON error.
	out := &lazyFile{w: w, name: "dang-vien-" + safeFileName(org) + "-" + string(d) + ".csv", contentType: "text/csv; charset=utf-8"}
	if _, err := s.svc.ExportMembers(r.Context(), tabular.SafeCells(tabular.NewCSVWriter(out, true)), opt); err != nil {
		if !out.started {
			s.apiError(w, err)
			return
		}
		s.log.Error("api export", "err", err) // the stream is cut: the client sees a short file
	}
}

// apiUsers lists the accounts the caller manages.
func (s *Server) apiUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.svc.Users(r.Context())
	if err != nil {
		s.apiError(w, err)
		return
	}
	if users == nil {
		users = []tochuc.User{}
	}
	s.json(w, http.StatusOK, map[string]any{"users": users})
}

// apiUser returns one managed account with its live sessions.
func (s *Server) apiUser(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	s.apiUserReply(w, r, http.StatusOK, id, nil)
}

func (s *Server) apiUserReply(w http.ResponseWriter, r *http.Request, status int, id int64, extra map[string]any) {
	u, err := s.svc.User(r.Context(), id)
	if err != nil {
		s.apiError(w, err)
		return
	}
	sessions, err := s.svc.UserSessions(r.Context(), id)
	if err != nil {
		s.apiError(w, err)
		return
	}
	if sessions == nil {
		sessions = []service.SessionInfo{}
	}
	out := map[string]any{"user": u, "sessions": sessions}
	for k, v := range extra {
		out[k] = v
	}
	s.json(w, status, out)
}

// userInput is the body of a new account.
type userInput struct {
	Username   string `json:"username"`
	FullName   string `json:"full_name"`
	Password   string `json:"password"` // empty: generated and returned once
	MemberID   int64  `json:"member_id"`
	Locale     string `json:"locale"`
	Role       string `json:"role"`
	OrgCode    string `json:"org_code"`
	Restricted bool   `json:"restricted"`
}

// apiUserCreate makes an account with its first role.
func (s *Server) apiUserCreate(w http.ResponseWriter, r *http.Request) {
	var in userInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	generated := in.Password == ""
	if generated {
		in.Password = generatedPassword()
	}
	id, err := s.svc.CreateUser(r.Context(), service.UserInput{Username: in.Username, FullName: in.FullName,
		Password: in.Password, MemberID: in.MemberID, Locale: in.Locale}, in.Role, in.OrgCode, in.Restricted)
	if err != nil {
		s.apiError(w, err)
		return
	}
	var extra map[string]any
	if generated {
		extra = map[string]any{"password": in.Password}
	}
	s.apiUserReply(w, r, http.StatusCreated, id, extra)
}

// grantInput is the body of a new role.
type grantInput struct {
	Role       string `json:"role"`
	OrgCode    string `json:"org_code"`
	Restricted bool   `json:"restricted"`
}

// apiGrant gives a managed account a role.
func (s *Server) apiGrant(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	var in grantInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	if err := s.svc.GrantRole(r.Context(), id, in.Role, in.OrgCode, in.Restricted); err != nil {
		s.apiError(w, err)
		return
	}
	s.apiUserReply(w, r, http.StatusCreated, id, nil)
}

// apiRevoke takes a role away.
func (s *Server) apiRevoke(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	gid, ok := s.apiPathID(w, r, "gid")
	if !ok {
		return
	}
	if err := s.svc.RevokeRole(r.Context(), id, gid); err != nil {
		s.apiError(w, err)
		return
	}
	s.apiUserReply(w, r, http.StatusOK, id, nil)
}

func (s *Server) apiUserAction(w http.ResponseWriter, r *http.Request, do func(id int64) error) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	if err := do(id); err != nil {
		s.apiError(w, err)
		return
	}
	s.apiUserReply(w, r, http.StatusOK, id, nil)
}

func (s *Server) apiUserDisable(w http.ResponseWriter, r *http.Request) {
	s.apiUserAction(w, r, func(id int64) error { return s.svc.SetUserDisabled(r.Context(), id, true) })
}

func (s *Server) apiUserEnable(w http.ResponseWriter, r *http.Request) {
	s.apiUserAction(w, r, func(id int64) error { return s.svc.SetUserDisabled(r.Context(), id, false) })
}

func (s *Server) apiUserEndSessions(w http.ResponseWriter, r *http.Request) {
	s.apiUserAction(w, r, func(id int64) error { return s.svc.EndUserSessions(r.Context(), id) })
}

// apiAudit lists the audit trail the caller may see, newest first; next_before pages on.
func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	f, err := auditQuery(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	p, err := s.svc.AuditEntries(r.Context(), f)
	if err != nil {
		s.apiError(w, err)
		return
	}
	if p.Entries == nil {
		p.Entries = []tochuc.AuditEntry{}
	}
	s.json(w, http.StatusOK, p)
}

// apiTokens lists the caller's API tokens (never the tokens themselves).
func (s *Server) apiTokens(w http.ResponseWriter, r *http.Request) {
	list, err := s.svc.APITokens(r.Context())
	if err != nil {
		s.apiError(w, err)
		return
	}
	out := make([]any, 0, len(list))
	for _, t := range list {
		out = append(out, t)
	}
	s.json(w, http.StatusOK, map[string]any{"tokens": out})
}

// apiTokenCreate makes a token; it is in the answer once and never again.
func (s *Server) apiTokenCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name string `json:"name"`
	}
	if !s.decodeBody(w, r, &in) {
		return
	}
	token, err := s.svc.CreateAPIToken(r.Context(), in.Name)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusCreated, map[string]string{"name": strings.TrimSpace(in.Name), "token": token})
}

// apiTokenRevoke deletes one of the caller's tokens.
func (s *Server) apiTokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	if err := s.svc.RevokeAPIToken(r.Context(), id); err != nil {
		s.apiError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
