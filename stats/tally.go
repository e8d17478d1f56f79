package stats

import (
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"tochuc"
)

// Tally computes many figures for every org of a subtree at once: the statistical forms need
// hundreds of figures for each of the 160.000 orgs of the country. Each figure is compiled to
// the set of values it accepts per dimension (a bit per figure per value); a member or an org is
// tested against all the figures of its day at once by AND-ing the bitsets of its values.
//
// Members and orgs: one pass over the spans per day for every figure of that day, a column at a
// time over each org's spans, counted in dense rows indexed by the org's place in the tree of
// the day (sorted by path, so the children of an org come after it), the orgs split between the
// cores; then one pass from the last org to the first adds each row to its parent's, which rolls
// every figure up the whole tree. Flows: each event is counted in its org and every ancestor on
// the day of the event (a transfer only up to, not including, the lowest org that holds both
// ends, as in Flows).

// Source is what a figure counts.
type Source uint8

const (
	SrcMembers Source = iota // members placed on Day
	SrcOrgs                  // organizations on Day
	SrcFlow                  // events of flow Flow over [From, To]
)

// Figure is one figure of a tally. Filter maps a dimension to the codes it accepts (any of
// them); with Not the codes are the ones it refuses.
type Figure struct {
	Source   Source
	Day      tochuc.Date
	From, To tochuc.Date
	Flow     string
	Filter   []Cond
}

// Cond is one condition of a figure: the dimension's value is one of Codes (or none of them
// with Not).
type Cond struct {
	Dim   string
	Codes []string
	Not   bool
}

// Tally is the values of the figures for each org of the subtree, kept as one dense block of
// counts per group of figures (a day, or a flow over a period).
type Tally struct {
	ids    []int64 // the output orgs, in the order of the tree on the day of the tally
	nfig   int
	groups []*tgroup

	once sync.Once
	slot map[int64]int
}

// tgroup is the counts of a group of figures: row[i] is the row of output org i in cnt (-1: the
// org did not exist on the group's day), nf counts per row, figure k of the row is figure idx[k]
// of the tally.
type tgroup struct {
	idx    []int
	nf     int
	row    []int32
	cnt    []int32
	direct []int32 // counted straight in output org i's row i (flows crossing a restructuring)
	extra  []tpart // more rows and counts added to these (flows counted on an earlier tree)
}

type tpart struct{ row, cnt []int32 }

// Len is how many orgs the tally holds.
func (t *Tally) Len() int { return len(t.ids) }

// OrgID is the id of the i-th org of the tally (the orgs are in the order of the tree).
func (t *Tally) OrgID(i int) int64 { return t.ids[i] }

// Row writes the figures of the i-th org into dst (len ≥ the number of figures), in the order
// asked.
func (t *Tally) Row(i int, dst []int64) {
	for _, g := range t.groups {
		r := int(g.row[i])
		if r < 0 {
			for _, fi := range g.idx {
				dst[fi] = 0
			}
		} else {
			c := g.cnt[r*g.nf : (r+1)*g.nf]
			for k, fi := range g.idx {
				dst[fi] = int64(c[k])
			}
		}
		if g.direct != nil {
			c := g.direct[i*g.nf : (i+1)*g.nf]
			for k, fi := range g.idx {
				dst[fi] += int64(c[k])
			}
		}
		for _, x := range g.extra {
			if r := int(x.row[i]); r >= 0 {
				c := x.cnt[r*g.nf : (r+1)*g.nf]
				for k, fi := range g.idx {
					dst[fi] += int64(c[k])
				}
			}
		}
	}
}

// Values are the figures of org id, in the order asked (nil if the org was not in the subtree).
func (t *Tally) Values(id int64) []int64 {
	t.once.Do(func() {
		t.slot = make(map[int64]int, len(t.ids))
		for i, id := range t.ids {
			t.slot[id] = i
		}
	})
	i, ok := t.slot[id]
	if !ok {
		return nil
	}
	out := make([]int64, t.nfig)
	t.Row(i, out)
	return out
}

// OrgIDs are the orgs of the tally, by id.
func (t *Tally) OrgIDs() []int64 {
	out := slices.Clone(t.ids)
	slices.Sort(out)
	return out
}

// bitset of figures.
type bitset []uint64

