package stats_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"tochuc"
	"tochuc/demo"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/stats"
	"tochuc/store"
)

const fixedToday = tochuc.Date("2026-01-15")

func sysCtx() context.Context {
	return tochuc.WithActor(context.Background(), tochuc.SystemActor(tochuc.ChannelCLI))
}

func buildDemo(t *testing.T, db *store.DB, members int) *service.Service {
	t.Helper()
	svc := service.New(db)
	svc.Today = func() tochuc.Date { return fixedToday }
	var out bytes.Buffer
	if _, err := demo.Build(sysCtx(), svc, demo.Options{Seed: 11, Members: members, Out: &out}); err != nil {
		t.Fatalf("demo.Build: %v\n%s", err, out.String())
	}
	return svc
}

// recountMembers counts with plain SQL: the members placed on d in the subtree, their raw
// columns, the dimensions computed by the reference functions (store.AgeOn, tochuc.PartyAge).
func recountMembers(t *testing.T, db *store.DB, raw *rawDB, events map[int64][]tochuc.MemberEvent, orgPath string, d tochuc.Date, by []string) map[string]int64 {
	t.Helper()
	lo, hi := "/", "0"
	if orgPath != "" {
		lo, hi = tochuc.SubtreeRange(orgPath)
	}
	rows, err := raw.QueryContext(context.Background(), `SELECT m.id,
		CASE WHEN s.state = 'exempt' THEN 'exempt' WHEN s.official_from <= $1 THEN 'official' ELSE 'probationary' END,
		m.sex, m.birth_date, m.ethnicity, m.religion, m.education, m.professional_qualification, m.political_theory,
		m.occupation, m.academic_title, v.kind, v.setting, v.attrs
		FROM member_spans s JOIN members m ON m.id = s.member_id
		JOIN org_versions v ON v.org_id = s.org_id AND v.valid_from <= $1 AND v.valid_to > $1
		WHERE s.valid_from <= $1 AND s.valid_to > $1 AND s.state <> 'in_transit' AND v.path >= $2 AND v.path < $3`, string(d), lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var status, sex, birth, eth, rel, edu, pq, pt, occ, title, kind, setting, attrs string
		if err := rows.Scan(&id, &status, &sex, &birth, &eth, &rel, &edu, &pq, &pt, &occ, &title, &kind, &setting, &attrs); err != nil {
			t.Fatal(err)
		}
		val := map[string]string{"status": status, "sex": sex, "ethnicity": eth, "religion": rel, "education": edu,
			"professional_qualification": pq, "political_theory": pt, "occupation": occ, "academic_title": title, "org_kind": kind, "setting": setting}
		if age, ok := store.AgeOn(birth, d); ok {
			val["age_band"] = stats.AgeBands[store.AgeBand(age)]
		} else {
			val["age_band"] = "unknown"
		}
		if months, ok := tochuc.PartyAge(events[id], d); ok {
			val["party_age_band"] = stats.PartyAgeBands[min(months/120, 5)]
		} else {
			val["party_age_band"] = "unknown"
		}
		val["border"] = fmt.Sprint(slices.Contains(tochuc.SplitAttrs(attrs), "border"))
		var key []string
		for _, b := range by {
			key = append(key, val[b])
		}
		out[strings.Join(key, "|")]++
	}
	return out
}

type rawQuerier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sqlRows, error)
}

func asMap(rows []stats.Row) map[string]int64 {
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Flow+strings.Join(r.Values, "|")] += r.Count
	}
	return out
}

// TestStats builds one demo country per engine (the demo builds the whole real tree, which is
// slow under -race) and runs every check of the engine over it.
func TestStats(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := buildDemo(t, db, 2000)
		t.Run("EqualsSQLRecount", func(t *testing.T) { statsEqualsSQLRecount(t, db, svc) })
		t.Run("AcrossRestructure", func(t *testing.T) { statsAcrossRestructure(t, db, svc) })
		t.Run("UnknownDimension", func(t *testing.T) { statsUnknownDimension(t, db, svc) })
		t.Run("SaveLoad", func(t *testing.T) { statsSaveLoad(t, db) })
		t.Run("DashboardEqualsSQL", func(t *testing.T) { statsDashboardEqualsSQL(t, db) })
		t.Run("Orgs", func(t *testing.T) { statsOrgs(t, db) })
		t.Run("FlowsOfOrgs", func(t *testing.T) { statsFlowsOfOrgs(t, db) })
		t.Run("SeveralCodes", func(t *testing.T) { statsSeveralCodes(t, db) })
	})
}

