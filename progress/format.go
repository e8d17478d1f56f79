package progress

import (
	"fmt"
	"strconv"
	"time"
)

// formatCount writes n with dots between groups of three digits, the
// Vietnamese way: 1200000 → "1.200.000".
func formatCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		out = append(out, '-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// formatDuration writes d rounded to seconds as "mm:ss", or "h:mm:ss" from
// one hour on.
func formatDuration(d time.Duration) string {
	sec := int64(max(d.Round(time.Second), 0) / time.Second)
	h, m, s := sec/3600, sec/60%60, sec%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", m, s)
}
