package stats_test

import (
	"context"
	"testing"

	"tochuc"
	"tochuc/stats"
	"tochuc/store"
)

// statsDashboardEqualsSQL: the home page's figures of every org, from the snapshot, equal the
// grouped SQL over the register, on dates before and after the 2025 restructure and today.
func statsDashboardEqualsSQL(t *testing.T, db *store.DB) {
	ctx := context.Background()
	snap, err := stats.Build(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		d, cutoff tochuc.Date
		today     bool
	}{
		{"2015-06-30", "2014-08-01", false},
		{"2024-06-30", "2023-08-01", false},
		{"2025-12-31", "2025-02-01", false},
		{fixedToday, "2025-02-15", true},
	} {
		want, err := db.DashboardByOrg(ctx, c.d, c.cutoff, c.today)
		if err != nil {
			t.Fatal(err)
		}
		got, err := snap.DashboardByOrg(c.d, c.cutoff)
		if err != nil {
			t.Fatal(err)
		}
		for id, w := range want {
			if g := got[id]; g == nil || *g != *w {
				t.Errorf("%s org %d: snapshot %+v, SQL %+v", c.d, id, g, w)
			}
		}
		for id, g := range got {
			if want[id] == nil {
				t.Errorf("%s org %d: snapshot %+v, SQL nothing", c.d, id, g)
			}
		}
	}
}
