package progress

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestBarDraws(t *testing.T) {
	var buf bytes.Buffer
	b := newBar(&buf, 8_000, "Nhập", time.Millisecond)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1_000 {
				b.Add(1)
			}
		})
	}
	wg.Wait()
	waitForDraw(t, b, &buf)
	b.Done()
	b.Done()
	out := buf.String()
	if !strings.HasSuffix(out, "\x1b[K\n") || strings.Count(out, "\n") != 1 {
		t.Fatalf("output does not end with one final line: %q", out)
	}
	last := out[strings.LastIndex(out, "\r")+1:]
	if !strings.HasPrefix(last, "Nhập [====================] 100% 8.000/8.000") ||
		!strings.Contains(last, "tổng thời gian") {
		t.Errorf("final line = %q", last)
	}
	b.Add(5) // after Done: counted, not drawn
	if buf.String() != out {
		t.Error("drew after Done")
	}
}

// waitForDraw waits until the bar's goroutine has drawn at least once.
func waitForDraw(t *testing.T, b *Bar, buf *bytes.Buffer) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		b.mu.Lock()
		n := buf.Len()
		b.mu.Unlock()
		if n > 0 {
			return
		}
	}
	t.Fatal("bar never redrew")
}

func TestBarSet(t *testing.T) {
	var buf bytes.Buffer
	b := newBar(&buf, 0, "", time.Hour)
	b.Set(1_500_000)
	b.Done()
	if !strings.HasPrefix(buf.String(), "\r1.500.000  ") {
		t.Errorf("output = %q", buf.String())
	}
}

func TestBarSilentWhenNotTerminal(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf, 10, "x")
	b.Add(3)
	b.Set(10)
	b.Done()
	if buf.Len() != 0 {
		t.Errorf("wrote %q to a buffer", buf.String())
	}

	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b = New(f, 10, "x")
	b.Add(10)
	b.Done()
	if fi, err := f.Stat(); err != nil || fi.Size() != 0 {
		t.Errorf("wrote %d bytes to a regular file (%v)", fi.Size(), err)
	}
}

func TestNilBar(t *testing.T) {
	var b *Bar
	b.Add(1)
	b.Set(2)
	b.Done()
}

func BenchmarkAdd(b *testing.B) {
	bar := newBar(&bytes.Buffer{}, int64(b.N), "x", redrawEvery)
	defer bar.Done()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			bar.Add(1)
		}
	})
}