// cfig is a compiled group of figures of the same source and day (or period): for each
// dimension used, the figures accepting each value, w words per value.
type cfig struct {
	src  Source
	flow int // for flows: index in Flows
	idx  []int
	w    int
	dims []dim
	acc  [][]uint64 // per dim: value v accepts acc[j][v*w:(v+1)*w]
	span [][2]int   // per dim: the words where some figure uses it (the others accept any value)
	all  bitset
}

// accepting is the set of figures accepting value v of dimension j.
func (c *cfig) accepting(j, v int) []uint64 { return c.acc[j][v*c.w : (v+1)*c.w] }

func (s *Snapshot) compileGroup(src Source, figs []Figure, idx []int) (*cfig, error) {
	w := (len(idx) + 63) / 64
	c := &cfig{src: src, idx: idx, w: w, all: make(bitset, w)}
	for k := range idx {
		c.all[k/64] |= 1 << (k % 64)
	}
	pos := map[string]int{}
	for k, fi := range idx {
		for _, cd := range figs[fi].Filter {
			j, ok := pos[cd.Dim]
			if !ok {
				d, err := s.dim(cd.Dim)
				if err != nil {
					return nil, err
				}
				if src == SrcOrgs && !isOrgDim(d) {
					return nil, tochuc.Errorf(tochuc.EINVALID, "chiều %q không dùng cho số tổ chức đảng", cd.Dim)
				}
				if src == SrcFlow && (d.kind == dkStatus || d.kind == dkPartyAge) {
					return nil, tochuc.Errorf(tochuc.EINVALID, "chiều %q không dùng cho luồng đảng viên", cd.Dim)
				}
				if d.kind == dkCol {
					d.card = 256 // a column past its dictionary's 255 codes reads 255 ("other")
				}
				j = len(c.dims)
				pos[cd.Dim] = j
				c.dims = append(c.dims, d)
				acc := make([]uint64, d.card*w)
				for v := 0; v < d.card; v++ {
					copy(acc[v*w:], c.all)
				}
				c.acc = append(c.acc, acc)
			}
			d := c.dims[j]
			for v := 0; v < d.card; v++ {
				in := slices.Contains(cd.Codes, s.valueCode(d, v))
				if in == cd.Not {
					c.acc[j][v*w+k/64] &^= 1 << (k % 64)
				}
			}
		}
	}
	// The figures of a form are in the order of its rows, so a dimension of rows touches a few
	// words only.
	c.span = make([][2]int, len(c.dims))
	for j, d := range c.dims {
		lo, hi := w, 0
		for v := 0; v < d.card; v++ {
			for i := 0; i < w; i++ {
				if c.acc[j][v*w+i] != c.all[i] {
					lo, hi = min(lo, i), max(hi, i+1)
				}
			}
		}
		c.span[j] = [2]int{lo, max(lo, hi)}
	}
	return c, nil
}

// Tally computes figs for every org of the subtree of root on day (the whole tree for 0).
func (s *Snapshot) Tally(root int64, day tochuc.Date, figs []Figure) (*Tally, error) {
	d := dayOf(string(day))
	if d == 0 {
		return nil, tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ", day)
	}
	out, err := s.subtree(root, d)
	if err != nil {
		return nil, err
	}
	return s.tally(out, figs)
}

// TallyOrg computes figs for the org root alone (its whole subtree counted in it): what one
// form of one org needs, without the rows of the orgs below.
func (s *Snapshot) TallyOrg(root int64, day tochuc.Date, figs []Figure) (*Tally, error) {
	d := dayOf(string(day))
	if d == 0 {
		return nil, tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ", day)
	}
	out, err := s.subtree(root, d)
	if err != nil {
		return nil, err
	}
	if root != 0 {
		out = out[:1] // the subtree starts with its root
	}
	return s.tally(out, figs)
}

