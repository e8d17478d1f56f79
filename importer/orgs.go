package importer

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/codes"
	"tochuc/tabular"
	"tochuc/vn"
)

// OrgColumns are the columns of the org CSV format; the first seven are the stable interface.
var OrgColumns = []string{"code", "name", "kind", "parent_code", "admin_unit_code", "valid_from", "valid_to",
	"setting", "attrs", "document", "members"}

// OrgRow is one org version read from a file.
type OrgRow struct {
	Line          int
	Code          string
	Name          string
	Kind          string
	Setting       string
	ParentCode    string
	AdminUnitCode string
	Attrs         []string
	ValidFrom     tochuc.Date
	ValidTo       tochuc.Date
	Document      string
}

// PlanColumns are the columns of a restructure plan.
var PlanColumns = []string{"old_code", "new_code", "effective_date", "document", "new_name", "new_kind",
	"new_setting", "new_parent_code", "new_admin_unit_code", "new_attrs", "child_code", "member_id"}

// PlanRow is one row of a restructure plan (sắp xếp tổ chức): old code → new code(s).
//
//   - OldCode empty: found NewCode with the New* fields.
//   - OldCode == NewCode: change the org in place (rename, move, kind) from the non-empty New* fields.
//   - OldCode → one NewCode: merge: children and members of OldCode move to NewCode, OldCode ends.
//   - OldCode → several NewCodes: split: every child (ChildCode) and every member (MemberID)
//     needs its own assignment row; an unassigned one makes the plan ambiguous.
//   - OldCode with NewCode empty: dissolve an org left with no children and no members.
type PlanRow struct {
	Line          int
	OldCode       string
	NewCode       string
	NewName       string
	NewKind       string
	NewSetting    string
	NewParentCode string
	NewAdminUnit  string
	NewAttrs      []string
	ChildCode     string
	MemberID      int64
	Date          tochuc.Date
	Document      string
}

// readAll reads every row of a small table (orgs, plans) with the given column set.
func readAll(r tabular.Reader, cols, required []string, rep *tochuc.ImportReport, each func(h Header, row tabular.Row)) {
	h, unknown := MapHeader(r.Header(), cols)
	for _, u := range unknown {
		rep.Warnings = append(rep.Warnings, tochuc.RowError{Line: 1, Value: u, Message: "cột không dùng đến: " + u})
	}
	for _, c := range required {
		if !h.Has(c) {
			rep.Reject(1, c, "", "tệp thiếu cột %s (%s)", c, tochuc.ColumnLabel(c))
		}
	}
	if rep.Failed() {
		return
	}
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		var le *tabular.LineError
		if errors.As(err, &le) {
			rep.Reject(le.Line, "", "", "%v", le.Err)
			continue
		} else if err != nil {
			rep.Reject(0, "", "", "không đọc được tệp: %v", err)
			return
		}
		rep.Rows++
		each(h, row)
	}
}

func parseDate(rep *tochuc.ImportReport, line int, col, s string, required bool) tochuc.Date {
	if s == "" {
		if required {
			rep.Reject(line, col, "", "thiếu %s", strings.ToLower(tochuc.ColumnLabel(col)))
		}
		return ""
	}
	t, err := vn.ParseDate(s)
	if err != nil {
		rep.Reject(line, col, s, "%v", err)
		return ""
	}
	return tochuc.DateOf(t)
}

func lookup(rep *tochuc.ImportReport, line int, col string, l codes.List, s string) string {
	if s == "" {
		return ""
	}
	c, ok := codes.Lookup(l, s, vn.Fold)
	if !ok {
		rep.Reject(line, col, s, "giá trị %q không có trong danh mục %s", s, strings.ToLower(tochuc.ColumnLabel(col)))
		return ""
	}
	return c.Code
}

func splitAttrs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' })
}

// ReadOrgs reads an org file whole (orgs number in the hundreds of thousands at most).
func ReadOrgs(r tabular.Reader, rep *tochuc.ImportReport) []OrgRow {
	var out []OrgRow
	readAll(r, OrgColumns, []string{"code", "name", "kind"}, rep, func(h Header, row tabular.Row) {
		o := OrgRow{Line: row.Line, Code: h.Get(row, "code"), Name: vn.NFC(h.Get(row, "name")),
			ParentCode: h.Get(row, "parent_code"), AdminUnitCode: h.Get(row, "admin_unit_code"),
			Attrs: splitAttrs(h.Get(row, "attrs")), Document: h.Get(row, "document")}
		if o.Code == "" {
			rep.Reject(row.Line, "code", "", "thiếu mã tổ chức")
		}
		if o.Name == "" {
			rep.Reject(row.Line, "name", "", "thiếu tên tổ chức")
		}
		if k := h.Get(row, "kind"); k == "" {
			rep.Reject(row.Line, "kind", "", "thiếu loại tổ chức")
		} else {
			o.Kind = lookup(rep, row.Line, "kind", codes.OrgKinds, k)
		}
		o.Setting = lookup(rep, row.Line, "setting", codes.Settings, h.Get(row, "setting"))
		o.ValidFrom = parseDate(rep, row.Line, "valid_from", h.Get(row, "valid_from"), true)
		if to := h.Get(row, "valid_to"); to != "" && to != tochuc.Forever {
			o.ValidTo = parseDate(rep, row.Line, "valid_to", to, false)
			if o.ValidTo != "" && o.ValidTo <= o.ValidFrom {
				rep.Reject(row.Line, "valid_to", to, "ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực")
			}
		}
		out = append(out, o)
	})
	return out
}

// ReadPlan reads a restructure plan whole.
func ReadPlan(r tabular.Reader, rep *tochuc.ImportReport) []PlanRow {
	var out []PlanRow
	readAll(r, PlanColumns, []string{"old_code", "new_code", "effective_date"}, rep, func(h Header, row tabular.Row) {
		p := PlanRow{Line: row.Line, OldCode: h.Get(row, "old_code"), NewCode: h.Get(row, "new_code"),
			NewName: vn.NFC(h.Get(row, "new_name")), NewParentCode: h.Get(row, "new_parent_code"),
			NewAdminUnit: h.Get(row, "new_admin_unit_code"), NewAttrs: splitAttrs(h.Get(row, "new_attrs")),
			ChildCode: h.Get(row, "child_code"), Document: h.Get(row, "document")}
		p.NewKind = lookup(rep, row.Line, "new_kind", codes.OrgKinds, h.Get(row, "new_kind"))
		p.NewSetting = lookup(rep, row.Line, "new_setting", codes.Settings, h.Get(row, "new_setting"))
		p.Date = parseDate(rep, row.Line, "effective_date", h.Get(row, "effective_date"), true)
		if s := h.Get(row, "member_id"); s != "" {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil || id <= 0 {
				rep.Reject(row.Line, "member_id", s, "mã đảng viên phải là số nguyên dương")
			}
			p.MemberID = id
		}
		out = append(out, p)
	})
	return out
}
