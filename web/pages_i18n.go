package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"tochuc"
	"tochuc/codes"
)

// The second locale of the pages: the English of the login, account, org, search and member
// pages, the English of the code-list labels the pages show, and the language switch.

// pagesEnglish is merged into the english catalog at start; entries already there win, so a
// label another file also adds is never a duplicate key.
var pagesEnglish = map[string]string{
	// Layout.
	"Tổ chức xây dựng Đảng": "Party organization work",
	"Đang xem dữ liệu ngày": "Viewing data as of",
	// Login, second factor, errors.
	"Quên mật khẩu: liên hệ quản trị viên của đơn vị. Sau 5 lần nhập sai, tài khoản tạm khóa ít phút.": "Forgot your password? Contact your unit's administrator. After 5 failed attempts the account is locked for a few minutes.",
	"Mã 6 số trên ứng dụng xác thực": "6-digit code from your authenticator app",
	"Hủy và đăng xuất":               "Cancel and log out",
	"Lỗi":                            "Error",
	"Về cây tổ chức":                 "Back to the organization tree",
	"Bật xác thực hai bước":          "Turn on two-step verification",
	"Vai trò của tài khoản này (xuất dữ liệu, xem trường hạn chế hoặc quản trị) bắt buộc xác thực hai bước. Hãy bật trước khi làm việc.": "The roles of this account (exporting data, reading restricted fields or administration) require two-step verification. Turn it on before you start work.",
	"Mở ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, FreeOTP…) trên điện thoại.":                                    "Open an authenticator app (Google Authenticator, Microsoft Authenticator, FreeOTP…) on your phone.",
	"Quét mã QR dưới đây, hoặc nhập khóa bí mật bằng tay.":                                                                               "Scan the QR code below, or type the secret key by hand.",
	"Nhập mã 6 số ứng dụng hiện ra.": "Enter the 6-digit code the app shows.",
	"Mã QR của khóa xác thực":        "QR code of the authentication key",
	"Khóa bí mật":                    "Secret key",
	"Mã 6 số":                        "6-digit code",
	// My account.
	"chưa có":           "none",
	"bật ngay":          "turn it on now",
	"Đổi mật khẩu":      "Change password",
	"Mật khẩu hiện tại": "Current password",
	"Mật khẩu mới (ít nhất 15 ký tự, hoặc 8 khi đã bật xác thực hai bước; nên dùng một câu dễ nhớ)": "New password (at least 15 characters, or 8 once two-step verification is on; a sentence you remember works well)",
	"Đăng xuất mọi phiên khác":                "Log out all other sessions",
	"Đã đổi mật khẩu.":                        "Password changed.",
	"Mã truy cập API":                         "API access tokens",
	"Mã mới (chỉ hiện một lần, hãy lưu lại):": "New token (shown only once; save it now):",
	"Tên mã":          "Token name",
	"Dùng lần cuối":   "Last used",
	"Chưa có mã nào.": "No tokens yet.",
	"Tên mã mới":      "New token name",
	"Tạo mã":          "Create token",
	// User administration notices and hints.
	"Đã tạo tài khoản.":     "Account created.",
	"Đã giao vai trò.":      "Role granted.",
	"Đã thu hồi vai trò.":   "Role revoked.",
	"Đã mở khóa tài khoản.": "Account enabled.",
	"Đã khóa tài khoản; mọi phiên đăng nhập của tài khoản đã kết thúc.":       "Account disabled; all its sessions have ended.",
	"Đã kết thúc mọi phiên đăng nhập của tài khoản.":                          "All sessions of the account have ended.",
	"(3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang)": "(3–64 characters: lower-case letters without diacritics, digits, dots, underscores, hyphens)",
	"(ít nhất 15 ký tự; để trống để hệ thống tạo mật khẩu ngẫu nhiên)":        "(at least 15 characters; leave empty for a random password)",
	// Search and org pages.
	"Họ tên, số CCCD hoặc số thẻ đảng viên": "Full name, citizen ID or party card number",
	"ví dụ": "e.g.",
	"Gõ họ tên có dấu hoặc không dấu (“duc” tìm thấy “Đức”), hoặc số CCCD, số thẻ đảng viên.": "Type a full name with or without diacritics (“duc” finds “Đức”), or a citizen ID or party card number.",
	"Đơn vị hành chính":  "Administrative unit",
	"Thuộc tính":         "Attributes",
	"Xã biên giới":       "Border commune",
	"Hiệu lực":           "In force",
	"từ":                 "from",
	"Tổ chức trực thuộc": "Subordinate organizations",
	"Tìm trong tổ chức":  "Search this organization",
	"Họ tên (gõ không dấu được), số CCCD, số thẻ": "Full name (diacritics optional), citizen ID, card number",
	"Chỉ đảng viên sinh hoạt trực tiếp":           "Only members attached directly",
	"Lịch sử tổ chức":                             "Organization history",
	"Ngày":                                        "Date",
	"Nội dung":                                    "Details",
	"Văn bản":                                     "Document",
	// Member list and filter.
	"Hơn": "More than",
	"kết quả — hãy gõ thêm để thu hẹp": "results — type more to narrow",
	"trang":                   "page",
	"Ngày vào Đảng":           "Admitted",
	"Không có đảng viên nào.": "No members.",
	"Phân trang":              "Pages",
	"Trang trước":             "Previous page",
	"Trang sau":               "Next page",
	"Dưới 30":                 "Under 30",
	"Từ 30 đến 40":            "30 to 40",
	"Từ 41 đến 50":            "41 to 50",
	"Từ 51 đến 60":            "51 to 60",
	"Trên 60":                 "Over 60",
	// Member record.
	"Ảnh đảng viên":              "Photo of member",
	"Chưa là đảng viên":          "Not a member",
	"vào ngày":                   "as of",
	"Đã lưu thay đổi.":           "Changes saved.",
	"Mã đảng viên":               "Member ID",
	"Ngày lễ kết nạp":            "Admission ceremony",
	"Ngày chính thức":            "Full membership",
	"Quá trình sinh hoạt đảng":   "Party membership history",
	"Chưa có sự kiện.":           "No events yet.",
	"Lịch sử thay đổi hồ sơ":     "Changes to the record",
	"không rõ người sửa":         "editor unknown",
	"Lý do":                      "Reason",
	"Trường":                     "Field",
	"Giá trị cũ":                 "Old value",
	"Giá trị mới":                "New value",
	"(trống)":                    "(empty)",
	"Tạo hồ sơ":                  "Record created",
	"Sửa hồ sơ":                  "Record edited",
	"Ghi sự kiện sinh hoạt đảng": "Membership event recorded",
	"Thay ảnh":                   "Photo replaced",
	"Chưa có thay đổi nào được ghi nhận cho hồ sơ này.": "No changes have been recorded for this record.",
	"Quan hệ gia đình": "Family relations",
	"Chưa có dữ liệu.": "No data yet.",
	"Phần quan hệ gia đình (cha, mẹ, vợ hoặc chồng, con) sẽ có trong một phiên bản sau của phần mềm.":                                                                           "Family relations (parents, spouse, children) will come in a later version of the software.",
	"Phần quá trình đào tạo, bồi dưỡng sẽ có trong một phiên bản sau của phần mềm. Trình độ giáo dục phổ thông, chuyên môn và lý luận chính trị hiện ghi ở thẻ Sơ yếu lý lịch.": "Training history will come in a later version of the software. General education, professional qualification and political theory are on the Personal details tab.",
	"Khen thưởng": "Rewards",
	"Phần khen thưởng sẽ có trong một phiên bản sau của phần mềm.": "Rewards will come in a later version of the software.",
	"Kỷ luật": "Discipline",
	"Kỷ luật là trường hạn chế: xem ở thẻ":                                     "Discipline is a restricted field: see the tab",
	"với lý do được ghi vào nhật ký kiểm toán.":                                "stating a reason, which is recorded in the audit trail.",
	"Thông tin kỷ luật chỉ dành cho người được phân quyền xem trường hạn chế.": "Discipline is shown only to those allowed to read restricted fields.",
	"Bảo vệ chính trị nội bộ, kỷ luật, đánh giá: mỗi lần xem hoặc sửa đều phải nêu lý do và được ghi vào nhật ký kiểm toán (không ghi nội dung).": "Internal political security, discipline, evaluation: every reading or change needs a reason and is recorded in the audit trail (without the content).",
	"Bảo vệ chính trị nội bộ":               "Internal political security",
	"Đánh giá, xếp loại":                    "Evaluation and rating",
	"Sửa trường hạn chế":                    "Edit restricted fields",
	"Lý do sửa (ghi vào nhật ký kiểm toán)": "Reason for the change (recorded in the audit trail)",
	"Lưu trường hạn chế":                    "Save restricted fields",
	"Lý do xem":                             "Reason for reading",
	"Ví dụ: thẩm tra lý lịch để xét kết nạp (ít nhất 5 ký tự).": "For example: background check before admission (at least 5 characters).",
	"Xem trường hạn chế": "Read restricted fields",
	// Member edit form.
	"Các mục có dấu * là bắt buộc. Ngày vào Đảng, ngày chính thức và nơi sinh hoạt thay đổi qua các sự kiện sinh hoạt đảng, không sửa ở đây.": "Items marked * are required. The admission date, the full membership date and the organization change through membership events, not here.",
	"Chưa lưu được: hãy sửa":                            "Not saved: correct the",
	"lỗi dưới đây.":                                     "errors below.",
	"Nếu khác họ tên đang dùng.":                        "If different from the name in use.",
	"dd/mm/yyyy; nếu không rõ ngày: mm/yyyy hoặc yyyy.": "dd/mm/yyyy; if the day is unknown: mm/yyyy or yyyy.",
	"12 chữ số; mã tỉnh nơi đăng ký khai sinh, giới tính và năm sinh phải khớp.": "12 digits; the province of birth registration, the sex and the birth year must match.",
	// Column names the change history shows (tochuc.ColumnLabel).
	"Mã tổ chức đảng":     "Party organization code",
	"Ngày của trạng thái": "Status date",
	"Ngày ra khỏi Đảng":   "Date of leaving the Party",
	"Ngày hiệu lực":       "Effective date",
}

