package progress

import (
	"testing"
	"time"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name string
		in   snapshot
		want string
	}{
		{
			"start",
			snapshot{label: "Nhập", total: 5_600_000},
			"Nhập [>                   ]   0% 0/5.600.000  0/giây  còn --:--",
		},
		{
			"middle",
			snapshot{label: "Nhập", n: 1_200_000, total: 4_800_000, elapsed: 10 * time.Second},
			"Nhập [=====>              ]  25% 1.200.000/4.800.000  120.000/giây  còn 00:30",
		},
		{
			"hours left",
			snapshot{n: 1_000, total: 5_600_000, elapsed: time.Second},
			"[>                   ]   0% 1.000/5.600.000  1.000/giây  còn 1:33:19",
		},
		{
			"too slow to tell",
			snapshot{n: 1, total: 5_600_000, elapsed: time.Hour},
			"[>                   ]   0% 1/5.600.000  0/giây  còn --:--",
		},
		{
			"complete",
			snapshot{label: "Xuất", n: 2_000, total: 2_000, elapsed: 4 * time.Second},
			"Xuất [====================] 100% 2.000/2.000  500/giây  còn 00:00",
		},
		{
			"overshoot",
			snapshot{n: 3_000, total: 2_000, elapsed: time.Second},
			"[====================] 100% 3.000/2.000  3.000/giây  còn 00:00",
		},
		{
			"done",
			snapshot{label: "Xuất", n: 2_000, total: 2_000, elapsed: 65 * time.Second, done: true},
			"Xuất [====================] 100% 2.000/2.000  30/giây  tổng thời gian 01:05",
		},
		{
			"unknown total",
			snapshot{label: "Đọc", n: 1_234_567, elapsed: 2 * time.Second},
			"Đọc 1.234.567  617.283/giây  00:02",
		},
		{
			"unknown total done",
			snapshot{label: "Đọc", n: 10, elapsed: 10 * time.Second, done: true},
			"Đọc 10  1/giây  tổng thời gian 00:10",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(tt.in); got != tt.want {
				t.Errorf("render =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
