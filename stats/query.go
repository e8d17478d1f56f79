package stats

import (
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"tochuc"
)

// Query asks for the members counted on a date in the subtree of an org (OrgID 0: the whole
// tree), grouped by the dimensions By and narrowed by Filter (dimension → code).
type Query struct {
	OrgID  int64
	AsOf   tochuc.Date
	By     []string
	Filter map[string]string
}

// FlowQuery asks for the flows of a period [From, To] (both included) in the subtree of an org.
type FlowQuery struct {
	OrgID    int64
	From, To tochuc.Date
	By       []string
	Filter   map[string]string
}

// Row is one combination of dimension values (in the order of By) and its count; Flow is set
// for flows.
type Row struct {
	Flow   string   `json:"flow,omitempty"`
	Values []string `json:"values"`
	Count  int64    `json:"count"`
}

// Dimensions of members, in the order of the issue; org attributes come after by name.
const (
	DimStatus       = "status"
	DimSex          = "sex"
	DimAgeBand      = "age_band"
	DimEthnicity    = "ethnicity"
	DimReligion     = "religion"
	DimEducation    = "education"
	DimProfQual     = "professional_qualification"
	DimPolTheory    = "political_theory"
	DimOccupation   = "occupation"
	DimAcadTitle    = "academic_title"
	DimPartyAgeBand = "party_age_band"
	DimOrgKind      = "org_kind"
	DimSetting      = "setting"
)

// Dimensions are the fixed dimension names.
var Dimensions = []string{DimStatus, DimSex, DimAgeBand, DimEthnicity, DimReligion, DimEducation,
	DimProfQual, DimPolTheory, DimAcadTitle, DimOccupation, DimPartyAgeBand, DimOrgKind, DimSetting}

// AgeBands are the codes of age on the date (the bands of the member lists and the dashboard).
var AgeBands = []string{"under30", "30-40", "41-50", "51-60", "over60", "unknown"}

// PartyAgeBands are the codes of party age on the date, in completed years.
var PartyAgeBands = []string{"under10", "10-19", "20-29", "30-39", "40-49", "50+", "unknown"}

// Statuses are the codes of the status dimension (in transit counts in no org).
var Statuses = []string{tochuc.StatusProbationary, tochuc.StatusOfficial, tochuc.StatusExempt}

type dimKind uint8

const (
	dkCol dimKind = iota
	dkStatus
	dkAge
	dkPartyAge
	dkKind
	dkSetting
	dkAttr
)

type dim struct {
	name string
	kind dimKind
	col  int
	bit  uint
	card int
	want int    // for filters: the wanted value, -1 when the code is unknown (matches nothing)
	mask []bool // for filters of several codes or a negation (see FilterValue): the values kept
}

// match tells whether a value passes the dimension's filter.
func (d *dim) match(v int) bool {
	if d.mask != nil {
		return v >= 0 && v < len(d.mask) && d.mask[v]
	}
	return v == d.want
}

// A filter value is one code, several codes separated by "|" (any of them: the form's
// "ethnicity=02|03|…"), or "!" and codes (none of them). FilterValue writes one.
func FilterValue(codes []string, not bool) string {
	v := strings.Join(codes, "|")
	if not {
		return "!" + v
	}
	return v
}

// ParseFilterValue reads a filter value written by FilterValue: its codes, and whether they are
// excluded.
func ParseFilterValue(v string) (codes []string, not bool) {
	not = strings.HasPrefix(v, "!")
	return strings.Split(strings.TrimPrefix(v, "!"), "|"), not
}

// filterDim resolves the filter value of a dimension (see FilterValue).
func (s *Snapshot) filterDim(d dim, value string) dim {
	codes, not := ParseFilterValue(value)
	if !not && len(codes) == 1 {
		d.want = s.valueOf(d, value)
		return d
	}
	d.want, d.mask = -1, make([]bool, d.card)
	for _, code := range codes {
		if v := s.valueOf(d, code); v >= 0 {
			d.mask[v] = true
		}
	}
	if not {
		for v := range d.mask {
			d.mask[v] = !d.mask[v]
		}
	}
	return d
}

