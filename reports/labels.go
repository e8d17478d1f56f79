package reports

import (
	"tochuc/codes"
	"tochuc/stats"
)

// BreakdownDims are the dimensions of the report's table of members, with their titles.
var BreakdownDims = []struct{ Dim, Title string }{
	{stats.DimStatus, "Theo trạng thái"},
	{stats.DimSex, "Theo giới tính"},
	{stats.DimAgeBand, "Theo độ tuổi"},
	{stats.DimEthnicity, "Theo dân tộc"},
	{stats.DimReligion, "Theo tôn giáo"},
	{stats.DimEducation, "Theo trình độ giáo dục phổ thông"},
	{stats.DimPolTheory, "Theo trình độ lý luận chính trị"},
	{stats.DimPartyAgeBand, "Theo tuổi đảng"},
}

var codeLists = map[string]codes.List{
	stats.DimStatus: codes.MemberStatuses, stats.DimSex: codes.Sex, stats.DimEthnicity: codes.Ethnicities,
	stats.DimReligion: codes.Religions, stats.DimEducation: codes.Education, stats.DimProfQual: codes.ProfessionalQualification,
	stats.DimPolTheory: codes.PoliticalTheory, stats.DimOccupation: codes.Occupations, stats.DimOrgKind: codes.OrgKinds,
	stats.DimSetting: codes.Settings,
}

var bandNames = map[string]map[string]string{
	stats.DimAgeBand: {"under30": "Dưới 30 tuổi", "30-40": "Từ 30 đến 40 tuổi", "41-50": "Từ 41 đến 50 tuổi",
		"51-60": "Từ 51 đến 60 tuổi", "over60": "Trên 60 tuổi", "unknown": "Chưa rõ năm sinh"},
	stats.DimPartyAgeBand: {"under10": "Dưới 10 năm", "10-19": "Từ 10 đến 19 năm", "20-29": "Từ 20 đến 29 năm",
		"30-39": "Từ 30 đến 39 năm", "40-49": "Từ 40 đến 49 năm", "50+": "Từ 50 năm trở lên", "unknown": "Chưa rõ tuổi đảng"},
}

// ValueLabel is the Vietnamese label of a dimension's value.
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

// attrLabels name org attributes in sentences: "20 đảng bộ xã biên giới".
var attrLabels = map[string]string{"border": "biên giới"}

// flowLabels name the flows in tables.
var flowLabels = map[string]string{
	"admitted": "Kết nạp", "readmitted": "Kết nạp lại", "recognized": "Công nhận chính thức",
	"transferred_in": "Chuyển đến", "transferred_out": "Chuyển đi", "removed": "Xoá tên",
	"withdrawn": "Cho ra khỏi Đảng", "expelled": "Khai trừ", "deceased": "Từ trần",
}

// FlowLabel is the Vietnamese name of a flow.
func FlowLabel(flow string) string {
	if l, ok := flowLabels[flow]; ok {
		return l
	}
	return flow
}
