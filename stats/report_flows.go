package stats

import (
	"slices"
	"sort"

	"tochuc"
)

// FlowsOfOrgs counts the flows of the period [q.From, q.To] of each org of ids in its own
// subtree — what Flows with FlowQuery{OrgID: id} gives for each, a transfer counting for an org
// only when it crosses that org's boundary — in one pass over the period's flows instead of one
// per org: the figures of the units of a report (the children of a province, the communes of a
// group). q.OrgID and q.By are ignored; q.Filter narrows. The answer maps each id to its counts
// by flow name (flows with no event are absent). An org that does not exist on an event's day
// counts nothing that day.
func (s *Snapshot) FlowsOfOrgs(q FlowQuery, ids []int64) (map[int64]map[string]int64, error) {
	p, err := s.plan(nil, q.Filter, true)
	if err != nil {
		return nil, err
	}
	from, to := dayOf(string(q.From)), dayOf(string(q.To))
	if from == 0 || to == 0 || to < from {
		return nil, tochuc.Errorf(tochuc.EINVALID, "kỳ từ %q đến %q không hợp lệ", q.From, q.To)
	}
	out := make(map[int64]map[string]int64, len(ids))
	var targets []int32
	var targetIDs []int64
	for _, id := range ids {
		if out[id] != nil {
			continue
		}
		out[id] = map[string]int64{}
		if x, ok := s.orgIdx[id]; ok {
			targets = append(targets, x)
			targetIDs = append(targetIDs, id)
		}
	}
	if len(targets) == 0 {
		return out, nil
	}
	// The targets' paths on the day of the events being read: path → targets (the same path
	// twice when an id is given twice).
	lastDay := int32(-1)
	byPath := map[string][]int{}
	// within lists the targets whose subtree holds org o on day d, in buf.
	within := func(o int32, d int32, buf []int) []int {
		buf = buf[:0]
		if o < 0 {
			return buf
		}
		ver := s.versionAt(o, d)
		if ver == nil {
			return buf
		}
		if d != lastDay {
			lastDay = d
			clear(byPath)
			for i, x := range targets {
				if xv := s.versionAt(x, d); xv != nil {
					byPath[xv.path] = append(byPath[xv.path], i)
				}
			}
		}
		for i := 0; i < len(ver.path); i++ {
			if ver.path[i] == '/' {
				buf = append(buf, byPath[ver.path[:i+1]]...)
			}
		}
		return buf
	}
	pass := func(e *flowEvent, org int32) bool {
		ver := s.versionAt(org, e.date)
		for _, dm := range p.dims {
			v := orgValue(dm, ver)
			if v < 0 {
				v = s.memberValue(dm, e.member, -1, e.date)
			}
			if !dm.match(v) {
				return false
			}
		}
		return true
	}
	counts := make([][]int64, len(targets))
	for i := range counts {
		counts[i] = make([]int64, len(Flows))
	}
	var ba, bb []int
	i := sort.Search(len(s.flows), func(i int) bool { return s.flows[i].date >= from })
	for ; i < len(s.flows) && s.flows[i].date <= to; i++ {
		e := &s.flows[i]
		switch e.flow {
		case flAdmitted, flReadmitted, flRecognized:
			if bb = within(e.b, e.date, bb); len(bb) > 0 && pass(e, e.b) {
				for _, t := range bb {
					counts[t][e.flow]++
				}
			}
		case flRemoved, flWithdrawn, flExpelled, flDeceased:
			if ba = within(e.a, e.date, ba); len(ba) > 0 && pass(e, e.a) {
				for _, t := range ba {
					counts[t][e.flow]++
				}
			}
		case flTransferOut, flTransferred, flTransferIn:
			ba, bb = within(e.a, e.date, ba), within(e.b, e.date, bb)
			if e.flow != flTransferIn && len(ba) > 0 && pass(e, e.a) {
				for _, t := range ba {
					if !slices.Contains(bb, t) {
						counts[t][4]++
					}
				}
			}
			if e.flow != flTransferOut && len(bb) > 0 && pass(e, e.b) {
				for _, t := range bb {
					if !slices.Contains(ba, t) {
						counts[t][3]++
					}
				}
			}
		}
	}
	for t, id := range targetIDs {
		for f, n := range counts[t] {
			if n > 0 {
				out[id][Flows[f]] += n
			}
		}
	}
	return out, nil
}
