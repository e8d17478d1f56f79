package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/forms"
	"tochuc/service"
)

// Printable forms of a member (9-KNĐ, the recognition decision, the transfer slip) as PDF or
// DOCX. The service checks the read scope and records the print in the audit trail before the
// form is built; the file is made in memory, so a failure is still an error page.

func init() { funcs["memberForms"] = memberForms }

// formLink is one printable form on the member record.
type formLink struct{ File, Label string }

// memberForms lists the forms a member's timeline can fill: the admission decision once
// admitted, the recognition once official, the transfer slip once transferred.
func memberForms(events []tochuc.MemberEvent) []formLink {
	var admitted, recognized, transferred bool
	for _, e := range events {
		switch e.Kind {
		case tochuc.EventAdmitted, tochuc.EventReadmitted:
			admitted = true
		case tochuc.EventRecognized:
			recognized = true
		case tochuc.EventTransferOut, tochuc.EventTransferred:
			transferred = true
		}
	}
	var out []formLink
	if admitted {
		out = append(out, formLink{service.FormAdmission, "Quyết định kết nạp đảng viên (9-KNĐ)"})
	}
	if recognized {
		out = append(out, formLink{service.FormRecognition, "Quyết định công nhận đảng viên chính thức"})
	}
	if transferred {
		out = append(out, formLink{service.FormTransfer, "Giấy giới thiệu sinh hoạt đảng"})
	}
	return out
}

// printForm builds and writes one form; fail reports errors in the caller's way (page or JSON).
func (s *Server) printForm(w http.ResponseWriter, r *http.Request, name, ext string, fail func(error)) {
	id, err := memberPathID(r)
	if err != nil {
		fail(err)
		return
	}
	format, err := forms.ParseFormat(ext)
	if err != nil {
		fail(tochuc.Errorf(tochuc.EINVALID, "Định dạng tệp: chọn pdf hoặc docx."))
		return
	}
	var eventID int64
	if v := r.URL.Query().Get("event"); v != "" {
		if eventID, err = strconv.ParseInt(v, 10, 64); err != nil || eventID <= 0 {
			fail(tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy sự kiện"))
			return
		}
	}
	f, err := s.svc.MemberForm(r.Context(), id, name, eventID, format)
	if err != nil {
		fail(err)
		return
	}
	var buf bytes.Buffer
	if err := forms.Write(&buf, f, format); err != nil {
		fail(err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", format.ContentType())
	h.Set("Content-Disposition", `attachment; filename="`+safeFileName(name)+"-"+strconv.FormatInt(id, 10)+"."+string(format)+`"`)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	buf.WriteTo(w)
}

// memberForm serves GET /members/{id}/forms/{file}, file being "9-knd.pdf", "cong-nhan.docx"….
func (s *Server) memberForm(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	name, ext, ok := strings.Cut(file, ".")
	if !ok {
		s.fail(w, r, tochuc.Errorf(tochuc.ENOTFOUND, "không có mẫu này"))
		return
	}
	s.printForm(w, r, name, ext, func(err error) { s.fail(w, r, err) })
}

// apiMemberForm serves GET /api/v1/members/{id}/forms/{form}?format=pdf|docx.
func (s *Server) apiMemberForm(w http.ResponseWriter, r *http.Request) {
	ext := r.URL.Query().Get("format")
	if ext == "" {
		ext = string(forms.PDF)
	}
	s.printForm(w, r, r.PathValue("form"), ext, func(err error) { s.apiError(w, err) })
}
