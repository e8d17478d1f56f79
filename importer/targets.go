package importer

import (
	"strconv"
	"strings"

	"tochuc"
	"tochuc/tabular"
	"tochuc/vn"
)

// TargetColumns are the columns of a target file (chỉ tiêu): a year, or a term from year_from
// to year_to; the figure ("members" or a flow name), an optional filter ("border=true"), the
// direction (at_least, at_most; "tối thiểu"/"tối đa" are read too), the target and a baseline.
var TargetColumns = []string{"org_code", "year", "year_from", "year_to", "figure", "filter", "direction", "target",
	"baseline", "label", "document"}

// TargetRow is one target read from a file; the service checks the figure and the org.
type TargetRow struct {
	Line      int
	OrgCode   string
	YearFrom  int
	YearTo    int
	Figure    string
	Filter    string
	Direction string
	Target    int64
	Baseline  *int64
	Label     string
	Document  string
}

func parseYear(rep *tochuc.ImportReport, line int, col, s string) int {
	y, err := strconv.Atoi(s)
	if err != nil || y < 1930 || y > 2200 {
		rep.Reject(line, col, s, "năm phải là số có bốn chữ số")
		return 0
	}
	return y
}

// parseCount reads a non-negative count written with or without thousands dots ("1.183").
func parseCount(rep *tochuc.ImportReport, line int, col, s string) (int64, bool) {
	n, err := strconv.ParseInt(strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), " ", ""), 10, 64)
	if err != nil || n < 0 {
		rep.Reject(line, col, s, "phải là số nguyên không âm")
		return 0, false
	}
	return n, true
}

// ParseDirection reads a direction: at_least / at_most or their Vietnamese names.
func ParseDirection(s string) (string, bool) {
	switch strings.ReplaceAll(vn.Fold(s), " ", "_") {
	case "", "at_least", "toi_thieu", "it_nhat", "tang":
		return "at_least", true
	case "at_most", "toi_da", "khong_qua", "keo_giam", "giam":
		return "at_most", true
	}
	return "", false
}

// ReadTargets reads a target file whole.
func ReadTargets(r tabular.Reader, rep *tochuc.ImportReport) []TargetRow {
	var out []TargetRow
	readAll(r, TargetColumns, []string{"org_code", "figure", "target"}, rep, func(h Header, row tabular.Row) {
		t := TargetRow{Line: row.Line, OrgCode: strings.TrimSpace(h.Get(row, "org_code")),
			Figure: strings.TrimSpace(h.Get(row, "figure")), Filter: strings.TrimSpace(h.Get(row, "filter")),
			Label: vn.NFC(strings.TrimSpace(h.Get(row, "label"))), Document: vn.NFC(strings.TrimSpace(h.Get(row, "document")))}
		if t.OrgCode == "" {
			rep.Reject(row.Line, "org_code", "", "thiếu mã tổ chức đảng")
		}
		if t.Figure == "" {
			rep.Reject(row.Line, "figure", "", "thiếu chỉ số")
		}
		y, yf, yt := h.Get(row, "year"), h.Get(row, "year_from"), h.Get(row, "year_to")
		switch {
		case y != "":
			t.YearFrom = parseYear(rep, row.Line, "year", y)
			t.YearTo = t.YearFrom
		case yf != "" && yt != "":
			t.YearFrom = parseYear(rep, row.Line, "year_from", yf)
			t.YearTo = parseYear(rep, row.Line, "year_to", yt)
			if t.YearFrom != 0 && t.YearTo != 0 && t.YearTo < t.YearFrom {
				rep.Reject(row.Line, "year_to", yt, "năm cuối nhiệm kỳ phải không trước năm đầu")
			}
		default:
			rep.Reject(row.Line, "year", "", "thiếu năm (hoặc từ năm, đến năm của nhiệm kỳ)")
		}
		if d, ok := ParseDirection(h.Get(row, "direction")); ok {
			t.Direction = d
		} else {
			rep.Reject(row.Line, "direction", h.Get(row, "direction"), "chiều phải là at_least (tối thiểu) hoặc at_most (tối đa, kéo giảm)")
		}
		if s := h.Get(row, "target"); s == "" {
			rep.Reject(row.Line, "target", "", "thiếu chỉ tiêu")
		} else {
			t.Target, _ = parseCount(rep, row.Line, "target", s)
		}
		if s := h.Get(row, "baseline"); s != "" {
			if n, ok := parseCount(rep, row.Line, "baseline", s); ok {
				t.Baseline = &n
			}
		}
		out = append(out, t)
	})
	return out
}
