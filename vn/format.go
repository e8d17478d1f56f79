package vn

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// NoValue is shown where a number cannot be computed (e.g. a percentage of
// zero): an en dash.
const NoValue = "–"

// FormatInt formats n the Vietnamese way, dots between thousands: "1.200",
// "-5.600.000".
func FormatInt(n int64) string {
	if n >= 0 && n < 1000 {
		return strconv.FormatInt(n, 10)
	}
	u := uint64(n)
	neg := n < 0
	if neg {
		u = -u
	}
	return string(appendGrouped(signPrefix(neg), strconv.FormatUint(u, 10)))
}

// FormatRatio formats "num/den" with grouped numbers: "1.352/1.719".
func FormatRatio(num, den int64) string {
	return FormatInt(num) + "/" + FormatInt(den)
}

// FormatPercent formats num/den as a percentage with two decimals, rounded
// half away from zero in exact integer arithmetic: 1352/1719 → "78,65%".
// A zero denominator gives NoValue.
func FormatPercent(num, den int64) string {
	if den == 0 {
		return NoValue
	}
	neg := (num < 0) != (den < 0)
	n, d := absU(num), absU(den)
	var digits string
	if hi, lo := bits.Mul64(n, 10000); hi < d {
		q, r := bits.Div64(hi, lo, d)
		if r < d-r {
			digits = strconv.FormatUint(q, 10)
		} else if q < math.MaxUint64 {
			digits = strconv.FormatUint(q+1, 10)
		}
	}
	if digits == "" { // quotient does not fit in 64 bits
		bn := new(big.Int).Mul(new(big.Int).SetUint64(n), big.NewInt(10000))
		bd := new(big.Int).SetUint64(d)
		q, r := new(big.Int).QuoRem(bn, bd, new(big.Int))
		if r.Lsh(r, 1).Cmp(bd) >= 0 {
			q.Add(q, big.NewInt(1))
		}
		digits = q.String()
	}
	if digits == "0" {
		neg = false
	}
	for len(digits) < 3 {
		digits = "0" + digits
	}
	b := appendGrouped(signPrefix(neg), digits[:len(digits)-2])
	b = append(b, ',')
	b = append(b, digits[len(digits)-2:]...)
	return string(append(b, '%'))
}

// FormatDecimal formats v with the given number of decimals, comma as the
// decimal separator and dots between thousands: 3.2449 with 2 → "3,24".
// decimals < 0 means the shortest exact representation. NaN and ±Inf give
// NoValue.
func FormatDecimal(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return NoValue
	}
	if decimals < 0 {
		decimals = -1
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
		if strings.Trim(s, "0.") == "" {
			neg = false // no "-0,00"
		}
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	b := appendGrouped(signPrefix(neg), intPart)
	if hasFrac {
		b = append(b, ',')
		b = append(b, frac...)
	}
	return string(b)
}

// absU returns |n| as uint64 (correct for math.MinInt64).
func absU(n int64) uint64 {
	if n < 0 {
		return -uint64(n)
	}
	return uint64(n)
}

// signPrefix starts a result buffer, with "-" when neg.
func signPrefix(neg bool) []byte {
	b := make([]byte, 0, 32)
	if neg {
		b = append(b, '-')
	}
	return b
}

// appendGrouped appends a run of decimal digits with '.' every three digits.
func appendGrouped(b []byte, digits string) []byte {
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	if first > len(digits) {
		first = len(digits)
	}
	b = append(b, digits[:first]...)
	for i := first; i < len(digits); i += 3 {
		b = append(b, '.')
		b = append(b, digits[i:i+3]...)
	}
	return b
}
