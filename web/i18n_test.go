package web

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// tCall finds the translated literals of the templates: {{t .Lang "…"}} and {{t $.Lang "…"}}.
var tCall = regexp.MustCompile(`\{\{-?\s*t\s+\$?\.Lang\s+("(?:[^"\\]|\\.)*")`)

func templateTexts(t *testing.T) map[string]string {
	t.Helper()
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("templates: %v %v", names, err)
	}
	out := map[string]string{}
	for _, n := range names {
		b, err := fs.ReadFile(templateFS, n)
		if err != nil {
			t.Fatal(err)
		}
		out[n] = string(b)
	}
	return out
}

// Every literal a template translates has an English entry in the merged catalog.
func TestI18nCatalogCoversTemplates(t *testing.T) {
	var missing []string
	found := 0
	for name, text := range templateTexts(t) {
		for _, m := range tCall.FindAllStringSubmatch(text, -1) {
			vi, err := strconv.Unquote(m[1])
			if err != nil {
				t.Errorf("%s: literal %s: %v", name, m[1], err)
				continue
			}
			found++
			if en, ok := english[vi]; !ok || strings.TrimSpace(en) == "" {
				missing = append(missing, name+": "+strconv.Quote(vi))
			}
		}
	}
	if found < 200 {
		t.Errorf("only %d translated literals found: is the pattern still right?", found)
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d template texts have no English in the catalog (add them to web/pages_i18n.go):\n%s",
			len(missing), strings.Join(missing, "\n"))
	}
}

