package service

import (
	"context"
	"runtime/debug"
	"strings"
	"sync"

	"tochuc"
	"tochuc/stats"
)

// statsState holds the statistics snapshot. After a write the last snapshot is still served
// while a new one is built in the background (the dashboard's stale-while-recomputing): figures
// are stale for the seconds a build takes, never slow.
type statsState struct {
	mu     sync.Mutex
	snap   *stats.Snapshot
	gen    int64
	busy   bool
	first  sync.Mutex // one first build at a time
	saving sync.Mutex // one save to StatsFile at a time
}

// StatsSnapshot returns the current snapshot of the register, building it on first use.
func (s *Service) StatsSnapshot(ctx context.Context) (*stats.Snapshot, error) {
	st := &s.stats
	gen := s.generation()
	st.mu.Lock()
	snap := st.snap
	if snap != nil && st.gen != gen && !st.busy {
		st.busy = true
		go func() {
			s.buildStats(context.WithoutCancel(ctx))
			st.mu.Lock()
			st.busy = false
			st.mu.Unlock()
		}()
	}
	st.mu.Unlock()
	if snap != nil {
		return snap, nil
	}
	st.first.Lock()
	defer st.first.Unlock()
	st.mu.Lock()
	snap = st.snap
	st.mu.Unlock()
	if snap != nil {
		return snap, nil
	}
	if s.LoadStats(ctx) {
		return s.StatsSnapshot(ctx)
	}
	return s.buildStats(ctx)
}

// statsSnapshotGen is StatsSnapshot with the write generation the snapshot reflects (-1 for
// one kept by an earlier run and since written to).
func (s *Service) statsSnapshotGen(ctx context.Context) (*stats.Snapshot, int64, error) {
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return nil, 0, err
	}
	s.stats.mu.Lock()
	defer s.stats.mu.Unlock()
	if s.stats.snap != snap {
		return snap, -1, nil // replaced meanwhile: call it stale, the next look recomputes
	}
	return snap, s.stats.gen, nil
}

// WarmStats readies the snapshot in the background, for a server that starts: the one kept by
// the last run when there is one (served at once; rebuilt behind it unless nothing was written
// since), else a new build.
func (s *Service) WarmStats(ctx context.Context) {
	go func() {
		ctx := context.WithoutCancel(ctx)
		s.LoadStats(ctx)
		s.StatsSnapshot(ctx)
	}()
}

// LoadStats installs the snapshot kept in StatsFile when none is loaded yet and it was built
// from this database. It is current when the audit trail's head — every write appends to it —
// is the one read when it was built; otherwise it is served marked stale while a new one is
// built. It tells whether one was loaded.
func (s *Service) LoadStats(ctx context.Context) bool {
	if s.StatsFile == "" {
		return false
	}
	snap, err := stats.LoadFile(s.StatsFile)
	if err != nil {
		return false // missing or damaged: a new build replaces it
	}
	id, head, err := s.statsStamp(ctx)
	if err != nil || !strings.HasPrefix(snap.Stamp, id+" ") {
		return false // another database's
	}
	gen := int64(-1)
	if snap.Stamp == id+" "+head {
		gen = s.generation()
	} else if s.StatsFileReadOnly {
		return false
	}
	st := &s.stats
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.snap != nil {
		return false
	}
	st.snap, st.gen = snap, gen
	go debug.FreeOSMemory() // the reading's buffers: hundreds of megabytes at national scale
	return true
}

