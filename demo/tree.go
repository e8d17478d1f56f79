package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"tochuc"
	"tochuc/importer"
)

// Dates of the demo history.
const (
	Founded     = tochuc.Date("1950-01-01") // the pre-2025 tree is taken to stand from here
	ReformDate  = tochuc.Date("2025-07-01") // two-level local government
	ReformDoc   = "NQ 202/2025/QH15; QĐ 294-QĐ/TW"
	FoundingDoc = "Dữ liệu mẫu"
)

// leaf is an org members can be placed in.
type leaf struct {
	code     string
	province string // pre-2025 province code, for names and ethnicity
	weight   float64
}

// Country is the generated organization tree and the plan that restructures it.
type Country struct {
	Orgs      []importer.OrgRow
	Plan      []importer.PlanRow
	Leaves    []leaf
	Anomalies []string            // rows of the real mapping that do not match the unit lists
	cells     map[string][]string // old commune org code → its cells
	border    map[string]bool     // old commune admin code → border commune
}

var borderProvinces = map[string]bool{"02": true, "04": true, "10": true, "11": true, "12": true, "14": true,
	"20": true, "22": true, "38": true, "40": true, "42": true, "44": true, "45": true, "46": true, "49": true,
	"62": true, "64": true, "66": true, "67": true, "70": true, "72": true, "80": true, "87": true, "89": true, "91": true}

// unitType splits "Tỉnh Hà Giang" into its type word, lower-cased as in "Đảng bộ tỉnh Hà Giang".
func unitType(full string) (kind, name string) {
	for _, p := range []string{"Thành phố", "Thị xã", "Thị trấn", "Đặc khu", "Tỉnh", "Huyện", "Quận", "Xã", "xã", "Phường"} {
		if strings.HasPrefix(full, p+" ") {
			return strings.ToLower(p), strings.TrimPrefix(full, p+" ")
		}
	}
	return "", full
}

func partyName(full string) string {
	k, n := unitType(full)
	if k == "" {
		return "Đảng bộ " + full
	}
	return "Đảng bộ " + k + " " + n
}

func communeSetting(full string) string {
	switch k, _ := unitType(full); k {
	case "phường":
		return "ward"
	case "thị trấn":
		return "township"
	case "đặc khu":
		return "special_zone"
	}
	return "commune"
}

func provinceSetting(full string) string {
	if k, _ := unitType(full); k == "thành phố" {
		return "city"
	}
	return "province"
}

var blocs = []struct{ code, name, setting string }{
	{"QS", "Đảng bộ Quân sự", "army"}, {"CA", "Đảng bộ Công an", "police"},
	{"CQ", "Đảng bộ Khối các cơ quan", "agency"}, {"DN", "Đảng bộ Khối doanh nghiệp", "soe"}}

var blocUnits = map[string][]string{
	"QS": {"Chi bộ Ban Chỉ huy Quân sự khu vực %d", "Chi bộ Đại đội %d", "Chi bộ Tiểu đoàn %d", "Chi bộ Đồn Biên phòng %d"},
	"CA": {"Chi bộ Phòng Cảnh sát số %d", "Chi bộ Công an khu vực %d", "Chi bộ Phòng An ninh số %d"},
	"CQ": {"Chi bộ Sở Nội vụ %d", "Chi bộ Sở Tài chính %d", "Chi bộ Sở Y tế %d", "Chi bộ Sở Giáo dục và Đào tạo %d", "Chi bộ Văn phòng Ủy ban nhân dân %d"},
	"DN": {"Chi bộ Công ty Điện lực %d", "Chi bộ Công ty Cấp nước %d", "Chi bộ Ngân hàng Nông nghiệp chi nhánh %d", "Chi bộ Công ty Xổ số kiến thiết %d"},
}

var districtUnits = []struct{ name, setting string }{
	{"Chi bộ Trường Trung học phổ thông %s số %d", "public_service"},
	{"Chi bộ Trường Trung học cơ sở %s số %d", "public_service"},
	{"Chi bộ Trường Tiểu học %s số %d", "public_service"},
	{"Chi bộ Trường Mầm non %s số %d", "public_service"},
	{"Chi bộ Trung tâm Y tế %s số %d", "public_service"},
	{"Đảng bộ Cơ quan chính quyền %s số %d", "agency"},
	{"Chi bộ Kho bạc Nhà nước %s số %d", "agency"},
	{"Chi bộ Công ty Cổ phần %s số %d", "private_enterprise"},
	{"Chi bộ Công ty TNHH %s số %d", "private_enterprise"},
	{"Chi bộ Công ty Môi trường đô thị %s số %d", "soe"},
	{"Chi bộ Công ty TNHH điện tử %s số %d", "fdi"},
}