var colOf = map[string]int{DimSex: colSex, DimEthnicity: colEthnicity, DimReligion: colReligion,
	DimEducation: colEducation, DimProfQual: colProfQual, DimPolTheory: colPolTheory, DimOccupation: colOccupation,
	DimAcadTitle: colAcadTitle}

// DimensionNames are every dimension of this snapshot: the fixed ones and the org attributes.
func (s *Snapshot) DimensionNames() []string {
	out := append([]string(nil), Dimensions...)
	attrs := append([]string(nil), s.attrNames...)
	sort.Strings(attrs)
	return append(out, attrs...)
}

func (s *Snapshot) dim(name string) (dim, error) {
	d := dim{name: name}
	if c, ok := colOf[name]; ok {
		d.kind, d.col, d.card = dkCol, c, len(s.memberCols[c].codes)
		return d, nil
	}
	switch name {
	case DimStatus:
		d.kind, d.card = dkStatus, len(Statuses)
	case DimAgeBand:
		d.kind, d.card = dkAge, len(AgeBands)
	case DimPartyAgeBand:
		d.kind, d.card = dkPartyAge, len(PartyAgeBands)
	case DimOrgKind:
		d.kind, d.card = dkKind, len(s.kinds.codes)
	case DimSetting:
		d.kind, d.card = dkSetting, len(s.settings.codes)
	default:
		b, ok := s.attrBit[name]
		if !ok {
			return d, tochuc.Errorf(tochuc.EINVALID, "chiều thống kê %q không có; các chiều hợp lệ: %s",
				name, strings.Join(s.DimensionNames(), ", "))
		}
		d.kind, d.bit, d.card = dkAttr, uint(b), 2
	}
	return d, nil
}

// valueCode is the code of value v of the dimension.
func (s *Snapshot) valueCode(d dim, v int) string {
	switch d.kind {
	case dkCol:
		return s.memberCols[d.col].code(uint8(v))
	case dkStatus:
		return Statuses[v]
	case dkAge:
		return AgeBands[v]
	case dkPartyAge:
		return PartyAgeBands[v]
	case dkKind:
		return s.kinds.code(uint8(v))
	case dkSetting:
		return s.settings.code(uint8(v))
	}
	if v == 1 {
		return "true"
	}
	return "false"
}

func (s *Snapshot) valueOf(d dim, code string) int {
	for v := 0; v < d.card; v++ {
		if s.valueCode(d, v) == code {
			return v
		}
	}
	return -1
}

// plan is a query resolved to dimensions: the grouping ones, then the filtering ones.
type plan struct {
	dims []dim
	nBy  int
}

func (s *Snapshot) plan(by []string, filter map[string]string, flows bool) (*plan, error) {
	p := &plan{}
	seen := map[string]bool{}
	for _, name := range by {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if seen[name] {
			return nil, tochuc.Errorf(tochuc.EINVALID, "chiều thống kê %q được nêu hai lần", name)
		}
		seen[name] = true
		d, err := s.dim(name)
		if err != nil {
			return nil, err
		}
		p.dims = append(p.dims, d)
	}
	p.nBy = len(p.dims)
	names := make([]string, 0, len(filter))
	for k := range filter {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		d, err := s.dim(name)
		if err != nil {
			return nil, err
		}
		p.dims = append(p.dims, s.filterDim(d, filter[name]))
	}
	if flows {
		for _, d := range p.dims {
			if d.kind == dkStatus || d.kind == dkPartyAge {
				return nil, tochuc.Errorf(tochuc.EINVALID, "chiều %q không dùng cho luồng đảng viên; dùng các chiều về con người (giới tính, tuổi, dân tộc…) hoặc về tổ chức", d.name)
			}
		}
	}
	return p, nil
}

// grouper adds counts by mixed-radix key: a dense array when the combinations are few, a map
// otherwise.
type grouper struct {
	cards []int
	dense []int64
	m     map[uint64]int64
}

