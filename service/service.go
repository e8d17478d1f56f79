// Package service holds one method per user action: it validates with the domain rules, writes
// in one transaction and keeps derived data (spans, counts) consistent.
package service

import (
	"context"
	"sync"
	"time"

	"tochuc"
	"tochuc/auth"
	"tochuc/store"
)

// Service is the application: every CLI command and web handler goes through it.
type Service struct {
	DB    *store.DB
	Today func() tochuc.Date
	Now   func() time.Time // the clock of logins, lockouts and sessions; nil means time.Now (tests set it)
	// StatsFile is where the statistics snapshot is kept between runs, so that a restarted
	// server answers at once (empty: not kept).
	StatsFile string
	// StatsFileReadOnly uses StatsFile only when it is current and never writes it: a command
	// line run reads what the server kept, it does not leave files of its own.
	StatsFileReadOnly bool

	mu        sync.Mutex
	gen       int64       // bumped on every write; caches keyed by it
	refreshed tochuc.Date // the day the members' "today" columns were last brought up to date
	counts    map[countKey]map[int64]store.StatusCount
	addrs     *auth.AddrLimiter // login attempts per client address
	dash      dashState         // dashboard figures of the whole tree, per date
	cfg       configCache       // the rule overrides and the calendar, per write generation
	stats     statsState        // the statistics snapshot, rebuilt in the background after writes
}

type countKey struct {
	date tochuc.Date
	gen  int64
}

// New returns a service over an open database.
func New(db *store.DB) *Service {
	return &Service{DB: db, Today: tochuc.Today, counts: map[countKey]map[int64]store.StatusCount{},
		addrs: auth.NewAddrLimiter(20, 6*time.Second, 100_000)}
}

// changed invalidates caches after a write.
func (s *Service) changed() {
	s.mu.Lock()
	s.gen++
	s.counts = map[countKey]map[int64]store.StatusCount{}
	s.mu.Unlock()
}

// settingCurrentAsOf names the day the placement kept on members (org_id, status) is correct for.
const settingCurrentAsOf = "members_current_as_of"

// ensureToday brings the placement kept on members up to today: events dated in the future
// (a restructure entered ahead of its date, an exit recorded in advance) take effect on their
// day, not on the day they were written. Cheap after the first call of a day.
func (s *Service) ensureToday(ctx context.Context) error {
	today := s.Today()
	s.mu.Lock()
	done := s.refreshed == today
	s.mu.Unlock()
	if done {
		return nil
	}
	var refreshed bool
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		last, err := tx.Setting(ctx, settingCurrentAsOf)
		if err != nil {
			return err
		}
		if tochuc.Date(last) < today {
			if last == "" {
				// Never refreshed (a database from before the setting): the kept columns were right
				// on the day each member was last written, so start from the oldest such day.
				oldest, err := tx.OldestMemberWrite(ctx)
				if err != nil {
					return err
				}
				last = string(today)
				if oldest != "" {
					last = string(oldest.AddDays(-1))
				}
			}
			ids, err := tx.MembersChangingBetween(ctx, tochuc.Date(last), today)
			if err != nil {
				return err
			}
			if err := tx.RefreshCurrent(ctx, ids, today); err != nil {
				return err
			}
			refreshed = len(ids) > 0
		}
		return tx.SetSetting(ctx, settingCurrentAsOf, string(today))
	})
	if err != nil {
		return err
	}
	if refreshed {
		s.changed()
	}
	s.mu.Lock()
	s.refreshed = today
	s.mu.Unlock()
	return nil
}

// EnsureToday is ensureToday for callers outside the service that write in bulk (the demo).
func (s *Service) EnsureToday(ctx context.Context) error { return s.ensureToday(ctx) }