func statsEqualsSQLRecount(t *testing.T, db *store.DB, svc *service.Service) {
	{
		ctx := sysCtx()
		snap, err := stats.Build(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		raw := openRaw(t, db)
		events := allEvents(t, raw)
		rng := rand.New(rand.NewPCG(5, 9))
		dims := append([]string(nil), stats.Dimensions...)
		dims = append(dims, "border")
		dates := []tochuc.Date{"2015-06-30", "2020-12-31", "2024-06-30", "2025-06-30", "2025-07-01", "2025-12-31", fixedToday}
		nonEmpty, flowsNonEmpty := 0, 0
		for round := 0; round < 40; round++ {
			d := dates[rng.IntN(len(dates))]
			orgs, err := db.OrgsAsOf(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			var o tochuc.Org
			if round%5 != 0 {
				o = ancestorOf(t, raw, rng, orgs, `SELECT s.org_id FROM member_spans s WHERE s.valid_from <= $1 AND s.valid_to > $1 AND s.state <> 'in_transit'`, d)
			}
			var by []string
			for _, i := range rng.Perm(len(dims))[:rng.IntN(4)] {
				by = append(by, dims[i])
			}
			got, err := snap.Members(stats.Query{OrgID: o.ID, AsOf: d, By: by})
			if err != nil {
				t.Fatal(err)
			}
			path := o.Path
			if o.ID == 0 {
				path = ""
			}
			want := recountMembers(t, db, raw, events, path, d, by)
			if len(want) > 0 {
				nonEmpty++
			}
			if g := asMap(got); !mapsEqual(g, want) {
				t.Errorf("%s on %s by %v:\n engine %v\n SQL    %v", o.Code, d, by, g, want)
			}
		}
		// Flows: admissions, recognitions and exits recounted in SQL.
		for round := 0; round < 15; round++ {
			var ed string
			if err := raw.QueryRow(`SELECT event_date FROM member_events WHERE kind IN ('admitted', 'recognized', 'deceased', 'removed') ORDER BY id LIMIT 1 OFFSET $1`, rng.IntN(500)).Scan(&ed); err != nil {
				t.Fatal(err)
			}
			from := tochuc.Date(ed[:4] + "-01-01")
			to := tochuc.Date(fmt.Sprintf("%s-%02d-28", from[:4], 1+rng.IntN(12)))
			if to < tochuc.Date(ed) {
				to = tochuc.Date(ed[:4] + "-12-31")
			}
			orgs, _ := db.OrgsAsOf(ctx, tochuc.Date(ed))
			o := ancestorOf(t, raw, rng, orgs, `SELECT s.org_id FROM member_spans s WHERE s.valid_from <= $1 AND s.valid_to > $1`, tochuc.Date(ed))
			got, err := snap.Flows(stats.FlowQuery{OrgID: o.ID, From: from, To: to, By: []string{"sex"}})
			if err != nil {
				t.Fatal(err)
			}
			g := asMap(got)
			for k := range g {
				if strings.HasPrefix(k, "transferred") {
					delete(g, k)
				}
			}
			want := recountFlows(t, raw, o.ID, from, to)
			if len(want) > 0 {
				flowsNonEmpty++
			}
			if !mapsEqual(g, want) {
				t.Errorf("flows %s %s–%s:\n engine %v\n SQL    %v", o.Code, from, to, g, want)
			}
		}
		if nonEmpty < 20 || flowsNonEmpty < 5 {
			t.Errorf("too few figures compared: %d member queries, %d flow queries with members", nonEmpty, flowsNonEmpty)
		}
		_ = svc
	}
}

func recountFlows(t *testing.T, raw *rawDB, org int64, from, to tochuc.Date) map[string]int64 {
	t.Helper()
	// The org counted: the admitting org; the span holding a recognition; the span an exit closed.
	q := `SELECT e.kind, m.sex, COUNT(*) FROM member_events e JOIN members m ON m.id = e.member_id
		JOIN member_spans s ON s.member_id = e.member_id AND (
			(e.kind IN ('admitted', 'readmitted') AND s.valid_from = e.event_date AND s.org_id = e.org_id)
			OR (e.kind = 'recognized' AND s.valid_from <= e.event_date AND s.valid_to > e.event_date)
			OR (e.kind IN ('removed', 'withdrawn', 'expelled', 'deceased') AND s.valid_to = e.event_date AND s.end_kind = e.kind))
		JOIN org_versions v ON v.org_id = s.org_id AND v.valid_from <= e.event_date AND v.valid_to > e.event_date
		JOIN org_versions xv ON xv.org_id = $3 AND xv.valid_from <= e.event_date AND xv.valid_to > e.event_date
		WHERE e.event_date >= $1 AND e.event_date <= $2
		  AND v.path >= xv.path AND v.path < substr(xv.path, 1, length(xv.path) - 1) || '0'
		GROUP BY e.kind, m.sex`
	rows, err := raw.QueryContext(context.Background(), q, string(from), string(to), org)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var kind, sex string
		var n int64
		if err := rows.Scan(&kind, &sex, &n); err != nil {
			t.Fatal(err)
		}
		out[kind+sex] += n
	}
	return out
}

// ancestorOf picks an org holding one of the rows of query (an org id column) on d, then one of
// its ancestors at random.
func ancestorOf(t *testing.T, raw *rawDB, rng *rand.Rand, orgs []tochuc.Org, query string, d tochuc.Date) tochuc.Org {
	t.Helper()
	rows, err := raw.QueryContext(context.Background(), query, string(d))
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) == 0 {
		return orgs[0]
	}
	id := ids[rng.IntN(len(ids))]
	var path string
	for _, o := range orgs {
		if o.ID == id {
			path = o.Path
		}
	}
	var up []tochuc.Org
	for _, o := range orgs {
		if strings.HasPrefix(path, o.Path) {
			up = append(up, o)
		}
	}
	return up[rng.IntN(len(up))]
}

