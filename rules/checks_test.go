package rules

import (
	"errors"
	"testing"

	"tochuc"
)

// refusedBy returns the rule ID of a refusal, "" for nil.
func refusedBy(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *tochuc.Error
	if !errors.As(err, &e) || e.Code != tochuc.EINVALID {
		t.Fatalf("not a refusal: %v", err)
	}
	return e.Subject
}

func TestVotePasses(t *testing.T) {
	for _, c := range []struct {
		yes, total int
		pass       bool
	}{
		{6, 9, true}, {5, 9, false}, // 9 official members: 6 pass, 5 fail
		{2, 3, true}, {1, 3, false}, {3, 3, true},
		{1, 2, false}, {2, 2, true},
		{7, 10, true}, {6, 10, false},
		{0, 0, false}, {1, 0, false}, {-1, 3, false}, {4, 3, false},
	} {
		if got := VotePasses(c.yes, c.total); got != c.pass {
			t.Errorf("VotePasses(%d, %d) = %v", c.yes, c.total, got)
		}
		for _, id := range []string{"admission.cell_vote", "admission.committee_vote", "probation.vote", "removal.vote"} {
			err := CheckVote(nil, id, "2026-03-01", c.yes, c.total)
			if (err == nil) != c.pass || (err != nil && refusedBy(t, err) != id) {
				t.Errorf("CheckVote(%s, %d/%d) = %v", id, c.yes, c.total, err)
			}
		}
	}
}

func TestNeedsEscalation(t *testing.T) {
	if NeedsEscalation(nil, "2026-01-05", 2) || !NeedsEscalation(nil, "2026-01-05", 3) || NeedsEscalation(nil, "2019-01-05", 3) {
		t.Error("escalation after the 3rd vote without two thirds, under a text in force")
	}
}

