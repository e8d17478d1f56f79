package web

// English for the statistics pages (the counts, the flows, the drill-down and its export),
// merged at start without overriding entries already in the catalog.
var statsEnglish = map[string]string{
	"Thống kê": "Statistics",
	"đếm đảng viên của tổ chức và mọi tổ chức trực thuộc theo cây tổ chức của ngày đó. Bấm vào một con số để xem danh sách đảng viên.": "members of the organization and all its subordinate organizations are counted on the tree of that date. Click a figure to see its members.",
	"Số đảng viên":                    "Members",
	"Mã tổ chức":                      "Organization code",
	"Tại ngày":                        "As of",
	"Chiều thống kê":                  "Breakdown",
	"(không chọn)":                    "(none)",
	"Theo từng tổ chức trực thuộc":    "By subordinate organization",
	"Biến động đảng viên":             "Changes in membership",
	"Từ ngày":                         "From",
	"Đến ngày":                        "To",
	"Xem số liệu":                     "Show figures",
	"Số liệu của biểu đồ":             "Data of the chart",
	"Nhóm":                            "Group",
	"Tỷ lệ":                           "Share",
	"Số đảng viên tại ngày":           "Members as of",
	"Tổng số":                         "Total",
	"Biến động từ ngày":               "Changes from",
	"đến ngày":                        "to",
	"Biến động":                       "Change",
	"Số lượt":                         "Events",
	"Không có biến động trong kỳ.":    "No changes in the period.",
	"Danh sách đảng viên của số liệu": "Members counted by the figure",
	"Các đảng viên được đếm tại ngày":         "Members counted on",
	"trong tổ chức và các tổ chức trực thuộc": "in the organization and its subordinate organizations",
	"Đang lọc":          "Filtered by",
	"Về trang thống kê": "Back to statistics",
	"Xuất Excel":        "Export to Excel",
	"Xuất CSV":          "Export to CSV",
	"Việc xuất được ghi vào nhật ký kiểm toán.": "The export is recorded in the audit trail.",
	"Họ và tên":               "Full name",
	"Giới tính":               "Sex",
	"Ngày sinh":               "Date of birth",
	"Ngày vào Đảng":           "Admitted",
	"Phân trang":              "Pages",
	"Trang trước":             "Previous page",
	"Trang sau":               "Next page",
	"Không có đảng viên nào.": "No members.",
	"đảng viên":               "members",
	"Số liệu tại ngày":        "Figures as of",
	"đang cập nhật sau thay đổi mới nhất, tải lại trang sau ít giây": "being updated after the latest change; reload in a few seconds",

	// Dimensions and their values (shown through tl).
	"Trạng thái": "Status", "Độ tuổi": "Age", "Dân tộc": "Ethnic group", "Tôn giáo": "Religion",
	"Giáo dục phổ thông": "General education", "Chuyên môn": "Professional qualification",
	"Lý luận chính trị": "Political theory", "Nghề nghiệp": "Occupation", "Tuổi đảng": "Party age",
	"Loại tổ chức": "Organization kind", "Loại hình": "Setting", "Xã biên giới": "Border commune",
	"Dưới 30 tuổi": "Under 30", "Từ 30 đến 40 tuổi": "30 to 40", "Từ 41 đến 50 tuổi": "41 to 50",
	"Từ 51 đến 60 tuổi": "51 to 60", "Trên 60 tuổi": "Over 60", "Chưa rõ năm sinh": "Birth year unknown",
	"Dưới 10 năm": "Under 10 years", "Từ 10 đến 19 năm": "10 to 19 years", "Từ 20 đến 29 năm": "20 to 29 years",
	"Từ 30 đến 39 năm": "30 to 39 years", "Từ 40 đến 49 năm": "40 to 49 years", "Từ 50 năm trở lên": "50 years or more",
	"Chưa rõ tuổi đảng": "Party age unknown", "Có": "Yes", "Không": "No", "Chưa rõ": "Unknown",
	"Kết nạp": "Admitted", "Kết nạp lại": "Readmitted", "Công nhận chính thức": "Recognized as full members",
	"Chuyển đến": "Transferred in", "Chuyển đi": "Transferred out", "Xóa tên": "Removed from the rolls",
	"Xin ra khỏi Đảng": "Withdrew from the Party", "Khai trừ": "Expelled", "Từ trần": "Deceased",
	"Đảng viên theo trạng thái": "Members by status", "Đảng viên theo giới tính": "Members by sex",
	"Đảng viên theo độ tuổi": "Members by age", "Đảng viên theo dân tộc": "Members by ethnic group",
	"Đảng viên theo tôn giáo": "Members by religion", "Đảng viên theo giáo dục phổ thông": "Members by general education",
	"Đảng viên theo chuyên môn":        "Members by professional qualification",
	"Đảng viên theo lý luận chính trị": "Members by political theory", "Đảng viên theo nghề nghiệp": "Members by occupation",
	"Đảng viên theo tuổi đảng": "Members by party age", "Đảng viên theo loại tổ chức": "Members by organization kind",
	"Đảng viên theo loại hình": "Members by setting", "Đảng viên theo xã biên giới": "Members by border commune",
}

func init() {
	for vi, en := range statsEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
