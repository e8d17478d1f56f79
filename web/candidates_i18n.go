package web

// English for the development pipeline pages (candidates, their steps and the ceremony), merged
// at start; entries already in the catalog win.
var candidateEnglish = map[string]string{
	// Page texts.
	"Phát triển đảng viên":           "Member development",
	"Trở lại tổ chức":                "Back to the organization",
	"Danh sách phát triển đảng viên": "Member development list",
	"Quần chúng ưu tú":               "Candidate",
	"Thêm quần chúng ưu tú":          "Add a candidate",
	"Chưa có quần chúng ưu tú nào.":  "No candidates yet.",
	"Thêm":                           "Add",
	"Bước":                           "Step",
	"Bước đã đạt":                    "Step reached",
	"Bước tiếp theo":                 "Next step",
	"Các bước đã làm":                "Steps done",
	"Hạn":                            "Deadline",
	"hạn":                            "deadline",
	"ngày":                           "dated",
	"Có":                             "Yes",
	"Không":                          "No",
	"Đoàn viên":                      "Youth Union member",
	"Đã ghi.":                        "Recorded.",
	"Ghi bước":                       "Record the step",
	"Ghi lễ kết nạp":                 "Record the ceremony",
	"Lễ kết nạp":                     "Admission ceremony",
	"Dừng phát triển":                "Stop developing",
	"Lý do":                          "Reason",
	"Kết luận":                       "Conclusion",
	"Tán thành":                      "In favour",
	"Đã gia hạn":                     "Extended",
	"Văn bản đồng ý":                 "Written consent",
	"Văn bản cho phép về học vấn":    "Education exception document",
	"Nghị quyết của Đoàn":            "Youth Union resolution",
	"Người giới thiệu":               "Introducer",
	"Hồ sơ đảng viên":                "Member record",
	"Xem hồ sơ đảng viên":            "Open the member record",
	"Ngày tổ chức lễ kết nạp":        "Date of the admission ceremony",
	"Giấy chứng nhận nhận thức về Đảng còn giá trị đến trước ngày":                                                                             "Awareness-class certificate valid until before",
	"Hết 12 tháng dự bị (ngày chính thức nếu được công nhận)":                                                                                  "End of the 12-month probation (the official date if recognized)",
	"Văn bản đồng ý của cấp ủy cấp trên (nếu quá hạn)":                                                                                         "Written consent of the higher committee (if late)",
	"Quần chúng ưu tú của tổ chức và các tổ chức trực thuộc, theo bước của quy trình kết nạp; hạn của bước tiếp theo tính theo ngày làm việc.": "Candidates of the organization and its subordinate organizations, by step of the admission procedure; the deadline of the next step is counted in working days.",
	"Ghi lễ kết nạp tạo hồ sơ đảng viên dự bị: ngày vào Đảng là ngày quyết định kết nạp, 12 tháng dự bị tính từ ngày lễ.":                      "Recording the ceremony creates a probationary member's record: the admission date is the date of the admission decision; the 12 months of probation count from the ceremony.",

	// Form fields.
	"Họ và tên":            "Full name",
	"Mã chi bộ phát triển": "Code of the developing cell",
	"Ngày chi bộ xác định": "Date the cell identified the candidate",
	"Là đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh": "Member of the Ho Chi Minh Communist Youth Union",
	"dd/mm/yyyy; nếu không rõ ngày: mm/yyyy hoặc yyyy.": "dd/mm/yyyy; if the day is unknown: mm/yyyy or yyyy.",
	"Ngày":                      "Date",
	"Ngày văn bản":              "Document date",
	"Người ký":                  "Signed by",
	"Ghi chú":                   "Note",
	"Số, ký hiệu văn bản":       "Document number and symbol",
	"Ví dụ 123-QĐ/ĐU.":          "For example 123-QĐ/ĐU.",
	"Ngày cấp giấy chứng nhận":  "Certificate date",
	"Số giấy chứng nhận":        "Certificate number",
	"Ngày nghị quyết":           "Resolution date",
	"Ngày nộp đơn xin vào Đảng": "Date of the application to join the Party",
	"Ngày khai lý lịch":         "Date of the personal history",
	"Người giới thiệu thứ nhất": "First introducer",
	"Người giới thiệu thứ hai":  "Second introducer",
	"Cùng công tác với người vào Đảng từ ngày (người giới thiệu thứ nhất)": "Worked with the candidate since (first introducer)",
	"Cùng công tác với người vào Đảng từ ngày (người giới thiệu thứ hai)":  "Worked with the candidate since (second introducer)",
	"Nghị quyết giới thiệu của Đoàn (đoàn viên)":                           "Youth Union resolution introducing the candidate (Union members)",
	"Ngày kết luận thẩm tra":                                  "Date of the background check conclusion",
	"Kết luận thẩm tra lý lịch":                               "Background check conclusion",
	"Ngày chi bộ họp xét":                                     "Date of the cell's vote",
	"Số phiếu tán thành":                                      "Votes in favour",
	"Tổng số đảng viên chính thức (ủy viên)":                  "Official members (committee members) in total",
	"Văn bản đồng ý của ban thường vụ tỉnh ủy (trên 60 tuổi)": "Written consent of the provincial standing committee (over 60)",
	"Văn bản cho phép về trình độ học vấn":                    "Document allowing an education exception",
	"Ngày quyết định kết nạp":                                 "Date of the admission decision",
	"Cấp ủy quyết định":                                       "Deciding committee",
	"Đã gia hạn thời hạn xét kết nạp":                         "The deadline was extended",

	// Steps.
	"Xác định quần chúng ưu tú":                     "Candidate identified",
	"Học lớp bồi dưỡng nhận thức về Đảng":           "Awareness class about the Party",
	"Công nhận cảm tình Đảng":                       "Recognized as a Party sympathizer",
	"Đơn xin vào Đảng, lý lịch và người giới thiệu": "Application, personal history and introducers",
	"Thẩm tra lý lịch":                              "Background check",
	"Nghị quyết chi bộ đề nghị kết nạp":             "Cell resolution proposing admission",
	"Nghị quyết của đảng ủy cơ sở":                  "Basic committee resolution",
	"Quyết định kết nạp":                            "Admission decision",
}

func init() {
	for vi, en := range candidateEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