// BuildCountry makes the pre-2025 tree for about n members, and the restructure plan.
func BuildCountry(u *Units, n int, seed uint64) *Country {
	r := rand.New(rand.NewPCG(seed, 0x6f7267))
	c := &Country{cells: map[string][]string{}, border: map[string]bool{}}
	add := func(o importer.OrgRow) {
		o.ValidFrom, o.Document = Founded, FoundingDoc
		o.Line = len(c.Orgs) + 2
		c.Orgs = append(c.Orgs, o)
	}
	add(importer.OrgRow{Code: "TW", Name: "Đảng Cộng sản Việt Nam", Kind: tochuc.KindParty})
	communes := 0
	for _, p := range u.Before {
		for _, d := range p.Districts {
			communes += len(d.Wards)
		}
	}
	perCommune := float64(n) * 0.6 / float64(communes)
	perOtherUnit := 60.0
	othersPerDistrict := float64(n) * 0.3 / 696 / perOtherUnit
	perBloc := float64(n) * 0.1 / 63 / 4 / perOtherUnit
	for _, p := range u.Before {
		pc := "T" + p.Code
		add(importer.OrgRow{Code: pc, Name: partyName(p.FullName), Kind: tochuc.KindCentralDirect,
			Setting: provinceSetting(p.FullName), ParentCode: "TW", AdminUnitCode: p.Code})
		for _, b := range blocs {
			bc := pc + "-" + b.code
			add(importer.OrgRow{Code: bc, Name: b.name + " " + strings.TrimPrefix(partyName(p.FullName), "Đảng bộ "),
				Kind: tochuc.KindBloc, Setting: b.setting, ParentCode: pc})
			k := stochastic(r, perBloc)
			for i := 1; i <= k; i++ {
				tpl := blocUnits[b.code][r.IntN(len(blocUnits[b.code]))]
				code := fmt.Sprintf("%s-%02d", bc, i)
				add(importer.OrgRow{Code: code, Name: fmt.Sprintf(tpl, i), Kind: tochuc.KindBasicCell, Setting: b.setting, ParentCode: bc})
				c.Leaves = append(c.Leaves, leaf{code, p.Code, perOtherUnit * (0.5 + r.Float64())})
			}
		}
		for _, d := range p.Districts {
			dc := "H" + d.Code
			add(importer.OrgRow{Code: dc, Name: partyName(d.FullName), Kind: tochuc.KindDistrict, Setting: "district",
				ParentCode: pc, AdminUnitCode: d.Code})
			_, dname := unitType(d.FullName)
			for _, w := range d.Wards {
				xc := "X" + w.Code
				setting := communeSetting(w.FullName)
				var attrs []string
				if setting == "commune" && borderProvinces[p.Code] && r.Float64() < 0.25 {
					attrs = []string{"border"}
					c.border[w.Code] = true
				}
				add(importer.OrgRow{Code: xc, Name: partyName(w.FullName), Kind: tochuc.KindBasicCommittee, Setting: setting,
					ParentCode: dc, AdminUnitCode: w.Code, Attrs: attrs})
				size := perCommune * (0.5 + r.Float64())
				k := int(size/30 + 0.5)
				if k < 1 {
					k = 1
				} else if k > 25 {
					k = 25
				}
				village := map[string]string{"commune": "thôn", "ward": "tổ dân phố", "township": "khu phố", "special_zone": "thôn"}[setting]
				for i := 1; i <= k; i++ {
					cc := fmt.Sprintf("%s-C%02d", xc, i)
					add(importer.OrgRow{Code: cc, Name: fmt.Sprintf("Chi bộ %s %d", village, i), Kind: tochuc.KindCell, Setting: "village", ParentCode: xc})
					c.cells[xc] = append(c.cells[xc], cc)
					c.Leaves = append(c.Leaves, leaf{cc, p.Code, size / float64(k)})
				}
			}
			k := stochastic(r, othersPerDistrict)
			for i := 1; i <= k; i++ {
				t := districtUnits[r.IntN(len(districtUnits))]
				code := fmt.Sprintf("%s-B%02d", dc, i)
				name := fmt.Sprintf(t.name, dname, i)
				if strings.HasPrefix(name, "Đảng bộ") {
					add(importer.OrgRow{Code: code, Name: name, Kind: tochuc.KindBasicCommittee, Setting: t.setting, ParentCode: dc})
					for j := 1; j <= 3; j++ {
						cc := fmt.Sprintf("%s-C%d", code, j)
						add(importer.OrgRow{Code: cc, Name: fmt.Sprintf("Chi bộ phòng %d", j), Kind: tochuc.KindCell, Setting: t.setting, ParentCode: code})
						c.Leaves = append(c.Leaves, leaf{cc, p.Code, perOtherUnit / 3 * (0.5 + r.Float64())})
					}
					continue
				}
				add(importer.OrgRow{Code: code, Name: name, Kind: tochuc.KindBasicCell, Setting: t.setting, ParentCode: dc})
				c.Leaves = append(c.Leaves, leaf{code, p.Code, perOtherUnit * (0.5 + r.Float64())})
			}
		}
	}
	c.buildPlan(u, r)
	return c
}

// stochastic rounds x up or down at random so that small expectations still average right.
func stochastic(r *rand.Rand, x float64) int {
	k := int(x)
	if r.Float64() < x-float64(k) {
		k++
	}
	return k
}
