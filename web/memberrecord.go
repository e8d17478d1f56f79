package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/codes"
	"tochuc/service"
	"tochuc/store"
	"tochuc/vn"
)

func init() {
	funcs["recField"] = tochuc.ColumnLabel
	funcs["recValue"] = recValue
	funcs["recTime"] = recTime
	funcs["recAction"] = func(a string) string {
		if l, ok := recActions[a]; ok {
			return l
		}
		return a
	}
}

var recActions = map[string]string{
	tochuc.AuditMemberCreate: "Tạo hồ sơ", tochuc.AuditMemberUpdate: "Sửa hồ sơ",
	tochuc.AuditMemberEvent: "Ghi sự kiện sinh hoạt đảng", tochuc.AuditMemberPhoto: "Thay ảnh",
}

// recCodeLists are the coded fields of a member as the audit trail names them.
var recCodeLists = map[string]codes.List{"sex": codes.Sex, "ethnicity": codes.Ethnicities, "religion": codes.Religions,
	"education": codes.Education, "professional_qualification": codes.ProfessionalQualification,
	"political_theory": codes.PoliticalTheory, "occupation": codes.Occupations, "academic_title": codes.AcademicTitle, "kind": {}}

// recValue shows a value of the change history the way the record shows it: labels for codes,
// dd/mm/yyyy for dates, "(trống)" for nothing.
func recValue(field, v string) string {
	if v == "" {
		return "(trống)"
	}
	if field == "kind" {
		if l, ok := eventLabels[v]; ok {
			return l
		}
	}
	if l, ok := recCodeLists[field]; ok {
		if c, ok := l.ByCode(v); ok {
			return c.Name
		}
	}
	if strings.HasSuffix(field, "_date") || field == "date" {
		if d, err := vn.ParsePartialDate(v); err == nil {
			return d.Display()
		}
	}
	return v
}

// recTime shows an audit time (RFC 3339, UTC) in Vietnamese local time.
func recTime(ts string) string { return service.ShowVersion(ts) }

// recordTab is one tab of the member record.
type recordTab struct{ Code, Name string }

var recordTabs = []recordTab{
	{"identity", "Sơ yếu lý lịch"}, {"history", "Lịch sử"}, {"family", "Gia đình"},
	{"training", "Đào tạo, bồi dưỡng"}, {"rewards", "Khen thưởng, kỷ luật"},
}

var restrictedTab = recordTab{"restricted", "Trường hạn chế"}

func memberPathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy đảng viên")
	}
	return id, nil
}

// memberRecord shows one member's record as of a date, one tab at a time.
func (s *Server) memberRecord(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{}
	if r.URL.Query().Get("saved") == "1" {
		data["Notice"] = "Đã lưu thay đổi."
	}
	s.showRecord(w, r, http.StatusOK, r.URL.Query().Get("tab"), data)
}

