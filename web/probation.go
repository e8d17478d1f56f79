package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/service"
	"tochuc/tabular"
	"tochuc/vn"
)

// Pages and API of probation to official and of the party card: the member's probation and card
// pages with their forms, the org's worklist of probations and its card lists (1-TĐV, 1A-TĐV).

func init() {
	funcs["probState"] = func(s string) string { return probStates[s] }
	funcs["reviewOutcome"] = func(s string) string { return reviewOutcomes[s] }
	funcs["reviewLevel"] = func(s string) string { return reviewLevels[s] }
	funcs["cardStatus"] = func(s string) string { return cardStatuses[s] }
	// A request shares the word "issued" with a card, but means "the card was issued".
	funcs["requestStatus"] = func(s string) string {
		if s == tochuc.CardRequestIssued {
			return "Đã phát thẻ"
		}
		return cardStatuses[s]
	}
	for k, v := range map[string]string{
		tochuc.AuditProbationVote: "Biểu quyết xét công nhận đảng viên chính thức", tochuc.AuditRecognize: "Công nhận đảng viên chính thức",
		tochuc.AuditProbationFail: "Không công nhận chính thức, xóa tên", tochuc.AuditCardRequest: "Đề nghị phát thẻ đảng viên",
		tochuc.AuditCardIssue: "Phát thẻ đảng viên", tochuc.AuditCardStatus: "Thay đổi tình trạng thẻ đảng viên",
		tochuc.AuditCardCheck: "Kiểm tra thẻ đảng viên",
	} {
		recActions[k] = v
	}
}

var probStates = map[string]string{
	service.ProbUpcoming: "Đang dự bị", service.ProbReviewDue: "Chờ chi bộ xét",
	service.ProbReviewOverdue: "Chi bộ xét quá hạn", service.ProbDecisionDue: "Chờ cấp ủy quyết định",
	service.ProbDecisionOverdue: "Cấp ủy quyết định quá hạn", service.ProbEscalated: "Đã chuyển lên cấp ủy cấp trên",
	service.ProbOfficial: "Đã công nhận chính thức", service.ProbEnded: "Không còn là đảng viên",
}

var reviewOutcomes = map[string]string{
	tochuc.ReviewPass: "Đủ hai phần ba tán thành", tochuc.ReviewFail: "Hai phần ba không tán thành (đề nghị xóa tên)",
	tochuc.ReviewNoMajority: "Không bên nào đủ hai phần ba",
}

var reviewLevels = map[string]string{tochuc.ReviewCell: "Chi bộ", tochuc.ReviewCommittee: "Cấp ủy cấp trên"}

var cardStatuses = map[string]string{
	tochuc.CardIssued: "Đang giữ", tochuc.CardLost: "Đã mất", tochuc.CardDamaged: "Hư hỏng",
	tochuc.CardReturned: "Đã thu hồi", tochuc.CardReplaced: "Đã đổi thẻ mới", tochuc.CardKept: "Gia đình giữ",
	tochuc.CardRequested: "Chờ phát thẻ",
}