func (s *Snapshot) tally(out []int32, figs []Figure) (*Tally, error) {
	t := &Tally{ids: make([]int64, len(out)), nfig: len(figs)}
	outAt := make([]int32, len(s.orgs)) // org → its place in out, -1 when not asked
	for i := range outAt {
		outAt[i] = -1
	}
	for i, o := range out {
		t.ids[i] = s.orgs[o].id
		outAt[o] = int32(i)
	}
	// Group the figures: members and orgs by day, flows by flow and period.
	type gkey struct {
		src           Source
		day, from, to int32
		flow          int
	}
	groups := map[gkey][]int{}
	var keys []gkey
	for i, f := range figs {
		k := gkey{src: f.Source}
		switch f.Source {
		case SrcMembers, SrcOrgs:
			k.day = dayOf(string(f.Day))
			if k.day == 0 {
				return nil, tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ", f.Day)
			}
		case SrcFlow:
			k.from, k.to = dayOf(string(f.From)), dayOf(string(f.To))
			if k.from == 0 || k.to == 0 || k.to < k.from {
				return nil, tochuc.Errorf(tochuc.EINVALID, "kỳ từ %q đến %q không hợp lệ", f.From, f.To)
			}
			k.flow = slices.Index(Flows, f.Flow)
			if k.flow < 0 {
				return nil, tochuc.Errorf(tochuc.EINVALID, "luồng %q không có; các luồng: %s", f.Flow, strings.Join(Flows, ", "))
			}
		default:
			return nil, tochuc.Errorf(tochuc.EINVALID, "nguồn số liệu %d không có", f.Source)
		}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	type pkey struct{ from, to int32 }
	flowGroups := map[pkey][]*cfig{}
	var periods []pkey
	days := map[int32]*dayScope{}
	var dayOrder []int32
	for _, k := range keys {
		c, err := s.compileGroup(k.src, figs, groups[k])
		if err != nil {
			return nil, err
		}
		c.flow = k.flow
		switch k.src {
		case SrcMembers, SrcOrgs:
			ds := days[k.day]
			if ds == nil {
				ds = &dayScope{d: k.day}
				days[k.day] = ds
				dayOrder = append(dayOrder, k.day)
			}
			if k.src == SrcMembers {
				ds.members = c
			} else {
				ds.orgs = c
			}
		case SrcFlow:
			p := pkey{k.from, k.to}
			if _, ok := flowGroups[p]; !ok {
				periods = append(periods, p)
			}
			flowGroups[p] = append(flowGroups[p], c)
		}
	}
	for _, d := range dayOrder {
		t.groups = append(t.groups, s.tallyDay(days[d], out)...)
	}
	for _, p := range periods {
		ds := days[p.to]
		if ds == nil {
			ds = &dayScope{d: p.to}
			s.scopeOf(ds, out)
			days[p.to] = ds
		}
		t.groups = append(t.groups, s.tallyFlows(flowGroups[p], p.from, ds, out, outAt)...)
	}
	return t, nil
}

// dayScope is the figures of one day and the tree they are counted over: the subtrees on that
// day of the output orgs that exist then, in path order, with each one's parent among them.
type dayScope struct {
	d             int32
	members, orgs *cfig
	orgList       []int32 // scope position → org
	paths         []string
	parent        []int32 // scope position → its parent's position (-1: none in the scope)
	end           []int32 // scope position → the end of its subtree (positions p..end-1)
	at            []int32 // org → scope position (-1: not in the scope)
}

func (s *Snapshot) scopeOf(ds *dayScope, out []int32) {
	d := ds.d
	v := s.view(d)
	type rng struct{ i, j int }
	var rs []rng
	last := "\x00" // the path of the last range's root: the orgs below it are in it already
	for _, o := range out {
		ver := s.versionAt(o, d)
		if ver == nil || strings.HasPrefix(ver.path, last) {
			continue
		}
		lo, hi := tochuc.SubtreeRange(ver.path)
		rs = append(rs, rng{sort.SearchStrings(v.paths, lo), sort.SearchStrings(v.paths, hi)})
		last = ver.path
	}
	sort.Slice(rs, func(a, b int) bool { return rs[a].i < rs[b].i || rs[a].i == rs[b].i && rs[a].j > rs[b].j })
	var paths []string
	end := 0
	for _, r := range rs {
		if r.j <= end {
			continue
		}
		i := max(r.i, end)
		ds.orgList = append(ds.orgList, v.order[i:r.j]...)
		paths = append(paths, v.paths[i:r.j]...)
		end = r.j
	}
	ds.paths = paths
	// Paths sorted are the tree depth first: an org's parent is the nearest org before it whose
	// path is a prefix of its own.
	ds.parent, ds.end = make([]int32, len(paths)), make([]int32, len(paths))
	var stack []int32
	for p, path := range paths {
		for len(stack) > 0 && !strings.HasPrefix(path, paths[stack[len(stack)-1]]) {
			ds.end[stack[len(stack)-1]] = int32(p)
			stack = stack[:len(stack)-1]
		}
		ds.parent[p] = -1
		if len(stack) > 0 {
			ds.parent[p] = stack[len(stack)-1]
		}
		stack = append(stack, int32(p))
	}
	for _, p := range stack {
		ds.end[p] = int32(len(paths))
	}
	ds.at = make([]int32, len(s.orgs))
	for i := range ds.at {
		ds.at[i] = -1
	}
	for p, o := range ds.orgList {
		ds.at[o] = int32(p)
	}
}

// tallyDay counts the member and org figures of one day for every org of the scope, rolls them
// up the tree and returns their groups.
func (s *Snapshot) tallyDay(ds *dayScope, out []int32) []*tgroup {
	if ds.at == nil {
		s.scopeOf(ds, out)
	}
	n := len(ds.orgList)
	row := make([]int32, len(out))
	for i, o := range out {
		row[i] = ds.at[o]
	}
	var gs []*tgroup
	if c := ds.members; c != nil {
		g := &tgroup{idx: c.idx, nf: len(c.idx), row: row, cnt: make([]int32, n*len(c.idx))}
		parts := s.scopeParts(ds.orgList, runtime.GOMAXPROCS(0))
		var wg sync.WaitGroup
		for _, pr := range parts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s.countMembers(c, ds, pr[0], pr[1], g.cnt)
			}()
		}
		wg.Wait()
		rollup(g.cnt, g.nf, ds.parent)
		gs = append(gs, g)
	}
	if c := ds.orgs; c != nil {
		g := &tgroup{idx: c.idx, nf: len(c.idx), row: row, cnt: make([]int32, n*len(c.idx))}
		mask := make(bitset, c.w)
		for p, o := range ds.orgList {
			if c.orgMask(s.versionAt(o, ds.d), mask) {
				count(g.cnt[p*g.nf:(p+1)*g.nf], mask)
			}
		}
		rollup(g.cnt, g.nf, ds.parent)
		gs = append(gs, g)
	}
	return gs
}

