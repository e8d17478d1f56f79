package people

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// table is a Walker/Vose alias table over strings: one draw of r.Uint64 picks
// an item with probability proportional to its weight in O(1).
type table struct {
	items []string
	prob  []uint64 // accept threshold for the low 32 bits; 1<<32 means always
	alias []uint32
}

// wstr is a weighted string; w[0] is the weight among older people and w[1]
// among younger ones (the same when only one weight is given).
type wstr struct {
	s string
	w [2]float64
}

// eraWeight is the weight of a name in a name era: old, between, young.
func (x wstr) eraWeight(era int) float64 {
	switch era {
	case 0:
		return x.w[0]
	case 1:
		return (x.w[0] + x.w[1]) / 2
	}
	return x.w[1]
}

// ws parses "name:w|name:wOld:wYoung|name" (weight 1 when omitted; an empty
// name is allowed, as in ":40"). It panics on malformed data: the data is
// part of the program and tested.
func ws(s string) []wstr {
	var out []wstr
	for _, part := range strings.Split(s, "|") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		fields := strings.Split(part, ":")
		x := wstr{s: strings.TrimSpace(fields[0]), w: [2]float64{1, 1}}
		switch len(fields) {
		case 1:
		case 2:
			x.w[0] = mustFloat(fields[1], part)
			x.w[1] = x.w[0]
		case 3:
			x.w[0] = mustFloat(fields[1], part)
			x.w[1] = mustFloat(fields[2], part)
		default:
			panic("people: bad weighted entry " + strconv.Quote(part))
		}
		out = append(out, x)
	}
	return out
}

func mustFloat(s, ctx string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f < 0 {
		panic("people: bad weight in " + strconv.Quote(ctx))
	}
	return f
}

// newTable builds an alias table; items with zero weight are never drawn
// but keep their index, so indexes match the items given.
func newTable(items []string, weights []float64) *table {
	n := len(items)
	if n == 0 || len(weights) != n {
		panic("people: empty table or weights not matching items")
	}
	sum := 0.0
	pos := -1
	for i, x := range weights {
		if x < 0 || x != x {
			panic("people: negative weight for " + strconv.Quote(items[i]))
		}
		if x > 0 {
			pos = i
		}
		sum += x
	}
	if pos < 0 {
		panic("people: all weights zero")
	}
	t := &table{items: append([]string(nil), items...), prob: make([]uint64, n), alias: make([]uint32, n)}
	scaled := make([]float64, n)
	var small, large []int
	for i, x := range weights {
		scaled[i] = x * float64(n) / sum
		if scaled[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s := small[len(small)-1]
		small = small[:len(small)-1]
		l := large[len(large)-1]
		t.prob[s] = uint64(scaled[s] * (1 << 32))
		t.alias[s] = uint32(l)
		scaled[l] -= 1 - scaled[s]
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	// Leftovers carry weight 1 up to rounding; a zero-weight leftover
	// (only possible through rounding) sends its draws to a drawable item.
	for _, i := range append(large, small...) {
		t.alias[i] = uint32(pos)
		if weights[i] > 0 {
			t.prob[i] = 1 << 32
			t.alias[i] = uint32(i)
		}
	}
	return t
}

// tableOf builds a table from weighted strings in one era.
func tableOf(xs []wstr, era int) *table {
	items := make([]string, len(xs))
	w := make([]float64, len(xs))
	for i, x := range xs {
		items[i] = x.s
		w[i] = x.eraWeight(era)
	}
	return newTable(items, w)
}

// codeTable builds a table over codes with the given weights, in order.
func codeTable(codes []string, w []float64) *table {
	if len(codes) != len(w) {
		panic("people: " + strconv.Itoa(len(w)) + " weights for " + strconv.Itoa(len(codes)) + " codes")
	}
	return newTable(codes, w)
}

// index draws the index of an item.
func (t *table) index(r *rand.Rand) int {
	x := r.Uint64()
	i := int(((x >> 32) * uint64(len(t.items))) >> 32)
	if x&0xffffffff < t.prob[i] {
		return i
	}
	return int(t.alias[i])
}

// pick draws an item.
func (t *table) pick(r *rand.Rand) string { return t.items[t.index(r)] }

// mix returns the weights of a mixture: own entries with share s, other
// entries with share 1-s, each part normalized first. Entries keep their text.
func mix(own []wstr, ownEra int, other []wstr, otherEra int, s float64) ([]string, []float64) {
	var items []string
	var w []float64
	add := func(xs []wstr, era int, share float64) {
		if share <= 0 || len(xs) == 0 {
			return
		}
		sum := 0.0
		for _, x := range xs {
			sum += x.eraWeight(era)
		}
		if sum == 0 {
			return
		}
		for _, x := range xs {
			items = append(items, x.s)
			w = append(w, share*x.eraWeight(era)/sum)
		}
	}
	add(own, ownEra, s)
	add(other, otherEra, 1-s)
	return items, w
}
