package tabular

import (
	"errors"
	"io"
)

// maxRecordBytes bounds one CSV record. A legitimate record is far smaller
// (an Excel cell holds at most 32,767 characters); a larger one almost always
// means an opening quote that is never closed, which would otherwise make the
// CSV parser swallow the rest of a huge file into memory.
const maxRecordBytes = 16 << 20

// errRecordTooLarge is returned when one record exceeds maxRecordBytes.
var errRecordTooLarge = errors.New("bản ghi quá dài (trên 16 MiB), có thể do thiếu dấu ngoặc kép đóng")

// guard is a reader that fails once more than maxRecordBytes have been read
// since the last reset.
type guard struct {
	r    io.Reader
	n    int64
	fail bool
}

// Read reads from the underlying reader unless the limit has been exceeded.
func (g *guard) Read(p []byte) (int, error) {
	if g.fail || g.n > maxRecordBytes {
		g.fail = true
		return 0, errRecordTooLarge
	}
	k, err := g.r.Read(p)
	g.n += int64(k)
	return k, err
}

// reset starts counting anew; call it after each complete record.
func (g *guard) reset() { g.n = 0 }
