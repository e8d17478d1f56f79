package service_test

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"testing"
	"time"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
)

// The lifecycle property test: long random sequences of admissions, recognitions, official
// transfers (some never received), receipts, cancellations, temporary transfers, exits,
// re-admissions and restorations on increasing dates. After every step each member is in
// exactly one place on that date (one org, in transit, or out: exited or not yet admitted), as
// an independent replay of the register (the member_events rows) says; at random dates the
// totals by org through the tree and store.DB.CountPlaced equal a recount from that replay, and
// the in-transit report holds exactly the members in transit.
//
// TOCHUC_PROPERTY_SEED=n replays one sequence; the seed is printed on failure.

// place is where the independent replay puts a member on a date.
type place struct {
	kind string // "org", "transit", "out" (exited), "none" (not yet admitted)
	org  int64  // the org (the destination while in transit)
}

// replayPlace reads a member's place on d straight from the events, without BuildSpans.
func replayPlace(events []tochuc.MemberEvent, d tochuc.Date) place {
	ev := append([]tochuc.MemberEvent(nil), events...)
	tochuc.SortEvents(ev)
	p := place{kind: "none"}
	for _, e := range ev {
		if e.Date > d {
			break
		}
		switch e.Kind {
		case tochuc.EventAdmitted, tochuc.EventReadmitted, tochuc.EventRestored, tochuc.EventTransferIn:
			p = place{"org", e.OrgID}
		case tochuc.EventTransferOut:
			p = place{"transit", e.OrgID}
		case tochuc.EventTransferred, tochuc.EventReassigned:
			p.org = e.OrgID
		case tochuc.EventRemoved, tochuc.EventWithdrawn, tochuc.EventExpelled, tochuc.EventDeceased:
			p = place{"out", 0}
		}
	}
	return p
}

var propGiven = []string{"An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hùng", "Lan", "Minh", "Nga", "Phúc", "Quân", "Sơn", "Thảo", "Trung", "Vy"}

func TestLifecycleProperty(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		seed := time.Now().UnixNano()
		if s := os.Getenv("TOCHUC_PROPERTY_SEED"); s != "" {
			seed, _ = strconv.ParseInt(s, 10, 64)
		}
		steps, maxMembers := 300, 40
		if db.Engine == store.Postgres {
			steps, maxMembers = 80, 20
		}
		t.Cleanup(func() {
			if t.Failed() {
				t.Logf("replay with TOCHUC_PROPERTY_SEED=%d", seed)
			}
		})
		runLifecycle(t, db, rand.New(rand.NewSource(seed)), steps, maxMembers)
	})
}

