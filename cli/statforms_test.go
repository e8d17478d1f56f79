package cli_test

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tochuc"
)

// TestReportFormCommands: the form list, a form as JSON on the standard output and as XLSX
// read back (the same figures), then a submission round opened, submitted, approved and its
// status, on a demo register.
func TestReportFormCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "f.db")
	if _, stderr, err := run(t, db, "demo", "--members", "1000"); err != nil {
		t.Fatalf("demo: %v\n%s", err, stderr)
	}
	out, _, err := run(t, db, "report", "form", "--list")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 4 || strings.Join(recs[0], ",") != "code,title,dates,verified" {
		t.Fatalf("list: %v\n%s", err, out)
	}
	var codes []string
	for _, r := range recs[1:] {
		codes = append(codes, r[0])
	}
	if !strings.Contains(strings.Join(codes, " "), "1-TCTW 3-TCTW 4-TCTW") || !strings.Contains(out, "3-TCTW,CHẤT LƯỢNG ĐỘI NGŨ ĐẢNG VIÊN,30/06 31/12,") {
		t.Errorf("list:\n%s", out)
	}

	// JSON on the standard output.
	out, _, err = run(t, db, "report", "form", "--form", "3-TCTW", "--org", "TW", "--as-of", "2025-12-31", "--out", "-")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Form    string                      `json:"form"`
		OrgCode string                      `json:"org_code"`
		Values  map[string]map[string]int64 `json:"values"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("json: %v\n%.300s", err, out)
	}
	total := v.Values["total"]["total"]
	if v.Form != "3-TCTW" || v.OrgCode != "TW" || total < 500 {
		t.Errorf("json: form %s org %s total %d", v.Form, v.OrgCode, total)
	}
	if _, ok := v.Values["title_professor"]["total"]; !ok {
		t.Error("json: no academic title row")
	}

	// XLSX written, then read back: the total row holds the same figure.
	file := filepath.Join(dir, "3-TCTW.xlsx")
	_, stderr, err := run(t, db, "report", "form", "--form", "3-TCTW", "--org", "TW", "--as-of", "2025-12-31", "--out", file)
	if err != nil || !strings.Contains(stderr, "đã lập biểu 3-TCTW của TW ngày 31/12/2025") {
		t.Fatalf("xlsx: %v\n%s", err, stderr)
	}
	x, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(x.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		for i, c := range r {
			if c == "Tổng số đảng viên" && i+1 < len(r) {
				n, _ := strconv.ParseInt(strings.ReplaceAll(r[i+1], ".", ""), 10, 64)
				found = n == total
				if !found {
					t.Errorf("xlsx total row %v, json total %d", r, total)
				}
			}
		}
	}
	if !found || !strings.Contains(strings.Join(rows[0], " ")+strings.Join(rows[1], " ")+strings.Join(rows[2], " "), "3-TCTW") {
		t.Errorf("xlsx without the total row or the form number: %v", rows[:3])
	}
	if _, _, err := run(t, db, "report", "form", "--form", "3-TCTW", "--org", "TW", "--as-of", "2025-12-31", "--out", filepath.Join(dir, "x.pdf")); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("pdf format: %v", err)
	}

	// A round: open for the direct units of TW, one submits, TW approves.
	out, stderr, err = run(t, db, "statround", "open", "--form", "1-TCTW", "--org", "TW", "--as-of", "2025-12-31", "--deadline", "2026-01-15")
	if err != nil {
		t.Fatalf("open: %v\n%s", err, stderr)
	}
	round := strings.TrimSpace(out)
	if _, err := strconv.Atoi(round); err != nil {
		t.Fatalf("open printed %q", out)
	}
	status := func() (summary string, units [][]string) {
		t.Helper()
		out, stderr, err := run(t, db, "statround", "status", "--round", round)
		if err != nil {
			t.Fatalf("status: %v\n%s", err, stderr)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(recs) < 2 || strings.Join(recs[0], ",") != "org_code,org_name,status,submitted_by,submitted_at,note" {
			t.Fatalf("status: %v\n%s", err, out)
		}
		return stderr, recs[1:]
	}
	summary, units := status()
	if !strings.Contains(summary, "0/"+strconv.Itoa(len(units))+" đơn vị đã nộp") || units[0][2] != "missing" {
		t.Errorf("status before: %s %v", summary, units[0])
	}
	unit := units[0][0]
	out, stderr, err = run(t, db, "statround", "submit", "--round", round, "--org", unit)
	if err != nil || !strings.Contains(out, "đã nộp biểu 1-TCTW của "+unit) {
		t.Fatalf("submit: %v\n%s%s", err, out, stderr)
	}
	if _, stderr, err := run(t, db, "statround", "approve", "--round", round, "--org", unit); err != nil {
		t.Fatalf("approve: %v\n%s", err, stderr)
	}
	summary, units = status()
	if !strings.Contains(summary, "1/"+strconv.Itoa(len(units))+" đơn vị đã nộp") || units[0][0] != unit || units[0][2] != "approved" {
		t.Errorf("status after: %s %v", summary, units[0])
	}
	out, _, err = run(t, db, "statround", "status", "--round", round, "--format", "json")
	var st struct {
		Approved int `json:"approved"`
		Total    int `json:"total"`
	}
	if err != nil || json.Unmarshal([]byte(out), &st) != nil || st.Approved != 1 || st.Total != len(units) {
		t.Errorf("status json: %v %+v", err, st)
	}
	// An approved unit cannot submit again; an unknown round is not found.
	if _, _, err := run(t, db, "statround", "submit", "--round", round, "--org", unit); err == nil {
		t.Error("submit after approval: no error")
	}
	if _, _, err := run(t, db, "statround", "status", "--round", "999"); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
		t.Errorf("unknown round: %v", err)
	}
}
