package service_test

import (
	"testing"

	"tochuc"
	"tochuc/importer"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// TestGrantsFollowMerge: a clerk of a commune merged into another keeps working, now on the
// merged commune; a split commune's clerk gets no new role by itself.
func TestGrantsFollowMerge(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		fixture(t, svc)
		mk := func(name, org string) int64 {
			id, err := svc.CreateUser(ctx, service.UserInput{Username: name, FullName: "Cán bộ " + name,
				Password: "một câu mật khẩu đủ dài của " + org + " năm nay"}, tochuc.RoleLeader, org, false)
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		merged, split := mk("canbo_x01", "X01"), mk("canbo_x03", "X03")
		rep, err := svc.ApplyRestructure(ctx, plan(
			importer.PlanRow{OldCode: "X01", NewCode: "X02"},
			importer.PlanRow{NewCode: "X03A", NewName: "Đảng bộ xã Cô Ba A", NewKind: tochuc.KindCommune, NewParentCode: "H02"},
			importer.PlanRow{NewCode: "X03B", NewName: "Đảng bộ xã Cô Ba B", NewKind: tochuc.KindCommune, NewParentCode: "H02"},
			importer.PlanRow{OldCode: "X03", NewCode: "X03A"},
			importer.PlanRow{OldCode: "X03", NewCode: "X03B"},
			importer.PlanRow{OldCode: "X03", NewCode: "X03A", ChildCode: "X03-C1"},
		), false)
		if err != nil || rep.Failed() {
			t.Fatalf("plan: %v %+v", err, rep)
		}
		roles := func(id int64) map[string]bool {
			u, err := db.User(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]bool{}
			for _, g := range u.Grants {
				out[g.OrgCode] = true
			}
			return out
		}
		if got := roles(merged); !got["X01"] || !got["X02"] || len(got) != 2 {
			t.Errorf("roles of the merged commune's clerk = %v, want X01 (history) and X02", got)
		}
		if got := roles(split); !got["X03"] || len(got) != 1 {
			t.Errorf("roles of the split commune's clerk = %v, want X03 only", got)
		}
		// The clerk now reaches the merged commune's counts on the reform date.
		u, _ := db.User(ctx, merged)
		actx := tochuc.WithActor(ctx, &tochuc.Actor{UserID: merged, Username: u.Username, Grants: u.Grants})
		v, err := svc.ViewOrg(actx, "X02", reform)
		if err != nil {
			t.Fatalf("clerk of X01 on X02 after the merge: %v", err)
		}
		if v.Count.Total() == 0 {
			t.Error("merged commune shows no members")
		}
	})
}
