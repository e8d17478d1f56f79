package service

import (
	"context"
	"fmt"
	"strings"

	"tochuc"
	"tochuc/store"
	"tochuc/vn"
)

// treeLog collects the events a tree change records, keyed by org code.
type treeLog struct {
	events []tochuc.OrgEvent
	moves  []memberMove // members to re-place because their org was merged or split away
}

type memberMove struct {
	memberID int64
	toCode   string
	line     int
}

func (l *treeLog) add(kind, code, document, detail string) {
	l.events = append(l.events, tochuc.OrgEvent{Kind: kind, OrgCode: code, Document: document, Detail: detail})
}

// applyTree loads the tree as it stands on date d, lets mutate change it in memory, validates
// the result and writes the difference as new versions dated d, all inside tx.
func (s *Service) applyTree(ctx context.Context, tx *store.Tx, d tochuc.Date, mutate func(t *tochuc.Tree, log *treeLog) error) (*treeLog, error) {
	orgs, err := tx.OrgsAsOf(ctx, d)
	if err != nil {
		return nil, err
	}
	before := tochuc.NewTree(orgs)
	after := before.Clone()
	log := &treeLog{}
	if err := mutate(after, log); err != nil {
		return nil, err
	}
	if err := after.Validate(); err != nil {
		return nil, err
	}
	if len(log.events) == 0 && len(log.moves) == 0 {
		return log, nil // nothing changes: re-applying a file is harmless
	}
	latest, err := tx.LatestOrgChange(ctx)
	if err != nil {
		return nil, err
	}
	if latest > d {
		return nil, tochuc.Errorf(tochuc.ECONFLICT, "cây tổ chức đã có thay đổi hiệu lực từ ngày %s; không thể ghi thay đổi có hiệu lực sớm hơn (%s)", latest.Display(), d.Display())
	}
	// Founded orgs get their real ids first: paths are built from ids.
	var founded []string
	tmp := map[string]int64{}
	for _, o := range after.Orgs() {
		if o.ID < 0 {
			founded = append(founded, o.Code)
			tmp[o.Code] = o.ID
		}
	}
	if len(founded) > 0 {
		ids, err := tx.InsertOrgs(ctx, founded)
		if err != nil {
			return nil, err
		}
		for _, code := range founded {
			after.Renumber(tmp[code], ids[code])
		}
	}
	if err := after.ComputePaths(); err != nil {
		return nil, err
	}
	for i := range log.events {
		e := &log.events[i]
		o := after.ByCode(e.OrgCode)
		if o == nil {
			o = before.ByCode(e.OrgCode)
		}
		if o == nil {
			return nil, fmt.Errorf("service: event for unknown org %s", e.OrgCode)
		}
		e.OrgID, e.Date = o.ID, d
	}
	if err := tx.InsertOrgEvents(ctx, log.events); err != nil {
		return nil, err
	}
	var closing []int64
	var versions []store.OrgVersion
	for _, o := range before.Orgs() {
		if after.ByID(o.ID) == nil {
			closing = append(closing, o.ID)
		}
	}
	for _, o := range after.Orgs() {
		old := before.ByID(o.ID)
		if old != nil && tochuc.Same(old, o) {
			continue
		}
		if old != nil {
			closing = append(closing, o.ID)
		}
		v := *o
		v.ValidFrom, v.ValidTo = d, tochuc.Forever
		versions = append(versions, store.OrgVersion{Org: v, SortKey: vn.SortKey(v.Name)})
	}
	if err := tx.CloseOrgVersions(ctx, closing, d); err != nil {
		return nil, err
	}
	if err := tx.InsertOrgVersions(ctx, versions); err != nil {
		return nil, err
	}
	return log, nil
}

// OrgInput is a found or change request for one org.
type OrgInput struct {
	Code          string
	Name          string
	Kind          string
	Setting       string
	ParentCode    string
	AdminUnitCode string
	Attrs         []string
	Date          tochuc.Date
	Document      string
}

func (in *OrgInput) normalize() {
	in.Code = strings.TrimSpace(in.Code)
	in.Name = vn.NFC(strings.TrimSpace(in.Name))
	in.Document = vn.NFC(strings.TrimSpace(in.Document))
}

