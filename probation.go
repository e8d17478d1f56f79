package tochuc

// Probation review outcomes and levels (xét công nhận đảng viên chính thức).
const (
	ReviewPass       = "pass"        // two thirds for recognition
	ReviewFail       = "fail"        // two thirds against: proposal to remove from the list
	ReviewNoMajority = "no_majority" // neither side reached two thirds

	ReviewCell      = "cell"      // the cell's vote (chi bộ)
	ReviewCommittee = "committee" // the higher committee's vote after an escalation
)

// Audit actions of probation and cards; "member." so they show in the record's history.
const (
	AuditProbationVote = "member.probation.vote"
	AuditRecognize     = "member.recognize"
	AuditProbationFail = "member.probation.fail"
	AuditCardRequest   = "member.card.request"
	AuditCardIssue     = "member.card.issue"
	AuditCardStatus    = "member.card.status"
	AuditCardCheck     = "member.card.check"
)

// ProbationReview is one vote on a probationary member.
type ProbationReview struct {
	ID             int64  `json:"id"`
	MemberID       int64  `json:"member_id"`
	ProbationStart Date   `json:"probation_start"`
	VoteNo         int    `json:"vote_no"`
	Level          string `json:"level"`
	Date           Date   `json:"date"`
	Yes            int    `json:"yes"`
	No             int    `json:"no"`
	Total          int    `json:"total"`
	Outcome        string `json:"outcome"`
	Escalated      bool   `json:"escalated"`
	Document       string `json:"document,omitempty"`
	DocDate        Date   `json:"doc_date,omitempty"`
	Signer         string `json:"signer,omitempty"`
	Note           string `json:"note,omitempty"`
}

// Card statuses (thẻ đảng viên).
const (
	CardIssued   = "issued"   // held by the member
	CardLost     = "lost"     // reported lost
	CardDamaged  = "damaged"  // reported damaged, to be exchanged
	CardReturned = "returned" // taken back by the cell on removal, expulsion or withdrawal
	CardReplaced = "replaced" // exchanged for a new card
	CardKept     = "kept"     // kept by the family on the member's death

	CardRequested     = "requested" // a card request waiting
	CardRequestIssued = "issued"    // the request led to a card
)

// Card is one party card a member held.
type Card struct {
	ID         int64  `json:"id"`
	MemberID   int64  `json:"member_id"`
	Number     string `json:"number"`
	IssueDate  Date   `json:"issue_date"`
	Document   string `json:"document,omitempty"`
	DocDate    Date   `json:"doc_date,omitempty"`
	Signer     string `json:"signer,omitempty"`
	Status     string `json:"status"`
	StatusDate Date   `json:"status_date,omitempty"`
	ReplacedBy int64  `json:"replaced_by,omitempty"`
	LastCheck  Date   `json:"last_check"`
	Note       string `json:"note,omitempty"`
}

// CardRequest is a member proposed for a card.
type CardRequest struct {
	ID            int64  `json:"id"`
	MemberID      int64  `json:"member_id"`
	MemberName    string `json:"member_name,omitempty"`
	OrgID         int64  `json:"org_id"`
	OrgCode       string `json:"org_code,omitempty"`
	RequestedDate Date   `json:"requested_date"`
	Status        string `json:"status"`
	Photos        bool   `json:"photos"`
	CardID        int64  `json:"card_id,omitempty"`
	Note          string `json:"note,omitempty"`
}
