package service

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"tochuc"
	"tochuc/importer"
	"tochuc/store"
)

type planOld struct {
	line       int
	successors []string
	dissolve   bool
	children   map[string]string // child code → new code
	members    map[int64]string  // member id → new code
	document   string
}

// ApplyRestructure checks a whole plan and applies it in one transaction, or not at all: the
// report lists every row that cannot be applied.
func (s *Service) ApplyRestructure(ctx context.Context, rows []importer.PlanRow, dryRun bool) (*tochuc.ImportReport, error) {
	if err := s.wholeTree(ctx); err != nil {
		return nil, err
	}
	rep := &tochuc.ImportReport{Rows: len(rows)}
	if len(rows) == 0 {
		return rep, nil
	}
	d := rows[0].Date
	for _, r := range rows {
		if r.Date != d {
			rep.Reject(r.Line, "effective_date", string(r.Date), "mọi dòng của một phương án phải cùng ngày hiệu lực (%s)", d.Display())
		}
	}
	if rep.Failed() {
		return rep, nil
	}
	if err := s.ensureToday(ctx); err != nil {
		return nil, err
	}
	errRejected := errors.New("rejected")
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		var moves []memberMove
		tlog, err := s.applyTree(ctx, tx, d, func(t *tochuc.Tree, log *treeLog) error {
			var err error
			moves, err = planTree(ctx, tx, t, rows, d, rep, log)
			if err == nil && rep.Failed() {
				return errRejected
			}
			return err
		})
		if errors.Is(err, errRejected) {
			return err
		}
		if err != nil {
			var te *tochuc.Error
			if errors.As(err, &te) && !rep.Failed() {
				rep.Reject(0, "", "", "%s", te.Message)
				return errRejected
			}
			return err
		}
		if rep.Failed() {
			return errRejected
		}
		ids, err := tx.OrgIDsByCode(ctx)
		if err != nil {
			return err
		}
		for _, m := range moves {
			if err := s.appendEvent(ctx, tx, tochuc.MemberEvent{MemberID: m.memberID, Kind: tochuc.EventReassigned,
				Date: d, OrgID: ids[m.toCode], Document: rows[0].Document}); err != nil {
				rep.Reject(m.line, "member_id", fmt.Sprint(m.memberID), "%s", tochuc.ErrorMessage(err))
			}
		}
		rep.Moved = len(moves)
		rep.Updated = len(tlog.events)
		if rep.Failed() {
			return errRejected
		}
		if err := followGrants(ctx, tx, rows, d, ids); err != nil {
			return err
		}
		if dryRun {
			return errRejected
		}
		return tx.AppendAudit(ctx, importEntry(ctx, "restructure", rep))
	})
	if errors.Is(err, errRejected) {
		rep.Applied = false
		return rep, nil
	}
	if err != nil {
		return rep, err
	}
	rep.Applied = true
	s.changed()
	return rep, nil
}

