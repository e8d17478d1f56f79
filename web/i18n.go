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

// lang picks the language of a request: the account's choice, else a lang cookie set from the
// login page, else the browser's first preference when it is English, else Vietnamese.
func lang(r *http.Request) string {
	if wh := whoFrom(r.Context()); wh != nil && wh.User.Locale != "" {
		return wh.User.Locale
	}
	if c, err := r.Cookie("lang"); err == nil && (c.Value == "en" || c.Value == "vi") {
		return c.Value
	}
	if strings.HasPrefix(r.Header.Get("Accept-Language"), "en") {
		return "en"
	}
	return "vi"
}
