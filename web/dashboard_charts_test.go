package web_test

import (
	"encoding/xml"
	"errors"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"tochuc"
	"tochuc/importer"
	"tochuc/internal/dbtest"
	"tochuc/store"
)

// dashEnv is the admin fixture with three more communes in PA, named so that byte order and
// Vietnamese order differ ("Ân Thi" sorts before "Bình Xuyên" only in Vietnamese), members in
// them, and a staff user and a leader of PA.
func dashEnv(t *testing.T, db *store.DB) (*admEnv, admLogin, admLogin) {
	e := newAdmEnv(t, db)
	rows := []importer.OrgRow{
		{Code: "PA-D", Name: "Đông Anh", Kind: tochuc.KindBasicCommittee, Setting: "commune", ParentCode: "PA"},
		{Code: "PA-B", Name: "Bình Xuyên", Kind: tochuc.KindBasicCommittee, Setting: "commune", ParentCode: "PA"},
		{Code: "PA-A", Name: "Ân Thi", Kind: tochuc.KindBasicCommittee, Setting: "ward", ParentCode: "PA"},
		{Code: "PA-A-C", Name: "Chi bộ tổ dân phố Một", Kind: tochuc.KindCell, Setting: "village", ParentCode: "PA-A"},
	}
	for i := range rows {
		rows[i].Line, rows[i].ValidFrom, rows[i].Document = i+2, "2000-01-01", "QĐ 2"
	}
	if rep, err := e.svc.ImportOrgs(admSystem(), rows, false); err != nil || rep.Failed() {
		t.Fatalf("orgs: %v %+v", err, rep)
	}
	e.addMember("Vũ Văn Đông", "PA-D", 30)
	e.addMember("Vũ Văn Đoài", "PA-D", 31)
	e.addMember("Vũ Văn Bắc", "PA-A-C", 32)
	e.addUser("staffa", tochuc.RoleStaff, "PA")
	e.addUser("leadera", tochuc.RoleLeader, "PA")
	return e, e.loginAs("staffa"), e.loginAs("leadera")
}

var svgRe = regexp.MustCompile(`(?s)<svg\b.*?</svg>`)

