package demo

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	"tochuc"
	"tochuc/importer"
)

// buildPlan turns the real mapping of 01/07/2025 into a restructure plan: 34 provinces, the
// district level dissolved, 10,035 communes merged or split into 3,321. Rows of the mapping
// that do not match the unit lists are reported in Anomalies, never dropped silently.
func (c *Country) buildPlan(u *Units, r *rand.Rand) {
	row := func(p importer.PlanRow) {
		p.Date, p.Document = ReformDate, ReformDoc
		p.Line = len(c.Plan) + 2
		c.Plan = append(c.Plan, p)
	}
	oldCommunes := map[string]string{} // code → district code
	oldProvince := map[string]bool{}
	for _, p := range u.Before {
		oldProvince[p.Code] = true
		for _, d := range p.Districts {
			for _, w := range d.Wards {
				oldCommunes[w.Code] = d.Code
			}
		}
	}
	newCommunes := map[string]ward{}
	newProvinceOf := map[string]string{}
	for _, p := range u.After {
		for _, w := range p.Wards {
			newCommunes[w.Code] = w
			newProvinceOf[w.Code] = p.Code
		}
	}
	// Provinces: the surviving ones change in place (maybe renamed), the others merge into them,
	// with their blocs merged into the surviving province's blocs.
	newName := map[string]string{}
	for _, p := range u.After {
		newName[p.Code] = p.FullName
	}
	for _, m := range u.Mapping.Data {
		if !oldProvince[m.Level1ID] || len(m.Splits) != 1 || newName[m.Splits[0].NewID] == "" {
			c.Anomalies = append(c.Anomalies, fmt.Sprintf("tỉnh %s (%s): ánh xạ tỉnh không khớp danh mục", m.Level1ID, m.Name))
			continue
		}
		to := m.Splits[0].NewID
		if to == m.Level1ID {
			row(importer.PlanRow{OldCode: "T" + to, NewCode: "T" + to, NewName: partyName(newName[to]), NewSetting: provinceSetting(newName[to])})
			continue
		}
		row(importer.PlanRow{OldCode: "T" + m.Level1ID, NewCode: "T" + to})
		for _, b := range blocs {
			row(importer.PlanRow{OldCode: "T" + m.Level1ID + "-" + b.code, NewCode: "T" + to + "-" + b.code})
		}
	}
	byName := map[string][]string{} // new province/commune name → codes
	for _, p := range u.After {
		for _, w := range p.Wards {
			byName[p.Code+"/"+w.FullName] = append(byName[p.Code+"/"+w.FullName], w.Code)
		}
	}
	// Communes: found the 3,321 new ones first.
	succ := map[string][]string{} // old commune → valid new communes
	mapped := map[string]bool{}
	for _, m := range u.Mapping.Data {
		for _, l := range m.Level3s {
			if _, ok := oldCommunes[l.Level3ID]; !ok {
				c.Anomalies = append(c.Anomalies, fmt.Sprintf("xã cũ %s (%s): có trong bảng ánh xạ nhưng không có trong danh mục 01/03/2025; bỏ qua dòng này", l.Level3ID, l.Name))
				continue
			}
			for _, s := range l.Splits {
				id := s.NewID
				if _, ok := newCommunes[id]; !ok {
					// A code the 2026 list does not have: take the commune of the same name in the
					// same province when there is exactly one, and say so.
					if alt := byName[m.Splits[0].NewID+"/"+s.Name]; len(alt) == 1 {
						c.Anomalies = append(c.Anomalies, fmt.Sprintf("xã cũ %s (%s) → xã mới %s (%s): mã mới không có trong danh mục 2026; dùng mã %s cùng tên trong danh mục", l.Level3ID, l.Name, s.NewID, s.Name, alt[0]))
						id = alt[0]
					} else {
						c.Anomalies = append(c.Anomalies, fmt.Sprintf("xã cũ %s (%s) → xã mới %s (%s): mã mới không có trong danh mục 2026; bỏ qua tổ chức kế thừa này", l.Level3ID, l.Name, s.NewID, s.Name))
						continue
					}
				}
				if !contains(succ[l.Level3ID], id) {
					succ[l.Level3ID] = append(succ[l.Level3ID], id)
				}
				mapped[id] = true
			}
		}
	}
	codes := make([]string, 0, len(newCommunes))
	for code := range newCommunes {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	borderNew := map[string]bool{}
	for old, ss := range succ {
		if c.border[old] {
			for _, s := range ss {
				borderNew[s] = true
			}
		}
	}
	for _, code := range codes {
		w := newCommunes[code]
		var attrs []string
		if borderNew[code] {
			attrs = []string{"border"}
		}
		row(importer.PlanRow{NewCode: "XM" + code, NewName: partyName(w.FullName), NewKind: tochuc.KindCommune,
			NewSetting: communeSetting(w.FullName), NewParentCode: "T" + newProvinceOf[code], NewAdminUnit: code, NewAttrs: attrs})
		if !mapped[code] {
			c.Anomalies = append(c.Anomalies, fmt.Sprintf("xã mới %s (%s): không xã cũ nào được ánh xạ vào; thành lập đảng bộ mới, chưa có đảng viên", code, w.FullName))
		}
	}
	// Old communes merge into their successor, or split with each cell assigned to one.
	var olds []string
	for code := range oldCommunes {
		olds = append(olds, code)
	}
	sort.Strings(olds)
	votes := map[string]map[string]int{} // district → new commune → communes going there
	for _, old := range olds {
		ss := succ[old]
		if len(ss) == 0 {
			c.Anomalies = append(c.Anomalies, fmt.Sprintf("xã cũ %s: không có xã mới hợp lệ; đảng bộ giữ nguyên, đi theo huyện cũ", old))
			continue
		}
		d := oldCommunes[old]
		if votes[d] == nil {
			votes[d] = map[string]int{}
		}
		votes[d][ss[0]]++
		for _, s := range ss {
			row(importer.PlanRow{OldCode: "X" + old, NewCode: "XM" + s})
		}
		if len(ss) > 1 {
			for _, cell := range c.cells["X"+old] {
				row(importer.PlanRow{OldCode: "X" + old, NewCode: "XM" + ss[r.IntN(len(ss))], ChildCode: cell})
			}
		}
	}
	// Districts dissolve into the new commune that took most of their communes; their other
	// basic organizations go with it. Island districts had no communes: they become special zones.
	special := map[string]string{}
	for code, w := range newCommunes {
		if k, n := unitType(w.FullName); k == "đặc khu" {
			special[n] = code
		}
	}
	for _, p := range u.Before {
		for _, d := range p.Districts {
			target := ""
			best := -1
			for s, n := range votes[d.Code] {
				if n > best || (n == best && s < target) {
					target, best = s, n
				}
			}
			if target == "" {
				_, name := unitType(d.FullName)
				target = special[name]
			}
			if target == "" {
				c.Anomalies = append(c.Anomalies, fmt.Sprintf("huyện %s (%s): không tìm được xã mới kế thừa; tổ chức trực thuộc chuyển về tỉnh", d.Code, d.FullName))
				prov := p.Code
				for _, m := range u.Mapping.Data {
					if m.Level1ID == p.Code && len(m.Splits) == 1 {
						prov = m.Splits[0].NewID
					}
				}
				row(importer.PlanRow{OldCode: "H" + d.Code, NewCode: "T" + prov})
				continue
			}
			row(importer.PlanRow{OldCode: "H" + d.Code, NewCode: "XM" + target})
		}
	}
}

// PlanCSV writes the plan in the import format, so that it can be read and re-applied.
func (c *Country) PlanCSV() [][]string {
	out := [][]string{importer.PlanColumns}
	for _, p := range c.Plan {
		member := ""
		if p.MemberID != 0 {
			member = fmt.Sprint(p.MemberID)
		}
		out = append(out, []string{p.OldCode, p.NewCode, string(p.Date), p.Document, p.NewName, p.NewKind, p.NewSetting,
			p.NewParentCode, p.NewAdminUnit, strings.Join(p.NewAttrs, ","), p.ChildCode, member})
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
