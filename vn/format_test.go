package vn

import (
	"math"
	"testing"
)

func TestFormatInt(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1.000"}, {1200, "1.200"},
		{-5600000, "-5.600.000"}, {-999, "-999"}, {123456789, "123.456.789"},
		{math.MaxInt64, "9.223.372.036.854.775.807"},
		{math.MinInt64, "-9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		if got := FormatInt(tt.n); got != tt.want {
			t.Errorf("FormatInt(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		num, den int64
		want     string
	}{
		{450, 1183, "38,04%"}, // 38.0388… → 38,04
		{1352, 1719, "78,65%"},
		{497, 567, "87,65%"},
		{29, 29, "100,00%"},
		{0, 29, "0,00%"},
		{5, 0, "–"},
		{1, 8, "12,50%"},    // exact
		{1, 80000, "0,00%"}, // 0.00125 → 0,00
		{1, 40000, "0,00%"}, // 0,0025% is a quarter of a hundredth
		{1, 20000, "0,01%"}, // 0.005% → half away from zero → 0,01
		{-1, 20000, "-0,01%"},
		{1, -20000, "-0,01%"},
		{-1, -20000, "0,01%"},
		{-1, 80000, "0,00%"}, // no "-0,00%"
		{123456, 100, "123.456,00%"},
		{math.MaxInt64, 1, "922.337.203.685.477.580.700,00%"},
		{math.MinInt64, 1, "-922.337.203.685.477.580.800,00%"},
		{math.MaxInt64, math.MaxInt64, "100,00%"},
		{math.MinInt64, math.MinInt64, "100,00%"},
		{2, 3, "66,67%"},
		{1, 3, "33,33%"},
	}
	for _, tt := range tests {
		if got := FormatPercent(tt.num, tt.den); got != tt.want {
			t.Errorf("FormatPercent(%d, %d) = %q, want %q", tt.num, tt.den, got, tt.want)
		}
	}
}

func TestFormatRatio(t *testing.T) {
	if got := FormatRatio(1352, 1719); got != "1.352/1.719" {
		t.Errorf("FormatRatio = %q", got)
	}
}

func TestFormatDecimal(t *testing.T) {
	tests := []struct {
		v    float64
		d    int
		want string
	}{
		{3.24, 2, "3,24"}, {3.2449, 2, "3,24"}, {3.245001, 2, "3,25"},
		{1234567.891, 1, "1.234.567,9"}, {-1234.5, 0, "-1.234"}, {0, 2, "0,00"},
		{-0.001, 2, "0,00"}, {-12.5, 2, "-12,50"}, {3.24, -1, "3,24"}, {1e6, -1, "1.000.000"},
		{math.NaN(), 2, "–"}, {math.Inf(1), 2, "–"},
	}
	for _, tt := range tests {
		if got := FormatDecimal(tt.v, tt.d); got != tt.want {
			t.Errorf("FormatDecimal(%v, %d) = %q, want %q", tt.v, tt.d, got, tt.want)
		}
	}
}
