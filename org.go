package tochuc

import (
	"sort"
	"strings"
)

// Kinds of party organization (glossary: one English code per Vietnamese term).
const (
	KindParty            = "party"             // Đảng Cộng sản Việt Nam: the root of the tree
	KindCentralDirect    = "central_direct"    // đảng bộ trực thuộc Trung ương (tỉnh, thành phố…)
	KindDistrict         = "district"          // đảng bộ cấp huyện: gone from 01/07/2025
	KindBloc             = "bloc"              // đảng bộ cấp trên cơ sở khác: khối, quân sự, công an
	KindCommune          = "commune"           // đảng bộ xã, phường, đặc khu (from 07/2025)
	KindBasicCommittee   = "basic_committee"   // đảng bộ cơ sở
	KindBasicCell        = "basic_cell"        // chi bộ cơ sở
	KindSectionCommittee = "section_committee" // đảng bộ bộ phận
	KindCell             = "cell"              // chi bộ trực thuộc
	KindGroup            = "group"             // tổ đảng
)

// OrgKinds lists every kind in the order of the tree, top down.
var OrgKinds = []string{KindParty, KindCentralDirect, KindDistrict, KindBloc, KindCommune,
	KindBasicCommittee, KindBasicCell, KindSectionCommittee, KindCell, KindGroup}

// IsBasic reports whether the kind is a basic organization (tổ chức cơ sở đảng).
func IsBasic(kind string) bool { return kind == KindBasicCommittee || kind == KindBasicCell }

// Org is one party organization as it stood over one validity interval (a version).
type Org struct {
	ID            int64    `json:"id"`
	Code          string   `json:"code"`
	Name          string   `json:"name"`
	Kind          string   `json:"kind"`
	Setting       string   `json:"setting"`
	ParentID      int64    `json:"parent_id,omitempty"`
	ParentCode    string   `json:"parent_code,omitempty"`
	AdminUnitCode string   `json:"admin_unit_code,omitempty"`
	Attrs         []string `json:"attrs,omitempty"`
	Path          string   `json:"-"`
	Depth         int      `json:"depth"`
	ValidFrom     Date     `json:"valid_from"`
	ValidTo       Date     `json:"valid_to"`
}

// Open reports whether this version has no end date.
func (o *Org) Open() bool { return o.ValidTo == "" || o.ValidTo == Forever }

// HasAttr reports whether the org carries a report attribute such as "border".
func (o *Org) HasAttr(a string) bool {
	for _, x := range o.Attrs {
		if x == a {
			return true
		}
	}
	return false
}

// JoinAttrs is the storage form of attributes: sorted, unique, comma separated.
func JoinAttrs(attrs []string) string {
	m := map[string]bool{}
	var out []string
	for _, a := range attrs {
		a = strings.TrimSpace(a)
		if a != "" && !m[a] {
			m[a] = true
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// SplitAttrs parses the storage form of attributes.
func SplitAttrs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// OrgEvent kinds: every change of the tree is one of these, with an effective date and a document.
const (
	OrgFound    = "found"
	OrgRename   = "rename"
	OrgMove     = "move"
	OrgMerge    = "merge"
	OrgSplit    = "split"
	OrgDissolve = "dissolve"
	OrgUpdate   = "update"
)

// OrgEvent records one change of the tree and the document that decided it.
type OrgEvent struct {
	ID       int64  `json:"id"`
	Kind     string `json:"kind"`
	Date     Date   `json:"date"`
	OrgID    int64  `json:"org_id"`
	OrgCode  string `json:"org_code"`
	Document string `json:"document,omitempty"`
	Detail   string `json:"detail,omitempty"`
}

// PathSegment is the materialized-path piece of one org; a subtree is a range of paths.
func PathSegment(id int64) string { return itoa36(id) + "/" }

// SubtreeRange returns the half-open [lo, hi) path range of a subtree: '/' + 1 == '0'.
func SubtreeRange(path string) (lo, hi string) {
	return path, path[:len(path)-1] + "0"
}

func itoa36(n int64) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	if n == 0 {
		return "0"
	}
	var b [16]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = digits[n%36]
		n /= 36
	}
	return string(b[i:])
}