// showRecord renders the record page on a tab; extra adds to the page data.
func (s *Server) showRecord(w http.ResponseWriter, r *http.Request, status int, tab string, extra map[string]any) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := memberPathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	m, events, err := s.svc.Member(ctx, id, d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := tochuc.ActorFrom(ctx)
	tabs := recordTabs
	canRestricted := a.Can(tochuc.PermRestricted)
	if canRestricted { // the others never see that the tab exists
		tabs = append(tabs[:len(tabs):len(tabs)], restrictedTab)
	}
	known := false
	for _, t := range tabs {
		known = known || t.Code == tab
	}
	if !known {
		tab = "identity"
	}
	data := map[string]any{"Title": m.FullName, "AsOf": d, "M": m, "Events": events, "Today": s.svc.Today(),
		"Tab": tab, "Tabs": tabs, "CanEdit": a.Can(tochuc.PermWrite), "CanRestricted": canRestricted}
	if tab == "history" {
		h, err := s.svc.MemberHistory(ctx, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data["History"] = h
	}
	for k, v := range extra {
		data[k] = v
	}
	s.render(w, r, status, "member", data)
}

// restrictedView shows a member's restricted fields for a stated reason (the read is audited,
// without the content).
func (s *Server) restrictedView(w http.ResponseWriter, r *http.Request) {
	id, err := memberPathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reason := r.PostFormValue("reason")
	rs, err := s.svc.MemberRestricted(r.Context(), id, reason)
	if tochuc.ErrorCode(err) == tochuc.EINVALID {
		s.showRecord(w, r, http.StatusBadRequest, "restricted", map[string]any{"RestrictedError": tochuc.ErrorMessage(err), "Reason": reason})
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	s.showRecord(w, r, http.StatusOK, "restricted", map[string]any{"Restricted": &rs, "Reason": reason})
}

// restrictedSave writes a member's restricted fields.
func (s *Server) restrictedSave(w http.ResponseWriter, r *http.Request) {
	id, err := memberPathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := store.Restricted{ProtectionNote: r.PostFormValue("protection_note"), Discipline: r.PostFormValue("discipline"),
		Evaluation: r.PostFormValue("evaluation")}
	reason := r.PostFormValue("reason")
	err = s.svc.SetMemberRestricted(r.Context(), id, in, reason)
	if tochuc.ErrorCode(err) == tochuc.EINVALID {
		s.showRecord(w, r, http.StatusBadRequest, "restricted", map[string]any{"RestrictedError": tochuc.ErrorMessage(err),
			"Restricted": &in, "Reason": reason})
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/members/"+strconv.FormatInt(id, 10)+"?tab=restricted&saved=1", http.StatusSeeOther)
}

// editField is one identity field of the edit form.
type editField struct {
	name, label, hint string
	list              *codes.List
	required          bool
	get               func(*tochuc.Member) *string
}

var editFields = []editField{
	{"surname", "Họ", "", nil, false, func(m *tochuc.Member) *string { return &m.Surname }},
	{"middle_name", "Tên đệm", "", nil, false, func(m *tochuc.Member) *string { return &m.MiddleName }},
	{"given_name", "Tên", "", nil, true, func(m *tochuc.Member) *string { return &m.GivenName }},
	{"birth_name", "Họ tên khai sinh", "Nếu khác họ tên đang dùng.", nil, false, func(m *tochuc.Member) *string { return &m.BirthName }},
	{"aliases", "Bí danh", "", nil, false, func(m *tochuc.Member) *string { return &m.Aliases }},
	{"sex", "Giới tính", "", &codes.Sex, true, func(m *tochuc.Member) *string { return &m.Sex }},
	{"birth_date", "Ngày sinh", "dd/mm/yyyy; nếu không rõ ngày: mm/yyyy hoặc yyyy.", nil, true, func(m *tochuc.Member) *string { return &m.BirthDate }},
	{"birth_place", "Nơi sinh", "", nil, false, func(m *tochuc.Member) *string { return &m.BirthPlace }},
	{"home_town", "Quê quán", "", nil, false, func(m *tochuc.Member) *string { return &m.HomeTown }},
	{"residence", "Nơi cư trú", "", nil, false, func(m *tochuc.Member) *string { return &m.Residence }},
	{"ethnicity", "Dân tộc", "", &codes.Ethnicities, false, func(m *tochuc.Member) *string { return &m.Ethnicity }},
	{"religion", "Tôn giáo", "", &codes.Religions, false, func(m *tochuc.Member) *string { return &m.Religion }},
	{"education", "Giáo dục phổ thông", "", &codes.Education, false, func(m *tochuc.Member) *string { return &m.Education }},
	{"professional_qualification", "Chuyên môn nghiệp vụ", "", &codes.ProfessionalQualification, false, func(m *tochuc.Member) *string { return &m.ProfessionalQualification }},
	{"political_theory", "Lý luận chính trị", "", &codes.PoliticalTheory, false, func(m *tochuc.Member) *string { return &m.PoliticalTheory }},
	{"occupation", "Nghề nghiệp", "", &codes.Occupations, false, func(m *tochuc.Member) *string { return &m.Occupation }},
	{"academic_title", "Học hàm", "", &codes.AcademicTitle, false, func(m *tochuc.Member) *string { return &m.AcademicTitle }},
	{"citizen_id", "Số CCCD", "12 chữ số; mã tỉnh nơi đăng ký khai sinh, giới tính và năm sinh phải khớp.", nil, false, func(m *tochuc.Member) *string { return &m.CitizenID }},
	{"card_number", "Số thẻ đảng viên", "", nil, false, func(m *tochuc.Member) *string { return &m.CardNumber }},
	{"history_number", "Số lý lịch", "", nil, false, func(m *tochuc.Member) *string { return &m.HistoryNumber }},
}

// errorField maps the column a validation error names to the form field it is about.
var errorField = map[string]string{"full_name": "given_name", "cccd": "citizen_id"}

// formField is one field as the edit template shows it.
type formField struct {
	Name, Label, Hint, Value string
	Options                  []option
	IsSelect, Required       bool
	Errors                   []string
}

// formFields builds the form from values (by field name) and the errors of a submission.
func formFields(values map[string]string, fe *service.FieldErrors) []formField {
	var out []formField
	for _, f := range editFields {
		ff := formField{Name: f.name, Label: f.label, Hint: f.hint, Value: values[f.name], Required: f.required}
		if f.list != nil {
			ff.IsSelect, ff.Options = true, listOptions(*f.list, ff.Value)
		}
		if fe != nil {
			for _, e := range fe.Errs {
				col := e.Column
				if to, ok := errorField[col]; ok {
					col = to
				}
				if col == f.name {
					ff.Errors = append(ff.Errors, e.Message)
				}
			}
		}
		out = append(out, ff)
	}
	return out
}

// memberValues are the form values of a stored member.
func memberValues(m *tochuc.Member) map[string]string {
	v := map[string]string{}
	for _, f := range editFields {
		v[f.name] = *f.get(m)
	}
	if d, err := vn.ParsePartialDate(m.BirthDate); err == nil && m.BirthDate != "" {
		v["birth_date"] = d.Display()
	}
	return v
}

// memberEditPage shows the identity fields of a member in a form.
func (s *Server) memberEditPage(w http.ResponseWriter, r *http.Request) {
	id, err := memberPathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, version, err := s.svc.MemberForEdit(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderEdit(w, r, http.StatusOK, m, version, memberValues(&m), nil, "")
}

func (s *Server) renderEdit(w http.ResponseWriter, r *http.Request, status int, m tochuc.Member, version string,
	values map[string]string, fe *service.FieldErrors, conflict string) {
	data := map[string]any{"Title": "Sửa hồ sơ " + m.FullName, "M": m, "Version": version,
		"Fields": formFields(values, fe), "Conflict": conflict}
	if fe != nil {
		data["Errors"] = fe.Errs
	}
	s.render(w, r, status, "memberedit", data)
}

// memberEditSubmit saves the identity fields; errors come back next to their fields with the
// values as typed, and a record changed since the form was opened is refused (409).
func (s *Server) memberEditSubmit(w http.ResponseWriter, r *http.Request) {
	id, err := memberPathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, _, err := s.svc.MemberForEdit(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	shown := m // the name in the heading stays the stored one
	values := map[string]string{}
	for _, f := range editFields {
		v := r.PostFormValue(f.name)
		values[f.name] = v
		*f.get(&m) = v
	}
	m.FullName = "" // rebuilt from the parts
	version := r.PostFormValue("version")
	if version == "" {
		s.fail(w, r, tochuc.Errorf(tochuc.EINVALID, "Biểu mẫu thiếu phiên bản hồ sơ; hãy tải lại trang sửa."))
		return
	}
	err = s.svc.UpdateMemberAt(r.Context(), m, version)
	var fe *service.FieldErrors
	switch {
	case err == nil:
		http.Redirect(w, r, "/members/"+strconv.FormatInt(id, 10)+"?tab=history&saved=1", http.StatusSeeOther)
	case errors.As(err, &fe):
		s.renderEdit(w, r, http.StatusBadRequest, shown, version, values, fe, "")
	case tochuc.ErrorCode(err) == tochuc.ECONFLICT:
		s.renderEdit(w, r, http.StatusConflict, shown, version, values, nil, tochuc.ErrorMessage(err))
	default:
		s.fail(w, r, err)
	}
}
