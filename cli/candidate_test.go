package cli_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// A candidate added, stepped and listed from the command line; a refusal names its rule.
func TestCandidateCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if _, stderr, err := run(t, db, "import", "orgs", write(t, dir, "orgs.csv", orgsCSV)); err != nil {
		t.Fatalf("import orgs: %v\n%s", err, stderr)
	}
	out, stderr, err := run(t, db, "candidate", "add", "--org", "X01-C1", "--name", "Lý Thị Hoa", "--sex", "Nữ",
		"--birth", "2000-03-12", "--education", "Trung học phổ thông", "--identified", "2025-01-10")
	if err != nil || !strings.Contains(out, "số 1") {
		t.Fatalf("add: %q %q %v", out, stderr, err)
	}
	if out, _, err = run(t, db, "candidate", "step", "--id", "1", "--stage", "awareness_trained", "--date", "2025-02-20",
		"--number", "12/GCN"); err != nil || !strings.Contains(out, "Học lớp bồi dưỡng") {
		t.Fatalf("step: %q %v", out, err)
	}
	_, _, err = run(t, db, "candidate", "step", "--id", "1", "--stage", "cell_resolution", "--date", "2025-08-05")
	if err == nil || !strings.Contains(err.Error(), "Công nhận cảm tình Đảng") {
		t.Errorf("a step out of order: %v", err)
	}
	out, _, err = run(t, db, "candidate", "list", "--org", "X01")
	if err != nil || !strings.Contains(out, "Lý Thị Hoa") || !strings.Contains(out, "Công nhận cảm tình Đảng") || !strings.Contains(out, "19/02/2030") {
		t.Errorf("list: %q %v", out, err)
	}
	if _, stderr, err := run(t, db, "candidate", "add", "-h"); err != nil || !strings.Contains(stderr, "Cách dùng: tochuc candidate add") {
		t.Errorf("help: %q %v", stderr, err)
	}
}
