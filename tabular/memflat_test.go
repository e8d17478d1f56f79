package tabular

import "testing"

// countingWriter counts bytes written and discards them.
type countingWriter struct{ n int64 }

// Write counts p.
func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func TestXLSXWriterMemoryFlat(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("slow; run without -short and -race")
	}
	// 300,000 rows make about 190 MB of sheet XML; excelize keeps at most
	// 16 MiB of it in memory (the rest goes to a temporary file) and Close
	// zips straight into the output, so the live heap stays bounded.
	const rows = 300_000
	// Unstreamed, 300,000 rows × 10 cells take well over 500 MB; GC timing varies under load.
	const limit = 200 << 20
	var out countingWriter
	stop := heapPeak()
	w, err := NewXLSXWriter(&out, "")
	must(t, err)
	must(t, w.WriteHeader(benchHeader))
	for i := range rows {
		must(t, w.WriteRow(benchData[i%len(benchData)]))
	}
	must(t, w.Close())
	peak := stop()
	t.Logf("wrote %d rows, %d MB compressed, peak heap %d MB", rows, out.n>>20, peak>>20)
	if peak > limit {
		t.Errorf("peak heap %d MB exceeds %d MB", peak>>20, limit>>20)
	}
}
