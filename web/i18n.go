package web

import (
	"net/http"
	"strings"
)

// Vietnamese is the language of the pages; English is the second locale. Templates write the
// Vietnamese text and wrap it: {{t $.Lang "Cây tổ chức"}}. A text missing from the catalog shows
// in Vietnamese, never blank, and a test lists the missing ones.
var english = map[string]string{
	"Cây tổ chức":       "Organization tree",
	"Tìm đảng viên":     "Find members",
	"Tổng quan":         "Overview",
	"Tài khoản của tôi": "My account",
	"Đăng nhập":         "Log in",
	"Đăng xuất":         "Log out",
	"Tên đăng nhập":     "Username",
	"Mật khẩu":          "Password",
	"Xem tại ngày":      "View as of",
	"Xem":               "View",
	"Quản trị":          "Administration",
	"Nhật ký kiểm toán": "Audit trail",
	"Xác thực hai bước": "Two-step verification",
	"Xác nhận":          "Confirm",
	"Công tác tổ chức xây dựng Đảng":                             "Party organization work",
	"Dữ liệu đảng viên là thông tin mật; chỉ dùng cho công tác.": "Member data is confidential; for official use only.",
	"Tình trạng": "Status",
	// Dashboard, org tree and org search.
	"Tìm tổ chức theo tên hoặc mã": "Find an organization by name or code",
	"Tìm tổ chức đảng":             "Find party organizations",
	"Danh sách đảng viên":          "Member list",
	"Số liệu tính lúc":             "Figures computed at",
	"đang cập nhật sau thay đổi mới nhất, tải lại trang sau ít giây": "being updated after the latest change; reload in a few seconds",
	"Số liệu tại ngày":                             "Figures as of",
	"biến động tính từ 01/01 đến ngày xem":         "changes counted from 1 January to the date viewed",
	"kết nạp năm":                                  "admitted in",
	"việc cần làm":                                 "items due",
	"Việc cần làm: công nhận đảng viên chính thức": "Items due: recognition as full members",
	"đảng viên dự bị hết 12 tháng dự bị trong 30 ngày tới hoặc đã hết mà chưa được công nhận chính thức.": "probationary members whose 12-month probation ends within 30 days or has ended without recognition.",
	"Bắt đầu dự bị":             "Probation from",
	"Hết dự bị":                 "Probation ends",
	"đã quá hạn":                "overdue",
	"Chỉ hiện":                  "Showing only the first",
	"người đầu tiên.":           "people.",
	"Số liệu của biểu đồ":       "Data of the chart",
	"Nhóm":                      "Group",
	"Tỷ lệ":                     "Share",
	"Số lượt":                   "Events",
	"Đảng viên theo trạng thái": "Members by status",
	"Đảng viên theo độ tuổi":    "Members by age",
	"Nữ và dân tộc thiểu số":    "Women and ethnic minorities",
	"Dưới 30 tuổi":              "Under 30",
	"Từ 30 đến 40 tuổi":         "30 to 40",
	"Từ 41 đến 50 tuổi":         "41 to 50",
	"Từ 51 đến 60 tuổi":         "51 to 60",
	"Trên 60 tuổi":              "Over 60",
	"Chưa rõ năm sinh":          "Birth year unknown",
	"Nam và chưa rõ":            "Men and unknown",
	"Dân tộc Kinh và chưa rõ":   "Kinh and unknown",
	"Công nhận chính thức":      "Recognized as full members",
	"Ra khỏi Đảng":              "Left the Party",
	"Tài khoản của bạn không được phân quyền xem số liệu của tổ chức đảng nào.": "Your account may not view the figures of any party organization.",
	"Xem hồ sơ đảng viên của tôi":         "View my member record",
	"tổ chức khớp với":                    "organizations match",
	"chỉ hiện":                            "showing only the first",
	"kết quả đầu; hãy gõ thêm để thu hẹp": "results; type more to narrow",
	"Gõ tên tổ chức có dấu hoặc không dấu (“ma le” tìm thấy “Ma Lé”), hoặc phần đầu của mã.": "Type an organization name with or without diacritics (“ma le” finds “Ma Lé”), or the start of its code.",
	"Tên tổ chức":                      "Organization name",
	"Tài liệu mật — in từ tochuc ngày": "Confidential document — printed from tochuc on",
	"số liệu tại ngày":                 "figures as of",
}

// translate returns the text in the page's language.
func translate(lang, vi string) string {
	if lang == "en" {
		if en, ok := english[vi]; ok {
			return en
		}
	}
	return vi
}

// lang picks the language of a request: the lang cookie set by the language switch in the
// footer, else the account's choice, else the browser's first preference when it is English,
// else Vietnamese.
func lang(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && (c.Value == "en" || c.Value == "vi") {
		return c.Value
	}
	if wh := whoFrom(r.Context()); wh != nil && (wh.User.Locale == "en" || wh.User.Locale == "vi") {
		return wh.User.Locale
	}
	if strings.HasPrefix(r.Header.Get("Accept-Language"), "en") {
		return "en"
	}
	return "vi"
}
