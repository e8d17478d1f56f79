package tochuc

import (
	"sort"
)

// Span is an interval of a member's placement: one org, one state, [ValidFrom, ValidTo).
// Spans are derived from the events and rebuilt whenever a member's events change.
type Span struct {
	MemberID     int64
	OrgID        int64
	ValidFrom    Date
	ValidTo      Date   // Forever while open
	State        string // active, exempt
	OfficialFrom Date   // Forever until recognized: status is official from this date
	EndKind      string // the exit that closed the span, if any
}

// Span states.
const (
	StateActive    = "active"
	StateExempt    = "exempt"
	StateInTransit = "in_transit" // between the transfer slip and its receipt: counted by no org
)

// StatusOn is the member's status on day d, which must lie inside the span.
func (s Span) StatusOn(d Date) string {
	switch {
	case s.State == StateInTransit:
		return StatusInTransit
	case s.State == StateExempt:
		return StatusExempt
	case s.OfficialFrom <= d:
		return StatusOfficial
	default:
		return StatusProbationary
	}
}

// Contains reports whether day d lies inside the span.
func (s Span) Contains(d Date) bool { return s.ValidFrom <= d && d < s.ValidTo }

// SortEvents orders events by date, then by insertion (ID), the order they take effect in.
func SortEvents(ev []MemberEvent) {
	sort.SliceStable(ev, func(i, j int) bool {
		if ev[i].Date != ev[j].Date {
			return ev[i].Date < ev[j].Date
		}
		return ev[i].ID < ev[j].ID
	})
}

// BuildSpans replays a member's events into placement spans, refusing impossible sequences
// (a transfer of someone who is not a member, a second admission while active…).
func BuildSpans(memberID int64, events []MemberEvent) ([]Span, error) {
	ev := append([]MemberEvent(nil), events...)
	SortEvents(ev)
	var spans []Span
	var cur *Span
	official := Date(Forever)
	lastOrg := int64(0)
	exited := ""
	resume := StateActive // the state a member in transit returns to on arrival
	closeAt := func(d Date, end string) {
		cur.ValidTo = d
		if cur.ValidFrom < cur.ValidTo {
			spans = append(spans, *cur)
		} else if n := len(spans); end != "" && n > 0 && spans[n-1].ValidTo == d {
			// An exit on the day of another event (a transfer, an exemption) ends the span
			// that event closed; the empty span it opened carries nothing.
			spans[n-1].EndKind = end
		}
		cur = nil
	}
	open := func(org int64, d Date, state string) {
		cur = &Span{MemberID: memberID, OrgID: org, ValidFrom: d, ValidTo: Forever, State: state, OfficialFrom: official}
		lastOrg = org
	}
	for _, e := range ev {
		bad := func(why string) error {
			return Errorf(EINVALID, "sự kiện %q ngày %s không hợp lệ: %s", e.Kind, e.Date.Display(), why)
		}
		switch e.Kind {
		case EventAdmitted, EventReadmitted:
			if cur != nil {
				return nil, bad("đảng viên đang sinh hoạt, không thể kết nạp lại")
			}
			if e.Kind == EventAdmitted && exited != "" {
				return nil, bad("người đã ra khỏi Đảng chỉ có thể được kết nạp lại")
			}
			if e.OrgID == 0 {
				return nil, bad("thiếu tổ chức đảng")
			}
			official = Forever
			exited = ""
			open(e.OrgID, e.Date, StateActive)
		case EventRecognized:
			if cur == nil {
				return nil, bad("chưa là đảng viên dự bị")
			}
			if official != Forever {
				return nil, bad("đã là đảng viên chính thức")
			}
			official = e.Date
			if cur.ValidFrom <= e.Date {
				cur.OfficialFrom = e.Date
			}
		case EventTransferOut:
			if cur == nil || cur.State == StateInTransit {
				return nil, bad("không đang sinh hoạt đảng tại một tổ chức")
			}
			if e.OrgID == 0 {
				return nil, bad("thiếu tổ chức đảng nơi đến")
			}
			resume = cur.State
			closeAt(e.Date, "")
			open(e.OrgID, e.Date, StateInTransit)
		case EventTransferIn:
			if cur == nil || cur.State != StateInTransit {
				return nil, bad("đảng viên không đang trên đường chuyển sinh hoạt")
			}
			org := e.OrgID
			if org == 0 {
				org = cur.OrgID
			}
			closeAt(e.Date, "")
			open(org, e.Date, resume)
		case EventTransferred, EventReassigned:
			if cur == nil {
				return nil, bad("không đang sinh hoạt đảng")
			}
			if e.OrgID == 0 {
				return nil, bad("thiếu tổ chức đảng nơi đến")
			}
			state := cur.State
			closeAt(e.Date, "")
			open(e.OrgID, e.Date, state)
		case EventExempted, EventExemptionEnded:
			if cur == nil {
				return nil, bad("không đang sinh hoạt đảng")
			}
			want, next := StateActive, StateExempt
			if e.Kind == EventExemptionEnded {
				want, next = StateExempt, StateActive
			}
			if cur.State != want {
				return nil, bad("trạng thái miễn sinh hoạt không khớp")
			}
			org := cur.OrgID
			closeAt(e.Date, "")
			open(org, e.Date, next)
		case EventRemoved, EventWithdrawn, EventExpelled, EventDeceased:
			if cur == nil {
				return nil, bad("không đang là đảng viên")
			}
			cur.EndKind = e.Kind
			closeAt(e.Date, e.Kind)
			exited = e.Kind
		case EventRestored:
			if cur != nil || exited == "" {
				return nil, bad("chỉ phục hồi đảng tịch cho người đã ra khỏi Đảng")
			}
			org := e.OrgID
			if org == 0 {
				org = lastOrg
			}
			exited = ""
			open(org, e.Date, StateActive)
		default:
			return nil, bad("loại sự kiện không được hỗ trợ")
		}
	}
	if cur != nil {
		spans = append(spans, *cur)
	}
	return spans, nil
}

// StatusAt reads a member's status and org on day d from its spans and events.
func StatusAt(spans []Span, events []MemberEvent, d Date) (status string, orgID int64) {
	for _, s := range spans {
		if s.Contains(d) {
			return s.StatusOn(d), s.OrgID
		}
	}
	// Not placed on d: either never admitted yet, or exited (the last exit on or before d).
	last := ""
	var org int64
	for _, s := range spans {
		if s.ValidTo <= d && s.EndKind != "" {
			last, org = s.EndKind, s.OrgID
		} else if s.ValidTo <= d {
			last, org = "", 0
		}
	}
	return last, org
}