// setOrg applies an input to an org of the tree (found, or change), logging what changed.
func setOrg(t *tochuc.Tree, in OrgInput, log *treeLog) error {
	var parentID int64
	if in.ParentCode != "" {
		p := t.ByCode(in.ParentCode)
		if p == nil {
			return tochuc.Errorf(tochuc.EINVALID, "tổ chức cấp trên %q không tồn tại vào ngày %s", in.ParentCode, in.Date.Display())
		}
		parentID = p.ID
	}
	o := t.ByCode(in.Code)
	if o == nil {
		_, err := t.Found(tochuc.Org{Code: in.Code, Name: in.Name, Kind: in.Kind, Setting: in.Setting,
			ParentID: parentID, AdminUnitCode: in.AdminUnitCode, Attrs: in.Attrs})
		if err != nil {
			return err
		}
		log.add(tochuc.OrgFound, in.Code, in.Document, in.Name)
		return nil
	}
	if o.Name != in.Name {
		log.add(tochuc.OrgRename, in.Code, in.Document, o.Name+" → "+in.Name)
		o.Name = in.Name
	}
	if o.ParentID != parentID {
		from := ""
		if p := t.ByID(o.ParentID); p != nil {
			from = p.Code
		}
		log.add(tochuc.OrgMove, in.Code, in.Document, from+" → "+in.ParentCode)
		t.SetParent(o, parentID)
	}
	if o.Kind != in.Kind || o.Setting != in.Setting || o.AdminUnitCode != in.AdminUnitCode || tochuc.JoinAttrs(o.Attrs) != tochuc.JoinAttrs(in.Attrs) {
		log.add(tochuc.OrgUpdate, in.Code, in.Document, "")
		o.Kind, o.Setting, o.AdminUnitCode, o.Attrs = in.Kind, in.Setting, in.AdminUnitCode, in.Attrs
	}
	return nil
}

// SaveOrg founds an org or records a change of it (rename, move, kind…) effective on in.Date.
func (s *Service) SaveOrg(ctx context.Context, in OrgInput) error {
	in.normalize()
	if in.Date == "" {
		in.Date = s.Today()
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, in.Date)
	if err != nil {
		return err
	}
	// The org itself (when it exists) and its new parent must both lie in the reach: nobody
	// moves an org out of, or into, a subtree they do not hold.
	if _, err := s.DB.OrgByCodeAsOf(ctx, in.Code, in.Date); err == nil {
		if _, err := s.orgIn(ctx, r, in.Code); err != nil {
			return err
		}
	}
	if in.ParentCode != "" {
		if _, err := s.orgIn(ctx, r, in.ParentCode); err != nil {
			return err
		}
	} else if !r.all {
		return notFoundOrg(in.Code, in.Date)
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		log, err := s.applyTree(ctx, tx, in.Date, func(t *tochuc.Tree, log *treeLog) error {
			return setOrg(t, in, log)
		})
		if err != nil {
			return err
		}
		return auditTree(ctx, tx, log, in.Date)
	})
	s.changed()
	return err
}

// DissolveOrg ends an org on a date; it must have no children and no members left by then.
func (s *Service) DissolveOrg(ctx context.Context, code string, d tochuc.Date, document string) error {
	r, err := s.reachFor(ctx, tochuc.PermWrite, d)
	if err != nil {
		return err
	}
	if _, err := s.orgIn(ctx, r, code); err != nil {
		return err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		log, err := s.applyTree(ctx, tx, d, func(t *tochuc.Tree, log *treeLog) error {
			o := t.ByCode(code)
			if o == nil {
				return tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy tổ chức %q vào ngày %s", code, d.Display())
			}
			if len(t.Children(o.ID)) > 0 {
				return tochuc.Errorf(tochuc.ECONFLICT, "tổ chức %q còn tổ chức trực thuộc; hãy chuyển hoặc giải thể chúng trước", code)
			}
			n, err := tx.CountPlacedOn(ctx, o.ID, d)
			if err != nil {
				return err
			}
			if n > 0 {
				return tochuc.Errorf(tochuc.ECONFLICT, "tổ chức %q còn %s đảng viên; hãy chuyển sinh hoạt trước khi giải thể", code, vn.FormatInt(int64(n)))
			}
			log.add(tochuc.OrgDissolve, code, document, "")
			t.Remove(o.ID)
			return nil
		})
		if err != nil {
			return err
		}
		return auditTree(ctx, tx, log, d)
	})
	s.changed()
	return err
}
