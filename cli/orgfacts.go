package cli

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/importer"
	"tochuc/service"
	"tochuc/tabular"
	"tochuc/vn"
)

// OrgFactColumns are the columns of a file of org facts (số liệu nền): the org, the year, the
// population, the number of villages and residential groups and how many have a party cell
// (empty: derived from the cells whose setting is "village"), and the source document.
var OrgFactColumns = []string{"org_code", "year", "population", "villages", "villages_with_cell", "document"}

// cmdOrgFacts enters the facts the ratios need and prints the ratios: set, import, list.
func cmdOrgFacts(env *Env, args []string) error {
	if len(args) == 0 || (args[0] != "set" && args[0] != "list" && args[0] != "import") {
		fs, _ := flags(env, "orgfacts", "set --org MÃ --year NĂM [--population N] [--villages N] [--villages-with-cell N] [--document VĂN-BẢN]\n"+
			"  | import TỆP.csv|xlsx [--dry-run]   (cột: "+strings.Join(OrgFactColumns, ",")+")\n"+
			"  | list --org MÃ [--as-of YYYY-MM-DD] [--format csv|json]   (tỷ lệ của tổ chức và từng tổ chức trực thuộc)")
		fs.Usage()
		return ErrUsage
	}
	sub := args[0]
	fs, dsn := flags(env, "orgfacts "+sub, "")
	org := fs.String("org", "", "mã tổ chức")
	year := fs.Int("year", 0, "năm của số liệu")
	pop := fs.Int64("population", -1, "dân số")
	villages := fs.Int64("villages", -1, "số thôn, tổ dân phố")
	withCell := fs.Int64("villages-with-cell", -1, "số thôn, tổ dân phố có chi bộ (bỏ trống: tính từ các chi bộ có loại hình thôn, tổ dân phố)")
	document := fs.String("document", "", "nguồn số liệu (niên giám, quyết định)")
	asOf := dateFlag(fs, "as-of", "tại ngày (mặc định hôm nay)")
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
	var tr tabular.Reader
	if sub == "import" {
		if len(pos) != 1 {
			fs.Usage()
			return ErrUsage
		}
		if tr, err = importer.OpenFile(pos[0], "auto"); err != nil {
			return tochuc.Errorf(tochuc.EINVALID, "không mở được tệp %s: %v", pos[0], err)
		}
		defer tr.Close()
	}
	opt := func(v int64) *int64 {
		if v < 0 {
			return nil
		}
		return &v
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		switch sub {
		case "set":
			id, err := svc.SetOrgFact(env.Ctx, service.OrgFactInput{OrgCode: *org, Year: *year, Population: opt(*pop),
				Villages: opt(*villages), VillagesWithCell: opt(*withCell), Document: *document})
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Đã ghi số liệu nền số %d.\n", id)
			return nil
		case "import":
			rep, err := readThenApply(func(first *tochuc.ImportReport) []service.OrgFactInput { return readOrgFacts(tr, first) },
				func(rows []service.OrgFactInput) (*tochuc.ImportReport, error) {
					return svc.ImportOrgFacts(env.Ctx, rows, *dry)
				})
			if err != nil {
				return err
			}
			return reportImport(env, rep, pos[0], "", *dry)
		}
		v, err := svc.Ratios(env.Ctx, *org, d)
		if err != nil {
			return err
		}
		if format.json() {
			return writeJSON(env.Stdout, v)
		}
		w := csv.NewWriter(env.Stdout)
		w.Write([]string{"org_code", "as_of", "members", "population", "members_covered", "population_units", "per_population",
			"villages", "villages_with_cell", "village_units", "village_share", "units", "units_without_population", "units_without_villages"})
		for _, r := range append([]service.Ratio{v.Ratio}, v.Children...) {
			w.Write([]string{r.OrgCode, string(v.AsOf), factItoa(r.Members), factItoa(r.Population), factItoa(r.MembersCovered), strconv.Itoa(r.PopulationUnits),
				r.PerPopulation, factItoa(r.Villages), factItoa(r.VillagesWithCell), strconv.Itoa(r.VillageUnits), r.VillageShare,
				strconv.Itoa(r.Units), strconv.Itoa(r.NoPopulation), strconv.Itoa(r.NoVillages)})
		}
		w.Flush()
		return w.Error()
	})
}

func factItoa(n int64) string { return strconv.FormatInt(n, 10) }

// readOrgFacts reads a file of org facts; headers are the column names (or their folded
// Vietnamese labels), numbers may carry thousands dots ("12.500").
func readOrgFacts(r tabular.Reader, rep *tochuc.ImportReport) []service.OrgFactInput {
	at := map[string]int{}
	for i, h := range r.Header() {
		k := strings.ReplaceAll(vn.Fold(strings.TrimSpace(h)), " ", "_")
		for _, c := range OrgFactColumns {
			if k == c || k == strings.ReplaceAll(vn.Fold(tochuc.ColumnLabel(c)), " ", "_") {
				at[c] = i
			}
		}
	}
	for _, c := range []string{"org_code", "year"} {
		if _, ok := at[c]; !ok {
			rep.Reject(1, c, "", "tệp thiếu cột %s", c)
		}
	}
	if rep.Failed() {
		return nil
	}
	get := func(row tabular.Row, c string) string {
		if i, ok := at[c]; ok && i < len(row.Cells) {
			return strings.TrimSpace(row.Cells[i])
		}
		return ""
	}
	var out []service.OrgFactInput
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			rep.Reject(0, "", "", "không đọc được tệp: %v", err)
			return out
		}
		if row.Empty() {
			continue
		}
		in := service.OrgFactInput{Line: row.Line, OrgCode: get(row, "org_code"), Document: get(row, "document")}
		y, err := strconv.Atoi(get(row, "year"))
		if err != nil {
			rep.Reject(row.Line, "year", get(row, "year"), "năm phải là số có bốn chữ số")
		}
		in.Year = y
		for _, c := range []struct {
			col string
			p   **int64
		}{{"population", &in.Population}, {"villages", &in.Villages}, {"villages_with_cell", &in.VillagesWithCell}} {
			s := strings.ReplaceAll(strings.ReplaceAll(get(row, c.col), ".", ""), " ", "")
			if s == "" {
				continue
			}
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n < 0 {
				rep.Reject(row.Line, c.col, get(row, c.col), "phải là số nguyên không âm")
				continue
			}
			*c.p = &n
		}
		out = append(out, in)
	}
}
