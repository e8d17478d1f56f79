package service

import (
	"context"

	"tochuc"
	"tochuc/store"
)

// SubtreeCounts returns, for every org on day d, the members of its whole subtree by status:
// the whole tree's figures, so only for an actor whose counts reach the root.
func (s *Service) SubtreeCounts(ctx context.Context, d tochuc.Date) (map[int64]store.StatusCount, error) {
	r, err := s.reachFor(ctx, tochuc.PermCounts, d)
	if err != nil {
		return nil, err
	}
	if !r.all {
		return nil, tochuc.Errorf(tochuc.EFORBIDDEN, "Chỉ tài khoản có quyền trên toàn bộ cây tổ chức mới xem được số liệu của mọi tổ chức.")
	}
	return s.subtreeCounts(ctx, d)
}

// subtreeCounts is SubtreeCounts for callers that have checked the reach themselves. The result
// is cached until the next write: the tree page asks for it on every click.
func (s *Service) subtreeCounts(ctx context.Context, d tochuc.Date) (map[int64]store.StatusCount, error) {
	if err := s.ensureToday(ctx); err != nil {
		return nil, err
	}
	s.mu.Lock()
	key := countKey{d, s.gen}
	if c, ok := s.counts[key]; ok {
		s.mu.Unlock()
		return c, nil
	}
	s.mu.Unlock()
	direct, err := s.DB.DirectCounts(ctx, d, d == s.Today())
	if err != nil {
		return nil, err
	}
	orgs, err := s.DB.OrgsAsOf(ctx, d)
	if err != nil {
		return nil, err
	}
	// Orgs come parents first (path order); adding each count to every ancestor on the path
	// gives subtree totals.
	byPath := make(map[string]int64, len(orgs))
	out := make(map[int64]store.StatusCount, len(orgs))
	for _, o := range orgs {
		byPath[o.Path] = o.ID
	}
	for _, o := range orgs {
		c := direct[o.ID]
		if c.Total() == 0 {
			continue
		}
		for i := 1; i < len(o.Path); i++ {
			if o.Path[i] == '/' {
				if id, ok := byPath[o.Path[:i+1]]; ok {
					out[id] = out[id].Plus(c)
				}
			}
		}
	}
	s.mu.Lock()
	if len(s.counts) > 16 {
		s.counts = map[countKey]map[int64]store.StatusCount{}
	}
	s.counts[key] = out
	s.mu.Unlock()
	return out, nil
}