func newGrouper(p *plan) *grouper {
	g := &grouper{}
	size := 1
	for _, d := range p.dims[:p.nBy] {
		g.cards = append(g.cards, d.card)
		if size <= 1<<22 {
			size *= d.card
		}
	}
	if size <= 1<<20 {
		g.dense = make([]int64, size)
	} else {
		g.m = map[uint64]int64{}
	}
	return g
}

func (g *grouper) add(key uint64, n int64) {
	if g.dense != nil {
		g.dense[key] += n
	} else {
		g.m[key] += n
	}
}

// merge adds the counts of h, a grouper of the same plan.
func (g *grouper) merge(h *grouper) {
	if g.dense != nil {
		for k, n := range h.dense {
			g.dense[k] += n
		}
		return
	}
	for k, n := range h.m {
		g.m[k] += n
	}
}

func (g *grouper) rows(s *Snapshot, p *plan, flow string) []Row {
	var out []Row
	emit := func(key uint64, n int64) {
		vals := make([]string, p.nBy)
		for j := p.nBy - 1; j >= 0; j-- {
			c := uint64(g.cards[j])
			vals[j] = s.valueCode(p.dims[j], int(key%c))
			key /= c
		}
		out = append(out, Row{Flow: flow, Values: vals, Count: n})
	}
	if g.dense != nil {
		for k, n := range g.dense {
			if n != 0 {
				emit(uint64(k), n)
			}
		}
	} else {
		keys := make([]uint64, 0, len(g.m))
		for k := range g.m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			emit(k, g.m[k])
		}
	}
	return out
}

// orgView is the tree on one date: the orgs alive then, sorted by path.
type orgView struct {
	order []int32
	paths []string
}

func (s *Snapshot) view(d int32) *orgView {
	s.mu.Lock()
	v := s.views[d]
	s.mu.Unlock()
	if v != nil {
		return v
	}
	// A day's view is the versions valid on it, in path order: a linear pass, no sort, so that
	// a first query on a new date stays fast.
	s.sortVersions()
	v = &orgView{}
	for _, r := range s.byPath {
		ver := &s.orgs[r.org].versions[r.ver]
		if ver.from <= d && d < ver.to {
			v.order = append(v.order, r.org)
			v.paths = append(v.paths, ver.path)
		}
	}
	s.mu.Lock()
	if len(s.views) >= 64 {
		clear(s.views)
	}
	s.views[d] = v
	s.mu.Unlock()
	return v
}

// sortVersions lists every org version in path order, once; Build and Load call it so that no
// query pays for it.
func (s *Snapshot) sortVersions() {
	s.byPathOnce.Do(func() {
		for o := range s.orgs {
			for j := range s.orgs[o].versions {
				s.byPath = append(s.byPath, versionRef{int32(o), int32(j)})
			}
		}
		sort.Slice(s.byPath, func(a, b int) bool {
			x, y := s.byPath[a], s.byPath[b]
			return s.orgs[x.org].versions[x.ver].path < s.orgs[y.org].versions[y.ver].path
		})
	})
}

// subtree is the orgs of the subtree of org id on day d (the whole tree for 0).
func (s *Snapshot) subtree(id int64, d int32) ([]int32, error) {
	v := s.view(d)
	if id == 0 {
		return v.order, nil
	}
	o, ok := s.orgIdx[id]
	var ver *orgVersion
	if ok {
		ver = s.versionAt(o, d)
	}
	if ver == nil {
		return nil, tochuc.Errorf(tochuc.ENOTFOUND, "tổ chức không tồn tại ngày %s", tochuc.Date(fmtDay(d)).Display())
	}
	lo, hi := tochuc.SubtreeRange(ver.path)
	i := sort.SearchStrings(v.paths, lo)
	j := sort.SearchStrings(v.paths, hi)
	return v.order[i:j], nil
}

// orgValue is the value of an org dimension for an org version.
func orgValue(d dim, ver *orgVersion) int {
	switch d.kind {
	case dkKind:
		return int(ver.kind)
	case dkSetting:
		return int(ver.setting)
	case dkAttr:
		return int(ver.attrs >> d.bit & 1)
	}
	return -1
}

func ageBandOf(years int) int {
	switch {
	case years < 30:
		return 0
	case years <= 40:
		return 1
	case years <= 50:
		return 2
	case years <= 60:
		return 3
	}
	return 4
}

