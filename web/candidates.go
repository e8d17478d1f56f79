package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/codes"
	"tochuc/service"
	"tochuc/vn"
)

// The development pipeline pages: the candidates of an org's subtree by stage with their next
// step and its deadline, a form to add one; a candidate's page with the steps done, the form of
// the next step, the drop form and the ceremony that makes them a member. Every form field has
// an id and a label (the browser test finds them by label).

func init() {
	funcs["stage"] = func(s string) string { return service.CandidateStageLabels[s] }
	funcs["candArgs"] = func(lang string, fields []candField) map[string]any {
		return map[string]any{"Lang": lang, "Fields": fields}
	}
}

// candField is one field of a candidate form.
type candField struct {
	Name, Label, Type, Hint string // Type: text, date, number, checkbox, select
	Required                bool
	Value                   string
	Options                 []candOption
}

type candOption struct {
	Value, Label string
	Selected     bool
}

func codeOptions(l codes.List, v string) []candOption {
	var out []candOption
	for _, c := range l.Items {
		out = append(out, candOption{Value: c.Code, Label: c.Name, Selected: c.Code == v})
	}
	return out
}

// identityFields are the fields of the form adding a candidate, filled from form values.
func identityFields(f url.Values) []candField {
	return []candField{
		{Name: "full_name", Label: "Họ và tên", Type: "text", Required: true, Value: f.Get("full_name")},
		{Name: "sex", Label: "Giới tính", Type: "select", Required: true, Options: codeOptions(codes.Sex, f.Get("sex"))},
		{Name: "birth_date", Label: "Ngày sinh", Type: "text", Required: true, Value: f.Get("birth_date"),
			Hint: "dd/mm/yyyy; nếu không rõ ngày: mm/yyyy hoặc yyyy."},
		{Name: "citizen_id", Label: "Số CCCD", Type: "text", Value: f.Get("citizen_id")},
		{Name: "ethnicity", Label: "Dân tộc", Type: "select", Options: codeOptions(codes.Ethnicities, f.Get("ethnicity"))},
		{Name: "religion", Label: "Tôn giáo", Type: "select", Options: codeOptions(codes.Religions, f.Get("religion"))},
		{Name: "education", Label: "Giáo dục phổ thông", Type: "select", Options: codeOptions(codes.Education, f.Get("education"))},
		{Name: "occupation", Label: "Nghề nghiệp", Type: "select", Options: codeOptions(codes.Occupations, f.Get("occupation"))},
		{Name: "residence", Label: "Nơi cư trú", Type: "text", Value: f.Get("residence")},
		{Name: "youth_union", Label: "Là đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh", Type: "checkbox", Value: f.Get("youth_union")},
		{Name: "org", Label: "Mã chi bộ phát triển", Type: "text", Required: true, Value: f.Get("org")},
		{Name: "identified", Label: "Ngày chi bộ xác định", Type: "date", Value: f.Get("identified")},
	}
}

// candDocFields are the deciding document's fields every step carries.
func candDocFields(f url.Values, required bool) []candField {
	return []candField{
		{Name: "document", Label: "Số, ký hiệu văn bản", Type: "text", Required: required, Value: f.Get("document"), Hint: "Ví dụ 123-QĐ/ĐU."},
		{Name: "doc_date", Label: "Ngày văn bản", Type: "date", Value: f.Get("doc_date")},
		{Name: "signer", Label: "Người ký", Type: "text", Required: required, Value: f.Get("signer")},
		{Name: "note", Label: "Ghi chú", Type: "text", Value: f.Get("note")},
	}
}

