package tochuc

import (
	"fmt"
	"sort"
)

// kindRank orders kinds top-down; a child must rank below its parent, which rejects a province
// placed under a cell without hard-coding which kinds may sit where (that changed in 2025).
var kindRank = map[string]int{KindParty: 0, KindCentralDirect: 1, KindDistrict: 2, KindBloc: 2,
	KindCommune: 3, KindBasicCommittee: 4, KindBasicCell: 4, KindSectionCommittee: 5, KindCell: 6, KindGroup: 7}

// ValidKind reports whether a kind code is known.
func ValidKind(k string) bool { _, ok := kindRank[k]; return ok }

// Tree is the organization tree on one date, held in memory so that many changes can be
// checked together and written as one diff.
type Tree struct {
	byID   map[int64]*Org
	byCode map[string]*Org
	kids   map[int64]map[int64]*Org
	nextID int64 // temporary negative ids for orgs founded in memory
}

// NewTree builds a tree from the orgs valid on one date.
func NewTree(orgs []Org) *Tree {
	t := &Tree{byID: make(map[int64]*Org, len(orgs)), byCode: make(map[string]*Org, len(orgs)), kids: map[int64]map[int64]*Org{}}
	for i := range orgs {
		o := orgs[i]
		o.Attrs = append([]string(nil), o.Attrs...)
		t.add(&o)
	}
	return t
}

// Clone returns an independent copy.
func (t *Tree) Clone() *Tree {
	orgs := make([]Org, 0, len(t.byID))
	for _, o := range t.byID {
		orgs = append(orgs, *o)
	}
	c := NewTree(orgs)
	c.nextID = t.nextID
	return c
}

// ByCode finds an org by code.
func (t *Tree) ByCode(code string) *Org { return t.byCode[code] }

// ByID finds an org by id.
func (t *Tree) ByID(id int64) *Org { return t.byID[id] }

// Len is the number of orgs.
func (t *Tree) Len() int { return len(t.byID) }

// Orgs returns every org, parents before children.
func (t *Tree) Orgs() []*Org {
	out := make([]*Org, 0, len(t.byID))
	for _, o := range t.byID {
		out = append(out, o)
	}
	depth := map[int64]int{}
	var d func(o *Org) int
	d = func(o *Org) int {
		if v, ok := depth[o.ID]; ok {
			return v
		}
		v := 0
		if p := t.byID[o.ParentID]; p != nil && o.ParentID != 0 {
			depth[o.ID] = 0 // guards against cycles while computing
			v = d(p) + 1
		}
		depth[o.ID] = v
		return v
	}
	for _, o := range out {
		d(o)
	}
	sort.Slice(out, func(i, j int) bool {
		if depth[out[i].ID] != depth[out[j].ID] {
			return depth[out[i].ID] < depth[out[j].ID]
		}
		return out[i].Code < out[j].Code
	})
	return out
}

func (t *Tree) add(o *Org) {
	t.byID[o.ID] = o
	t.byCode[o.Code] = o
	k := t.kids[o.ParentID]
	if k == nil {
		k = map[int64]*Org{}
		t.kids[o.ParentID] = k
	}
	k[o.ID] = o
}

// SetParent moves an org under another (0: a root).
func (t *Tree) SetParent(o *Org, parentID int64) {
	delete(t.kids[o.ParentID], o.ID)
	o.ParentID = parentID
	k := t.kids[parentID]
	if k == nil {
		k = map[int64]*Org{}
		t.kids[parentID] = k
	}
	k[o.ID] = o
}