// rollup adds each org's row to its parent's, the last org first: every row then holds its
// subtree.
func rollup(cnt []int32, nf int, parent []int32) {
	for p := len(parent) - 1; p > 0; p-- {
		q := parent[p]
		if q < 0 {
			continue
		}
		src, dst := cnt[p*nf:(p+1)*nf], cnt[int(q)*nf:(int(q)+1)*nf]
		for k, v := range src {
			dst[k] += v
		}
	}
}

// scopeParts splits the scope into at most n runs of positions of about the same number of
// spans, for the cores.
func (s *Snapshot) scopeParts(orgs []int32, n int) [][2]int {
	total := 0
	for _, o := range orgs {
		total += int(s.spanStart[o+1] - s.spanStart[o])
	}
	if n <= 1 || total < 1<<16 {
		return [][2]int{{0, len(orgs)}}
	}
	var out [][2]int
	start, acc, share := 0, 0, total/n+1
	for i, o := range orgs {
		acc += int(s.spanStart[o+1] - s.spanStart[o])
		if acc >= share && len(out) < n-1 {
			out = append(out, [2]int{start, i + 1})
			start, acc = i+1, 0
		}
	}
	return append(out, [2]int{start, len(orgs)})
}

// countMembers counts the members of the figures of c in the orgs of scope positions [lo, hi),
// each in its own org's row: the spans valid on the day first, then one tight loop per
// dimension AND-ing each span's set of figures with the set accepting its value, then the set
// bits counted.
func (s *Snapshot) countMembers(c *cfig, ds *dayScope, lo, hi int, cnt []int32) {
	d, w, nf := ds.d, c.w, len(c.idx)
	orgMask := make(bitset, w)
	var memberDims []int
	for j, dm := range c.dims {
		if !isOrgDim(dm) {
			memberDims = append(memberDims, j)
		}
	}
	var idx []int32
	var masks []uint64
	for p := lo; p < hi; p++ {
		o := ds.orgList[p]
		a, b := s.spanStart[o], s.spanStart[o+1]
		if a == b || !c.orgMask(s.versionAt(o, d), orgMask) {
			continue
		}
		idx = idx[:0]
		from, to, state := s.spFrom[a:b], s.spTo[a:b], s.spState[a:b]
		for k := range from {
			if from[k] <= d && d < to[k] && state[k] != stTransit {
				idx = append(idx, a+int32(k))
			}
		}
		if len(idx) == 0 {
			continue
		}
		masks = slices.Grow(masks[:0], len(idx)*w)[:len(idx)*w]
		for k := range idx {
			copy(masks[k*w:(k+1)*w], orgMask)
		}
		for _, j := range memberDims {
			s.andDim(masks, w, c.span[j], idx, c.dims[j], c.acc[j], d)
		}
		row := cnt[p*nf : (p+1)*nf]
		for k := range idx {
			for wi, m := range masks[k*w : (k+1)*w] {
				for m != 0 {
					row[wi*64+bits.TrailingZeros64(m)]++
					m &= m - 1
				}
			}
		}
	}
}

