package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"tochuc"
)

func TestStatsCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if _, stderr, err := run(t, db, "demo", "--members", "1000"); err != nil {
		t.Fatalf("demo: %v\n%s", err, stderr)
	}
	out, _, err := run(t, db, "stats", "members", "--org", "TW", "--as-of", "2025-12-31", "--by", "status,sex")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "org_code,status,sex,count" || len(lines) < 3 || !strings.HasPrefix(lines[1], "TW,") {
		t.Errorf("stats members:\n%s", out)
	}
	out, _, err = run(t, db, "stats", "members", "--org", "TW", "--as-of", "2025-06-30", "--children", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var tb struct {
		Orgs []struct {
			Code string `json:"org_code"`
			Rows []struct {
				Count int64 `json:"count"`
			} `json:"rows"`
		} `json:"orgs"`
	}
	if err := json.Unmarshal([]byte(out), &tb); err != nil || len(tb.Orgs) != 64 {
		t.Errorf("json with children on 30/06/2025: %d orgs, %v\n%.300s", len(tb.Orgs), err, out)
	}
	out, _, err = run(t, db, "stats", "flows", "--org", "TW", "--from", "2020-01-01", "--to", "2025-12-31", "--by", "sex")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "org_code,flow,sex,count\n") || !strings.Contains(out, "TW,admitted,") {
		t.Errorf("stats flows:\n%s", out)
	}
	_, _, err = run(t, db, "stats", "members", "--org", "TW", "--by", "sex,hat")
	if tochuc.ErrorCode(err) != tochuc.EINVALID || !strings.Contains(err.Error(), "hat") || !strings.Contains(err.Error(), "các chiều hợp lệ: status, sex, age_band") {
		t.Errorf("unknown dimension: %v", err)
	}
}