// stepFields are the fields of the form of the step reaching stage; members are the official
// members an introducer is chosen from.
func stepFields(stage string, f url.Values, members []tochuc.Member) []candField {
	date := candField{Name: "date", Label: "Ngày", Type: "date", Required: true, Value: f.Get("date")}
	votes := []candField{
		{Name: "yes", Label: "Số phiếu tán thành", Type: "number", Required: true, Value: f.Get("yes")},
		{Name: "total", Label: "Tổng số đảng viên chính thức (ủy viên)", Type: "number", Required: true, Value: f.Get("total")},
	}
	var out []candField
	switch stage {
	case tochuc.StageAwarenessTrained:
		date.Label = "Ngày cấp giấy chứng nhận"
		out = append(out, date, candField{Name: "number", Label: "Số giấy chứng nhận", Type: "text", Required: true, Value: f.Get("number")})
		return append(out, candDocFields(f, false)...)
	case tochuc.StageCamTinh:
		date.Label = "Ngày nghị quyết"
	case tochuc.StageApplication:
		date.Label = "Ngày nộp đơn xin vào Đảng"
		out = append(out, date, candField{Name: "history_date", Label: "Ngày khai lý lịch", Type: "date", Value: f.Get("history_date")})
		ordinal := []string{"", "thứ nhất", "thứ hai"}
		for i := 1; i <= 2; i++ {
			n := strconv.Itoa(i)
			opts := []candOption{}
			for _, m := range members {
				v := strconv.FormatInt(m.ID, 10)
				opts = append(opts, candOption{Value: v, Label: m.FullName, Selected: v == f.Get("introducer"+n)})
			}
			out = append(out,
				candField{Name: "introducer" + n, Label: "Người giới thiệu " + ordinal[i], Type: "select", Options: opts, Required: i == 1},
				candField{Name: "since" + n, Label: "Cùng công tác với người vào Đảng từ ngày (người giới thiệu " + ordinal[i] + ")", Type: "date", Required: i == 1, Value: f.Get("since" + n)})
		}
		out = append(out, candField{Name: "union_resolution", Label: "Nghị quyết giới thiệu của Đoàn (đoàn viên)", Type: "text", Value: f.Get("union_resolution")})
		return append(out, candDocFields(f, false)...)
	case tochuc.StageVerified:
		date.Label = "Ngày kết luận thẩm tra"
		out = append(out, date, candField{Name: "result", Label: "Kết luận thẩm tra lý lịch", Type: "text", Required: true, Value: f.Get("result")})
		return append(out, candDocFields(f, false)...)
	case tochuc.StageCellResolution:
		date.Label = "Ngày chi bộ họp xét"
		out = append(out, date)
		out = append(out, votes...)
		out = append(out,
			candField{Name: "consent", Label: "Văn bản đồng ý của ban thường vụ tỉnh ủy (trên 60 tuổi)", Type: "text", Value: f.Get("consent")},
			candField{Name: "exception", Label: "Văn bản cho phép về trình độ học vấn", Type: "text", Value: f.Get("exception")})
		return append(out, candDocFields(f, true)...)
	case tochuc.StageCommitteeResolution:
		date.Label = "Ngày nghị quyết"
		out = append(out, date)
		out = append(out, votes...)
		return append(out, candDocFields(f, true)...)
	case tochuc.StageDecided:
		date.Label = "Ngày quyết định kết nạp"
		out = append(out, date,
			candField{Name: "committee", Label: "Cấp ủy quyết định", Type: "text", Value: f.Get("committee")},
			candField{Name: "extended", Label: "Đã gia hạn thời hạn xét kết nạp", Type: "checkbox", Value: f.Get("extended")})
		return append(out, candDocFields(f, true)...)
	}
	out = append(out, date)
	return append(out, candDocFields(f, false)...)
}

// candDate reads a date typed as yyyy-mm-dd (a date input) or dd/mm/yyyy (an old browser).
func candDate(v string) (tochuc.Date, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	if d, err := tochuc.ParseISODate(v); err == nil {
		return d, nil
	}
	t, err := vn.ParseDate(v)
	if err != nil {
		return "", tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ; nhập theo dạng dd/mm/yyyy", v)
	}
	return tochuc.DateOf(t), nil
}

