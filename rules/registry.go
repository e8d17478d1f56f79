package rules

import (
	"maps"
	"strings"
)

// text is one governing document and the dates [from, to) it was in force.
type text struct {
	symbol   string
	from, to string
}

// The governing texts (docs/domain.md §0). Party regulations take effect on
// signing unless they say otherwise.
var (
	// Điều lệ Đảng, adopted by the 11th Congress on 19/01/2011.
	statute = text{"Điều lệ Đảng", "2011-01-19", ""}

	// Quy định thi hành Điều lệ Đảng.
	qd24  = text{"QĐ 24-QĐ/TW", "2021-07-30", "2025-01-20"}  // 30/7/2021, effective on signing
	qd232 = text{"QĐ 232-QĐ/TW", "2025-01-20", "2025-07-01"} // 20/01/2025, effective on signing (luatvietnam)
	qd294 = text{"QĐ 294-QĐ/TW", "2025-07-01", ""}           // 26/5/2025, effective 1/7/2025
	qdAll = []text{qd24, qd232, qd294}

	// Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng (Ban Bí thư).
	hd01a = text{"HD 01-HD/TW (20/9/2016)", "2016-09-20", "2021-09-28"}
	hd01b = text{"HD 01-HD/TW (28/9/2021)", "2021-09-28", "2025-06-09"}
	hd06  = text{"HD 06-HD/TW", "2025-06-09", ""} // effective 9/6/2025
	hdAll = []text{hd01a, hd01b, hd06}

	// Hướng dẫn nghiệp vụ công tác đảng viên (Ban Tổ chức Trung ương).
	btc09 = text{"HD 09-HD/BTCTW", "2017-06-05", "2022-01-18"}
	btc12 = text{"HD 12-HD/BTCTW", "2022-01-18", ""}
)

// part is one document a rule cites: the texts that succeeded one another
// in that role, each with its clause ("" = the whole text).
type part []cited

// cited is one text and the clause of it a rule rests on.
type cited struct {
	text   text
	clause string
}

// cite builds a part from successive texts that share a clause number.
func cite(clause string, texts ...text) part {
	p := make(part, len(texts))
	for i, t := range texts {
		p[i] = cited{t, clause}
	}
	return p
}

// alt joins successive texts whose clause numbers differ into one part.
func alt(parts ...part) part {
	var p part
	for _, q := range parts {
		p = append(p, q...)
	}
	return p
}

// spec describes a rule once; versions cuts it into one Rule per period in
// which the same combination of texts was in force.
type spec struct {
	id, title    string
	params       map[string]int
	unverified   bool
	configurable bool
	source, note string
	parts        []part
}

// versions returns the rule's versions: one per non-empty intersection of
// the periods of the cited texts, with the basis naming each text's clause.
func (s spec) versions() []Rule {
	type period struct {
		from, to string
		basis    []string
	}
	ps := []period{{from: "0001-01-01"}}
	for _, p := range s.parts {
		var next []period
		for _, cur := range ps {
			for _, c := range p {
				from, to := maxDate(cur.from, c.text.from), minTo(cur.to, c.text.to)
				if to != "" && from >= to {
					continue
				}
				b := c.text.symbol
				if c.clause != "" {
					b += ", " + c.clause
				}
				next = append(next, period{from, to, append(append([]string(nil), cur.basis...), b)})
			}
		}
		ps = next
	}
	out := make([]Rule, 0, len(ps))
	for _, p := range ps {
		params := maps.Clone(s.params)
		if params == nil {
			params = map[string]int{}
		}
		out = append(out, Rule{
			ID: s.id, Title: s.title, Basis: strings.Join(p.basis, "; "),
			From: p.from, To: p.to, Params: params,
			Unverified: s.unverified, Configurable: s.configurable || s.unverified,
			Source: s.source, Note: s.note,
		})
	}
	return out
}

// maxDate returns the later of two ISO dates.
func maxDate(a, b string) string {
	if a > b {
		return a
	}
	return b
}

// minTo returns the earlier of two open-ended ends ("" = open).
func minTo(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || a < b:
		return a
	}
	return b
}

