package demo

import (
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"tochuc"
	"tochuc/service"
	"tochuc/vn"
)

// Options of a demo build.
type Options struct {
	Seed     uint64
	Members  int
	Out      io.Writer // a summary for people
	Progress func(stage string, n int64)
}

// Summary is what the demo built, for the CLI and tests.
type Summary struct {
	Orgs, Members  int64
	Before, After  map[string]int // orgs by kind on 30/06/2025 and 01/07/2025
	CommunesBefore int            // commune-level party committees (xã, phường, thị trấn)
	CommunesAfter  int
	MembersBefore  int64 // members counted through the tree on 30/06/2025 and 01/07/2025
	MembersAfter   int64
	PlacedBefore   int64 // members placed on those dates, counted without the tree
	PlacedAfter    int64
	Moved          int
	Anomalies      []string
}

// Build makes the demo country in an empty database through the normal write paths: the
// org file import, the bulk member loader, and the restructure plan import.
func Build(ctx context.Context, svc *service.Service, opt Options) (*Summary, error) {
	out := opt.Out
	if out == nil {
		out = io.Discard
	}
	start := time.Now()
	u, err := LoadUnits()
	if err != nil {
		return nil, err
	}
	c := BuildCountry(u, opt.Members, opt.Seed)
	rep, err := svc.ImportOrgs(ctx, c.Orgs, false)
	if err != nil {
		return nil, err
	}
	if rep.Failed() {
		return nil, fmt.Errorf("demo: org tree rejected: %s", rep.Errors[0].String())
	}
	fmt.Fprintf(out, "Cây tổ chức trước 01/07/2025: %s tổ chức (%s)\n", vn.FormatInt(int64(len(c.Orgs))), time.Since(start).Round(time.Millisecond))
	t := time.Now()
	n, idx, err := Members(ctx, svc, u, c, opt.Members, opt.Seed, func(n int64) {
		if opt.Progress != nil {
			opt.Progress("members", n)
		}
	})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "Đảng viên: %s, kèm lịch sử từ 1950 (%s, trong đó dựng chỉ mục %s)\n", vn.FormatInt(n), time.Since(t).Round(time.Millisecond), idx.Round(time.Millisecond))
	t = time.Now()
	prep, err := svc.ApplyRestructure(ctx, c.Plan, false)
	if err != nil {
		return nil, err
	}
	if prep.Failed() {
		return nil, fmt.Errorf("demo: restructure plan rejected: %s", prep.Errors[0].String())
	}
	fmt.Fprintf(out, "Sắp xếp 01/07/2025: %s dòng phương án, %s thay đổi (%s)\n", vn.FormatInt(int64(len(c.Plan))), vn.FormatInt(int64(prep.Updated)), time.Since(t).Round(time.Millisecond))
	s := &Summary{Members: n, Moved: prep.Moved, Anomalies: c.Anomalies}
	before, after := ReformDate.AddDays(-1), ReformDate
	if s.Before, s.CommunesBefore, s.MembersBefore, err = census(ctx, svc, before); err != nil {
		return nil, err
	}
	if s.After, s.CommunesAfter, s.MembersAfter, err = census(ctx, svc, after); err != nil {
		return nil, err
	}
	if s.PlacedBefore, err = svc.DB.CountPlaced(ctx, before); err != nil {
		return nil, err
	}
	if s.PlacedAfter, err = svc.DB.CountPlaced(ctx, after); err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "\n%-42s %12s %12s\n", "", before.Display(), after.Display())
	kinds := []struct{ kind, label string }{{tochuc.KindCentralDirect, "Đảng bộ tỉnh, thành phố"}, {tochuc.KindDistrict, "Đảng bộ cấp huyện"},
		{"communes", "Đảng bộ xã, phường, thị trấn, đặc khu"}, {tochuc.KindBasicCommittee, "Đảng bộ cơ sở"}, {tochuc.KindBasicCell, "Chi bộ cơ sở"},
		{tochuc.KindCell, "Chi bộ trực thuộc"}, {"members", "Đảng viên (cộng theo cây)"}, {"placed", "Đảng viên (theo sổ)"}}
	for _, k := range kinds {
		var a, b int64
		switch k.kind {
		case "communes":
			a, b = int64(s.CommunesBefore), int64(s.CommunesAfter)
		case "members":
			a, b = s.MembersBefore, s.MembersAfter
		case "placed":
			a, b = s.PlacedBefore, s.PlacedAfter
		default:
			a, b = int64(s.Before[k.kind]), int64(s.After[k.kind])
		}
		fmt.Fprintf(out, "%-42s %12s %12s\n", k.label, vn.FormatInt(a), vn.FormatInt(b))
	}
	if len(c.Anomalies) > 0 {
		fmt.Fprintf(out, "\nBảng ánh xạ thật có %d dòng không khớp danh mục đơn vị hành chính (đã xử lý như sau):\n", len(c.Anomalies))
		sort.Strings(c.Anomalies)
		for _, a := range c.Anomalies {
			fmt.Fprintln(out, "  -", a)
		}
	}
	fmt.Fprintf(out, "\nXong sau %s.\n", time.Since(start).Round(time.Millisecond))
	return s, nil
}

// census counts orgs by kind, commune-level committees and members on one date.
func census(ctx context.Context, svc *service.Service, d tochuc.Date) (map[string]int, int, int64, error) {
	orgs, err := svc.DB.OrgsAsOf(ctx, d)
	if err != nil {
		return nil, 0, 0, err
	}
	byKind := map[string]int{}
	communes := 0
	var root int64
	for _, o := range orgs {
		byKind[o.Kind]++
		if o.Kind == tochuc.KindCommune || (o.Kind == tochuc.KindBasicCommittee && isCommuneSetting(o.Setting)) {
			communes++
		}
		if o.ParentID == 0 {
			root = o.ID
		}
	}
	counts, err := svc.SubtreeCounts(ctx, d)
	if err != nil {
		return nil, 0, 0, err
	}
	return byKind, communes, counts[root].Total(), nil
}

func isCommuneSetting(s string) bool {
	return s == "commune" || s == "ward" || s == "township" || s == "special_zone"
}
