package web

// englishAdmin holds the English of the user administration and audit pages. It is merged into
// the english catalog at start rather than written into i18n.go's map literal, so that a label
// another page also adds cannot become a duplicate key that breaks the build; the catalog's own
// entry wins.
var englishAdmin = map[string]string{
	"Quản trị tài khoản":           "User administration",
	"Tạo tài khoản mới":            "New account",
	"Tạo tài khoản":                "Create account",
	"Tài khoản":                    "Account",
	"Họ và tên":                    "Full name",
	"Vai trò":                      "Roles",
	"Trạng thái":                   "State",
	"Đăng nhập lần cuối":           "Last login",
	"Tạo lúc":                      "Created",
	"Chưa có tài khoản nào.":       "No accounts yet.",
	"Chưa có vai trò nào.":         "No roles yet.",
	"đang bật":                     "on",
	"chưa bật":                     "off",
	"đã khóa":                      "disabled",
	"đang dùng":                    "active",
	"được xem trường hạn chế":      "may read restricted fields",
	"được xem":                     "may read",
	"Tại tổ chức đảng (mã)":        "At party organization (code)",
	"Tổ chức đảng":                 "Party organization",
	"Trường hạn chế":               "Restricted fields",
	"Được xem trường hạn chế":      "May read restricted fields",
	"Ngôn ngữ":                     "Language",
	"Mật khẩu ban đầu":             "Initial password",
	"Khóa tài khoản":               "Disable account",
	"Mở khóa tài khoản":            "Enable account",
	"Kết thúc mọi phiên đăng nhập": "End all sessions",
	"Giao vai trò":                 "Grant role",
	"Thu hồi":                      "Revoke",
	"Phiên đăng nhập đang mở":      "Open sessions",
	"Bắt đầu":                      "Started",
	"Hoạt động lần cuối":           "Last active",
	"Địa chỉ":                      "Address",
	"Trình duyệt":                  "Browser",
	"Hai bước":                     "Two-step",
	"có":                           "yes",
	"không":                        "no",
	"Không có phiên nào.":          "No sessions.",
	"Nhật ký của tài khoản":        "Account's audit trail",
	"Hành động":                    "Action",
	"Người thực hiện":              "Actor",
	"Đối tượng":                    "Object",
	"Từ ngày":                      "From",
	"Đến ngày":                     "To",
	"Lọc":                          "Filter",
	"Thời điểm":                    "Time",
	"Đơn vị":                       "Organization",
	"Kết quả":                      "Outcome",
	"Thay đổi":                     "Changes",
	"thành công":                   "done",
	"bị từ chối":                   "denied",
	"Không có mục nào.":            "No entries.",
	"Các mục cũ hơn":               "Older entries",
	"Kiểm tra":                     "Verify",
	"Nhật ký toàn vẹn":             "The audit trail is intact",
	"Nhật ký KHÔNG toàn vẹn":       "The audit trail is NOT intact",
	"mục":                          "entries",
	"mục trước đó kiểm tra tốt, đến":                                    "earlier entries verified, up to",
	"Kiểm tra tính toàn vẹn của nhật ký":                                "Verify the audit trail",
	"Mật khẩu ban đầu (chỉ hiện một lần, hãy trao tận tay người dùng):": "Initial password (shown once; hand it to the user in person):",
	"Được xem trường hạn chế (chỉ quản trị và cán bộ ban tổ chức)":      "May read restricted fields (administrators and organization-board staff only)",
	"Đầu chuỗi (hãy ghi lại ngoài máy chủ để lần sau đối chiếu):":       "Chain head (write it down off the server to compare next time):",
	"Đầu chuỗi đã ghi lại lần trước (không bắt buộc)":                   "Chain head written down last time (optional)",
}

func init() {
	for vi, en := range englishAdmin {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