// candidateFromForm reads the identity fields of a candidate.
func candidateFromForm(f url.Values) tochuc.Candidate {
	return tochuc.Candidate{FullName: f.Get("full_name"), Sex: f.Get("sex"), BirthDate: f.Get("birth_date"),
		CitizenID: f.Get("citizen_id"), Ethnicity: f.Get("ethnicity"), Religion: f.Get("religion"),
		Education: f.Get("education"), Occupation: f.Get("occupation"), Residence: f.Get("residence"),
		YouthUnion: f.Get("youth_union") != "", Note: f.Get("note")}
}

// stepFromForm reads the step of stage from a form.
func stepFromForm(stage string, f url.Values) (tochuc.CandidateStep, error) {
	st := tochuc.CandidateStep{Stage: stage, Number: f.Get("number"), Result: f.Get("result"),
		UnionResolution: f.Get("union_resolution"), Committee: f.Get("committee"), Extended: f.Get("extended") != "",
		Consent: f.Get("consent"), Exception: f.Get("exception"), Document: f.Get("document"), Signer: f.Get("signer"),
		Note: f.Get("note")}
	var err error
	for _, p := range []struct {
		dst  *tochuc.Date
		name string
	}{{&st.Date, "date"}, {&st.HistoryDate, "history_date"}, {&st.DocDate, "doc_date"}} {
		if *p.dst, err = candDate(f.Get(p.name)); err != nil {
			return st, err
		}
	}
	if st.Date == "" {
		return st, tochuc.Errorf(tochuc.EINVALID, "thiếu ngày")
	}
	for _, p := range []struct {
		dst  *int
		name string
	}{{&st.Yes, "yes"}, {&st.Total, "total"}} {
		if v := strings.TrimSpace(f.Get(p.name)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return st, tochuc.Errorf(tochuc.EINVALID, "số phiếu %q không hợp lệ", v)
			}
			*p.dst = n
		}
	}
	for i := 1; i <= 2; i++ {
		n := strconv.Itoa(i)
		v := strings.TrimSpace(f.Get("introducer" + n))
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return st, tochuc.Errorf(tochuc.EINVALID, "người giới thiệu %s không hợp lệ", n)
		}
		since, err := candDate(f.Get("since" + n))
		if err != nil {
			return st, err
		}
		if since == "" {
			return st, tochuc.Errorf(tochuc.EINVALID, "thiếu ngày bắt đầu cùng công tác của người giới thiệu %s", n)
		}
		st.Introducers = append(st.Introducers, tochuc.CandidateIntroducer{MemberID: id, Since: since})
	}
	return st, nil
}

// candidatesPage lists the candidates of an org's subtree, by stage.
func (s *Server) candidatesPage(w http.ResponseWriter, r *http.Request) {
	s.showCandidates(w, r, http.StatusOK, url.Values{"org": {r.PathValue("code")}}, "")
}

func (s *Server) showCandidates(w http.ResponseWriter, r *http.Request, status int, form url.Values, errMsg string) {
	code, stage := r.PathValue("code"), r.URL.Query().Get("stage")
	ctx := r.Context()
	v, err := s.svc.ViewOrg(ctx, code, s.svc.Today())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.svc.ListCandidates(ctx, code, stage)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var stages []candOption
	for _, st := range append(append([]string{}, tochuc.CandidateStages...), tochuc.StageDropped) {
		stages = append(stages, candOption{Value: st, Label: service.CandidateStageLabels[st], Selected: st == stage})
	}
	if form.Get("org") == "" {
		form.Set("org", code)
	}
	data := map[string]any{"Title": "Phát triển đảng viên", "Org": v.Org, "Candidates": list, "Stage": stage,
		"Stages": stages, "Today": s.svc.Today(), "CanEdit": tochuc.ActorFrom(ctx).Can(tochuc.PermWrite),
		"Fields": identityFields(form), "Error": errMsg}
	s.render(w, r, status, "candidates", data)
}

