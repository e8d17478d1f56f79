package stats

import (
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"

	"tochuc"
)

// Tally computes many figures for every org of a subtree in one pass per source and day: the
// statistical forms need dozens of figures for each of tens of thousands of orgs. Each figure is
// compiled to the set of values it accepts per dimension (a bit per figure per value); a member,
// an event or an org is tested against all figures at once by AND-ing the bitsets of its
// values, counted in its own org, then rolled up to every ancestor of that org on the day (a
// transfer only up to, not including, the lowest org that holds both ends, as in Flows).

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

// Tally is the values of the figures for each org of the subtree.
type Tally struct {
	slot map[int64]int
	vals [][]int64
}

// Values are the figures of org id, in the order asked (nil if the org was not in the subtree).
func (t *Tally) Values(id int64) []int64 {
	i, ok := t.slot[id]
	if !ok {
		return nil
	}
	return t.vals[i]
}

// OrgIDs are the orgs of the tally.
func (t *Tally) OrgIDs() []int64 {
	out := make([]int64, 0, len(t.slot))
	for id := range t.slot {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// bitset of figures.
type bitset []uint64

// cfig is a compiled group of figures of the same source and day (or period).
type cfig struct {
	src      Source
	day      int32
	from, to int32
	flow     int // for flows: index in Flows
	idx      []int
	dims     []dim      // the dimensions used by any figure of the group
	acc      [][]bitset // per dim, per value: the figures accepting it
	all      bitset
}

func (s *Snapshot) compileGroup(src Source, figs []Figure, idx []int) (*cfig, error) {
	c := &cfig{src: src, idx: idx}
	w := (len(idx) + 63) / 64
	c.all = make(bitset, w)
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
				j = len(c.dims)
				pos[cd.Dim] = j
				c.dims = append(c.dims, d)
				acc := make([]bitset, d.card)
				for v := range acc {
					acc[v] = slices.Clone(c.all)
				}
				c.acc = append(c.acc, acc)
			}
			d := c.dims[j]
			for v := 0; v < d.card; v++ {
				in := slices.Contains(cd.Codes, s.valueCode(d, v))
				if in == cd.Not {
					c.acc[j][v][k/64] &^= 1 << (k % 64)
				}
			}
		}
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
	t := &Tally{slot: make(map[int64]int, len(out)), vals: make([][]int64, len(out))}
	slotOf := make(map[int32]int, len(out))
	for i, o := range out {
		t.slot[s.orgs[o].id] = i
		slotOf[o] = i
		t.vals[i] = make([]int64, len(figs))
	}
	// Group the figures by source and day or period.
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
	anc := &ancestry{s: s, cache: map[string][]int32{}}
	// Flows of several flow names over one period share one pass.
	type pkey struct{ from, to int32 }
	flowGroups := map[pkey][]*cfig{}
	var periods []pkey
	for _, k := range keys {
		c, err := s.compileGroup(k.src, figs, groups[k])
		if err != nil {
			return nil, err
		}
		c.day, c.from, c.to, c.flow = k.day, k.from, k.to, k.flow
		switch k.src {
		case SrcMembers:
			s.tallyMembers(c, out, d, slotOf, anc, t)
		case SrcOrgs:
			s.tallyOrgs(c, out, d, slotOf, anc, t)
		case SrcFlow:
			p := pkey{k.from, k.to}
			if _, ok := flowGroups[p]; !ok {
				periods = append(periods, p)
			}
			flowGroups[p] = append(flowGroups[p], c)
		}
	}
	for _, p := range periods {
		s.tallyFlows(flowGroups[p], p.from, p.to, slotOf, anc, t)
	}
	return t, nil
}

// ancestry decodes the ancestors of an org from its materialized path (cached by path).
type ancestry struct {
	s     *Snapshot
	cache map[string][]int32
}

// of is the orgs on the path, the root first, the org itself last.
func (a *ancestry) of(path string) []int32 {
	if v, ok := a.cache[path]; ok {
		return v
	}
	var out []int32
	for _, seg := range strings.Split(strings.Trim(path, "/"), "/") {
		if seg == "" {
			continue
		}
		id, err := strconv.ParseInt(seg, 36, 64)
		if err != nil {
			continue
		}
		if o, ok := a.s.orgIdx[id]; ok {
			out = append(out, o)
		}
	}
	a.cache[path] = out
	return out
}

// scope is the orgs whose spans a count on day d must read for the output orgs: the subtrees
// on d of the output orgs that exist on d.
func (s *Snapshot) scope(out []int32, d int32) []int32 {
	v := s.view(d)
	type rng struct{ i, j int }
	var rs []rng
	for _, o := range out {
		ver := s.versionAt(o, d)
		if ver == nil {
			continue
		}
		lo, hi := tochuc.SubtreeRange(ver.path)
		rs = append(rs, rng{sort.SearchStrings(v.paths, lo), sort.SearchStrings(v.paths, hi)})
	}
	sort.Slice(rs, func(a, b int) bool { return rs[a].i < rs[b].i || rs[a].i == rs[b].i && rs[a].j > rs[b].j })
	var orgs []int32
	end := 0
	for _, r := range rs {
		if r.j <= end {
			continue
		}
		i := max(r.i, end)
		orgs = append(orgs, v.order[i:r.j]...)
		end = r.j
	}
	return orgs
}

