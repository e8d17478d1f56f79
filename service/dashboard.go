package service

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

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
	// ComputedAt is when the figures were computed; Stale says a write has happened since and
	// new figures are being computed.
	ComputedAt time.Time
	Stale      bool
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
	o, err := s.orgOrHome(ctx, r, code)
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
	tree, err := s.dashTree(ctx, d)
	if err != nil {
		return nil, err
	}
	out := &Dashboard{Org: o, AsOf: d, Year: string(d[:4]), ComputedAt: tree.at, Stale: tree.gen != s.generation()}
	if f := tree.bySubtree[o.ID]; f != nil {
		out.DashboardFigures = *f
	}
	out.DueCount = int(out.DashboardFigures.Due)
	a := tochuc.ActorFrom(ctx)
	if a.Can(tochuc.PermRead) || a.Can(tochuc.PermReadLimited) {
		// Names need a read grant over this org, not only counts.
		if rr, _, err := s.readReach(ctx, d); err == nil && rr.covers(o.Path) {
			out.DueNames = true
		}
	}
	// The list of names reads the subtree's probationary members in probation order: cheap for a
	// province or below, a scan of the country at the root, where the count is enough.
	if out.DueNames && path != "" && out.DueCount > 0 {
		due, _, err := s.DB.ProbationDue(ctx, path, d, dueCutoff(d), DueLimit)
		if err != nil {
			return nil, err
		}
		for _, m := range due {
			ends := ProbationEnds(m.Start)
			out.Due = append(out.Due, DueItem{DueMember: m, Ends: ends, Overdue: ends <= d})
		}
	}
	return out, nil
}

// dueCutoff is the latest probation start whose 12 months end within DueWindow days of d.
func dueCutoff(d tochuc.Date) tochuc.Date {
	return tochuc.DateOf(d.AddDays(DueWindow).Time().AddDate(-1, 0, 0))
}

// dashTree holds the figures of every org's subtree on one date, from one pass over the
// register. At national scale that pass reads millions of rows, so after a write the last
// figures are still served (marked with the time they were computed) while a new pass runs in
// the background: stale for seconds, never slow.
type dashTree struct {
	gen       int64
	at        time.Time
	bySubtree map[int64]*store.DashboardFigures
}

type dashState struct {
	mu    sync.Mutex
	trees map[tochuc.Date]*dashTree
	busy  map[tochuc.Date]bool
}

func (s *Service) dashTree(ctx context.Context, d tochuc.Date) (*dashTree, error) {
	gen := s.generation()
	st := &s.dash
	st.mu.Lock()
	if st.trees == nil {
		st.trees, st.busy = map[tochuc.Date]*dashTree{}, map[tochuc.Date]bool{}
	}
	t := st.trees[d]
	if t != nil && t.gen != gen && !st.busy[d] {
		st.busy[d] = true
		go func() {
			s.computeDashTree(context.WithoutCancel(ctx), d)
			st.mu.Lock()
			st.busy[d] = false
			st.mu.Unlock()
		}()
	}
	st.mu.Unlock()
	if t != nil {
		return t, nil
	}
	return s.computeDashTree(ctx, d)
}

func (s *Service) computeDashTree(ctx context.Context, d tochuc.Date) (*dashTree, error) {
	// The figures come from the statistics snapshot (milliseconds, where grouped SQL over the
	// register takes a minute at national scale); they are as fresh as it is.
	snap, gen, err := s.statsSnapshotGen(ctx)
	if err != nil {
		return nil, err
	}
	t := &dashTree{gen: gen, at: snap.BuiltAt}
	direct, err := snap.DashboardByOrg(d, dueCutoff(d))
	if err != nil {
		return nil, err
	}
	orgs, err := s.DB.OrgsAsOf(ctx, d)
	if err != nil {
		return nil, err
	}
	// Orgs come parents first (path order); each org's figures go to every org on its path.
	byPath := make(map[string]int64, len(orgs))
	for _, o := range orgs {
		byPath[o.Path] = o.ID
	}
	t.bySubtree = make(map[int64]*store.DashboardFigures, len(orgs))
	for _, o := range orgs {
		f := direct[o.ID]
		if f == nil {
			continue
		}
		for i := 1; i < len(o.Path); i++ {
			if o.Path[i] != '/' {
				continue
			}
			if id, ok := byPath[o.Path[:i+1]]; ok {
				sum := t.bySubtree[id]
				if sum == nil {
					sum = &store.DashboardFigures{}
					t.bySubtree[id] = sum
				}
				sum.Plus(f)
			}
		}
	}
	st := &s.dash
	st.mu.Lock()
	if old := st.trees[d]; old == nil || old.gen <= t.gen {
		if len(st.trees) >= 4 && old == nil {
			clear(st.trees)
		}
		st.trees[d] = t
	}
	st.mu.Unlock()
	return t, nil
}

var (
	dashMu    sync.Mutex
	orgsCache = map[dashKey][]foldedOrg{}
)

// dashKey names a cached list of orgs of one service on one date at one write generation.
type dashKey struct {
	svc *Service
	org int64
	d   tochuc.Date
	gen int64
}

func (s *Service) generation() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen
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
	counts, err := s.subtreeCounts(ctx, d)
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
