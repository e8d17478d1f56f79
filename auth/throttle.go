package auth

import (
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Account lockout settings (see the package comment for the reasoning).
const (
	FreeFailures = 4                // failures in a row that cost nothing
	FirstLock    = time.Minute      // lock after the 5th failure
	MaxLock      = 30 * time.Minute // the lock doubles up to this
)

// AccountState is the throttling state kept in the user's database row.
type AccountState struct {
	Failures    int       // failed logins since the last success
	LockedUntil time.Time // no password is checked before this time
}

// Locked tells whether a login on this account must be refused at now
// without checking the password (and without counting a failure).
func Locked(st AccountState, now time.Time) bool {
	return now.Before(st.LockedUntil)
}

// LockFor is the lock that follows the given number of failures in a row:
// none up to FreeFailures, then 1, 2, 4, 8, 16 and at most 30 minutes.
func LockFor(failures int) time.Duration {
	n := failures - FreeFailures - 1
	if n < 0 {
		return 0
	}
	if n >= 6 { // 1 min << 5 = 32 min already exceeds MaxLock
		return MaxLock
	}
	return min(FirstLock<<n, MaxLock)
}

// AfterFailure returns the state after a wrong password at now.
func AfterFailure(st AccountState, now time.Time) AccountState {
	if st.Failures < 1<<30 {
		st.Failures++
	}
	if d := LockFor(st.Failures); d > 0 {
		st.LockedUntil = now.Add(d)
	}
	return st
}

// AfterSuccess returns the state after a successful login: nothing owed.
func AfterSuccess(AccountState) AccountState {
	return AccountState{}
}

// Per-address limiter defaults: 20 attempts at once, then one every 6
// seconds (600 an hour), for at most 100,000 addresses per server.
const (
	AddrBurst      = 20
	AddrEvery      = 6 * time.Second
	AddrMaxEntries = 100_000
)

// AddrLimiter throttles login attempts per client address, in memory, with
// bounded memory; it is safe for concurrent use.
type AddrLimiter struct {
	mu        sync.Mutex
	every     time.Duration
	burst     int
	max       int
	idle      time.Duration // after this long unused, a bucket is full again
	m         map[string]*addrEntry
	lastSweep time.Time
}

// addrEntry is one address's token bucket and when it was last used.
type addrEntry struct {
	lim  *rate.Limiter
	last time.Time
}

// NewAddrLimiter makes a limiter allowing burst attempts at once per address
// and one more every every, remembering at most maxEntries addresses.
func NewAddrLimiter(burst int, every time.Duration, maxEntries int) *AddrLimiter {
	return &AddrLimiter{
		every: every,
		burst: burst,
		max:   max(maxEntries, 1),
		idle:  every * time.Duration(burst),
		m:     make(map[string]*addrEntry),
	}
}

// Allow reports whether one more attempt from ip is allowed at now, and
// counts it. IPv6 addresses are limited per /64, the block one client gets.
func (l *AddrLimiter) Allow(ip string, now time.Time) bool {
	k := addrKey(ip)
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.m[k]
	if e == nil {
		if now.Sub(l.lastSweep) >= l.idle || len(l.m) >= l.max {
			l.sweep(now)
		}
		if len(l.m) >= l.max {
			l.evictOne()
		}
		e = &addrEntry{lim: rate.NewLimiter(rate.Every(l.every), l.burst)}
		l.m[k] = e
	}
	e.last = now
	return e.lim.AllowN(now, 1)
}

// Len is the number of addresses remembered, for metrics and tests.
func (l *AddrLimiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.m)
}

// sweep forgets addresses whose bucket has refilled: dropping them changes
// nothing, as a new bucket starts full.
func (l *AddrLimiter) sweep(now time.Time) {
	for k, e := range l.m {
		if now.Sub(e.last) >= l.idle {
			delete(l.m, k)
		}
	}
	l.lastSweep = now
}

// evictOne makes room when every remembered address is active (a flood from
// many addresses): it drops the least recently used of a few entries taken
// from Go's randomised map order, as Redis does, instead of scanning all.
func (l *AddrLimiter) evictOne() {
	var oldK string
	var oldT time.Time
	n := 0
	for k, e := range l.m {
		if n == 0 || e.last.Before(oldT) {
			oldK, oldT = k, e.last
		}
		if n++; n == 8 {
			break
		}
	}
	delete(l.m, oldK)
}

// addrKey maps an IPv6 address to its /64 and leaves anything else as is.
func addrKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, _ := a.WithZone("").Prefix(64)
	return p.String()
}
