package service

import (
	"context"
	"fmt"
	"sort"

	"tochuc"
)

// The worklist gathers, for a user's subtree, what is due or overdue in the member lifecycle:
// probations ending and reviews or decisions overdue, candidates' steps past their deadline and
// certificates expiring, transfer slips not yet received, members with three unexcused months of
// missed meetings or unpaid dues, and party cards due for their check. Each source keeps its own
// rules; the worklist only reads them.

// Work item kinds, in the order the page shows them.
const (
	WorkProbation   = "probation"   // probation ending, review or decision due/overdue
	WorkCandidate   = "candidate"   // a candidate's next step past its deadline
	WorkCertificate = "certificate" // an awareness certificate expiring before admission
	WorkTransfer    = "transfer"    // a member in transit: slip not yet received
	WorkRemoval     = "removal"     // three months in a year of missed meetings or unpaid dues
	WorkCard        = "card"        // a party card due for its periodic check
)

// WorkKinds lists the kinds in page order.
var WorkKinds = []string{WorkProbation, WorkCandidate, WorkCertificate, WorkTransfer, WorkRemoval, WorkCard}

// WorkItem is one thing to do.
type WorkItem struct {
	Kind       string      `json:"kind"`
	ObjectType string      `json:"object_type"` // member, candidate, transfer
	ObjectID   int64       `json:"object_id"`
	MemberID   int64       `json:"member_id,omitempty"`
	Name       string      `json:"name"`
	OrgCode    string      `json:"org_code,omitempty"`
	Due        tochuc.Date `json:"due,omitempty"` // the deadline or the day it falls due
	Overdue    bool        `json:"overdue"`
	State      string      `json:"state,omitempty"` // the source's own state, e.g. review_overdue
	Detail     string      `json:"detail,omitempty"`
}

// Worklist is the work of a subtree on a date, looking days ahead.
type Worklist struct {
	Org    tochuc.Org     `json:"org"`
	AsOf   tochuc.Date    `json:"as_of"`
	Days   int            `json:"days"`
	Items  []WorkItem     `json:"items"`
	Counts map[string]int `json:"counts"`
}

// Worklist builds the worklist of an org's subtree (the actor's widest org when empty). Names
// need read permission; a source the actor may not use is left out rather than failing the page.
func (s *Service) Worklist(ctx context.Context, orgCode string, d tochuc.Date, days int) (*Worklist, error) {
	if d == "" {
		d = s.Today()
	}
	if days <= 0 || days > 366 {
		days = 30
	}
	r, _, err := s.readReach(ctx, d)
	if err != nil {
		return nil, err
	}
	o, err := s.orgOrHome(ctx, r, orgCode)
	if err != nil {
		return nil, err
	}
	w := &Worklist{Org: o, AsOf: d, Days: days, Counts: map[string]int{}}
	add := func(it WorkItem) {
		w.Items = append(w.Items, it)
		w.Counts[it.Kind]++
	}
	skip := func(err error) error {
		// A source the actor's role does not open (a secretary and the transfer register, say)
		// is simply not part of their worklist.
		if c := tochuc.ErrorCode(err); c == tochuc.EFORBIDDEN || c == tochuc.ENOTFOUND {
			return nil
		}
		return err
	}

	probs, err := s.ProbationsDue(ctx, o.Code, d, days)
	if err := skip(err); err != nil {
		return nil, err
	}
	for _, p := range probs {
		due := p.End
		switch p.State {
		case ProbReviewDue, ProbReviewOverdue:
			due = p.ReviewDeadline
		case ProbDecisionDue, ProbDecisionOverdue, ProbEscalated:
			due = p.DecisionDeadline
		}
		add(WorkItem{Kind: WorkProbation, ObjectType: "member", ObjectID: p.MemberID, MemberID: p.MemberID, Name: p.FullName,
			OrgCode: p.OrgCode, Due: due, Overdue: p.Overdue, State: p.State})
	}

	if d == s.Today() { // candidates are kept as they stand today
		cands, err := s.ListCandidates(ctx, o.Code, "")
		if err := skip(err); err != nil {
			return nil, err
		}
		horizon := tochuc.DateOf(d.Time().AddDate(0, 0, days))
		for _, c := range cands {
			if c.Stage == tochuc.StageAdmitted || c.Stage == tochuc.StageDropped {
				continue
			}
			if c.Overdue {
				add(WorkItem{Kind: WorkCandidate, ObjectType: "candidate", ObjectID: c.ID, Name: c.FullName, OrgCode: c.OrgCode,
					Due: c.Deadline, Overdue: true, State: c.NextStage, Detail: c.DeadlineRule})
			}
			if c.CertificateExpires != "" && c.CertificateExpires <= horizon && c.Stage != tochuc.StageDecided {
				add(WorkItem{Kind: WorkCertificate, ObjectType: "candidate", ObjectID: c.ID, Name: c.FullName, OrgCode: c.OrgCode,
					Due: c.CertificateExpires, Overdue: c.CertificateExpires <= d})
			}
		}
	}

	_, transit, err := s.TransfersInTransit(ctx, o.Code, d)
	if err := skip(err); err != nil {
		return nil, err
	}
	for _, t := range transit {
		add(WorkItem{Kind: WorkTransfer, ObjectType: "transfer", ObjectID: t.ID, MemberID: t.MemberID, Name: t.MemberName,
			OrgCode: t.ToOrgCode, Due: t.Deadline, Overdue: t.Overdue, Detail: fmt.Sprintf("%d ngày từ khi cấp giấy giới thiệu", t.Days)})
	}

	removal, err := s.RemovalCandidates(ctx, o.Code, d)
	if err := skip(err); err != nil {
		return nil, err
	}
	for _, m := range removal {
		add(WorkItem{Kind: WorkRemoval, ObjectType: "member", ObjectID: m.MemberID, MemberID: m.MemberID, Name: m.FullName,
			OrgCode: m.OrgCode, Overdue: true, Detail: fmt.Sprintf("%d tháng năm %s", m.Months, d[:4])})
	}

	cards, err := s.CardChecksDue(ctx, o.Code, d)
	if err := skip(err); err != nil {
		return nil, err
	}
	for _, c := range cards {
		add(WorkItem{Kind: WorkCard, ObjectType: "member", ObjectID: c.MemberID, MemberID: c.MemberID, Name: c.FullName,
			OrgCode: c.OrgCode, Due: c.DueFrom, Overdue: c.DueFrom <= d, Detail: c.Number})
	}

	order := map[string]int{}
	for i, k := range WorkKinds {
		order[k] = i
	}
	sort.SliceStable(w.Items, func(i, j int) bool {
		a, b := w.Items[i], w.Items[j]
		if a.Kind != b.Kind {
			return order[a.Kind] < order[b.Kind]
		}
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		return a.Due < b.Due
	})
	return w, nil
}