// planTree applies the plan rows to the in-memory tree, rejecting rows it cannot apply.
func planTree(ctx context.Context, tx *store.Tx, t *tochuc.Tree, rows []importer.PlanRow, d tochuc.Date, rep *tochuc.ImportReport, log *treeLog) ([]memberMove, error) {
	olds := map[string]*planOld{}
	var order []string
	var founds, inPlace []importer.PlanRow
	for _, r := range rows {
		switch {
		case r.OldCode == "" && r.NewCode == "":
			rep.Reject(r.Line, "old_code", "", "dòng trống: cần mã cũ hoặc mã mới")
		case r.OldCode == "":
			founds = append(founds, r)
		case r.OldCode == r.NewCode && r.ChildCode == "" && r.MemberID == 0:
			inPlace = append(inPlace, r)
		default:
			if t.ByCode(r.OldCode) == nil {
				rep.Reject(r.Line, "old_code", r.OldCode, "không có tổ chức mã %q vào ngày %s", r.OldCode, d.Display())
				continue
			}
			o := olds[r.OldCode]
			if o == nil {
				o = &planOld{line: r.Line, children: map[string]string{}, members: map[int64]string{}, document: r.Document}
				olds[r.OldCode] = o
				order = append(order, r.OldCode)
			}
			switch {
			case r.NewCode == "":
				o.dissolve = true
			case r.ChildCode != "":
				o.children[r.ChildCode] = r.NewCode
			case r.MemberID != 0:
				o.members[r.MemberID] = r.NewCode
			default:
				o.successors = append(o.successors, r.NewCode)
				if r.NewName != "" && t.ByCode(r.NewCode) == nil {
					founds = append(founds, r) // the first mention of a new org may found it
				}
			}
		}
	}
	// Found new orgs, parents before children (a parent may be founded by the same plan).
	founded := map[string]bool{}
	for pending := founds; len(pending) > 0; {
		var next []importer.PlanRow
		for _, r := range pending {
			if founded[r.NewCode] {
				continue
			}
			if r.NewParentCode != "" && t.ByCode(r.NewParentCode) == nil {
				next = append(next, r)
				continue
			}
			if t.ByCode(r.NewCode) != nil {
				rep.Reject(r.Line, "new_code", r.NewCode, "mã %q đã tồn tại; không thể thành lập mới", r.NewCode)
				continue
			}
			if r.NewName == "" || !tochuc.ValidKind(r.NewKind) {
				rep.Reject(r.Line, "new_kind", r.NewKind, "thành lập tổ chức %q cần tên (new_name) và loại tổ chức (new_kind) hợp lệ", r.NewCode)
				continue
			}
			if err := setOrg(t, OrgInput{Code: r.NewCode, Name: r.NewName, Kind: r.NewKind, Setting: r.NewSetting,
				ParentCode: r.NewParentCode, AdminUnitCode: r.NewAdminUnit, Attrs: r.NewAttrs, Date: d, Document: r.Document}, log); err != nil {
				rep.Reject(r.Line, "new_code", r.NewCode, "%s", tochuc.ErrorMessage(err))
			}
			founded[r.NewCode] = true
		}
		if len(next) == len(pending) {
			for _, r := range next {
				rep.Reject(r.Line, "new_parent_code", r.NewParentCode, "không có tổ chức cấp trên mã %q", r.NewParentCode)
			}
			break
		}
		pending = next
	}
	for _, r := range inPlace {
		o := t.ByCode(r.OldCode)
		if o == nil {
			rep.Reject(r.Line, "old_code", r.OldCode, "không có tổ chức mã %q vào ngày %s", r.OldCode, d.Display())
			continue
		}
		in := OrgInput{Code: o.Code, Name: o.Name, Kind: o.Kind, Setting: o.Setting, AdminUnitCode: o.AdminUnitCode, Attrs: o.Attrs, Date: d, Document: r.Document}
		if p := t.ByID(o.ParentID); p != nil {
			in.ParentCode = p.Code
		}
		if r.NewName != "" {
			in.Name = r.NewName
		}
		if r.NewKind != "" {
			in.Kind = r.NewKind
		}
		if r.NewSetting != "" {
			in.Setting = r.NewSetting
		}
		if r.NewParentCode != "" {
			in.ParentCode = r.NewParentCode
		}
		if r.NewAdminUnit != "" {
			in.AdminUnitCode = r.NewAdminUnit
		}
		if r.NewAttrs != nil {
			in.Attrs = r.NewAttrs
		}
		if err := setOrg(t, in, log); err != nil {
			rep.Reject(r.Line, "new_parent_code", r.NewParentCode, "%s", tochuc.ErrorMessage(err))
		}
	}
	// Merges, splits and dissolutions. A successor must survive the plan.
	var moves []memberMove
	for _, code := range order {
		o := olds[code]
		old := t.ByCode(code)
		for _, sc := range o.successors {
			if olds[sc] != nil && sc != code {
				rep.Reject(o.line, "new_code", sc, "tổ chức kế thừa %q cũng bị sáp nhập/giải thể trong phương án này", sc)
			} else if t.ByCode(sc) == nil {
				rep.Reject(o.line, "new_code", sc, "không có tổ chức kế thừa mã %q (chưa được thành lập)", sc)
			}
		}
		valid := func(target string) bool {
			for _, sc := range o.successors {
				if sc == target {
					return true
				}
			}
			return false
		}
		for c, target := range o.children {
			if !valid(target) {
				rep.Reject(o.line, "child_code", c, "tổ chức trực thuộc %q được phân về %q, không phải tổ chức kế thừa của %q", c, target, code)
			}
		}
		for m, target := range o.members {
			if !valid(target) {
				rep.Reject(o.line, "member_id", fmt.Sprint(m), "đảng viên %d được phân về %q, không phải tổ chức kế thừa của %q", m, target, code)
			}
		}
		if old == nil || rep.Failed() {
			continue
		}
		members, err := tx.MembersPlacedOn(ctx, old.ID, d)
		if err != nil {
			return nil, err
		}
		if later, err := tx.MembersPlacedAfter(ctx, old.ID, d); err != nil {
			return nil, err
		} else if later > 0 {
			rep.Reject(o.line, "old_code", code, "%q có %d quá trình sinh hoạt của đảng viên bắt đầu sau ngày hiệu lực %s; hãy chuyển họ trước khi sắp xếp", code, later, d.Display())
			continue
		}
		children := t.Children(old.ID)
		if o.dissolve && len(o.successors) == 0 {
			if len(children) > 0 || len(members) > 0 {
				rep.Reject(o.line, "old_code", code, "không thể giải thể %q: còn %d tổ chức trực thuộc và %d đảng viên; hãy chỉ ra tổ chức kế thừa", code, len(children), len(members))
				continue
			}
			log.add(tochuc.OrgDissolve, code, o.document, "")
			t.Remove(old.ID)
			continue
		}
		target := func(assigned string) string {
			if assigned != "" {
				return assigned
			}
			if len(o.successors) == 1 {
				return o.successors[0]
			}
			return ""
		}
		for _, c := range children {
			if olds[c.Code] != nil && len(olds[c.Code].successors) > 0 {
				continue // the child itself goes away in this plan
			}
			to := target(o.children[c.Code])
			if to == "" {
				rep.Reject(o.line, "child_code", c.Code, "%q được chia tách cho %d tổ chức: cần dòng phân tổ chức trực thuộc %q (cột child_code)", code, len(o.successors), c.Code)
				continue
			}
			t.SetParent(c, t.ByCode(to).ID)
		}
		for _, m := range members {
			to := target(o.members[m])
			if to == "" {
				rep.Reject(o.line, "member_id", fmt.Sprint(m), "%q được chia tách: cần dòng phân đảng viên %d về một tổ chức kế thừa (cột member_id)", code, m)
				continue
			}
			moves = append(moves, memberMove{memberID: m, toCode: to, line: o.line})
		}
		kind := tochuc.OrgMerge
		if len(o.successors) > 1 {
			kind = tochuc.OrgSplit
		}
		succ := append([]string(nil), o.successors...)
		sort.Strings(succ)
		log.add(kind, code, o.document, fmt.Sprint(succ))
		t.Remove(old.ID)
	}
	if rep.Failed() {
		return nil, nil
	}
	return moves, nil
}

