package service_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"tochuc"
	"tochuc/forms"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

func lastAudit(t *testing.T, db *store.DB) tochuc.AuditEntry {
	t.Helper()
	es, err := db.ListAudit(context.Background(), store.AuditFilter{Action: tochuc.AuditExport, Limit: 1})
	if err != nil || len(es) == 0 {
		t.Fatalf("no export in the trail: %v", err)
	}
	return es[0]
}

func TestFormsAdmissionAndRecognition(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		id := ids["Lê Thị Ánh"]
		a, err := svc.AdmissionDecisionForm(sysCtx(), id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Issuer.Committee != "Huyện ủy Đồng Văn" || a.Issuer.Superior != "Đảng bộ tỉnh Hà Giang" || a.Issuer.Abbrev != "HU" ||
			a.Place != "Đồng Văn" || a.Cell != "Chi bộ thôn Lô Lô Chải" || a.BasicOrg != "Đảng bộ xã Lũng Cú" ||
			a.Date != "2011-04-01" || a.Member.Name != "Lê Thị Ánh" || a.Member.BirthDate != "10/05/1971" || a.ProbationMonths != 12 {
			t.Errorf("admission form: %+v", a)
		}
		if a.ProposedBy != "Đảng ủy xã Lũng Cú và Ban Tổ chức Huyện ủy Đồng Văn" || len(a.Bases) == 0 || !strings.Contains(a.Bases[0], "Điều lệ Đảng") {
			t.Errorf("bases: %q %q", a.Bases, a.ProposedBy)
		}
		if e := lastAudit(t, db); e.ObjectType != "member" || e.ObjectID != strconv.FormatInt(id, 10) || e.Detail != "in mẫu 9-KNĐ" {
			t.Errorf("audit: %+v", e)
		}
		r, err := svc.RecognitionDecisionForm(sysCtx(), id)
		if err != nil {
			t.Fatal(err)
		}
		if r.OfficialDate != "2012-04-01" || r.AdmissionDate != "2011-04-01" || r.Cell != "Chi bộ thôn Lô Lô Chải" || r.Issuer.Committee != "Huyện ủy Đồng Văn" {
			t.Errorf("recognition form: %+v", r)
		}
		if _, err := svc.RecognitionDecisionForm(sysCtx(), ids["Hoàng Văn Đức"]); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("recognition of a probationary member: %v", err)
		}
		// A cell directly under a district: the district decides; both formats print.
		b, err := svc.MemberForm(sysCtx(), ids["Hồ Văn Bảo"], service.FormAdmission, 0, forms.PDF)
		if err != nil {
			t.Fatal(err)
		}
		ad := b.(*forms.AdmissionDecision)
		if ad.Issuer.Committee != "Huyện ủy Đồng Văn" || ad.Cell != "Chi bộ Trường Trung học phổ thông Đồng Văn" || ad.BasicOrg != "" ||
			len(ad.Bases) < 2 || !strings.Contains(ad.Bases[1], "24-QĐ/TW") {
			t.Errorf("basic cell admission: %+v", ad)
		}
		if e := lastAudit(t, db); e.Detail != "in mẫu 9-KNĐ (pdf)" {
			t.Errorf("audit detail: %q", e.Detail)
		}
		for _, f := range []forms.Format{forms.PDF, forms.DOCX} {
			var buf bytes.Buffer
			if err := forms.Write(&buf, b, f); err != nil || buf.Len() == 0 {
				t.Errorf("write %s: %v", f, err)
			}
		}
		if _, err := svc.MemberForm(sysCtx(), id, "x-knd", 0, forms.PDF); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("unknown form: %v", err)
		}
	})
}

func TestFormsScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		id := ids["Nguyễn Văn An"]
		before := lastAuditSeq(t, db)
		other := scopedCtx(t, db, tochuc.RoleStaff, "X03") // the other province's commune
		for _, name := range service.FormNames {
			if _, err := svc.MemberForm(other, id, name, 0, forms.PDF); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
				t.Errorf("%s from another subtree: %v", name, err)
			}
		}
		if after := lastAuditSeq(t, db); after != before {
			// only authz.deny entries may have been written, never an export
			es, _ := db.ListAudit(context.Background(), store.AuditFilter{Action: tochuc.AuditExport, Limit: 1})
			if len(es) > 0 && es[0].Seq > before {
				t.Errorf("an export was recorded for a refused print: %+v", es[0])
			}
		}
		staff := scopedCtx(t, db, tochuc.RoleStaff, "H01")
		if f, err := svc.AdmissionDecisionForm(staff, id); err != nil || f.Member.Name != "Nguyễn Văn An" {
			t.Errorf("staff of the district: %v", err)
		}
		sec := scopedCtx(t, db, tochuc.RoleSecretary, "X01-C1")
		svc.RecordEvent(sysCtx(), tochuc.MemberEvent{MemberID: id, Kind: tochuc.EventTransferOut, Date: "2025-03-03", OrgID: orgAsOf(t, db, "X03-C1", "2025-03-03").ID})
		slip, err := svc.TransferSlipForm(sec, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		if slip.CardNumber != "" {
			t.Errorf("a limited reader sees the card number %q", slip.CardNumber)
		}
	})
}

func TestFormsTransferSlip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		id := ids["Nguyễn Văn An"]
		dest := orgAsOf(t, db, "X03-C1", "2025-03-03")
		if err := svc.RecordEvent(sysCtx(), tochuc.MemberEvent{MemberID: id, Kind: tochuc.EventTransferred, Date: "2025-03-03", OrgID: dest.ID,
			Document: "7-GTSHĐ", DocDate: "2025-03-04", Signer: "Vàng Seo Dỉ"}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.TransferSlipForm(sysCtx(), ids["Lê Thị Ánh"], 0); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("slip of a member never transferred: %v", err)
		}
		s, err := svc.TransferSlipForm(sysCtx(), id, 0)
		if err != nil {
			t.Fatal(err)
		}
		if s.Issuer.Committee != "Huyện ủy Đồng Văn" || s.To != "Huyện ủy Bảo Lạc" || s.Destination != "Chi bộ thôn Nà Vài, Đảng bộ xã Cô Ba" ||
			s.CardNumber != "02000001" || s.DuesPaidMonth != "03/2025" || s.Date != "2025-03-04" || s.Signer.Name != "Vàng Seo Dỉ" ||
			s.JoinedOn != "2010-03-01" || s.OfficialOn != "2011-03-01" || s.PresentBy <= "2025-03-03" || s.Place != "Đồng Văn" {
			t.Errorf("slip: %+v", s)
		}
		events, _ := db.MemberEvents(context.Background(), id)
		var admitted int64
		for _, e := range events {
			if e.Kind == tochuc.EventAdmitted {
				admitted = e.ID
			}
		}
		if _, err := svc.TransferSlipForm(sysCtx(), id, admitted); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("slip of an admission event: %v", err)
		}
		if e := lastAudit(t, db); e.Detail != "in mẫu GTSHĐ chính thức" {
			t.Errorf("audit: %+v", e)
		}
	})
}

func lastAuditSeq(t *testing.T, db *store.DB) int64 {
	es, err := db.ListAudit(context.Background(), store.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) == 0 {
		return 0
	}
	return es[0].Seq
}
