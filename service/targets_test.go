package service_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"tochuc"
	"tochuc/importer"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/tabular"
	"tochuc/vn"
)

// targetFixture is a province (P01) of two districts and 30 communes, 20 of them border
// communes; 902 members admitted before 2024 and 450 admitted in the first half of 2024, 48 of
// them in the border communes: the seed "kết nạp được 450 đảng viên … trong đó 20 đảng bộ xã
// biên giới kết nạp được 48 đảng viên".
func targetFixture(t *testing.T, svc *service.Service) {
	t.Helper()
	rows := []importer.OrgRow{
		orgRow(0, "TW", "Đảng Cộng sản Việt Nam", tochuc.KindParty, ""),
		orgRow(0, "P01", "Đảng bộ tỉnh Lạng Sơn", tochuc.KindCentralDirect, "TW"),
		orgRow(0, "P01-H1", "Đảng bộ huyện Cao Lộc", tochuc.KindDistrict, "P01"),
		orgRow(0, "P01-H2", "Đảng bộ huyện Văn Lãng", tochuc.KindDistrict, "P01"),
	}
	var communes []string
	for i := 1; i <= 30; i++ {
		code := fmt.Sprintf("P01-X%02d", i)
		r := orgRow(0, code, fmt.Sprintf("Đảng bộ xã số %d", i), tochuc.KindBasicCommittee, []string{"P01-H1", "P01-H2"}[i%2])
		if i <= 20 {
			r.Attrs = []string{"border"}
		}
		rows = append(rows, r)
		communes = append(communes, code)
	}
	for i := range rows {
		rows[i].Line, rows[i].Document = i+2, "QĐ 1-QĐ/TU"
	}
	importOrgs(t, svc, rows)
	given := []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Minh", "Nam", "Phương", "Quân", "Sơn", "Thảo", "Tuấn", "Yến"}
	serial := 0
	add := func(org string, admitted, official tochuc.Date) {
		serial++
		sex := []string{"male", "female"}[serial%2]
		year := 1950 + serial%35
		m := tochuc.Member{FullName: "Nguyễn Văn " + given[serial%len(given)], Sex: sex, BirthDate: fmt.Sprintf("%d-0%d-1%d", year, 1+serial%9, serial%10),
			CitizenID: vn.MakeCitizenID("020", year, sex, serial), AdmissionDate: admitted, OfficialDate: official}
		if _, err := svc.CreateMember(sysCtx(), m, org); err != nil {
			t.Fatalf("member %d in %s: %v", serial, org, err)
		}
	}
	// 48 admitted in the border communes: 3 in each of the first 8, 2 in each of the other 12.
	for i := 0; i < 20; i++ {
		n := 2
		if i < 8 {
			n = 3
		}
		for j := 0; j < n; j++ {
			add(communes[i], tochuc.Date(fmt.Sprintf("2024-0%d-15", 1+j)), "")
		}
	}
	// 402 in the other 10 communes (40 each, 42 in the last), January to June.
	for i := 20; i < 30; i++ {
		n := 40
		if i == 29 {
			n = 42
		}
		for j := 0; j < n; j++ {
			add(communes[i], tochuc.Date(fmt.Sprintf("2024-0%d-1%d", 1+j%6, j%10)), "")
		}
	}
	// 902 older members everywhere.
	for k := 0; k < 902; k++ {
		add(communes[k%30], tochuc.Date(fmt.Sprintf("%d-03-01", 2001+k%20)), tochuc.Date(fmt.Sprintf("%d-03-01", 2002+k%20)))
	}
	// Admitted after the half-year: counted in the year, not as of 30/06/2024.
	add(communes[0], "2024-09-02", "")
}