// labelEnglish is the English of the code-list labels the template funcs return (status, sex,
// kind, setting, event, role, and the other member code lists). It is consulted before the
// catalog by tl, because one Vietnamese word can be a code label and a page label with another
// English ("Nữ" is "Female" as a sex and "Women" as a dashboard tile).
var labelEnglish = map[string]string{}

var eventEnglish = map[string]string{
	tochuc.EventAdmitted: "Admitted to the Party", tochuc.EventRecognized: "Recognized as a full member",
	tochuc.EventTransferred: "Transferred", tochuc.EventReassigned: "Moved by reorganization",
	tochuc.EventExempted: "Exempted from duties and meetings", tochuc.EventExemptionEnded: "Returned to Party activities",
	tochuc.EventRemoved: "Removed from the rolls", tochuc.EventWithdrawn: "Withdrew from the Party", tochuc.EventExpelled: "Expelled",
	tochuc.EventDeceased: "Deceased", tochuc.EventReadmitted: "Readmitted", tochuc.EventRestored: "Membership restored",
	tochuc.OrgFound: "Founded", tochuc.OrgRename: "Renamed", tochuc.OrgMove: "Moved under another organization",
	tochuc.OrgMerge: "Merged", tochuc.OrgSplit: "Split", tochuc.OrgDissolve: "Dissolved", tochuc.OrgUpdate: "Details changed",
}

