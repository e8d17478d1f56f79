package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/store"
	"tochuc/vn"
)

// probFieldsLabelled checks that every form field of a page has an id and a label for it (the
// browser test finds fields by their labels).
func probFieldsLabelled(t *testing.T, page, what string) {
	t.Helper()
	field := regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)
	id := regexp.MustCompile(`\bid="([^"]+)"`)
	n := 0
	for _, f := range field.FindAllString(page, -1) {
		if strings.Contains(f, `type="hidden"`) {
			continue
		}
		m := id.FindStringSubmatch(f)
		if m == nil {
			t.Errorf("%s: field without id: %s", what, f)
			continue
		}
		if !strings.Contains(page, `for="`+m[1]+`"`) {
			t.Errorf("%s: field %s has no label", what, m[1])
		}
		n++
	}
	if n == 0 {
		t.Errorf("%s: no form field found", what)
	}
}

func TestProbationAndCardPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		e.svc.Today = func() tochuc.Date { return "2026-01-15" }
		m := tochuc.Member{FullName: "Đinh Văn Dự", Sex: "male", BirthDate: "1996-02-03", CitizenID: vn.MakeCitizenID("002", 1996, "male", 77),
			AdmissionDate: "2024-10-01", CeremonyDate: "2024-11-05", HomeTown: "An Lạc"}
		id, err := e.svc.CreateMember(admSystem(), m, "PA-X-C")
		if err != nil {
			t.Fatal(err)
		}
		e.addUser("probstaff", tochuc.RoleStaff, "PA")
		e.addUser("probother", tochuc.RoleStaff, "PB")
		as := e.loginAs("probstaff")
		other := e.loginAs("probother")
		base := "/members/" + strconv.FormatInt(id, 10)
		post := func(path string, form url.Values) *probRes {
			return &probRes{e.do(admReq{method: http.MethodPost, path: path, as: &as, form: form})}
		}

		// The record links to the probation and card pages.
		w := e.get(base, &as)
		wantStatus(t, w, 200, "record")
		if !strings.Contains(w.Body.String(), base+"/probation") || !strings.Contains(w.Body.String(), base+"/card") {
			t.Errorf("record lacks the probation and card links")
		}
		w = e.get(base+"/probation", &as)
		wantStatus(t, w, 200, "probation page")
		page := w.Body.String()
		for _, want := range []string{`id="form-vote"`, `id="form-recognize"`, `id="form-fail"`, "05/11/2025", `name="csrf"`} {
			if !strings.Contains(page, want) {
				t.Errorf("probation page lacks %s", want)
			}
		}
		probFieldsLabelled(t, page, "probation page")

		// A vote with more votes than voters is refused, naming the rule; the page keeps the values.
		r := post(base+"/probation/votes", url.Values{"date": {"2025-11-20"}, "yes": {"10"}, "no": {"0"}, "total": {"9"}})
		r.want(t, 400, "bad vote")
		if !strings.Contains(r.body(), "— QĐ") || !strings.Contains(r.body(), `value="10"`) {
			t.Errorf("refusal does not name its rule or lost the values: %s", r.body())
		}
		post(base+"/probation/votes", url.Values{"date": {"2025-11-20"}, "yes": {"7"}, "no": {"2"}, "total": {"9"},
			"document": {"05-NQ/CB"}}).want(t, 303, "vote")
		post(base+"/card/request", url.Values{"date": {"2026-01-05"}}).want(t, 400, "card request while probationary")
		post(base+"/probation/recognize", url.Values{"document": {"120-QĐ/ĐU"}, "doc_date": {"10/01/2026"},
			"signer": {"Bí thư"}}).want(t, 303, "recognize")
		w = e.get(base+"/probation", &as)
		if !strings.Contains(w.Body.String(), `id="probation-official">05/11/2025`) {
			t.Errorf("official date not shown: %s", w.Body.String())
		}

		// The card: request, lists, issue, lost, reissue.
		w = e.get(base+"/card", &as)
		wantStatus(t, w, 200, "card page")
		probFieldsLabelled(t, w.Body.String(), "card page")
		post(base+"/card/request", url.Values{"date": {"2026-01-12"}, "photos": {"1"}}).want(t, 303, "card request")
		w = e.get("/orgs/PA/cards?from=2026-01-01", &as)
		wantStatus(t, w, 200, "org cards")
		if !strings.Contains(w.Body.String(), "Đinh Văn Dự") || !strings.Contains(w.Body.String(), "Đảng bộ xã An Lạc") {
			t.Errorf("org cards lack the request")
		}
		probFieldsLabelled(t, w.Body.String(), "org cards")
		w = e.get("/orgs/PA/cards?print=1A&from=2026-01-01", &as)
		wantStatus(t, w, 200, "print 1A")
		if !strings.Contains(w.Body.String(), "1A-TĐV") || !strings.Contains(w.Body.String(), "Đinh Văn Dự") {
			t.Errorf("print 1A lacks the form or the member")
		}
		w = e.get("/orgs/PA/cards/export?format=csv&form=1&from=2026-01-01", &as)
		wantStatus(t, w, 200, "export")
		if !strings.Contains(w.Body.String(), "Đinh Văn Dự") || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") {
			t.Errorf("export: %s", w.Body.String())
		}
		post(base+"/card/issue", url.Values{"date": {"2026-01-14"}, "number": {"0123456"}, "document": {"15-QĐ/ĐU"}}).want(t, 303, "issue")
		post(base+"/card/lost", url.Values{"date": {"2026-01-15"}}).want(t, 303, "lost")
		post(base+"/card/reissue", url.Values{"date": {"2026-01-15"}, "number": {"0123999"}}).want(t, 303, "reissue")
		w = e.get(base+"/card", &as)
		if b := w.Body.String(); !strings.Contains(b, "0123999") || !strings.Contains(b, "0123456") {
			t.Errorf("card history: %s", b)
		}

		// The org's worklist, in English too.
		w = e.get("/orgs/PA/probation?days=3650", &as)
		wantStatus(t, w, 200, "org probation")
		probFieldsLabelled(t, w.Body.String(), "org probation")
		req := probRequest(http.MethodGet, base+"/probation", &as)
		req.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
		wr := probServe(e, req)
		if !strings.Contains(wr.Body.String(), "Probation and recognition") || !strings.Contains(wr.Body.String(), "Recognized as full member") {
			t.Errorf("English page lacks translations")
		}

		// Another subtree: not found, nothing changes.
		for _, p := range []string{base + "/probation", base + "/card", "/orgs/PA/probation", "/orgs/PA/cards"} {
			wantStatus(t, e.get(p, &other), 404, "other subtree "+p)
		}
		r = &probRes{e.do(admReq{method: http.MethodPost, path: base + "/card/lost", as: &other, form: url.Values{"date": {"2026-01-15"}}})}
		r.want(t, 404, "other subtree write")

		// The API: a second probationer voted and recognized, then listed.
		m2 := m
		m2.FullName, m2.CitizenID = "Đinh Thị Hai", vn.MakeCitizenID("002", 1996, "female", 78)
		m2.Sex = "female"
		id2, err := e.svc.CreateMember(admSystem(), m2, "PA-X-C")
		if err != nil {
			t.Fatal(err)
		}
		api := "/api/v1/members/" + strconv.FormatInt(id2, 10)
		w = e.get("/api/v1/probations?org=PA&days=30", &as)
		wantStatus(t, w, 200, "api probations")
		var due struct {
			Items []struct {
				MemberID int64  `json:"member_id"`
				State    string `json:"state"`
			} `json:"items"`
		}
		decodeJSON(t, w, &due)
		if len(due.Items) != 1 || due.Items[0].MemberID != id2 || due.Items[0].State != "review_overdue" {
			t.Errorf("api probations: %+v", due)
		}
		wantStatus(t, e.do(admReq{method: http.MethodPost, path: api + "/probation/votes", as: &as, json: `{"date":"2025-11-20","yes":6,"no":3,"total":9}`}), 201, "api vote")
		w = e.do(admReq{method: http.MethodPost, path: api + "/recognition", as: &as, json: `{"document":"7-QĐ/ĐU","doc_date":"2026-01-12"}`})
		wantStatus(t, w, 201, "api recognition")
		if !strings.Contains(w.Body.String(), `"official_date":"2025-11-05"`) {
			t.Errorf("api recognition: %s", w.Body.String())
		}
		wantStatus(t, e.do(admReq{method: http.MethodPost, path: api + "/cards", as: &as, json: `{"number":"0777","date":"2026-01-14"}`}), 201, "api card")
		w = e.get(api+"/cards", &as)
		wantStatus(t, w, 200, "api cards")
		if !strings.Contains(w.Body.String(), `"register_number":"0777"`) {
			t.Errorf("api cards: %s", w.Body.String())
		}
		wantStatus(t, e.get("/api/v1/cards/lists?org=PA&from=2026-01-01", &as), 200, "api lists")
		wantStatus(t, e.get(api+"/cards", &other), 404, "api other subtree")
	})
}

// probRes is a response with its status check.
type probRes struct{ w *httptest.ResponseRecorder }

func (r *probRes) want(t *testing.T, status int, what string) {
	t.Helper()
	wantStatus(t, r.w, status, what)
}

func (r *probRes) body() string { return r.w.Body.String() }

// probRequest is a GET as a logged-in browser.
func probRequest(method, path string, as *admLogin) *http.Request {
	req := httptest.NewRequest(method, path, nil)
	req.AddCookie(&http.Cookie{Name: "tochuc_session", Value: as.token})
	return req
}

func probServe(e *admEnv, req *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, req)
	return w
}