// andDim ANDs each span's set of figures with the set accepting the span's value of dm.
func (s *Snapshot) andDim(masks []uint64, w int, span [2]int, idx []int32, dm dim, acc []uint64, d int32) {
	lo, hi := span[0], span[1]
	if lo >= hi {
		return
	}
	and := func(k int, v int) {
		m, a := masks[k*w+lo:k*w+hi], acc[v*w+lo:v*w+hi]
		for i := range m {
			m[i] &= a[i]
		}
	}
	switch dm.kind {
	case dkCol:
		col := s.spCols[dm.col]
		if w == 1 {
			for k, i := range idx {
				masks[k] &= acc[col[i]]
			}
			return
		}
		for k, i := range idx {
			and(k, int(col[i]))
		}
	case dkStatus:
		state, official := s.spState, s.spOfficial
		for k, i := range idx {
			v := 0
			switch {
			case state[i] == stExempt:
				v = 2
			case official[i] <= d:
				v = 1
			}
			and(k, v)
		}
	case dkAge:
		year, rest := s.spBirthYear, s.spBirthRest
		y, md := int(d/10000), uint16(d%10000)
		for k, i := range idx {
			v := 5
			if year[i] != 0 {
				age := y - int(year[i])
				if rest[i] > md {
					age--
				}
				v = ageBandOf(age)
			}
			and(k, v)
		}
	default:
		for k, i := range idx {
			and(k, s.memberValue(dm, s.spMember[i], int(i), d))
		}
	}
}

// ancestry decodes the ancestors of an org version from its materialized path, kept per org
// for the last version asked (the versions of an org change seldom within a period).
type ancestry struct {
	s   *Snapshot
	ver []*orgVersion
	anc [][]int32
}

func newAncestry(s *Snapshot) *ancestry {
	return &ancestry{s: s, ver: make([]*orgVersion, len(s.orgs)), anc: make([][]int32, len(s.orgs))}
}

// of is the orgs on the path of version ver of org o, the root first, the org itself last.
func (a *ancestry) of(o int32, ver *orgVersion) []int32 {
	if a.ver[o] == ver {
		return a.anc[o]
	}
	out := make([]int32, 0, strings.Count(ver.path, "/"))
	for rest := ver.path; rest != ""; {
		seg := rest
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			seg, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if seg == "" {
			continue
		}
		id, err := strconv.ParseInt(seg, 36, 64)
		if err != nil {
			continue
		}
		if x, ok := a.s.orgIdx[id]; ok {
			out = append(out, x)
		}
	}
	a.ver[o], a.anc[o] = ver, out
	return out
}

func (c *cfig) orgMask(ver *orgVersion, mask bitset) bool {
	copy(mask, c.all)
	for j, dm := range c.dims {
		if v := orgValue(dm, ver); v >= 0 {
			and(mask, c.accepting(j, v))
		}
	}
	return !zero(mask)
}

func and(a, b []uint64) {
	for i := range a {
		a[i] &= b[i]
	}
}

func zero(a bitset) bool {
	for _, w := range a {
		if w != 0 {
			return false
		}
	}
	return true
}

func count(own []int32, mask bitset) {
	for wi, w := range mask {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			own[wi*64+b]++
			w &= w - 1
		}
	}
}