// No template carries Vietnamese text outside a translation call: with the template actions
// removed, no word with Vietnamese letters is left (except the name of the language itself).
func TestI18nNoBareVietnamese(t *testing.T) {
	action := regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	for name, text := range templateTexts(t) {
		rest := action.ReplaceAllString(text, " ")
		rest = strings.ReplaceAll(rest, "Tiếng Việt", "")
		for i, line := range strings.Split(rest, "\n") {
			if strings.ContainsFunc(line, func(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) }) {
				t.Errorf("%s:%d: text outside {{t …}}: %s", name, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// Code-list labels the template funcs return have English through tl, and data does not.
func TestI18nLabels(t *testing.T) {
	for _, c := range []struct{ vi, en string }{
		{"Dự bị", "Probationary"}, {"Nữ", "Female"}, {"Đảng viên", "Party member"},
		{"Chi bộ trực thuộc", "Subordinate party cell"}, {"Kết nạp vào Đảng", "Admitted to the Party"},
		{"Tổng quan", "Overview"}, {"Nguyễn Văn An", "Nguyễn Văn An"},
	} {
		if got := translateLabel("en", c.vi); got != c.en {
			t.Errorf("tl en %q = %q, want %q", c.vi, got, c.en)
		}
		if got := translateLabel("vi", c.vi); got != c.vi {
			t.Errorf("tl vi %q = %q", c.vi, got)
		}
	}
	for _, l := range []map[string]string{eventLabels, roleLabels} {
		for _, vi := range l {
			if _, ok := labelEnglish[vi]; !ok {
				t.Errorf("label %q has no English", vi)
			}
		}
	}
	if got := translateLabel("en", nil); got != "" {
		t.Errorf("tl of a missing value = %q", got)
	}
	if got := recValueIn("en", "sex", "female"); got != "Female" {
		t.Errorf("recValueIn sex female = %q", got)
	}
	if got := recValueIn("en", "birth_place", "Nam"); got != "Nam" {
		t.Errorf("recValueIn translated typed data: %q", got)
	}
	if got := recValueIn("en", "aliases", ""); got != "(empty)" {
		t.Errorf("recValueIn empty = %q", got)
	}
}

func newLangServer(t *testing.T) *Server {
	t.Helper()
	s, err := New(service.New(dbtest.Open(t, store.SQLite)), slog.New(slog.DiscardHandler), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The lang cookie wins over the account's locale, which is the default without it.
func TestLangChoice(t *testing.T) {
	req := func(cookie, locale string) *http.Request {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		if cookie != "" {
			r.AddCookie(&http.Cookie{Name: "lang", Value: cookie})
		}
		if locale != "" {
			r = r.WithContext(context.WithValue(r.Context(), whoKey{}, &who{User: tochuc.User{Locale: locale}}))
		}
		return r
	}
	for _, c := range []struct{ cookie, locale, want string }{
		{"", "", "vi"}, {"en", "", "en"}, {"", "en", "en"}, {"vi", "en", "vi"}, {"en", "vi", "en"},
		{"fr", "", "vi"}, {"fr", "en", "en"},
	} {
		if got := lang(req(c.cookie, c.locale)); got != c.want {
			t.Errorf("cookie %q, account %q: lang %q, want %q", c.cookie, c.locale, got, c.want)
		}
	}
}

func TestLangLoginPage(t *testing.T) {
	s := newLangServer(t)
	get := func(cookie string) string {
		r := httptest.NewRequest(http.MethodGet, "/login?next=%2Fmembers", nil)
		if cookie != "" {
			r.AddCookie(&http.Cookie{Name: "lang", Value: cookie})
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			t.Fatalf("GET /login (lang %q): %d", cookie, w.Code)
		}
		return w.Body.String()
	}
	en := get("en")
	for _, want := range []string{`<html lang="en">`, "Log in", "Username", "Password", "Forgot your password?",
		`href="/lang/vi?next=%2flogin%3fnext%3d%252Fmembers"`, "Tiếng Việt"} {
		if !strings.Contains(en, want) {
			t.Errorf("English login page lacks %q:\n%s", want, en)
		}
	}
	if strings.Contains(en, "Đăng nhập") || strings.Contains(en, "Tên đăng nhập") {
		t.Errorf("English login page still shows Vietnamese labels:\n%s", en)
	}
	vi := get("")
	for _, want := range []string{`<html lang="vi">`, "Đăng nhập", "Tên đăng nhập", "Mật khẩu", `href="/lang/en?next=`, ">English<"} {
		if !strings.Contains(vi, want) {
			t.Errorf("Vietnamese login page lacks %q:\n%s", want, vi)
		}
	}
	if strings.Contains(vi, "Log in") || strings.Contains(vi, "Username") {
		t.Errorf("Vietnamese login page shows English:\n%s", vi)
	}
}

func TestLangSwitch(t *testing.T) {
	s := newLangServer(t)
	for _, c := range []struct {
		path, referer, want string
	}{
		{"/lang/en", "http://example.com/members?q=nguyen&as_of=2024-01-01", "/members?q=nguyen&as_of=2024-01-01"},
		{"/lang/vi", "http://example.com/orgs/T01", "/orgs/T01"},
		{"/lang/en", "https://evil.example/members", "/"},
		{"/lang/en", "http://example.com.evil.example/members", "/"},
		{"/lang/en", "http://example.com//evil.example/x", "/"},
		{"/lang/en", "javascript:alert(1)", "/"},
		{"/lang/en", "", "/"},
		{"/lang/en?next=%2Forgs%2FT01%3Fas_of%3D2024-01-01", "https://evil.example/", "/orgs/T01?as_of=2024-01-01"},
		{"/lang/en?next=%2F%2Fevil.example", "", "/"},
		{"/lang/en?next=%2F%09%2Fevil.example", "", "/"},
		{"/lang/en?next=%2F%5Cevil.example", "", "/"},
		{"/lang/en?next=https%3A%2F%2Fevil.example", "", "/"},
	} {
		r := httptest.NewRequest(http.MethodGet, c.path, nil)
		if c.referer != "" {
			r.Header.Set("Referer", c.referer)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != http.StatusSeeOther {
			t.Errorf("%s (Referer %q): status %d", c.path, c.referer, w.Code)
			continue
		}
		if got := w.Header().Get("Location"); got != c.want {
			t.Errorf("%s (Referer %q): Location %q, want %q", c.path, c.referer, got, c.want)
		}
		cookies := w.Result().Cookies()
		if len(cookies) != 1 {
			t.Fatalf("%s: cookies %v", c.path, cookies)
		}
		k := cookies[0]
		if k.Name != "lang" || k.Value != strings.TrimPrefix(strings.SplitN(c.path, "?", 2)[0], "/lang/") || !k.HttpOnly ||
			k.SameSite != http.SameSiteLaxMode || k.Path != "/" || k.MaxAge != 365*24*3600 {
			t.Errorf("%s: cookie %+v", c.path, k)
		}
	}
	r := httptest.NewRequest(http.MethodGet, "/lang/fr", nil)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != http.StatusNotFound || len(w.Result().Cookies()) != 0 {
		t.Errorf("/lang/fr: %d %v", w.Code, w.Result().Cookies())
	}
}
