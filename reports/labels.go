package reports

import "tochuc/stats"

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

// ValueLabel is the Vietnamese label of a dimension's value.
func ValueLabel(dim, code string) string { return stats.ValueLabel(dim, code) }

// attrLabels name org attributes in sentences: "20 đảng bộ xã biên giới".
var attrLabels = map[string]string{"border": "biên giới"}

// FlowLabel is the Vietnamese name of a flow.
func FlowLabel(flow string) string { return stats.FlowLabel(flow) }