func leap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// memberValue is the value of a member dimension for member m on day d in span i (i < 0: no span).
func (s *Snapshot) memberValue(dm dim, m int32, i int, d int32) int {
	switch dm.kind {
	case dkCol:
		if i >= 0 {
			return int(s.spCols[dm.col][i])
		}
		return int(s.cols[dm.col][m])
	case dkStatus:
		switch {
		case s.spState[i] == stExempt:
			return 2
		case s.spOfficial[i] <= d:
			return 1
		}
		return 0
	case dkAge:
		y, rest := s.birthYear, s.birthRest
		if i >= 0 {
			y, rest, m = s.spBirthYear, s.spBirthRest, int32(i)
		}
		if y[m] == 0 {
			return 5
		}
		age := int(d/10000) - int(y[m])
		if int32(rest[m]) > d%10000 {
			age--
		}
		return ageBandOf(age)
	case dkPartyAge:
		eff := s.spEff[i]
		if eff == 0 {
			return 6
		}
		months := monthsBetween(eff, d)
		b := months / 12 / 10
		if b > 5 {
			b = 5
		}
		return b
	}
	return -1
}

// monthsBetween is tochuc.MonthsBetween on yyyymmdd days.
func monthsBetween(a, b int32) int {
	if b <= a {
		return 0
	}
	ya, ma, da := int(a/10000), int(a/100%100), int(a%100)
	yb, mb, db := int(b/10000), int(b/100%100), int(b%100)
	n := (yb-ya)*12 + mb - ma
	if n > 0 && db < da {
		// Complete only when b is the last day of its month (a shorter month than a's day).
		if db != daysIn(yb, mb) {
			n--
		}
	}
	return n
}

func daysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if leap(y) {
			return 29
		}
		return 28
	}
	return 31
}

// eachMember calls fn for every member counted on the date in the subtree who passes the
// filters, with the grouping key.
func (s *Snapshot) eachMember(q Query, p *plan, fn func(m int32, key uint64)) error {
	d, orgs, err := s.resolve(q)
	if err != nil {
		return err
	}
	s.scan(orgs, d, p, func(idx []int32, keys []uint64) {
		for k, i := range idx {
			fn(s.spMember[i], keys[k])
		}
	})
	return nil
}

// resolve is the day and the orgs of the subtree of a query.
func (s *Snapshot) resolve(q Query) (int32, []int32, error) {
	d := dayOf(string(q.AsOf))
	if d == 0 {
		return 0, nil, tochuc.Errorf(tochuc.EINVALID, "ngày %q không hợp lệ", q.AsOf)
	}
	orgs, err := s.subtree(q.OrgID, d)
	return d, orgs, err
}

// scan calls emit, org by org, with the spans counted on day d in the orgs that pass the
// filters and their grouping keys. It works a column at a time over the org's spans — the
// validity test, then each filter, then each grouping dimension — in tight loops over memory
// laid out in span order, which is what makes a country-wide figure take milliseconds.
func (s *Snapshot) scan(orgs []int32, d int32, p *plan, emit func(idx []int32, keys []uint64)) {
	mult := make([]uint64, p.nBy)
	m := uint64(1)
	for j := p.nBy - 1; j >= 0; j-- {
		mult[j] = m
		m *= uint64(p.dims[j].card)
	}
	orgDims := false
	for _, dm := range p.dims {
		orgDims = orgDims || !isMemberDim(dm)
	}
	b := &scanBlock{s: s, d: d, p: p, mult: mult, emit: emit, idx: make([]int32, scanChunk)}
	if !orgDims {
		// Nothing depends on the org: runs of orgs adjacent in storage (orgs are stored in path
		// order, so a subtree is mostly one run) are read as one block of spans.
		for i := 0; i < len(orgs); {
			j := i
			for j+1 < len(orgs) && orgs[j+1] == orgs[j]+1 {
				j++
			}
			b.spans(s.spanStart[orgs[i]], s.spanStart[orgs[j]+1], 0)
			i = j + 1
		}
		return
	}
orgs:
	for _, o := range orgs {
		ver := s.versionAt(o, d)
		base := uint64(0)
		for j, dm := range p.dims {
			if v := orgValue(dm, ver); v >= 0 {
				if j >= p.nBy {
					if !dm.match(v) {
						continue orgs
					}
				} else {
					base += uint64(v) * mult[j]
				}
			}
		}
		b.spans(s.spanStart[o], s.spanStart[o+1], base)
	}
}

