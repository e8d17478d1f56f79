package service_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/statforms"
	"tochuc/store"
)

// statformsFixture: the fixture tree and members, one death in 2024 (X02-C1, a woman) and the
// 2024-12-01 admission (B01) of the fixture, so that H01 as of 31/12/2024 has 8 members (3 women),
// 8 at the opening (4 women), 1 admitted and 1 deceased.
func statformsFixture(t *testing.T, db *store.DB) *service.Service {
	t.Helper()
	svc := newService(db)
	ids := fixture(t, svc)
	if err := svc.RecordExit(sysCtx(), service.ExitInput{MemberID: ids["Vũ Thị Anh"], Kind: tochuc.EventDeceased,
		Decision: trDec("2024-05-10", "")}); err != nil {
		t.Fatal(err)
	}
	// Academic titles in H01: a woman associate professor, a man professor (the highest title
	// only: one per member).
	for name, title := range map[string]string{"Lê Thị Ánh": "associate_professor", "Trần Văn Dương": "professor"} {
		m, err := svc.DB.Member(sysCtx(), ids[name])
		if err != nil {
			t.Fatal(err)
		}
		m.AcademicTitle = title
		if err := svc.UpdateMember(sysCtx(), m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return svc
}

func TestStatForms(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := statformsFixture(t, db)
		t.Run("Compute", func(t *testing.T) { statformCompute(t, svc) })
		t.Run("AcademicTitle", func(t *testing.T) { statformAcademicTitle(t, svc) })
		t.Run("XLSX", func(t *testing.T) { statformXLSX(t, svc) })
		t.Run("Rounds", func(t *testing.T) { statformRounds(t, db, svc) })
		t.Run("RefusedByRule", func(t *testing.T) { statformRefused(t, svc) })
		t.Run("CellExplained", func(t *testing.T) { statformCellExplained(t, svc) })
	})
}

// statformCellExplained: every cell of every form, explained figure by figure through the
// engine's ordinary queries (filters of several codes and negations included), adds up to the
// value the form's one-pass computation gives.
func statformCellExplained(t *testing.T, svc *service.Service) {
	ctx := sysCtx()
	cells, sums, nonzero := 0, 0, 0
	for _, form := range statforms.Codes() {
		for _, org := range []string{"H01", "TW"} {
			v, err := svc.StatForm(ctx, form, org, "2024-12-31")
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range v.Layout.Rows {
				for _, c := range v.Layout.Columns {
					want, ok := v.Value(r.Key, c.Key)
					if !ok {
						continue
					}
					x, err := svc.StatFormCell(ctx, form, org, "2024-12-31", r.Key, c.Key)
					if err != nil {
						t.Fatalf("%s %s %s/%s: %v", form, org, r.Key, c.Key, err)
					}
					got := x.Const
					for _, tm := range x.Terms {
						got += tm.Sign * tm.Value
					}
					if got != want || x.Value != want {
						t.Errorf("%s %s %s/%s: parts %d, cell %d, form %d: %+v", form, org, r.Key, c.Key, got, x.Value, want, x.Terms)
					}
					cells++
					if len(x.Terms) > 1 {
						sums++
					}
					if want != 0 {
						nonzero++
					}
				}
			}
		}
	}
	if sums == 0 || nonzero < 50 {
		t.Errorf("too little checked: %d cells, %d sums, %d not zero", cells, sums, nonzero)
	}
	if _, err := svc.StatFormCell(ctx, "1-TCTW", "H01", "2024-12-31", "no_such_row", "total"); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
		t.Errorf("unknown cell: %v", err)
	}
}

