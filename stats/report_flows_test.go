package stats_test

import (
	"maps"
	"testing"

	"tochuc"
	"tochuc/stats"
	"tochuc/store"
)

// statsFlowsOfOrgs: the flows of many orgs counted in one pass are those of one Flows query
// per org, over periods before, across and after the reform of 01/07/2025, with a filter too.
func statsFlowsOfOrgs(t *testing.T, db *store.DB) {
	snap, err := stats.Build(sysCtx(), db)
	if err != nil {
		t.Fatal(err)
	}
	for _, per := range [][2]tochuc.Date{{"2020-01-01", "2026-01-15"}, {"2024-01-01", "2024-12-31"}, {"2025-01-01", "2025-12-31"}, {"2025-07-01", "2025-07-01"}} {
		var ids []int64
		for _, d := range []tochuc.Date{per[0], per[1]} {
			orgs, err := db.OrgsAsOf(sysCtx(), d)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range orgs {
				ids = append(ids, o.ID)
			}
		}
		for _, filter := range []map[string]string{nil, {"sex": "female"}, {"org_kind": tochuc.KindCell}} {
			q := stats.FlowQuery{From: per[0], To: per[1], Filter: filter}
			got, err := snap.FlowsOfOrgs(q, ids)
			if err != nil {
				t.Fatal(err)
			}
			nonzero := 0
			for _, id := range ids {
				q.OrgID = id
				rows, err := snap.Flows(q)
				if err != nil {
					t.Fatal(err)
				}
				want := map[string]int64{}
				for _, r := range rows {
					if r.Count > 0 {
						want[r.Flow] += r.Count
					}
				}
				if !maps.Equal(got[id], want) {
					t.Errorf("%v %v org %d: one pass %v, one query %v", per, filter, id, got[id], want)
				}
				if len(want) > 0 {
					nonzero++
				}
			}
			if nonzero == 0 && per[0] != per[1] {
				t.Errorf("%v %v: no flows at all", per, filter)
			}
		}
	}
}
