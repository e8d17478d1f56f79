package web_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// Every page renders in English with the lang cookie, although the accounts' stored locale is
// Vietnamese (the cookie wins), and in Vietnamese without it: no template fails in either language.
func TestLangPagesInEnglish(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		uid := e.addUser("quantri", tochuc.RoleAdmin, "TW")
		as := e.loginAs("quantri")
		m := strconv.FormatInt(e.memberA, 10)
		u := strconv.FormatInt(uid, 10)
		pages := []struct{ path, want string }{
			{"/", "Members by status"}, {"/orgs/PA-X-C", "Subordinate organizations"}, {"/orgs/search?q=an", "Find party organizations"},
			{"/members?q=tran", "Date of birth"}, {"/members/" + m, "Party membership history"},
			{"/members/" + m + "?tab=history", "Changes to the record"}, {"/members/" + m + "?tab=family", "Family relations"},
			{"/members/" + m + "?tab=training", "Training history will come"}, {"/members/" + m + "?tab=rewards", "Discipline is shown only to those"},
			{"/members/" + m + "?tab=restricted", "Party membership history"}, {"/members/" + m + "/edit", "Items marked * are required"},
			{"/account", "API access tokens"}, {"/admin/users", "User administration"}, {"/admin/users/new", "Initial password"},
			{"/admin/users/" + u, "Open sessions"}, {"/audit", "Audit trail"}, {"/audit/verify", "Verify the audit trail"},
			{"/members/999999", "Back to the organization tree"},
			// As a staff user who may read restricted fields.
			{"staff /members/" + m + "?tab=restricted", "Reason for reading"}, {"staff /members/" + m + "?tab=rewards", "Discipline is a restricted field"},
		}
		// Labels of the page chrome and of the pages that must not be left in Vietnamese.
		vietnamese := []string{"Đăng xuất", "Tìm đảng viên", "Cây tổ chức", "Họ và tên", "Ngày sinh", "Trạng thái",
			"Chưa có dữ liệu", "Trường hạn chế", "Mật khẩu", "Vai trò", "Dữ liệu đảng viên là thông tin mật", "(trống)"}
		if _, err := e.svc.CreateUser(admSystem(), service.UserInput{Username: "canbo", FullName: "Cán bộ tổ chức", Password: admPassword},
			tochuc.RoleStaff, "PA", true); err != nil {
			t.Fatal(err)
		}
		staff := e.loginAs("canbo")
		for _, pg := range pages {
			who := as
			if p, ok := strings.CutPrefix(pg.path, "staff "); ok {
				who, pg.path = staff, p
			}
			for _, lang := range []string{"en", ""} {
				req := httptest.NewRequest(http.MethodGet, pg.path, nil)
				req.AddCookie(&http.Cookie{Name: "tochuc_session", Value: who.token})
				if lang != "" {
					req.AddCookie(&http.Cookie{Name: "lang", Value: lang})
				}
				w := httptest.NewRecorder()
				e.h.ServeHTTP(w, req)
				body := w.Body.String()
				if w.Code >= 500 {
					t.Errorf("%s (lang %q): status %d", pg.path, lang, w.Code)
					continue
				}
				if lang == "" {
					if !strings.Contains(body, `<html lang="vi">`) || strings.Contains(body, pg.want) {
						t.Errorf("%s without the cookie is not in Vietnamese", pg.path)
					}
					continue
				}
				if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, ">Log out<") || !strings.Contains(body, pg.want) {
					t.Errorf("%s in English lacks %q:\n%s", pg.path, pg.want, body)
				}
				for _, vi := range vietnamese {
					if strings.Contains(body, vi) {
						t.Errorf("%s in English still shows %q", pg.path, vi)
					}
				}
			}
		}
	})
}
