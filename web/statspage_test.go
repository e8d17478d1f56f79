package web_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/stats"
	"tochuc/store"
	"tochuc/vn"
)

// statsEnv is the admin fixture with a few more members: two women and a man more in PA, one
// more in PB, and a staff user and a leader of PA.
func statsEnv(t *testing.T, db *store.DB) (*admEnv, admLogin, admLogin) {
	e := newAdmEnv(t, db)
	for i, name := range []string{"Nguyễn Thị Cúc", "Phạm Thị Dung"} {
		m := tochuc.Member{FullName: name, Sex: "female", BirthDate: "1990-02-03",
			CitizenID: vn.MakeCitizenID("002", 1990, "female", 10+i), AdmissionDate: "2015-03-01", OfficialDate: "2016-03-01"}
		if _, err := e.svc.CreateMember(admSystem(), m, "PA-X-C"); err != nil {
			t.Fatal(err)
		}
	}
	e.addMember("Hoàng Văn Em", "PA-X", 20)
	e.addMember("Đinh Văn Phúc", "PB-X-C", 21)
	e.addUser("staffa", tochuc.RoleStaff, "PA")
	e.addUser("leadera", tochuc.RoleLeader, "PA")
	return e, e.loginAs("staffa"), e.loginAs("leadera")
}

// engineIDs are the members the engine counts for a figure.
func engineIDs(t *testing.T, e *admEnv, org string, filter map[string]string) []int64 {
	t.Helper()
	snap, err := e.svc.StatsSnapshot(admSystem())
	if err != nil {
		t.Fatal(err)
	}
	o, err := e.svc.DB.OrgByCodeAsOf(context.Background(), org, e.svc.Today())
	if err != nil {
		t.Fatal(err)
	}
	ids, err := snap.MemberIDs(stats.Query{OrgID: o.ID, AsOf: e.svc.Today(), Filter: filter})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestStatsPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e, staff, leader := statsEnv(t, db)
		today := string(e.svc.Today())

		// The counts page of the staff's province: by sex, by child org, with the chart.
		w := e.get("/stats?by=sex&children=1", &staff)
		wantStatus(t, w, http.StatusOK, "stats page")
		body := w.Body.String()
		for _, s := range []string{"Đảng bộ tỉnh Phú An", "Đảng bộ xã An Lạc", "Giới tính", "<svg", "Tổng số", `href="/stats"`} {
			if !strings.Contains(body, s) {
				t.Errorf("stats page lacks %q", s)
			}
		}
		if strings.Contains(body, "Phú Bình") || strings.Contains(body, "Bình Yên") {
			t.Error("stats page shows the other province")
		}
		// PA counts 4 members: 2 men (one in the cell, one in the commune) and 2 women.
		for _, s := range []string{
			`href="/stats/members?as_of=` + today + `&amp;f.sex=male&amp;org=PA">2</a>`,
			`href="/stats/members?as_of=` + today + `&amp;f.sex=female&amp;org=PA">2</a>`,
			`href="/stats/members?as_of=` + today + `&amp;org=PA">4</a>`,
		} {
			if !strings.Contains(body, s) {
				t.Errorf("stats page lacks the figure %s", s)
			}
		}
		if !strings.Contains(body, ">Nữ<") || strings.Contains(body, ">female<") {
			t.Error("code values are not shown as their Vietnamese labels")
		}
		if strings.Contains(body, "style=") {
			t.Error("a style attribute on the stats page")
		}
		// Flows of the year and other dimensions answer too; a fourth dimension is refused.
		wantStatus(t, e.get("/stats?org=PA-X&by=status&by=age_band&by=party_age_band&fby=sex&from=2000-01-01", &staff), http.StatusOK, "three dimensions")
		wantStatus(t, e.get("/stats?by=sex&by=status&by=age_band&by=religion", &staff), http.StatusBadRequest, "four dimensions")
		wantStatus(t, e.get("/stats?org=PB", &staff), http.StatusNotFound, "the other province's counts")

		// The drill-down lists exactly the members the engine counts.
		for _, c := range []struct {
			path, org string
			filter    map[string]string
		}{{"/stats/members?org=PA&f.sex=male", "PA", map[string]string{"sex": "male"}}, {"/stats/members?org=PA", "PA", nil},
			{"/stats/members?org=PA-X-C&f.sex=female&f.status=official", "PA-X-C", map[string]string{"sex": "female", "status": "official"}}} {
			w := e.get(c.path, &staff)
			wantStatus(t, w, http.StatusOK, c.path)
			body := w.Body.String()
			ids := engineIDs(t, e, c.org, c.filter)
			if len(ids) == 0 || strings.Count(body, `<a href="/members/`) != len(ids) {
				t.Errorf("%s: %d links, engine %v", c.path, strings.Count(body, `<a href="/members/`), ids)
			}
			for _, id := range ids {
				if !strings.Contains(body, fmt.Sprintf(`href="/members/%d?as_of=`, id)) {
					t.Errorf("%s: member %d missing", c.path, id)
				}
			}
			if strings.Contains(body, "Lê Thị Bình") || strings.Contains(body, "Đinh Văn Phúc") {
				t.Errorf("%s: a member of the other province", c.path)
			}
		}
		wantStatus(t, e.get("/stats/members?org=PB", &staff), http.StatusNotFound, "the other province's list")
		wantStatus(t, e.get("/stats/members?org=PA&f.shoe=1", &staff), http.StatusBadRequest, "an unknown dimension")

		// The leader sees counts, not names.
		wantStatus(t, e.get("/stats?by=sex", &leader), http.StatusOK, "leader's counts")
		wantStatus(t, e.get("/stats/members?org=PA", &leader), http.StatusNotFound, "leader's drill-down")
		wantStatus(t, e.get("/stats/members/export?org=PA&format=csv", &leader), http.StatusNotFound, "leader's export")

		// The export streams the same members, audited.
		w = e.get("/stats/members/export?org=PA&f.sex=male&format=csv", &staff)
		wantStatus(t, w, http.StatusOK, "export csv")
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Errorf("content type %q", ct)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(w.Body.String(), "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		ids := engineIDs(t, e, "PA", map[string]string{"sex": "male"})
		if len(rows) != len(ids)+1 {
			t.Errorf("export has %d rows, engine %d members", len(rows)-1, len(ids))
		}
		for i, id := range ids {
			if i+1 < len(rows) && rows[i+1][0] != fmt.Sprint(id) {
				t.Errorf("export row %d: %v, want id %d", i+1, rows[i+1], id)
			}
		}
		es, err := db.ListAudit(context.Background(), store.AuditFilter{Action: tochuc.AuditExport, Limit: 1})
		if err != nil || len(es) == 0 || es[0].ObjectType != "stats-members" || es[0].ObjectID != "PA" || es[0].ActorID != staff.userID {
			t.Fatalf("export not audited: %+v %v", es, err)
		}
		w = e.get("/stats/members/export?org=PA-X&format=xlsx", &staff)
		wantStatus(t, w, http.StatusOK, "export xlsx")
		if !strings.HasPrefix(w.Body.String(), "PK") {
			t.Error("the xlsx export is no zip")
		}
		wantStatus(t, e.get("/stats/members/export?org=PB&format=csv", &staff), http.StatusNotFound, "the other province's export")
	})
}
