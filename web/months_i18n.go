package web

// English for the monthly record of meetings and dues.
var monthsEnglish = map[string]string{
	"Sổ sinh hoạt và đảng phí": "Meetings and dues record",
	"Tháng":                    "Month",
	"Đánh dấu đảng viên vắng sinh hoạt chi bộ hoặc chưa đóng đảng phí trong tháng; có lý do chính đáng thì đánh dấu thêm ô cuối. Ba tháng trong một năm không có lý do là căn cứ xóa tên.": "Mark the members who missed the cell meeting or did not pay their dues this month; tick the last box when there was a good reason. Three such months in a year without a good reason are a ground for removal from the list.",
	"Vắng sinh hoạt":      "Missed the meeting",
	"Chưa đóng đảng phí":  "Dues unpaid",
	"Có lý do chính đáng": "Good reason",
	"Ghi chú":             "Note",
	"Chỉ tiêu, nhiệm vụ":  "Targets and tasks",
	"Lưu sổ tháng":        "Save the month",
	"Không có đảng viên sinh hoạt trực tiếp tại tổ chức này.": "No member is placed directly in this organization.",
}

func init() {
	for vi, en := range monthsEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
