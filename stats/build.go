package stats

import (
	"context"
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

	// Events, kept per member until the member's spans are read.
	type ev struct {
		member int32
		date   int32
		kind   uint8
		org    int32
	}
	var evs []ev
	cur := 0
	err = db.EachStatsEvent(ctx, func(e *store.StatsEvent) error {
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
		evs = append(evs, ev{int32(m), dayOf(string(e.Date)), k, org})
		return nil
	})
	if err != nil {
		return nil, err
	}

	// Spans, member by member, with each member's events turned into flows.
	type span struct {
		org              int32
		from, to, offic  int32
		state, end       uint8
		effStart, member int32
	}
	var spans []span
	var mine []span
	ei := 0
	flush := func(m int32) {
		// The member's events, in effect order.
		for ei < len(evs) && evs[ei].member < m {
			ei++
		}
		e0 := ei
		for ei < len(evs) && evs[ei].member == m {
			ei++
		}
		me := evs[e0:ei]
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
			s.flows = append(s.flows, fl)
		}
		spans = append(spans, mine...)
		mine = mine[:0]
	}
	cur = 0
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
	evs = nil

	// Spans by org (CSR: a counting sort, the orgs being known), then by start date, through a
	// permutation: a second copy of the spans would cost a quarter of a gigabyte at national scale.
	n := len(spans)
	s.spanStart = make([]int32, len(s.orgs)+1)
	for _, sp := range spans {
		s.spanStart[sp.org+1]++
	}
	for i := 1; i < len(s.spanStart); i++ {
		s.spanStart[i] += s.spanStart[i-1]
	}
	perm := make([]int32, n)
	{
		next := slices.Clone(s.spanStart)
		for i, sp := range spans {
			perm[next[sp.org]] = int32(i)
			next[sp.org]++
		}
		for o := range s.orgs {
			slices.SortFunc(perm[s.spanStart[o]:s.spanStart[o+1]], func(a, b int32) int { return int(spans[a].from - spans[b].from) })
		}
	}
	s.spMember, s.spFrom, s.spTo, s.spOfficial, s.spEff = make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n)
	s.spState = make([]uint8, n)
	for c := range s.spCols {
		s.spCols[c] = make([]uint8, n)
	}
	s.spBirthYear, s.spBirthRest = make([]int16, n), make([]uint16, n)
	for i, p := range perm {
		sp := &spans[p]
		s.spMember[i], s.spFrom[i], s.spTo[i], s.spOfficial[i], s.spEff[i], s.spState[i] = sp.member, sp.from, sp.to, sp.offic, sp.effStart, sp.state
		for c := range s.spCols {
			s.spCols[c][i] = s.cols[c][sp.member]
		}
		s.spBirthYear[i], s.spBirthRest[i] = s.birthYear[sp.member], s.birthRest[sp.member]
	}
	spans, perm = nil, nil
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
