package vn

import (
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// NameKeySeparator is the byte placed between the per-component keys in
// NameSortKey. x/text collation keys contain 0x00 bytes (level separators
// and low bytes of primary weights), so inside a component 0x00 is escaped
// as 0x01 0x01 and 0x01 as 0x01 0x02; this keeps byte order and makes the
// separator lower than every byte of an escaped component key.
const NameKeySeparator byte = 0x00

// collator pairs a Vietnamese collator with its scratch buffer; neither is
// safe for concurrent use, hence the pool.
type collator struct {
	c   *collate.Collator
	buf collate.Buffer
}

var collatorPool = sync.Pool{New: func() any {
	return &collator{c: collate.New(language.Vietnamese)}
}}

func getCollator() *collator { return collatorPool.Get().(*collator) }

func putCollator(x *collator) {
	x.buf.Reset()
	collatorPool.Put(x)
}

// SortKey returns the Vietnamese collation key of s (a ă â b c d đ e ê …,
// tones ordered không, huyền, hỏi, ngã, sắc, nặng); compare keys with
// bytes.Compare. Safe for concurrent use.
func SortKey(s string) []byte {
	x := getCollator()
	k := x.c.KeyFromString(&x.buf, s)
	out := make([]byte, len(k))
	copy(out, k)
	putCollator(x)
	return out
}

// NameSortKey returns the key that sorts people the Vietnamese way: by given
// name, then surname, then middle name, each compared whole. Compare keys
// with bytes.Compare; see NameKeySeparator for the layout. Safe for
// concurrent use; component keys are cached, as names repeat a lot.
func NameSortKey(surname, middle, given string) []byte {
	kg, ks, km := componentKey(given), componentKey(surname), componentKey(middle)
	out := make([]byte, 0, len(kg)+len(ks)+len(km)+2)
	out = append(out, kg...)
	out = append(out, NameKeySeparator)
	out = append(out, ks...)
	out = append(out, NameKeySeparator)
	return append(out, km...)
}

// Cache of escaped component keys, sharded to keep lock contention low.
const (
	keyCacheShards = 16
	keyCacheMax    = 1 << 16 // entries; beyond this keys are computed each time
	keyCacheMaxLen = 64      // longer components are not cached
)

var (
	keyCache     [keyCacheShards]keyShard
	keyCacheN    atomic.Int64
	keyCacheSeed = maphash.MakeSeed()
)

// keyShard is one lock-protected part of the component-key cache.
type keyShard struct {
	mu sync.RWMutex
	m  map[string][]byte
}

// componentKey returns the escaped collation key of one name component.
// The result is shared and must not be modified.
func componentKey(s string) []byte {
	cacheable := len(s) <= keyCacheMaxLen
	var sh *keyShard
	if cacheable {
		sh = &keyCache[maphash.String(keyCacheSeed, s)%keyCacheShards]
		sh.mu.RLock()
		k, ok := sh.m[s]
		sh.mu.RUnlock()
		if ok {
			return k
		}
	}
	k := computeComponentKey(s)
	if cacheable && keyCacheN.Load() < keyCacheMax {
		sh.mu.Lock()
		if sh.m == nil {
			sh.m = make(map[string][]byte)
		}
		if _, ok := sh.m[s]; !ok {
			sh.m[strings.Clone(s)] = k
			keyCacheN.Add(1)
		}
		sh.mu.Unlock()
	}
	return k
}

// computeComponentKey computes the escaped collation key of s.
func computeComponentKey(s string) []byte {
	x := getCollator()
	raw := x.c.KeyFromString(&x.buf, s)
	k := appendEscaped(make([]byte, 0, escapedLen(raw)), raw)
	putCollator(x)
	return k
}

// escapedLen is the length of k after appendEscaped.
func escapedLen(k []byte) int {
	n := len(k)
	for _, c := range k {
		if c <= 1 {
			n++
		}
	}
	return n
}

// appendEscaped appends k with 0x00 → 01 01 and 0x01 → 01 02 (order-preserving).
func appendEscaped(dst, k []byte) []byte {
	for _, c := range k {
		if c <= 1 {
			dst = append(dst, 1, c+1)
		} else {
			dst = append(dst, c)
		}
	}
	return dst
}

// CompareNames compares two people given as [surname, middle, given] in the
// order of NameSortKey, returning -1, 0 or +1. Safe for concurrent use.
func CompareNames(a, b [3]string) int {
	x := getCollator()
	defer putCollator(x)
	for _, i := range [3]int{2, 0, 1} {
		if c := x.c.CompareString(a[i], b[i]); c != 0 {
			return c
		}
	}
	return 0
}

// CompareStrings compares a and b in Vietnamese collation order (-1, 0, +1).
// Safe for concurrent use.
func CompareStrings(a, b string) int {
	x := getCollator()
	defer putCollator(x)
	return x.c.CompareString(a, b)
}