// Sources cited in docs/domain.md §1.
const (
	srcAge          = "https://thuviennhadat.vn/vbpl/quy-dinh-24-qd-tw-2021-thi-hanh-dieu-le-dang-484359.html"
	srcOver60       = "https://luattoanquoc.com/huong-dan-01-hdtw-huong-dan-mot-van-de-cu-thi-hanh-dieu-le-dang"
	srcIntroducers  = "http://vanxuan.net/dangcs/KetNapDang.html"
	srcCertificate  = "https://download.vn/huong-dan-ket-nap-dang-vien-moi-34005"
	srcVote         = "https://thuvienphapluat.vn/hoi-dap-phap-luat/35A57-hd-thoi-han-to-chuc-le-ket-nap-va-thoi-diem-cong-nhan-dang-vien-chinh-thuc.html"
	srcCommittee    = "https://beta.thuvienphapluat.vn/phap-luat/nghi-quyet-de-nghi-ket-nap-dang-vien-mau-8-knd-cua-dang-uy-co-so-dang-uy-co-so-co-quyen-quyet-dinh--57507-182302.html"
	srcDeadline     = "https://thuvienphapluat.vn/hoi-dap-phap-luat/35A5C-hd-thoi-han-tham-quyen-quyet-dinh-ket-nap-dang-vien-xet-cong-nhan-dang-vien-chinh-thuc.html"
	srcProbation    = "https://shira.vn/quyet-dinh-cong-nhan-dang-vien-chinh-thuc/"
	srcPartyAge     = "https://stdt.danguykhoibinhthuan.vn/sotay/to-chuc/cong-tac-phat-trien-dang-vien/cong-nhan-dang-vien-chinh-thuc"
	srcCard         = "https://thuvienphapluat.vn/hoi-dap-phap-luat/45EDC-hd-thoi-gian-phat-the-dang-la-bao-lau.html"
	srcCardCheck    = "https://hocvienamnhachue.vn/quy-trinh-phat-va-quan-ly-the-dang-vien/"
	srcTransfer     = "http://118.69.84.240:801/phap-luat/khi-nao-dang-vien-phai-chuyen-sinh-hoat-dang-chinh-thuc-tam-thoi-ho-so-chuyen-sinh-hoat-dang-bao-go-556751-184189.html"
	srcSlip         = "https://luatminhkhue.vn/trach-nhiem-cua-dang-vien-va-cap-uy-ve-chuyen-sinh-hoat-dang.aspx"
	srcTemporary    = "https://hieuluat.vn/hoi-dap-phap-luat/thu-tuc-chuyen-sinh-hoat-dang-tam-thoi-thuc-hien-the-nao-ai-phai-chuyen-sinh-hoat-dang-tam-thoi-559-48069-article.html"
	srcRemoval      = "https://luatduonggia.vn/dang-vien-bo-sinh-hoat-dang-trong-bao-nhieu-lau-thi-bi-xoa-ten"
	srcRemovalVote  = "https://thutucphapluat.com/bai-viet/2909"
	srcWithdrawal   = "https://thuvienphapluat.vn/hoi-dap-phap-luat/3EBA1-hd-trinh-tu-thu-tuc-dang-vien-tu-nguyen-ra-khoi-dang.html"
	srcReadmission  = "https://thuvienphapluat.vn/hoi-dap-phap-luat/4C662-hd-duoc-ket-nap-lai-dang-bao-nhieu-lan.html"
	srcReadmission2 = "https://ngoisao.vn/theo-dong-su-kien/tin-nong-trong-ngay/tu-ngay-0172025-5-truong-hop-khong-duoc-xet-ket-nap-lai-vao-dang-moi-nguoi-can-chu-y-457410.htm"
	srcExemption    = "https://thuviennhadat.vn/phap-luat-doi-song/theo-quy-dinh-hien-nay-truong-hop-nao-dang-vien-co-the-xin-mien-cong-tac-va-sinh-hoat-dang-512385.html"
)

// Notes on bases whose clause number could not be read in the texts.
const (
	noteSection6 = "Số điểm trong mục 6 (thẻ, hồ sơ, chuyển sinh hoạt đảng) chưa đối chiếu; chỉ ghi mục."
	noteHD06     = "Số điểm của HD 06-HD/TW chưa đối chiếu; chỉ ghi số văn bản."
	noteStatute  = "Khoản của Điều lệ Đảng ghi theo trí nhớ văn bản 2011, chưa đối chiếu nguồn."
)

