package stats_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"tochuc"
	"tochuc/stats"
	"tochuc/store"
)

// statsOrgs: org counts equal a direct SQL recount, and a tally of many figures for every
// org equals the engine's figure-by-figure answers, on both databases.
func statsOrgs(t *testing.T, db *store.DB) {
	ctx := sysCtx()
	snap, err := stats.Build(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, db)
	rng := rand.New(rand.NewPCG(3, 7))
	dates := []tochuc.Date{"2020-12-31", "2024-06-30", "2025-06-30", "2025-07-01", fixedToday}
	dims := []string{"org_kind", "setting", "border"}
	t.Run("EqualsSQLRecount", func(t *testing.T) {
		for round := 0; round < 30; round++ {
			d := dates[rng.IntN(len(dates))]
			orgs, err := db.OrgsAsOf(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			var o tochuc.Org
			if round%4 != 0 {
				o = orgs[rng.IntN(len(orgs))]
				if round%2 == 0 { // a wide one: an ancestor at depth ≤ 2
					for _, a := range orgs {
						if strings.HasPrefix(o.Path, a.Path) && a.Depth <= 2 && a.Depth > 0 {
							o = a
							break
						}
					}
				}
			}
			var by []string
			for _, i := range rng.Perm(len(dims))[:rng.IntN(3)] {
				by = append(by, dims[i])
			}
			got, err := snap.Orgs(stats.Query{OrgID: o.ID, AsOf: d, By: by})
			if err != nil {
				t.Fatal(err)
			}
			want := recountOrgs(t, raw, o.Path, d, by, nil)
			if g := asMap(got); !mapsEqual(g, want) {
				t.Errorf("%s on %s by %v:\n engine %v\n SQL    %v", o.Code, d, by, g, want)
			}
			// The drill-down lists what the filtered figure counts.
			f := map[string]string{"org_kind": tochuc.KindCell}
			ids, err := snap.OrgIDs(stats.Query{OrgID: o.ID, AsOf: d, Filter: f})
			if err != nil {
				t.Fatal(err)
			}
			n, _ := snap.OrgTotal(stats.Query{OrgID: o.ID, AsOf: d, Filter: f})
			wantN := recountOrgs(t, raw, o.Path, d, nil, f)[""]
			if int64(len(ids)) != n || n != wantN {
				t.Errorf("%s on %s cells: %d ids, total %d, SQL %d", o.Code, d, len(ids), n, wantN)
			}
		}
		if _, err := snap.Orgs(stats.Query{AsOf: fixedToday, By: []string{"sex"}}); err == nil {
			t.Error("a member dimension for org counts: no error")
		}
	})
	t.Run("TallyEqualsFigures", func(t *testing.T) { tallyEqualsFigures(t, db, snap, rng) })
	// The flows of orgs restructured since counted straight in their chain, not on the
	// tree of the eve of the restructuring.
	t.Run("TallyEqualsFiguresChains", func(t *testing.T) {
		stats.SetFlowTrees(false)
		defer stats.SetFlowTrees(true)
		tallyEqualsFigures(t, db, snap, rng)
	})
}

// recountOrgs counts the org versions alive on d under path with plain SQL.
func recountOrgs(t *testing.T, raw *rawDB, path string, d tochuc.Date, by []string, filter map[string]string) map[string]int64 {
	t.Helper()
	lo, hi := "/", "0"
	if path != "" {
		lo, hi = tochuc.SubtreeRange(path)
	}
	rows, err := raw.QueryContext(context.Background(), `SELECT v.kind, v.setting, v.attrs FROM org_versions v
		WHERE v.valid_from <= $1 AND v.valid_to > $1 AND v.path >= $2 AND v.path < $3`, string(d), lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int64{}
rows:
	for rows.Next() {
		var kind, setting, attrs string
		if err := rows.Scan(&kind, &setting, &attrs); err != nil {
			t.Fatal(err)
		}
		val := map[string]string{"org_kind": kind, "setting": setting,
			"border": fmt.Sprint(slices.Contains(tochuc.SplitAttrs(attrs), "border"))}
		for k, v := range filter {
			if val[k] != v {
				continue rows
			}
		}
		var key []string
		for _, b := range by {
			key = append(key, val[b])
		}
		out[strings.Join(key, "|")]++
	}
	return out
}

func tallyEqualsFigures(t *testing.T, db *store.DB, snap *stats.Snapshot, rng *rand.Rand) {
	ctx := sysCtx()
	// 31/12/2025: the flows of 2025 cross the restructuring of 01/07/2025.
	for _, d := range []tochuc.Date{"2024-12-31", "2025-06-30", "2025-12-31", fixedToday} {
		from := tochuc.Date(string(d[:4]) + "-01-01")
		opening := tochuc.Date(fmt.Sprintf("%04d-12-31", atoi(string(d[:4]))-1))
		figs := []stats.Figure{
			{Source: stats.SrcMembers, Day: d},
			{Source: stats.SrcMembers, Day: d, Filter: []stats.Cond{{Dim: "sex", Codes: []string{"female"}}}},
			{Source: stats.SrcMembers, Day: d, Filter: []stats.Cond{{Dim: "status", Codes: []string{"probationary"}}}},
			{Source: stats.SrcMembers, Day: d, Filter: []stats.Cond{{Dim: "ethnicity", Codes: []string{"01"}, Not: true}}},
			{Source: stats.SrcMembers, Day: d, Filter: []stats.Cond{{Dim: "age_band", Codes: []string{"under30", "30-40"}}, {Dim: "border", Codes: []string{"true"}}}},
			{Source: stats.SrcMembers, Day: opening},
			{Source: stats.SrcOrgs, Day: d, Filter: []stats.Cond{{Dim: "org_kind", Codes: []string{tochuc.KindBasicCommittee, tochuc.KindBasicCell}}}},
		}
		// Dimensions read through the general path: party age and academic title.
		extra := []map[string]string{{"party_age_band": "10-19"}, {"academic_title": "associate_professor"}, {"academic_title": "professor", "sex": "male"}}
		for _, f := range extra {
			var conds []stats.Cond
			for k, v := range f {
				conds = append(conds, stats.Cond{Dim: k, Codes: []string{v}})
			}
			figs = append(figs, stats.Figure{Source: stats.SrcMembers, Day: d, Filter: conds})
		}
		base := len(figs)
		for _, fl := range stats.Flows {
			figs = append(figs, stats.Figure{Source: stats.SrcFlow, From: from, To: d, Flow: fl})
			figs = append(figs, stats.Figure{Source: stats.SrcFlow, From: from, To: d, Flow: fl, Filter: []stats.Cond{{Dim: "sex", Codes: []string{"female"}}}})
		}
		tl, err := snap.Tally(0, d, figs)
		if err != nil {
			t.Fatal(err)
		}
		orgs, err := db.OrgsAsOf(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		nonZero := 0
		for round := 0; round < 25; round++ {
			o := orgs[rng.IntN(len(orgs))]
			if round%3 == 0 {
				for _, a := range orgs {
					if strings.HasPrefix(o.Path, a.Path) && a.Depth == 1 {
						o = a
					}
				}
			}
			got := tl.Values(o.ID)
			want := make([]int64, len(figs))
			q := stats.Query{OrgID: o.ID, AsOf: d}
			want[0], _ = snap.Total(q)
			want[1], _ = snap.Total(stats.Query{OrgID: o.ID, AsOf: d, Filter: map[string]string{"sex": "female"}})
			want[2], _ = snap.Total(stats.Query{OrgID: o.ID, AsOf: d, Filter: map[string]string{"status": "probationary"}})
			all := want[0]
			kinh, _ := snap.Total(stats.Query{OrgID: o.ID, AsOf: d, Filter: map[string]string{"ethnicity": "01"}})
			want[3] = all - kinh
			for _, b := range []string{"under30", "30-40"} {
				n, _ := snap.Total(stats.Query{OrgID: o.ID, AsOf: d, Filter: map[string]string{"age_band": b, "border": "true"}})
				want[4] += n
			}
			want[5], _ = snap.Total(stats.Query{OrgID: o.ID, AsOf: opening}) // ENOTFOUND → 0
			for k, f := range extra {
				want[base-len(extra)+k], _ = snap.Total(stats.Query{OrgID: o.ID, AsOf: d, Filter: f})
			}
			for _, k := range []string{tochuc.KindBasicCommittee, tochuc.KindBasicCell} {
				n, _ := snap.OrgTotal(stats.Query{OrgID: o.ID, AsOf: d, Filter: map[string]string{"org_kind": k}})
				want[6] += n
			}
			rows, err := snap.Flows(stats.FlowQuery{OrgID: o.ID, From: from, To: d, By: []string{"sex"}})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				i := base + 2*slices.Index(stats.Flows, r.Flow)
				want[i] += r.Count
				if r.Values[0] == "female" {
					want[i+1] += r.Count
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s on %s:\n tally   %v\n figures %v", o.Code, d, got, want)
			}
			// The tally of the org's subtree alone and of the org alone give its row the same.
			sub, err := snap.Tally(o.ID, d, figs)
			if err != nil {
				t.Fatal(err)
			}
			one, err := snap.TallyOrg(o.ID, d, figs)
			if err != nil {
				t.Fatal(err)
			}
			if g1, g2 := sub.Values(o.ID), one.Values(o.ID); !slices.Equal(g1, want) || !slices.Equal(g2, want) || one.Len() != 1 {
				t.Errorf("%s on %s:\n subtree %v\n alone   %v (%d orgs)\n figures %v", o.Code, d, g1, g2, one.Len(), want)
			}
			if want[0] > 0 {
				nonZero++
			}
		}
		if nonZero < 5 {
			t.Errorf("%s: only %d orgs with members compared", d, nonZero)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
