package forms

import (
	"fmt"

	"tochuc"
)

// AdmissionDecision is form 9-KNĐ, the decision admitting a person to the Party (quyết định
// kết nạp đảng viên), issued by the competent committee (docs/domain.md §1.2 step 9, §1.3).
// The decision's date starts the member's party age; the probation starts at the ceremony.
type AdmissionDecision struct {
	Issuer          Issuer
	Number          string      // the document's symbol, e.g. "123-QĐ/HU"; "" leaves it blank
	Place           string      // where it is signed, e.g. "Đồng Văn"
	Date            tochuc.Date // the decision's date
	Bases           []string    // the "Căn cứ …" lines
	ProposedBy      string      // "Xét đề nghị của …": the basic committee and the organization board
	Member          Person
	Cell            string // the chi bộ that holds the ceremony and where the member is active
	BasicOrg        string // the basic organization above the cell
	ProbationMonths int    // the probation's length (rule probation.length)
	Signer          Signature
	Recipients      []string
}

// Code names the form.
func (a *AdmissionDecision) Code() string { return "9-KNĐ" }

// Document lays the decision out. The wording of the articles is the usual one of admission
// decisions (UNVERIFIED against the text of HD 12-HD/BTCTW 2022, which could not be read).
func (a *AdmissionDecision) Document() *Doc {
	name := or(a.Member.Name, dots)
	d := &Doc{Title: "Quyết định kết nạp đảng viên " + a.Member.Name}
	d.Blocks = append(d.Blocks, header(a.Issuer, number(a.Number, "QĐ", a.Issuer.Abbrev), a.Place, a.Date))
	d.Blocks = append(d.Blocks, title("QUYẾT ĐỊNH", "kết nạp đảng viên")...)
	d.Blocks = append(d.Blocks, bases(a.Bases, a.ProposedBy)...)
	d.Blocks = append(d.Blocks, decides(a.Issuer)...)
	d.Blocks = append(d.Blocks,
		article(1, txt("Kết nạp đồng chí "), bold(name), txt(" vào Đảng Cộng sản Việt Nam.")),
		body(txt("Sinh ngày: "+or(a.Member.BirthDate, dots)+".")),
		body(txt("Quê quán: "+or(a.Member.HomeTown, dots)+".")),
		body(txt("Nơi cư trú: "+or(a.Member.Residence, dots)+".")),
		body(txt("Sinh hoạt tại: "+or(joinOrgs(a.Cell, a.BasicOrg), dots)+".")),
	)
	months := a.ProbationMonths
	probation := dots
	if months > 0 {
		probation = fmt.Sprint(months)
	}
	d.Blocks = append(d.Blocks,
		article(2, txt("Thời gian dự bị của đồng chí "+name+" là "+probation+" tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.")),
		article(3, txt(or(joinOrgs(a.Cell, a.BasicOrg), dots)+", các cơ quan, tổ chức có liên quan và đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.")),
		signature(a.Issuer, a.Signer, a.Recipients),
	)
	return d
}

// RecognitionDecision is the decision recognising a probationary member as an official member
// (quyết định công nhận đảng viên chính thức; docs/domain.md §1.2 step 13). The official date is
// the end of the probation even when the decision comes later (rule probation.official_date).
type RecognitionDecision struct {
	Issuer        Issuer
	Number        string
	Place         string
	Date          tochuc.Date // the decision's date
	Bases         []string
	ProposedBy    string
	Member        Person
	Cell          string
	BasicOrg      string
	AdmissionDate tochuc.Date // the admission decision (party age)
	CeremonyDate  tochuc.Date // "vào Đảng ngày": the ceremony
	OfficialDate  tochuc.Date // official from this day
	Signer        Signature
	Recipients    []string
}

// Code names the form.
func (r *RecognitionDecision) Code() string { return "QĐ công nhận đảng viên chính thức" }

// Document lays the decision out (wording UNVERIFIED, as for 9-KNĐ).
func (r *RecognitionDecision) Document() *Doc {
	name := or(r.Member.Name, dots)
	joined := r.CeremonyDate
	if joined == "" {
		joined = r.AdmissionDate
	}
	d := &Doc{Title: "Quyết định công nhận đảng viên chính thức " + r.Member.Name}
	d.Blocks = append(d.Blocks, header(r.Issuer, number(r.Number, "QĐ", r.Issuer.Abbrev), r.Place, r.Date))
	d.Blocks = append(d.Blocks, title("QUYẾT ĐỊNH", "công nhận đảng viên chính thức")...)
	d.Blocks = append(d.Blocks, bases(r.Bases, r.ProposedBy)...)
	d.Blocks = append(d.Blocks, decides(r.Issuer)...)
	d.Blocks = append(d.Blocks,
		article(1, txt("Công nhận đồng chí "), bold(name), txt(" là đảng viên chính thức của Đảng Cộng sản Việt Nam kể từ ngày "+dateDisplay(r.OfficialDate)+".")),
		body(txt("Sinh ngày: "+or(r.Member.BirthDate, dots)+".")),
		body(txt("Quê quán: "+or(r.Member.HomeTown, dots)+".")),
		body(txt("Vào Đảng ngày: "+dateDisplay(joined)+".")),
		body(txt("Sinh hoạt tại: "+or(joinOrgs(r.Cell, r.BasicOrg), dots)+".")),
		article(2, txt(or(joinOrgs(r.Cell, r.BasicOrg), dots)+", các cơ quan, tổ chức có liên quan và đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.")),
		signature(r.Issuer, r.Signer, r.Recipients),
	)
	return d
}

// joinOrgs prints "Chi bộ X, Đảng bộ Y" (the cell within its basic organization).
func joinOrgs(cell, basic string) string {
	switch {
	case cell == "":
		return basic
	case basic == "" || basic == cell:
		return cell
	}
	return cell + ", " + basic
}