// scanBlock counts runs of spans for scan, a few thousand at a time so that its buffers stay in
// the processor's cache.
type scanBlock struct {
	s    *Snapshot
	d    int32
	p    *plan
	mult []uint64
	emit func(idx []int32, keys []uint64)
	idx  []int32
	keys []uint64
}

const scanChunk = 4096

// spans emits the spans [lo, hi) valid on the day that pass the filters, with base added to
// their keys (the org dimensions' part).
func (b *scanBlock) spans(lo, hi int32, base uint64) {
	s, d, p := b.s, b.d, b.p
	for lo < hi {
		end := min(hi, lo+scanChunk)
		// Without branches: which spans are valid is as good as random to the processor, and a
		// mispredicted branch per span cost a third of a country-wide count.
		idx := b.idx[:scanChunk]
		from, to, state := s.spFrom[lo:end], s.spTo[lo:end], s.spState[lo:end]
		to, state = to[:len(from)], state[:len(from)]
		n := 0
		for k := range from {
			idx[n] = lo + int32(k)
			// from ≤ d < to, in one unsigned comparison
			n += b2i(uint32(d-from[k]) < uint32(to[k]-from[k])) & b2i(state[k] != stTransit)
		}
		idx = idx[:n]
		lo = end
		for j := p.nBy; j < len(p.dims) && len(idx) > 0; j++ {
			if dm := p.dims[j]; isMemberDim(dm) {
				idx = s.keep(idx, dm, d)
			}
		}
		b.idx = idx
		if len(idx) == 0 {
			continue
		}
		keys := b.keys[:0]
		for range idx {
			keys = append(keys, base)
		}
		for j := 0; j < p.nBy; j++ {
			if dm := p.dims[j]; isMemberDim(dm) {
				s.addKeys(keys, idx, dm, d, b.mult[j])
			}
		}
		b.keys = keys
		b.emit(idx, keys)
	}
}

// b2i is 1 for true; the compiler makes it a flag, not a branch.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isMemberDim(dm dim) bool { return !isOrgDim(dm) }

// keep narrows idx to the spans whose value of the dimension is the wanted one.
func (s *Snapshot) keep(idx []int32, dm dim, d int32) []int32 {
	out := idx[:0]
	if dm.kind == dkCol && dm.mask != nil {
		col, mask := s.spCols[dm.col], dm.mask
		for _, i := range idx {
			if v := int(col[i]); v < len(mask) && mask[v] {
				out = append(out, i)
			}
		}
		return out
	}
	if dm.kind == dkCol {
		col, want := s.spCols[dm.col], uint8(dm.want)
		if dm.want < 0 || dm.want > 255 {
			return out
		}
		for _, i := range idx {
			if col[i] == want {
				out = append(out, i)
			}
		}
		return out
	}
	for _, i := range idx {
		if dm.match(s.memberValue(dm, s.spMember[i], int(i), d)) {
			out = append(out, i)
		}
	}
	return out
}

