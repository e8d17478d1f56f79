package service

import (
	"context"
	"slices"
	"strings"
	"sync"

	"tochuc"
	"tochuc/store"
	"tochuc/vn"
)

// DueLimit is how many members with a probation ending the dashboard lists.
const DueLimit = 20

// DueWindow is how many days ahead an ending probation becomes an item due.
const DueWindow = 30

// Dashboard is the home page of a subtree on a date.
type Dashboard struct {
	Org  tochuc.Org
	AsOf tochuc.Date
	Year string // the calendar year of AsOf: the "this year" figures run from 1 January to AsOf
	store.DashboardFigures
	DueCount int       // probationary members whose probation ends within DueWindow days or has ended
	Due      []DueItem // the first DueLimit of them, oldest first; only for readers of members
	DueNames bool      // the actor may read the names (Due is filled)
}

// DueItem is a probationary member with the day the 12-month probation ends.
type DueItem struct {
	store.DueMember
	Ends    tochuc.Date
	Overdue bool // the probation ended on or before the date without recognition
}

// Total is every member counted on the date.
func (d *Dashboard) Total() int64 { return d.Count.Total() }

// ProbationEnds is the day a probation started on start ends: twelve months later.
func ProbationEnds(start tochuc.Date) tochuc.Date {
	return tochuc.DateOf(start.Time().AddDate(1, 0, 0))
}

// Dashboard computes the figures of the subtree of an org (the actor's home org when code is
// empty) on day d. Everyone with counts in the subtree gets the figures; the names of the items
// due only those who may read its members.
func (s *Service) Dashboard(ctx context.Context, code string, d tochuc.Date) (*Dashboard, error) {
	if d == "" {
		d = s.Today()
	}
	r, err := s.reachFor(ctx, tochuc.PermCounts, d)
	if err != nil {
		return nil, err
	}
	var o tochuc.Org
	if code == "" {
		o, err = s.home(ctx, r)
	} else {
		o, err = s.orgIn(ctx, r, code)
	}
	if err != nil {
		return nil, err
	}
	if err := s.ensureToday(ctx); err != nil {
		return nil, err
	}
	path := o.Path
	if o.ParentID == 0 {
		path = "" // the whole tree needs no subtree condition
	}
	out := &Dashboard{Org: o, AsOf: d, Year: string(d[:4])}
	cached, ok := s.dashCached(o.ID, d)
	if ok {
		out.DashboardFigures, out.DueCount = cached.figures, cached.dueCount
	} else {
		if out.DashboardFigures, err = s.DB.Dashboard(ctx, path, d, d == s.Today()); err != nil {
			return nil, err
		}
	}
	cutoff := tochuc.DateOf(d.AddDays(DueWindow).Time().AddDate(-1, 0, 0))
	a := tochuc.ActorFrom(ctx)
	if a.Can(tochuc.PermRead) || a.Can(tochuc.PermReadLimited) {
		// Names need a read grant over this org, not only counts.
		if rr, _, err := s.readReach(ctx, d); err == nil && rr.covers(o.Path) {
			out.DueNames = true
		}
	}
	if out.DueNames || !ok {
		limit := DueLimit
		if !out.DueNames {
			limit = 0
		}
		due, n, err := s.DB.ProbationDue(ctx, path, d, cutoff, limit)
		if err != nil {
			return nil, err
		}
		out.DueCount = n
		for _, m := range due {
			ends := ProbationEnds(m.Start)
			out.Due = append(out.Due, DueItem{DueMember: m, Ends: ends, Overdue: ends <= d})
		}
	}
	if !ok {
		s.dashStore(o.ID, d, dashEntry{figures: out.DashboardFigures, dueCount: out.DueCount})
	}
	return out, nil
}

// The dashboard figures of a large subtree read millions of rows: they are kept until the next
// write, like the subtree counts.
type dashKey struct {
	svc *Service
	org int64
	d   tochuc.Date
	gen int64
}

type dashEntry struct {
	figures  store.DashboardFigures
	dueCount int
}