// statformAcademicTitle: 3-TCTW counts the academic titles, the woman in the female column.
func statformAcademicTitle(t *testing.T, svc *service.Service) {
	v, err := svc.StatForm(sysCtx(), "3-TCTW", "H01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		row, col string
		want     int64
	}{
		{"total", "total", 8}, {"title_associate", "total", 1}, {"title_associate", "female", 1},
		{"title_professor", "total", 1}, {"title_professor", "female", 0}, {"title_professor", "probationary", 0},
	} {
		if got, ok := v.Value(tc.row, tc.col); !ok || got != tc.want {
			t.Errorf("%s/%s = %d (%v), want %d", tc.row, tc.col, got, ok, tc.want)
		}
	}
	if _, ok := v.Value("title", "total"); ok {
		t.Error("the heading row has no cells")
	}
	for _, is := range v.Issues {
		if is.Rule == "3-TCTW.R8" {
			t.Errorf("rule R8 fails: %s", is.Message)
		}
	}
	// Another org of the country has no titled member.
	x3, err := svc.StatForm(sysCtx(), "3-TCTW", "X03", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := x3.Value("title_professor", "total"); n != 0 {
		t.Errorf("X03 professors %d, want 0", n)
	}
}

func statformCompute(t *testing.T, svc *service.Service) {
	v, err := svc.StatForm(sysCtx(), "1-TCTW", "H01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		row, col string
		want     int64
	}{
		{"basic", "total", 3}, {"basic_committee", "total", 2}, {"basic_cell", "total", 1}, {"cell", "total", 3},
		{"section_committee", "total", 0},
		{"opening", "total", 8}, {"opening", "female", 4},
		{"admitted", "total", 1}, {"admitted", "female", 0},
		{"increase", "total", 1},
		{"deceased", "total", 1}, {"deceased", "female", 1}, {"decrease", "total", 1},
		{"closing", "total", 8}, {"closing", "female", 3}, {"closing", "minority", 0},
		{"transferred_in", "total", 0},
	} {
		if got, ok := v.Value(tc.row, tc.col); !ok || got != tc.want {
			t.Errorf("%s/%s = %d (%v), want %d", tc.row, tc.col, got, ok, tc.want)
		}
	}
	if _, ok := v.Value("basic", "female"); ok {
		t.Error("basic/female is an empty cell of the layout")
	}
	if len(v.Issues) != 0 {
		t.Errorf("issues: %v", v.Issues)
	}
	// The whole country at once gives the same figures for H01.
	all, err := svc.StatForm(sysCtx(), "1-TCTW", "", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := all.Value("closing", "total"); n != 9 { // H01's 8 and X03-C1's 1
		t.Errorf("country closing %d, want 9", n)
	}
	// A form on a date it is not made for, an unknown form, an org outside the reach.
	if _, err := svc.StatForm(sysCtx(), "4-TCTW", "H01", "2024-06-30"); err == nil || !strings.Contains(err.Error(), "31/12") {
		t.Errorf("4-TCTW as of 30/6: %v", err)
	}
	if _, err := svc.StatForm(sysCtx(), "99-TCTW", "H01", "2024-06-30"); err == nil || !strings.Contains(err.Error(), "1-TCTW") {
		t.Errorf("unknown form: %v", err)
	}
	if _, err := svc.StatForm(scopedCtx(t, svc.DB, tochuc.RoleLeader, "X03"), "1-TCTW", "H01", "2024-12-31"); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
		t.Errorf("outside the reach: %v", err)
	}
	// 3-TCTW and 4-TCTW: the parts sum to the total (rules pass), the members without an
	// ethnicity in the register are on their own row.
	v3, err := svc.StatForm(sysCtx(), "4-TCTW", "H01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := v3.Value("eth_unknown", "total"); n != 8 || len(v3.Errors()) != 0 {
		t.Errorf("4-TCTW: unknown ethnicity %d, errors %v", n, v3.Errors())
	}
}

func statformXLSX(t *testing.T, svc *service.Service) {
	var buf bytes.Buffer
	v, err := svc.StatFormXLSX(sysCtx(), &buf, "1-TCTW", "H01", "2024-12-31")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := statforms.Sheet
	get := func(ref string) string {
		s, err := f.GetCellValue(sh, ref)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if got := get("A1"); got != strings.ToUpper("Đảng bộ huyện Đồng Văn") {
		t.Errorf("A1 %q", got)
	}
	if got := get("E1"); got != "Biểu số 1-TCTW" {
		t.Errorf("E1 %q", got)
	}
	if got := get("A2"); got != v.Title {
		t.Errorf("A2 %q", got)
	}
	if got := get("A3"); !strings.Contains(got, "31/12/2024") || !strings.Contains(got, "01/01/2024") {
		t.Errorf("A3 %q", got)
	}
	for ref, want := range map[string]string{"A5": "TT", "B5": "Chỉ tiêu", "C5": "Tổng số", "D5": "Trong đó", "D6": "Nữ", "E6": "Dân tộc thiểu số", "C7": "1", "E7": "3"} {
		if got := get(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	merged, _ := f.GetMergeCells(sh)
	var ms []string
	for _, m := range merged {
		ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, want := range []string{"A1:B1", "A2:E2", "A5:A6", "B5:B6", "C5:C6", "D5:E5"} {
		if !strings.Contains(","+strings.Join(ms, ",")+",", ","+want+",") {
			t.Errorf("merged cells %v: %s missing", ms, want)
		}
	}
	// Every cell of the form, by its row and column: the number, stored as a number.
	l := v.Layout
	for i, r := range l.Rows {
		if got := get(cellAt(1, 8+i)); got != r.No {
			t.Errorf("row %s: number %q, want %q", r.Key, got, r.No)
		}
		if got := get(cellAt(2, 8+i)); got != r.Label {
			t.Errorf("row %s: label %q", r.Key, got)
		}
		for _, c := range l.Columns {
			ref := l.CellRef(r.Key, c.Key)
			n, ok := v.Value(r.Key, c.Key)
			got := get(ref)
			if !ok {
				if got != "" {
					t.Errorf("%s (%s/%s) = %q, want empty", ref, r.Key, c.Key, got)
				}
				continue
			}
			raw, _ := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
			if raw != strconv.FormatInt(n, 10) {
				t.Errorf("%s (%s/%s) = %q, want %d", ref, r.Key, c.Key, raw, n)
			}
			if typ, _ := f.GetCellType(sh, ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("%s is %v, not a number", ref, typ)
			}
		}
	}
	if ref := l.CellRef("closing", "female"); get(ref) != "3" {
		t.Errorf("closing/female at %s = %q", ref, get(ref))
	}
	pl, err := f.GetPageLayout(sh)
	if err != nil || pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" {
		t.Errorf("page layout: %+v %v", pl, err)
	}
}

func cellAt(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func statformRounds(t *testing.T, db *store.DB, svc *service.Service) {
	h01Staff := scopedCtx(t, db, tochuc.RoleStaff, "H01")
	x01Staff := scopedCtx(t, db, tochuc.RoleStaff, "X01")
	x03Staff := scopedCtx(t, db, tochuc.RoleStaff, "X03")
	t01Leader := scopedCtx(t, db, tochuc.RoleLeader, "T01")
	in := service.RoundInput{Form: "1-TCTW", AsOf: "2024-12-31", OrgCode: "H01", Deadline: "2025-01-10"}
	if _, err := svc.OpenStatRound(x01Staff, in); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
		t.Errorf("a unit opens its parent's round: %v", err)
	}
	if _, err := svc.OpenStatRound(t01Leader, in); tochuc.ErrorCode(err) != tochuc.EFORBIDDEN {
		t.Errorf("a leader opens a round: %v", err)
	}
	id, err := svc.OpenStatRound(h01Staff, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.OpenStatRound(h01Staff, in); tochuc.ErrorCode(err) != tochuc.ECONFLICT {
		t.Errorf("the same round twice: %v", err)
	}
	st, err := svc.StatRoundStatus(t01Leader, id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Summary != "0/3 đơn vị đã nộp" || len(st.Units) != 3 || st.CanDecide {
		t.Errorf("status: %s, %d units, can decide %v", st.Summary, len(st.Units), st.CanDecide)
	}
	// Outside the subtree: "not found", as for a unit that does not exist.
	if _, err := svc.SubmitStatForm(x03Staff, id, "X03", ""); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
		t.Errorf("a unit of another district: %v", err)
	}
	if _, err := svc.SubmitStatForm(x01Staff, id, "X02", ""); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
		t.Errorf("a sibling's form: %v", err)
	}
	if _, err := svc.StatRoundStatus(x03Staff, id); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
		t.Errorf("status from another district: %v", err)
	}
	if _, err := svc.SubmitStatForm(h01Staff, id, "X01-C1", ""); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("a cell, not a direct unit: %v", err)
	}
	v, err := svc.SubmitStatForm(x01Staff, id, "X01", "đúng số liệu")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := v.Value("closing", "total"); n != 4 {
		t.Errorf("X01 closing %d, want 4", n)
	}
	// The unit sees its own line only; the level above sees all.
	mine, err := svc.StatRoundStatus(x01Staff, id)
	if err != nil || len(mine.Units) != 1 || mine.Units[0].Status != service.StatSubmitted || !mine.Units[0].CanSubmit {
		t.Fatalf("unit's status: %+v %v", mine, err)
	}
	if err := svc.DecideStatForm(x01Staff, id, "X01", true, ""); tochuc.ErrorCode(err) != tochuc.EFORBIDDEN {
		t.Errorf("a unit approves itself: %v", err)
	}
	if err := svc.DecideStatForm(h01Staff, id, "X01", false, ""); tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Errorf("returned without a reason: %v", err)
	}
	if err := svc.DecideStatForm(h01Staff, id, "X02", true, ""); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
		t.Errorf("approve a missing submission: %v", err)
	}
	if err := svc.DecideStatForm(h01Staff, id, "X01", false, "thiếu số chuyển đến"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SubmitStatForm(x01Staff, id, "X01", "đã bổ sung"); err != nil {
		t.Fatal(err)
	}
	if err := svc.DecideStatForm(h01Staff, id, "X01", true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SubmitStatForm(x01Staff, id, "X01", ""); tochuc.ErrorCode(err) != tochuc.ECONFLICT {
		t.Errorf("resubmit after approval: %v", err)
	}
	if _, err := svc.SubmitStatForm(h01Staff, id, "B01", ""); err != nil {
		t.Fatal(err)
	}
	st, err = svc.StatRoundStatus(h01Staff, id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Summary != "2/3 đơn vị đã nộp" || st.Approved != 1 || !st.CanDecide {
		t.Errorf("status: %s, approved %d", st.Summary, st.Approved)
	}
	var missing []string
	for _, u := range st.Units {
		if u.Status == service.StatMissing {
			missing = append(missing, u.Code)
		}
	}
	if strings.Join(missing, ",") != "X02" {
		t.Errorf("missing %v", missing)
	}
	// The frozen figures, and the rounds each actor sees.
	fv, sub, err := svc.StatSubmissionFigures(h01Staff, id, "X01")
	if err != nil || sub.Status != service.StatApproved {
		t.Fatalf("frozen: %v %v", sub, err)
	}
	if n, _ := fv.Value("closing", "total"); n != 4 {
		t.Errorf("frozen closing %d", n)
	}
	for ctx, want := range map[context.Context]int{x01Staff: 1, t01Leader: 1, x03Staff: 0, sysCtx(): 1} {
		rs, err := svc.StatRounds(ctx)
		if err != nil || len(rs) != want {
			t.Errorf("rounds seen: %d %v, want %d", len(rs), err, want)
		}
	}
	// Audit: open, two submissions of X01 and one of B01, return, approve.
	entries := auditActions(t, db)
	for action, want := range map[string]int{"statround.open": 1, "statform.submit": 3, "statform.return": 1, "statform.approve": 1} {
		if entries[action] != want {
			t.Errorf("audit %s: %d, want %d", action, entries[action], want)
		}
	}
}

func auditActions(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	rows, err := rawDB(t, db).Query(`SELECT action, COUNT(*) FROM audit_log GROUP BY action`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var a string
		var n int
		rows.Scan(&a, &n)
		out[a] = n
	}
	return out
}

// statformRefused: a submission whose figures break an error rule is refused with the row, the
// column and the rule named.
func statformRefused(t *testing.T, svc *service.Service) {
	_, err := statforms.Register([]byte(`{"code": "T-TEST", "title": "Biểu thử", "basis": "thử", "dates": ["12-31"],
		"columns": [{"key": "total", "label": "Tổng số"}, {"key": "female", "label": "Nữ", "where": "sex=female"}],
		"rows": [{"key": "closing", "no": "1", "label": "Số đảng viên cuối kỳ", "expr": "members()"}],
		"rules": [{"id": "T.R1", "over": "rows", "check": "total = female", "level": "error", "message": "thử một quy tắc sai"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	id, err := svc.OpenStatRound(sysCtx(), service.RoundInput{Form: "T-TEST", AsOf: "2024-12-31", OrgCode: "H01"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := svc.SubmitStatForm(sysCtx(), id, "X01", "")
	if tochuc.ErrorCode(err) != tochuc.EINVALID {
		t.Fatalf("submission breaking a rule: %v", err)
	}
	msg := tochuc.ErrorMessage(err)
	for _, want := range []string{"Dòng 1 «Số đảng viên cuối kỳ»", "cột «Tổng số» = 4 ≠ cột «Nữ» = 1", "quy tắc T.R1"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if len(v.Errors()) != 1 || v.Errors()[0].Row != "closing" || v.Errors()[0].Column != "total" {
		t.Errorf("issues %+v", v.Issues)
	}
	st, _ := svc.StatRoundStatus(sysCtx(), id)
	if st.Submitted != 0 {
		t.Errorf("a refused submission was stored: %s", st.Summary)
	}
}