// probFormDate reads a date field typed as yyyy-mm-dd (date inputs) or dd/mm/yyyy.
func probFormDate(r *http.Request, name string) (tochuc.Date, error) {
	v := strings.TrimSpace(r.PostFormValue(name))
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

func probFormInt(r *http.Request, name string) (int, error) {
	v := strings.TrimSpace(r.PostFormValue(name))
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 1_000_000 {
		return 0, tochuc.Errorf(tochuc.EINVALID, "số %q không hợp lệ", v)
	}
	return n, nil
}

// probFormDoc reads the deciding document of a form.
func probFormDoc(r *http.Request) (service.DecisionDoc, error) {
	d, err := probFormDate(r, "doc_date")
	return service.DecisionDoc{Document: r.PostFormValue("document"), DocDate: d, Signer: r.PostFormValue("signer"),
		Note: r.PostFormValue("note")}, err
}

// showProbation renders a member's probation page.
func (s *Server) showProbation(w http.ResponseWriter, r *http.Request, status int, extra map[string]any) {
	s.showMemberWork(w, r, status, extra, "probation", "Dự bị và công nhận chính thức", "P",
		func(ctx context.Context, id int64) (any, error) { return s.svc.Probation(ctx, id) })
}

// showMemberWork renders a page about one part of a member's record (probation, card): the
// member, what load reads under key, the saved notice and what a refused form sends back.
func (s *Server) showMemberWork(w http.ResponseWriter, r *http.Request, status int, extra map[string]any,
	page, title, key string, load func(context.Context, int64) (any, error)) {
	id, err := memberPathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	today := s.svc.Today()
	m, _, err := s.svc.Member(ctx, id, today)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := load(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := map[string]any{"Title": title, "M": m, key: v, "Today": today,
		"CanEdit": tochuc.ActorFrom(ctx).Can(tochuc.PermWrite), "Form": map[string]string{}}
	if r.URL.Query().Get("saved") == "1" {
		data["Notice"] = "Đã lưu thay đổi."
	}
	for k, x := range extra {
		data[k] = x
	}
	s.render(w, r, status, page, data)
}

func (s *Server) probationPage(w http.ResponseWriter, r *http.Request) {
	s.showProbation(w, r, http.StatusOK, nil)
}

// probFormValues keeps what was typed, to show it again with the error.
func probFormValues(r *http.Request, names ...string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		out[n] = r.PostFormValue(n)
	}
	return out
}

// afterPost redirects after a successful form, or shows the page again with the refusal.
func (s *Server) afterPost(w http.ResponseWriter, r *http.Request, err error, back string,
	show func(http.ResponseWriter, *http.Request, int, map[string]any), form string, names ...string) {
	if err == nil {
		http.Redirect(w, r, back+"?saved=1", http.StatusSeeOther)
		return
	}
	switch tochuc.ErrorCode(err) {
	case tochuc.EINVALID, tochuc.ECONFLICT:
		status := http.StatusBadRequest
		if tochuc.ErrorCode(err) == tochuc.ECONFLICT {
			status = http.StatusConflict
		}
		show(w, r, status, map[string]any{"Error": tochuc.ErrorMessage(err), "ErrorForm": form, "Form": probFormValues(r, names...)})
	default:
		s.fail(w, r, err)
	}
}

var docFields = []string{"document", "doc_date", "signer", "note"}

func (s *Server) probationVote(w http.ResponseWriter, r *http.Request) {
	id, err := memberPathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := service.ProbationVote{Level: r.PostFormValue("level")}
	in.Date, err = probFormDate(r, "date")
	if err == nil {
		in.Yes, err = probFormInt(r, "yes")
	}
	if err == nil {
		in.No, err = probFormInt(r, "no")
	}
	if err == nil {
		in.Total, err = probFormInt(r, "total")
	}
	if err == nil {
		in.DecisionDoc, err = probFormDoc(r)
	}
	if err == nil {
		_, err = s.svc.RecordProbationVote(r.Context(), id, in)
	}
	s.afterPost(w, r, err, "/members/"+strconv.FormatInt(id, 10)+"/probation", s.showProbation, "vote",
		append([]string{"date", "yes", "no", "total", "level"}, docFields...)...)
}

func (s *Server) probationRecognize(w http.ResponseWriter, r *http.Request) {
	id, err := memberPathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc, err := probFormDoc(r)
	if err == nil {
		_, err = s.svc.Recognize(r.Context(), id, doc)
	}
	s.afterPost(w, r, err, "/members/"+strconv.FormatInt(id, 10)+"/probation", s.showProbation, "recognize", docFields...)
}

func (s *Server) probationFail(w http.ResponseWriter, r *http.Request) {
	id, err := memberPathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc, err := probFormDoc(r)
	if err == nil {
		err = s.svc.FailProbation(r.Context(), id, doc)
	}
	s.afterPost(w, r, err, "/members/"+strconv.FormatInt(id, 10)+"/probation", s.showProbation, "fail", docFields...)
}

// showCard renders a member's card page.
func (s *Server) showCard(w http.ResponseWriter, r *http.Request, status int, extra map[string]any) {
	s.showMemberWork(w, r, status, extra, "card", "Thẻ đảng viên", "C",
		func(ctx context.Context, id int64) (any, error) { return s.svc.CardHistory(ctx, id) })
}

func (s *Server) cardPage(w http.ResponseWriter, r *http.Request) {
	s.showCard(w, r, http.StatusOK, nil)
}

// cardAction handles the card forms: request, issue, lost, reissue, return, check.
func (s *Server) cardAction(w http.ResponseWriter, r *http.Request) {
	id, err := memberPathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	action := r.PathValue("action")
	d, err := probFormDate(r, "date")
	if err == nil && d == "" {
		err = tochuc.Errorf(tochuc.EINVALID, "thiếu ngày")
	}
	names := []string{"date", "note"}
	if err == nil {
		switch action {
		case "request":
			_, err = s.svc.RequestCard(ctx, id, d, r.PostFormValue("photos") != "", r.PostFormValue("note"))
		case "issue", "reissue":
			names = append([]string{"number"}, docFields...)
			names = append(names, "date")
			in := service.CardInput{Number: r.PostFormValue("number"), Date: d}
			if in.DecisionDoc, err = probFormDoc(r); err == nil {
				if action == "issue" {
					_, err = s.svc.IssueCard(ctx, id, in)
				} else {
					_, err = s.svc.ReissueCard(ctx, id, in)
				}
			}
		case "lost":
			err = s.svc.ReportCardLost(ctx, id, d, r.PostFormValue("damaged") != "", r.PostFormValue("note"))
		case "return":
			err = s.svc.ReturnCard(ctx, id, d, r.PostFormValue("note"))
		case "check":
			err = s.svc.RecordCardCheck(ctx, id, d)
		default:
			s.fail(w, r, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy"))
			return
		}
	}
	s.afterPost(w, r, err, "/members/"+strconv.FormatInt(id, 10)+"/card", s.showCard, action, names...)
}

// orgProbation is the worklist of probations of an org's subtree.
func (s *Server) orgProbation(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	days := intParam(r, "days", service.DueWindow)
	ctx := r.Context()
	code := r.PathValue("code")
	v, err := s.svc.ViewOrg(ctx, code, d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	due, err := s.svc.ProbationsDue(ctx, code, d, days)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	overdue := 0
	for _, p := range due {
		if p.Overdue {
			overdue++
		}
	}
	s.render(w, r, http.StatusOK, "orgprobation", map[string]any{"Title": "Xét công nhận đảng viên chính thức", "Org": v.Org,
		"AsOf": d, "Today": s.svc.Today(), "Days": days, "Due": due, "Overdue": overdue})
}

// cardPeriod reads the from/to of the card lists (default: the last 12 months).
func (s *Server) cardPeriod(r *http.Request) (tochuc.Date, tochuc.Date, error) {
	q := r.URL.Query()
	var out [2]tochuc.Date
	for i, name := range []string{"from", "to"} {
		v := strings.TrimSpace(q.Get(name))
		if v == "" {
			continue
		}
		d, err := tochuc.ParseISODate(v)
		if err != nil {
			t, err2 := vn.ParseDate(v)
			if err2 != nil {
				return "", "", tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ; nhập theo dạng dd/mm/yyyy", v)
			}
			d = tochuc.DateOf(t)
		}
		out[i] = d
	}
	if out[1] == "" {
		out[1] = s.svc.Today()
	}
	if out[0] == "" {
		out[0] = out[1].AddDays(-365)
	}
	return out[0], out[1], nil
}

// orgCards shows the card requests of a subtree, the lists 1-TĐV/1A-TĐV and the cards due for
// their check; print=1A or print=1 shows the printable list alone.
func (s *Server) orgCards(w http.ResponseWriter, r *http.Request) {
	from, to, err := s.cardPeriod(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	code := r.PathValue("code")
	l, err := s.svc.CardLists(ctx, code, from, to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	checks, err := s.svc.CardChecksDue(ctx, code, s.svc.Today())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	waiting := 0
	for _, g := range l.Groups {
		for _, row := range g.Rows {
			if row.Status == tochuc.CardRequested {
				waiting++
			}
		}
	}
	data := map[string]any{"Title": "Thẻ đảng viên", "L": l, "Checks": checks, "Waiting": waiting, "From": from, "To": to,
		"Today": s.svc.Today()}
	page := "orgcards"
	switch p := r.URL.Query().Get("print"); p {
	case "1", "1A":
		data["Form"] = p
		page = "cardprint"
	}
	s.render(w, r, http.StatusOK, page, data)
}

// orgCardsExport streams a card list as XLSX or CSV (cells neutralized).
func (s *Server) orgCardsExport(w http.ResponseWriter, r *http.Request) {
	from, to, err := s.cardPeriod(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form := r.URL.Query().Get("form")
	if form != "1" {
		form = "1A"
	}
	code := r.PathValue("code")
	s.download(w, r, "the-dang-"+form+"-TDV-"+safeFileName(code)+"-"+string(to), "Mẫu "+form+"-TĐV", func(tw tabular.Writer, _ bool) error {
		_, err := s.svc.ExportCardList(r.Context(), tw, code, from, to, form)
		return err
	})
}

// The JSON API.

func (s *Server) apiProbationVote(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	var in service.ProbationVote
	if !s.decodeBody(w, r, &in) {
		return
	}
	rev, err := s.svc.RecordProbationVote(r.Context(), id, in)
	if err != nil {
		s.apiError(w, err)
		return
	}
	v, err := s.svc.Probation(r.Context(), id)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusCreated, map[string]any{"review": rev, "probation": v})
}

func (s *Server) apiRecognition(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	var in service.DecisionDoc
	if !s.decodeBody(w, r, &in) {
		return
	}
	off, err := s.svc.Recognize(r.Context(), id, in)
	if err != nil {
		s.apiError(w, err)
		return
	}
	v, err := s.svc.Probation(r.Context(), id)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusCreated, map[string]any{"official_date": off, "probation": v})
}

func (s *Server) apiProbations(w http.ResponseWriter, r *http.Request) {
	d, err := s.asOf(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	days := service.DueWindow
	if v := r.URL.Query().Get("days"); v != "" {
		if days, err = strconv.Atoi(v); err != nil {
			s.apiError(w, tochuc.Errorf(tochuc.EINVALID, "days phải là một số nguyên"))
			return
		}
	}
	due, err := s.svc.ProbationsDue(r.Context(), strings.TrimSpace(r.URL.Query().Get("org")), d, days)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, map[string]any{"as_of": d, "days": days, "items": due})
}

// cardActionInput is the body of POST /api/v1/members/{id}/cards.
type cardActionInput struct {
	Action string      `json:"action"` // request, issue (default), reissue, lost, damaged, return, check
	Number string      `json:"number"`
	Date   tochuc.Date `json:"date"`
	Photos bool        `json:"photos"`
	service.DecisionDoc
}

func (s *Server) apiCardAction(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	var in cardActionInput
	if !s.decodeBody(w, r, &in) {
		return
	}
	ctx := r.Context()
	var err error
	card := service.CardInput{Number: in.Number, Date: in.Date, DecisionDoc: in.DecisionDoc}
	switch in.Action {
	case "", "issue":
		_, err = s.svc.IssueCard(ctx, id, card)
	case "reissue":
		_, err = s.svc.ReissueCard(ctx, id, card)
	case "request":
		_, err = s.svc.RequestCard(ctx, id, in.Date, in.Photos, in.Note)
	case "lost", "damaged":
		err = s.svc.ReportCardLost(ctx, id, in.Date, in.Action == "damaged", in.Note)
	case "return":
		err = s.svc.ReturnCard(ctx, id, in.Date, in.Note)
	case "check":
		err = s.svc.RecordCardCheck(ctx, id, in.Date)
	default:
		err = tochuc.Errorf(tochuc.EINVALID, "Trường action: chọn request, issue, reissue, lost, damaged, return hoặc check.")
	}
	if err != nil {
		s.apiError(w, err)
		return
	}
	v, err := s.svc.CardHistory(ctx, id)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusCreated, v)
}

func (s *Server) apiCards(w http.ResponseWriter, r *http.Request) {
	id, ok := s.apiPathID(w, r, "id")
	if !ok {
		return
	}
	v, err := s.svc.CardHistory(r.Context(), id)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, v)
}

func (s *Server) apiCardLists(w http.ResponseWriter, r *http.Request) {
	from, to, err := s.cardPeriod(r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	l, err := s.svc.CardLists(r.Context(), strings.TrimSpace(r.URL.Query().Get("org")), from, to)
	if err != nil {
		s.apiError(w, err)
		return
	}
	s.json(w, http.StatusOK, l)
}
