package service_test

import (
	"testing"

	"tochuc"
	"tochuc/importer"
	"tochuc/internal/dbtest"
	"tochuc/store"
)

// TestChildrenInOfficialOrder: units with an administrative code come in code order (as in every
// statistical table), the others after them in Vietnamese name order.
func TestChildrenInOfficialOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		rows := []importer.OrgRow{
			orgRow(2, "TW", "Đảng Cộng sản Việt Nam", tochuc.KindParty, ""),
			orgRow(3, "BLOC", "Đảng bộ Khối cơ quan", tochuc.KindBloc, "TW"),
			orgRow(4, "T96", "Đảng bộ tỉnh Cà Mau", tochuc.KindCentralDirect, "TW"),
			orgRow(5, "T01", "Đảng bộ thành phố Hà Nội", tochuc.KindCentralDirect, "TW"),
			orgRow(6, "ANH", "Đảng bộ Ánh", tochuc.KindBloc, "TW"),
		}
		rows[2].AdminUnitCode, rows[3].AdminUnitCode = "96", "01"
		importOrgs(t, svc, rows)
		v, err := svc.ViewOrg(sysCtx(), "TW", fixedToday)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range v.Children {
			got = append(got, c.Code)
		}
		want := []string{"T01", "T96", "ANH", "BLOC"}
		if len(got) != len(want) {
			t.Fatalf("children %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("children %v, want %v", got, want)
			}
		}
	})
}