// tallyFlows counts the flows of one period ending on ds.d for the groups of figures (one group
// per flow). An event whose org stands in the tree on the last day of the period as on the day
// of the event is counted in its own org's row of that tree, rolled up with the others at the
// end; a transfer also takes itself off again at the lowest org that holds both ends, so that
// it counts only below it. The events of orgs restructured since are counted the same way on
// the tree of the day most of them stood in (the eve of the restructuring), and the few left
// straight in every output org of their chain. The events are split between the cores, each
// counting in its own rows, added up at the end.
func (s *Snapshot) tallyFlows(cs []*cfig, from int32, ds *dayScope, out, outAt []int32) []*tgroup {
	to, nOut := ds.d, len(out)
	gs := make([]*tgroup, len(cs))
	for k, c := range cs {
		gs[k] = &tgroup{idx: c.idx, nf: len(c.idx), row: rowsOn(ds, out), direct: make([]int32, nOut*len(c.idx))}
	}
	lo := sort.Search(len(s.flows), func(i int) bool { return s.flows[i].date >= from })
	hi := sort.Search(len(s.flows), func(i int) bool { return s.flows[i].date > to })
	all := make([]int32, 0, hi-lo)
	for i := lo; i < hi; i++ {
		all = append(all, int32(i)<<2|3)
	}
	// The events on the last day's tree; the others kept with the day their org's version ended.
	own, left, eves := s.flowPass(cs, all, ds, outAt, nOut, gs)
	for k, g := range gs {
		g.cnt = own[k]
		rollup(g.cnt, g.nf, ds.parent)
	}
	if len(left) == 0 {
		return gs
	}
	var end int32
	n := 0
	for d, c := range eves {
		if c > n || c == n && d > end {
			end, n = d, c
		}
	}
	// Another tree is worth its rollup when enough events stood in it.
	var prior *dayScope
	if flowTrees && (n >= 1024 || n*64 >= len(ds.orgList)) {
		prior = &dayScope{d: prevDay(end)}
		s.scopeOf(prior, out)
	}
	own, left, _ = s.flowPass(cs, left, prior, outAt, nOut, gs)
	if prior == nil {
		return gs
	}
	for k, g := range gs {
		rollup(own[k], g.nf, prior.parent)
		g.extra = append(g.extra, tpart{row: rowsOn(prior, out), cnt: own[k]})
	}
	s.flowPass(cs, left, nil, outAt, nOut, gs)
	return gs
}

// flowTrees off counts every event left by the last day's tree straight in its chain (tests).
var flowTrees = true

// rowsOn is the scope position of each output org (-1: not in the tree of that day).
func rowsOn(ds *dayScope, out []int32) []int32 {
	row := make([]int32, len(out))
	for i, o := range out {
		row[i] = ds.at[o]
	}
	return row
}

