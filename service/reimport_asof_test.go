package service_test

import (
	"testing"

	"tochuc/internal/dbtest"
	"tochuc/store"
)

// TestOldExportReimportErasesNothing: a register exported as it stood years ago has members who
// were still probationary then (no official date yet); importing that file into today's register
// changes nothing — an empty cell never erases a value.
func TestOldExportReimportErasesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		ids := fixture(t, svc)
		old := exportMembers(t, svc, "2012-01-31", "") // Lê Thị Ánh is probationary on this day
		_, rows := readCSV(t, old)
		found := false
		for _, r := range rows {
			if r[1] == "Lê Thị Ánh" {
				found = true
				if r[7] != "probationary" || r[9] != "" {
					t.Fatalf("export as of 31/01/2012 shows status %q, official date %q; want probationary and none", r[7], r[9])
				}
			}
		}
		if !found {
			t.Fatal("Lê Thị Ánh missing from the export of 31/01/2012")
		}
		rep := importMembersFile(t, svc, writeFile(t, "old.csv", old), "auto", false)
		if rep.Failed() || rep.Updated != 0 || rep.Unchanged != rep.Rows {
			t.Fatalf("re-import of an old export: %+v", rep)
		}
		m, _, err := svc.Member(ctx, ids["Lê Thị Ánh"], fixedToday)
		if err != nil || m.OfficialDate != "2012-04-01" {
			t.Fatalf("official date after re-import = %q, %v; want 2012-04-01", m.OfficialDate, err)
		}
	})
}
