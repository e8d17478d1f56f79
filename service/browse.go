package service

import (
	"context"
	"strings"
	"unicode"

	"tochuc"
	"tochuc/store"
	"tochuc/vn"
)

// OrgView is one org on a date with what the tree page shows around it.
type OrgView struct {
	Org       tochuc.Org
	Ancestors []tochuc.Org
	Children  []OrgCount
	Count     store.StatusCount // the whole subtree
	Direct    store.StatusCount // placed in the org itself
	Versions  []tochuc.Org
	Events    []tochuc.OrgEvent
}

// OrgCount is a child org with its subtree member count.
type OrgCount struct {
	tochuc.Org
	Count store.StatusCount
}

// ViewOrg reads an org (the root when code is empty) as it stood on day d.
func (s *Service) ViewOrg(ctx context.Context, code string, d tochuc.Date) (*OrgView, error) {
	r, err := s.reachFor(ctx, tochuc.PermCounts, d)
	if err != nil {
		return nil, err
	}
	o, err := s.orgOrHome(ctx, r, code)
	if err != nil {
		return nil, err
	}
	counts, err := s.subtreeCounts(ctx, d)
	if err != nil {
		return nil, err
	}
	v := &OrgView{Org: o, Count: counts[o.ID]}
	kids, err := s.DB.ChildrenAsOf(ctx, o.ID, d)
	if err != nil {
		return nil, err
	}
	var below store.StatusCount
	for _, k := range kids {
		v.Children = append(v.Children, OrgCount{k, counts[k.ID]})
		below = below.Plus(counts[k.ID])
	}
	v.Direct = store.StatusCount{Probationary: v.Count.Probationary - below.Probationary,
		Official: v.Count.Official - below.Official, Exempt: v.Count.Exempt - below.Exempt}
	for p := o.ParentID; p != 0; {
		a, err := s.DB.OrgByIDAsOf(ctx, p, d)
		if err != nil || !r.covers(a.Path) {
			break // the path above the reach is not shown
		}
		v.Ancestors = append([]tochuc.Org{a}, v.Ancestors...)
		p = a.ParentID
	}
	if v.Versions, err = s.DB.OrgVersions(ctx, o.ID); err != nil {
		return nil, err
	}
	if v.Events, err = s.DB.OrgEvents(ctx, o.ID); err != nil {
		return nil, err
	}
	return v, nil
}

// MemberList asks for one page of members.
type MemberList struct {
	OrgCode  string // "" = the whole tree
	AsOf     tochuc.Date
	Subtree  bool   // the whole subtree (true) or the org itself
	Query    string // name (diacritics optional), CCCD or card number
	Status   string
	Sex      string
	Page     int
	PageSize int
	// Filter narrows the list (the same filter drives exports). Query, Status and Sex above are
	// kept for existing callers: each applies when the filter's own field is empty.
	Filter MemberFilter
}

// MemberPage is a page of members and the count of all that match.
type MemberPage struct {
	Members []tochuc.Member
	Total   int
	Capped  bool // Total stopped counting at the search cap
	Page    int
	Pages   int
}

// SearchCap bounds the matches a name search counts: beyond it, people type more.
const SearchCap = 1000

// nameKey turns a typed name into the folded key, given name first: "nguyen thi yen mai" →
// "mai nguyen thi yen"; one word is a given-name prefix.
func nameKey(q string) string {
	toks := strings.Fields(vn.Fold(q))
	if len(toks) <= 1 {
		return strings.Join(toks, "")
	}
	return toks[len(toks)-1] + " " + strings.Join(toks[:len(toks)-1], " ")
}

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// filter is the list's filter with the legacy fields folded in.
func (in MemberList) filter() MemberFilter {
	f := in.Filter
	if f.Query == "" {
		f.Query = in.Query
	}
	if f.Status == "" {
		f.Status = in.Status
	}
	if f.Sex == "" {
		f.Sex = in.Sex
	}
	return f
}

// ListMembers returns one page of members placed in an org (or its subtree) on a date, in
// Vietnamese order, optionally filtered by a name, CCCD or card number.
func (s *Service) ListMembers(ctx context.Context, in MemberList) (*MemberPage, error) {
	if in.AsOf == "" {
		in.AsOf = s.Today()
	}
	if err := s.ensureToday(ctx); err != nil {
		return nil, err
	}
	if in.PageSize <= 0 || in.PageSize > 500 {
		in.PageSize = 50
	}
	if in.Page < 1 {
		in.Page = 1
	}
	r, limited, err := s.readReach(ctx, in.AsOf)
	if err != nil {
		return nil, err
	}
	q := store.MemberQuery{AsOf: in.AsOf, Today: in.AsOf == s.Today(),
		Offset: (in.Page - 1) * in.PageSize, Limit: in.PageSize}
	f := in.filter()
	if err := f.apply(&q); err != nil {
		return nil, err
	}
	var o tochuc.Org
	if in.OrgCode != "" {
		o, err = s.orgIn(ctx, r, in.OrgCode)
	} else {
		o, err = s.home(ctx, r)
		in.Subtree = true
	}
	if err != nil {
		return nil, err
	}
	if in.Subtree {
		if o.ParentID != 0 { // the whole tree needs no subtree condition
			q.OrgPath = o.Path
		}
	} else {
		q.OrgID = o.ID
	}
	if q.NameKey != "" {
		q.MaxCount = SearchCap
	}
	members, total, err := s.DB.ListMembers(ctx, q)
	if err != nil {
		return nil, err
	}
	if total == 0 && surnameFallback(&q, f.Query) {
		// Nothing by given name: the words may be a surname and middle name ("nguyen van").
		if members, total, err = s.DB.ListMembers(ctx, q); err != nil {
			return nil, err
		}
	}
	if limited {
		for i := range members {
			limit(&members[i])
		}
	}
	p := &MemberPage{Members: members, Total: total, Capped: q.MaxCount > 0 && total >= q.MaxCount, Page: in.Page}
	p.Pages = (total + in.PageSize - 1) / in.PageSize
	return p, nil
}
