package rules

import (
	"errors"
	"os"
	"strings"
	"testing"

	"tochuc"
)

func TestAtVersions(t *testing.T) {
	for _, c := range []struct {
		id, date, basis string // basis "" = no version
	}{
		{"admission.age", "2021-07-29", ""},
		{"admission.age", "2021-07-30", "QĐ 24-QĐ/TW, điểm 1.1"},
		{"admission.age", "2024-06-01", "QĐ 24-QĐ/TW, điểm 1.1"},
		{"admission.age", "2025-01-19", "QĐ 24-QĐ/TW, điểm 1.1"},
		{"admission.age", "2025-01-20", "QĐ 232-QĐ/TW, điểm 1.1"},
		{"admission.age", "2025-06-30", "QĐ 232-QĐ/TW, điểm 1.1"},
		{"admission.age", "2025-07-01", "QĐ 294-QĐ/TW, điểm 1.1"},
		{"admission.age", "2030-01-01", "QĐ 294-QĐ/TW, điểm 1.1"},
		{"admission.age_over60", "2025-06-08", "QĐ 232-QĐ/TW, điểm 1.1; HD 01-HD/TW (28/9/2021)"},
		{"admission.age_over60", "2025-06-09", "QĐ 232-QĐ/TW, điểm 1.1; HD 06-HD/TW"},
		{"withdrawal.no_violation", "2020-01-01", "HD 01-HD/TW (20/9/2016), điểm 11.2"},
		{"withdrawal.no_violation", "2025-06-09", "HD 06-HD/TW"},
		{"admission.cell_vote", "2015-05-05", "Điều lệ Đảng, Điều 4 khoản 3"},
		{"admission.age", "2025-02-30", ""},
		{"admission.age", "", ""},
		{"no.such.rule", "2025-01-01", ""},
	} {
		r, ok := At(c.id, c.date)
		if ok != (c.basis != "") || r.Basis != c.basis {
			t.Errorf("At(%q, %q) = %q, %v; want %q", c.id, c.date, r.Basis, ok, c.basis)
		}
		if ok && (r.ID != c.id || !r.InForce(c.date)) {
			t.Errorf("At(%q, %q) returned %+v", c.id, c.date, r)
		}
	}
}

// Every rule is complete, its versions follow one another without gaps or
// overlaps, an Unverified rule is configurable, and doc.go lists it.
func TestRegistry(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	all := All()
	if len(all) < 30 {
		t.Fatalf("only %d rule versions", len(all))
	}
	prev := Rule{}
	for _, r := range all {
		if r.ID == "" || r.Title == "" || r.Basis == "" || r.From == "" || !strings.HasPrefix(r.Source, "http") {
			t.Errorf("incomplete rule %+v", r)
		}
		if r.Unverified && !r.Configurable {
			t.Errorf("%s: unverified but not configurable", r.ID)
		}
		if !strings.Contains(string(doc), "//\t"+r.ID+" ") {
			t.Errorf("%s: missing from the table in doc.go", r.ID)
		}
		if r.ID == prev.ID && prev.To != r.From {
			t.Errorf("%s: version %s–%s followed by %s–%s", r.ID, prev.From, prev.To, r.From, r.To)
		}
		if r.ID != prev.ID && prev.ID != "" && prev.To != "" {
			t.Errorf("%s: last version ends on %s", prev.ID, prev.To)
		}
		prev = r
	}
	// The 2025 texts changed the basis, not the numbers: three versions.
	n := 0
	for _, r := range all {
		if r.ID == "admission.decision_deadline" {
			n++
			if r.Param("working_days") != 60 || r.Param("extension") != 30 {
				t.Errorf("%s %s: %v", r.ID, r.From, r.Params)
			}
		}
	}
	if n != 3 {
		t.Errorf("admission.decision_deadline has %d versions, want 3", n)
	}
}

func TestRefuse(t *testing.T) {
	r, _ := At("admission.education", "2026-03-01")
	err := r.Refuse("")
	if err.Code != tochuc.EINVALID || err.Subject != "admission.education" ||
		err.Message != r.Title+" — QĐ 294-QĐ/TW, điểm 1.2" {
		t.Errorf("Refuse = %+v", err)
	}
	var e *tochuc.Error
	if !errors.As(error(r.Refuse("Thiếu %d", 2)), &e) || e.Message != "Thiếu 2 — QĐ 294-QĐ/TW, điểm 1.2" {
		t.Errorf("Refuse(format) = %v", e)
	}
}

// Callers cannot change the registry through what At and All return.
func TestImmutable(t *testing.T) {
	r, _ := At("admission.age", "2025-08-01")
	r.Params["min_months"] = 1
	for _, a := range All() {
		a.Params["min_months"] = 1
	}
	if r2, _ := At("admission.age", "2025-08-01"); r2.Param("min_months") != 216 {
		t.Errorf("registry changed: %v", r2.Params)
	}
}

func TestOverrides(t *testing.T) {
	s, err := WithOverrides(Overrides{"admission.awareness_certificate": {"valid_months": 24}, "card.check": {"months": 36}})
	if err != nil {
		t.Fatal(err)
	}
	for _, date := range []string{"2020-01-01", "2026-01-01"} {
		if r, _ := s.At("admission.awareness_certificate", date); r.Param("valid_months") != 24 {
			t.Errorf("override not applied on %s: %v", date, r.Params)
		}
	}
	if r, _ := At("admission.awareness_certificate", "2026-01-01"); r.Param("valid_months") != 60 {
		t.Errorf("override leaked into the default set: %v", r.Params)
	}
	if got := s.CertificateExpires("2024-03-10"); got != "2026-03-10" {
		t.Errorf("CertificateExpires with override = %q", got)
	}
	for _, c := range []struct {
		o       Overrides
		subject string
		in      string
	}{
		{Overrides{"admission.age": {"min_months": 200}}, "admission.age", "không được thay đổi"},
		{Overrides{"admission.decision_deadline": {"working_days": 90}}, "admission.decision_deadline", "QĐ 294-QĐ/TW"},
		{Overrides{"no.such": {"x": 1}}, "no.such", "không có quy định"},
		{Overrides{"card.check": {"weeks": 3}}, "card.check", "không có tham số"},
		{Overrides{"card.check": {"months": -1}}, "card.check", "không được âm"},
	} {
		_, err := WithOverrides(c.o)
		var e *tochuc.Error
		if !errors.As(err, &e) || e.Subject != c.subject || e.Code != tochuc.EINVALID || !strings.Contains(e.Message, c.in) {
			t.Errorf("WithOverrides(%v) = %v, want an error on %s containing %q", c.o, err, c.subject, c.in)
		}
	}
}