// addKeys adds each span's value of the dimension, times its place value, to its key.
func (s *Snapshot) addKeys(keys []uint64, idx []int32, dm dim, d int32, mult uint64) {
	switch dm.kind {
	case dkCol:
		col := s.spCols[dm.col]
		for k, i := range idx {
			keys[k] += uint64(col[i]) * mult
		}
		return
	case dkAge: // memberValue's rule, inlined and without branches
		// With the birth date as yyyymmdd (0 when unknown), "younger than k years on d" is
		// birth > (year-k)mmdd, so the band is the number of the limits 30, 41, 51, 61 the birth
		// date is at or before, plus one more when it is unknown (band 5).
		by, rest, md := s.spBirthYear, s.spBirthRest, d%10000
		year := d / 10000
		t30, t41, t51, t61 := (year-30)*10000+md, (year-41)*10000+md, (year-51)*10000+md, (year-61)*10000+md
		for k, i := range idx {
			b := int32(by[i])*10000 + int32(rest[i])
			v := b2i(b <= t30) + b2i(b <= t41) + b2i(b <= t51) + b2i(b <= t61) + b2i(b == 0)
			keys[k] += uint64(v) * mult
		}
		return
	case dkStatus: // memberValue's rule, inlined: the commonest grouping
		state, official := s.spState, s.spOfficial
		for k, i := range idx {
			// 0 probationary, 1 official, 2 exempt, without branches
			ex := b2i(state[i] == stExempt)
			v := b2i(official[i] <= d)*(1-ex) + 2*ex
			keys[k] += uint64(v) * mult
		}
		return
	}
	for k, i := range idx {
		keys[k] += uint64(s.memberValue(dm, s.spMember[i], int(i), d)) * mult
	}
}

// parts splits orgs into at most n runs of about the same number of spans, for the cores.
func (s *Snapshot) parts(orgs []int32, n int) [][]int32 {
	total := 0
	for _, o := range orgs {
		total += int(s.spanStart[o+1] - s.spanStart[o])
	}
	if n <= 1 || total < 1<<16 {
		return [][]int32{orgs}
	}
	var out [][]int32
	start, acc, share := 0, 0, total/n+1
	for i, o := range orgs {
		acc += int(s.spanStart[o+1] - s.spanStart[o])
		if acc >= share && len(out) < n-1 {
			out = append(out, orgs[start:i+1])
			start, acc = i+1, 0
		}
	}
	return append(out, orgs[start:])
}

// Members counts the members of the query, one row per combination of the By dimensions that
// has members, in the order of the codes.
func (s *Snapshot) Members(q Query) ([]Row, error) {
	p, err := s.plan(q.By, q.Filter, false)
	if err != nil {
		return nil, err
	}
	d, orgs, err := s.resolve(q)
	if err != nil {
		return nil, err
	}
	// One grouper per core over its share of the spans, added up at the end.
	parts := s.parts(orgs, runtime.GOMAXPROCS(0))
	gs := make([]*grouper, len(parts))
	var wg sync.WaitGroup
	for w, part := range parts {
		g := newGrouper(p)
		gs[w] = g
		wg.Go(func() {
			switch {
			case g.dense != nil && len(g.dense) == 1:
				var n int64
				s.scan(part, d, p, func(idx []int32, _ []uint64) { n += int64(len(idx)) })
				g.dense[0] = n
			case g.dense != nil:
				dense := g.dense
				s.scan(part, d, p, func(_ []int32, keys []uint64) {
					for _, k := range keys {
						dense[k]++
					}
				})
			default:
				s.scan(part, d, p, func(_ []int32, keys []uint64) {
					for _, k := range keys {
						g.m[k]++
					}
				})
			}
		})
	}
	wg.Wait()
	g := gs[0]
	for _, h := range gs[1:] {
		g.merge(h)
	}
	return g.rows(s, p, ""), nil
}

// Total is the count of the query without grouping.
func (s *Snapshot) Total(q Query) (int64, error) {
	q.By = nil
	rows, err := s.Members(q)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	return rows[0].Count, nil
}

// MemberIDs lists the ids of the members a figure counts (By is ignored; Filter narrows), in
// id order: the drill-down of a count.
func (s *Snapshot) MemberIDs(q Query) ([]int64, error) {
	p, err := s.plan(nil, q.Filter, false)
	if err != nil {
		return nil, err
	}
	var ids []int64
	err = s.eachMember(q, p, func(m int32, _ uint64) { ids = append(ids, s.ids[m]) })
	slices.Sort(ids)
	return ids, err
}