func TestTargetsSeedFigures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		targetFixture(t, svc)
		ctx := sysCtx()
		// No whole-number target gives 450 → 38,05%: 450/T rounds to 38,05% only for
		// 1.182,49 < T ≤ 1.182,80. The seed's figure is not sound; 1.183 is the closest (38,04%).
		for T := int64(1000); T < 1400; T++ {
			if vn.FormatPercent(450, T) == "38,05%" {
				t.Fatalf("a whole target gives 38,05%%: %d", T)
			}
		}
		if _, err := svc.SetTarget(ctx, service.TargetInput{OrgCode: "P01", YearFrom: 2024, Figure: "admitted", Target: 1183,
			Label: "Kết nạp đảng viên", Document: "NQ 05-NQ/TU"}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SetTarget(ctx, service.TargetInput{OrgCode: "P01", YearFrom: 2020, YearTo: 2025, Figure: "members",
			Direction: "tối thiểu", Target: 1719}); err != nil {
			t.Fatal(err)
		}
		removedID, err := svc.SetTarget(ctx, service.TargetInput{OrgCode: "P01", YearFrom: 2024, Figure: "removed",
			Direction: "kéo giảm", Target: 5})
		if err != nil {
			t.Fatal(err)
		}
		// The border communes' own targets: 16 × 6 + 4 × 5 = 116.
		for i := 1; i <= 20; i++ {
			v := int64(6)
			if i > 16 {
				v = 5
			}
			if _, err := svc.SetTarget(ctx, service.TargetInput{OrgCode: fmt.Sprintf("P01-X%02d", i), YearFrom: 2024, Figure: "admitted", Target: v}); err != nil {
				t.Fatal(err)
			}
		}
		// Entering the same target again replaces it.
		if _, err := svc.SetTarget(ctx, service.TargetInput{OrgCode: "P01", YearFrom: 2024, Figure: "admitted", Target: 1183,
			Label: "Kết nạp đảng viên", Document: "NQ 05-NQ/TU"}); err != nil {
			t.Fatal(err)
		}

		rep, err := svc.TargetProgress(ctx, "P01", 2024, "2024-06-30")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]service.TargetProgress{}
		for _, r := range rep.Rows {
			got[r.Figure] = r
		}
		if len(rep.Rows) != 3 {
			t.Fatalf("rows %d: %+v", len(rep.Rows), rep.Rows)
		}
		adm := got["admitted"]
		if adm.Actual != 450 || adm.Percent != "38,04%" || adm.Achieved || adm.Bar != 35 {
			t.Errorf("admitted: %+v", adm)
		}
		if want := "kết nạp được 450 đảng viên, đạt 38,04% so với chỉ tiêu (1.183)"; adm.Sentence != want {
			t.Errorf("sentence %q, want %q", adm.Sentence, want)
		}
		// Rolled up: the districts' shares sum to the province's.
		var sum int64
		for _, p := range adm.Parts {
			sum += p.Actual
		}
		if len(adm.Parts) != 2 || sum != 450 {
			t.Errorf("parts %+v", adm.Parts)
		}
		mem := got["members"]
		if mem.Actual != 1352 || mem.Percent != "78,65%" || mem.To != "2024-06-30" {
			t.Errorf("members: %+v", mem)
		}
		if rm := got["removed"]; rm.Actual != 0 || !rm.Achieved || rm.Direction != "at_most" {
			t.Errorf("removed: %+v", rm)
		}
		// The year as of its end counts the admission of September too.
		if rep, err := svc.TargetProgress(ctx, "P01", 2024, "2024-12-31"); err != nil || rep.Rows[0].Figure != "admitted" || rep.Rows[0].Actual != 451 {
			t.Errorf("year end: %+v %v", rep, err)
		}

		g, err := svc.TargetGroupProgress(ctx, "P01", 2024, "2024-06-30", "border")
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Members) != 20 || len(g.Rows) != 1 {
			t.Fatalf("group: %+v", g)
		}
		if r := g.Rows[0]; r.Actual != 48 || r.Target != 116 || r.Percent != "41,38%" || r.WithTarget != 20 {
			t.Errorf("group row %+v", r)
		}
		if want := "20 tổ chức đảng biên giới kết nạp được 48 đảng viên (đạt 41,38%)"; g.Rows[0].Sentence != want {
			t.Errorf("group sentence %q", g.Rows[0].Sentence)
		}

		// Indicator set: the removal target computed, 28 entered by hand.
		if _, err := svc.SetIndicator(ctx, service.IndicatorInput{OrgCode: "P01", Year: 2024, Position: 1, Name: "Kéo giảm số đảng viên bị xoá tên",
			TargetID: removedID}); err != nil {
			t.Fatal(err)
		}
		for i := 2; i <= 29; i++ {
			if _, err := svc.SetIndicator(ctx, service.IndicatorInput{OrgCode: "P01", Year: 2024, Position: i,
				Name: fmt.Sprintf("Chỉ tiêu số %d", i), Value: "đạt", Achieved: i != 7, Evidence: "BC 12-BC/TU"}); err != nil {
				t.Fatal(err)
			}
		}
		set, err := svc.Indicators(ctx, "P01", 2024, "2024-12-31")
		if err != nil {
			t.Fatal(err)
		}
		if set.Summary != "hoàn thành 28/29 chỉ tiêu" || !set.Rows[0].Computed || !set.Rows[0].Achieved {
			t.Errorf("indicators: %s %+v", set.Summary, set.Rows[0])
		}
		if _, err := svc.SetIndicator(ctx, service.IndicatorInput{OrgCode: "P01", Year: 2024, Position: 7, Name: "Chỉ tiêu số 7",
			Value: "đạt", Achieved: true, Evidence: "BC 12-BC/TU"}); err != nil {
			t.Fatal(err)
		}
		if set, err = svc.Indicators(ctx, "P01", 2024, "2024-12-31"); err != nil || set.Summary != "hoàn thành 29/29 chỉ tiêu" {
			t.Errorf("indicators: %v %v", set.Summary, err)
		}
		// A target of another org cannot make an indicator.
		if _, err := svc.SetIndicator(ctx, service.IndicatorInput{OrgCode: "P01-H1", Year: 2024, Name: "x", TargetID: removedID}); tochuc.ErrorCode(err) != tochuc.EINVALID {
			t.Errorf("foreign target: %v", err)
		}

		// Work programme: 10 done, 2 overdue, 3 in progress as of 31/12/2024.
		for i := 1; i <= 15; i++ {
			in := service.WorkItemInput{OrgCode: "P01", Year: 2024, Kind: "project", Title: fmt.Sprintf("Đề án số %d", i),
				Owner: "Ban Tổ chức Tỉnh uỷ", Deadline: "2024-12-31", Status: "in_progress"}
			switch {
			case i <= 10:
				in.Status, in.DoneDate, in.ResultDoc = "done", "2024-11-30", fmt.Sprintf("BC %d-BC/TU", i)
			case i <= 12:
				in.Deadline = "2024-10-31"
			}
			if _, err := svc.SetWorkItem(ctx, in); err != nil {
				t.Fatal(err)
			}
		}
		p, err := svc.Programme(ctx, "P01", 2024, "2024-12-31")
		if err != nil {
			t.Fatal(err)
		}
		if p.Summary != "hoàn thành 10/15 đề án, nhiệm vụ" || p.Overdue != 2 || p.Total != 15 {
			t.Errorf("programme: %s overdue %d", p.Summary, p.Overdue)
		}
		if p, _ := svc.Programme(ctx, "P01", 2024, "2024-06-30"); p.Summary != "hoàn thành 0/15 đề án, nhiệm vụ" || p.Overdue != 0 {
			t.Errorf("programme at mid-year: %s", p.Summary)
		}

		// Every write was audited.
		var n int
		if err := rawDB(t, db).QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action IN ('target.set', 'indicator.set', 'work_item.set')`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 3+20+1+29+1+15 {
			t.Errorf("audit entries %d", n)
		}
	})
}

func readTargetsCSV(t *testing.T, s string) ([]importer.TargetRow, *tochuc.ImportReport) {
	t.Helper()
	r, err := tabular.NewCSVReader(bytes.NewReader([]byte(s)), tabular.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := &tochuc.ImportReport{}
	return importer.ReadTargets(r, rep), rep
}

func TestTargetsImport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		fixture(t, svc)
		ctx := sysCtx()
		// Errors: a bad direction, an unknown org, an unknown figure, a repeated row; nothing is written.
		bad := "Mã tổ chức đảng,Năm,Chỉ số,Chiều,Chỉ tiêu\nT01,2024,admitted,tối thiểu,1.183\nT01,2024,admitted,tối thiểu,1200\nXX,2024,admitted,,5\nT02,2024,born,,5\nT02,2024,removed,sang ngang,5\n"
		rows, rep := readTargetsCSV(t, bad)
		if !rep.Failed() {
			t.Fatal("a bad direction was read")
		} else {
			if len(rep.Errors) != 1 || rep.Errors[0].Line != 6 || rep.Errors[0].Column != "direction" {
				t.Errorf("read errors %+v", rep.Errors)
			}
			rows = rows[:4]
			rep, err := svc.ImportTargets(ctx, rows, false)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Applied || len(rep.Errors) != 3 {
				t.Errorf("report %+v", rep.Errors)
			}
			want := []string{
				"dòng 3, cột Chỉ số (figure): trùng chỉ tiêu ở dòng 2",
				"dòng 4, cột Mã tổ chức đảng (org_code): không tìm thấy tổ chức đảng mã \"XX\"",
				"dòng 5, cột Chỉ số (figure): chỉ số \"born\" không có",
			}
			for i, w := range want {
				if i >= len(rep.Errors) || !strings.HasPrefix(rep.Errors[i].String(), w) {
					t.Errorf("error %d: want %q, got %+v", i, w, rep.Errors)
				}
			}
		}
		if n := rawCount(t, db, "targets"); n != 0 {
			t.Fatalf("a rejected file wrote %d targets", n)
		}
		good := "org_code,year_from,year_to,figure,filter,direction,target,baseline,label\nT01,2020,2025,members,,at_least,1.719,1.500,Số đảng viên cuối nhiệm kỳ\nT01,2024,,admitted,sex=female,,40,,\n"
		// year_to empty with year_from: a term needs both.
		rows, rep = readTargetsCSV(t, good)
		if !rep.Failed() || rep.Errors[0].Line != 3 {
			t.Fatalf("want a year error on line 3: %+v", rep.Errors)
		}
		good = strings.Replace(good, "T01,2024,,admitted", "T01,2024,2024,admitted", 1)
		rows, rep = readTargetsCSV(t, good)
		if rep.Failed() {
			t.Fatal(rep.Errors)
		}
		rep, err := svc.ImportTargets(ctx, rows, false)
		if err != nil || !rep.Applied || rep.Created != 2 {
			t.Fatalf("%+v %v", rep, err)
		}
		pr, err := svc.TargetProgress(ctx, "T01", 2024, "2024-12-31")
		if err != nil || len(pr.Rows) != 2 {
			t.Fatalf("%+v %v", pr, err)
		}
		for _, r := range pr.Rows {
			if r.Figure == "members" && (r.Baseline == nil || *r.Baseline != 1500 || r.Target.Target != 1719) {
				t.Errorf("members target %+v", r)
			}
		}
		// Importing again updates.
		rep, err = svc.ImportTargets(ctx, rows, false)
		if err != nil || rep.Updated != 2 {
			t.Fatalf("%+v %v", rep, err)
		}
	})
}

// A target on the number of party organizations ("orgs"), narrowed by org dimensions only.
func TestTargetsOnOrgs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		targetFixture(t, svc)
		ctx := sysCtx()
		set := func(in service.TargetInput) error {
			in.YearFrom = 2024
			_, err := svc.SetTarget(ctx, in)
			return err
		}
		for _, in := range []service.TargetInput{
			{OrgCode: "P01", Figure: "orgs", Target: 40, Label: "Tổ chức đảng"},
			{OrgCode: "P01", Figure: "orgs", Filter: "org_kind=" + string(tochuc.KindBasicCommittee), Target: 30},
			{OrgCode: "P01", Figure: "orgs", Filter: "border=true", Target: 25},
		} {
			if err := set(in); err != nil {
				t.Fatalf("%+v: %v", in, err)
			}
		}
		// A member dimension cannot narrow a count of organizations.
		if err := set(service.TargetInput{OrgCode: "P01", Figure: "orgs", Filter: "sex=female", Target: 1}); tochuc.ErrorCode(err) != tochuc.EINVALID {
			t.Errorf("orgs by sex: %v", err)
		}
		rep, err := svc.TargetProgress(ctx, "P01", 2024, "2024-06-30")
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]struct {
			actual   int64
			sentence string
		}{
			"": {33, "có 33 tổ chức đảng, đạt 82,50% so với chỉ tiêu (40)"},
			"org_kind=" + string(tochuc.KindBasicCommittee): {30, "có 30 tổ chức đảng, đạt 100,00% so với chỉ tiêu (30)"},
			"border=true": {20, "có 20 tổ chức đảng, đạt 80,00% so với chỉ tiêu (25)"},
		}
		if len(rep.Rows) != len(want) {
			t.Fatalf("rows: %+v", rep.Rows)
		}
		for _, r := range rep.Rows {
			w := want[r.Filter]
			if r.Figure != "orgs" || r.Actual != w.actual || r.Sentence != w.sentence {
				t.Errorf("%q: %d %q, want %d %q", r.Filter, r.Actual, r.Sentence, w.actual, w.sentence)
			}
		}
		// Rolled up over a group: each border commune's target of one (itself).
		for i := 1; i <= 20; i++ {
			if err := set(service.TargetInput{OrgCode: fmt.Sprintf("P01-X%02d", i), Figure: "orgs", Target: 1}); err != nil {
				t.Fatal(err)
			}
		}
		g, err := svc.TargetGroupProgress(ctx, "P01", 2024, "2024-06-30", "border")
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Rows) != 1 || g.Rows[0].Actual != 20 || g.Rows[0].Sentence != "20 tổ chức đảng biên giới có 20 tổ chức đảng (đạt 100,00%)" {
			t.Errorf("group: %+v", g.Rows)
		}
	})
}
