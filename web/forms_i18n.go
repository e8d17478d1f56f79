package web

// English for the printable forms on the member record.
var formsEnglish = map[string]string{
	"In mẫu": "Print forms",
	"Quyết định kết nạp đảng viên (9-KNĐ)":                       "Admission decision (form 9-KNĐ)",
	"Quyết định công nhận đảng viên chính thức":                  "Decision recognising an official member",
	"Giấy giới thiệu sinh hoạt đảng":                             "Party transfer slip",
	"Mỗi lần in được ghi vào nhật ký kiểm toán.":                 "Every print is recorded in the audit trail.",
	"Định dạng tệp: chọn pdf hoặc docx.":                         "File format: choose pdf or docx.",
	"không có mẫu này":                                           "no such form",
	"đảng viên chưa có quyết định kết nạp trong hồ sơ":           "the record holds no admission decision for this member",
	"đảng viên chưa được công nhận chính thức trong hồ sơ":       "the record holds no recognition as an official member",
	"không tìm thấy lần chuyển sinh hoạt đảng của đảng viên này": "no transfer of this member was found",
}

func init() {
	for vi, en := range formsEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