// Children returns the direct children of an org.
func (t *Tree) Children(id int64) []*Org {
	out := make([]*Org, 0, len(t.kids[id]))
	for _, o := range t.kids[id] {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Found adds a new org (its id is temporary until written).
func (t *Tree) Found(o Org) (*Org, error) {
	if t.byCode[o.Code] != nil {
		return nil, Errorf(ECONFLICT, "mã tổ chức %q đã tồn tại", o.Code)
	}
	t.nextID--
	o.ID = t.nextID
	p := &o
	t.add(p)
	return p, nil
}

// Remove takes an org out of the tree (dissolved or merged away).
func (t *Tree) Remove(id int64) {
	if o := t.byID[id]; o != nil {
		delete(t.byCode, o.Code)
		delete(t.byID, id)
		delete(t.kids[o.ParentID], id)
	}
}

// Validate checks every invariant of a tree: known kinds, existing parents, kinds ranked
// below their parents, no cycles, one root.
func (t *Tree) Validate() error {
	parties := 0
	for _, o := range t.byID {
		if o.Kind == KindParty {
			if parties++; parties > 1 {
				return &Error{Code: EINVALID, Subject: o.Code, Message: fmt.Sprintf("tổ chức %q: cây chỉ có một gốc là Đảng Cộng sản Việt Nam", o.Code)}
			}
		}
		if !ValidKind(o.Kind) {
			return subjectErr(o.Code, "tổ chức %q: loại tổ chức %q không hợp lệ", o.Code, o.Kind)
		}
		if o.Name == "" {
			return subjectErr(o.Code, "tổ chức %q: thiếu tên", o.Code)
		}
		if o.ParentID == 0 {
			if o.Kind != KindParty && o.Kind != KindCentralDirect {
				return subjectErr(o.Code, "tổ chức %q (%s) phải có tổ chức cấp trên", o.Code, o.Kind)
			}
			continue
		}
		p := t.byID[o.ParentID]
		if p == nil {
			return subjectErr(o.Code, "tổ chức %q: tổ chức cấp trên không còn tồn tại vào ngày hiệu lực", o.Code)
		}
		if kindRank[o.Kind] <= kindRank[p.Kind] {
			return subjectErr(o.Code, "tổ chức %q (%s) không thể trực thuộc %q (%s)", o.Code, o.Kind, p.Code, p.Kind)
		}
	}
	// Ranks strictly increase downwards, so a cycle is impossible once the check above passes.
	return nil
}

// ComputePaths sets Path and Depth of every org from its parent chain.
func (t *Tree) ComputePaths() error {
	seen := 0
	var walk func(parent string, depth int, o *Org)
	walk = func(parent string, depth int, o *Org) {
		o.Path = parent + PathSegment(o.ID)
		o.Depth = depth
		seen++
		for _, c := range t.kids[o.ID] {
			walk(o.Path, depth+1, c)
		}
	}
	for _, r := range t.kids[0] {
		walk("/", 0, r)
	}
	if seen != len(t.byID) {
		return fmt.Errorf("tree: %d of %d orgs unreachable from a root", len(t.byID)-seen, len(t.byID))
	}
	return nil
}

// Same reports whether two versions of an org carry the same facts (ignoring dates).
func Same(a, b *Org) bool {
	return a.Name == b.Name && a.Kind == b.Kind && a.Setting == b.Setting && a.ParentID == b.ParentID &&
		a.AdminUnitCode == b.AdminUnitCode && JoinAttrs(a.Attrs) == JoinAttrs(b.Attrs) && a.Path == b.Path
}

// Renumber gives an org founded in memory the id the database assigned it.
func (t *Tree) Renumber(old, id int64) {
	o := t.byID[old]
	if o == nil {
		return
	}
	delete(t.byID, old)
	delete(t.kids[o.ParentID], old)
	o.ID = id
	t.byID[id] = o
	t.kids[o.ParentID][id] = o
	for _, c := range t.kids[old] {
		c.ParentID = id
	}
	t.kids[id] = t.kids[old]
	delete(t.kids, old)
}

func subjectErr(code, format string, args ...any) error {
	return &Error{Code: EINVALID, Subject: code, Message: fmt.Sprintf(format, args...)}
}
