package auth

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var t0 = time.Date(2025, 9, 2, 8, 0, 0, 0, time.UTC)

func TestAfterFailureLockWindows(t *testing.T) {
	want := []time.Duration{ // lock after failure 1, 2, …
		0, 0, 0, 0,
		1 * time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute,
		30 * time.Minute, 30 * time.Minute, 30 * time.Minute,
	}
	var st AccountState
	now := t0
	for i, w := range want {
		if Locked(st, now) {
			t.Fatalf("before failure %d: locked until %v", i+1, st.LockedUntil)
		}
		st = AfterFailure(st, now)
		if st.Failures != i+1 {
			t.Fatalf("failure %d: Failures = %d", i+1, st.Failures)
		}
		got := time.Duration(0)
		if Locked(st, now) {
			got = st.LockedUntil.Sub(now)
		}
		if got != w {
			t.Fatalf("after failure %d: locked for %v, want %v", i+1, got, w)
		}
		if w > 0 {
			if !Locked(st, now.Add(w-time.Second)) {
				t.Fatalf("after failure %d: unlocked a second before the end", i+1)
			}
			if Locked(st, now.Add(w)) {
				t.Fatalf("after failure %d: still locked at the end", i+1)
			}
		}
		now = now.Add(w) // the next attempt comes as soon as the lock ends
	}
	// After the maximum it stays at 30 minutes, however many failures follow.
	for i := 0; i < 1000; i++ {
		st = AfterFailure(st, now)
	}
	if d := st.LockedUntil.Sub(now); d != MaxLock {
		t.Fatalf("after %d failures: lock %v, want %v", st.Failures, d, MaxLock)
	}
	if LockFor(1<<62) != MaxLock || LockFor(-3) != 0 {
		t.Fatal("LockFor at the extremes")
	}
	// Success resets everything.
	st = AfterSuccess(st)
	if st != (AccountState{}) || Locked(st, now) {
		t.Fatalf("after success: %+v", st)
	}
}

func TestAccountThrottleRate(t *testing.T) {
	// An attacker retrying every second, counted only when not locked (the
	// service refuses locked attempts without counting them).
	var st AccountState
	failures := 0
	firstHour := 0
	for s := 0; s < 24*3600; s++ {
		now := t0.Add(time.Duration(s) * time.Second)
		if Locked(st, now) {
			continue
		}
		st = AfterFailure(st, now)
		failures++
		if s < 3600 {
			firstHour++
		}
	}
	// 4 free + locks of 1, 2, 4, 8, 16 min: failures at 0 s ×5, 60, 180, 420, 900, 1860.
	if firstHour != 10 {
		t.Fatalf("first hour: %d failures, want 10", firstHour)
	}
	if perHour := float64(failures) / 24; perHour > 100 {
		t.Fatalf("%.1f failures per hour, ASVS 4.0 2.2.1 allows 100", perHour)
	}
	// The victim is never locked for longer than MaxLock.
	if d := st.LockedUntil.Sub(t0.Add(24 * time.Hour)); d > MaxLock {
		t.Fatalf("lock extends %v past now", d)
	}
}

func TestAddrLimiterBurstAndRefill(t *testing.T) {
	l := NewAddrLimiter(AddrBurst, AddrEvery, AddrMaxEntries)
	for i := 0; i < AddrBurst; i++ {
		if !l.Allow("203.0.113.7", t0) {
			t.Fatalf("attempt %d of the burst refused", i+1)
		}
	}
	if l.Allow("203.0.113.7", t0) {
		t.Fatal("attempt 21 allowed at once")
	}
	if !l.Allow("203.0.113.8", t0) {
		t.Fatal("another address is throttled too")
	}
	if l.Allow("203.0.113.7", t0.Add(5*time.Second)) {
		t.Fatal("allowed after 5 s, want 6 s")
	}
	if !l.Allow("203.0.113.7", t0.Add(6*time.Second)) {
		t.Fatal("refused after 6 s")
	}
	// 600 an hour in the steady state.
	n := 0
	for s := 7; s <= 7+3600; s++ {
		if l.Allow("203.0.113.7", t0.Add(time.Duration(s)*time.Second)) {
			n++
		}
	}
	if n < 599 || n > 601 {
		t.Fatalf("%d attempts allowed in an hour, want 600", n)
	}
}

