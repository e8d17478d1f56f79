package service

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/stats"
	"tochuc/store"
	"tochuc/vn"
)

// Ratios need denominators the register does not hold: the population of an area and its
// villages and residential groups (thôn, ấp, bản, tổ dân phố). A clerk enters them per org and
// year (OrgFact); the figure of a year serves the following years until a newer one is entered.
// The number of villages with a party cell is entered too, or derived from the cells whose
// setting is "village" (codes.Settings) on the date.

// SettingVillage is the setting of a cell of a village or residential group.
const SettingVillage = "village"

// communeSettings are the settings of the units that are expected to enter population and
// villages: communes, wards, townships and special zones (before and after 2025).
var communeSettings = map[string]bool{"commune": true, "ward": true, "township": true, "special_zone": true}

// communeLevel reports whether an org is a commune-level unit, which should enter its facts.
func communeLevel(o tochuc.Org) bool {
	return o.Kind == tochuc.KindCommune || communeSettings[o.Setting]
}

// OrgFactInput is the facts of an org for a year as entered; a nil figure is not entered.
type OrgFactInput struct {
	Line             int    `json:"-"` // the line of an imported file
	OrgCode          string `json:"org_code"`
	Year             int    `json:"year"`
	Population       *int64 `json:"population"`
	Villages         *int64 `json:"villages"`
	VillagesWithCell *int64 `json:"villages_with_cell"`
	Document         string `json:"document"`
}

// checkOrgFact validates a row of facts; it names the column at fault.
func checkOrgFact(in *OrgFactInput) (string, error) {
	if in.Year < 1930 || in.Year > 2200 {
		return "year", tochuc.Errorf(tochuc.EINVALID, "năm %d không hợp lệ", in.Year)
	}
	if in.Population == nil && in.Villages == nil && in.VillagesWithCell == nil {
		return "population", tochuc.Errorf(tochuc.EINVALID, "chưa nhập số liệu nào: dân số, số thôn, tổ dân phố hoặc số có chi bộ")
	}
	for col, p := range map[string]*int64{"population": in.Population, "villages": in.Villages, "villages_with_cell": in.VillagesWithCell} {
		if p != nil && *p < 0 {
			return col, tochuc.Errorf(tochuc.EINVALID, "số liệu phải là số không âm")
		}
	}
	if in.Villages != nil && in.VillagesWithCell != nil && *in.VillagesWithCell > *in.Villages {
		return "villages_with_cell", tochuc.Errorf(tochuc.EINVALID, "số thôn, tổ dân phố có chi bộ (%s) lớn hơn tổng số thôn, tổ dân phố (%s)",
			vn.FormatInt(*in.VillagesWithCell), vn.FormatInt(*in.Villages))
	}
	in.Document = strings.TrimSpace(vn.NFC(in.Document))
	if len([]rune(in.Document)) > 200 {
		return "document", tochuc.Errorf(tochuc.EINVALID, "nguồn số liệu quá dài")
	}
	return "", nil
}

func orgFactDetail(f store.OrgFact, code string) string {
	d := fmt.Sprintf("số liệu nền %s năm %d:", code, f.Year)
	show := func(name string, p *int64) {
		if p != nil {
			d += " " + name + " " + vn.FormatInt(*p) + ";"
		}
	}
	show("dân số", f.Population)
	show("thôn, tổ dân phố", f.Villages)
	show("có chi bộ", f.VillagesWithCell)
	return strings.TrimSuffix(d, ";")
}

func orgFactOf(in OrgFactInput, orgID int64) store.OrgFact {
	return store.OrgFact{OrgID: orgID, Year: in.Year, Population: in.Population, Villages: in.Villages,
		VillagesWithCell: in.VillagesWithCell, Document: in.Document}
}

// SetOrgFact enters or replaces the facts of an org for a year (write permission over the org
// today); audited.
func (s *Service) SetOrgFact(ctx context.Context, in OrgFactInput) (int64, error) {
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return 0, err
	}
	o, err := s.orgIn(ctx, r, strings.TrimSpace(in.OrgCode))
	if err != nil {
		return 0, err
	}
	if _, err := checkOrgFact(&in); err != nil {
		return 0, err
	}
	f := orgFactOf(in, o.ID)
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.SetOrgFact(ctx, &f); err != nil {
			return err
		}
		e := entry(ctx, "orgfacts.set", "org_facts", strconv.FormatInt(f.ID, 10), o.ID)
		e.Detail = orgFactDetail(f, o.Code)
		return tx.AppendAudit(ctx, e)
	})
	return f.ID, err
}

