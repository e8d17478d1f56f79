package web_test

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// TestAuditPageScope: an admin of province A sees the entries about A's orgs, members and
// accounts, nothing about B; the root admin sees everything and verifies the chain; texts typed
// by anyone are shown escaped.
func TestAuditPageScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		e.addUser("admin_a", tochuc.RoleAdmin, "PA")
		e.addUser("root", tochuc.RoleAdmin, "TW")
		staffA := e.addUser("staff_a", tochuc.RoleStaff, "PA-X")
		staffB := e.addUser("staff_b", tochuc.RoleStaff, "PB-X")
		adminA, root := e.loginAs("admin_a"), e.loginAs("root")
		e.loginAs("staff_b")
		idA, idB := strconv.FormatInt(e.memberA, 10), strconv.FormatInt(e.memberB, 10)

		// Renames in both provinces: org entries.
		for _, o := range []struct{ code, name, parent string }{{"PA-X", "Đảng bộ xã An Lạc Mới", "PA"}, {"PB-X", "Đảng bộ xã Bình Yên Mới", "PB"}} {
			if err := e.svc.SaveOrg(admSystem(), service.OrgInput{Code: o.code, Name: o.name, Kind: tochuc.KindBasicCommittee,
				ParentCode: o.parent, Date: "2025-01-01", Document: "QĐ 9"}); err != nil {
				t.Fatal(err)
			}
		}
		// A token name with markup and a bidi override: its audit entry is about no org (root only).
		if _, err := e.svc.CreateAPIToken(e.actor(root), "<script>alert(1)</script>\u202egpj.exe"); err != nil {
			t.Fatal(err)
		}

		w := e.get("/audit", &adminA)
		wantStatus(t, w, http.StatusOK, "audit of A")
		body := w.Body.String()
		for _, want := range []string{">member:" + idA + "<", ">user:" + strconv.FormatInt(staffA, 10) + "<", ">org:PA-X<"} {
			if !strings.Contains(body, want) {
				t.Errorf("admin of A does not see %s", want)
			}
		}
		for _, not := range []string{">member:" + idB + "<", ">user:" + strconv.FormatInt(staffB, 10) + "<", ">org:PB", "script", "/audit/verify"} {
			if strings.Contains(body, not) {
				t.Errorf("admin of A sees %s", not)
			}
		}
		if b := e.get("/audit?object=member:"+idB, &adminA).Body.String(); strings.Contains(b, ">member:"+idB+"<") {
			t.Errorf("history of B's member shown to A")
		}
		if b := e.get("/audit?object=org:PA-X", &adminA).Body.String(); !strings.Contains(b, "org.change") || strings.Contains(b, ">member:") || strings.Contains(b, ">org:PB") {
			t.Errorf("history of org PA-X:\n%s", b)
		}
		if b := e.get("/audit?actor=staff_b", &adminA).Body.String(); strings.Contains(b, ">user:"+strconv.FormatInt(staffB, 10)+"<") {
			t.Errorf("B's logins shown to A")
		}
		wantStatus(t, e.get("/audit?from=31/02/2025", &adminA), http.StatusBadRequest, "bad date")

		// Paging by seq: one entry a page, the next page is older.
		p1 := e.get("/audit?limit=1", &adminA).Body.String()
		next := regexp.MustCompile(`href="/audit\?([^"]*before=\d+[^"]*)"`).FindStringSubmatch(p1)
		if next == nil {
			t.Fatalf("no next page link:\n%s", p1)
		}
		p2 := e.get("/audit?"+strings.ReplaceAll(next[1], "&amp;", "&"), &adminA)
		wantStatus(t, p2, http.StatusOK, "page 2")
		seqs := func(s string) []string {
			var out []string
			for _, m := range regexp.MustCompile(`<tr>\s*<td>(\d+)</td>`).FindAllStringSubmatch(s, -1) {
				out = append(out, m[1])
			}
			return out
		}
		s1, s2 := seqs(p1), seqs(p2.Body.String())
		if len(s1) != 1 || len(s2) != 1 {
			t.Fatalf("pages: %v %v", s1, s2)
		}
		if a, _ := strconv.Atoi(s1[0]); func() bool { b, _ := strconv.Atoi(s2[0]); return b >= a }() {
			t.Errorf("page 2 not older: %v then %v", s1, s2)
		}

		// The root admin sees both provinces, the escaped token name, and the verify link.
		body = e.get("/audit?limit=200", &root).Body.String()
		for _, want := range []string{">member:" + idA + "<", ">member:" + idB + "<", ">org:PB-X<", "&lt;script&gt;", `\u202e`, "/audit/verify"} {
			if !strings.Contains(body, want) {
				t.Errorf("root does not see %s", want)
			}
		}
		if strings.Contains(body, "<script>") || strings.Contains(body, "\u202e") {
			t.Error("raw markup or bidi override on the audit page")
		}

		// Verification: root only; the head to write down is shown.
		wantStatus(t, e.get("/audit/verify", &adminA), http.StatusNotFound, "verify by admin of A")
		w = e.get("/audit/verify", &root)
		wantStatus(t, w, http.StatusOK, "verify")
		head := regexp.MustCompile(`\d+:[0-9a-f]{64}`).FindString(w.Body.String())
		if head == "" || !strings.Contains(w.Body.String(), "toàn vẹn") {
			t.Fatalf("verify page:\n%s", w.Body.String())
		}
		if b := e.get("/audit/verify?expect="+head, &root).Body.String(); strings.Contains(b, "KHÔNG") {
			t.Errorf("verify against its own head failed:\n%s", b)
		}
		wantStatus(t, e.get("/audit/verify?expect=abc", &root), http.StatusBadRequest, "bad head")
		// Staff have no audit pages.
		staff := e.loginAs("staff_a")
		wantStatus(t, e.get("/audit", &staff), http.StatusNotFound, "audit for staff")
	})
}
