package progress

import (
	"fmt"
	"strings"
	"time"
)

// barWidth is the number of cells inside the brackets of the bar.
const barWidth = 20

// maxETA is the longest remaining time shown, in seconds (99:59:59).
const maxETA = 99*3600 + 59*60 + 59

// snapshot is the state of a bar at one instant.
type snapshot struct {
	label   string
	n       int64
	total   int64 // 0 = unknown
	elapsed time.Duration
	done    bool
}

// render formats s as one line without control characters, for example
// "Nhập [=========>          ]  45% 1.200.000/2.666.667  85.432/giây  còn 00:17".
func render(s snapshot) string {
	var b strings.Builder
	if s.label != "" {
		b.WriteString(s.label)
		b.WriteByte(' ')
	}
	rate := 0.0
	if sec := s.elapsed.Seconds(); sec > 0 {
		rate = float64(s.n) / sec
	}
	if s.total > 0 {
		pct := min(max(s.n, 0)*100/s.total, 100)
		fmt.Fprintf(&b, "[%s] %3d%% %s/%s", bar(s.n, s.total), pct, formatCount(s.n), formatCount(s.total))
	} else {
		b.WriteString(formatCount(s.n))
	}
	fmt.Fprintf(&b, "  %s/giây  ", formatCount(int64(rate)))
	switch {
	case s.done:
		b.WriteString("tổng thời gian " + formatDuration(s.elapsed))
	case s.total <= 0:
		b.WriteString(formatDuration(s.elapsed))
	case s.n >= s.total:
		b.WriteString("còn 00:00")
	case rate <= 0 || float64(s.total-s.n)/rate > maxETA:
		b.WriteString("còn --:--")
	default:
		eta := time.Duration(float64(s.total-s.n) / rate * float64(time.Second))
		b.WriteString("còn " + formatDuration(eta))
	}
	return b.String()
}

// bar draws the filled part of a bar of barWidth cells.
func bar(n, total int64) string {
	fill := int(min(max(n, 0)*barWidth/total, barWidth))
	if fill == barWidth {
		return strings.Repeat("=", barWidth)
	}
	return strings.Repeat("=", fill) + ">" + strings.Repeat(" ", barWidth-fill-1)
}