func (s *Service) buildStats(ctx context.Context) (*stats.Snapshot, error) {
	gen := s.generation()
	id, head, err := s.statsStamp(ctx)
	if err != nil {
		return nil, err
	}
	snap, err := stats.Build(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	snap.Stamp = id + " " + head
	st := &s.stats
	st.mu.Lock()
	if st.snap == nil || st.gen <= gen {
		st.snap, st.gen = snap, gen
	}
	st.mu.Unlock()
	// The build returns its own temporary arrays; a save's buffers are given back once it is
	// done rather than at the runtime's leisure (which, at the default GOGC, may keep twice the
	// snapshot), so that the server's resident size is the snapshot's.
	if s.StatsFile != "" && !s.StatsFileReadOnly {
		go func() {
			s.saveStats(snap)
			debug.FreeOSMemory()
		}()
	}
	return snap, nil
}

// statsStamp names the database (its audit trail's first hash) and its state (the trail's
// head: every write appends to it).
func (s *Service) statsStamp(ctx context.Context) (id, head string, err error) {
	if id, err = s.DB.AuditGenesis(ctx); err != nil {
		return "", "", err
	}
	h, err := s.DB.AuditHead(ctx)
	return id, h.String(), err
}

// saveStats keeps the snapshot for the next run; one save at a time, a newer snapshot wins.
func (s *Service) saveStats(snap *stats.Snapshot) {
	st := &s.stats
	st.saving.Lock()
	defer st.saving.Unlock()
	st.mu.Lock()
	current := st.snap == snap
	st.mu.Unlock()
	if current {
		snap.SaveFile(s.StatsFile) // a failed save costs only the next start's speed
	}
}

// StatsTable is the answer to a statistics query: the rows of the org and, when asked, of each
// direct child.
type StatsTable struct {
	AsOf     tochuc.Date `json:"as_of,omitempty"`
	From     tochuc.Date `json:"from,omitempty"`
	To       tochuc.Date `json:"to,omitempty"`
	By       []string    `json:"by"`
	Orgs     []StatsOrg  `json:"orgs"`
	Stale    bool        `json:"stale"` // a write happened since the snapshot; a new one is being built
	Snapshot string      `json:"snapshot_at"`
}

// StatsOrg is the rows of one org.
type StatsOrg struct {
	Code string      `json:"org_code"`
	Name string      `json:"org_name"`
	Rows []stats.Row `json:"rows"`
}

// ParseDims splits a comma-separated list of dimension names.
func ParseDims(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// statsOrgs resolves the org (the actor's home org when code is empty) within the actor's
// counts reach on day d, and its direct children when asked.
func (s *Service) statsOrgs(ctx context.Context, code string, d tochuc.Date, children bool) ([]tochuc.Org, error) {
	r, err := s.reachFor(ctx, tochuc.PermCounts, d)
	if err != nil {
		return nil, err
	}
	o, err := s.orgOrHome(ctx, r, code)
	if err != nil {
		return nil, err
	}
	out := []tochuc.Org{o}
	if children {
		kids, err := s.DB.ChildrenAsOf(ctx, o.ID, d)
		if err != nil {
			return nil, err
		}
		out = append(out, kids...)
	}
	return out, nil
}

func (s *Service) statsTable(ctx context.Context, snap *stats.Snapshot, by []string) *StatsTable {
	s.stats.mu.Lock()
	stale := s.stats.gen != s.generation()
	s.stats.mu.Unlock()
	if by == nil {
		by = []string{}
	}
	return &StatsTable{By: by, Stale: stale, Snapshot: snap.BuiltAt.Format("2006-01-02T15:04:05Z07:00")}
}

// StatsMembers counts the members of the subtree of an org on day d (today when empty) by the
// dimensions, and of each direct child too with children. Counts need the counts permission
// over the org; they name nobody and are not audited.
func (s *Service) StatsMembers(ctx context.Context, code string, d tochuc.Date, by []string, children bool) (*StatsTable, error) {
	if d == "" {
		d = s.Today()
	}
	orgs, err := s.statsOrgs(ctx, code, d, children)
	if err != nil {
		return nil, err
	}
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	t := s.statsTable(ctx, snap, by)
	t.AsOf = d
	for _, o := range orgs {
		rows, err := snap.Members(stats.Query{OrgID: o.ID, AsOf: d, By: by})
		if err != nil {
			return nil, err
		}
		t.Orgs = append(t.Orgs, StatsOrg{Code: o.Code, Name: o.Name, Rows: rows})
	}
	return t, nil
}

// StatsFlows counts the flows of the period [from, to] of the subtree of an org (as it stood on
// to) by the dimensions, and of each direct child with children.
func (s *Service) StatsFlows(ctx context.Context, code string, from, to tochuc.Date, by []string, children bool) (*StatsTable, error) {
	if to == "" {
		to = s.Today()
	}
	if from == "" {
		from = tochuc.Date(string(to[:4]) + "-01-01")
	}
	if to < from {
		return nil, tochuc.Errorf(tochuc.EINVALID, "kỳ báo cáo không hợp lệ: ngày đầu %s sau ngày cuối %s", from.Display(), to.Display())
	}
	orgs, err := s.statsOrgs(ctx, code, to, children)
	if err != nil {
		return nil, err
	}
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	t := s.statsTable(ctx, snap, by)
	t.From, t.To = from, to
	for _, o := range orgs {
		rows, err := snap.Flows(stats.FlowQuery{OrgID: o.ID, From: from, To: to, By: by})
		if err != nil {
			return nil, err
		}
		t.Orgs = append(t.Orgs, StatsOrg{Code: o.Code, Name: o.Name, Rows: rows})
	}
	return t, nil
}

// StatsList is one page of the members a figure counts.
type StatsList struct {
	Org     tochuc.Org
	AsOf    tochuc.Date
	Filter  map[string]string
	Total   int
	Page    int
	Members []tochuc.Member
}

// StatsListPage is the page size of a drill-down list.
const StatsListPage = 50

// StatsMembersList opens a figure: the members of the subtree of an org counted on day d with
// the dimension values of filter, one page (from 1) at a time. It needs read permission over
// the org; limited readers do not see identity numbers and addresses.
func (s *Service) StatsMembersList(ctx context.Context, code string, d tochuc.Date, filter map[string]string, page int) (*StatsList, error) {
	if d == "" {
		d = s.Today()
	}
	if page < 1 {
		page = 1
	}
	o, ids, limited, err := s.statsFigure(ctx, code, d, filter)
	if err != nil {
		return nil, err
	}
	out := &StatsList{Org: o, AsOf: d, Filter: filter, Total: len(ids), Page: page}
	out.Members, err = s.statsListPage(ctx, ids, page, limited)
	if err != nil {
		return nil, err
	}
	return out, nil
}