func mapsEqual(a, b map[string]int64) bool {
	for k, v := range a {
		if v != 0 && b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if v != 0 && a[k] != v {
			return false
		}
	}
	return true
}

func allEvents(t *testing.T, raw *rawDB) map[int64][]tochuc.MemberEvent {
	rows, err := raw.QueryContext(context.Background(), `SELECT id, member_id, kind, event_date FROM member_events`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64][]tochuc.MemberEvent{}
	for rows.Next() {
		var e tochuc.MemberEvent
		if err := rows.Scan(&e.ID, &e.MemberID, &e.Kind, &e.Date); err != nil {
			t.Fatal(err)
		}
		out[e.MemberID] = append(out[e.MemberID], e)
	}
	return out
}

// TestStatsAcrossRestructure: on 30/06/2025 the figures run over the pre-reform tree (63
// provinces), on 01/07/2025 and today over the new one (34); the totals agree.
func statsAcrossRestructure(t *testing.T, db *store.DB, svc *service.Service) {
	{
		ctx := sysCtx()
		before, err := svc.StatsMembers(ctx, "", "2025-06-30", nil, true)
		if err != nil {
			t.Fatal(err)
		}
		after, err := svc.StatsMembers(ctx, "", "2025-07-01", nil, true)
		if err != nil {
			t.Fatal(err)
		}
		sum := func(tb *service.StatsTable) (total, children int64, n int) {
			for i, o := range tb.Orgs {
				for _, r := range o.Rows {
					if i == 0 {
						total += r.Count
					} else {
						children += r.Count
					}
				}
			}
			return total, children, len(tb.Orgs) - 1
		}
		tb, cb, nb := sum(before)
		ta, ca, na := sum(after)
		if tb == 0 || tb != cb || ta != ca {
			t.Errorf("totals: before %d (children %d), after %d (children %d)", tb, cb, ta, ca)
		}
		if nb <= na {
			t.Errorf("children: %d before, %d after: want fewer after the reform", nb, na)
		}
		// The day of the reform moves everyone; only that day's own events change the total.
		flows, err := svc.StatsFlows(ctx, "", "2025-07-01", "2025-07-01", nil, false)
		if err != nil {
			t.Fatal(err)
		}
		var moved int64
		for _, r := range flows.Orgs[0].Rows {
			moved += r.Count
		}
		if d := ta - tb; d > moved || -d > moved {
			t.Errorf("total before %d, after %d, but only %d events that day", tb, ta, moved)
		}
		t.Logf("30/06/2025: %d members in %d children; 01/07/2025: %d in %d", tb, nb, ta, na)
		today, err := svc.StatsMembers(ctx, "", "", []string{"status"}, false)
		if err != nil || len(today.Orgs[0].Rows) == 0 {
			t.Fatalf("today: %v %v", today, err)
		}
	}
}