// flowPass counts the events evs (see countFlows) on the tree of ds (nil: none, every event
// counted straight in the output orgs of its chain, in gs's direct counts). The halves of
// events whose org is not in that tree as on their day are left, with a count of the day their
// org's version ended. The events are split between the cores.
func (s *Snapshot) flowPass(cs []*cfig, evs []int32, ds *dayScope, outAt []int32, nOut int, gs []*tgroup) (own [][]int32, left []int32, eves map[int32]int) {
	parts := runtime.GOMAXPROCS(0)
	if len(evs) < 1<<14 {
		parts = 1
	}
	type result struct {
		own, direct [][]int32
		left        []int32
		eves        map[int32]int
	}
	res := make([]result, parts)
	n := 0
	if ds != nil {
		n = len(ds.orgList)
	}
	var wg sync.WaitGroup
	for p := range parts {
		r := &res[p]
		r.eves = map[int32]int{}
		for k, c := range cs {
			if ds != nil {
				r.own = append(r.own, make([]int32, n*len(c.idx)))
			}
			if p == 0 {
				r.direct = append(r.direct, gs[k].direct)
			} else {
				r.direct = append(r.direct, make([]int32, nOut*len(c.idx)))
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.countFlows(cs, evs[p*len(evs)/parts:(p+1)*len(evs)/parts], ds, outAt, r.own, r.direct, &r.left, r.eves)
		}()
	}
	wg.Wait()
	own = res[0].own
	left, eves = res[0].left, res[0].eves
	for p := 1; p < parts; p++ {
		for k := range cs {
			if ds != nil {
				for i, v := range res[p].own[k] {
					own[k][i] += v
				}
			}
			for i, v := range res[p].direct[k] {
				gs[k].direct[i] += v
			}
		}
		left = append(left, res[p].left...)
		for d, c := range res[p].eves {
			eves[d] += c
		}
	}
	return own, left, eves
}

// countFlows counts the flow events evs, per group of cs, in own (rows of the scope of ds, to
// roll up) when the event's org stands in that tree as on its day, else leaves it in left
// (counting the day its version ended in eves); with no ds, straight in direct (rows of the
// output orgs).
func (s *Snapshot) countFlows(cs []*cfig, evs []int32, ds *dayScope, outAt []int32, own, direct [][]int32, left *[]int32, eves map[int32]int) {
	anc := newAncestry(s)
	byFlow := make([][]int, len(Flows))
	masks := make([]bitset, len(cs))
	for k, c := range cs {
		byFlow[c.flow] = append(byFlow[c.flow], k)
		masks[k] = make(bitset, c.w)
	}
	sub := func(cnt []int32, mask bitset) {
		for wi, w := range mask {
			for w != 0 {
				cnt[wi*64+bits.TrailingZeros64(w)]--
				w &= w - 1
			}
		}
	}
	// emit counts the event in org's chain (up to the lowest org holding other too); false when
	// it must be left for another tree.
	emit := func(flow int, e *flowEvent, org, other int32) bool {
		if len(byFlow[flow]) == 0 {
			return true
		}
		ver := s.versionAt(org, e.date)
		if ver == nil {
			return true
		}
		var ov *orgVersion
		if other >= 0 {
			ov = s.versionAt(other, e.date)
		}
		// On the tree: org is where it stands on ds's day, so is every ancestor; the lowest org
		// holding both ends is the nearest ancestor whose path prefixes the other's.
		p, top := int32(-1), int32(-1)
		var chain []int32
		if ds != nil {
			if s.versionAt(org, ds.d) != ver {
				eves[ver.to]++
				return false
			}
			if p = ds.at[org]; p < 0 {
				return true // not below any output org
			}
			if ov != nil {
				// The other end in the same tree: by the ranges of the subtrees.
				q := ds.at[other]
				if q < 0 || s.versionAt(other, ds.d) != ov {
					q = -1
				}
				for a := p; a >= 0; a = ds.parent[a] {
					if q >= 0 && a <= q && q < ds.end[a] || q < 0 && strings.HasPrefix(ov.path, ds.paths[a]) {
						top = a
						break
					}
				}
				if top == p {
					return true // the other end is below org: nothing leaves org's subtree
				}
			}
		} else {
			chain = anc.of(org, ver)
			if ov != nil {
				q := anc.of(other, ov)
				n := 0
				for n < len(chain) && n < len(q) && chain[n] == q[n] {
					n++
				}
				chain = chain[n:]
			}
			if len(chain) == 0 {
				return true
			}
		}
		for _, k := range byFlow[flow] {
			c, mask := cs[k], masks[k]
			copy(mask, c.all)
			for j, dm := range c.dims {
				v := orgValue(dm, ver)
				if v < 0 {
					v = s.memberValue(dm, e.member, -1, e.date)
				}
				and(mask, c.accepting(j, v))
			}
			if zero(mask) {
				continue
			}
			nf := len(c.idx)
			if ds != nil {
				count(own[k][int(p)*nf:(int(p)+1)*nf], mask)
				if top >= 0 {
					sub(own[k][int(top)*nf:(int(top)+1)*nf], mask)
				}
				continue
			}
			for _, a := range chain {
				if i := int(outAt[a]); i >= 0 {
					count(direct[k][i*nf:(i+1)*nf], mask)
				}
			}
		}
		return true
	}
	// Each item of evs is an event's index times 4 plus the halves to count: 1 the exit or
	// entry (the out half of a transfer), 2 the in half of a transfer.
	for _, x := range evs {
		i, halves := x>>2, x&3
		e := &s.flows[i]
		var miss int32
		switch e.flow {
		case flAdmitted, flReadmitted, flRecognized:
			if e.b >= 0 && !emit(int(e.flow), e, e.b, -1) {
				miss |= 1
			}
		case flRemoved, flWithdrawn, flExpelled, flDeceased:
			if e.a >= 0 && !emit(int(e.flow), e, e.a, -1) {
				miss |= 1
			}
		case flTransferOut, flTransferred, flTransferIn:
			if halves&1 != 0 && e.flow != flTransferIn && e.a >= 0 && !emit(flTransferOut, e, e.a, e.b) {
				miss |= 1
			}
			if halves&2 != 0 && e.flow != flTransferOut && e.b >= 0 && !emit(flTransferIn, e, e.b, e.a) {
				miss |= 2
			}
		}
		if miss != 0 {
			*left = append(*left, i<<2|miss)
		}
	}
}
