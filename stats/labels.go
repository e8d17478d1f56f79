package stats

import "tochuc/codes"

// Vietnamese names of the dimensions, their values and the flows, for every page, report and
// form that shows a figure.

var dimNames = map[string]string{
	DimStatus: "Trạng thái", DimSex: "Giới tính", DimAgeBand: "Độ tuổi",
	DimEthnicity: "Dân tộc", DimReligion: "Tôn giáo", DimEducation: "Giáo dục phổ thông",
	DimProfQual: "Chuyên môn", DimPolTheory: "Lý luận chính trị", DimAcadTitle: "Học hàm", DimOccupation: "Nghề nghiệp",
	DimPartyAgeBand: "Tuổi đảng", DimOrgKind: "Loại tổ chức", DimSetting: "Loại hình",
	"border": "Xã biên giới",
}

var codeLists = map[string]codes.List{
	DimStatus: codes.MemberStatuses, DimSex: codes.Sex, DimEthnicity: codes.Ethnicities,
	DimReligion: codes.Religions, DimEducation: codes.Education, DimProfQual: codes.ProfessionalQualification,
	DimPolTheory: codes.PoliticalTheory, DimAcadTitle: codes.AcademicTitle, DimOccupation: codes.Occupations,
	DimOrgKind: codes.OrgKinds, DimSetting: codes.Settings,
}

var bandNames = map[string]map[string]string{
	DimAgeBand: {"under30": "Dưới 30 tuổi", "30-40": "Từ 30 đến 40 tuổi", "41-50": "Từ 41 đến 50 tuổi",
		"51-60": "Từ 51 đến 60 tuổi", "over60": "Trên 60 tuổi", "unknown": "Chưa rõ năm sinh"},
	DimPartyAgeBand: {"under10": "Dưới 10 năm", "10-19": "Từ 10 đến 19 năm", "20-29": "Từ 20 đến 29 năm",
		"30-39": "Từ 30 đến 39 năm", "40-49": "Từ 40 đến 49 năm", "50+": "Từ 50 năm trở lên", "unknown": "Chưa rõ tuổi đảng"},
}

var flowNames = map[string]string{
	"admitted": "Kết nạp", "readmitted": "Kết nạp lại", "recognized": "Công nhận chính thức",
	"transferred_in": "Chuyển đến", "transferred_out": "Chuyển đi", "removed": "Xóa tên",
	"withdrawn": "Xin ra khỏi Đảng", "expelled": "Khai trừ", "deceased": "Từ trần",
}

// DimensionLabel is the Vietnamese name of a dimension; an org attribute without one shows
// under its own name.
func DimensionLabel(dim string) string {
	if n, ok := dimNames[dim]; ok {
		return n
	}
	return dim
}

// FlowLabel is the Vietnamese name of a flow.
func FlowLabel(flow string) string {
	if n, ok := flowNames[flow]; ok {
		return n
	}
	return flow
}

// ValueLabel is the Vietnamese label of a dimension's value: the code list's name, the band's,
// Có/Không for an org attribute, "Chưa rõ" for nothing recorded.
func ValueLabel(dim, code string) string {
	if l, ok := codeLists[dim]; ok {
		if code == "" {
			return "Chưa rõ"
		}
		if c, ok := l.ByCode(code); ok {
			return c.Name
		}
		return code
	}
	if m, ok := bandNames[dim]; ok {
		if n, ok := m[code]; ok {
			return n
		}
		return code
	}
	switch code {
	case "true":
		return "Có"
	case "false":
		return "Không"
	case "":
		return "Chưa rõ"
	}
	return code
}
