package stats

import (
	"context"
	"errors"
	"math"
	"runtime/debug"
	"slices"
	"sort"
	"time"

	"tochuc"
	"tochuc/store"
)

// Build reads the register from the database in one pass per table and returns its snapshot.
func Build(ctx context.Context, db *store.DB) (*Snapshot, error) {
	start := time.Now()
	s := &Snapshot{attrBit: map[string]int{}, orgIdx: map[int64]int32{}, views: map[int32]*orgView{}}
	for i := range s.memberCols {
		s.memberCols[i] = newDict()
	}
	s.kinds, s.settings = newDict(), newDict()

	// Orgs and their versions.
	versions, err := db.AllOrgVersions(ctx)
	if err != nil {
		return nil, err
	}
	for _, v := range versions {
		oi, ok := s.orgIdx[v.ID]
		if !ok {
			oi = int32(len(s.orgs))
			s.orgIdx[v.ID] = oi
			s.orgs = append(s.orgs, orgInfo{id: v.ID, code: v.Code})
		}
		var attrs uint64
		for _, a := range v.Attrs {
			b, ok := s.attrBit[a]
			if !ok && len(s.attrNames) < 64 {
				b = len(s.attrNames)
				s.attrBit[a] = b
				s.attrNames = append(s.attrNames, a)
			}
			attrs |= 1 << b
		}
		s.orgs[oi].versions = append(s.orgs[oi].versions, orgVersion{
			from: dayOf(string(v.ValidFrom)), to: dayOf(string(v.ValidTo)), path: v.Path, name: v.Name,
			kind: s.kinds.id(v.Kind), setting: s.settings.id(v.Setting), attrs: attrs,
		})
	}
	for i := range s.orgs {
		vs := s.orgs[i].versions
		sort.Slice(vs, func(a, b int) bool { return vs[a].from < vs[b].from })
	}
	// Orgs are stored in the path order of their latest version, so that a subtree's spans are
	// mostly one contiguous run, which a count reads as one block.
	sort.SliceStable(s.orgs, func(a, b int) bool {
		va, vb := s.orgs[a].versions, s.orgs[b].versions
		return va[len(va)-1].path < vb[len(vb)-1].path
	})
	for i, o := range s.orgs {
		s.orgIdx[o.id] = int32(i)
	}

	// The build's arrays hold no pointers, so a collection costs little: collecting at 10%
	// growth instead of 100% keeps the peak of a national build — beside the snapshot still
	// served while it runs — under 2 GB, for the price of a few more cycles (none measurable).
	// A GOGC the operator set lower is kept.
	if old := debug.SetGCPercent(buildGCPercent); old >= 0 && old < buildGCPercent {
		debug.SetGCPercent(old)
	} else {
		defer debug.SetGCPercent(old)
	}
	// A server rebuilds while it serves the last snapshot, so the two live side by side for a
	// while. A soft limit makes the runtime collect and return memory to the system as it nears
	// it, rather than let the heap grow past it; it never fails an allocation. An operator's
	// GOMEMLIMIT is kept.
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(buildMemoryLimit)
		defer debug.SetMemoryLimit(math.MaxInt64)
	}

	// Members.
	err = db.EachStatsMember(ctx, func(id int64, birth, start []byte, cols [][]byte) error {
		s.ids = append(s.ids, id)
		s.probStart = append(s.probStart, dayOf(string(start)))
		y, rest := birthOf(birth)
		s.birthYear = append(s.birthYear, y)
		s.birthRest = append(s.birthRest, rest)
		for i, c := range cols {
			s.cols[i] = append(s.cols[i], s.memberCols[i].idBytes(c))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	memberAt := func(cur *int, id int64) int {
		for *cur < len(s.ids) && s.ids[*cur] < id {
			*cur++
		}
		if *cur < len(s.ids) && s.ids[*cur] == id {
			return *cur
		}
		return -1
	}

	// Events are read beside the spans, on a second connection, and handed over in batches:
	// holding them all (13M at national scale) would add a quarter of a gigabyte to the build.
	events := streamEvents(ctx, db, s, memberAt)
	defer events.stop()
	var me []ev

	// Spans, member by member, with each member's events turned into flows.
	type span struct {
		org              int32
		from, to, offic  int32
		state, end       uint8
		effStart, member int32
	}
	// The spans, in member order, one column each, in blocks (see chunks); flows likewise.
	var (
		cOrg, cMember, cFrom, cTo, cOffic, cEff chunks[int32]
		cState                                  chunks[uint8]
		flows                                   chunks[flowEvent]
		mine                                    []span
	)
	flush := func(m int32) {
		me = events.of(m, me[:0]) // the member's events, in effect order
		// Party age: the first admission, plus the gaps between an exit and a re-admission
		// (tochuc.PartyAge), as they stand at the start of each span.
		for i := range mine {
			mine[i].effStart = effectiveStart(me, mine[i].from, func(e ev) (int32, uint8) { return e.date, e.kind })
		}
		spanAt := func(d int32) int {
			for i := range mine {
				if mine[i].from <= d && d < mine[i].to {
					return i
				}
			}
			return -1
		}
		for _, e := range me {
			f := flowOf[e.kind]
			if f < 0 {
				continue
			}
			fl := flowEvent{date: e.date, flow: uint8(f), member: m, a: -1, b: -1}
			switch e.kind {
			case evAdmitted, evReadmitted:
				fl.b = e.org
			case evRecognized:
				if i := spanAt(e.date); i >= 0 {
					fl.b = mine[i].org
				}
			case evRemoved, evWithdrawn, evExpelled, evDeceased:
				fl.a = -1
				for i := range mine {
					if mine[i].to == e.date && mine[i].end == e.kind {
						fl.a = mine[i].org
					}
				}
				if fl.a < 0 {
					if i := spanAt(prevDay(e.date)); i >= 0 {
						fl.a = mine[i].org
					}
				}
			case evTransferred, evTransferOut:
				if i := spanAt(prevDay(e.date)); i >= 0 {
					fl.a = mine[i].org
				}
				fl.b = e.org
			case evTransferIn:
				if i := spanAt(prevDay(e.date)); i >= 0 {
					if mine[i].state == stTransit && i > 0 && mine[i-1].to == mine[i].from {
						i--
					}
					if mine[i].state != stTransit {
						fl.a = mine[i].org
					}
				}
				if i := spanAt(e.date); i >= 0 {
					fl.b = mine[i].org
				} else {
					fl.b = e.org
				}
			}
			flows.add(fl)
		}
		for _, sp := range mine {
			cOrg.add(sp.org)
			cMember.add(sp.member)
			cFrom.add(sp.from)
			cTo.add(sp.to)
			cOffic.add(sp.offic)
			cEff.add(sp.effStart)
			cState.add(sp.state)
		}
		mine = mine[:0]
	}
	cur := 0
	last := int32(-1)
	err = db.EachStatsSpan(ctx, func(sp *store.StatsSpan) error {
		m := memberAt(&cur, sp.MemberID)
		oi, ok := s.orgIdx[sp.OrgID]
		if m < 0 || !ok {
			return nil
		}
		if int32(m) != last && last >= 0 {
			flush(last)
		}
		last = int32(m)
		mine = append(mine, span{org: oi, from: dayOf(string(sp.From)), to: dayOf(string(sp.To)),
			offic: dayOf(string(sp.Official)), state: stateOf(string(sp.State)), end: eventKinds[string(sp.EndKd)], member: int32(m)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if last >= 0 {
		flush(last)
	}
	if err := events.stop(); err != nil {
		return nil, err
	}
	// The flows into one array now, while the spans are still in their blocks: later, beside
	// the spans' final columns, the copy would raise the build's peak.
	s.flows = flows.all()

	// Spans by org (CSR: a counting sort, the orgs being known), then by start date, through a
	// permutation that each column is then read through once, its blocks released behind it.
	n := cOrg.n
	s.spanStart = make([]int32, len(s.orgs)+1)
	cOrg.each(func(org int32) { s.spanStart[org+1]++ })
	for i := 1; i < len(s.spanStart); i++ {
		s.spanStart[i] += s.spanStart[i-1]
	}
	perm := make([]int32, n)
	{
		next := slices.Clone(s.spanStart)
		i := int32(0)
		cOrg.each(func(org int32) {
			perm[next[org]] = i
			next[org]++
			i++
		})
		cOrg = chunks[int32]{}
		for o := range s.orgs {
			slices.SortFunc(perm[s.spanStart[o]:s.spanStart[o+1]], func(a, b int32) int { return int(cFrom.at(a) - cFrom.at(b)) })
		}
	}
	s.spMember, s.spFrom, s.spTo = cMember.permuted(perm), cFrom.permuted(perm), cTo.permuted(perm)
	s.spOfficial, s.spEff, s.spState = cOffic.permuted(perm), cEff.permuted(perm), cState.permuted(perm)
	perm = nil
	for c := range s.spCols {
		s.spCols[c] = make([]uint8, n)
		for i, m := range s.spMember {
			s.spCols[c][i] = s.cols[c][m]
		}
	}
	s.spBirthYear, s.spBirthRest = make([]int16, n), make([]uint16, n)
	for i, m := range s.spMember {
		s.spBirthYear[i], s.spBirthRest[i] = s.birthYear[m], s.birthRest[m]
	}
	// By date; same-day events by member then kind, so that the order is the same every build.
	slices.SortFunc(s.flows, func(a, b flowEvent) int {
		if a.date != b.date {
			return int(a.date - b.date)
		}
		if a.member != b.member {
			return int(a.member - b.member)
		}
		return int(a.flow) - int(b.flow)
	})
	s.sortVersions()
	// Return the build's temporary arrays to the system before the limits above are lifted:
	// otherwise the first requests after it grow the heap on top of them.
	debug.FreeOSMemory()
	s.BuiltIn = time.Since(start)
	s.BuiltAt = time.Now()
	return s, nil
}

// effectiveStart is the day party age counts from for a member on day d (yyyymmdd): the first
// admission moved later by every gap between an exit and a re-admission on or before d;
// 0 when never admitted by d. It follows tochuc.PartyAge.
func effectiveStart[E any](events []E, d int32, get func(E) (int32, uint8)) int32 {
	var start, exitAt int32
	gap := 0
	for _, e := range events {
		date, kind := get(e)
		if date > d {
			break
		}
		switch kind {
		case evAdmitted:
			if start == 0 {
				start = date
			}
		case evReadmitted:
			if start == 0 {
				start = date
			} else if exitAt != 0 {
				gap += daysBetween(exitAt, date)
			}
			exitAt = 0
		case evRestored:
			exitAt = 0
		case evRemoved, evWithdrawn, evExpelled, evDeceased:
			if exitAt == 0 {
				exitAt = date
			}
		}
	}
	if start == 0 || gap == 0 {
		return start
	}
	return dayOf(string(tochuc.Date(fmtDay(start)).AddDays(gap)))
}

func daysBetween(a, b int32) int {
	return int(tochuc.Date(fmtDay(b)).Time().Sub(tochuc.Date(fmtDay(a)).Time()).Hours() / 24)
}

func prevDay(d int32) int32 { return dayOf(string(tochuc.Date(fmtDay(d)).AddDays(-1))) }

// birthOf splits a partial birth date (1950, 1975-03, 1975-03-12) into its year and the rest
// as mmdd (a month alone: mm00), the form store.AgeOn compares.
func birthOf(b []byte) (int16, uint16) {
	if len(b) < 4 {
		return 0, 0
	}
	y := 0
	for _, c := range b[:4] {
		if c < '0' || c > '9' {
			return 0, 0
		}
		y = y*10 + int(c-'0')
	}
	rest := 0
	if len(b) >= 7 {
		rest = int(b[5]-'0')*1000 + int(b[6]-'0')*100
	}
	if len(b) >= 10 {
		rest += int(b[8]-'0')*10 + int(b[9]-'0')
	}
	return int16(y), uint16(rest)
}

// buildGCPercent is the collector's target while a snapshot is built (see Build).
const buildGCPercent = 10

// buildMemoryLimit is the runtime's soft memory limit while a snapshot is built (see Build):
// at national scale the old snapshot and the new one take 1.4 GB together, and the database
// engine's own memory comes on top.
const buildMemoryLimit = 1600 << 20

// ev is one member event as the build needs it.
type ev struct {
	member int32
	date   int32
	kind   uint8
	org    int32
}

// eventStream reads the member events in member order on its own goroutine, in batches, so
// that the build takes each member's events as it reaches the member's spans.
type eventStream struct {
	batches chan []ev
	free    chan []ev
	done    chan error
	cancel  context.CancelFunc
	cur     []ev // what is left of the batch taken
	whole   []ev // the batch taken, returned for reuse once spent
	stopped bool
	err     error
}

const eventBatch = 8192

func streamEvents(ctx context.Context, db *store.DB, s *Snapshot, memberAt func(*int, int64) int) *eventStream {
	ctx, cancel := context.WithCancel(ctx)
	es := &eventStream{batches: make(chan []ev, 4), free: make(chan []ev, 6), done: make(chan error, 1), cancel: cancel}
	go func() {
		defer close(es.batches)
		batch := make([]ev, 0, eventBatch)
		send := func() error {
			select {
			case es.batches <- batch:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case batch = <-es.free:
				batch = batch[:0]
			default:
				batch = make([]ev, 0, eventBatch)
			}
			return nil
		}
		cur := 0
		err := db.EachStatsEvent(ctx, func(e *store.StatsEvent) error {
			m := memberAt(&cur, e.MemberID)
			k, ok := eventKinds[string(e.Kind)]
			if m < 0 || !ok {
				return nil
			}
			org := int32(-1)
			if e.OrgID.Valid {
				if oi, ok := s.orgIdx[e.OrgID.Int64]; ok {
					org = oi
				}
			}
			batch = append(batch, ev{int32(m), dayOf(string(e.Date)), k, org})
			if len(batch) == eventBatch {
				return send()
			}
			return nil
		})
		if err == nil && len(batch) > 0 {
			err = send()
		}
		es.done <- err
	}()
	return es
}

// of appends member m's events to buf, skipping those of members before m. Members must be
// asked in increasing order.
func (es *eventStream) of(m int32, buf []ev) []ev {
	for {
		for len(es.cur) > 0 && es.cur[0].member < m {
			es.cur = es.cur[1:]
		}
		for len(es.cur) > 0 && es.cur[0].member == m {
			buf = append(buf, es.cur[0])
			es.cur = es.cur[1:]
		}
		if len(es.cur) > 0 || !es.next() {
			return buf
		}
	}
}

// next takes the following batch, returning the spent one for reuse; false at the end.
func (es *eventStream) next() bool {
	if es.stopped {
		return false
	}
	if es.whole != nil {
		select {
		case es.free <- es.whole:
		default:
		}
	}
	b, ok := <-es.batches
	es.cur, es.whole = b, b
	return ok
}

// stop ends the reading (at once if the build no longer needs it) and returns its error.
func (es *eventStream) stop() error {
	if es.stopped {
		return es.err
	}
	es.stopped = true
	es.cancel()
	for range es.batches {
	}
	es.err = <-es.done
	if errors.Is(es.err, context.Canceled) {
		es.err = nil
	}
	return es.err
}

// chunks is a column read in blocks of a fixed size: one array grown by appending would leave
// a copy of itself behind at every growth, and keep up to a quarter of its size unused.
type chunks[T any] struct {
	blocks [][]T
	n      int
}

const chunkBits = 16

func (c *chunks[T]) add(v T) {
	if c.n&(1<<chunkBits-1) == 0 {
		c.blocks = append(c.blocks, make([]T, 1<<chunkBits))
	}
	c.blocks[c.n>>chunkBits][c.n&(1<<chunkBits-1)] = v
	c.n++
}

func (c *chunks[T]) at(i int32) T { return c.blocks[i>>chunkBits][i&(1<<chunkBits-1)] }

func (c *chunks[T]) each(fn func(T)) {
	for b, block := range c.blocks {
		if rest := c.n - b<<chunkBits; rest < len(block) {
			block = block[:rest]
		}
		for _, v := range block {
			fn(v)
		}
	}
}

// permuted returns the column in the order of perm (out[i] = column[perm[i]]) and releases it.
func (c *chunks[T]) permuted(perm []int32) []T {
	out := make([]T, len(perm))
	for i, p := range perm {
		out[i] = c.at(p)
	}
	*c = chunks[T]{}
	return out
}

// all returns the column as one array of its exact length and releases the blocks as it goes.
func (c *chunks[T]) all() []T {
	out := make([]T, 0, c.n)
	for b := range c.blocks {
		out = append(out, c.blocks[b][:min(c.n-len(out), len(c.blocks[b]))]...)
		c.blocks[b] = nil
	}
	*c = chunks[T]{}
	return out
}
