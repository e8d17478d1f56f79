package stats

import (
	"tochuc"
)

// Organizations. A count of organizations runs over the same tree as the member counts: the
// orgs of the subtree of an org as the tree stood on the date (the org itself included),
// grouped and filtered by the org dimensions (org_kind, setting and the org attributes).

// isOrgDim reports whether a dimension describes an org, not a member.
func isOrgDim(d dim) bool { return d.kind == dkKind || d.kind == dkSetting || d.kind == dkAttr }

func (s *Snapshot) orgPlan(q Query) (*plan, error) {
	p, err := s.plan(q.By, q.Filter, false)
	if err != nil {
		return nil, err
	}
	for _, d := range p.dims {
		if !isOrgDim(d) {
			return nil, tochuc.Errorf(tochuc.EINVALID, "chiều %q không dùng cho số tổ chức đảng; dùng org_kind, setting hoặc thuộc tính của tổ chức", d.name)
		}
	}
	return p, nil
}

// eachOrg calls fn for every org of the subtree on the date that passes the filters, with the
// grouping key.
func (s *Snapshot) eachOrg(q Query, p *plan, fn func(o int32, key uint64)) error {
	d := dayOf(string(q.AsOf))
	if d == 0 {
		return tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ", q.AsOf)
	}
	orgs, err := s.subtree(q.OrgID, d)
	if err != nil {
		return err
	}
orgs:
	for _, o := range orgs {
		ver := s.versionAt(o, d)
		var key uint64
		for j, dm := range p.dims {
			v := orgValue(dm, ver)
			if j >= p.nBy {
				if !dm.match(v) {
					continue orgs
				}
				continue
			}
			key = key*uint64(dm.card) + uint64(v)
		}
		fn(o, key)
	}
	return nil
}

// Orgs counts the organizations of the subtree of q.OrgID (the whole tree for 0) on q.AsOf,
// the org itself included, one row per combination of the By dimensions that has orgs. Only
// org dimensions are allowed.
func (s *Snapshot) Orgs(q Query) ([]Row, error) {
	p, err := s.orgPlan(q)
	if err != nil {
		return nil, err
	}
	g := newGrouper(p)
	if err := s.eachOrg(q, p, func(_ int32, key uint64) { g.add(key, 1) }); err != nil {
		return nil, err
	}
	return g.rows(s, p, ""), nil
}

// OrgTotal is the count of Orgs without grouping.
func (s *Snapshot) OrgTotal(q Query) (int64, error) {
	q.By = nil
	rows, err := s.Orgs(q)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	return rows[0].Count, nil
}

// OrgIDs lists the ids of the orgs a figure of Orgs counts (By is ignored; Filter narrows), in
// the order of the tree on the day: the drill-down of an org count.
func (s *Snapshot) OrgIDs(q Query) ([]int64, error) {
	q.By = nil
	p, err := s.orgPlan(q)
	if err != nil {
		return nil, err
	}
	var ids []int64
	err = s.eachOrg(q, p, func(o int32, _ uint64) { ids = append(ids, s.orgs[o].id) })
	return ids, err
}

// IsOrgDimension tells whether a dimension is an org's (its kind, setting or an attribute)
// rather than a member's: the only ones a count of organizations can be narrowed by.
func IsOrgDimension(name string) bool {
	_, member := colOf[name]
	return !member && name != DimStatus && name != DimAgeBand && name != DimPartyAgeBand
}
