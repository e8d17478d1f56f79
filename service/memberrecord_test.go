package service_test

import (
	"context"
	"errors"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

func scopedCtx(t *testing.T, db *store.DB, role, org string) context.Context {
	t.Helper()
	o, err := db.OrgByCodeAsOf(context.Background(), org, fixedToday)
	if err != nil {
		t.Fatal(err)
	}
	return tochuc.WithActor(context.Background(), &tochuc.Actor{UserID: 99, Username: "u_" + role,
		Grants: []tochuc.Grant{{Role: role, OrgID: o.ID}}, MFA: true, Channel: tochuc.ChannelWeb})
}

func TestUpdateMemberVersionAndErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		ids := fixture(t, svc)
		id := ids["Lê Thị Ánh"]
		staff := scopedCtx(t, db, tochuc.RoleStaff, "X01")
		m, v1, err := svc.MemberForEdit(staff, id)
		if err != nil || v1 == "" {
			t.Fatalf("MemberForEdit: %q %v", v1, err)
		}
		// Every rule broken comes back at once, each naming its field.
		bad := m
		bad.BirthDate, bad.CitizenID, bad.Ethnicity = "32/13/1980", "123", "Sao Hỏa"
		err = svc.UpdateMemberAt(staff, bad, v1)
		var fe *service.FieldErrors
		if !errors.As(err, &fe) || tochuc.ErrorCode(err) != tochuc.EINVALID {
			t.Fatalf("invalid edit: %v", err)
		}
		for _, col := range []string{"birth_date", "cccd", "ethnicity"} {
			if len(fe.Field(col)) == 0 {
				t.Errorf("no error about %s in %v", col, fe.Errs)
			}
		}
		// A good edit with the version of the form; then the old version is stale.
		m.Residence = "Thôn Lô Lô Chải, xã Lũng Cú"
		if err := svc.UpdateMemberAt(staff, m, v1); err != nil {
			t.Fatal(err)
		}
		_, v2, _ := svc.MemberForEdit(staff, id)
		if v2 == v1 {
			t.Fatal("version unchanged after an edit")
		}
		m.Residence = "Hà Nội"
		if err := svc.UpdateMemberAt(staff, m, v1); tochuc.ErrorCode(err) != tochuc.ECONFLICT {
			t.Fatalf("stale version: %v, want ECONFLICT", err)
		}
		if got, _ := db.Member(context.Background(), id); got.Residence != "Thôn Lô Lô Chải, xã Lũng Cú" {
			t.Errorf("a refused edit changed the record: %q", got.Residence)
		}
		// Outside the scope: not found, for the form and for the save.
		other := scopedCtx(t, db, tochuc.RoleStaff, "X03")
		if _, _, err := svc.MemberForEdit(other, id); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("edit form outside the scope: %v", err)
		}
		if err := svc.UpdateMemberAt(other, m, v2); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("edit outside the scope: %v", err)
		}
		// A leader cannot edit.
		if _, _, err := svc.MemberForEdit(scopedCtx(t, db, tochuc.RoleLeader, "X01"), id); err == nil {
			t.Error("a leader opened the edit form")
		}

		// The history: the change with its old and new values, newest first; scoped.
		h, err := svc.MemberHistory(staff, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Events) == 0 || len(h.Changes) < 2 || h.Changes[0].Action != tochuc.AuditMemberUpdate {
			t.Fatalf("history: %+v", h)
		}
		found := false
		for _, c := range h.Changes[0].Changes {
			if c.Field == "residence" && c.Old == "" && c.New == "Thôn Lô Lô Chải, xã Lũng Cú" {
				found = true
			}
		}
		if !found {
			t.Errorf("history lacks the residence change: %+v", h.Changes[0])
		}
		if _, err := svc.MemberHistory(other, id); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("history outside the scope: %v", err)
		}
		// A cell secretary reads the history without the fields hidden from it.
		sec, err := svc.MemberHistory(scopedCtx(t, db, tochuc.RoleSecretary, "X01-C1"), id)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range sec.Changes[0].Changes {
			if c.Field == "residence" && (c.New != "(đã ẩn)" || c.Old != "(đã ẩn)") {
				t.Errorf("secretary sees the residence in the history: %+v", c)
			}
		}
	})
}