// ImportOrgFacts enters the facts of a file: all rows or none. Each row's org must be in the
// actor's write reach today; an org and year repeated in the file is refused.
func (s *Service) ImportOrgFacts(ctx context.Context, rows []OrgFactInput, dryRun bool) (*tochuc.ImportReport, error) {
	rep := &tochuc.ImportReport{Rows: len(rows)}
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return nil, err
	}
	var fs []store.OrgFact
	seen := map[string]int{}
	for _, row := range rows {
		o, err := s.orgIn(ctx, r, strings.TrimSpace(row.OrgCode))
		if err != nil {
			rep.Reject(row.Line, "org_code", row.OrgCode, "không tìm thấy tổ chức đảng mã %q", row.OrgCode)
			continue
		}
		if col, err := checkOrgFact(&row); err != nil {
			rep.Reject(row.Line, col, "", "%s", tochuc.ErrorMessage(err))
			continue
		}
		key := fmt.Sprintf("%d|%d", o.ID, row.Year)
		if first, dup := seen[key]; dup {
			rep.Reject(row.Line, "year", strconv.Itoa(row.Year), "trùng tổ chức và năm với dòng %d", first)
			continue
		}
		seen[key] = row.Line
		fs = append(fs, orgFactOf(row, o.ID))
	}
	return importAll(ctx, s, rep, dryRun, fs, (*store.Tx).SetOrgFact, func() *tochuc.AuditEntry {
		e := entry(ctx, "orgfacts.import", "org_facts", "", 0)
		e.Detail = fmt.Sprintf("nhập số liệu nền của %d tổ chức (%d mới, %d sửa)", len(fs), rep.Created, rep.Updated)
		return e
	})
}

// importAll ends an import whose rows all passed (else, or with dryRun, it only returns the
// report): it enters the rows in one transaction with set, counting those created and updated
// in rep, and appends the audit entry audit makes (after the rows: it may read the counts).
func importAll[T any](ctx context.Context, s *Service, rep *tochuc.ImportReport, dryRun bool, rows []T,
	set func(*store.Tx, context.Context, *T) (bool, error), audit func() *tochuc.AuditEntry) (*tochuc.ImportReport, error) {
	if rep.Failed() || dryRun {
		return rep, nil
	}
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		for i := range rows {
			created, err := set(tx, ctx, &rows[i])
			if err != nil {
				return err
			}
			if created {
				rep.Created++
			} else {
				rep.Updated++
			}
		}
		return tx.AppendAudit(ctx, audit())
	})
	if err != nil {
		return nil, err
	}
	rep.Applied = true
	return rep, nil
}

// Ratio is the ratios of the subtree of an org on a date. Population and villages are summed
// over the topmost units of the subtree that entered them (a unit's figure covers its whole
// subtree; figures entered below it are not added again); the members are those of the
// covered units, so the ratio compares like with like.
type Ratio struct {
	OrgCode string `json:"org_code"`
	OrgName string `json:"org_name"`
	Members int64  `json:"members"` // every member of the subtree on the date

	Population      int64  `json:"population"`       // sum over the units that entered it
	PopulationUnits int    `json:"population_units"` // how many units it sums
	MembersCovered  int64  `json:"members_covered"`  // the members of those units
	PerPopulation   string `json:"per_population"`   // members covered / population, "2,35%"; "" without population

	Villages         int64  `json:"villages"`           // thôn, tổ dân phố of the units that entered them
	VillagesWithCell int64  `json:"villages_with_cell"` // of them, with a party cell
	VillageUnits     int    `json:"village_units"`
	DerivedUnits     int    `json:"derived_units"` // units whose villages with a cell come from the cells' setting
	VillageShare     string `json:"village_share"` // "86,67%"; "" without villages

	Units        int `json:"units"`         // commune-level units in the subtree
	NoPopulation int `json:"no_population"` // of them, with no population entered (by themselves or above)
	NoVillages   int `json:"no_villages"`   // of them, with no number of villages entered

	popNum, shareNum float64 // for sorting; -1 when missing
}

