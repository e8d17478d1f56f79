package tochuc

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// ev builds an event; ids keep the order of insertion for events of one day.
func ev(id int64, kind string, d Date, org int64) MemberEvent {
	return MemberEvent{ID: id, MemberID: 1, Kind: kind, Date: d, OrgID: org}
}

func spanString(s Span) string {
	return fmt.Sprintf("{org %d %s..%s %s official %s end %q}", s.OrgID, s.ValidFrom, s.ValidTo, s.State, s.OfficialFrom, s.EndKind)
}

func TestBuildSpansFullLife(t *testing.T) {
	events := []MemberEvent{
		ev(1, EventAdmitted, "2000-03-01", 10),
		ev(2, EventRecognized, "2001-03-01", 0),
		ev(3, EventTransferred, "2005-06-15", 20),
		ev(4, EventExempted, "2020-01-01", 0),
		ev(5, EventExemptionEnded, "2021-01-01", 0),
		ev(6, EventDeceased, "2023-08-08", 0),
	}
	spans, err := BuildSpans(1, events)
	if err != nil {
		t.Fatal(err)
	}
	want := []Span{
		{MemberID: 1, OrgID: 10, ValidFrom: "2000-03-01", ValidTo: "2005-06-15", State: StateActive, OfficialFrom: "2001-03-01"},
		{MemberID: 1, OrgID: 20, ValidFrom: "2005-06-15", ValidTo: "2020-01-01", State: StateActive, OfficialFrom: "2001-03-01"},
		{MemberID: 1, OrgID: 20, ValidFrom: "2020-01-01", ValidTo: "2021-01-01", State: StateExempt, OfficialFrom: "2001-03-01"},
		{MemberID: 1, OrgID: 20, ValidFrom: "2021-01-01", ValidTo: "2023-08-08", State: StateActive, OfficialFrom: "2001-03-01", EndKind: EventDeceased},
	}
	if len(spans) != len(want) {
		for _, s := range spans {
			t.Log(spanString(s))
		}
		t.Fatalf("got %d spans, want %d", len(spans), len(want))
	}
	for i := range want {
		if spans[i] != want[i] {
			t.Errorf("span %d = %s, want %s", i, spanString(spans[i]), spanString(want[i]))
		}
	}
}

