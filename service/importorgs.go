package service

import (
	"context"
	"errors"
	"sort"

	"tochuc"
	"tochuc/importer"
	"tochuc/store"
)

var errRollback = errors.New("rollback")

// ImportOrgs applies an org file: each row is an org as it stood from valid_from (found or
// change) until valid_to (dissolved). Rows are applied date by date in one transaction;
// rows that match the register change nothing, so importing a file twice is harmless.
func (s *Service) ImportOrgs(ctx context.Context, rows []importer.OrgRow, dryRun bool) (*tochuc.ImportReport, error) {
	if err := s.wholeTree(ctx); err != nil {
		return nil, err
	}
	rep := &tochuc.ImportReport{Rows: len(rows)}
	byDate := map[tochuc.Date][]importer.OrgRow{}
	starts := map[string]map[tochuc.Date]bool{}
	for _, r := range rows {
		byDate[r.ValidFrom] = append(byDate[r.ValidFrom], r)
		if starts[r.Code] == nil {
			starts[r.Code] = map[tochuc.Date]bool{}
		}
		starts[r.Code][r.ValidFrom] = true
	}
	ends := map[tochuc.Date][]importer.OrgRow{}
	for _, r := range rows {
		if r.ValidTo != "" && !starts[r.Code][r.ValidTo] {
			ends[r.ValidTo] = append(ends[r.ValidTo], r)
		}
	}
	var dates []tochuc.Date
	for d := range byDate {
		dates = append(dates, d)
	}
	for d := range ends {
		if byDate[d] == nil {
			dates = append(dates, d)
		}
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i] < dates[j] })
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		for _, d := range dates {
			log, err := s.applyTree(ctx, tx, d, func(t *tochuc.Tree, log *treeLog) error {
				pending := byDate[d]
				for len(pending) > 0 {
					var next []importer.OrgRow
					for _, r := range pending {
						if r.ParentCode != "" && t.ByCode(r.ParentCode) == nil {
							next = append(next, r)
							continue
						}
						in := OrgInput{Code: r.Code, Name: r.Name, Kind: r.Kind, Setting: r.Setting, ParentCode: r.ParentCode,
							AdminUnitCode: r.AdminUnitCode, Attrs: r.Attrs, Date: d, Document: r.Document}
						in.normalize()
						if err := setOrg(t, in, log); err != nil {
							rep.Reject(r.Line, "code", r.Code, "%s", tochuc.ErrorMessage(err))
						}
					}
					if len(next) == len(pending) {
						for _, r := range next {
							rep.Reject(r.Line, "parent_code", r.ParentCode, "không có tổ chức cấp trên mã %q vào ngày %s", r.ParentCode, d.Display())
						}
						break
					}
					pending = next
				}
				// Children end before their parents: deepest first.
				endRows := append([]importer.OrgRow(nil), ends[d]...)
				depth := func(code string) int {
					if o := t.ByCode(code); o != nil {
						return o.Depth
					}
					return -1
				}
				sort.SliceStable(endRows, func(i, j int) bool { return depth(endRows[i].Code) > depth(endRows[j].Code) })
				for _, r := range endRows {
					o := t.ByCode(r.Code)
					if o == nil {
						continue // already ended
					}
					if len(t.Children(o.ID)) > 0 {
						rep.Reject(r.Line, "valid_to", string(r.ValidTo), "không thể kết thúc %q ngày %s: còn tổ chức trực thuộc", r.Code, d.Display())
						continue
					}
					log.add(tochuc.OrgDissolve, r.Code, r.Document, "")
					t.Remove(o.ID)
				}
				if rep.Failed() {
					return errRollback
				}
				return nil
			})
			if errors.Is(err, errRollback) {
				return err
			}
			if err != nil {
				// A tree rule broken by the rows of this date: name the row of the org concerned.
				line, col := 0, ""
				var te *tochuc.Error
				if errors.As(err, &te) && te.Subject != "" {
					for _, r := range byDate[d] {
						if r.Code == te.Subject {
							line, col = r.Line, "parent_code"
						}
					}
				}
				rep.Reject(line, col, "", "ngày %s: %s", d.Display(), tochuc.ErrorMessage(err))
				return errRollback
			}
			// Count orgs, not events: one row may rename and move an org at once.
			touched := map[string]string{}
			for _, e := range log.events {
				if touched[e.OrgCode] != tochuc.OrgFound {
					touched[e.OrgCode] = e.Kind
				}
			}
			for _, kind := range touched {
				if kind == tochuc.OrgFound {
					rep.Created++
				} else {
					rep.Updated++
				}
			}
		}
		if dryRun {
			return errRollback
		}
		rep.Unchanged = max(rep.Rows-rep.Created-rep.Updated, 0)
		return tx.AppendAudit(ctx, importEntry(ctx, "orgs", rep))
	})
	if err != nil && !errors.Is(err, errRollback) {
		return rep, err
	}
	rep.Applied = err == nil
	rep.Unchanged = rep.Rows - rep.Created - rep.Updated
	if rep.Unchanged < 0 {
		rep.Unchanged = 0
	}
	if rep.Applied {
		s.changed()
	}
	return rep, nil
}
