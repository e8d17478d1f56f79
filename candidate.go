package tochuc

// The development pipeline (phát triển đảng viên): a person the cell develops (quần chúng ưu
// tú) goes through the steps of the Party's procedure before the admission decision; the
// official register starts at that decision, so these records are the only trace of the steps.
// The ceremony turns the candidate into a probationary member of the register.

// Candidate stages, in the order of the procedure; each step of a candidate reaches one.
const (
	StageIdentified          = "identified"           // the cell names the person a candidate
	StageAwarenessTrained    = "awareness_trained"    // learned the awareness class (certificate)
	StageCamTinh             = "cam_tinh"             // the cell's resolution on the cảm tình Đảng
	StageApplication         = "application"          // application, personal history, introducers
	StageVerified            = "verified"             // background check of the candidate and close relatives
	StageCellResolution      = "cell_resolution"      // the cell votes on the admission
	StageCommitteeResolution = "committee_resolution" // the basic committee's resolution
	StageDecided             = "decided"              // the competent committee's admission decision
	StageAdmitted            = "admitted"             // the ceremony was held: a probationary member
	StageDropped             = "dropped"              // no longer developed
)

// CandidateStages are the stages in order, dropped excepted.
var CandidateStages = []string{StageIdentified, StageAwarenessTrained, StageCamTinh, StageApplication,
	StageVerified, StageCellResolution, StageCommitteeResolution, StageDecided, StageAdmitted}

// NextCandidateStage is the stage after stage in the procedure; "" after the ceremony, after a
// drop, or for an unknown stage.
func NextCandidateStage(stage string) string {
	for i, s := range CandidateStages {
		if s == stage && i+1 < len(CandidateStages) {
			return CandidateStages[i+1]
		}
	}
	return ""
}

// IsCandidateStage reports whether s names a stage (dropped included).
func IsCandidateStage(s string) bool {
	if s == StageDropped {
		return true
	}
	for _, x := range CandidateStages {
		if x == s {
			return true
		}
	}
	return false
}

// Audit actions of the pipeline.
const (
	AuditCandidateCreate = "candidate.create"
	AuditCandidateUpdate = "candidate.update"
	AuditCandidateStep   = "candidate.step"
	AuditCandidateDrop   = "candidate.drop"
	AuditCandidateAdmit  = "candidate.admit"
)

// Candidate is a person the cell develops toward admission, with the steps done.
type Candidate struct {
	ID         int64  `json:"id"`
	OrgID      int64  `json:"org_id"`
	OrgCode    string `json:"org_code,omitempty"`
	OrgName    string `json:"org_name,omitempty"`
	Surname    string `json:"surname"`
	MiddleName string `json:"middle_name"`
	GivenName  string `json:"given_name"`
	FullName   string `json:"full_name"`
	Sex        string `json:"sex"`
	BirthDate  string `json:"birth_date"` // partial date, storage form: 1990, 1990-03, 1990-03-12
	CitizenID  string `json:"citizen_id,omitempty"`
	Ethnicity  string `json:"ethnicity,omitempty"`
	Religion   string `json:"religion,omitempty"`
	Education  string `json:"education,omitempty"` // codes.Education
	Occupation string `json:"occupation,omitempty"`
	Residence  string `json:"residence,omitempty"`
	YouthUnion bool   `json:"youth_union"` // a member of the Hồ Chí Minh Communist Youth Union
	Stage      string `json:"stage"`
	MemberID   int64  `json:"member_id,omitempty"` // the register's member after the ceremony
	Note       string `json:"note,omitempty"`

	Steps []CandidateStep `json:"steps,omitempty"`

	// Read from the steps and the rules (never stored).
	NextStage          string `json:"next_stage,omitempty"`
	Deadline           Date   `json:"deadline,omitempty"`            // the last day on time for the next step
	DeadlineRule       string `json:"deadline_rule,omitempty"`       // the rule the deadline comes from
	Overdue            bool   `json:"overdue,omitempty"`             // the deadline has passed
	CertificateExpires Date   `json:"certificate_expires,omitempty"` // first day the awareness certificate is no longer valid
	ProbationEnds      Date   `json:"probation_ends,omitempty"`      // after the ceremony: the official date if recognized
}

// Step returns the candidate's step that reached stage (the last one when repeated).
func (c Candidate) Step(stage string) (CandidateStep, bool) {
	for i := len(c.Steps) - 1; i >= 0; i-- {
		if c.Steps[i].Stage == stage {
			return c.Steps[i], true
		}
	}
	return CandidateStep{}, false
}

// CandidateStep is one step of the procedure with its artefacts and its deciding document.
// Which fields a step carries depends on its stage.
type CandidateStep struct {
	ID          int64  `json:"id"`
	CandidateID int64  `json:"candidate_id"`
	Stage       string `json:"stage"`
	Date        Date   `json:"date"` // the certificate's, the resolution's, the decision's, the ceremony's date

	Number          string                `json:"number,omitempty"`           // awareness certificate number
	HistoryDate     Date                  `json:"history_date,omitempty"`     // application: date of the personal history (lý lịch)
	Introducers     []CandidateIntroducer `json:"introducers,omitempty"`      // application
	UnionResolution string                `json:"union_resolution,omitempty"` // application: the Youth Union's resolution (symbol, date)
	Result          string                `json:"result,omitempty"`           // background check conclusion
	Yes             int                   `json:"yes,omitempty"`              // resolutions: votes in favour
	Total           int                   `json:"total,omitempty"`            // resolutions: official members (committee members) in total
	Committee       string                `json:"committee,omitempty"`        // decision: the deciding committee
	Extended        bool                  `json:"extended,omitempty"`         // decision: after the extension of the deadline
	Consent         string                `json:"consent,omitempty"`          // written consent: provincial (over 60) at the cell's vote; higher committee (late ceremony)
	Exception       string                `json:"exception,omitempty"`        // cell resolution: the document of an education exception

	Document string `json:"document,omitempty"` // the deciding document's symbol, e.g. 123-QĐ/ĐU
	DocDate  Date   `json:"doc_date,omitempty"`
	Signer   string `json:"signer,omitempty"`
	Note     string `json:"note,omitempty"`
}

// CandidateIntroducer is an official member introducing a candidate, with the day they began
// to work, study or live with the candidate in the same unit.
type CandidateIntroducer struct {
	MemberID int64  `json:"member_id"`
	Name     string `json:"name,omitempty"`
	Since    Date   `json:"since"`
}
