package web

// English for the member list filter, the export links and the member record. Kept in its own
// map and merged at start (entries already in the catalog win), so that parallel additions to
// the catalog cannot collide.
var memberEnglish = map[string]string{
	"Lọc danh sách":      "Filter the list",
	"Tất cả":             "All",
	"Trạng thái":         "Status",
	"Giới tính":          "Sex",
	"Độ tuổi":            "Age",
	"Dân tộc":            "Ethnic group",
	"Tôn giáo":           "Religion",
	"Giáo dục phổ thông": "General education",
	"Lý luận chính trị":  "Political theory",
	"Học hàm":            "Academic title",
	"Năm vào Đảng từ":    "Admitted from (year)",
	"đến":                "to",
	"Đang lọc":           "Filtered by",
	"Xuất Excel":         "Export to Excel",
	"Xuất CSV":           "Export to CSV",
	"Tệp xuất gồm đúng các đảng viên của danh sách đã lọc; việc xuất được ghi vào nhật ký kiểm toán.": "The file holds exactly the members of the filtered list; the export is recorded in the audit trail.",
	"Sửa sơ yếu lý lịch":   "Edit personal details",
	"Các phần của hồ sơ":   "Parts of the record",
	"Sơ yếu lý lịch":       "Personal details",
	"Lịch sử":              "History",
	"Gia đình":             "Family",
	"Đào tạo, bồi dưỡng":   "Training",
	"Khen thưởng, kỷ luật": "Rewards and discipline",
	"Trường hạn chế":       "Restricted fields",
	"Họ":                   "Surname",
	"Tên đệm":              "Middle name",
	"Tên":                  "Given name",
	"Họ tên khai sinh":     "Name at birth",
	"Bí danh":              "Aliases",
	"Ngày sinh":            "Date of birth",
	"Nơi sinh":             "Place of birth",
	"Quê quán":             "Home town",
	"Nơi cư trú":           "Residence",
	"Chuyên môn nghiệp vụ": "Professional qualification",
	"Nghề nghiệp":          "Occupation",
	"Số CCCD":              "Citizen ID number",
	"Số thẻ đảng viên":     "Party card number",
	"Số lý lịch":           "Record number",
	"Trở lại hồ sơ":        "Back to the record",
	"Tải lại bản mới":      "Load the current version",
	"chưa ghi":             "not recorded",
	"Lưu":                  "Save",
	"Hủy":                  "Cancel",
}

func init() {
	for vi, en := range memberEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
