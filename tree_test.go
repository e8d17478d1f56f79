package tochuc

import (
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func sampleTree() *Tree {
	return NewTree([]Org{
		{ID: 1, Code: "TW", Name: "Đảng Cộng sản Việt Nam", Kind: KindParty},
		{ID: 2, Code: "T01", Name: "Đảng bộ thành phố Hà Nội", Kind: KindCentralDirect, ParentID: 1},
		{ID: 3, Code: "H001", Name: "Đảng bộ quận Ba Đình", Kind: KindDistrict, ParentID: 2},
		{ID: 4, Code: "X00001", Name: "Đảng bộ phường Phúc Xá", Kind: KindBasicCommittee, ParentID: 3},
		{ID: 5, Code: "X00001-C01", Name: "Chi bộ tổ dân phố 1", Kind: KindCell, ParentID: 4},
		{ID: 36, Code: "X00001-C02", Name: "Chi bộ tổ dân phố 2", Kind: KindCell, ParentID: 4},
		{ID: 37, Code: "T02", Name: "Đảng bộ tỉnh Hà Giang", Kind: KindCentralDirect, ParentID: 1},
	})
}

func TestTreeValidateAcceptsSample(t *testing.T) {
	tr := sampleTree()
	if err := tr.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := tr.ComputePaths(); err != nil {
		t.Fatal(err)
	}
	if got := tr.ByCode("X00001-C02").Path; got != "/1/2/3/4/10/" {
		t.Errorf("path = %q, want /1/2/3/4/10/ (ids in base 36)", got)
	}
	if got := tr.ByCode("X00001-C02").Depth; got != 4 {
		t.Errorf("depth = %d", got)
	}
}

func TestTreeValidateRejects(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(t *Tree)
	}{
		{"province under a cell", func(t *Tree) { t.SetParent(t.ByCode("T02"), t.ByCode("X00001-C01").ID) }},
		{"district under a commune", func(t *Tree) { t.SetParent(t.ByCode("H001"), t.ByCode("X00001").ID) }},
		{"cell under a cell", func(t *Tree) { t.SetParent(t.ByCode("X00001-C02"), t.ByCode("X00001-C01").ID) }},
		{"non-root without parent", func(t *Tree) { t.SetParent(t.ByCode("H001"), 0) }},
		{"cell without parent", func(t *Tree) { t.SetParent(t.ByCode("X00001-C01"), 0) }},
		{"parent removed", func(t *Tree) { t.Remove(t.ByCode("X00001").ID) }},
		{"unknown kind", func(t *Tree) { t.ByCode("H001").Kind = "county" }},
		{"empty name", func(t *Tree) { t.ByCode("H001").Name = "" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := sampleTree()
			tc.mutate(tr)
			err := tr.Validate()
			if err == nil {
				t.Fatal("accepted")
			}
			if ErrorCode(err) != EINVALID {
				t.Errorf("code %q", ErrorCode(err))
			}
		})
	}
}

// Validate's contract names "one root"; a second party root must be refused.
func TestTreeValidateOneRoot(t *testing.T) {
	tr := sampleTree()
	if _, err := tr.Found(Org{Code: "TW2", Name: "Đảng thứ hai", Kind: KindParty}); err != nil {
		t.Fatal(err)
	}
	if err := tr.Validate(); err == nil {
		t.Errorf("BUG: Validate accepts a tree with two roots of kind %q, though its doc comment promises "+
			"\"one root\" (tree.go Validate: count orgs with ParentID 0 of kind party and refuse more than one)", KindParty)
	}
}