func TestCheckIntroducers(t *testing.T) {
	ok12 := Introducer{Official: true, MonthsTogether: 12}
	for _, c := range []struct {
		name              string
		youth, resolution bool
		intro             []Introducer
		refused           bool
	}{
		{"two official, 12 months", false, false, []Introducer{ok12, ok12}, false},
		{"one only", false, false, []Introducer{ok12}, true},
		{"11 months", false, false, []Introducer{ok12, {Official: true, MonthsTogether: 11}}, true},
		{"probationary introducer", false, false, []Introducer{ok12, {MonthsTogether: 24}}, true},
		{"youth union: one + resolution", true, true, []Introducer{ok12}, false},
		{"youth union without resolution", true, false, []Introducer{ok12, ok12}, true},
		{"youth union, nobody", true, true, nil, true},
	} {
		err := CheckIntroducers(nil, "2025-09-10", c.youth, c.resolution, c.intro)
		if got := refusedBy(t, err); (got != "") != c.refused || (c.refused && got != "admission.introducers") {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestCheckEducation(t *testing.T) {
	if CheckEducation(nil, "2025-09-10", true, false) != nil || CheckEducation(nil, "2025-09-10", false, true) != nil {
		t.Error("diploma or exception must pass")
	}
	if refusedBy(t, CheckEducation(nil, "2025-09-10", false, false)) != "admission.education" {
		t.Error("no diploma, no exception must be refused")
	}
}

func TestCheckCertificate(t *testing.T) {
	for _, c := range []struct {
		issued, vote string
		valid        bool
	}{
		{"2020-03-10", "2025-03-09", true},
		{"2020-03-10", "2025-03-10", false}, // 60 months: the anniversary is the first invalid day
		{"2024-06-01", "2024-06-01", true},
		{"2024-06-02", "2024-06-01", false}, // issued after the vote
		{"bad", "2024-06-01", false},
	} {
		err := CheckCertificate(nil, c.issued, c.vote)
		if (err == nil) != c.valid {
			t.Errorf("CheckCertificate(%s, %s) = %v", c.issued, c.vote, err)
		}
	}
	if got := Default().CertificateExpires("2020-03-10"); got != "2025-03-10" {
		t.Errorf("CertificateExpires = %s", got)
	}
	var nilSet *Set
	if got := nilSet.CertificateExpires("2016-01-01"); got != "" {
		t.Errorf("no text before 2017: %s", got)
	}
}

func TestCard(t *testing.T) {
	if CheckCard(nil, "2025-09-01", true) != nil || refusedBy(t, CheckCard(nil, "2025-09-01", false)) != "card.official_only" {
		t.Error("cards only for official members")
	}
	if CardCheckDue(nil, "2021-05-10", "2026-05-09") || !CardCheckDue(nil, "2021-05-10", "2026-05-10") {
		t.Error("card check due after 60 months")
	}
}

func TestRemovalDue(t *testing.T) {
	if RemovalDue(nil, "2025-12-01", 2) || !RemovalDue(nil, "2025-12-01", 3) {
		t.Error("removal ground after 3 months without meetings or dues")
	}
}

func TestCheckWithdrawal(t *testing.T) {
	if CheckWithdrawal(nil, "2025-10-01", false) != nil {
		t.Error("withdrawal without violations refused")
	}
	err := CheckWithdrawal(nil, "2025-10-01", true)
	if refusedBy(t, err) != "withdrawal.no_violation" || tochuc.ErrorMessage(err)[len(tochuc.ErrorMessage(err))-len("HD 06-HD/TW"):] != "HD 06-HD/TW" {
		t.Errorf("withdrawal with a violation: %v", err)
	}
	if msg := tochuc.ErrorMessage(CheckWithdrawal(nil, "2023-10-01", true)); msg[len(msg)-len("điểm 11.2"):] != "điểm 11.2" {
		t.Errorf("2023 withdrawal refusal: %q", msg)
	}
}

func TestCheckTemporaryTransfer(t *testing.T) {
	for _, c := range []struct {
		kind   TransferKind
		months int
		ok     bool
	}{
		{TempMove, 2, false}, {TempMove, 3, true}, {TempMove, 11, true}, {TempMove, 12, false},
		{TempStudy, 2, false}, {TempStudy, 3, true}, {TempStudy, 24, true}, {TempStudy, 25, false},
	} {
		err := CheckTemporaryTransfer(nil, "2026-01-05", c.kind, c.months)
		if (err == nil) != c.ok {
			t.Errorf("CheckTemporaryTransfer(%d, %d) = %v", c.kind, c.months, err)
		}
	}
}

func TestCheckReadmission(t *testing.T) {
	base := Readmission{LeftOn: "2022-01-10", ProvincialConsent: true}
	for _, c := range []struct {
		name string
		date string
		edit func(*Readmission)
		rule string
	}{
		{"36 months", "2025-01-10", nil, ""},
		{"35 months", "2025-01-09", nil, "readmission.wait"},
		{"no consent", "2025-06-01", func(r *Readmission) { r.ProvincialConsent = false }, "readmission.consent"},
		{"second time", "2025-06-01", func(r *Readmission) { r.TimesReadmitted = 1 }, "readmission.once"},
		{"dropped out", "2025-06-01", func(r *Readmission) { r.Reason = ExitDroppedOut }, "readmission.barred"},
		{"withdrew", "2025-06-01", func(r *Readmission) { r.Reason = ExitWithdrew }, "readmission.barred"},
		{"withdrew, family hardship", "2025-06-01", func(r *Readmission) { r.Reason = ExitWithdrew; r.FamilyHardship = true }, ""},
		{"corruption", "2025-06-01", func(r *Readmission) { r.Reason = ExitCorruption }, "readmission.barred"},
		{"serious crime", "2025-06-01", func(r *Readmission) { r.Reason = ExitSeriousCrime }, "readmission.barred"},
		{"disunity", "2025-06-01", func(r *Readmission) { r.Reason = ExitDisunity }, "readmission.barred"},
		{"59 months after expunging", "2026-12-31", func(r *Readmission) { r.ExpungedOn = "2022-01-31" }, "readmission.wait"},
		{"60 months after expunging", "2027-01-31", func(r *Readmission) { r.ExpungedOn = "2022-01-31" }, ""},
	} {
		r := base
		if c.edit != nil {
			c.edit(&r)
		}
		if got := refusedBy(t, CheckReadmission(nil, c.date, r)); got != c.rule {
			t.Errorf("%s: refused by %q, want %q", c.name, got, c.rule)
		}
	}
}

func TestCheckExemption(t *testing.T) {
	for _, c := range []struct {
		old       bool
		ill       int
		voluntary bool
		ok        bool
	}{
		{true, 0, true, true}, {false, 3, true, true}, {false, 2, true, false},
		{true, 0, false, false}, {false, 6, false, false},
	} {
		err := CheckExemption(nil, "2025-11-11", c.old, c.ill, c.voluntary)
		if (err == nil) != c.ok || (err != nil && refusedBy(t, err) != "exemption.conditions") {
			t.Errorf("CheckExemption(%v, %d, %v) = %v", c.old, c.ill, c.voluntary, err)
		}
	}
}
