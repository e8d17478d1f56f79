package rules

import (
	"errors"
	"strings"
	"testing"

	"tochuc"
)

func TestAgeInMonths(t *testing.T) {
	for _, c := range []struct {
		birth, on string
		months    int
		ok        bool
	}{
		{"2007-01-16", "2025-01-16", 216, true}, // 18 years 0 months
		{"2007-01-16", "2025-01-15", 215, true}, // 17 years 11 months
		{"2007-01-31", "2025-01-31", 216, true},
		{"2007-01-31", "2007-04-30", 2, true},   // 30/4 does not complete a month begun on the 31st
		{"2007-01-31", "2007-05-01", 3, true},   // …1/5 does
		{"2008-02-29", "2026-02-28", 215, true}, // born on 29/2: not yet 18 on 28/2…
		{"2008-02-29", "2026-03-01", 216, true}, // …but on 1/3
		{"2007", "2025-12-30", 215, true},       // a year counts from 31/12
		{"2007", "2025-12-31", 216, true},
		{"2007-02", "2025-02-27", 215, true}, // a month counts from its last day
		{"2007-02", "2025-02-28", 216, true},
		{"2007-01-16", "2007-01-16", 0, true},
		{"2007-01-16", "2007-01-15", 0, false}, // before birth
		{"", "2025-01-01", 0, false},
		{"16/01/2007", "2025-01-01", 0, false}, // storage form only
		{"2007-01-16", "2025-13-01", 0, false},
	} {
		m, ok := AgeInMonths(c.birth, c.on)
		if m != c.months || ok != c.ok {
			t.Errorf("AgeInMonths(%q, %q) = %d, %v; want %d, %v", c.birth, c.on, m, ok, c.months, c.ok)
		}
	}
}

func TestCheckAdmissionAge(t *testing.T) {
	for _, c := range []struct {
		birth, vote string
		consent     bool
		rule        string // "" = admitted; else the rule refusing
	}{
		{"2007-01-16", "2025-01-16", false, ""},              // 18 years 0 months
		{"2007-01-16", "2025-01-15", false, "admission.age"}, // 17 years 11 months
		{"2007", "2025-12-31", false, ""},
		{"2007", "2025-12-30", false, "admission.age"},
		{"2007-03", "2025-03-31", false, ""},
		{"2007-03", "2025-03-30", false, "admission.age"},
		{"2030-01-01", "2025-03-30", false, "admission.age"}, // not born yet
		{"1965-01-15", "2025-01-15", false, ""},              // 60 years 0 months: still "đủ 60"
		{"1965-01-15", "2025-02-14", false, ""},              // 60 years 0 months
		{"1965-01-15", "2025-02-15", false, "admission.age_over60"},
		{"1965-01-15", "2025-02-15", true, ""},
		{"1965", "2025-01-31", false, ""}, // from 1/1/1965: 60 years 0 months
		{"1965", "2025-02-01", false, "admission.age_over60"},
		{"1940-05-05", "2025-02-01", true, ""},
	} {
		err := CheckAdmissionAge(nil, c.birth, c.vote, c.consent)
		var e *tochuc.Error
		switch {
		case c.rule == "" && err != nil:
			t.Errorf("CheckAdmissionAge(%q, %q, %v) = %v, want nil", c.birth, c.vote, c.consent, err)
		case c.rule != "" && (!errors.As(err, &e) || e.Subject != c.rule || e.Code != tochuc.EINVALID):
			t.Errorf("CheckAdmissionAge(%q, %q, %v) = %v, want a refusal by %s", c.birth, c.vote, c.consent, err, c.rule)
		}
	}
	if err := CheckAdmissionAge(nil, "x", "2025-01-01", false); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("bad birth date: %v", err)
	}
	if err := CheckAdmissionAge(nil, "2000-01-01", "2020-01-01", false); err == nil || !strings.Contains(err.Error(), "chưa có quy định") {
		t.Errorf("a vote before the first encoded text: %v", err)
	}
}

// A decision of 2024 is judged by the 2024 text and one of 2026 by the
// 2026 text: the same refusal names a different basis.
func TestRefusalNamesTextInForce(t *testing.T) {
	e2024 := CheckAdmissionAge(nil, "2006-09-01", "2024-06-01", false)
	e2026 := CheckAdmissionAge(nil, "2008-09-01", "2026-06-01", false)
	if e2024 == nil || e2026 == nil {
		t.Fatalf("17-year-olds admitted: %v, %v", e2024, e2026)
	}
	const stmt = "Người vào Đảng phải đủ 18 tuổi (tính theo tháng) tại thời điểm chi bộ xét kết nạp"
	for _, c := range []struct {
		err   error
		basis string
	}{{e2024, " — QĐ 24-QĐ/TW, điểm 1.1"}, {e2026, " — QĐ 294-QĐ/TW, điểm 1.1"}} {
		msg := tochuc.ErrorMessage(c.err)
		if !strings.HasPrefix(msg, stmt) || !strings.HasSuffix(msg, c.basis) {
			t.Errorf("refusal %q: want %q … %q", msg, stmt, c.basis)
		}
	}
	if tochuc.ErrorMessage(e2024) == tochuc.ErrorMessage(e2026) {
		t.Error("the 2024 and 2026 refusals do not differ")
	}
	want := "Người vào Đảng phải đủ 18 tuổi (tính theo tháng) tại thời điểm chi bộ xét kết nạp: sinh 01/09/2008, ngày chi bộ xét 01/06/2026 mới 17 tuổi 9 tháng — QĐ 294-QĐ/TW, điểm 1.1"
	if got := tochuc.ErrorMessage(e2026); got != want {
		t.Errorf("refusal = %q\nwant      %q", got, want)
	}
	// The same holds for every QĐ-based rule, e.g. a late admission decision.
	r24, _ := At("admission.decision_deadline", "2024-05-02")
	r26, _ := At("admission.decision_deadline", "2026-05-04")
	if !strings.HasSuffix(r24.Refuse("").Message, "QĐ 24-QĐ/TW, điểm 4.3.1") || !strings.HasSuffix(r26.Refuse("").Message, "QĐ 294-QĐ/TW, điểm 4.3.1") {
		t.Errorf("decision deadline bases: %q, %q", r24.Basis, r26.Basis)
	}
}

func TestAddMonths(t *testing.T) {
	for _, c := range []struct {
		date string
		n    int
		want string
	}{
		{"2024-03-15", 12, "2025-03-15"},
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2025-01-31", 1, "2025-02-28"},
		{"2024-12-15", 2, "2025-02-15"},
		{"2025-03-31", -1, "2025-02-28"},
		{"2020-03-10", 60, "2025-03-10"},
		{"bad", 1, ""},
	} {
		if got := AddMonths(c.date, c.n); got != c.want {
			t.Errorf("AddMonths(%q, %d) = %q, want %q", c.date, c.n, got, c.want)
		}
	}
}
