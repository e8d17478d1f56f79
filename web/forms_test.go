package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/store"
)

func TestMemberFormsDownload(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdmEnv(t, db)
		e.addUser("formstaff", tochuc.RoleStaff, "PA")
		s := e.loginAs("formstaff")

		// The record offers the forms its timeline can fill: no transfer yet, no slip.
		w := e.get(fmt.Sprintf("/members/%d", e.memberA), &s)
		wantStatus(t, w, http.StatusOK, "record")
		page := w.Body.String()
		for _, want := range []string{fmt.Sprintf(`/members/%d/forms/9-knd.pdf`, e.memberA), fmt.Sprintf(`/members/%d/forms/cong-nhan.docx`, e.memberA)} {
			if !strings.Contains(page, want) {
				t.Errorf("record lacks the link %s", want)
			}
		}
		if strings.Contains(page, "gioi-thieu") {
			t.Error("record offers a transfer slip without a transfer")
		}

		w = e.get(fmt.Sprintf("/members/%d/forms/9-knd.pdf", e.memberA), &s)
		wantStatus(t, w, http.StatusOK, "9-KNĐ pdf")
		if ct := w.Header().Get("Content-Type"); ct != "application/pdf" || !bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF-")) {
			t.Errorf("pdf: %q %q", ct, w.Body.Bytes()[:8])
		}
		if cd := w.Header().Get("Content-Disposition"); cd != fmt.Sprintf(`attachment; filename="9-knd-%d.pdf"`, e.memberA) {
			t.Errorf("disposition %q", cd)
		}
		es, _ := db.ListAudit(context.Background(), store.AuditFilter{Action: tochuc.AuditExport, Limit: 1})
		if len(es) == 0 || es[0].ActorName != "formstaff" || es[0].Detail != "in mẫu 9-KNĐ (pdf)" {
			t.Errorf("audit: %+v", es)
		}

		w = e.get(fmt.Sprintf("/api/v1/members/%d/forms/cong-nhan?format=docx", e.memberA), &s)
		wantStatus(t, w, http.StatusOK, "recognition docx")
		z, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
		if err != nil {
			t.Fatalf("docx is not a zip: %v", err)
		}
		found := false
		for _, f := range z.File {
			found = found || f.Name == "word/document.xml"
		}
		if !found || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/vnd.openxmlformats") {
			t.Errorf("docx parts or type wrong: %q", w.Header().Get("Content-Type"))
		}

		// Refusals: another subtree, an unknown form or format, a slip without a transfer.
		for _, c := range []struct {
			path   string
			status int
		}{
			{fmt.Sprintf("/members/%d/forms/9-knd.pdf", e.memberB), http.StatusNotFound},
			{fmt.Sprintf("/api/v1/members/%d/forms/9-knd", e.memberB), http.StatusNotFound},
			{fmt.Sprintf("/members/%d/forms/9-knd.exe", e.memberA), http.StatusBadRequest},
			{fmt.Sprintf("/members/%d/forms/9-knd", e.memberA), http.StatusNotFound},
			{fmt.Sprintf("/members/%d/forms/x.pdf", e.memberA), http.StatusNotFound},
			{fmt.Sprintf("/members/%d/forms/gioi-thieu.pdf", e.memberA), http.StatusNotFound},
			{fmt.Sprintf("/members/%d/forms/gioi-thieu.pdf?event=abc", e.memberA), http.StatusNotFound},
			{fmt.Sprintf("/api/v1/members/%d/forms/9-knd?format=xml", e.memberA), http.StatusBadRequest},
		} {
			if w := e.get(c.path, &s); w.Code != c.status {
				t.Errorf("%s: status %d, want %d", c.path, w.Code, c.status)
			} else if strings.HasPrefix(w.Header().Get("Content-Type"), "application/pdf") {
				t.Errorf("%s: a refusal sent a PDF", c.path)
			}
		}
	})
}
