package web

import (
	"tochuc"
)

// English for the transfer, exit and return pages; merged at start (entries already in the
// catalog win), like memberEnglish.
var transferEnglish = map[string]string{
	"Chuyển sinh hoạt":          "Transfer",
	"Xóa tên":                   "Remove from the rolls",
	"Xin ra khỏi Đảng":          "Withdraw from the Party",
	"Khai trừ":                  "Expel",
	"Từ trần":                   "Death",
	"Miễn sinh hoạt":            "Exemption",
	"Trở lại sinh hoạt":         "Return from exemption",
	"Kết nạp lại":               "Re-admit",
	"Phục hồi đảng tịch":        "Restore membership",
	"Trở lại hồ sơ":             "Back to the record",
	"Tuổi đảng":                 "Party age",
	"năm":                       "years",
	"tháng":                     "months",
	"Biến động đảng viên":       "Membership changes",
	"Loại":                      "Kind",
	"Chính thức":                "Official",
	"Tạm thời":                  "Temporary",
	"Phạm vi":                   "Scope",
	"Trong nước":                "Domestic",
	"Ra nước ngoài":             "Abroad",
	"Từ nước ngoài về":          "Returning from abroad",
	"Mã tổ chức nơi chuyển đến": "Code of the destination organization",
	"Nơi đến ngoài hệ thống (khi ra nước ngoài)":               "Destination outside the register (abroad)",
	"Lý do chuyển tạm thời":                                    "Reason for a temporary transfer",
	"Thay đổi nơi cư trú, nơi làm việc":                        "Change of residence or workplace",
	"Đi học tập trung":                                         "Full-time study",
	"Thời gian tạm thời (tháng)":                               "Temporary period (months)",
	"Số giấy giới thiệu (Số GTSHĐ)":                            "Transfer slip number",
	"Đã đóng đảng phí đến hết tháng (yyyy-mm)":                 "Dues paid up to month (yyyy-mm)",
	"Căn cứ xóa tên":                                           "Ground for removal",
	"Số tháng trong năm bỏ sinh hoạt hoặc không đóng đảng phí": "Months this year without meetings or dues",
	"Đảng viên có vi phạm chưa được xử lý kỷ luật":             "The member has a violation not yet disciplined",
	"Vì hoàn cảnh gia đình đặc biệt khó khăn":                  "For special family hardship",
	"Lý do (khi không được kết nạp lại)":                       "Reason (when it bars re-admission)",
	"Khác": "Other",
	"Gây mất đoàn kết nội bộ nghiêm trọng":                        "Caused serious internal disunity",
	"Bị kết án về tội tham nhũng":                                 "Convicted of corruption",
	"Bị kết án về tội nghiêm trọng trở lên":                       "Convicted of a serious crime or worse",
	"Quá tuổi lao động":                                           "Past working age",
	"Số tháng điều trị bệnh":                                      "Months of medical treatment",
	"Đảng viên tự nguyện xin miễn":                                "The member asks for it voluntarily",
	"Mã tổ chức đảng nơi sinh hoạt":                               "Code of the party organization",
	"Văn bản đồng ý của ban thường vụ tỉnh ủy":                    "Written consent of the provincial standing committee",
	"Ngày được xóa án tích (nếu có)":                              "Date a conviction was expunged (if any)",
	"Đã xin ra khỏi Đảng vì hoàn cảnh gia đình đặc biệt khó khăn": "Withdrew for special family hardship",
	"Ngày":                   "Date",
	"Số, ký hiệu văn bản":    "Document number and symbol",
	"Ngày văn bản":           "Document date",
	"Người ký":               "Signed by",
	"Ghi chú":                "Note",
	"Hủy":                    "Cancel",
	"Giấy giới thiệu đã cấp": "Transfer slips issued",
	"Ngày giới thiệu":        "Slip date",
	"Nơi chuyển đi":          "From",
	"Nơi chuyển đến":         "To",
	"Trạng thái":             "Status",
	"Chuyển sinh hoạt đảng":  "Transfers of party activity",
	"Đảng viên đang chuyển sinh hoạt": "Members in transit",
	"Chuyển đến":                      "Incoming",
	"Chuyển đi":                       "Outgoing",
	"Sinh hoạt tạm thời":              "Temporary members",
	"Đảng viên sinh hoạt tạm thời không tính vào đảng số của nơi đến.": "Temporary members are not counted in the host's total.",
	"Họ và tên":                "Full name",
	"Nơi sinh hoạt chính thức": "Home organization",
	"Nơi sinh hoạt tạm thời":   "Host organization",
	"Đến ngày":                 "Until",
	"Không có.":                "None.",
	"Thao tác":                 "Actions",
	"Ngày tiếp nhận":           "Date received",
	"Tiếp nhận":                "Receive",
	"Hủy giấy giới thiệu":      "Cancel the slip",
	"Xuất CSV":                 "Export to CSV",
	"đảng viên chưa được nơi đến tiếp nhận, không tính vào đảng số của bên nào": "members not yet received at the destination, counted in neither side's total",
	"quá hạn xuất trình giấy giới thiệu":                                        "overdue presenting the slip",
	"Số ngày":        "Days",
	"Hạn xuất trình": "Deadline to present",
	"đã quá hạn":     "overdue",
	"Căn cứ":         "Basis",
	"Đã tiếp nhận sinh hoạt đảng.":        "Transfer received.",
	"Đã hủy giấy giới thiệu.":             "Transfer slip cancelled.",
	"Đã chuyển đi, chưa tiếp nhận":        "Issued, not yet received",
	"Đã tiếp nhận":                        "Received",
	"Đã hủy":                              "Cancelled",
	"Giới thiệu chuyển sinh hoạt đảng đi": "Transfer slip issued",
	"Tiếp nhận sinh hoạt đảng":            "Transfer received",
	"Đang chuyển sinh hoạt":               "Transfer in progress",
	"Bỏ sinh hoạt đảng hoặc không đóng đảng phí 3 tháng trong năm không có lý do chính đáng": "Missed meetings or dues 3 months in a year without good reason",
	"Tự ý trả thẻ đảng viên hoặc tự hủy thẻ đảng viên":                                       "Handed back or destroyed the party card",
	"Giảm sút ý chí phấn đấu, được giáo dục 12 tháng nhưng không tiến bộ":                    "Lost commitment; no progress after 12 months of education",
	"Hai năm liền vi phạm tư cách đảng viên":                                                 "Violated member standards two years in a row",
	"Không bảo đảm tiêu chuẩn chính trị":                                                     "Does not meet the political standards",
}

