package service_test

import (
	"fmt"
	"testing"

	"tochuc"
	"tochuc/importer"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// TestCongressProgressSeed reproduces the seed "497/567 tổ chức cơ sở đảng đã tổ chức đại hội
// (đạt 87,65%)" through the normal write path: a province of three communes with 567 basic
// organizations, 497 of which recorded their 2025–2030 congress by 30/09/2025.
func TestCongressProgressSeed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		rows := []importer.OrgRow{
			orgRow(0, "TW", "Đảng Cộng sản Việt Nam", tochuc.KindParty, ""),
			orgRow(0, "P", "Đảng bộ tỉnh Điện Biên", tochuc.KindCentralDirect, "TW"),
		}
		for c := 1; c <= 3; c++ {
			rows = append(rows, orgRow(0, fmt.Sprintf("P-X%d", c), fmt.Sprintf("Đảng bộ xã số %d", c), tochuc.KindCommune, "P"))
		}
		var basics []string
		for i := 0; i < 567; i++ {
			code := fmt.Sprintf("P-X%d-B%03d", 1+i%3, i)
			kind := tochuc.KindBasicCell
			if i%4 == 0 {
				kind = tochuc.KindBasicCommittee
			}
			rows = append(rows, orgRow(0, code, fmt.Sprintf("Tổ chức cơ sở số %d", i), kind, fmt.Sprintf("P-X%d", 1+i%3)))
			basics = append(basics, code)
		}
		// A cell under a basic committee is no basic organization: never counted.
		rows = append(rows, orgRow(0, "P-X1-B000-C1", "Chi bộ thôn Một", tochuc.KindCell, "P-X1-B000"))
		for i := range rows {
			rows[i].Line, rows[i].Document = i+2, "QĐ 1-QĐ/TU"
		}
		importOrgs(t, svc, rows)
		ctx := sysCtx()
		record := func(code string, term int, held tochuc.Date) {
			t.Helper()
			if _, err := svc.RecordCongress(ctx, service.CongressInput{OrgCode: code, TermFrom: term, HeldOn: held, Document: "1-NQ/ĐH"}); err != nil {
				t.Fatalf("congress of %s: %v", code, err)
			}
		}
		for i := 0; i < 497; i++ {
			record(basics[i], 2025, tochuc.Date(fmt.Sprintf("2025-0%d-%02d", 4+i%6, 1+i%28)))
		}
		record(basics[497], 2025, "2025-10-05") // after the date asked
		record(basics[498], 2020, "2020-06-01") // the previous term
		record("P-X1-B000-C1", 2025, "2025-05-05")
		record(basics[0], 2025, "2025-04-02") // recorded again: replaced, counted once

		p, err := svc.CongressProgress(ctx, "P", 2025, "2025-09-30")
		if err != nil {
			t.Fatal(err)
		}
		if want := "497/567 tổ chức cơ sở đảng đã tổ chức đại hội (đạt 87,65%)"; p.Sentence != want || p.Held != 497 || p.Total != 567 || len(p.Missing) != 70 {
			t.Fatalf("progress = %q (%d/%d, %d missing), want %q", p.Sentence, p.Held, p.Total, len(p.Missing), want)
		}
		if p, _ := svc.CongressProgress(ctx, "P", 2025, "2025-10-31"); p.Held != 498 {
			t.Fatalf("after the late congress: %d, want 498", p.Held)
		}
		if p, _ := svc.CongressProgress(ctx, "P-X2", 2025, "2025-09-30"); p.Total != 189 {
			t.Fatalf("commune 2 counts %d basic organizations, want 189", p.Total)
		}

		// A commune's staff see and record in their commune only.
		staff := scopedCtx(t, db, tochuc.RoleStaff, "P-X1")
		if _, err := svc.CongressProgress(staff, "P-X2", 2025, "2025-09-30"); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Fatalf("another commune's progress: %v, want not found", err)
		}
		if _, err := svc.RecordCongress(staff, service.CongressInput{OrgCode: basics[1], TermFrom: 2025, HeldOn: "2025-08-01"}); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Fatalf("recording another commune's congress: %v, want not found", err)
		}

		for _, c := range []struct {
			name string
			in   service.CongressInput
		}{
			{"future", service.CongressInput{OrgCode: basics[600%567], TermFrom: 2025, HeldOn: "2026-02-01"}},
			{"outside the term", service.CongressInput{OrgCode: basics[2], TermFrom: 2025, HeldOn: "2019-02-01"}},
			{"no date", service.CongressInput{OrgCode: basics[2], TermFrom: 2025}},
			{"bad term", service.CongressInput{OrgCode: basics[2], TermFrom: 1800, HeldOn: "2025-02-01"}},
		} {
			if _, err := svc.RecordCongress(ctx, c.in); tochuc.ErrorCode(err) != tochuc.EINVALID {
				t.Errorf("%s: %v, want invalid", c.name, err)
			}
		}
	})
}
