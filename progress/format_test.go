package progress

import (
	"math"
	"testing"
	"time"
)

func TestFormatCount(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1.000"},
		{12345, "12.345"},
		{1200000, "1.200.000"},
		{5600000, "5.600.000"},
		{-1234, "-1.234"},
		{-123, "-123"},
		{math.MaxInt64, "9.223.372.036.854.775.807"},
		{math.MinInt64, "-9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		if got := formatCount(tt.in); got != tt.want {
			t.Errorf("formatCount(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{0, "00:00"},
		{-time.Second, "00:00"},
		{1499 * time.Millisecond, "00:01"},
		{65 * time.Second, "01:05"},
		{time.Hour + 2*time.Minute + 3*time.Second, "1:02:03"},
		{100 * time.Hour, "100:00:00"},
	}
	for _, tt := range tests {
		if got := formatDuration(tt.in); got != tt.want {
			t.Errorf("formatDuration(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
