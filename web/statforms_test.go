package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/statforms"
	"tochuc/store"
)

// TestStatformPages: the form page with its validation, the XLSX download, and a round opened,
// submitted and approved through the pages (POST with CSRF), then read through the API.
func TestStatformPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		e.addUser("staff_pa", tochuc.RoleStaff, "PA")
		e.addUser("staff_x", tochuc.RoleStaff, "PA-X")
		e.addUser("leader_pb", tochuc.RoleLeader, "PB")
		staff, unit, other := e.loginAs("staff_pa"), e.loginAs("staff_x"), e.loginAs("leader_pb")

		w := e.get("/statforms?form=1-TCTW&org=PA&as_of=2024-12-31", &staff)
		wantStatus(t, w, http.StatusOK, "form page")
		body := w.Body.String()
		for _, want := range []string{"1-TCTW", "Đảng bộ tỉnh Phú An", "Số đảng viên cuối kỳ", "31/12/2024", "/statforms/xlsx?", "Biểu đúng mọi quy tắc kiểm tra."} {
			if !strings.Contains(body, want) {
				t.Errorf("form page lacks %q", want)
			}
		}
		if strings.Contains(body, "style=") {
			t.Error("style attribute")
		}
		if !strings.Contains(body, `<a href="/statforms" aria-current="page">`) {
			t.Error("no current link to the forms in the navigation")
		}
		// A cell of one figure opens the list of what it counts; a sum does not.
		// (The province has no woman: a cell of 0 has no link.)
		if !strings.Contains(body, `<td class="num"><a href="/stats/members?as_of=2024-12-31&amp;org=PA">1</a></td><td class="num">0</td>`) {
			t.Error("form page lacks the drill-down of the closing members")
		}
		if !strings.Contains(body, `<a href="/stats/members?as_of=2023-12-31&amp;org=PA">`) {
			t.Error("form page lacks the drill-down of the opening members (31/12/2023)")
		}
		if strings.Contains(body, "f.ethnicity=") || strings.Contains(body, "f.sex=") {
			t.Error("a drill-down of a cell of 0")
		}
		// A count of organizations of two kinds opens the list of those organizations.
		link := `/stats/orgs?as_of=2024-12-31&amp;f.org_kind=basic_committee%7Cbasic_cell&amp;org=PA`
		if !strings.Contains(body, link) {
			t.Errorf("form page lacks the drill-down of the basic organizations %s", link)
		}
		w = e.get(strings.ReplaceAll(link, "&amp;", "&"), &staff)
		wantStatus(t, w, http.StatusOK, "orgs drill-down")
		for _, want := range []string{"Danh sách tổ chức đảng của số liệu", "Đảng bộ cơ sở, Chi bộ cơ sở", "PA-X"} {
			if !strings.Contains(w.Body.String(), want) {
				t.Errorf("orgs drill-down lacks %q", want)
			}
		}
		wantStatus(t, e.get(strings.ReplaceAll(link, "&amp;", "&"), &other), http.StatusNotFound, "orgs of another province")
		w = e.get("/stats/orgs?org=PA&f.org_kind=!basic_cell|cell", &staff)
		wantStatus(t, w, http.StatusOK, "orgs drill-down, a negation")
		if !strings.Contains(w.Body.String(), "Loại tổ chức = trừ Chi bộ cơ sở, Chi bộ trực thuộc") || !strings.Contains(w.Body.String(), "PA-X") {
			t.Errorf("negation not labelled or not applied: %s", w.Body.String())
		}
		w = e.get(strings.Replace(strings.ReplaceAll(link, "&amp;", "&"), "/stats/orgs?", "/stats/orgs/export?format=csv&", 1), &staff)
		wantStatus(t, w, http.StatusOK, "orgs export")
		if lines := strings.Split(strings.TrimPrefix(strings.TrimSpace(w.Body.String()), "\ufeff"), "\n"); len(lines) < 2 || !strings.HasPrefix(lines[0], "code,name,kind,setting,parent_code") ||
			!strings.Contains(w.Body.String(), "PA-X,") {
			t.Errorf("orgs export:\n%s", w.Body.String())
		}
		wantStatus(t, e.get("/stats/orgs?org=PA&f.sex=male", &staff), http.StatusBadRequest, "orgs by a member dimension")
		// A sum opens the page that explains it, each part with its value.
		w = e.get("/statforms/cell?form=1-TCTW&org=PA&as_of=2024-12-31&row=decrease&col=total", &staff)
		wantStatus(t, w, http.StatusOK, "cell page")
		for _, want := range []string{"Ô của biểu số", "Giảm trong kỳ", "Chuyển đi", "Từ trần", "Khai trừ", "01/01/2024 – 31/12/2024"} {
			if !strings.Contains(w.Body.String(), want) {
				t.Errorf("cell page lacks %q", want)
			}
		}
		wantStatus(t, e.get("/statforms/cell?form=1-TCTW&org=PA&as_of=2024-12-31&row=decrease&col=total", &other), http.StatusNotFound, "cell of another province")
		wantStatus(t, e.get("/statforms?form=1-TCTW&org=PA&as_of=2024-12-31", &other), http.StatusNotFound, "another province")

		w = e.get("/statforms/xlsx?form=1-TCTW&org=PA&as_of=2024-12-31", &staff)
		wantStatus(t, w, http.StatusOK, "xlsx")
		f, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := f.GetCellValue(statforms.Sheet, "E1"); v != "Biểu số 1-TCTW" {
			t.Errorf("xlsx E1 %q", v)
		}
		f.Close()

		post := func(as *admLogin, path string, v url.Values) int {
			return e.do(admReq{method: http.MethodPost, path: path, as: as, form: v}).Result().StatusCode
		}
		q := url.Values{"form": {"1-TCTW"}, "org": {"PA"}, "as_of": {"2024-12-31"}}
		if st := post(&unit, "/statforms/round", q); st != http.StatusNotFound {
			t.Errorf("a unit opened its parent's round: %d", st)
		}
		if st := post(&staff, "/statforms/round", q); st != http.StatusSeeOther {
			t.Fatalf("open: %d", st)
		}
		sub := url.Values{"form": {"1-TCTW"}, "org": {"PA"}, "as_of": {"2024-12-31"}, "unit": {"PA-X"}}
		if st := post(&unit, "/statforms/round/submit", sub); st != http.StatusSeeOther {
			t.Fatalf("submit: %d", st)
		}
		w = e.get("/statforms/round?form=1-TCTW&org=PA&as_of=2024-12-31", &staff)
		wantStatus(t, w, http.StatusOK, "round page")
		if b := w.Body.String(); !strings.Contains(b, "1/1 đơn vị đã nộp") || !strings.Contains(b, `name="decision" value="approve"`) {
			t.Errorf("round page: %s", b)
		}
		dec := url.Values{"form": {"1-TCTW"}, "org": {"PA"}, "as_of": {"2024-12-31"}, "unit": {"PA-X"}, "decision": {"approve"}}
		if st := post(&unit, "/statforms/round/decide", dec); st != http.StatusNotFound {
			t.Errorf("the unit approved itself: %d", st)
		}
		if st := post(&staff, "/statforms/round/decide", dec); st != http.StatusSeeOther {
			t.Fatalf("approve: %d", st)
		}
		w = e.get("/api/v1/statforms/1-TCTW/round?org=PA&as_of=2024-12-31", &staff)
		wantStatus(t, w, http.StatusOK, "api round")
		if b := w.Body.String(); !strings.Contains(b, `"approved": 1`) && !strings.Contains(b, `"approved":1`) {
			t.Errorf("api round: %s", b)
		}
		wantStatus(t, e.get("/api/v1/statforms/1-TCTW/round?org=PA&as_of=2024-12-31", &other), http.StatusNotFound, "api round from another province")
	})
}