var (
	dashMu    sync.Mutex
	dashCache = map[dashKey]dashEntry{}
	orgsCache = map[dashKey][]foldedOrg{}
)

func (s *Service) generation() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen
}

func (s *Service) dashCached(org int64, d tochuc.Date) (dashEntry, bool) {
	k := dashKey{s, org, d, s.generation()}
	dashMu.Lock()
	defer dashMu.Unlock()
	e, ok := dashCache[k]
	return e, ok
}

func (s *Service) dashStore(org int64, d tochuc.Date, e dashEntry) {
	k := dashKey{s, org, d, s.generation()}
	dashMu.Lock()
	defer dashMu.Unlock()
	if len(dashCache) >= 256 {
		clear(dashCache)
	}
	dashCache[k] = e
}

// foldedOrg is an org with its folded name, for searching.
type foldedOrg struct {
	org  tochuc.Org
	fold string
}

// OrgHit is an org found by a search, with its subtree member count.
type OrgHit struct {
	tochuc.Org
	Count store.StatusCount
}

// OrgSearchLimit bounds the orgs a search returns.
const OrgSearchLimit = 100

// SearchOrgs finds the orgs of day d within the actor's reach whose name contains every word
// typed (diacritics and case ignored) or whose code starts with the text typed. Exact codes
// come first, then wider orgs, then by path. total counts every match.
func (s *Service) SearchOrgs(ctx context.Context, q string, d tochuc.Date) (hits []OrgHit, total int, err error) {
	if d == "" {
		d = s.Today()
	}
	r, err := s.reachFor(ctx, tochuc.PermCounts, d)
	if err != nil {
		return nil, 0, err
	}
	q = strings.TrimSpace(vn.NFC(q))
	words := strings.Fields(vn.Fold(q))
	if len(words) == 0 {
		return nil, 0, nil
	}
	orgs, err := s.foldedOrgs(ctx, d)
	if err != nil {
		return nil, 0, err
	}
	upper := strings.ToUpper(q)
	var found []tochuc.Org
	for _, fo := range orgs {
		if !r.covers(fo.org.Path) {
			continue
		}
		match := strings.HasPrefix(strings.ToUpper(fo.org.Code), upper)
		if !match {
			match = true
			for _, w := range words {
				if !strings.Contains(fo.fold, w) {
					match = false
					break
				}
			}
		}
		if match {
			found = append(found, fo.org)
		}
	}
	slices.SortStableFunc(found, func(a, b tochuc.Org) int {
		ea, eb := strings.EqualFold(a.Code, q), strings.EqualFold(b.Code, q)
		if ea != eb {
			if ea {
				return -1
			}
			return 1
		}
		return a.Depth - b.Depth
	})
	total = len(found)
	if len(found) > OrgSearchLimit {
		found = found[:OrgSearchLimit]
	}
	counts, err := s.SubtreeCounts(ctx, d)
	if err != nil {
		return nil, 0, err
	}
	for _, o := range found {
		hits = append(hits, OrgHit{o, counts[o.ID]})
	}
	return hits, total, nil
}

// foldedOrgs is every org of day d with its folded name, in path order, kept until the next
// write (a search folds the names once, not on every keystroke).
func (s *Service) foldedOrgs(ctx context.Context, d tochuc.Date) ([]foldedOrg, error) {
	k := dashKey{s, 0, d, s.generation()}
	dashMu.Lock()
	c, ok := orgsCache[k]
	dashMu.Unlock()
	if ok {
		return c, nil
	}
	orgs, err := s.DB.OrgsAsOf(ctx, d)
	if err != nil {
		return nil, err
	}
	out := make([]foldedOrg, len(orgs))
	for i, o := range orgs {
		out[i] = foldedOrg{o, vn.Fold(o.Name)}
	}
	dashMu.Lock()
	if len(orgsCache) >= 8 {
		clear(orgsCache)
	}
	orgsCache[k] = out
	dashMu.Unlock()
	return out, nil
}
