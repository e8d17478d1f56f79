package web

// English for the dashboard's targets, trends, ratios and comparison, the facts page (số liệu
// nền) and the drill-down of flow figures.
var dashboardEnglish = map[string]string{
	"Tiến độ thực hiện chỉ tiêu năm": "Progress against the targets of",
	"Thực hiện":                  "Actual",
	"Tiến độ":                    "Progress",
	"Xem và giao chỉ tiêu":       "View and set targets",
	"Tỷ lệ":                      "Ratio",
	"đảng viên so với dân số":    "members per population",
	"thôn, tổ dân phố có chi bộ": "villages and residential groups with a party cell",
	"đơn vị cấp xã chưa có số liệu dân số": "commune-level units without a population figure",
	"Số liệu nền":                      "Base facts",
	"Xu hướng qua các năm":             "Trends over the years",
	"Số đảng viên cuối mỗi năm":        "Members at the end of each year",
	"Kết nạp đảng viên theo năm":       "Admissions by year",
	"Đảng viên theo đơn vị trực thuộc": "Members by subordinate unit",
	"So sánh các đơn vị trực thuộc":    "Comparison of the subordinate units",
	"Đơn vị":                        "Unit",
	"Kết nạp trong năm":             "Admitted this year",
	"Đạt chỉ tiêu kết nạp":          "Admission target reached",
	"Đảng viên/dân số":              "Members/population",
	"Thôn, tổ dân phố có chi bộ":    "Villages with a party cell",
	"Chưa có chỉ tiêu cho năm này.": "No target for this year yet.",

	"Số liệu nền và tỷ lệ": "Base facts and ratios",
	"Tỷ lệ tại ngày":       "Ratios as of",
	"Dân số và số thôn, tổ dân phố do cán bộ nhập theo năm; số liệu của một năm dùng cho các năm sau cho đến khi có số liệu mới. Số liệu của một đơn vị bao gồm cả các đơn vị trực thuộc; số thôn, tổ dân phố có chi bộ bỏ trống thì tính từ các chi bộ có loại hình thôn, tổ dân phố.": "Population and the number of villages and residential groups are entered by year; a year's figures serve the following years until new ones are entered. A unit's figures cover its subordinate units; villages with a party cell left empty are counted from the cells whose setting is village or residential group.",
	"Về trang tổng quan": "Back to the overview",
	"Tại ngày":           "As of",
	"Xem":                "View",
	"Tỷ lệ đảng viên so với dân số và thôn, tổ dân phố có chi bộ": "Members per population and villages with a party cell",
	"Dân số":           "Population",
	"Thôn, tổ dân phố": "Villages and residential groups",
	"Có chi bộ":        "With a cell",
	"Tỷ lệ có chi bộ":  "Share with a cell",
	"Đơn vị cấp xã chưa có số liệu dân số": "Commune-level units without population",
	"đảng viên của các đơn vị có số liệu":  "members of the units with figures",
	"Số liệu đã nhập":                      "Figures entered",
	"Năm":                                  "Year",
	"Nguồn số liệu":                        "Source",
	"tính từ chi bộ":                       "counted from the cells",
	"Chưa có số liệu nền nào.":             "No base facts entered yet.",
	"Nhập số liệu nền":                     "Enter base facts",
	"Số thôn, tổ dân phố":                  "Number of villages and residential groups",
	"Số thôn, tổ dân phố có chi bộ (bỏ trống để tính từ các chi bộ)": "Villages with a party cell (empty: counted from the cells)",
	"Lưu":                 "Save",
	"Đã lưu số liệu nền.": "The base facts were saved.",

	"Danh sách đảng viên của biến động": "Members of a flow figure",
	"từ ngày":  "from",
	"đến ngày": "to",
	"Thông tin của đảng viên là thông tin hiện nay.": "The members' details are today's.",
	"Nơi sinh hoạt hiện nay":                         "Current party unit",
}

func init() {
	for vi, en := range dashboardEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
