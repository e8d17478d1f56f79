package tochuc_test

import (
	"testing"

	"tochuc"
)

func TestPartyAge(t *testing.T) {
	ev := func(id int64, kind string, d tochuc.Date) tochuc.MemberEvent {
		return tochuc.MemberEvent{ID: id, Kind: kind, Date: d, OrgID: 1}
	}
	admitted := ev(1, tochuc.EventAdmitted, "2010-03-15")
	cases := []struct {
		name   string
		events []tochuc.MemberEvent
		on     tochuc.Date
		months int
		ok     bool
	}{
		{"before admission", []tochuc.MemberEvent{admitted}, "2010-03-14", 0, false},
		{"on the day", []tochuc.MemberEvent{admitted}, "2010-03-15", 0, true},
		{"a day short of a year", []tochuc.MemberEvent{admitted}, "2011-03-14", 11, true},
		{"a year", []tochuc.MemberEvent{admitted}, "2011-03-15", 12, true},
		{"transit and exemption count", []tochuc.MemberEvent{admitted, ev(2, tochuc.EventTransferOut, "2012-01-01"),
			ev(3, tochuc.EventTransferIn, "2012-06-01"), ev(4, tochuc.EventExempted, "2013-01-01")}, "2020-03-15", 120, true},
		{"stops at a final exit", []tochuc.MemberEvent{admitted, ev(2, tochuc.EventDeceased, "2015-03-15")}, "2020-03-15", 60, true},
		{"restored: continuous", []tochuc.MemberEvent{admitted, ev(2, tochuc.EventExpelled, "2012-03-15"),
			ev(3, tochuc.EventRestored, "2014-03-15")}, "2020-03-15", 120, true},
		{"re-admitted: the gap is subtracted, no restart", []tochuc.MemberEvent{admitted, ev(2, tochuc.EventRemoved, "2012-03-15"),
			ev(3, tochuc.EventReadmitted, "2016-03-15")}, "2020-03-15", 72, true},
		{"out of the Party now", []tochuc.MemberEvent{admitted, ev(2, tochuc.EventRemoved, "2012-03-15")}, "2013-01-01", 24, true},
	}
	for _, c := range cases {
		got, ok := tochuc.PartyAge(c.events, c.on)
		if got != c.months || ok != c.ok {
			t.Errorf("%s: %d months (%v), want %d (%v)", c.name, got, ok, c.months, c.ok)
		}
	}
	if n := tochuc.MonthsBetween("2024-01-31", "2024-02-29"); n != 1 {
		t.Errorf("31/1 → 29/2: %d months, want 1 (last day of a shorter month)", n)
	}
}
