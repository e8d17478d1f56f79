package tochuc

import "time"

// Transfer kinds, scopes and statuses (chuyển sinh hoạt đảng).
const (
	TransferOfficial  = "official"  // chính thức: the placement moves (in transit until received)
	TransferTemporary = "temporary" // tạm thời: the member stays counted at home; the host lists them

	ScopeDomestic  = "domestic"  // trong nước
	ScopeAbroad    = "abroad"    // ra nước ngoài
	ScopeReturning = "returning" // từ nước ngoài về nước

	PurposeMove  = "move"  // temporary: change of residence or workplace
	PurposeStudy = "study" // temporary: full-time study in the country

	TransferIssued    = "issued"    // the slip is issued; not yet presented at the destination
	TransferReceived  = "received"  // the receiving side confirmed
	TransferCancelled = "cancelled" // withdrawn by the sending side before receipt
)

// Transfer is one transfer slip (giấy giới thiệu sinh hoạt đảng) and its receipt.
type Transfer struct {
	ID             int64  `json:"id"`
	MemberID       int64  `json:"member_id"`
	MemberName     string `json:"member_name,omitempty"`
	Kind           string `json:"kind"`
	Scope          string `json:"scope"`
	Purpose        string `json:"purpose,omitempty"`
	FromOrgID      int64  `json:"from_org_id"`
	FromOrgCode    string `json:"from_org_code,omitempty"`
	FromOrgName    string `json:"from_org_name,omitempty"`
	ToOrgID        int64  `json:"to_org_id,omitempty"`
	ToOrgCode      string `json:"to_org_code,omitempty"`
	ToOrgName      string `json:"to_org_name,omitempty"`
	Destination    string `json:"destination,omitempty"` // free text: a party organization outside the tree
	SlipNumber     string `json:"slip_number,omitempty"` // Số GTSHĐ
	SlipDate       Date   `json:"slip_date"`
	DuesPaidTo     string `json:"dues_paid_to,omitempty"` // YYYY-MM
	CardNumber     string `json:"card_number,omitempty"`
	HistoryNumber  string `json:"history_number,omitempty"`
	Document       string `json:"document,omitempty"`
	DocDate        Date   `json:"doc_date,omitempty"`
	Signer         string `json:"signer,omitempty"`
	UntilDate      Date   `json:"until_date,omitempty"` // temporary: the planned end
	Status         string `json:"status"`
	ReceivedDate   Date   `json:"received_date,omitempty"`
	ReceivedDoc    string `json:"received_document,omitempty"`
	ReceivedSigner string `json:"received_signer,omitempty"`
	CancelledDate  Date   `json:"cancelled_date,omitempty"`
	OutEventID     int64  `json:"-"`
	BatchID        string `json:"batch_id,omitempty"`
	Note           string `json:"note,omitempty"`
}

// PartyAge is a member's party age (tuổi đảng) on day d, in completed months: the time since
// the first admission decision minus the gaps without party activity (Statute Art. 5.4,
// rule partyage.start). Decisions taken here:
//   - a gap is the time between an exit (removed, withdrawn, expelled, deceased) and a
//     re-admission: a re-admitted member keeps the months before the exit, the count does not
//     restart (the Statute counts from "the" admission decision, minus gaps);
//   - an exit later restored (phục hồi đảng tịch, a wrongful exit) leaves no gap: party age is
//     continuous (domain.md §1.12);
//   - time in transit and time exempt from meetings count: the member stays a member;
//   - after a final exit the age stops at the exit.
//
// ok is false when the member was never admitted on or before d.
func PartyAge(events []MemberEvent, d Date) (months int, ok bool) {
	ev := append([]MemberEvent(nil), events...)
	SortEvents(ev)
	var start Date
	gap := 0 // days without activity
	var exitAt Date
	for _, e := range ev {
		if e.Date > d {
			break
		}
		switch e.Kind {
		case EventAdmitted:
			if start == "" {
				start = e.Date
			}
		case EventReadmitted:
			if start == "" {
				start = e.Date
			} else if exitAt != "" {
				gap += daysBetween(exitAt, e.Date)
			}
			exitAt = ""
		case EventRestored:
			exitAt = "" // continuous: the gap is not subtracted
		case EventRemoved, EventWithdrawn, EventExpelled, EventDeceased:
			if exitAt == "" {
				exitAt = e.Date
			}
		}
	}
	if start == "" {
		return 0, false
	}
	end := d
	if exitAt != "" {
		end = exitAt
	}
	eff := start.AddDays(gap)
	return MonthsBetween(eff, end), true
}

// MonthsBetween counts the completed months from a to b (0 when b is before a): a month is
// complete on the same day of the month, or on the last day of a shorter month.
func MonthsBetween(a, b Date) int {
	if a == "" || b == "" || b <= a {
		return 0
	}
	ta, tb := a.Time(), b.Time()
	n := (tb.Year()-ta.Year())*12 + int(tb.Month()-ta.Month())
	for n > 0 && addMonthsClamped(ta, n).After(tb) {
		n--
	}
	return n
}

// addMonthsClamped adds n months keeping the day, or the last day of a shorter month.
func addMonthsClamped(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	day := t.Day()
	if day > last {
		day = last
	}
	return time.Date(first.Year(), first.Month(), day, 0, 0, 0, 0, time.UTC)
}

func daysBetween(a, b Date) int {
	if b <= a {
		return 0
	}
	return int(b.Time().Sub(a.Time()).Hours()/24 + 0.5)
}