func TestBuildSpansOfficialFromCarriedAcrossTransfers(t *testing.T) {
	// Recognized while in org 10: both later spans carry the same official date; the first span
	// is official from the recognition date too.
	spans, err := BuildSpans(1, []MemberEvent{
		ev(1, EventAdmitted, "2010-01-01", 10),
		ev(2, EventRecognized, "2011-01-01", 0),
		ev(3, EventTransferred, "2012-01-01", 20),
		ev(4, EventTransferred, "2013-01-01", 30),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(spans) != 3 {
		t.Fatalf("got %d spans", len(spans))
	}
	for i, s := range spans {
		if s.OfficialFrom != "2011-01-01" {
			t.Errorf("span %d official_from = %s, want 2011-01-01", i, s.OfficialFrom)
		}
	}
	if spans[2].ValidTo != Forever {
		t.Errorf("last span must stay open, ends %s", spans[2].ValidTo)
	}
}

func TestBuildSpansRecognitionAfterTransfer(t *testing.T) {
	// Probationary through the first org; recognized in the second.
	spans, err := BuildSpans(1, []MemberEvent{
		ev(1, EventAdmitted, "2010-01-01", 10),
		ev(2, EventTransferred, "2010-06-01", 20),
		ev(3, EventRecognized, "2011-01-01", 0),
	})
	if err != nil {
		t.Fatal(err)
	}
	if spans[0].OfficialFrom != Forever {
		t.Errorf("first span official_from = %s, want Forever (probationary while there)", spans[0].OfficialFrom)
	}
	if spans[1].OfficialFrom != "2011-01-01" {
		t.Errorf("second span official_from = %s", spans[1].OfficialFrom)
	}
	if got, _ := StatusAt(spans, nil, "2010-12-31"); got != StatusProbationary {
		t.Errorf("status before recognition = %q", got)
	}
	if got, org := StatusAt(spans, nil, "2011-01-01"); got != StatusOfficial || org != 20 {
		t.Errorf("status on recognition = %q in %d", got, org)
	}
}

func TestBuildSpansLateRecognitionLandsRight(t *testing.T) {
	// The recognition was recorded after the transfer (higher id) but is dated before it.
	events := []MemberEvent{
		ev(1, EventAdmitted, "2010-01-01", 10),
		ev(2, EventTransferred, "2011-06-01", 20),
		ev(3, EventRecognized, "2011-01-01", 0),
	}
	spans, err := BuildSpans(1, events)
	if err != nil {
		t.Fatal(err)
	}
	if len(spans) != 2 {
		t.Fatalf("got %d spans", len(spans))
	}
	for i, s := range spans {
		if s.OfficialFrom != "2011-01-01" {
			t.Errorf("span %d official_from = %s, want 2011-01-01", i, s.OfficialFrom)
		}
	}
	if got, org := StatusAt(spans, events, "2011-03-01"); got != StatusOfficial || org != 10 {
		t.Errorf("2011-03-01: %q in %d, want official in 10", got, org)
	}
	if got, _ := StatusAt(spans, events, "2010-12-31"); got != StatusProbationary {
		t.Errorf("2010-12-31: %q, want probationary", got)
	}
	// The input slice is not reordered.
	if events[2].Kind != EventRecognized {
		t.Error("BuildSpans reordered its input")
	}
}

func TestBuildSpansRejectsImpossibleSequences(t *testing.T) {
	tests := []struct {
		name   string
		events []MemberEvent
	}{
		{"transfer before admission", []MemberEvent{ev(1, EventTransferred, "2009-01-01", 20), ev(2, EventAdmitted, "2010-01-01", 10)}},
		{"second admission while active", []MemberEvent{ev(1, EventAdmitted, "2010-01-01", 10), ev(2, EventAdmitted, "2012-01-01", 20)}},
		{"readmission while active", []MemberEvent{ev(1, EventAdmitted, "2010-01-01", 10), ev(2, EventReadmitted, "2012-01-01", 20)}},
		{"restore without exit", []MemberEvent{ev(1, EventAdmitted, "2010-01-01", 10), ev(2, EventRestored, "2012-01-01", 10)}},
		{"restore of someone never admitted", []MemberEvent{ev(1, EventRestored, "2012-01-01", 10)}},
		{"admission after exit (must be readmission)", []MemberEvent{ev(1, EventAdmitted, "2010-01-01", 10), ev(2, EventRemoved, "2012-01-01", 0), ev(3, EventAdmitted, "2013-01-01", 10)}},
		{"recognition before admission", []MemberEvent{ev(1, EventRecognized, "2009-01-01", 0), ev(2, EventAdmitted, "2010-01-01", 10)}},
		{"second recognition", []MemberEvent{ev(1, EventAdmitted, "2010-01-01", 10), ev(2, EventRecognized, "2011-01-01", 0), ev(3, EventRecognized, "2012-01-01", 0)}},
		{"exit twice", []MemberEvent{ev(1, EventAdmitted, "2010-01-01", 10), ev(2, EventDeceased, "2012-01-01", 0), ev(3, EventRemoved, "2013-01-01", 0)}},
		{"transfer after exit", []MemberEvent{ev(1, EventAdmitted, "2010-01-01", 10), ev(2, EventWithdrawn, "2012-01-01", 0), ev(3, EventTransferred, "2013-01-01", 20)}},
		{"exemption ended while active", []MemberEvent{ev(1, EventAdmitted, "2010-01-01", 10), ev(2, EventExemptionEnded, "2012-01-01", 0)}},
		{"exempted twice", []MemberEvent{ev(1, EventAdmitted, "2010-01-01", 10), ev(2, EventExempted, "2012-01-01", 0), ev(3, EventExempted, "2013-01-01", 0)}},
		{"admission without org", []MemberEvent{ev(1, EventAdmitted, "2010-01-01", 0)}},
		{"transfer without org", []MemberEvent{ev(1, EventAdmitted, "2010-01-01", 10), ev(2, EventTransferred, "2012-01-01", 0)}},
		{"unknown kind", []MemberEvent{ev(1, EventAdmitted, "2010-01-01", 10), ev(2, "promoted", "2012-01-01", 0)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spans, err := BuildSpans(1, tc.events)
			if err == nil {
				t.Fatalf("accepted: %v", spans)
			}
			if ErrorCode(err) != EINVALID {
				t.Errorf("code %q, want %q", ErrorCode(err), EINVALID)
			}
		})
	}
}

func TestBuildSpansReadmissionAndRestore(t *testing.T) {
	spans, err := BuildSpans(1, []MemberEvent{
		ev(1, EventAdmitted, "2000-01-01", 10),
		ev(2, EventRecognized, "2001-01-01", 0),
		ev(3, EventRemoved, "2005-01-01", 0),
		ev(4, EventRestored, "2006-01-01", 0), // back to the last org, party age continuous
		ev(5, EventExpelled, "2010-01-01", 0),
		ev(6, EventReadmitted, "2015-01-01", 30), // a new probation
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(spans) != 3 {
		t.Fatalf("got %d spans", len(spans))
	}
	if spans[1].OrgID != 10 || spans[1].OfficialFrom != "2001-01-01" {
		t.Errorf("restored span = %s, want org 10 official from 2001-01-01", spanString(spans[1]))
	}
	if spans[2].OrgID != 30 || spans[2].OfficialFrom != Forever {
		t.Errorf("readmitted span = %s, want org 30 probationary", spanString(spans[2]))
	}
	checks := []struct {
		d      Date
		status string
		org    int64
	}{
		{"2005-06-01", StatusRemoved, 10},
		{"2007-01-01", StatusOfficial, 10},
		{"2012-01-01", StatusExpelled, 10},
		{"2015-01-01", StatusProbationary, 30},
	}
	for _, c := range checks {
		if s, o := StatusAt(spans, nil, c.d); s != c.status || o != c.org {
			t.Errorf("%s: %q in %d, want %q in %d", c.d, s, o, c.status, c.org)
		}
	}
}

func TestStatusAtBoundaries(t *testing.T) {
	events := []MemberEvent{
		ev(1, EventAdmitted, "2000-03-01", 10),
		ev(2, EventRecognized, "2001-03-01", 0),
		ev(3, EventTransferred, "2005-06-15", 20),
		ev(4, EventExempted, "2020-01-01", 0),
		ev(5, EventExemptionEnded, "2021-01-01", 0),
		ev(6, EventDeceased, "2023-08-08", 0),
	}
	spans, err := BuildSpans(1, events)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		d      Date
		status string
		org    int64
	}{
		{"2000-02-29", StatusNone, 0},
		{"2000-03-01", StatusProbationary, 10},
		{"2001-02-28", StatusProbationary, 10},
		{"2001-03-01", StatusOfficial, 10},
		{"2005-06-14", StatusOfficial, 10},
		{"2005-06-15", StatusOfficial, 20}, // valid_to of the first span is outside it
		{"2019-12-31", StatusOfficial, 20},
		{"2020-01-01", StatusExempt, 20},
		{"2020-12-31", StatusExempt, 20},
		{"2021-01-01", StatusOfficial, 20},
		{"2023-08-07", StatusOfficial, 20},
		{"2023-08-08", StatusDeceased, 20},
		{"2030-01-01", StatusDeceased, 20},
	}
	for _, tc := range tests {
		s, o := StatusAt(spans, events, tc.d)
		if s != tc.status || o != tc.org {
			t.Errorf("StatusAt(%s) = %q in %d, want %q in %d", tc.d, s, o, tc.status, tc.org)
		}
	}
	for _, sp := range spans {
		if sp.Contains(sp.ValidTo) {
			t.Errorf("span %s contains its own valid_to", spanString(sp))
		}
		if !sp.Contains(sp.ValidFrom) {
			t.Errorf("span %s does not contain its valid_from", spanString(sp))
		}
	}
}

// A member who dies on the day of a transfer (or of an exemption) must read as deceased
// afterwards, not as someone who was never a member.
func TestBuildSpansExitOnTheDayOfAnotherEvent(t *testing.T) {
	for _, second := range []string{EventTransferred, EventExempted} {
		t.Run(second, func(t *testing.T) {
			spans, err := BuildSpans(1, []MemberEvent{
				ev(1, EventAdmitted, "2000-01-01", 10),
				ev(2, EventRecognized, "2001-01-01", 0),
				ev(3, second, "2010-05-05", 20),
				ev(4, EventDeceased, "2010-05-05", 0),
			})
			if err != nil {
				t.Fatal(err)
			}
			if s, _ := StatusAt(spans, nil, "2011-01-01"); s != StatusDeceased {
				t.Errorf("BUG: %s and death on the same day: StatusAt after = %q, want %q; "+
					"BuildSpans drops the empty span that carries EndKind (timeline.go closeAt), losing the exit", second, s, StatusDeceased)
			}
		})
	}
}

// TestBuildSpansRandomSequences builds random histories from operations valid at each step and
// checks that after every step the member is in exactly one place: one open span, or exited.
func TestBuildSpansRandomSequences(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 2000; iter++ {
		var events []MemberEvent
		d := Date("1990-01-01")
		state := "none" // none, active, exempt, exited
		recognized := false
		everAdmitted := false
		for step := 0; step < 12; step++ {
			d = d.AddDays(1 + r.IntN(400))
			org := int64(1 + r.IntN(5))
			var choices []string
			switch state {
			case "none":
				choices = []string{EventAdmitted}
			case "active":
				choices = []string{EventTransferred, EventReassigned, EventExempted, EventRemoved, EventWithdrawn, EventExpelled, EventDeceased}
				if !recognized {
					choices = append(choices, EventRecognized, EventRecognized)
				}
			case "exempt":
				choices = []string{EventExemptionEnded, EventTransferred, EventDeceased}
				if !recognized {
					choices = append(choices, EventRecognized)
				}
			case "exited":
				choices = []string{EventReadmitted, EventRestored}
			}
			kind := choices[r.IntN(len(choices))]
			e := MemberEvent{ID: int64(len(events) + 1), MemberID: 7, Kind: kind, Date: d}
			switch kind {
			case EventAdmitted, EventReadmitted, EventTransferred, EventReassigned:
				e.OrgID = org
			case EventRestored:
				if r.IntN(2) == 0 {
					e.OrgID = org
				}
			}
			// Sometimes record the event late: it keeps its date but takes a later id.
			events = append(events, e)
			switch kind {
			case EventAdmitted, EventReadmitted:
				state, recognized, everAdmitted = "active", false, true
			case EventRestored:
				state = "active"
			case EventRecognized:
				recognized = true
			case EventExempted:
				state = "exempt"
			case EventExemptionEnded:
				state = "active"
			case EventRemoved, EventWithdrawn, EventExpelled, EventDeceased:
				state = "exited"
			}
			shuffled := append([]MemberEvent(nil), events...)
			r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			var spans []Span
			var err error
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("iteration %d: BuildSpans panicked on %v: %v", iter, events, p)
					}
				}()
				spans, err = BuildSpans(7, shuffled)
			}()
			if err != nil {
				t.Fatalf("iteration %d step %d: valid sequence rejected: %v\n%v", iter, step, err, events)
			}
			open := 0
			for i, s := range spans {
				if s.ValidFrom >= s.ValidTo {
					t.Fatalf("iteration %d: empty or reversed span %s", iter, spanString(s))
				}
				if s.MemberID != 7 {
					t.Fatalf("span of member %d", s.MemberID)
				}
				if s.ValidTo == Forever {
					open++
				}
				if i > 0 && spans[i-1].ValidTo > s.ValidFrom {
					t.Fatalf("iteration %d: overlapping spans %s and %s", iter, spanString(spans[i-1]), spanString(s))
				}
			}
			wantOpen := 0
			if state == "active" || state == "exempt" {
				wantOpen = 1
			}
			if open != wantOpen {
				t.Fatalf("iteration %d step %d (%s): %d open spans, want %d\n%v", iter, step, state, open, wantOpen, events)
			}
			// On the day after the last event the member is in exactly one place.
			st, org := StatusAt(spans, events, d)
			switch state {
			case "active", "exempt":
				if st != StatusProbationary && st != StatusOfficial && st != StatusExempt || org == 0 {
					t.Fatalf("iteration %d: on %s status %q org %d, want placed", iter, d, st, org)
				}
				if (state == "exempt") != (st == StatusExempt) {
					t.Fatalf("iteration %d: state %s but status %q", iter, state, st)
				}
				if state == "active" && recognized != (st == StatusOfficial) {
					t.Fatalf("iteration %d: recognized=%v but status %q on %s\n%v", iter, recognized, st, d, events)
				}
			case "exited":
				if !IsExit(st) || st != events[len(events)-1].Kind {
					t.Fatalf("iteration %d: exited with %s but status %q", iter, events[len(events)-1].Kind, st)
				}
			}
			_ = everAdmitted
		}
	}
}

