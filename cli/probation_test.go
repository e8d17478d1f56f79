package cli_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"tochuc"
	"tochuc/importer"
	"tochuc/service"
	"tochuc/store"
	"tochuc/vn"
)

// TestProbationAndCardCommands recognizes a batch from a CSV (all or nothing, each bad row
// named), lists the probations due, issues a card and prints the 1A-TĐV list.
func TestProbationAndCardCommands(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "t.db")
	ctx := tochuc.WithActor(context.Background(), tochuc.SystemActor(tochuc.ChannelCLI))
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(db)
	rows := []importer.OrgRow{
		{Code: "TW", Name: "Đảng Cộng sản Việt Nam", Kind: tochuc.KindParty},
		{Code: "X", Name: "Đảng bộ xã Hòa Bình", Kind: tochuc.KindBasicCommittee, ParentCode: "TW"},
		{Code: "X-C", Name: "Chi bộ thôn Một", Kind: tochuc.KindCell, ParentCode: "X"},
	}
	for i := range rows {
		rows[i].Line, rows[i].ValidFrom = i+2, "2000-01-01"
	}
	if rep, err := svc.ImportOrgs(ctx, rows, false); err != nil || rep.Failed() {
		t.Fatalf("orgs: %v %v", err, rep)
	}
	var ids []int64
	for i, name := range []string{"Lý Văn Một", "Lý Văn Hai", "Lý Văn Ba"} {
		m := tochuc.Member{FullName: name, Sex: "male", BirthDate: "1995-01-01", CitizenID: vn.MakeCitizenID("002", 1995, "male", i+1),
			AdmissionDate: "2023-12-01", CeremonyDate: "2024-01-10"}
		if i == 2 {
			m.OfficialDate = "2024-12-01" // already official: refused in the batch
			m.CeremonyDate = ""
		}
		id, err := svc.CreateMember(ctx, m, "X-C")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	db.Close()

	bad := write(t, dir, "bad.csv", fmt.Sprintf("member_id\n%d\n%d\n%d\n", ids[0], ids[2], ids[1]))
	_, _, err = run(t, dbPath, "probation", "recognize", "--csv", bad, "--document", "50-QĐ/ĐU", "--doc-date", "2025-03-01")
	if err == nil || !strings.Contains(err.Error(), "dòng 3") || !strings.Contains(err.Error(), fmt.Sprint(ids[2])) {
		t.Fatalf("bad batch: %v", err)
	}
	out, _, err := run(t, dbPath, "probation", "due", "--days", "3650")
	if err != nil || !strings.Contains(out, "Lý Văn Một") || !strings.Contains(out, "2 đảng viên dự bị") {
		t.Fatalf("due (nothing written by the bad batch): %v\n%s", err, out)
	}
	good := write(t, dir, "good.csv", fmt.Sprintf("member_id\n%d\n%d\n", ids[0], ids[1]))
	out, _, err = run(t, dbPath, "probation", "recognize", "--csv", good, "--document", "50-QĐ/ĐU", "--doc-date", "2025-03-01")
	if err != nil || !strings.Contains(out, "chính thức từ ngày 10/01/2025") || !strings.Contains(out, "đã công nhận 2 đảng viên") {
		t.Fatalf("batch: %v\n%s", err, out)
	}
	out, _, err = run(t, dbPath, "card", "issue", "--member", fmt.Sprint(ids[0]), "--number", "0900001", "--date", "2025-04-01")
	if err != nil || !strings.Contains(out, "0900001") {
		t.Fatalf("card issue: %v\n%s", err, out)
	}
	if _, _, err := run(t, dbPath, "card", "lost", "--member", fmt.Sprint(ids[0]), "--date", "2025-05-01"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, dbPath, "card", "issue", "--reissue", "--member", fmt.Sprint(ids[0]), "--number", "0900002", "--date", "2025-05-10"); err != nil {
		t.Fatal(err)
	}
	out, _, err = run(t, dbPath, "card", "list", "--from", "2025-01-01")
	if err != nil || !strings.Contains(out, "mẫu 1A-TĐV") {
		t.Fatalf("card list: %v\n%s", err, out)
	}
	xlsx := filepath.Join(dir, "1a.xlsx")
	if out, _, err = run(t, dbPath, "card", "list", "--from", "2025-01-01", "--out", xlsx); err != nil {
		t.Fatalf("card list xlsx: %v\n%s", err, out)
	}
}
