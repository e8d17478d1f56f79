package web

// English for the congresses page.
var congressesEnglish = map[string]string{
	"Đại hội":              "Congresses",
	"Nhiệm kỳ bắt đầu năm": "Term starting in",
	"tổ chức cơ sở đảng đã tổ chức đại hội": "basic party organizations have held their congress",
	"đạt":                    "reaching",
	"Chưa tổ chức đại hội":   "Yet to hold their congress",
	"Mã":                     "Code",
	"Tổ chức cơ sở đảng":     "Basic party organization",
	"Không còn tổ chức nào.": "None left.",
	"Chỉ hiện 200 tổ chức đầu tiên.": "Only the first 200 organizations are shown.",
	"Ghi đại hội đã tổ chức":         "Record a congress held",
	"Mã tổ chức":                     "Organization code",
	"Ngày đại hội":                   "Date of the congress",
	"Văn bản (nghị quyết đại hội)":   "Document (resolution of the congress)",
	"Ghi chú":         "Note",
	"Tiến độ đại hội": "Congress progress",
	"Đã ghi đại hội.": "The congress was recorded.",
}

func init() {
	for vi, en := range congressesEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
