package cli

import (
	"encoding/csv"
	"fmt"
	"strconv"

	"tochuc"
	"tochuc/importer"
	"tochuc/service"
	"tochuc/tabular"
)

// cmdTarget enters targets (chỉ tiêu) and prints their progress: set, import FILE.csv, list.
func cmdTarget(env *Env, args []string) error {
	if len(args) == 0 || (args[0] != "set" && args[0] != "list" && args[0] != "import") {
		fs, _ := flags(env, "target", "set --org MÃ --year NĂM [--year-to NĂM] --figure CHỈ-SỐ [--filter border=true] [--direction at_least|at_most] --target N [--baseline N]\n"+
			"  | import TỆP.csv [--dry-run]\n  | list --org MÃ [--year NĂM] [--as-of YYYY-MM-DD] [--group THUỘC-TÍNH] [--format csv|json]")
		fs.Usage()
		return ErrUsage
	}
	sub := args[0]
	fs, dsn := flags(env, "target "+sub, "")
	org := fs.String("org", "", "mã tổ chức")
	year := fs.Int("year", 0, "năm (đầu nhiệm kỳ)")
	yearTo := fs.Int("year-to", 0, "năm cuối nhiệm kỳ (mặc định bằng --year)")
	figure := fs.String("figure", "", "chỉ số: members (đảng viên), orgs (tổ chức đảng, lọc theo org_kind, setting, thuộc tính) hoặc một luồng (admitted, removed…)")
	filter := fs.String("filter", "", "điều kiện, ví dụ border=true;sex=female")
	direction := fs.String("direction", "at_least", "at_least (tối thiểu) hoặc at_most (tối đa, kéo giảm)")
	target := fs.Int64("target", -1, "giá trị chỉ tiêu")
	baseline := fs.Int64("baseline", -1, "mốc ban đầu (không bắt buộc)")
	label := fs.String("label", "", "tên chỉ tiêu")
	document := fs.String("document", "", "văn bản giao chỉ tiêu (nghị quyết)")
	asOf := dateFlag(fs, "as-of", "tính đến ngày (mặc định hôm nay)")
	group := fs.String("group", "", "tiến độ của nhóm tổ chức có thuộc tính này (ví dụ border)")
	format := formatFlag(fs)
	dry := fs.Bool("dry-run", false, "chỉ kiểm tra, không ghi gì")
	pos, help, err := parsePositional(fs, args[1:])
	if help || err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	d, err := asOf.date()
	if err != nil {
		return err
	}
	if sub == "import" && len(pos) != 1 {
		fs.Usage()
		return ErrUsage
	}
	var tr tabular.Reader
	if sub == "import" {
		if tr, err = importer.OpenFile(pos[0], "auto"); err != nil {
			return tochuc.Errorf(tochuc.EINVALID, "không mở được tệp %s: %v", pos[0], err)
		}
		defer tr.Close()
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		switch sub {
		case "set":
			if *target < 0 {
				return tochuc.Errorf(tochuc.EINVALID, "thiếu --target: giá trị chỉ tiêu")
			}
			in := service.TargetInput{OrgCode: *org, YearFrom: *year, YearTo: *yearTo, Figure: *figure, Filter: *filter,
				Direction: *direction, Target: *target, Label: *label, Document: *document}
			if *baseline >= 0 {
				in.Baseline = baseline
			}
			id, err := svc.SetTarget(env.Ctx, in)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Đã ghi chỉ tiêu số %d.\n", id)
			return nil
		case "import":
			rep, err := readThenApply(func(first *tochuc.ImportReport) []importer.TargetRow { return importer.ReadTargets(tr, first) },
				func(rows []importer.TargetRow) (*tochuc.ImportReport, error) {
					return svc.ImportTargets(env.Ctx, rows, *dry)
				})
			if err != nil {
				return err
			}
			return reportImport(env, rep, pos[0], "", *dry)
		}
		if *group != "" {
			g, err := svc.TargetGroupProgress(env.Ctx, *org, *year, d, *group)
			if err != nil {
				return err
			}
			if format.json() {
				return writeJSON(env.Stdout, g)
			}
			w := csv.NewWriter(env.Stdout)
			w.Write([]string{"attribute", "orgs", "figure", "filter", "direction", "actual", "target", "percent", "achieved", "sentence"})
			for _, r := range g.Rows {
				w.Write([]string{g.Attribute, strconv.Itoa(len(g.Members)), r.Figure, r.Filter, r.Direction, strconv.FormatInt(r.Actual, 10),
					strconv.FormatInt(r.Target, 10), r.Percent, strconv.FormatBool(r.Achieved), r.Sentence})
			}
			w.Flush()
			return w.Error()
		}
		rep, err := svc.TargetProgress(env.Ctx, *org, *year, d)
		if err != nil {
			return err
		}
		if format.json() {
			return writeJSON(env.Stdout, rep)
		}
		w := csv.NewWriter(env.Stdout)
		w.Write([]string{"org_code", "year_from", "year_to", "figure", "filter", "direction", "from", "to", "actual", "target", "percent", "achieved", "sentence"})
		for _, p := range rep.Rows {
			w.Write([]string{rep.Code, strconv.Itoa(p.YearFrom), strconv.Itoa(p.YearTo), p.Figure, p.Filter, p.Direction, string(p.From), string(p.To),
				strconv.FormatInt(p.Actual, 10), strconv.FormatInt(p.Target.Target, 10), p.Percent, strconv.FormatBool(p.Achieved), p.Sentence})
		}
		w.Flush()
		return w.Error()
	})
}
