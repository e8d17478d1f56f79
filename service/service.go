// Package service holds one method per user action: it validates with the domain rules, writes
// in one transaction and keeps derived data (spans, counts) consistent.
package service

import (
	"sync"

	"tochuc"
	"tochuc/store"
)

// Service is the application: every CLI command and web handler goes through it.
type Service struct {
	DB    *store.DB
	Today func() tochuc.Date

	mu     sync.Mutex
	gen    int64 // bumped on every write; caches keyed by it
	counts map[countKey]map[int64]store.StatusCount
}

type countKey struct {
	date tochuc.Date
	gen  int64
}

// New returns a service over an open database.
func New(db *store.DB) *Service {
	return &Service{DB: db, Today: tochuc.Today, counts: map[countKey]map[int64]store.StatusCount{}}
}

// changed invalidates caches after a write.
func (s *Service) changed() {
	s.mu.Lock()
	s.gen++
	s.counts = map[countKey]map[int64]store.StatusCount{}
	s.mu.Unlock()
}
