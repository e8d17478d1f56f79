package tochuc

// Columns of the machine CSV formats, with the Vietnamese headings the XLSX files and error
// messages use. Import accepts either form.
var columnLabels = map[string]string{
	"id":                         "Mã đảng viên",
	"full_name":                  "Họ và tên",
	"surname":                    "Họ",
	"middle_name":                "Tên đệm",
	"given_name":                 "Tên",
	"birth_name":                 "Họ tên khai sinh",
	"aliases":                    "Bí danh",
	"sex":                        "Giới tính",
	"birth_date":                 "Ngày sinh",
	"birth_place":                "Nơi sinh",
	"home_town":                  "Quê quán",
	"residence":                  "Nơi cư trú",
	"ethnicity":                  "Dân tộc",
	"religion":                   "Tôn giáo",
	"education":                  "Giáo dục phổ thông",
	"professional_qualification": "Chuyên môn nghiệp vụ",
	"political_theory":           "Lý luận chính trị",
	"academic_title":             "Học hàm",
	"occupation":                 "Nghề nghiệp",
	"cccd":                       "Số CCCD",
	"citizen_id":                 "Số CCCD",
	"card_number":                "Số thẻ đảng viên",
	"history_number":             "Số lý lịch",
	"org_code":                   "Mã tổ chức đảng",
	"org_name":                   "Tổ chức đảng",
	"status":                     "Trạng thái",
	"status_date":                "Ngày của trạng thái",
	"admission_date":             "Ngày vào Đảng",
	"ceremony_date":              "Ngày lễ kết nạp",
	"official_date":              "Ngày chính thức",
	"exit_date":                  "Ngày ra khỏi Đảng",
	"code":                       "Mã tổ chức",
	"name":                       "Tên tổ chức",
	"kind":                       "Loại tổ chức",
	"setting":                    "Loại hình",
	"parent_code":                "Mã tổ chức cấp trên",
	"admin_unit_code":            "Mã đơn vị hành chính",
	"attrs":                      "Thuộc tính",
	"valid_from":                 "Hiệu lực từ",
	"valid_to":                   "Hiệu lực đến",
	"document":                   "Văn bản quyết định",
	"members":                    "Số đảng viên",
	"old_code":                   "Mã cũ",
	"new_code":                   "Mã mới",
	"new_name":                   "Tên mới",
	"new_kind":                   "Loại tổ chức mới",
	"new_setting":                "Loại hình mới",
	"new_parent_code":            "Mã cấp trên mới",
	"new_admin_unit_code":        "Mã đơn vị hành chính mới",
	"new_attrs":                  "Thuộc tính mới",
	"child_code":                 "Mã tổ chức trực thuộc",
	"member_id":                  "Mã đảng viên",
	"effective_date":             "Ngày hiệu lực",
}

// ColumnLabel returns the Vietnamese heading of a machine column name.
func ColumnLabel(col string) string {
	if l, ok := columnLabels[col]; ok {
		return l
	}
	return col
}

// ColumnLabels returns the Vietnamese headings of columns, in order.
func ColumnLabels(cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = ColumnLabel(c)
	}
	return out
}

// Label is the Vietnamese heading of the column the error is in.
func (e RowError) Label() string { return ColumnLabel(e.Column) }
