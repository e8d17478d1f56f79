package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/service"
	"tochuc/tabular"
	"tochuc/vn"
)

// Transfers (chuyển sinh hoạt đảng), exits and returns: the forms under the member record, the
// transfers page of an org (outgoing, incoming with the receive button, temporary members), the
// in-transit report with its CSV, and the JSON API. The service scopes and audits every one.

// lifeActions are the actions offered under the member record, in order.
var lifeActions = []struct{ Code, Label string }{
	{"transfer", "Chuyển sinh hoạt"},
	{"remove", "Xóa tên"},
	{"withdraw", "Xin ra khỏi Đảng"},
	{"expel", "Khai trừ"},
	{"death", "Từ trần"},
	{"exempt", "Miễn sinh hoạt"},
	{"exempt_end", "Trở lại sinh hoạt"},
	{"readmit", "Kết nạp lại"},
	{"restore", "Phục hồi đảng tịch"},
}

func lifeActionLabel(code string) string {
	for _, a := range lifeActions {
		if a.Code == code {
			return a.Label
		}
	}
	return ""
}

// formDateValue reads a date typed in a form (yyyy-mm-dd from a date input, or dd/mm/yyyy);
// "" stays "".
func formDateValue(v string) (tochuc.Date, error) {
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

// formDecision reads the date and deciding document of a form.
func formDecision(r *http.Request) (service.Decision, error) {
	d, err := formDateValue(r.PostFormValue("date"))
	if err != nil {
		return service.Decision{}, err
	}
	if d == "" {
		return service.Decision{}, tochuc.Errorf(tochuc.EINVALID, "thiếu ngày")
	}
	dd, err := formDateValue(r.PostFormValue("doc_date"))
	if err != nil {
		return service.Decision{}, err
	}
	return service.Decision{Date: d, Document: r.PostFormValue("document"), DocDate: dd,
		Signer: r.PostFormValue("signer"), Note: r.PostFormValue("note")}, nil
}

func formInt(r *http.Request, name string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue(name)))
	return n
}

func formBool(r *http.Request, name string) bool { return r.PostFormValue(name) != "" }

// lifecyclePage shows the form of one action for a member.
func (s *Server) lifecyclePage(w http.ResponseWriter, r *http.Request) {
	s.renderLifecycle(w, r, http.StatusOK, "")
}

func (s *Server) renderLifecycle(w http.ResponseWriter, r *http.Request, status int, msg string) {
	id, err := memberPathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	action := r.PathValue("action")
	label := lifeActionLabel(action)
	if label == "" {
		s.fail(w, r, tochuc.Errorf(tochuc.ENOTFOUND, "không có việc %q", action))
		return
	}
	m, events, err := s.svc.Member(r.Context(), id, s.svc.Today())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := map[string]any{"Title": label, "M": m, "Action": action, "ActionLabel": label, "Actions": lifeActions,
		"Error": msg, "Form": r.PostForm, "Grounds": service.RemovalGrounds, "Today": s.svc.Today()}
	if y, mo, ok := service.PartyAge(events, s.svc.Today()); ok {
		data["AgeYears"], data["AgeMonths"] = y, mo
	}
	if action == "transfer" {
		if list, err := s.svc.MemberTransfers(r.Context(), id); err == nil {
			data["Transfers"] = list
		}
	}
	s.render(w, r, status, "lifecycle", data)
}

// lifecycleSubmit performs one action from its form.
func (s *Server) lifecycleSubmit(w http.ResponseWriter, r *http.Request) {
	id, err := memberPathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	action := r.PathValue("action")
	if lifeActionLabel(action) == "" {
		s.fail(w, r, tochuc.Errorf(tochuc.ENOTFOUND, "không có việc %q", action))
		return
	}
	dec, err := formDecision(r)
	if err == nil {
		err = s.doLifecycle(r, id, action, dec)
	}
	switch tochuc.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/members/"+strconv.FormatInt(id, 10)+"?tab=history&saved=1", http.StatusSeeOther)
	case tochuc.EINVALID, tochuc.ECONFLICT:
		r.ParseForm()
		s.renderLifecycle(w, r, http.StatusBadRequest, tochuc.ErrorMessage(err))
	default:
		s.fail(w, r, err)
	}
}

