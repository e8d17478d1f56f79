package web

import (
	"fmt"
	"net/http"
	"strconv"

	"tochuc/service"
	"tochuc/tabular"
)

// workKindLabels name the worklist's sections.
var workKindLabels = map[string]string{
	service.WorkProbation:   "Đảng viên dự bị đến hạn, quá hạn xét chuyển chính thức",
	service.WorkCandidate:   "Hồ sơ kết nạp quá hạn",
	service.WorkCertificate: "Giấy chứng nhận bồi dưỡng nhận thức về Đảng sắp hết hạn",
	service.WorkTransfer:    "Chuyển sinh hoạt chưa được tiếp nhận",
	service.WorkRemoval:     "Ba tháng trong năm bỏ sinh hoạt hoặc không đóng đảng phí",
	service.WorkCard:        "Thẻ đảng viên đến hạn kiểm tra",
}

// workStateLabels name the states the sources report.
var workStateLabels = map[string]string{
	service.ProbUpcoming: "sắp hết dự bị", service.ProbReviewDue: "chi bộ cần xét", service.ProbReviewOverdue: "quá hạn chi bộ xét",
	service.ProbDecisionDue: "cấp ủy cần quyết định", service.ProbDecisionOverdue: "quá hạn quyết định", service.ProbEscalated: "chuyển cấp trên",
}

// workLink is the page an item is worked on.
func workLink(it service.WorkItem) string {
	switch it.Kind {
	case service.WorkProbation:
		return fmt.Sprintf("/members/%d/probation", it.ObjectID)
	case service.WorkCandidate, service.WorkCertificate:
		return fmt.Sprintf("/candidates/%d", it.ObjectID)
	case service.WorkCard:
		return fmt.Sprintf("/members/%d/card", it.ObjectID)
	}
	return fmt.Sprintf("/members/%d", it.MemberID)
}

func (s *Server) worklistFor(r *http.Request) (*service.Worklist, error) {
	d, err := s.asOf(r)
	if err != nil {
		return nil, err
	}
	days, _ := strconv.Atoi(r.URL.Query().Get("days"))
	return s.svc.Worklist(r.Context(), r.URL.Query().Get("org"), d, days)
}

// worklistPage shows what is due and overdue in the user's subtree.
func (s *Server) worklistPage(w http.ResponseWriter, r *http.Request) {
	wl, err := s.worklistFor(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type section struct {
		Kind, Title string
		Items       []service.WorkItem
	}
	var secs []section
	for _, k := range service.WorkKinds {
		sec := section{Kind: k, Title: workKindLabels[k]}
		for _, it := range wl.Items {
			if it.Kind == k {
				sec.Items = append(sec.Items, it)
			}
		}
		secs = append(secs, sec)
	}
	s.render(w, r, http.StatusOK, "worklist", map[string]any{"Title": "Việc cần làm", "AsOf": wl.AsOf, "Today": s.svc.Today(),
		"List": wl, "Sections": secs})
}

// worklistExport writes the worklist as CSV (formula cells neutralized).
func (s *Server) worklistExport(w http.ResponseWriter, r *http.Request) {
	wl, err := s.worklistFor(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="viec-can-lam-%s-%s.csv"`, asciiCode(wl.Org.Code), wl.AsOf))
	cw := tabular.SafeCells(tabular.NewCSVWriter(w, true))
	cw.WriteHeader([]string{"Việc", "Họ và tên", "Tổ chức", "Hạn", "Quá hạn", "Tình trạng", "Ghi chú"})
	for _, it := range wl.Items {
		over := ""
		if it.Overdue {
			over = "quá hạn"
		}
		cw.WriteRow([]string{workKindLabels[it.Kind], it.Name, it.OrgCode, it.Due.Display(), over, workStateLabels[it.State], it.Detail})
	}
	cw.Close()
}

// apiWorklist returns the worklist as JSON.
func (s *Server) apiWorklist(w http.ResponseWriter, r *http.Request) {
	wl, err := s.worklistFor(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	if wl.Items == nil {
		wl.Items = []service.WorkItem{}
	}
	s.json(w, http.StatusOK, wl)
}

// asciiCode keeps the letters, digits and dashes of an org code for a file name.
func asciiCode(code string) string {
	b := []byte{}
	for _, c := range []byte(code) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
			b = append(b, c)
		}
	}
	if len(b) == 0 {
		return "tat-ca"
	}
	return string(b)
}