func TestAddrLimiterKeys(t *testing.T) {
	l := NewAddrLimiter(1, time.Minute, 100)
	if !l.Allow("2001:db8:1:2::1", t0) {
		t.Fatal("first IPv6 attempt refused")
	}
	if l.Allow("2001:db8:1:2:ffff:ffff:ffff:ffff", t0) {
		t.Fatal("same /64 is a separate client")
	}
	if !l.Allow("2001:db8:1:3::1", t0) {
		t.Fatal("another /64 throttled")
	}
	if !l.Allow("192.0.2.1", t0) {
		t.Fatal("IPv4 refused")
	}
	if l.Allow("::ffff:192.0.2.1", t0) {
		t.Fatal("IPv4-mapped IPv6 is a separate client")
	}
	if !l.Allow("not an ip", t0) || l.Allow("not an ip", t0) {
		t.Fatal("unparsable keys are still limited")
	}
}

func TestAddrLimiterEvicts(t *testing.T) {
	l := NewAddrLimiter(20, 6*time.Second, 1000)
	for i := 0; i < 500; i++ {
		l.Allow(fmt.Sprintf("10.0.%d.%d", i/256, i%256), t0)
	}
	if l.Len() != 500 {
		t.Fatalf("Len = %d, want 500", l.Len())
	}
	// Once every bucket has refilled (20 × 6 s), the next new address sweeps.
	l.Allow("10.9.9.9", t0.Add(2*time.Minute))
	if l.Len() != 1 {
		t.Fatalf("after idle sweep Len = %d, want 1", l.Len())
	}
	// A flood of new addresses never grows the map past its cap.
	l = NewAddrLimiter(20, 6*time.Second, 100)
	for i := 0; i < 5000; i++ {
		l.Allow(fmt.Sprintf("10.1.%d.%d", i/256, i%256), t0.Add(time.Duration(i)*time.Millisecond))
		if l.Len() > 100 {
			t.Fatalf("Len = %d after %d addresses, cap 100", l.Len(), i+1)
		}
	}
	// An address that is being throttled survives a sweep.
	l = NewAddrLimiter(20, 6*time.Second, 1000)
	for i := 0; i < 25; i++ {
		l.Allow("198.51.100.1", t0.Add(time.Duration(i)*5*time.Second))
	}
	l.Allow("198.51.100.2", t0.Add(2*time.Minute+time.Second))
	if l.Len() != 2 {
		t.Fatalf("active address evicted: Len = %d", l.Len())
	}
}

func TestAddrLimiterConcurrent(t *testing.T) {
	// Many goroutines, one shared address and many new ones at one instant:
	// exactly the burst gets through for the shared address (run with -race).
	l := NewAddrLimiter(AddrBurst, AddrEvery, AddrMaxEntries)
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				if l.Allow("192.0.2.99", t0) {
					allowed.Add(1)
				}
				l.Allow(fmt.Sprintf("10.2.%d.%d", g, i%250), t0)
				_ = l.Len()
			}
		}()
	}
	wg.Wait()
	if n := allowed.Load(); n != AddrBurst {
		t.Fatalf("%d attempts allowed for one address at one instant, want %d", n, AddrBurst)
	}
	if l.Len() != 1+8*250 {
		t.Fatalf("Len = %d, want %d", l.Len(), 1+8*250)
	}
	// Concurrent floods with sweeps and evictions keep to the cap.
	l = NewAddrLimiter(AddrBurst, AddrEvery, 50)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				l.Allow(fmt.Sprintf("10.3.%d.%d", g, i%250), t0.Add(time.Duration(i)*time.Second))
				if n := l.Len(); n > 50 {
					t.Errorf("Len = %d, cap 50", n)
					return
				}
			}
		}()
	}
	wg.Wait()
}
