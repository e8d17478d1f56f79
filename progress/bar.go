package progress

import (
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// redrawEvery is the interval between redraws, about ten per second.
const redrawEvery = 100 * time.Millisecond

// Bar is a progress bar; its methods are safe for concurrent use and may be
// called on a nil *Bar. Add and Set cost one atomic operation, so they can be
// called for every row; a background goroutine redraws the line.
type Bar struct {
	n      atomic.Int64
	w      io.Writer
	total  int64
	label  string
	start  time.Time
	mu     sync.Mutex // serialises drawing
	stop   chan struct{}
	exited chan struct{}
	once   sync.Once
}

// New returns a bar counting up to total (0 if unknown) that draws on w when
// w is a terminal and is silent otherwise. Call Done when finished.
func New(w io.Writer, total int64, label string) *Bar {
	if !isTerminal(w) {
		return &Bar{total: total, label: label}
	}
	return newBar(w, total, label, redrawEvery)
}

// newBar returns a bar that always draws on w, every interval.
func newBar(w io.Writer, total int64, label string, interval time.Duration) *Bar {
	b := &Bar{
		w:      w,
		total:  total,
		label:  label,
		start:  time.Now(),
		stop:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	go b.loop(interval)
	return b
}

// loop redraws every interval until Done.
func (b *Bar) loop(interval time.Duration) {
	defer close(b.exited)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-b.stop:
			return
		case <-t.C:
			b.draw(false)
		}
	}
}

// Add adds n to the count.
func (b *Bar) Add(n int64) {
	if b != nil {
		b.n.Add(n)
	}
}

// Set sets the count to n.
func (b *Bar) Set(n int64) {
	if b != nil {
		b.n.Store(n)
	}
}

// Done stops redrawing and prints the final line followed by a newline.
// Later calls do nothing.
func (b *Bar) Done() {
	if b == nil || b.w == nil {
		return
	}
	b.once.Do(func() {
		close(b.stop)
		<-b.exited
		b.draw(true)
	})
}

// draw rewrites the current terminal line.
func (b *Bar) draw(final bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	line := "\r" + render(snapshot{
		label:   b.label,
		n:       b.n.Load(),
		total:   b.total,
		elapsed: time.Since(b.start),
		done:    final,
	}) + "\x1b[K"
	if final {
		line += "\n"
	}
	_, _ = io.WriteString(b.w, line)
}