func runLifecycle(t *testing.T, db *store.DB, rng *rand.Rand, steps, maxMembers int) {
	ctx := sysCtx()
	bg := context.Background()
	svc := newService(db)
	importOrgs(t, svc, fixtureOrgs())
	orgs, err := db.OrgsAsOf(bg, fixedToday)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, o := range orgs {
		if o.ParentID != 0 {
			codes = append(codes, o.Code)
		}
	}
	var members []int64
	pending := map[int64][]int64{} // member → issued transfer ids (official and temporary)
	start := tochuc.Date("2022-01-03")
	d := start
	placeOf := func(id int64, on tochuc.Date) place {
		ev, err := db.MemberEvents(bg, id)
		if err != nil {
			t.Fatal(err)
		}
		return replayPlace(ev, on)
	}
	// expectOK fails on an error the model says cannot happen; refusals by a rule or a
	// conflict are fine where the model allows them (allowed).
	expectOK := func(step int, what string, err error, allowed ...string) bool {
		if err == nil {
			return true
		}
		for _, c := range allowed {
			if tochuc.ErrorCode(err) == c {
				return false
			}
		}
		t.Fatalf("step %d (%s) %s: %v", step, d, what, err)
		return false
	}
	pick := func(want ...string) (int64, bool) {
		for _, i := range rng.Perm(len(members)) {
			p := placeOf(members[i], d)
			for _, k := range want {
				if p.kind == k {
					return members[i], true
				}
			}
		}
		return 0, false
	}
	otherOrg := func(not int64) string {
		for {
			c := codes[rng.Intn(len(codes))]
			if o, _ := db.OrgByCodeAsOf(bg, c, d); o.ID != not {
				return c
			}
		}
	}
	for step := 0; step < steps; step++ {
		d = d.AddDays(rng.Intn(13))
		what := ""
		switch n := rng.Intn(100); {
		case n < 14 && len(members) < maxMembers || len(members) < 4:
			what = "admit"
			i := len(members)
			p := person{name: "Nguyễn Văn " + propGiven[i%len(propGiven)], sex: "male", birthYear: 1980 + i%20,
				admitted: d, citizenIDSerial: 500 + i}
			id, err := svc.CreateMember(ctx, p.member(), codes[rng.Intn(len(codes))])
			expectOK(step, what, err)
			members = append(members, id)
		case n < 22:
			what = "recognize"
			if id, ok := pick("org"); ok {
				err := svc.RecordEvent(ctx, tochuc.MemberEvent{MemberID: id, Kind: tochuc.EventRecognized, Date: d})
				expectOK(step, what, err, tochuc.EINVALID) // already official
			}
		case n < 40:
			what = "transfer"
			if id, ok := pick("org"); ok {
				p := placeOf(id, d)
				tid, err := svc.IssueTransfer(ctx, service.TransferInput{MemberID: id, ToOrgCode: otherOrg(p.org), Date: d, Document: "GGT"})
				if expectOK(step, what, err) {
					pending[id] = append(pending[id], tid)
				}
			}
		case n < 52:
			what = "receive"
			for id, ts := range pending {
				if len(ts) == 0 || rng.Intn(3) == 0 { // some are never received
					continue
				}
				tid := ts[0]
				tr, _ := db.Transfer(bg, tid)
				err := svc.ReceiveTransfer(ctx, tid, service.ReceiveInput{Date: d})
				p := placeOf(id, d)
				if tr.Kind == tochuc.TransferOfficial && p.kind != "transit" {
					// Exited while in transit: the receipt is refused by the timeline.
					expectOK(step, what, err, tochuc.EINVALID)
				} else {
					expectOK(step, what, err)
				}
				pending[id] = ts[1:]
				break
			}
		case n < 58:
			what = "cancel"
			for id, ts := range pending {
				if len(ts) == 0 {
					continue
				}
				err := svc.CancelTransfer(ctx, ts[len(ts)-1], d)
				// A later event may make the timeline impossible without the slip (a transfer
				// before it cannot be undone when events followed): a refusal is allowed.
				expectOK(step, what, err, tochuc.ECONFLICT)
				if err == nil {
					pending[id] = ts[:len(ts)-1]
				}
				break
			}
		case n < 66:
			what = "temporary"
			if id, ok := pick("org"); ok {
				p := placeOf(id, d)
				tid, err := svc.IssueTransfer(ctx, service.TransferInput{MemberID: id, Kind: tochuc.TransferTemporary,
					ToOrgCode: otherOrg(p.org), Date: d, Months: 3 + rng.Intn(9)})
				if expectOK(step, what, err, tochuc.ECONFLICT) {
					pending[id] = append(pending[id], tid)
				}
			}
		case n < 78:
			what = "exit"
			if id, ok := pick("org", "transit"); ok {
				kinds := []string{tochuc.EventRemoved, tochuc.EventWithdrawn, tochuc.EventExpelled, tochuc.EventDeceased}
				in := service.ExitInput{MemberID: id, Kind: kinds[rng.Intn(len(kinds))], Decision: service.Decision{Date: d, Document: "QĐ"},
					Ground: 1 + rng.Intn(5), MonthsMissed: 3}
				expectOK(step, what, svc.RecordExit(ctx, in))
			}
		case n < 88:
			what = "readmit"
			if id, ok := pick("out"); ok {
				err := svc.Readmit(ctx, service.ReadmitInput{MemberID: id, Decision: service.Decision{Date: d, Document: "QĐ"},
					OrgCode: codes[rng.Intn(len(codes))], ConsentDocument: "CV"})
				expectOK(step, what, err, tochuc.EINVALID) // too early, barred, once, deceased
			}
		case n < 94:
			what = "restore"
			if id, ok := pick("out"); ok {
				err := svc.Restore(ctx, service.RestoreInput{MemberID: id, Decision: service.Decision{Date: d, Document: "QĐ"}})
				expectOK(step, what, err, tochuc.EINVALID) // deceased
			}
		default:
			what = "exempt"
			if id, ok := pick("org"); ok {
				err := svc.Exempt(ctx, service.ExemptInput{MemberID: id, Decision: service.Decision{Date: d}, IllnessMonths: 3, Voluntary: true})
				if expectOK(step, what, err, tochuc.EINVALID) == false { // already exempt: end it
					expectOK(step, what, svc.EndExemption(ctx, id, service.Decision{Date: d}), tochuc.EINVALID)
				}
			}
		}
		// Every member is in exactly one place on the step's date.
		for _, id := range members {
			checkOnePlace(t, db, id, d, placeOf(id, d), fmt.Sprintf("step %d (%s, %s)", step, what, d))
		}
		if step == steps-1 {
			kinds := map[string]int{}
			for _, id := range members {
				ev, _ := db.MemberEvents(bg, id)
				for _, e := range ev {
					kinds[e.Kind]++
				}
			}
			t.Logf("%d steps to %s, %d members; events by kind: %v", steps, d, len(members), kinds)
		}
		if step%25 == 24 || step == steps-1 {
			for k := 0; k < 3; k++ {
				on := start.AddDays(rng.Intn(int(d.Time().Sub(start.Time()).Hours()/24) + 30))
				checkLifecycleTotals(t, svc, db, members, on, placeOf, fmt.Sprintf("step %d, totals on %s", step, on))
			}
		}
	}
}