func TestTreeFoundRemoveSetParentRenumber(t *testing.T) {
	tr := sampleTree()
	n := tr.Len()
	if _, err := tr.Found(Org{Code: "T01", Name: "dup", Kind: KindCentralDirect, ParentID: 1}); ErrorCode(err) != ECONFLICT {
		t.Errorf("found of an existing code: %v", err)
	}
	a, err := tr.Found(Org{Code: "XM1", Name: "Đảng bộ phường Ba Đình", Kind: KindCommune, ParentID: 2})
	if err != nil {
		t.Fatal(err)
	}
	b, err := tr.Found(Org{Code: "XM1-C1", Name: "Chi bộ 1", Kind: KindCell, ParentID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID >= 0 || b.ID >= 0 || a.ID == b.ID {
		t.Fatalf("founded ids %d, %d: want distinct temporary negative ids", a.ID, b.ID)
	}
	if tr.Len() != n+2 {
		t.Errorf("Len = %d", tr.Len())
	}
	// Clone is independent and keeps handing out fresh temporary ids.
	c := tr.Clone()
	c2, err := c.Found(Org{Code: "XM2", Name: "x", Kind: KindCommune, ParentID: 2})
	if err != nil {
		t.Fatal(err)
	}
	if c2.ID == a.ID || c2.ID == b.ID {
		t.Errorf("clone reused temporary id %d", c2.ID)
	}
	if tr.ByCode("XM2") != nil {
		t.Error("found in the clone leaked into the original")
	}
	c.ByCode("T01").Name = "changed"
	if tr.ByCode("T01").Name == "changed" {
		t.Error("clone shares orgs with the original")
	}

	// Move the cells of X00001 to the new commune, then remove X00001.
	for _, k := range tr.Children(tr.ByCode("X00001").ID) {
		tr.SetParent(k, a.ID)
	}
	if got := len(tr.Children(tr.ByCode("X00001").ID)); got != 0 {
		t.Errorf("old org keeps %d children", got)
	}
	tr.Remove(tr.ByCode("X00001").ID)
	if tr.ByCode("X00001") != nil || tr.ByID(4) != nil {
		t.Error("removed org still found")
	}
	if err := tr.Validate(); err != nil {
		t.Fatal(err)
	}
	// Renumber the founded orgs as the database would: children follow.
	tempA := a.ID
	tr.Renumber(a.ID, 100)
	tr.Renumber(b.ID, 101)
	if tr.ByID(100) == nil || tr.ByID(100).Code != "XM1" || tr.ByCode("XM1").ID != 100 {
		t.Fatal("renumbered org not found by its new id")
	}
	var kids []string
	for _, k := range tr.Children(100) {
		kids = append(kids, k.Code)
		if k.ParentID != 100 {
			t.Errorf("child %s has parent %d", k.Code, k.ParentID)
		}
	}
	if want := []string{"X00001-C01", "X00001-C02", "XM1-C1"}; !reflect.DeepEqual(kids, want) {
		t.Errorf("children of renumbered org = %v, want %v", kids, want)
	}
	if len(tr.Children(tempA)) != 0 || tr.ByID(tempA) != nil {
		t.Error("old temporary id keeps children")
	}
	if err := tr.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := tr.ComputePaths(); err != nil {
		t.Fatal(err)
	}
	if got := tr.ByCode("XM1-C1").Path; got != "/1/2/2s/2t/" {
		t.Errorf("path = %q, want /1/2/2s/2t/", got)
	}
	// Orgs come parents first.
	seen := map[int64]bool{}
	for _, o := range tr.Orgs() {
		if o.ParentID != 0 && !seen[o.ParentID] {
			t.Errorf("%s listed before its parent", o.Code)
		}
		seen[o.ID] = true
	}
}

func TestComputePathsUnreachable(t *testing.T) {
	tr := sampleTree()
	tr.Remove(tr.ByCode("H001").ID) // its subtree now hangs from a missing parent
	if err := tr.ComputePaths(); err == nil {
		t.Error("ComputePaths accepted orgs unreachable from a root")
	}
}

// TestSubtreeRangeContainsExactlyDescendants builds random trees with ids spread over many
// base-36 widths and checks that every subtree range holds exactly the subtree.
func TestSubtreeRangeContainsExactlyDescendants(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for iter := 0; iter < 50; iter++ {
		used := map[int64]bool{}
		newID := func() int64 {
			for {
				var id int64
				switch r.IntN(4) {
				case 0:
					id = 1 + r.Int64N(40)
				case 1:
					id = 1 + r.Int64N(1300)
				case 2:
					id = 1 + r.Int64N(50000)
				default:
					id = 1 + r.Int64N(1<<40)
				}
				if !used[id] {
					used[id] = true
					return id
				}
			}
		}
		kinds := []string{KindParty, KindCentralDirect, KindDistrict, KindCommune, KindBasicCommittee, KindSectionCommittee, KindCell, KindGroup}
		orgs := []Org{{ID: newID(), Code: "root", Name: "root", Kind: KindParty}}
		depth := map[int64]int{orgs[0].ID: 0}
		for i := 0; i < 150; i++ {
			p := orgs[r.IntN(len(orgs))]
			if depth[p.ID] >= len(kinds)-1 {
				continue
			}
			o := Org{ID: newID(), Name: "x", Kind: kinds[depth[p.ID]+1], ParentID: p.ID}
			o.Code = itoa36(o.ID)
			depth[o.ID] = depth[p.ID] + 1
			orgs = append(orgs, o)
		}
		tr := NewTree(orgs)
		if err := tr.Validate(); err != nil {
			t.Fatal(err)
		}
		if err := tr.ComputePaths(); err != nil {
			t.Fatal(err)
		}
		all := tr.Orgs()
		isDesc := func(o, anc *Org) bool {
			for x := o; x != nil; x = tr.ByID(x.ParentID) {
				if x.ID == anc.ID {
					return true
				}
				if x.ParentID == 0 {
					break
				}
			}
			return false
		}
		for _, anc := range all {
			lo, hi := SubtreeRange(anc.Path)
			for _, o := range all {
				in := o.Path >= lo && o.Path < hi
				if in != isDesc(o, anc) {
					t.Fatalf("path %q in range of %q = %v, but descendant = %v", o.Path, anc.Path, in, isDesc(o, anc))
				}
			}
			if !strings.HasPrefix(anc.Path, "/") || !strings.HasSuffix(anc.Path, "/") {
				t.Fatalf("path %q", anc.Path)
			}
		}
		// Sorting by path puts every parent before its children.
		sort.Slice(all, func(i, j int) bool { return all[i].Path < all[j].Path })
		pos := map[int64]int{}
		for i, o := range all {
			pos[o.ID] = i
		}
		for _, o := range all {
			if o.ParentID != 0 && pos[o.ParentID] > pos[o.ID] {
				t.Fatalf("parent of %s sorts after it", o.Code)
			}
		}
	}
}

func TestPathSegment(t *testing.T) {
	for id, want := range map[int64]string{0: "0/", 1: "1/", 35: "z/", 36: "10/", 1295: "zz/", 1296: "100/"} {
		if got := PathSegment(id); got != want {
			t.Errorf("PathSegment(%d) = %q, want %q", id, got, want)
		}
	}
	if lo, hi := SubtreeRange("/1/2/"); lo != "/1/2/" || hi != "/1/20" {
		t.Errorf("SubtreeRange = %q, %q", lo, hi)
	}
}

func TestSame(t *testing.T) {
	a := Org{ID: 1, Name: "A", Kind: KindCell, ParentID: 2, Attrs: []string{"border", "island"}, Path: "/2/1/", ValidFrom: "2000-01-01"}
	b := a
	b.Attrs = []string{"island", "border", "border"}
	b.ValidFrom = "2020-01-01"
	if !Same(&a, &b) {
		t.Error("versions differing only in dates and attribute order are not Same")
	}
	for _, mod := range []func(o *Org){
		func(o *Org) { o.Name = "B" },
		func(o *Org) { o.ParentID = 3 },
		func(o *Org) { o.Path = "/3/1/" },
		func(o *Org) { o.Kind = KindGroup },
		func(o *Org) { o.Setting = "village" },
		func(o *Org) { o.AdminUnitCode = "00001" },
		func(o *Org) { o.Attrs = nil },
	} {
		c := a
		mod(&c)
		if Same(&a, &c) {
			t.Errorf("Same ignores a change: %+v", c)
		}
	}
}

func TestJoinSplitAttrs(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{""}, ""},
		{[]string{"border"}, "border"},
		{[]string{"island", " border ", "border", "", "island"}, "border,island"},
		{[]string{"c", "a", "b"}, "a,b,c"},
	}
	for _, tc := range tests {
		got := JoinAttrs(tc.in)
		if got != tc.want {
			t.Errorf("JoinAttrs(%q) = %q, want %q", tc.in, got, tc.want)
		}
		back := SplitAttrs(got)
		if got == "" {
			if back != nil {
				t.Errorf("SplitAttrs(\"\") = %q, want nil", back)
			}
			continue
		}
		if JoinAttrs(back) != got {
			t.Errorf("round trip of %q gives %q", got, JoinAttrs(back))
		}
	}
	o := Org{Attrs: SplitAttrs("border,island")}
	if !o.HasAttr("island") || o.HasAttr("isl") {
		t.Error("HasAttr")
	}
}

