package service

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCollapseSpaces compares the fast path with strings.Fields on crafted and random text.
func TestCollapseSpaces(t *testing.T) {
	cases := []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "Nguyễn Thị Ánh", "Nguyễn\u00a0Thị",
		"x\u3000y", "\u2003", "a\nb", "\xff \xfe", "Xã Hải Lạng, Huyện Tiên Yên", "a \u0085"}
	alphabet := []string{"a", "Đ", "ễ", " ", " ", "\t", "\u00a0", "\u2028", "\xff", "\u1680", "x"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for j := r.IntN(8); j > 0; j-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := collapseSpaces(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
	}
}