// candidateCreate adds a candidate from the form of the list page.
func (s *Server) candidateCreate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, tochuc.Errorf(tochuc.EINVALID, "không đọc được biểu mẫu"))
		return
	}
	f := r.PostForm
	identified, err := candDate(f.Get("identified"))
	if err == nil {
		var id int64
		id, err = s.svc.CreateCandidate(r.Context(), candidateFromForm(f), f.Get("org"), identified)
		if err == nil {
			http.Redirect(w, r, "/candidates/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
			return
		}
	}
	if tochuc.ErrorCode(err) == tochuc.EINVALID {
		s.showCandidates(w, r, http.StatusBadRequest, f, tochuc.ErrorMessage(err))
		return
	}
	s.fail(w, r, err)
}

func candidatePathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy quần chúng ưu tú")
	}
	return id, nil
}

// candidatePage shows a candidate: the steps done, the next step's form, the drop form.
func (s *Server) candidatePage(w http.ResponseWriter, r *http.Request) {
	s.showCandidate(w, r, http.StatusOK, url.Values{}, "")
}

func (s *Server) showCandidate(w http.ResponseWriter, r *http.Request, status int, form url.Values, errMsg string) {
	id, err := candidatePathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	c, err := s.svc.Candidate(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	canEdit := tochuc.ActorFrom(ctx).Can(tochuc.PermWrite)
	data := map[string]any{"Title": c.FullName, "C": c, "Today": s.svc.Today(), "CanEdit": canEdit, "Error": errMsg,
		"Saved": status == http.StatusOK && r.URL.Query().Get("saved") == "1", "Form": form}
	if canEdit && c.NextStage != "" {
		var members []tochuc.Member
		if c.NextStage == tochuc.StageApplication {
			if p, err := s.svc.ListMembers(ctx, service.MemberList{OrgCode: c.OrgCode, AsOf: s.svc.Today(), Subtree: true,
				Status: tochuc.StatusOfficial, Page: 1, PageSize: 500}); err == nil {
				members = p.Members
			}
		}
		data["StepFields"] = stepFields(c.NextStage, form, members)
	}
	s.render(w, r, status, "candidates", data)
}

// candidateStep records the next step from the candidate page's form.
func (s *Server) candidateStep(w http.ResponseWriter, r *http.Request) {
	id, err := candidatePathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, tochuc.Errorf(tochuc.EINVALID, "không đọc được biểu mẫu"))
		return
	}
	st, err := stepFromForm(r.PostForm.Get("stage"), r.PostForm)
	if err == nil {
		err = s.svc.RecordCandidateStep(r.Context(), id, st)
	}
	s.afterCandidateWrite(w, r, id, err)
}

// candidateDrop ends a candidate's development.
func (s *Server) candidateDrop(w http.ResponseWriter, r *http.Request) {
	id, err := candidatePathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := candDate(r.PostFormValue("drop_date"))
	if err == nil {
		if d == "" {
			err = tochuc.Errorf(tochuc.EINVALID, "thiếu ngày dừng phát triển")
		} else {
			err = s.svc.DropCandidate(r.Context(), id, d, r.PostFormValue("drop_reason"), r.PostFormValue("drop_document"))
		}
	}
	s.afterCandidateWrite(w, r, id, err)
}

// candidateCeremony holds the ceremony and opens the new member's record.
func (s *Server) candidateCeremony(w http.ResponseWriter, r *http.Request) {
	id, err := candidatePathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := candDate(r.PostFormValue("ceremony_date"))
	if err == nil && d == "" {
		err = tochuc.Errorf(tochuc.EINVALID, "thiếu ngày tổ chức lễ kết nạp")
	}
	if err == nil {
		_, err = s.svc.HoldCeremony(r.Context(), id, d, r.PostFormValue("ceremony_consent"))
	}
	s.afterCandidateWrite(w, r, id, err)
}

func (s *Server) afterCandidateWrite(w http.ResponseWriter, r *http.Request, id int64, err error) {
	switch tochuc.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/candidates/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
	case tochuc.EINVALID, tochuc.ECONFLICT:
		s.showCandidate(w, r, http.StatusBadRequest, r.PostForm, tochuc.ErrorMessage(err))
	default:
		s.fail(w, r, err)
	}
}
