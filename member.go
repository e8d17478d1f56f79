package tochuc

// Member statuses as of a date (glossary).
const (
	StatusProbationary = "probationary"
	StatusOfficial     = "official"
	StatusExempt       = "exempt"
	StatusInTransit    = "in_transit"
	StatusRemoved      = "removed"
	StatusWithdrawn    = "withdrawn"
	StatusExpelled     = "expelled"
	StatusDeceased     = "deceased"
	StatusNone         = "" // not a member on that date
)

// CountedStatuses are the statuses counted in an organization's membership (đảng số).
var CountedStatuses = []string{StatusProbationary, StatusOfficial, StatusExempt}

// IsExit reports whether a status ends membership.
func IsExit(s string) bool {
	return s == StatusRemoved || s == StatusWithdrawn || s == StatusExpelled || s == StatusDeceased
}

// Member is one person in the register with the identity fields of the member sheet (2-HSĐV).
// Placement and status are not fields to overwrite: they come from the event timeline; the
// Org*/Status fields here are the timeline read as of one date.
type Member struct {
	ID                        int64  `json:"id"`
	Surname                   string `json:"surname"`
	MiddleName                string `json:"middle_name"`
	GivenName                 string `json:"given_name"`
	FullName                  string `json:"full_name"`
	BirthName                 string `json:"birth_name,omitempty"`
	Aliases                   string `json:"aliases,omitempty"`
	Sex                       string `json:"sex"`
	BirthDate                 string `json:"birth_date"` // partial date, storage form: 1950, 1975-03, 1975-03-12
	BirthPlace                string `json:"birth_place,omitempty"`
	HomeTown                  string `json:"home_town,omitempty"`
	Residence                 string `json:"residence,omitempty"`
	Ethnicity                 string `json:"ethnicity,omitempty"`
	Religion                  string `json:"religion,omitempty"`
	Education                 string `json:"education,omitempty"`
	ProfessionalQualification string `json:"professional_qualification,omitempty"`
	PoliticalTheory           string `json:"political_theory,omitempty"`
	AcademicTitle             string `json:"academic_title,omitempty"` // codes.AcademicTitle (học hàm), "" when none entered
	Occupation                string `json:"occupation,omitempty"`
	CitizenID                 string `json:"citizen_id,omitempty"`
	CardNumber                string `json:"card_number,omitempty"`
	HistoryNumber             string `json:"history_number,omitempty"`
	AdmissionDate             Date   `json:"admission_date,omitempty"` // decision: starts party age
	CeremonyDate              Date   `json:"ceremony_date,omitempty"`  // starts probation
	OfficialDate              Date   `json:"official_date,omitempty"`
	HasPhoto                  bool   `json:"has_photo"`

	OrgID   int64  `json:"org_id,omitempty"`
	OrgCode string `json:"org_code,omitempty"`
	OrgName string `json:"org_name,omitempty"`
	Status  string `json:"status"`
}

// Member event kinds: the timeline that placement and status are read from.
const (
	EventAdmitted       = "admitted"        // quyết định kết nạp: probationary member of an org
	EventRecognized     = "recognized"      // công nhận chính thức (dated at the end of probation)
	EventTransferred    = "transferred"     // chuyển sinh hoạt chính thức to another org, in one step (imports, history)
	EventTransferOut    = "transfer_out"    // the sending side issues the transfer slip: in transit to OrgID
	EventTransferIn     = "transfer_in"     // the receiving side confirms receipt: placed in OrgID
	EventReassigned     = "reassigned"      // moved by a restructure of the tree
	EventExempted       = "exempted"        // miễn công tác và sinh hoạt đảng
	EventExemptionEnded = "exemption_ended" // trở lại sinh hoạt
	EventRemoved        = "removed"         // xóa tên
	EventWithdrawn      = "withdrawn"       // xin ra khỏi Đảng
	EventExpelled       = "expelled"        // khai trừ
	EventDeceased       = "deceased"        // từ trần
	EventReadmitted     = "readmitted"      // kết nạp lại: a new probation
	EventRestored       = "restored"        // phục hồi đảng tịch: continuous party age
)

// MemberEvent is one dated fact of a member's timeline with its deciding document.
type MemberEvent struct {
	ID       int64  `json:"id"`
	MemberID int64  `json:"member_id"`
	Kind     string `json:"kind"`
	Date     Date   `json:"date"`
	OrgID    int64  `json:"org_id,omitempty"`
	OrgCode  string `json:"org_code,omitempty"`
	OrgName  string `json:"org_name,omitempty"`
	Document string `json:"document,omitempty"` // the deciding document's symbol, e.g. 123-QĐ/ĐU
	DocDate  Date   `json:"doc_date,omitempty"` // the document's date
	Signer   string `json:"signer,omitempty"`   // who signed it
	Note     string `json:"note,omitempty"`
}