// Random garbage never panics: it is either accepted or refused with EINVALID.
func TestBuildSpansNeverPanics(t *testing.T) {
	kinds := []string{EventAdmitted, EventRecognized, EventTransferred, EventReassigned, EventExempted, EventExemptionEnded,
		EventRemoved, EventWithdrawn, EventExpelled, EventDeceased, EventReadmitted, EventRestored, "bogus"}
	r := rand.New(rand.NewPCG(3, 4))
	for iter := 0; iter < 5000; iter++ {
		n := r.IntN(10)
		var events []MemberEvent
		for i := 0; i < n; i++ {
			events = append(events, MemberEvent{ID: int64(r.IntN(5)), Kind: kinds[r.IntN(len(kinds))],
				Date: Date("2000-01-01").AddDays(r.IntN(20)), OrgID: int64(r.IntN(3))})
		}
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("BuildSpans panicked on %v: %v", events, p)
				}
			}()
			spans, err := BuildSpans(1, events)
			if err != nil && ErrorCode(err) != EINVALID {
				t.Fatalf("error code %q", ErrorCode(err))
			}
			open := 0
			for _, s := range spans {
				if s.ValidTo == Forever {
					open++
				}
			}
			if open > 1 {
				t.Fatalf("%d open spans for %v", open, events)
			}
			StatusAt(spans, events, "2000-01-10")
		}()
	}
}