// followGrants lets roles follow the tree: a role held at an org merged away into exactly one
// successor is given at the successor too (the old grant stays, for the old org's history). A
// split is not followed: which part a clerk now serves is the admin's decision.
func followGrants(ctx context.Context, tx *store.Tx, rows []importer.PlanRow, d tochuc.Date, ids map[string]int64) error {
	succ := map[string]map[string]bool{}
	for _, r := range rows {
		if r.OldCode == "" || r.NewCode == "" || r.NewCode == r.OldCode {
			continue
		}
		if succ[r.OldCode] == nil {
			succ[r.OldCode] = map[string]bool{}
		}
		succ[r.OldCode][r.NewCode] = true
	}
	for old, news := range succ {
		if len(news) != 1 {
			continue
		}
		if ok, err := tx.OrgValidOn(ctx, ids[old], d); err != nil || ok {
			continue // the old org lives on: its roles stay where they are
		}
		var to string
		for n := range news {
			to = n
		}
		grants, err := tx.GrantsAt(ctx, ids[old])
		if err != nil {
			return err
		}
		for _, g := range grants {
			ng := tochuc.Grant{UserID: g.UserID, Role: g.Role, OrgID: ids[to], Restricted: g.Restricted}
			if err := tx.InsertGrant(ctx, ng); err != nil {
				return err
			}
			e := entry(ctx, tochuc.AuditGrant, "user", strconv.FormatInt(g.UserID, 10), ids[to])
			e.Changes = []tochuc.FieldChange{{Field: "role", Old: g.Role + "@" + old, New: g.Role + "@" + to}}
			e.Detail = "theo phương án sắp xếp ngày " + string(d)
			if err := tx.AppendAudit(ctx, e); err != nil {
				return err
			}
		}
	}
	return nil
}
