package forms

import "strings"

// The register names organizations (đảng bộ, chi bộ); documents are issued by their committees
// (cấp ủy): "Đảng bộ huyện Đồng Văn" decides as "Huyện ủy Đồng Văn" and numbers its documents
// "…/HU". These helpers derive the committee, its symbol suffix and the place name from an
// organization's name; a caller that knows better fills the form's fields itself.

var committeePrefixes = []struct{ org, committee, abbrev string }{
	{"Đảng bộ tỉnh ", "Tỉnh ủy ", "TU"},
	{"Đảng bộ thành phố ", "Thành ủy ", "TU"},
	{"Đảng bộ huyện ", "Huyện ủy ", "HU"},
	{"Đảng bộ quận ", "Quận ủy ", "QU"},
	{"Đảng bộ thị xã ", "Thị ủy ", "TU"},
	{"Đảng bộ ", "Đảng ủy ", "ĐU"},
	{"Chi bộ ", "Chi bộ ", "CB"},
}

// CommitteeOf gives the committee that speaks for an organization and its symbol suffix:
// "Đảng bộ huyện Đồng Văn" → "Huyện ủy Đồng Văn", "HU".
func CommitteeOf(orgName string) (committee, abbrev string) {
	n := strings.TrimSpace(clean(orgName))
	for _, p := range committeePrefixes {
		if len(n) > len(p.org) && strings.EqualFold(n[:len(p.org)], p.org) {
			return p.committee + n[len(p.org):], p.abbrev
		}
	}
	return n, ""
}

var placePrefixes = []string{"tỉnh ", "thành phố ", "huyện ", "quận ", "thị xã ", "thị trấn ", "xã ", "phường ", "đặc khu "}

// PlaceOf gives the place name a document of the organization is dated from: "Đảng bộ xã Lũng
// Cú" → "Lũng Cú"; "" when the name holds no administrative unit.
func PlaceOf(orgName string) string {
	n := strings.TrimSpace(clean(orgName))
	for _, pre := range []string{"Đảng bộ ", "Chi bộ "} {
		if len(n) > len(pre) && strings.EqualFold(n[:len(pre)], pre) {
			n = n[len(pre):]
			break
		}
	}
	for _, pre := range placePrefixes {
		if len(n) > len(pre) && strings.EqualFold(n[:len(pre)], pre) {
			return n[len(pre):]
		}
	}
	return ""
}