func (s *Server) doLifecycle(r *http.Request, id int64, action string, dec service.Decision) error {
	ctx := r.Context()
	switch action {
	case "transfer":
		_, err := s.svc.IssueTransfer(ctx, service.TransferInput{MemberID: id, Kind: r.PostFormValue("kind"),
			Scope: r.PostFormValue("scope"), Purpose: r.PostFormValue("purpose"), ToOrgCode: r.PostFormValue("to_org"),
			Destination: r.PostFormValue("destination"), Months: formInt(r, "months"), SlipNumber: r.PostFormValue("slip_number"),
			Date: dec.Date, DuesPaidTo: strings.TrimSpace(r.PostFormValue("dues_paid_to")), Document: dec.Document,
			DocDate: dec.DocDate, Signer: dec.Signer, Note: dec.Note})
		return err
	case "remove", "withdraw", "expel", "death":
		kind := map[string]string{"remove": tochuc.EventRemoved, "withdraw": tochuc.EventWithdrawn,
			"expel": tochuc.EventExpelled, "death": tochuc.EventDeceased}[action]
		return s.svc.RecordExit(ctx, service.ExitInput{MemberID: id, Kind: kind, Decision: dec, Ground: formInt(r, "ground"),
			MonthsMissed: formInt(r, "months_missed"), HasViolation: formBool(r, "has_violation"),
			FamilyHardship: formBool(r, "family_hardship"), Reason: r.PostFormValue("reason")})
	case "exempt":
		return s.svc.Exempt(ctx, service.ExemptInput{MemberID: id, Decision: dec, PastWorkingAge: formBool(r, "past_working_age"),
			IllnessMonths: formInt(r, "illness_months"), Voluntary: formBool(r, "voluntary")})
	case "exempt_end":
		return s.svc.EndExemption(ctx, id, dec)
	case "readmit":
		exp, err := formDateValue(r.PostFormValue("expunged_on"))
		if err != nil {
			return err
		}
		return s.svc.Readmit(ctx, service.ReadmitInput{MemberID: id, Decision: dec, OrgCode: r.PostFormValue("org"),
			ConsentDocument: r.PostFormValue("consent_document"), ExpungedOn: exp, FamilyHardshipNote: formBool(r, "family_hardship")})
	case "restore":
		return s.svc.Restore(ctx, service.RestoreInput{MemberID: id, Decision: dec, OrgCode: r.PostFormValue("org")})
	}
	return tochuc.Errorf(tochuc.ENOTFOUND, "không có việc %q", action)
}

// transfersPage shows the transfers of an org's subtree: outgoing (cancel), incoming
// (receive), and the members it hosts temporarily.
func (s *Server) transfersPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	code := r.URL.Query().Get("org")
	org, out, err := s.svc.Transfers(ctx, service.TransferFilter{OrgCode: code, Date: d, Side: "out"})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, in, err := s.svc.Transfers(ctx, service.TransferFilter{OrgCode: org.Code, Date: d, Side: "in"})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, temps, err := s.svc.TemporaryMembers(ctx, org.Code, d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := map[string]any{"Title": "Chuyển sinh hoạt đảng", "AsOf": d, "Today": s.svc.Today(), "Org": org,
		"Out": out, "In": in, "Temps": temps, "CanWrite": tochuc.ActorFrom(ctx).Can(tochuc.PermWrite)}
	switch r.URL.Query().Get("done") {
	case "received":
		data["Notice"] = "Đã tiếp nhận sinh hoạt đảng."
	case "cancelled":
		data["Notice"] = "Đã hủy giấy giới thiệu."
	}
	s.render(w, r, http.StatusOK, "transfers", data)
}

// transferReceive confirms a transfer from the transfers page.
func (s *Server) transferReceive(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	dec, err := formDecision(r)
	if err == nil {
		err = s.svc.ReceiveTransfer(r.Context(), id, service.ReceiveInput{Date: dec.Date, Document: dec.Document,
			DocDate: dec.DocDate, Signer: dec.Signer, OrgCode: r.PostFormValue("org")})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/transfers?done=received&org="+url.QueryEscape(r.PostFormValue("back")), http.StatusSeeOther)
}

// transferCancel withdraws a slip from the transfers page.
func (s *Server) transferCancel(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := formDateValue(r.PostFormValue("date"))
	if err == nil && d == "" {
		d = s.svc.Today()
	}
	if err == nil {
		err = s.svc.CancelTransfer(r.Context(), id, d)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/transfers?done=cancelled&org="+url.QueryEscape(r.PostFormValue("back")), http.StatusSeeOther)
}

// transitColumns are the columns of the in-transit report (CSV and page).
var transitColumns = []string{"Mã đảng viên", "Họ và tên", "Nơi chuyển đi", "Nơi chuyển đến", "Số giấy giới thiệu",
	"Ngày giới thiệu", "Số ngày", "Hạn xuất trình", "Quá hạn", "Căn cứ"}

// inTransitPage is the report of members in transit from or to the subtree, with CSV export.
func (s *Server) inTransitPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	org, rows, err := s.svc.TransfersInTransit(r.Context(), r.URL.Query().Get("org"), d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "csv" {
		if err := s.svc.AuditTransitExport(r.Context(), org.Code, d, len(rows)); err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="dang-chuyen-sinh-hoat-`+safeFileName(org.Code)+"-"+string(d)+`.csv"`)
		tw := tabular.SafeCells(tabular.NewCSVWriter(w, true))
		if err := tw.WriteHeader(transitColumns); err != nil {
			return
		}
		for _, t := range rows {
			to := t.ToOrgName
			if to == "" {
				to = t.Destination
			}
			overdue := ""
			if t.Overdue {
				overdue = "x"
			}
			if err := tw.WriteRow([]string{strconv.FormatInt(t.MemberID, 10), t.MemberName, t.FromOrgName, to, t.SlipNumber,
				t.SlipDate.Display(), strconv.Itoa(t.Days), t.Deadline.Display(), overdue, t.Rule}); err != nil {
				return
			}
		}
		tw.Close()
		return
	}
	overdue := 0
	for _, t := range rows {
		if t.Overdue {
			overdue++
		}
	}
	s.render(w, r, http.StatusOK, "intransit", map[string]any{"Title": "Đảng viên đang chuyển sinh hoạt", "AsOf": d,
		"Today": s.svc.Today(), "Org": org, "Rows": rows, "Overdue": overdue})
}
