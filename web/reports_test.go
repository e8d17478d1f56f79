package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/store"
)

func TestReviewReportPageAndAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		e.addUser("leader_pa", tochuc.RoleLeader, "PA")
		leader := e.loginAs("leader_pa")
		want := "Năm 2010, toàn tỉnh kết nạp được 1 đảng viên."

		// The page without a period offers the choice; with one it shows the sentences and links.
		w := e.get("/reports/review", &leader)
		wantStatus(t, w, http.StatusOK, "page")
		if body := w.Body.String(); !strings.Contains(body, `name="period"`) || strings.Contains(body, "style=") {
			t.Errorf("page: no period choice or a style attribute")
		}
		w = e.get("/reports/review?org=PA&period=2010", &leader)
		wantStatus(t, w, http.StatusOK, "page with figures")
		body := w.Body.String()
		for _, s := range []string{want, `action="/reports/review/download"`, `name="symbol"`, `name="signer"`, `name="signer_title"`,
			`name="format" value="docx"`, `<select id="review-term" name="term">`, `<option value="2010">2010–2015</option>`,
			"flows org=PA from=2010-01-01 to=2010-12-31 flow=admitted"} {
			if !strings.Contains(body, s) {
				t.Errorf("page lacks %q", s)
			}
		}

		// The files.
		for format, magic := range map[string]string{"docx": "PK", "pdf": "%PDF"} {
			w = e.get("/reports/review/download?org=PA&period=2010&format="+format, &leader)
			wantStatus(t, w, http.StatusOK, format)
			if !strings.HasPrefix(w.Body.String(), magic) || !strings.Contains(w.Header().Get("Content-Disposition"), "bao-cao-pa-2010."+format) {
				t.Errorf("%s: %q %s", format, w.Body.String()[:min(8, w.Body.Len())], w.Header().Get("Content-Disposition"))
			}
			w = e.get("/api/v1/reports/review?org=PA&period=2010&format="+format, &leader)
			wantStatus(t, w, http.StatusOK, "api "+format)
			if !strings.HasPrefix(w.Body.String(), magic) {
				t.Errorf("api %s: not a file", format)
			}
		}
		// The issuer's choices: the symbol, the signer and the congress term reach the file.
		w = e.get("/reports/review/download?org=PA&period=2010&term=2010&format=docx&symbol=45-BC%2FTU&signer=Nguy%E1%BB%85n+V%C4%83n+A&signer_title=Ph%C3%B3+B%C3%AD+th%C6%B0", &leader)
		wantStatus(t, w, http.StatusOK, "docx with the issuer's choices")
		if text := reviewDocxText(t, w.Body.Bytes()); !strings.Contains(text, "Số 45-BC/TU") || !strings.Contains(text, "Nguyễn Văn A") ||
			!strings.Contains(text, "PHÓ BÍ THƯ") || !strings.Contains(text, "nhiệm kỳ 2010–2015") {
			t.Errorf("docx text lacks the symbol, the signer or the term: %.3000s", text)
		}
		w = e.get("/reports/review?org=PA&period=2010&term=2010", &leader)
		wantStatus(t, w, http.StatusOK, "page with a term")
		if body := w.Body.String(); !strings.Contains(body, `<option value="2010" selected>`) || !strings.Contains(body, `<input type="hidden" name="term" value="2010">`) {
			t.Errorf("page does not keep the term")
		}
		long := strings.Repeat("x", 41)
		wantStatus(t, e.get("/reports/review/download?org=PA&period=2010&format=pdf&symbol="+long, &leader), http.StatusBadRequest, "long symbol")
		wantStatus(t, e.get("/api/v1/reports/review?org=PA&period=2010&term=abc", &leader), http.StatusBadRequest, "bad term")
		wantStatus(t, e.get("/api/v1/reports/review?org=PA&period=2010&term=1990", &leader), http.StatusBadRequest, "term far from the period")

		// The JSON form: figures, sentences and the query of each figure.
		w = e.get("/api/v1/reports/review?org=PA&period=2010", &leader)
		wantStatus(t, w, http.StatusOK, "api json")
		var out struct {
			Flows     map[string]int64 `json:"flows"`
			Sentences []string         `json:"sentences"`
			Trace     []struct {
				ID    string `json:"id"`
				Value string `json:"value"`
				Query struct {
					Kind string `json:"kind"`
					Org  string `json:"org"`
				} `json:"query"`
			} `json:"trace"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		if out.Flows["admitted"] != 1 || len(out.Sentences) < 4 || out.Sentences[1] != want || len(out.Trace) == 0 || out.Trace[0].Query.Org != "PA" {
			t.Errorf("json: %+v", out)
		}

		// Another province, a bad period, a bad format.
		wantStatus(t, e.get("/api/v1/reports/review?org=PB&period=2010", &leader), http.StatusNotFound, "other province")
		wantStatus(t, e.get("/reports/review/download?org=PB&period=2010&format=pdf", &leader), http.StatusNotFound, "other province file")
		wantStatus(t, e.get("/api/v1/reports/review?org=PA&period=2010H3", &leader), http.StatusBadRequest, "bad period")
		wantStatus(t, e.get("/api/v1/reports/review?org=PA&period=2010&format=odt", &leader), http.StatusBadRequest, "bad format")
	})
}

// reviewDocxText is the text of a DOCX's body, tags dropped.
func reviewDocxText(t *testing.T, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			x, _ := io.ReadAll(r)
			s := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(strings.ReplaceAll(string(x), "</w:p>", " "), "")
			return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}