// wellFormed parses an SVG fragment as XML to its end.
func wellFormed(frag string) error {
	d := xml.NewDecoder(strings.NewReader(frag))
	for {
		if _, err := d.Token(); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// order reports whether the texts occur in s in the order given.
func inOrder(s string, texts ...string) bool {
	at := -1
	for _, x := range texts {
		i := strings.Index(s, x)
		if i <= at {
			return false
		}
		at = i
	}
	return true
}

func TestDashboardChartsAndComparison(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e, staff, leader := dashEnv(t, db)
		// Facts entered through the form of the facts page.
		w := e.do(admReq{method: http.MethodPost, path: "/orgs/PA-A/facts", as: &staff,
			form: url.Values{"year": {"2020"}, "population": {"1.000"}, "villages": {"2"}}})
		wantStatus(t, w, http.StatusSeeOther, "facts form")
		w = e.do(admReq{method: http.MethodPost, path: "/orgs/PB-X/facts", as: &staff, form: url.Values{"year": {"2020"}, "population": {"5"}}})
		if w.Code != http.StatusNotFound {
			t.Errorf("facts of another province: %d", w.Code)
		}
		w = e.get("/orgs/PA/facts", &leader)
		wantStatus(t, w, http.StatusOK, "facts page")
		if b := w.Body.String(); !strings.Contains(b, "1.000") || !strings.Contains(b, "0,10%") || !strings.Contains(b, "50,00%") || strings.Contains(b, `name="population"`) {
			t.Errorf("facts page (leader: figures, no form): %s", b)
		}

		for _, who := range []*admLogin{&staff, &leader} {
			w := e.get("/", who)
			wantStatus(t, w, http.StatusOK, "dashboard")
			body := w.Body.String()
			if strings.Contains(body, " style=") {
				t.Error("the dashboard carries a style attribute")
			}
			svgs := svgRe.FindAllString(body, -1)
			if len(svgs) < 7 { // 4 breakdowns, 2 trends, 1 by unit
				t.Errorf("%d charts", len(svgs))
			}
			for _, s := range svgs {
				if err := wellFormed(s); err != nil {
					t.Errorf("SVG not well-formed: %v\n%s", err, s)
				}
			}
			// Each chart has its data table below it.
			for _, fig := range regexp.MustCompile(`(?s)<figure class="chart".*?</figure>`).FindAllString(body, -1) {
				if !strings.Contains(fig, "<svg") || !strings.Contains(fig, "<table") || strings.Index(fig, "<table") < strings.Index(fig, "</svg>") {
					t.Errorf("a chart without its table below: %s", fig)
				}
			}
			cmp := body[strings.Index(body, `id="compare"`):]
			if !inOrder(cmp, "Ân Thi", "Bình Xuyên", "Đảng bộ xã An Lạc", "Đông Anh") {
				t.Errorf("comparison not in Vietnamese order: %s", cmp)
			}
			if strings.Contains(body, "Phú Bình") || strings.Contains(body, "Bình Yên") {
				t.Error("the dashboard of PA shows an org of PB")
			}
			if !strings.Contains(body, "0,10%") { // 1 member of Ân Thi per 1.000 people
				t.Errorf("no ratio on the dashboard")
			}
		}
		// Sorting: names descending, members descending (Đông Anh has 2).
		w = e.get("/?org=PA&sort=name&dir=desc", &staff)
		wantStatus(t, w, http.StatusOK, "sorted")
		cmp := w.Body.String()
		cmp = cmp[strings.Index(cmp, `id="compare"`):]
		if !inOrder(cmp, "Đông Anh", "Đảng bộ xã An Lạc", "Bình Xuyên", "Ân Thi") || !strings.Contains(cmp, `aria-sort="descending"`) {
			t.Errorf("name desc: %s", cmp)
		}
		w = e.get("/?org=PA&sort=members&dir=desc", &staff)
		cmp = w.Body.String()
		cmp = cmp[strings.Index(cmp, `id="compare"`):]
		if !inOrder(cmp, "Đông Anh", "Ân Thi", "Bình Xuyên") {
			t.Errorf("members desc: %s", cmp)
		}
		if !strings.Contains(cmp, "dir=asc&amp;org=PA&amp;sort=members") {
			t.Errorf("the active column does not link to the other direction: %s", cmp)
		}
		// The JSON API says the same.
		var out struct {
			Comparison struct {
				Rows []struct {
					Code string `json:"org_code"`
				} `json:"rows"`
			} `json:"comparison"`
			Trend struct {
				Years []struct{ Members int64 } `json:"years"`
			} `json:"trend"`
		}
		w = e.get("/api/v1/dashboard?org=PA&sort=name", &leader)
		wantStatus(t, w, http.StatusOK, "api dashboard")
		decodeJSON(t, w, &out)
		if len(out.Comparison.Rows) != 4 || out.Comparison.Rows[0].Code != "PA-A" || out.Comparison.Rows[3].Code != "PA-D" || len(out.Trend.Years) != 5 {
			t.Errorf("api: %+v", out)
		}
		if w := e.get("/api/v1/dashboard?org=PB", &staff); w.Code != http.StatusNotFound {
			t.Errorf("api dashboard of PB: %d", w.Code)
		}
	})
}

// TestStatsFlowLinks: a flow figure of the statistics page opens the list of the members it
// counts, exported with an audit entry; a leader (counts only) reads no names.
func TestStatsFlowLinks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e, staff, leader := dashEnv(t, db)
		w := e.get("/stats?org=PA&from=2010-01-01&to=2010-12-31&as_of=2010-12-31", &staff)
		wantStatus(t, w, http.StatusOK, "stats")
		link := regexp.MustCompile(`href="(/stats/flows/members\?[^"]*flow=admitted[^"]*)"`).FindStringSubmatch(w.Body.String())
		if link == nil {
			t.Fatalf("no flow link: %s", w.Body.String())
		}
		path := html.UnescapeString(link[1])
		w = e.get(path, &staff)
		wantStatus(t, w, http.StatusOK, "flow list")
		if b := w.Body.String(); !strings.Contains(b, "Vũ Văn Đông") || !strings.Contains(b, "Trần Văn Anh") || strings.Contains(b, "Lê Thị Bình") {
			t.Errorf("flow list: %s", b)
		}
		w = e.get(strings.Replace(path, "/stats/flows/members?", "/stats/flows/members/export?", 1)+"&format=csv", &staff)
		wantStatus(t, w, http.StatusOK, "flow export")
		if !strings.Contains(w.Body.String(), "Vũ Văn Đông") {
			t.Errorf("export: %s", w.Body.String())
		}
		if w := e.get(path, &leader); w.Code == http.StatusOK {
			t.Error("a leader opened the names of a flow")
		}
		if w := e.get("/stats/flows/members?org=PB&from=2010-01-01&to=2010-12-31&flow=admitted", &staff); w.Code != http.StatusNotFound {
			t.Errorf("flow list of PB: %d", w.Code)
		}
	})
}
