package web

// English for the review report page.
var reportsEnglish = map[string]string{
	"Báo cáo sơ kết, tổng kết":                                "Review reports",
	"Báo cáo sơ kết, tổng kết công tác tổ chức xây dựng Đảng": "Review reports of party-building work",
	"Mọi số liệu trong báo cáo do hệ thống tính từ sổ đảng viên; bảng nguồn số liệu ghi truy vấn tạo ra từng số.": "Every figure of the report is computed from the register; the sources table gives the query behind each one.",
	"Mã tổ chức":            "Organization code",
	"Kỳ báo cáo":            "Period",
	"Xem số liệu":           "Show figures",
	"Tải báo cáo DOCX":      "Download the report (DOCX)",
	"Tải báo cáo PDF":       "Download the report (PDF)",
	"Số liệu dạng JSON":     "Figures as JSON",
	"Nội dung chính":        "Main sentences",
	"Các đơn vị trực thuộc": "Direct units",
	"Đơn vị":                "Unit",
	"Đảng viên":             "Members",
	"Kết nạp":               "Admitted",
	"Chỉ tiêu giao":         "Target",
	"Tỷ lệ":                 "Rate",
	"Nguồn số liệu":         "Sources of the figures",
	"Số liệu":               "Figure",
	"Giá trị":               "Value",
	"Truy vấn":              "Query",
	"Năm":                   "Year",
	"6 tháng đầu năm":       "First half of",
	"6 tháng cuối năm":      "Second half of",
	"Quý":                   "Quarter",
	"Báo cáo":               "Reports",
	"Nhiệm kỳ đại hội":      "Congress term",
	"Mặc định (nhiệm kỳ đang hoặc sắp tổ chức đại hội)": "Default (the term whose congresses are being held)",
	"Số, ký hiệu văn bản":                  "Document number and symbol",
	"Ví dụ 45-BC/TU; để trống để ghi tay.": "For example 45-BC/TU; leave empty to write it by hand.",
	"Họ tên người ký":                      "Signer's full name",
	"Chức vụ người ký":                     "Signer's position",
}

func init() {
	for vi, en := range reportsEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