func TestParseISODate(t *testing.T) {
	for _, s := range []string{"2025-07-01", "2024-02-29"} {
		if d, err := ParseISODate(s); err != nil || string(d) != s {
			t.Errorf("ParseISODate(%q) = %q, %v", s, d, err)
		}
	}
	for _, s := range []string{"", "2025-7-1", "01/07/2025", "2025-02-29", "2025-13-01"} {
		if _, err := ParseISODate(s); ErrorCode(err) != EINVALID {
			t.Errorf("ParseISODate(%q) accepted", s)
		}
	}
	if got := Date("2025-07-01").AddDays(-1); got != "2025-06-30" {
		t.Errorf("AddDays = %s", got)
	}
	if got := Date("2025-07-01").Display(); got != "01/07/2025" {
		t.Errorf("Display = %s", got)
	}
	if Date(Forever).Display() != "" {
		t.Error("Forever displays")
	}
}

func TestRowErrorString(t *testing.T) {
	e := RowError{Line: 7, Column: "cccd", Value: "123", Message: "sai"}
	if got := e.String(); got != "dòng 7, cột Số CCCD (cccd): sai" {
		t.Errorf("String = %q", got)
	}
	if e.Label() != "Số CCCD" {
		t.Errorf("Label = %q", e.Label())
	}
	rep := &ImportReport{}
	for i := 0; i < MaxReportedErrors+5; i++ {
		rep.Reject(i, "", "", "x")
	}
	if len(rep.Errors) != MaxReportedErrors || !rep.Failed() {
		t.Errorf("kept %d errors", len(rep.Errors))
	}
}
