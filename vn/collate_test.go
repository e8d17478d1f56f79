package vn

import (
	"bytes"
	"math/rand"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestSortKeyAlphabet(t *testing.T) {
	want := strings.Fields("a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y")
	for _, upper := range []bool{false, true} {
		w := slices.Clone(want)
		if upper {
			for i := range w {
				w[i] = strings.ToUpper(w[i])
			}
		}
		got := slices.Clone(w)
		rand.New(rand.NewSource(1)).Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		slices.SortFunc(got, func(a, b string) int { return bytes.Compare(SortKey(a), SortKey(b)) })
		if !slices.Equal(got, w) {
			t.Errorf("alphabet order:\n got %v\nwant %v", got, w)
		}
	}
}

func TestSortKeyPairs(t *testing.T) {
	// Each pair must sort strictly first < second.
	pairs := [][2]string{
		{"An", "Ánh"}, {"An", "Anh"}, {"Anh", "Ánh"}, {"Ánh", "Ân"},
		{"Dương", "Đức"}, {"Dung", "Dũng"}, {"Dũng", "Dương"},
		{"Hà", "Hải"}, {"Uyên", "Ước"}, {"Ơn", "Phúc"},
		{"a", "à"}, {"à", "ả"}, {"ả", "ã"}, {"ã", "á"}, {"á", "ạ"}, // tone order
	}
	for _, p := range pairs {
		if bytes.Compare(SortKey(p[0]), SortKey(p[1])) >= 0 {
			t.Errorf("SortKey(%q) should sort before SortKey(%q)", p[0], p[1])
		}
		if CompareStrings(p[0], p[1]) >= 0 {
			t.Errorf("CompareStrings(%q, %q) should be < 0", p[0], p[1])
		}
	}
}

func TestNameSortKeyComponentsWhole(t *testing.T) {
	// Naive concatenation would compare "AnVăn…" with "AnhA…" and put Anh first.
	a := NameSortKey("Văn", "Z", "An")
	b := NameSortKey("A", "B", "Anh")
	if bytes.Compare(a, b) >= 0 {
		t.Errorf("given name An must sort before Anh whatever follows")
	}
	if CompareNames([3]string{"Văn", "Z", "An"}, [3]string{"A", "B", "Anh"}) >= 0 {
		t.Errorf("CompareNames: An must sort before Anh")
	}
}

func TestNameSortKeySeparator(t *testing.T) {
	// x/text keys do contain 0x00, which is why components are escaped.
	if bytes.IndexByte(SortKey("An"), 0) < 0 {
		t.Fatalf("expected raw collation keys to contain 0x00")
	}
	for _, n := range [][3]string{{"Nguyễn", "Thị Yến", "Mai"}, {"", "", ""}, {"Lê", "", "Ánh"}} {
		k := NameSortKey(n[0], n[1], n[2])
		if c := bytes.Count(k, []byte{NameKeySeparator}); c != 2 {
			t.Errorf("NameSortKey%v has %d separator bytes, want 2", n, c)
		}
	}
}

func TestNamesSortVietnamese(t *testing.T) {
	want := []string{
		"Nguyễn Văn An",
		"Trần Thị An",
		"Phạm Văn Anh",
		"Lê Thị Ánh",
		"Hoàng Thị Ân",
		"Đặng Thị Bình",
		"Hoàng Văn Bình",
		"Bùi Thị Dung",
		"Vũ Văn Dũng",
		"Ngô Quang Dương",
		"Đỗ Minh Đức",
		"Lý Thị Hà",
		"Nguyễn Thu Hà",
		"Trịnh Văn Hải",
		"Nguyễn Thị Mai",
		"Nguyễn Thị Yến Mai",
		"Trương Thị Uyên",
		"Lê Văn Ước",
	}
	key := func(full string) []byte { return NameSortKey(SplitFullName(full)) }
	parts := func(full string) [3]string {
		s, m, g := SplitFullName(full)
		return [3]string{s, m, g}
	}
	for seed := int64(0); seed < 5; seed++ {
		got := slices.Clone(want)
		rand.New(rand.NewSource(seed)).Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		slices.SortFunc(got, func(a, b string) int { return bytes.Compare(key(a), key(b)) })
		if !slices.Equal(got, want) {
			t.Fatalf("NameSortKey order:\n got %q\nwant %q", got, want)
		}
		rand.New(rand.NewSource(seed)).Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		slices.SortFunc(got, func(a, b string) int { return CompareNames(parts(a), parts(b)) })
		if !slices.Equal(got, want) {
			t.Fatalf("CompareNames order:\n got %q\nwant %q", got, want)
		}
	}
}

func TestCompareNamesMatchesKeys(t *testing.T) {
	words := []string{"", "An", "Anh", "Ánh", "Ân", "Dương", "Đức", "Văn", "Thị", "Thị Yến", "Nguyễn", "Lê", "a", "A", "ả", "Z"}
	r := rand.New(rand.NewSource(7))
	pick := func() [3]string {
		return [3]string{words[r.Intn(len(words))], words[r.Intn(len(words))], words[r.Intn(len(words))]}
	}
	for range 3000 {
		a, b := pick(), pick()
		want := bytes.Compare(NameSortKey(a[0], a[1], a[2]), NameSortKey(b[0], b[1], b[2]))
		if got := CompareNames(a, b); got != want {
			t.Fatalf("CompareNames(%q, %q) = %d, keys say %d", a, b, got, want)
		}
	}
}

func TestSortKeyConcurrent(t *testing.T) {
	want := NameSortKey("Nguyễn", "Thị Yến", "Mai")
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 500 {
				if !bytes.Equal(NameSortKey("Nguyễn", "Thị Yến", "Mai"), want) {
					t.Error("concurrent NameSortKey differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkNameSortKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = NameSortKey("Nguyễn", "Thị Yến", "Mai")
	}
}

func BenchmarkNameSortKeyParallel(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			_ = NameSortKey("Nguyễn", "Thị Yến", "Mai")
		}
	})
}

func BenchmarkSortKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = SortKey("Nguyễn Thị Yến Mai")
	}
}

func BenchmarkNameSortKeyUncached(b *testing.B) {
	// The cost when no component is cached yet.
	b.ReportAllocs()
	for b.Loop() {
		_ = computeComponentKey("Mai")
		_ = computeComponentKey("Nguyễn")
		_ = computeComponentKey("Thị Yến")
	}
}