var roleEnglish = map[string]string{
	tochuc.RoleAdmin: "System administrator", tochuc.RoleStaff: "Organization board staff", tochuc.RoleLeader: "Leader",
	tochuc.RoleSecretary: "Cell secretary", tochuc.RoleMember: "Party member",
}

func init() {
	for vi, en := range pagesEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
	for _, l := range codes.All() {
		for _, c := range l.Items {
			if _, ok := labelEnglish[c.Name]; !ok && c.NameEN != "" {
				labelEnglish[c.Name] = c.NameEN
			}
		}
	}
	for k, en := range eventEnglish {
		if vi, ok := eventLabels[k]; ok {
			labelEnglish[vi] = en
		}
	}
	for k, en := range roleEnglish {
		if vi, ok := roleLabels[k]; ok {
			labelEnglish[vi] = en
		}
	}
	funcs["tl"] = translateLabel
	funcs["recValueIn"] = recValueIn
}

// translateLabel translates a text computed at run time (a code-list label, a page title, a
// notice): the code-list English first, then the catalog, else the text unchanged. It takes any
// so that a page without the value (a missing map key) shows nothing instead of failing.
func translateLabel(lang string, v any) string {
	var s string
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		s = x
	default:
		s = fmt.Sprint(x)
	}
	if lang == "en" {
		if en, ok := labelEnglish[s]; ok {
			return en
		}
	}
	return translate(lang, s)
}

// recValueIn is recValue in the page's language: the empty mark and the labels of coded fields
// are translated; typed values (names, places, notes) never are.
func recValueIn(lang, field, v string) string {
	if v == "" {
		return translate(lang, "(trống)")
	}
	out := recValue(field, v)
	if _, coded := recCodeLists[field]; coded || field == "status" {
		return translateLabel(lang, out)
	}
	return out
}

// setLang is the language switch: it remembers the choice in a cookie for a year and goes back
// to the page it came from, when that page is on this site.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	if code != "vi" && code != "en" {
		http.NotFound(w, r)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: code, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: s.opt.SecureCookies, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, backTo(r), http.StatusSeeOther)
}

// backTo is where the language switch returns: the next parameter the footer link carries
// (the pages send no Referer: Referrer-Policy is no-referrer), else the Referer when it is a page
// of this host, else the home page. Either way only a local path, never another site.
func backTo(r *http.Request) string {
	if next := r.URL.Query().Get("next"); next != "" {
		return safeNext(next)
	}
	ref, err := url.Parse(r.Referer())
	if err != nil || ref.Host == "" || !strings.EqualFold(ref.Host, r.Host) || (ref.Scheme != "http" && ref.Scheme != "https") {
		return "/"
	}
	return safeNext(ref.RequestURI())
}
