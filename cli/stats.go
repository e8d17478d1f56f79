package cli

import (
	"encoding/csv"
	"strconv"

	"tochuc"
	"tochuc/service"
)

// cmdStats prints counts of members (stats members) or flows over a period (stats flows).
func cmdStats(env *Env, args []string) error {
	if len(args) == 0 || (args[0] != "members" && args[0] != "flows") {
		fs, _ := flags(env, "stats", "members --org MÃ [--as-of YYYY-MM-DD] [--by CHIỀU,…] [--children] [--format csv|json]\n  | flows --org MÃ --from YYYY-MM-DD --to YYYY-MM-DD [--by CHIỀU,…] [--children] [--format csv|json]")
		fs.Usage()
		return ErrUsage
	}
	sub := args[0]
	fs, dsn := flags(env, "stats "+sub, "--org MÃ [--by CHIỀU,…] [--children] [--format csv|json]")
	org := fs.String("org", "", "mã tổ chức (mặc định cả cây)")
	asOf := dateFlag(fs, "as-of", "ngày thống kê (mặc định hôm nay)")
	from := dateFlag(fs, "from", "ngày đầu kỳ (luồng)")
	to := dateFlag(fs, "to", "ngày cuối kỳ (luồng, mặc định hôm nay)")
	by := fs.String("by", "", "các chiều, cách nhau bằng dấu phẩy")
	children := fs.Bool("children", false, "thêm từng tổ chức trực thuộc")
	format := formatFlag(fs)
	if err := parse(fs, args[1:]); err != nil || helpAsked(args) {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	var dates [3]tochuc.Date
	for i, f := range []dateArg{asOf, from, to} {
		d, err := f.date()
		if err != nil {
			return err
		}
		dates[i] = d
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		dims := service.ParseDims(*by)
		var t *service.StatsTable
		var err error
		if sub == "members" {
			t, err = svc.StatsMembers(env.Ctx, *org, dates[0], dims, *children)
		} else {
			if dates[1] == "" {
				return tochuc.Errorf(tochuc.EINVALID, "thiếu --from: ngày đầu kỳ")
			}
			t, err = svc.StatsFlows(env.Ctx, *org, dates[1], dates[2], dims, *children)
		}
		if err != nil {
			return err
		}
		if format.json() {
			return writeJSON(env.Stdout, t)
		}
		w := csv.NewWriter(env.Stdout)
		head := []string{"org_code"}
		if sub == "flows" {
			head = append(head, "flow")
		}
		w.Write(append(append(head, t.By...), "count"))
		for _, o := range t.Orgs {
			for _, r := range o.Rows {
				row := []string{o.Code}
				if sub == "flows" {
					row = append(row, r.Flow)
				}
				w.Write(append(append(row, r.Values...), strconv.FormatInt(r.Count, 10)))
			}
		}
		w.Flush()
		return w.Error()
	})
}
