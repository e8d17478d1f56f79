package web

// English for the statistical form and submission round pages.
var statformsEnglish = map[string]string{
	"Ô của biểu số":             "Cell of form",
	"Dòng":                      "Row",
	"cột":                       "column",
	"số liệu tính đến ngày":     "figures as of",
	"Giá trị của ô":             "Value of the cell",
	"tổng các số liệu dưới đây": "the sum of the figures below",
	"Dấu":                       "Sign",
	"Số liệu":                   "Figure",
	"Điều kiện":                 "Conditions",
	"Giá trị":                   "Value",
	"Hằng số":                   "Constant",
	"Về biểu":                   "Back to the form",
	"Biểu số":                   "Form no.",
	"Biểu":                      "Form",
	"Biểu thống kê":             "Statistical form",
	"Mã tổ chức":                "Organization code",
	"Ngày lập biểu":             "Date of the form",
	"Số liệu tính đến ngày":     "Figures as of",
	"phát sinh trong kỳ từ":     "changes over the period from",
	"Căn cứ":                    "Basis",
	"Bố cục biểu này chưa được đối chiếu với mẫu chính thức; kiểm tra trước khi gửi.": "This layout has not been checked against the official form; check it before sending.",
	"Tải về XLSX":                     "Download XLSX",
	"Đợt báo cáo của tổ chức này":     "This organization's submission round",
	"Kết quả kiểm tra":                "Validation",
	"Biểu đúng mọi quy tắc kiểm tra.": "The form passes every validation rule.",
	"TT":                        "No.",
	"Lỗi":                       "Error",
	"Cảnh báo":                  "Warning",
	"Đợt báo cáo biểu thống kê": "Statistical form submission round",
	"Hạn nộp":                   "Deadline",
	"đã duyệt":                  "approved",
	"Đơn vị":                    "Unit",
	"Trạng thái":                "Status",
	"Người nộp":                 "Submitted by",
	"Ghi chú":                   "Note",
	"Thao tác":                  "Actions",
	"Nộp biểu":                  "Submit",
	"Duyệt":                     "Approve",
	"Lý do trả lại":             "Reason for returning",
	"Trả lại":                   "Return",
	"Chưa có đợt báo cáo biểu":  "No submission round yet for form",
	"ngày":                      "as of",
	"của tổ chức":               "of organization",
	"Mở đợt báo cáo":            "Open the round",
	"Đã lưu.":                   "Saved.",
	"Nháp":                      "Draft",
	"Đã nộp":                    "Submitted",
	"Đã duyệt":                  "Approved",
	"Bị trả lại":                "Returned",
	"Chưa nộp":                  "Not submitted",
	"Trong đó":                  "Of which",
	"Tổng số":                   "Total",
	"Nữ":                        "Women",
	"Dân tộc thiểu số":          "Ethnic minorities",
	"Dự bị":                     "Probationary",
}

func init() {
	for vi, en := range statformsEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