// checkOnePlace compares the spans the service keeps with the replay: at most one span holds
// the date, in the org the replay names, in transit exactly when the replay says so.
func checkOnePlace(t *testing.T, db *store.DB, id int64, d tochuc.Date, want place, where string) {
	t.Helper()
	spans, err := db.MemberSpans(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var in []tochuc.Span
	for _, s := range spans {
		if s.Contains(d) {
			in = append(in, s)
		}
	}
	switch {
	case len(in) > 1:
		t.Fatalf("%s: member %d in %d places: %+v", where, id, len(in), in)
	case want.kind == "org" && (len(in) != 1 || in[0].State == tochuc.StateInTransit || in[0].OrgID != want.org):
		t.Fatalf("%s: member %d should be in org %d, spans %+v", where, id, want.org, in)
	case want.kind == "transit" && (len(in) != 1 || in[0].State != tochuc.StateInTransit || in[0].OrgID != want.org):
		t.Fatalf("%s: member %d should be in transit to %d, spans %+v", where, id, want.org, in)
	case (want.kind == "out" || want.kind == "none") && len(in) != 0:
		t.Fatalf("%s: member %d should be nowhere (%s), spans %+v", where, id, want.kind, in)
	}
}

// checkLifecycleTotals recounts the register by org on d and compares with the service's tree counts,
// CountPlaced and the in-transit report.
func checkLifecycleTotals(t *testing.T, svc *service.Service, db *store.DB, members []int64, d tochuc.Date,
	placeOf func(int64, tochuc.Date) place, where string) {
	t.Helper()
	bg := context.Background()
	direct := map[int64]int64{}
	var placed, transit int64
	inTransit := map[int64]bool{}
	for _, id := range members {
		switch p := placeOf(id, d); p.kind {
		case "org":
			direct[p.org]++
			placed++
		case "transit":
			transit++
			inTransit[id] = true
		}
	}
	orgs, err := db.OrgsAsOf(bg, d)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]int64{}
	byPath := map[string]int64{}
	for _, o := range orgs {
		byPath[o.Path] = o.ID
	}
	for _, o := range orgs {
		for i := 1; i < len(o.Path); i++ {
			if o.Path[i] == '/' {
				want[byPath[o.Path[:i+1]]] += direct[o.ID]
			}
		}
	}
	got, err := svc.SubtreeCounts(sysCtx(), d)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if got[o.ID].Total() != want[o.ID] {
			t.Fatalf("%s: org %s counts %d, register %d", where, o.Code, got[o.ID].Total(), want[o.ID])
		}
	}
	if n, err := db.CountPlaced(bg, d); err != nil || n != placed {
		t.Fatalf("%s: CountPlaced %d (%v), register %d", where, n, err, placed)
	}
	_, rows, err := svc.TransfersInTransit(sysCtx(), "", d)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for _, r := range rows {
		if !inTransit[r.MemberID] || seen[r.MemberID] {
			t.Fatalf("%s: in-transit report lists member %d (in transit: %v, twice: %v)", where, r.MemberID, inTransit[r.MemberID], seen[r.MemberID])
		}
		seen[r.MemberID] = true
	}
	if int64(len(seen)) != transit {
		t.Fatalf("%s: in-transit report has %d members, register %d", where, len(seen), transit)
	}
	page, err := svc.ListMembers(sysCtx(), service.MemberList{AsOf: d, Subtree: true, PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if int64(page.Total) != placed {
		t.Fatalf("%s: member list total %d, register %d", where, page.Total, placed)
	}
}
