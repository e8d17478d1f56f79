package web

// English for the worklist.
var worklistEnglish = map[string]string{
	"Việc cần làm":         "Work to do",
	"Nhìn trước (ngày)":    "Look ahead (days)",
	"Tổ chức":              "Organization",
	"Hạn":                  "Due",
	"Tình trạng":           "State",
	"quá hạn":              "overdue",
	"Không có việc nào.":   "Nothing to do.",
	"Xem mọi việc cần làm": "See all work to do",
	"Đảng viên dự bị đến hạn, quá hạn xét chuyển chính thức":   "Probations ending, reviews and decisions due or overdue",
	"Hồ sơ kết nạp quá hạn":                                    "Admission steps overdue",
	"Giấy chứng nhận bồi dưỡng nhận thức về Đảng sắp hết hạn":  "Awareness-class certificates expiring",
	"Chuyển sinh hoạt chưa được tiếp nhận":                     "Transfers not yet received",
	"Ba tháng trong năm bỏ sinh hoạt hoặc không đóng đảng phí": "Three months in a year of missed meetings or unpaid dues",
	"Thẻ đảng viên đến hạn kiểm tra":                           "Party cards due for their check",
	"sắp hết dự bị":                                            "probation ending",
	"chi bộ cần xét":                                           "cell review due",
	"quá hạn chi bộ xét":                                       "cell review overdue",
	"cấp ủy cần quyết định":                                    "committee decision due",
	"quá hạn quyết định":                                       "decision overdue",
	"chuyển cấp trên":                                          "escalated",
}

func init() {
	for vi, en := range worklistEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
	funcs["worklink"] = workLink
	funcs["workstate"] = func(state string) string { return workStateLabels[state] }
}
