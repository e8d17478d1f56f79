package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/store"
)

func TestTargetsPageAndAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		e.addUser("staff_pa", tochuc.RoleStaff, "PA")
		e.addUser("leader_pa", tochuc.RoleLeader, "PA")
		staff, leader := e.loginAs("staff_pa"), e.loginAs("leader_pa")
		post := func(as *admLogin, f url.Values) *http.Response {
			return e.do(admReq{method: http.MethodPost, path: "/orgs/PA/targets", as: as, form: f}).Result()
		}
		if res := post(&staff, url.Values{"form": {"target"}, "year": {"2010"}, "figure": {"admitted"}, "direction": {"at_least"},
			"target": {"3"}, "label": {"Kết nạp đảng viên mới"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("target form: %d", res.StatusCode)
		}
		if res := post(&staff, url.Values{"form": {"work"}, "year": {"2010"}, "kind": {"project"}, "title": {"Đề án nâng cao chất lượng sinh hoạt chi bộ"},
			"deadline": {"2010-06-30"}, "status": {"done"}, "done_date": {"2010-05-20"}, "result_document": {"BC 3-BC/TU"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("work form: %d", res.StatusCode)
		}
		if res := post(&staff, url.Values{"form": {"indicator"}, "year": {"2010"}, "position": {"1"}, "name": {"Tỷ lệ tổ chức đảng hoàn thành tốt nhiệm vụ"},
			"value": {"92%"}, "achieved": {"1"}, "evidence": {"BC 5-BC/TU"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("indicator form: %d", res.StatusCode)
		}
		// The leader reads the page but has no form, and may not write.
		w := e.get("/orgs/PA/targets?year=2010", &leader)
		wantStatus(t, w, http.StatusOK, "page as leader")
		body := w.Body.String()
		for _, want := range []string{"Kết nạp đảng viên mới", "33,33%", "<svg class=\"progress\"", "width=\"30\"", "hoàn thành 1/1 chỉ tiêu", "hoàn thành 1/1 đề án, nhiệm vụ",
			"Đề án nâng cao chất lượng sinh hoạt chi bộ", "BC 5-BC/TU"} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		if strings.Contains(body, `name="form"`) || strings.Contains(body, "style=") {
			t.Errorf("leader sees a form or a style attribute")
		}
		if res := post(&leader, url.Values{"form": {"target"}, "year": {"2010"}, "figure": {"admitted"}, "target": {"9"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("leader wrote a target: %d", res.StatusCode)
		}
		if w := e.get("/orgs/PA/targets?year=2010", &staff); !strings.Contains(w.Body.String(), `name="form" value="target"`) {
			t.Errorf("staff sees no target form")
		}
		// JSON.
		w = e.get("/api/v1/targets?org=PA&year=2010&as_of=2010-12-31", &leader)
		wantStatus(t, w, http.StatusOK, "api targets")
		var rep struct {
			Targets []struct {
				Figure   string `json:"figure"`
				Actual   int64  `json:"actual"`
				Target   int64  `json:"target"`
				Percent  string `json:"percent"`
				Sentence string `json:"sentence"`
			} `json:"targets"`
		}
		decodeJSON(t, w, &rep)
		if len(rep.Targets) != 1 || rep.Targets[0].Actual != 1 || rep.Targets[0].Target != 3 || rep.Targets[0].Percent != "33,33%" {
			t.Errorf("api: %+v", rep)
		}
		w = e.do(admReq{method: http.MethodPost, path: "/api/v1/targets", as: &staff,
			json: `{"org_code":"PA-X","year_from":2010,"figure":"removed","direction":"at_most","target":0}`})
		wantStatus(t, w, http.StatusCreated, "api set")
		w = e.do(admReq{method: http.MethodPost, path: "/api/v1/targets", as: &leader,
			json: `{"org_code":"PA-X","year_from":2010,"figure":"removed","direction":"at_most","target":0}`})
		wantStatus(t, w, http.StatusNotFound, "api set as leader")
		w = e.get("/api/v1/programmes?org=PA&year=2010&as_of=2010-12-31", &leader)
		wantStatus(t, w, http.StatusOK, "api programmes")
		if !strings.Contains(w.Body.String(), `"summary":"hoàn thành 1/1 đề án, nhiệm vụ"`) {
			t.Errorf("programmes: %s", w.Body.String())
		}
		w = e.get("/api/v1/indicators?org=PA&year=2010", &leader)
		if !strings.Contains(w.Body.String(), `"summary":"hoàn thành 1/1 chỉ tiêu"`) {
			t.Errorf("indicators: %s", w.Body.String())
		}
		// Outside the scope: not found.
		w = e.get("/api/v1/targets?org=PB&year=2010", &leader)
		wantStatus(t, w, http.StatusNotFound, "other province")
	})
}