// eachFlow calls fn for every flow of the period into or out of the subtree that passes the
// filters, with its flow index (in Flows) and grouping key.
func (s *Snapshot) eachFlow(q FlowQuery, p *plan, fn func(flow int, m int32, key uint64)) error {
	from, to := dayOf(string(q.From)), dayOf(string(q.To))
	if from == 0 || to == 0 || to < from {
		return tochuc.Errorf(tochuc.EINVALID, "kỳ từ %q đến %q không hợp lệ", q.From, q.To)
	}
	x, ok := int32(-1), true
	if q.OrgID != 0 {
		x, ok = s.orgIdx[q.OrgID]
		if !ok {
			return tochuc.Errorf(tochuc.ENOTFOUND, "tổ chức không có")
		}
	}
	lastDay, prefix, alive := int32(-1), "", false
	in := func(o int32, d int32) bool {
		if o < 0 {
			return false
		}
		ver := s.versionAt(o, d)
		if ver == nil {
			return false
		}
		if x < 0 {
			return true
		}
		if d != lastDay {
			lastDay = d
			xv := s.versionAt(x, d)
			alive = xv != nil
			if alive {
				prefix = xv.path
			}
		}
		return alive && strings.HasPrefix(ver.path, prefix)
	}
	vals := make([]int, len(p.dims))
	emit := func(flow int, e *flowEvent, org int32) {
		ver := s.versionAt(org, e.date)
		for j, dm := range p.dims {
			v := orgValue(dm, ver)
			if v < 0 {
				v = s.memberValue(dm, e.member, -1, e.date)
			}
			if j >= p.nBy && !dm.match(v) {
				return
			}
			vals[j] = v
		}
		var key uint64
		for j := 0; j < p.nBy; j++ {
			key = key*uint64(p.dims[j].card) + uint64(vals[j])
		}
		fn(flow, e.member, key)
	}
	i := sort.Search(len(s.flows), func(i int) bool { return s.flows[i].date >= from })
	for ; i < len(s.flows) && s.flows[i].date <= to; i++ {
		e := &s.flows[i]
		switch e.flow {
		case flAdmitted, flReadmitted, flRecognized:
			if in(e.b, e.date) {
				emit(int(e.flow), e, e.b)
			}
		case flRemoved, flWithdrawn, flExpelled, flDeceased:
			if in(e.a, e.date) {
				emit(int(e.flow), e, e.a)
			}
		case flTransferOut, flTransferred, flTransferIn:
			ina, inb := in(e.a, e.date), in(e.b, e.date)
			if e.flow != flTransferIn && ina && !inb {
				emit(4, e, e.a)
			}
			if e.flow != flTransferOut && inb && !ina {
				emit(3, e, e.b)
			}
		}
	}
	return nil
}

// Flows counts the flows of the period: one row per flow and combination of the By dimensions
// (member dimensions on the day of the event; org dimensions of the org the member entered or
// left, on that day). A transfer counts for a subtree only when it crosses its boundary; a
// move by a restructure is no transfer.
func (s *Snapshot) Flows(q FlowQuery) ([]Row, error) {
	p, err := s.plan(q.By, q.Filter, true)
	if err != nil {
		return nil, err
	}
	gs := make([]*grouper, len(Flows))
	for i := range gs {
		gs[i] = newGrouper(p)
	}
	if err := s.eachFlow(q, p, func(flow int, _ int32, key uint64) { gs[flow].add(key, 1) }); err != nil {
		return nil, err
	}
	var out []Row
	for i, g := range gs {
		out = append(out, g.rows(s, p, Flows[i])...)
	}
	return out, nil
}

// FlowMemberIDs lists the members of one flow of the period (with the filters), in id order.
func (s *Snapshot) FlowMemberIDs(q FlowQuery, flow string) ([]int64, error) {
	fi := slices.Index(Flows, flow)
	if fi < 0 {
		return nil, tochuc.Errorf(tochuc.EINVALID, "luồng %q không có; các luồng: %s", flow, strings.Join(Flows, ", "))
	}
	p, err := s.plan(nil, q.Filter, true)
	if err != nil {
		return nil, err
	}
	var ids []int64
	err = s.eachFlow(q, p, func(f int, m int32, _ uint64) {
		if f == fi {
			ids = append(ids, s.ids[m])
		}
	})
	slices.Sort(ids)
	return ids, err
}
