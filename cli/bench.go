package cli

import (
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"tochuc"
	"tochuc/service"
	"tochuc/tabular"
	"tochuc/vn"
)

// cmdBench measures the read paths users wait on, on an existing database, each next to the
// bare SQL doing the same work in the same run.
func cmdBench(env *Env, args []string) error {
	fs, dsn := flags(env, "bench", "[--db …] [--n 1000] [--seed 1]")
	n := fs.Int("n", 1000, "số lần đo mỗi phép")
	seed := fs.Uint64("seed", 1, "hạt giống chọn mẫu")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	svc, err := openService(env, *dsn)
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	ctx := env.Ctx
	r := rand.New(rand.NewPCG(*seed, 2))
	out := env.Stdout
	total, err := svc.DB.MemberCount(ctx)
	if err != nil {
		return err
	}
	today := svc.Today()
	fmt.Fprintf(out, "Cơ sở dữ liệu: %s, %s đảng viên (%s)\n\n", svc.DB.Engine, vn.FormatInt(int64(total)), today.Display())

	// Samples: names and leaf orgs drawn from the register itself.
	names, err := svc.DB.SampleNames(ctx, *n, r.Int64())
	if err != nil {
		return err
	}
	orgs, err := svc.DB.OrgsAsOf(ctx, today)
	if err != nil {
		return err
	}
	counts, err := svc.SubtreeCounts(ctx, today)
	if err != nil {
		return err
	}
	var leaves []tochuc.Org
	for _, o := range orgs {
		if (o.Kind == tochuc.KindCell || o.Kind == tochuc.KindBasicCell) && counts[o.ID].Total() > 0 {
			leaves = append(leaves, o)
		}
	}
	// The export is measured on the largest province of the tree before the reform.
	const exportDate = tochuc.Date("2025-06-30")
	before, err := svc.DB.OrgsAsOf(ctx, exportDate)
	if err != nil {
		return err
	}
	beforeCounts, err := svc.SubtreeCounts(ctx, exportDate)
	if err != nil {
		return err
	}
	var province tochuc.Org
	for _, o := range before {
		if o.Kind == tochuc.KindCentralDirect && (province.ID == 0 || beforeCounts[o.ID].Total() > beforeCounts[province.ID].Total()) {
			province = o
		}
	}
	if len(names) == 0 || len(leaves) == 0 {
		return tochuc.Errorf(tochuc.EINVALID, "cơ sở dữ liệu chưa có đảng viên; hãy chạy tochuc demo trước")
	}
	fmt.Fprintf(out, "%-58s %10s %10s %10s\n", "phép đo", "p50", "p99", "tối đa")
	measure := func(label string, fn func(i int) error) error {
		d := make([]time.Duration, *n)
		for i := range d {
			t := time.Now()
			if err := fn(i); err != nil {
				return err
			}
			d[i] = time.Since(t)
		}
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		fmt.Fprintf(out, "%-58s %10s %10s %10s\n", label, ms(d[len(d)/2]), ms(d[len(d)*99/100]), ms(d[len(d)-1]))
		return nil
	}
	steps := []struct {
		label string
		fn    func(i int) error
	}{
		{"tìm theo họ tên đầy đủ, không dấu (dịch vụ)", func(i int) error {
			_, err := svc.ListMembers(ctx, service.MemberList{Query: vn.Fold(names[i%len(names)])})
			return err
		}},
		{"  cùng việc, SQL trần trên chỉ mục name_fold", func(i int) error {
			return svc.DB.BareNamePrefix(ctx, fullKey(names[i%len(names)]), 50)
		}},
		{"tìm theo tên gọi (một từ, ví dụ \"duc\")", func(i int) error {
			f := strings.Fields(vn.Fold(names[i%len(names)]))
			_, err := svc.ListMembers(ctx, service.MemberList{Query: f[len(f)-1]})
			return err
		}},
		{"trang đầu 50 đảng viên của một chi bộ, hôm nay", func(i int) error {
			_, err := svc.ListMembers(ctx, service.MemberList{OrgCode: leaves[i%len(leaves)].Code, Subtree: true})
			return err
		}},
		{"  cùng việc, SQL trần (members theo org_id, sort_key)", func(i int) error {
			return svc.DB.BareOrgPage(ctx, leaves[i%len(leaves)].ID, 50)
		}},
		{"trang đầu 50 đảng viên của một chi bộ, tại 30/06/2024", func(i int) error {
			_, err := svc.ListMembers(ctx, service.MemberList{OrgCode: leaves[i%len(leaves)].Code, AsOf: "2024-06-30", Subtree: true})
			return err
		}},
	}
	// The same searches by a clerk whose role covers one commune: the scope is a subtree
	// condition on the query, and small scopes must not pay for the whole country's matches.
	byID := map[int64]tochuc.Org{}
	for _, o := range orgs {
		byID[o.ID] = o
	}
	commune := byID[leaves[0].ParentID]
	clerk := tochuc.WithActor(ctx, &tochuc.Actor{UserID: -1, Username: "bench", MFA: true,
		Grants: []tochuc.Grant{{Role: tochuc.RoleStaff, OrgID: commune.ID}}})
	steps = append(steps, []struct {
		label string
		fn    func(i int) error
	}{
		{"tìm theo tên gọi, cán bộ một xã (trong phạm vi xã)", func(i int) error {
			f := strings.Fields(vn.Fold(names[i%len(names)]))
			_, err := svc.ListMembers(clerk, service.MemberList{Query: f[len(f)-1]})
			return err
		}},
		{"tìm theo họ tên đầy đủ, cán bộ một xã", func(i int) error {
			_, err := svc.ListMembers(clerk, service.MemberList{Query: vn.Fold(names[i%len(names)])})
			return err
		}},
	}...)
	for _, s := range steps {
		if err := measure(s.label, s.fn); err != nil {
			return err
		}
	}
	// The dashboard, computed afresh (no cache) for the whole country and for each province.
	var provinces []tochuc.Org
	for _, o := range orgs {
		if o.ParentID != 0 && byID[o.ParentID].ParentID == 0 {
			provinces = append(provinces, o)
		}
	}
	t0 := time.Now()
	if _, err := svc.Dashboard(ctx, "", today); err != nil {
		return err
	}
	fmt.Fprintf(out, "\ntổng quan toàn quốc (tính mới): %s\n", ms(time.Since(t0)))
	var dd []time.Duration
	for _, p := range provinces {
		t := time.Now()
		if _, err := svc.Dashboard(ctx, p.Code, today); err != nil {
			return err
		}
		dd = append(dd, time.Since(t))
	}
	if len(dd) > 0 {
		sort.Slice(dd, func(i, j int) bool { return dd[i] < dd[j] })
		fmt.Fprintf(out, "tổng quan một tỉnh (%d tỉnh, tính mới): trung vị %s, lâu nhất %s\n", len(dd), ms(dd[len(dd)/2]), ms(dd[len(dd)-1]))
	}
	if province.ID != 0 {
		t := time.Now()
		w := tabular.NewCSVWriter(io.Discard, false)
		k, err := svc.ExportMembers(ctx, w, service.ExportOptions{OrgCode: province.Code, AsOf: exportDate})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "\nxuất CSV một tỉnh (%s, %s đảng viên) tại 30/06/2025: %s\n", province.Name, vn.FormatInt(k), ms(time.Since(t)))
		t = time.Now()
		k, err = svc.DB.BareSubtreeDump(ctx, province.Path, exportDate)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  cùng việc, SQL trần đọc các dòng (không ghi tệp): %s (%s dòng)\n", ms(time.Since(t)), vn.FormatInt(k))
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

// fullKey is the folded key of a full name, given name first, as the search builds it.
func fullKey(name string) string {
	f := strings.Fields(vn.Fold(name))
	if len(f) < 2 {
		return strings.Join(f, "")
	}
	return f[len(f)-1] + " " + strings.Join(f[:len(f)-1], " ")
}
