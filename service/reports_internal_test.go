package service

import (
	"context"

	"tochuc/reports"
	"tochuc/stats"
)

// ReviewFiguresRead gathers a review report's figures without recording the read: for the
// benchmark on a national database that must not be written.
func (s *Service) ReviewFiguresRead(ctx context.Context, code, period string) (*reports.Figures, error) {
	f, _, err := s.reviewRead(ctx, code, period, 0)
	return f, err
}

// StatsCurrent tells whether the loaded snapshot reflects the database (no rebuild pending).
func (s *Service) StatsCurrent() bool {
	s.stats.mu.Lock()
	defer s.stats.mu.Unlock()
	return s.stats.snap != nil && s.stats.gen == s.generation()
}

// UseStats installs a snapshot as current, for a benchmark given one kept without a stamp
// (stats.SaveFile of stats.Build): the caller vouches that it is of this database, as is.
func (s *Service) UseStats(snap *stats.Snapshot) {
	s.stats.mu.Lock()
	defer s.stats.mu.Unlock()
	s.stats.snap, s.stats.gen = snap, s.generation()
}