var transferStatusLabels = map[string]string{
	tochuc.TransferIssued: "Đã chuyển đi, chưa tiếp nhận", tochuc.TransferReceived: "Đã tiếp nhận", tochuc.TransferCancelled: "Đã hủy",
}

var transferKindLabels = map[string]string{tochuc.TransferOfficial: "Chính thức", tochuc.TransferTemporary: "Tạm thời"}

func init() {
	eventLabels[tochuc.EventTransferOut] = "Giới thiệu chuyển sinh hoạt đảng đi"
	eventLabels[tochuc.EventTransferIn] = "Tiếp nhận sinh hoạt đảng"
	for vi, en := range transferEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
		if _, ok := labelEnglish[vi]; !ok {
			labelEnglish[vi] = en
		}
	}
	funcs["transferStatus"] = func(s string) string { return transferStatusLabels[s] }
	funcs["transferKind"] = func(s string) string { return transferKindLabels[s] }
	funcs["lifeActions"] = func() any { return lifeActions }
	// partyAge is [years, months] of party age on d, nil before admission.
	funcs["partyAge"] = func(events []tochuc.MemberEvent, d tochuc.Date) []int {
		n, ok := tochuc.PartyAge(events, d)
		if !ok {
			return nil
		}
		return []int{n / 12, n % 12}
	}
	funcs["transferTable"] = func(rows []tochuc.Transfer, lang, csrf, side string, can bool, today tochuc.Date, org string) map[string]any {
		return map[string]any{"Rows": rows, "Lang": lang, "CSRF": csrf, "Side": side, "Can": can, "Today": today, "Org": org}
	}
}
