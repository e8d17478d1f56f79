package tabular

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

const (
	benchRows = 200_000
	benchCols = 10
)

// benchData is a cycle of distinct sample rows.
var benchData = func() [][]string {
	rows := make([][]string, 1000)
	for i := range rows {
		rows[i] = []string{
			fmt.Sprintf("%06d", i), "Nguyễn Văn Hưởng " + fmt.Sprint(i), "12/05/1968", "Nam",
			"Xã Đông Hưng, huyện Tiên Lữ, tỉnh Hưng Yên", "Kinh", "Không", "03/02/1990",
			"Chi bộ " + fmt.Sprint(i%37), "Đảng viên chính thức",
		}
	}
	return rows
}()

// benchHeader names the benchmark columns.
var benchHeader = []string{"Mã", "Họ và tên", "Ngày sinh", "Giới tính", "Quê quán",
	"Dân tộc", "Tôn giáo", "Ngày vào Đảng", "Chi bộ", "Loại"}

// heapPeak samples the live heap until stop is called and returns the peak.
func heapPeak() (stop func() uint64) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	var peak uint64
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(done); wg.Wait(); return peak }
}

// writeBench writes benchRows rows to path with w.
func writeBench(tb testing.TB, path string, mk func(io.Writer) (Writer, error)) {
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w, err := mk(f)
	if err != nil {
		tb.Fatal(err)
	}
	if err := w.WriteHeader(benchHeader); err != nil {
		tb.Fatal(err)
	}
	for i := range benchRows {
		if err := w.WriteRow(benchData[i%len(benchData)]); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
}

// readBench reads path back and checks the row count.
func readBench(tb testing.TB, path string) {
	r, err := Open(path, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	n := 0
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		if len(row.Cells) != benchCols {
			tb.Fatalf("row %d has %d cells", row.Line, len(row.Cells))
		}
		n++
	}
	if n != benchRows {
		tb.Fatalf("read %d rows, want %d", n, benchRows)
	}
}

// csvMaker and xlsxMaker create the writers under benchmark.
var (
	csvMaker  = func(w io.Writer) (Writer, error) { return NewCSVWriter(w, true), nil }
	xlsxMaker = func(w io.Writer) (Writer, error) { return NewXLSXWriter(w, "Sheet1") }
)

// benchWrite measures writing benchRows rows.
func benchWrite(b *testing.B, ext string, mk func(io.Writer) (Writer, error)) {
	path := filepath.Join(b.TempDir(), "bench"+ext)
	b.ReportAllocs()
	stop := heapPeak()
	for b.Loop() {
		writeBench(b, path, mk)
	}
	b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MB")
}

// benchRead measures reading benchRows rows.
func benchRead(b *testing.B, ext string, mk func(io.Writer) (Writer, error)) {
	path := filepath.Join(b.TempDir(), "bench"+ext)
	writeBench(b, path, mk)
	b.ReportAllocs()
	stop := heapPeak()
	for b.Loop() {
		readBench(b, path)
	}
	b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MB")
}

func BenchmarkCSVWrite(b *testing.B)  { benchWrite(b, ".csv", csvMaker) }
func BenchmarkCSVRead(b *testing.B)   { benchRead(b, ".csv", csvMaker) }
func BenchmarkXLSXWrite(b *testing.B) { benchWrite(b, ".xlsx", xlsxMaker) }
func BenchmarkXLSXRead(b *testing.B)  { benchRead(b, ".xlsx", xlsxMaker) }
