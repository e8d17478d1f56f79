package web_test

import (
	"fmt"
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
)

var (
	candControl = regexp.MustCompile(`<(input|select)\b[^>]*>`)
	candID      = regexp.MustCompile(`\bid="([^"]+)"`)
)

// checkLabelled fails when a visible form control of a page has no id or no label for it.
func checkLabelled(t *testing.T, page, what string) {
	t.Helper()
	for _, c := range candControl.FindAllString(page, -1) {
		if strings.Contains(c, `type="hidden"`) {
			continue
		}
		m := candID.FindStringSubmatch(c)
		if m == nil {
			t.Errorf("%s: control without an id: %s", what, c)
			continue
		}
		if !strings.Contains(page, `for="`+m[1]+`"`) {
			t.Errorf("%s: control %s has no label", what, m[1])
		}
	}
}

// The candidate pages walked as a clerk would: add, every step (one refused with its rule),
// the ceremony, then the member's record; and the API on the same data.
func TestCandidatePages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		second := e.addMember("Phạm Văn Hai", "PA-X-C", 3)
		e.addUser("canbo_pa", tochuc.RoleStaff, "PA")
		staff := e.loginAs("canbo_pa")
		e.addUser("canbo_pb", tochuc.RoleStaff, "PB")
		other := e.loginAs("canbo_pb")

		w := e.get("/orgs/PA-X/candidates", &staff)
		wantStatus(t, w, http.StatusOK, "list page")
		checkLabelled(t, w.Body.String(), "list page")
		w = e.do(admReq{method: http.MethodPost, path: "/orgs/PA-X/candidates", as: &staff, form: url.Values{
			"full_name": {"Đinh Thị Mận"}, "sex": {"female"}, "birth_date": {"12/03/2000"}, "education": {"upper_secondary"},
			"ethnicity": {"Kinh"}, "org": {"PA-X-C"}, "identified": {"10/01/2025"}}})
		wantStatus(t, w, http.StatusSeeOther, "add a candidate")
		page := w.Header().Get("Location")
		id, err := strconv.ParseInt(strings.TrimPrefix(page, "/candidates/"), 10, 64)
		if err != nil {
			t.Fatalf("redirect to %q", page)
		}
		steps := []url.Values{
			{"stage": {"awareness_trained"}, "date": {"2025-02-20"}, "number": {"123/GCN"}},
			{"stage": {"cam_tinh"}, "date": {"2025-03-05"}, "document": {"02-NQ/CB"}},
			{"stage": {"application"}, "date": {"01/04/2025"}, "history_date": {"2025-04-01"},
				"introducer1": {strconv.FormatInt(e.memberA, 10)}, "since1": {"2020-01-01"},
				"introducer2": {strconv.FormatInt(second, 10)}, "since2": {"2021-06-01"}},
			{"stage": {"verified"}, "date": {"2025-05-15"}, "result": {"Đủ tiêu chuẩn"}},
			{"stage": {"cell_resolution"}, "date": {"2025-08-05"}, "yes": {"6"}, "total": {"9"}, "document": {"05-NQ/CB"}, "signer": {"Trần Văn Anh"}},
			{"stage": {"committee_resolution"}, "date": {"2025-08-20"}, "yes": {"7"}, "total": {"9"}, "document": {"12-NQ/ĐU"}, "signer": {"Bí thư"}},
			{"stage": {"decided"}, "date": {"2025-09-10"}, "document": {"345-QĐ/HU"}, "signer": {"Hoàng Văn Bí"}, "committee": {"Huyện ủy"}},
		}
		for _, st := range steps {
			w = e.get(page, &staff)
			wantStatus(t, w, http.StatusOK, "candidate page before "+st.Get("stage"))
			body := w.Body.String()
			if !strings.Contains(body, `name="stage" value="`+st.Get("stage")+`"`) {
				t.Fatalf("the page does not offer the step %s", st.Get("stage"))
			}
			checkLabelled(t, body, "step "+st.Get("stage"))
			if st.Get("stage") == "application" && !strings.Contains(body, ">Phạm Văn Hai</option>") {
				t.Errorf("the introducer list lacks the cell's official members")
			}
			if st.Get("stage") == "cell_resolution" {
				bad := url.Values{}
				for k, v := range st {
					bad[k] = v
				}
				bad.Set("yes", "5")
				w = e.do(admReq{method: http.MethodPost, path: page + "/steps", as: &staff, form: bad})
				wantStatus(t, w, http.StatusBadRequest, "5 of 9")
				if !strings.Contains(w.Body.String(), "5/9") || !strings.Contains(w.Body.String(), "Điều lệ") {
					t.Errorf("the refusal does not name its rule: %s", w.Body.String())
				}
			}
			w = e.do(admReq{method: http.MethodPost, path: page + "/steps", as: &staff, form: st})
			wantStatus(t, w, http.StatusSeeOther, "step "+st.Get("stage"))
			// Another subtree's staff can neither see nor write.
			wantStatus(t, e.get(page, &other), http.StatusNotFound, "other subtree reads")
		}
		w = e.get(page, &staff)
		body := w.Body.String()
		for _, want := range []string{`id="f-ceremony_date"`, "345-QĐ/HU", "Trần Văn Anh", "Phạm Văn Hai", "6/9"} {
			if !strings.Contains(body, want) {
				t.Errorf("candidate page after the decision lacks %q", want)
			}
		}
		checkLabelled(t, body, "ceremony form")
		w = e.do(admReq{method: http.MethodPost, path: page + "/ceremony", as: &other, form: url.Values{"ceremony_date": {"2025-09-25"}}})
		wantStatus(t, w, http.StatusNotFound, "other subtree's ceremony")
		w = e.do(admReq{method: http.MethodPost, path: page + "/ceremony", as: &staff, form: url.Values{"ceremony_date": {"25/09/2025"}}})
		wantStatus(t, w, http.StatusSeeOther, "ceremony")
		w = e.get(page, &staff)
		m := regexp.MustCompile(`id="c-member" href="/members/(\d+)"`).FindStringSubmatch(w.Body.String())
		if m == nil {
			t.Fatalf("no link to the member record: %s", w.Body.String())
		}
		if strings.Contains(w.Body.String(), `action="`+page+`/steps"`) {
			t.Errorf("an admitted candidate still offers a step")
		}
		w = e.get("/members/"+m[1], &staff)
		wantStatus(t, w, http.StatusOK, "member record")
		if !strings.Contains(w.Body.String(), "Đinh Thị Mận") {
			t.Errorf("member record lacks the name")
		}

		// The API on the same data.
		w = e.get("/api/v1/candidates?org=PA&stage=admitted", &staff)
		wantStatus(t, w, http.StatusOK, "API list")
		var list struct {
			Candidates []tochuc.Candidate `json:"candidates"`
		}
		decodeJSON(t, w, &list)
		if len(list.Candidates) != 1 || list.Candidates[0].ID != id || fmt.Sprint(list.Candidates[0].MemberID) != m[1] {
			t.Errorf("API list: %+v", list.Candidates)
		}
		w = e.do(admReq{method: http.MethodPost, path: "/api/v1/candidates", as: &staff,
			json: `{"org_code":"PA-X-C","full_name":"Vi Văn Tùng","sex":"male","birth_date":"1999","identified":"2025-01-10"}`})
		wantStatus(t, w, http.StatusCreated, "API create")
		var one struct {
			Candidate tochuc.Candidate `json:"candidate"`
		}
		decodeJSON(t, w, &one)
		path := fmt.Sprintf("/api/v1/candidates/%d", one.Candidate.ID)
		w = e.do(admReq{method: http.MethodPost, path: path + "/steps", as: &staff, json: `{"stage":"cam_tinh","date":"2025-02-01"}`})
		wantStatus(t, w, http.StatusBadRequest, "API step out of order")
		w = e.do(admReq{method: http.MethodPost, path: path + "/steps", as: &staff, json: `{"stage":"awareness_trained","date":"2025-02-01","number":"9/GCN"}`})
		wantStatus(t, w, http.StatusCreated, "API step")
		decodeJSON(t, w, &one)
		if one.Candidate.Stage != tochuc.StageAwarenessTrained || one.Candidate.CertificateExpires != "2030-02-01" {
			t.Errorf("API step: %+v", one.Candidate)
		}
		w = e.do(admReq{method: http.MethodPost, path: path + "/ceremony", as: &staff, json: `{"date":"2025-02-02"}`})
		wantStatus(t, w, http.StatusBadRequest, "API ceremony before the decision")
		wantStatus(t, e.get(path, &other), http.StatusNotFound, "API read from another subtree")

		// English.
		req := httptest.NewRequest(http.MethodGet, page, nil)
		req.AddCookie(&http.Cookie{Name: "tochuc_session", Value: staff.token})
		req.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, req)
		wEN := rec.Body.String()
		for _, want := range []string{"Candidate", "Steps done", "Admission decision", "Open the member record"} {
			if !strings.Contains(wEN, want) {
				t.Errorf("English candidate page lacks %q", want)
			}
		}
	})
}