// rollup adds the own counts of org o (on day d) to o and every ancestor in the output.
func (s *Snapshot) rollup(c *cfig, o int32, d int32, own []int64, slotOf map[int32]int, anc *ancestry, t *Tally) {
	ver := s.versionAt(o, d)
	for _, a := range anc.of(ver.path) {
		if i, ok := slotOf[a]; ok {
			row := t.vals[i]
			for k, n := range own {
				row[c.idx[k]] += n
			}
		}
	}
}

func (c *cfig) orgMask(s *Snapshot, ver *orgVersion, mask bitset) bool {
	copy(mask, c.all)
	for j, dm := range c.dims {
		if v := orgValue(dm, ver); v >= 0 {
			and(mask, c.acc[j][v])
		}
	}
	return !zero(mask)
}

func and(a, b bitset) {
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

func count(own []int64, mask bitset) {
	for wi, w := range mask {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			own[wi*64+b]++
			w &= w - 1
		}
	}
}

func (s *Snapshot) tallyMembers(c *cfig, out []int32, day int32, slotOf map[int32]int, anc *ancestry, t *Tally) {
	d := c.day
	orgMask, mask := make(bitset, len(c.all)), make(bitset, len(c.all))
	own := make([]int64, len(c.idx))
	var memberDims []int
	for j, dm := range c.dims {
		if !isOrgDim(dm) {
			memberDims = append(memberDims, j)
		}
	}
	for _, o := range s.scope(out, d) {
		ver := s.versionAt(o, d)
		if !c.orgMask(s, ver, orgMask) {
			continue
		}
		clear(own)
		any := false
		for i := int(s.spanStart[o]); i < int(s.spanStart[o+1]); i++ {
			if s.spFrom[i] > d || s.spTo[i] <= d || s.spState[i] == stTransit {
				continue
			}
			copy(mask, orgMask)
			m := s.spMember[i]
			for _, j := range memberDims {
				and(mask, c.acc[j][s.memberValue(c.dims[j], m, i, d)])
			}
			count(own, mask)
			any = true
		}
		if any {
			s.rollup(c, o, d, own, slotOf, anc, t)
		}
	}
}

func (s *Snapshot) tallyOrgs(c *cfig, out []int32, day int32, slotOf map[int32]int, anc *ancestry, t *Tally) {
	d := c.day
	mask := make(bitset, len(c.all))
	own := make([]int64, len(c.idx))
	for _, o := range s.scope(out, d) {
		if !c.orgMask(s, s.versionAt(o, d), mask) {
			continue
		}
		clear(own)
		count(own, mask)
		s.rollup(c, o, d, own, slotOf, anc, t)
	}
}

// tallyFlows counts the flows of one period for the groups of figures (one group per flow).
func (s *Snapshot) tallyFlows(cs []*cfig, from, to int32, slotOf map[int32]int, anc *ancestry, t *Tally) {
	byFlow := make([][]*cfig, len(Flows))
	for _, c := range cs {
		byFlow[c.flow] = append(byFlow[c.flow], c)
	}
	var masks []bitset
	for _, c := range cs {
		masks = append(masks, make(bitset, len(c.all)))
	}
	maskOf := map[*cfig]bitset{}
	for i, c := range cs {
		maskOf[c] = masks[i]
	}
	// chain is the orgs of o's path on day d not on other's path (nil other: all of them).
	chain := func(o, other int32, d int32) []int32 {
		ver := s.versionAt(o, d)
		if ver == nil {
			return nil
		}
		p := anc.of(ver.path)
		if other < 0 {
			return p
		}
		ov := s.versionAt(other, d)
		if ov == nil {
			return p
		}
		q := anc.of(ov.path)
		n := 0
		for n < len(p) && n < len(q) && p[n] == q[n] {
			n++
		}
		return p[n:]
	}
	emit := func(flow int, e *flowEvent, org int32, orgs []int32) {
		if len(byFlow[flow]) == 0 || len(orgs) == 0 {
			return
		}
		ver := s.versionAt(org, e.date)
		for _, c := range byFlow[flow] {
			mask := maskOf[c]
			copy(mask, c.all)
			for j, dm := range c.dims {
				v := orgValue(dm, ver)
				if v < 0 {
					v = s.memberValue(dm, e.member, -1, e.date)
				}
				and(mask, c.acc[j][v])
			}
			if zero(mask) {
				continue
			}
			for _, a := range orgs {
				i, ok := slotOf[a]
				if !ok {
					continue
				}
				row := t.vals[i]
				for wi, w := range mask {
					for w != 0 {
						b := bits.TrailingZeros64(w)
						row[c.idx[wi*64+b]]++
						w &= w - 1
					}
				}
			}
		}
	}
	i := sort.Search(len(s.flows), func(i int) bool { return s.flows[i].date >= from })
	for ; i < len(s.flows) && s.flows[i].date <= to; i++ {
		e := &s.flows[i]
		switch e.flow {
		case flAdmitted, flReadmitted, flRecognized:
			if e.b >= 0 {
				emit(int(e.flow), e, e.b, chain(e.b, -1, e.date))
			}
		case flRemoved, flWithdrawn, flExpelled, flDeceased:
			if e.a >= 0 {
				emit(int(e.flow), e, e.a, chain(e.a, -1, e.date))
			}
		case flTransferOut, flTransferred, flTransferIn:
			if e.flow != flTransferIn && e.a >= 0 {
				emit(flTransferOut, e, e.a, chain(e.a, e.b, e.date))
			}
			if e.flow != flTransferOut && e.b >= 0 {
				emit(flTransferIn, e, e.b, chain(e.b, e.a, e.date))
			}
		}
	}
}
