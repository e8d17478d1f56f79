package rules

import (
	"testing"
	"time"

	"tochuc/vn"
)

func iso(s string) time.Time {
	t, err := vn.ParseISO(s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDeadlines(t *testing.T) {
	cal := vn.NewCalendar()
	for _, c := range []struct {
		name, got, want string
	}{
		// The 60th working day after 15/01/2025 crosses Tết (25/01–02/02) and
		// Giỗ Tổ (07/04): 17/04/2025, counted by hand in vn's tests.
		{"decision after 2025-01-15", DecisionDeadline(cal, "2025-01-15", false), "2025-04-17"},
		{"decision after 2025-01-15, extended", DecisionDeadline(cal, "2025-01-15", true), "2025-06-02"},
		// A resolution on Friday 24/01/2025, the last working day before Tết:
		// 45 working days 03/02–04/04, Giỗ Tổ 07/04 skipped, 14 more to 25/04,
		// and the 60th is the make-up Saturday 26/04/2025.
		{"decision after 2025-01-24", DecisionDeadline(cal, "2025-01-24", false), "2025-04-26"},
		// From Thursday 17/04/2025: 18/04, 21–25/04, Saturday 26/04, 28–29/04
		// (9), 30/04–04/05 off, then 5 weeks of 5 (10–29) and 02/06 is the 30th.
		{"ceremony after 2025-04-17", CeremonyDeadline(cal, "2025-04-17"), "2025-06-02"},
		{"decision bad date", DecisionDeadline(cal, "2025-02-30", false), ""},
		{"decision before QĐ 24", DecisionDeadline(cal, "2020-01-15", false), ""},
		{"probation end", ProbationEnd("2024-03-15"), "2025-03-15"},
		{"probation end 29/2", ProbationEnd("2024-02-29"), "2025-02-28"},
		{"official date", OfficialDate("2024-03-15"), "2025-03-15"},
		{"probation end bad", ProbationEnd("15/03/2024"), ""},
		// Ceremony 20/01/2024: probation ends Monday 20/01/2025; 4 working
		// days before Tết, then 03/02 … the 30th is 10/03/2025.
		{"review", ReviewDeadline(cal, "2024-01-20"), "2025-03-10"},
		{"review bad", ReviewDeadline(cal, "x"), ""},
		{"recognition", RecognitionDeadline(cal, "2026-02-10", false), "2026-03-31"},
		{"recognition extended", RecognitionDeadline(cal, "2026-02-10", true), "2026-05-15"},
		// From Monday 03/08/2026: 04–21/08 (14), Saturday 22/08 worked (15),
		// 24–28/08 (20), 29/08–02/09 off, 03–04/09 (22), then 7 weeks to 23/10
		// (57) and 26–28/10: the 60th is Wednesday 28/10/2026.
		{"transfer start", TransferStartDeadline(cal, "2026-08-03"), "2026-10-28"},
		// From Thursday 20/08/2026: 21/08, Saturday 22/08, 24–28/08 (7), 03–04/09
		// (9), 4 weeks to 02/10 (29), and 05/10 is the 30th working day.
		{"slip", SlipDeadline(cal, "2026-08-20"), "2026-10-05"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}

// The deadlines agree with counting working days directly on the calendar.
func TestDeadlinesMatchCalendar(t *testing.T) {
	cal := vn.NewCalendar(vn.Exception{Date: iso("2026-03-02"), Note: "nghỉ theo quyết định của tỉnh"})
	for _, c := range []struct {
		from string
		n    int
		got  string
	}{
		{"2026-02-10", 30, RecognitionDeadline(cal, "2026-02-10", false)},
		{"2026-02-10", 60, RecognitionDeadline(cal, "2026-02-10", true)},
		{"2026-02-10", 60, DecisionDeadline(cal, "2026-02-10", false)},
		{"2026-08-03", 60, TransferStartDeadline(cal, "2026-08-03")},
	} {
		if n := cal.WorkingDaysBetween(iso(c.from), iso(c.got)); n != c.n || !cal.IsWorkingDay(iso(c.got)) {
			t.Errorf("deadline %s after %s: %d working days, want %d", c.got, c.from, n, c.n)
		}
	}
	// The local day off on 02/03/2026 moves the deadline a day later.
	if a, b := RecognitionDeadline(cal, "2026-02-10", false), RecognitionDeadline(vn.NewCalendar(), "2026-02-10", false); a != "2026-04-01" || b != "2026-03-31" {
		t.Errorf("local exception: %s vs %s", a, b)
	}
}

func TestDeadlineErrors(t *testing.T) {
	cal := vn.NewCalendar()
	if _, err := Default().Deadline(cal, "admission.ceremony_deadline", "2025-03-03", true); err == nil {
		t.Error("the ceremony deadline has no extension")
	}
	if _, err := Default().Deadline(cal, "admission.age", "2025-03-03", false); err == nil {
		t.Error("admission.age is not a deadline")
	}
	if _, err := Default().Deadline(cal, "admission.decision_deadline", "2025-3-3", false); err == nil {
		t.Error("bad date accepted")
	}
}

func TestSlipDeadlineConfigurable(t *testing.T) {
	cal := vn.NewCalendar()
	// Built in: 30 working days (QĐ 24/294 điểm 6.3.1 as quoted); domain.md
	// says 30 days. From Wednesday 20/08/2025: 21–22/08, 25–29/08 (7),
	// 30/08–02/09 off, 03–05/09 (10), 4 weeks to 03/10/2025 (30).
	if got := SlipDeadline(cal, "2025-08-20"); got != "2025-10-03" {
		t.Errorf("SlipDeadline = %s", got)
	}
	s, err := WithOverrides(Overrides{"transfer.slip_deadline": {"days": 30}})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.SlipDeadline(cal, "2025-08-20"); got != "2025-10-03" {
		t.Errorf("SlipDeadline with days=30 = %s", got)
	}
	s, err = WithOverrides(Overrides{"transfer.slip_deadline": {"working": 0}})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.SlipDeadline(cal, "2025-08-20"); got != "2025-09-19" { // 30 calendar days
		t.Errorf("SlipDeadline in calendar days = %s", got)
	}
	s, err = WithOverrides(Overrides{"transfer.slip_deadline": {"days": 20}})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.SlipDeadline(cal, "2025-08-20"); got != "2025-09-19" {
		t.Errorf("SlipDeadline with days=20 = %s", got)
	}
}