// specs lists every rule the member lifecycle checks (docs/domain.md §1).
var specs = []spec{
	// Admission (kết nạp).
	{id: "admission.age", title: "Người vào Đảng phải đủ 18 tuổi đến đủ 60 tuổi (tính theo tháng) tại thời điểm chi bộ xét kết nạp",
		params: map[string]int{"min_months": 18 * 12, "max_months": 60 * 12}, source: srcAge,
		parts: []part{cite("điểm 1.1", qdAll...)}},
	{id: "admission.age_over60", title: "Kết nạp người trên 60 tuổi phải được ban thường vụ cấp ủy trực thuộc Trung ương đồng ý bằng văn bản trước khi cấp ủy có thẩm quyền quyết định",
		source: srcOver60, note: noteHD06,
		parts: []part{cite("điểm 1.1", qdAll...), cite("", hdAll...)}},
	{id: "admission.education", title: "Người vào Đảng phải có bằng tốt nghiệp trung học cơ sở trở lên, trừ các trường hợp theo hướng dẫn của Ban Bí thư (miền núi, hải đảo, vùng đồng bào dân tộc thiểu số, vùng đặc biệt khó khăn)",
		source: srcAge, parts: []part{cite("điểm 1.2", qdAll...)}},
	{id: "admission.introducers", title: "Người vào Đảng phải được hai đảng viên chính thức giới thiệu (đoàn viên: một đảng viên chính thức và nghị quyết của ban chấp hành đoàn cơ sở); người giới thiệu phải cùng công tác, học tập, cư trú với người vào Đảng ít nhất 12 tháng",
		params: map[string]int{"introducers": 2, "youth_introducers": 1, "months_together": 12}, source: srcIntroducers,
		note:  noteStatute,
		parts: []part{cite("Điều 4 khoản 1", statute), cite("điểm 3.2", qdAll...)}},
	{id: "admission.awareness_certificate", title: "Giấy chứng nhận bồi dưỡng nhận thức về Đảng còn giá trị tại thời điểm chi bộ xét kết nạp",
		params: map[string]int{"valid_months": 60}, unverified: true, source: srcCertificate,
		note:  "Thời hạn 5 năm theo hướng dẫn của các đơn vị dựa trên HD 12/2012; thời hạn theo HD 12-HD/BTCTW 2022 chưa đối chiếu (domain.md: UNVERIFIED).",
		parts: []part{cite("", btc09, btc12)}},
	{id: "admission.cell_vote", title: "Nghị quyết đề nghị kết nạp của chi bộ phải được ít nhất hai phần ba số đảng viên chính thức tán thành",
		params: map[string]int{"num": 2, "den": 3}, source: srcVote, note: noteStatute,
		parts: []part{cite("Điều 4 khoản 3", statute)}},
	{id: "admission.committee_vote", title: "Nghị quyết đề nghị kết nạp của đảng ủy cơ sở phải được ít nhất hai phần ba số cấp ủy viên tán thành",
		params: map[string]int{"num": 2, "den": 3}, source: srcCommittee, note: noteStatute,
		parts: []part{cite("Điều 4 khoản 3", statute)}},
	{id: "admission.decision_deadline", title: "Cấp ủy có thẩm quyền phải quyết định kết nạp trong thời hạn 60 ngày làm việc kể từ ngày chi bộ có nghị quyết đề nghị; trường hợp đặc biệt gia hạn tối đa 30 ngày làm việc",
		params: map[string]int{"working_days": 60, "extension": 30}, source: srcDeadline,
		parts: []part{cite("điểm 4.3.1", qdAll...)}},
	{id: "admission.ceremony_deadline", title: "Chi bộ phải tổ chức lễ kết nạp trong thời hạn 30 ngày làm việc kể từ ngày nhận được quyết định kết nạp; quá hạn phải được cấp ủy cấp trên trực tiếp đồng ý",
		params: map[string]int{"working_days": 30}, source: srcVote,
		parts: []part{cite("điểm 4.1", qdAll...)}},

	// Probation and recognition (dự bị, công nhận chính thức).
	{id: "probation.length", title: "Đảng viên dự bị phải trải qua thời kỳ dự bị 12 tháng, tính từ ngày chi bộ tổ chức lễ kết nạp",
		params: map[string]int{"months": 12}, source: srcProbation, note: noteStatute,
		parts: []part{cite("Điều 5 khoản 1", statute)}},
	{id: "probation.review_deadline", title: "Trong thời hạn 30 ngày làm việc kể từ ngày đảng viên hết 12 tháng dự bị, chi bộ phải xét và đề nghị công nhận chính thức hoặc đề nghị xóa tên",
		params: map[string]int{"working_days": 30}, source: srcVote,
		parts: []part{cite("điểm 4.2", qdAll...)}},
	{id: "probation.recognition_deadline", title: "Cấp ủy có thẩm quyền phải quyết định công nhận đảng viên chính thức trong thời hạn 30 ngày làm việc kể từ ngày chi bộ có nghị quyết đề nghị; trường hợp đặc biệt gia hạn tối đa 30 ngày làm việc",
		params: map[string]int{"working_days": 30, "extension": 30}, source: srcDeadline,
		parts: []part{cite("điểm 4.3.1", qdAll...)}},
	{id: "probation.official_date", title: "Đảng viên dự bị đủ điều kiện được công nhận chính thức đúng thời điểm hết 12 tháng dự bị, dù chi bộ họp chậm hay cấp ủy chuẩn y chậm",
		source: srcVote, parts: []part{cite("điểm 4.2", qdAll...)}},
	{id: "probation.vote", title: "Nghị quyết công nhận đảng viên chính thức (hoặc đề nghị xóa tên) phải được ít nhất hai phần ba số đảng viên chính thức hoặc cấp ủy viên tán thành",
		params: map[string]int{"num": 2, "den": 3}, source: srcVote,
		parts: []part{cite("điểm 4.2", qdAll...)}},
	{id: "probation.escalation", title: "Sau 3 lần biểu quyết không đủ hai phần ba tán thành, tổ chức đảng cấp dưới báo cáo cấp ủy cấp trên trực tiếp và cấp ủy có thẩm quyền xem xét, quyết định",
		params: map[string]int{"votes": 3}, source: srcVote,
		parts: []part{cite("điểm 4.2", qdAll...)}},
	{id: "partyage.start", title: "Tuổi đảng tính từ ngày ghi trong quyết định kết nạp, trừ thời gian không tham gia sinh hoạt đảng",
		source: srcPartyAge, note: noteStatute,
		parts: []part{cite("Điều 5 khoản 4", statute)}},

	// Party card (thẻ đảng viên).
	{id: "card.official_only", title: "Thẻ đảng viên chỉ phát cho đảng viên chính thức",
		source: srcCard, note: noteSection6,
		parts: []part{cite("mục 6", qdAll...)}},
	{id: "card.check", title: "Thẻ đảng viên được kiểm tra kỹ thuật định kỳ 5 năm một lần",
		params: map[string]int{"months": 60}, unverified: true, source: srcCardCheck,
		note:  "Chu kỳ 5 năm theo nguồn thứ cấp; chưa đọc được điều khoản gốc.",
		parts: []part{cite("", btc12)}},

	// Transfers (chuyển sinh hoạt đảng).
	{id: "transfer.start_deadline", title: "Trong thời hạn 60 ngày làm việc kể từ ngày quyết định chuyển công tác, nghỉ hưu, thôi việc… có hiệu lực hoặc thay đổi nơi cư trú, đảng viên phải làm thủ tục chuyển sinh hoạt đảng chính thức",
		params: map[string]int{"working_days": 60}, source: srcTransfer,
		parts: []part{cite("điểm 6.3.1", qdAll...)}},
	{id: "transfer.slip_deadline", title: "Trong thời hạn 30 ngày kể từ ngày được giới thiệu chuyển đi, đảng viên phải xuất trình giấy giới thiệu sinh hoạt đảng với chi ủy nơi chuyển đến",
		params: map[string]int{"days": 30, "working": 1}, unverified: true, source: srcSlip,
		note:  "domain.md ghi 30 ngày; các trích dẫn văn bản QĐ 24 và QĐ 294 điểm 6.3.1 (luathongduc.com, ngoisao.vn) ghi 30 ngày làm việc — mặc định tính ngày làm việc (working=1); đặt working=0 để tính ngày lịch.",
		parts: []part{cite("điểm 6.3.1", qdAll...)}},
	{id: "transfer.temporary_duration", title: "Chuyển sinh hoạt đảng tạm thời khi thay đổi nơi cư trú, nơi làm việc từ 3 tháng đến dưới 1 năm, hoặc đi học tập trung trong nước từ 3 tháng đến 2 năm",
		params: map[string]int{"min_months": 3, "max_months": 12, "study_max_months": 24}, source: srcTemporary,
		note:  noteSection6,
		parts: []part{cite("mục 6", qdAll...)}},

	// Exits and returns.
	{id: "removal.grounds", title: "Xóa tên đảng viên khi: bỏ sinh hoạt đảng hoặc không đóng đảng phí 3 tháng trong năm mà không có lý do chính đáng; tự ý trả thẻ hoặc hủy thẻ đảng viên; được giáo dục 12 tháng không tiến bộ; 2 năm liền vi phạm tư cách đảng viên; không bảo đảm tiêu chuẩn chính trị",
		params: map[string]int{"absence_months": 3, "no_progress_months": 12, "violation_years": 2}, source: srcRemoval,
		parts: []part{cite("điểm 8.1", qdAll...)}},
	{id: "removal.vote", title: "Đề nghị xóa tên phải được ít nhất hai phần ba số đảng viên chính thức của chi bộ và hai phần ba số ủy viên đảng ủy cơ sở tán thành",
		params: map[string]int{"num": 2, "den": 3}, source: srcRemovalVote, note: noteHD06,
		parts: []part{alt(cite("điểm 11.1", hd01a, hd01b), cite("", hd06))}},
	{id: "withdrawal.no_violation", title: "Chỉ xem xét cho ra khỏi Đảng đối với đảng viên chưa vi phạm tư cách; đảng viên vi phạm phải được xử lý kỷ luật trước",
		source: srcWithdrawal, note: noteHD06,
		parts: []part{alt(cite("điểm 11.2", hd01a, hd01b), cite("", hd06))}},
	{id: "readmission.wait", title: "Người xin kết nạp lại phải ra khỏi Đảng ít nhất 36 tháng (bị án hình sự về tội ít nghiêm trọng: 60 tháng kể từ khi được xóa án tích)",
		params: map[string]int{"months": 36, "conviction_months": 60}, source: srcReadmission,
		parts: []part{cite("điểm 3.5.1", qdAll...)}},
	{id: "readmission.consent", title: "Kết nạp lại phải có đơn và được ban thường vụ tỉnh ủy, thành ủy (hoặc tương đương) đồng ý bằng văn bản",
		source: srcReadmission, parts: []part{cite("điểm 3.5.1", qdAll...)}},
	{id: "readmission.barred", title: "Không xem xét kết nạp lại người đã ra khỏi Đảng vì tự bỏ sinh hoạt đảng, xin ra khỏi Đảng (trừ lý do gia đình đặc biệt khó khăn), gây mất đoàn kết nội bộ nghiêm trọng, bị kết án về tội tham nhũng hoặc tội nghiêm trọng trở lên",
		source: srcReadmission2, parts: []part{cite("điểm 3.5.2", qdAll...)}},
	{id: "readmission.once", title: "Chỉ kết nạp lại một lần",
		params: map[string]int{"times": 1}, source: srcReadmission,
		parts: []part{cite("điểm 3.5.3", qdAll...)}},
	{id: "readmission.probation", title: "Đảng viên được kết nạp lại phải trải qua thời kỳ dự bị",
		source: srcReadmission, parts: []part{cite("điểm 3.5.4", qdAll...)}},
	{id: "exemption.conditions", title: "Đảng viên tuổi cao (quá tuổi lao động) hoặc sức khỏe yếu (điều trị dài ngày từ 3 tháng trở lên) tự nguyện xin thì được chi bộ xem xét miễn công tác và sinh hoạt đảng",
		params: map[string]int{"illness_months": 3}, source: srcExemption,
		parts: []part{cite("điểm 7.1", qdAll...), cite("", text{"HD 27-HD/BTCTW (26/3/2009)", "2009-03-26", ""})}},
}

// registry returns every version of every rule.
func registry() []Rule {
	var out []Rule
	for _, s := range specs {
		out = append(out, s.versions()...)
	}
	return out
}