// TestTransferInTwoSteps: between the slip and its receipt a member is in transit — placed in
// no org's count — and arrives in the state (active or exempt) they left in.
func TestTransferInTwoSteps(t *testing.T) {
	ev := []MemberEvent{
		{ID: 1, Kind: EventAdmitted, Date: "2010-01-10", OrgID: 1},
		{ID: 2, Kind: EventRecognized, Date: "2011-01-10"},
		{ID: 3, Kind: EventExempted, Date: "2020-01-01"},
		{ID: 4, Kind: EventTransferOut, Date: "2024-03-01", OrgID: 2},
		{ID: 5, Kind: EventTransferIn, Date: "2024-03-20", OrgID: 2},
	}
	spans, err := BuildSpans(7, ev)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		d      Date
		status string
		org    int64
	}{
		{"2024-02-29", StatusExempt, 1},
		{"2024-03-01", StatusInTransit, 2},
		{"2024-03-19", StatusInTransit, 2},
		{"2024-03-20", StatusExempt, 2},
	} {
		if st, org := StatusAt(spans, ev, c.d); st != c.status || org != c.org {
			t.Errorf("on %s: %s in %d, want %s in %d", c.d, st, org, c.status, c.org)
		}
	}
	for _, bad := range [][]MemberEvent{
		{{ID: 1, Kind: EventAdmitted, Date: "2010-01-10", OrgID: 1}, {ID: 2, Kind: EventTransferIn, Date: "2011-01-01", OrgID: 2}},
		{{ID: 1, Kind: EventAdmitted, Date: "2010-01-10", OrgID: 1}, {ID: 2, Kind: EventTransferOut, Date: "2011-01-01", OrgID: 2},
			{ID: 3, Kind: EventTransferOut, Date: "2011-02-01", OrgID: 3}},
		{{ID: 1, Kind: EventAdmitted, Date: "2010-01-10", OrgID: 1}, {ID: 2, Kind: EventTransferOut, Date: "2011-01-01", OrgID: 2},
			{ID: 3, Kind: EventExempted, Date: "2011-02-01"}},
		{{ID: 1, Kind: EventAdmitted, Date: "2010-01-10", OrgID: 1}, {ID: 2, Kind: EventTransferOut, Date: "2011-01-01"}},
	} {
		if _, err := BuildSpans(7, bad); err == nil {
			t.Errorf("accepted %v", bad)
		}
	}
}