func statsUnknownDimension(t *testing.T, db *store.DB, svc *service.Service) {
	{
		_, err := svc.StatsMembers(sysCtx(), "", "", []string{"sex", "shoe_size"}, false)
		if err == nil || !strings.Contains(err.Error(), "shoe_size") || !strings.Contains(err.Error(), "party_age_band") {
			t.Fatalf("unknown dimension: %v", err)
		}
	}
}

// A filter of several codes ("02|03") counts the members of any of them, and a negation
// ("!02|03") the others: the drill-down of a form's cell such as "dân tộc thiểu số".
func statsSeveralCodes(t *testing.T, db *store.DB) {
	snap, err := stats.Build(sysCtx(), db)
	if err != nil {
		t.Fatal(err)
	}
	d := tochuc.Date(fixedToday)
	for _, dimName := range []string{"ethnicity", "sex", "age_band", "org_kind"} {
		rows, err := snap.Members(stats.Query{AsOf: d, By: []string{dimName}})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 2 {
			t.Fatalf("%s: fewer than two values: %+v", dimName, rows)
		}
		total, err := snap.Total(stats.Query{AsOf: d})
		if err != nil {
			t.Fatal(err)
		}
		a, b := rows[0], rows[1]
		codes := []string{a.Values[0], b.Values[0], "no-such-code"}
		for _, c := range []struct {
			not  bool
			want int64
		}{{false, a.Count + b.Count}, {true, total - a.Count - b.Count}} {
			f := map[string]string{dimName: stats.FilterValue(codes, c.not)}
			n, err := snap.Total(stats.Query{AsOf: d, Filter: f})
			if err != nil {
				t.Fatal(err)
			}
			ids, err := snap.MemberIDs(stats.Query{AsOf: d, Filter: f})
			if err != nil {
				t.Fatal(err)
			}
			if n != c.want || int64(len(ids)) != c.want {
				t.Errorf("%v: count %d, list %d, want %d", f, n, len(ids), c.want)
			}
		}
	}
	// Flows and organizations take the same values.
	from := tochuc.Date("2000-01-01")
	all, err := snap.Flows(stats.FlowQuery{From: from, To: d, By: []string{"sex"}})
	if err != nil {
		t.Fatal(err)
	}
	var admittedMale, admittedAll int64
	for _, r := range all {
		if r.Flow == "admitted" {
			admittedAll += r.Count
			if r.Values[0] == "male" {
				admittedMale += r.Count
			}
		}
	}
	ids, err := snap.FlowMemberIDs(stats.FlowQuery{From: from, To: d, Filter: map[string]string{"sex": "!male"}}, "admitted")
	if err != nil {
		t.Fatal(err)
	}
	if admittedAll == 0 || int64(len(ids)) != admittedAll-admittedMale {
		t.Errorf("admitted not male: %d, want %d − %d", len(ids), admittedAll, admittedMale)
	}
	kinds, err := snap.Orgs(stats.Query{AsOf: d, By: []string{"org_kind"}})
	if err != nil {
		t.Fatal(err)
	}
	n, err := snap.OrgTotal(stats.Query{AsOf: d, Filter: map[string]string{"org_kind": kinds[0].Values[0] + "|" + kinds[1].Values[0]}})
	if err != nil {
		t.Fatal(err)
	}
	if n != kinds[0].Count+kinds[1].Count {
		t.Errorf("orgs of two kinds: %d, want %d", n, kinds[0].Count+kinds[1].Count)
	}
}