// ratioOf computes the ratio of the subtree at orgs[i] (orgs in path order).
func ratioOf(snap *stats.Snapshot, orgs []tochuc.Org, i int, facts map[int64]store.OrgFact, d tochuc.Date) (Ratio, error) {
	root := orgs[i]
	out := Ratio{OrgCode: root.Code, OrgName: root.Name, popNum: -1, shareNum: -1}
	var err error
	if out.Members, err = snap.Total(stats.Query{OrgID: root.ID, AsOf: d}); err != nil {
		return out, err
	}
	popCover, vilCover := "\x00", "\x00" // the path of the unit whose figure covers the current org
	for j := i; j < len(orgs) && strings.HasPrefix(orgs[j].Path, root.Path); j++ {
		o := orgs[j]
		f, has := facts[o.ID]
		if !strings.HasPrefix(o.Path, popCover) && has && f.Population != nil {
			popCover = o.Path
			out.Population += *f.Population
			out.PopulationUnits++
			n, err := snap.Total(stats.Query{OrgID: o.ID, AsOf: d})
			if err != nil {
				return out, err
			}
			out.MembersCovered += n
		}
		if !strings.HasPrefix(o.Path, vilCover) && has && f.Villages != nil {
			vilCover = o.Path
			out.Villages += *f.Villages
			out.VillageUnits++
			if f.VillagesWithCell != nil {
				out.VillagesWithCell += *f.VillagesWithCell
			} else {
				out.DerivedUnits++
				var cells int64
				for k := j + 1; k < len(orgs) && strings.HasPrefix(orgs[k].Path, o.Path); k++ {
					if orgs[k].Setting == SettingVillage {
						cells++
					}
				}
				out.VillagesWithCell += min(cells, *f.Villages)
			}
		}
		if communeLevel(o) {
			out.Units++
			if !strings.HasPrefix(o.Path, popCover) {
				out.NoPopulation++
			}
			if !strings.HasPrefix(o.Path, vilCover) {
				out.NoVillages++
			}
		}
	}
	if out.Population > 0 {
		out.PerPopulation = vn.FormatPercent(out.MembersCovered, out.Population)
		out.popNum = float64(out.MembersCovered) / float64(out.Population)
	}
	if out.Villages > 0 {
		out.VillageShare = vn.FormatPercent(out.VillagesWithCell, out.Villages)
		out.shareNum = float64(out.VillagesWithCell) / float64(out.Villages)
	}
	return out, nil
}

// ratioCtx is what the ratios of several orgs on one date share.
type ratioCtx struct {
	snap  *stats.Snapshot
	orgs  []tochuc.Org // every org of the date, in path order
	at    map[int64]int
	facts map[int64]store.OrgFact
	d     tochuc.Date
}

func (s *Service) newRatioCtx(ctx context.Context, d tochuc.Date) (*ratioCtx, error) {
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	fos, err := s.foldedOrgs(ctx, d)
	if err != nil {
		return nil, err
	}
	rc := &ratioCtx{snap: snap, orgs: make([]tochuc.Org, len(fos)), at: make(map[int64]int, len(fos)), d: d}
	for i, fo := range fos {
		rc.orgs[i] = fo.org
	}
	sort.SliceStable(rc.orgs, func(i, j int) bool { return rc.orgs[i].Path < rc.orgs[j].Path })
	for i, o := range rc.orgs {
		rc.at[o.ID] = i
	}
	year, _ := strconv.Atoi(string(d[:4]))
	if rc.facts, err = s.DB.OrgFactsUpTo(ctx, year); err != nil {
		return nil, err
	}
	return rc, nil
}

func (rc *ratioCtx) ratio(o tochuc.Org) (Ratio, error) {
	i, ok := rc.at[o.ID]
	if !ok {
		return Ratio{}, notFoundOrg(o.Code, rc.d)
	}
	return ratioOf(rc.snap, rc.orgs, i, rc.facts, rc.d)
}

// OrgFactsView is the facts page of an org: the ratios of its subtree and of each direct
// child on a date, and the facts entered for the org and its subtree.
type OrgFactsView struct {
	Org      tochuc.Org      `json:"-"`
	Code     string          `json:"org_code"`
	AsOf     tochuc.Date     `json:"as_of"`
	Ratio    Ratio           `json:"ratio"`
	Children []Ratio         `json:"children"`
	Facts    []store.OrgFact `json:"facts"`
}

// Ratios computes the ratios of the subtree of an org (the actor's home org when code is
// empty) and of each direct child on day d (today when empty), with the facts entered in the
// subtree. Counts permission over the org; figures name nobody and are not audited.
func (s *Service) Ratios(ctx context.Context, code string, d tochuc.Date) (*OrgFactsView, error) {
	o, d, err := s.progressOrg(ctx, code, d)
	if err != nil {
		return nil, err
	}
	rc, err := s.newRatioCtx(ctx, d)
	if err != nil {
		return nil, err
	}
	out := &OrgFactsView{Org: o, Code: o.Code, AsOf: d, Children: []Ratio{}, Facts: []store.OrgFact{}}
	if out.Ratio, err = rc.ratio(o); err != nil {
		return nil, err
	}
	var ids []int64
	for j := rc.at[o.ID]; j < len(rc.orgs) && strings.HasPrefix(rc.orgs[j].Path, o.Path); j++ {
		k := rc.orgs[j]
		ids = append(ids, k.ID)
		if k.ParentID == o.ID {
			r, err := rc.ratio(k)
			if err != nil {
				return nil, err
			}
			out.Children = append(out.Children, r)
		}
	}
	facts, err := s.DB.OrgFactsOfOrgs(ctx, ids)
	if err != nil {
		return nil, err
	}
	if facts != nil {
		out.Facts = facts
	}
	return out, nil
}
