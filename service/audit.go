package service

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/audit"
	"tochuc/store"
)

// AuditQuery selects entries of the audit trail; zero fields select everything.
type AuditQuery struct {
	Action     string // one action, or a group ending in "." ("auth.")
	Actor      string // the username of who acted
	ObjectType string // member, org, user…
	ObjectID   string // with ObjectType: the history of one record
	From, To   string // dates YYYY-MM-DD, both included
	Before     int64  // only entries older than this seq (the next page)
	Limit      int    // entries per page (default 50, at most 200)
}

// AuditPage is one page of entries, newest first. Next is the Before of the following page, 0
// when there is none. OrgNames names the orgs the entries are about (as of today).
type AuditPage struct {
	Entries  []tochuc.AuditEntry `json:"entries"`
	Next     int64               `json:"next_before,omitempty"`
	OrgNames map[int64]string    `json:"org_names"`
}

// auditScanMax bounds the entries one scoped page reads before it stops and offers the rest as
// a next page, so that a sparse subtree does not make one request read the whole trail.
const auditScanMax = 20000

// AuditEntries lists the audit trail the actor may see (PermAudit): everything for an admin at
// the root, else the entries about orgs of the admin's subtrees (on today's tree) and about the
// accounts the admin manages.
func (s *Service) AuditEntries(ctx context.Context, q AuditQuery) (*AuditPage, error) {
	today := s.Today()
	r, err := s.reachFor(ctx, tochuc.PermAudit, today)
	if err != nil {
		return nil, err
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit = min(q.Limit, 200)
	for _, d := range []string{q.From, q.To} {
		if d != "" {
			if _, err := tochuc.ParseISODate(d); err != nil {
				return nil, err
			}
		}
	}
	if q.Before < 0 {
		q.Before = 0
	}
	f := store.AuditFilter{Action: strings.TrimSpace(q.Action), ObjectType: strings.TrimSpace(q.ObjectType),
		ObjectID: strings.TrimSpace(q.ObjectID), From: q.From, To: q.To, BeforeSeq: q.Before}
	if name := strings.ToLower(strings.TrimSpace(q.Actor)); name != "" {
		u, _, err := s.DB.UserByName(ctx, name)
		if tochuc.ErrorCode(err) == tochuc.ENOTFOUND {
			return &AuditPage{OrgNames: map[int64]string{}}, nil
		} else if err != nil {
			return nil, err
		}
		f.ActorID = u.ID
	}
	page := &AuditPage{OrgNames: map[int64]string{}}
	if r.all {
		f.Limit = q.Limit + 1
		list, err := s.DB.ListAudit(ctx, f)
		if err != nil {
			return nil, err
		}
		if len(list) > q.Limit {
			list = list[:q.Limit]
			page.Next = list[len(list)-1].Seq
		}
		page.Entries = list
	} else {
		orgs := map[int64]bool{}
		for _, o := range r.orgs {
			sub, err := s.DB.SubtreeAsOf(ctx, o.Path, today)
			if err != nil {
				return nil, err
			}
			for _, x := range sub {
				orgs[x.ID] = true
			}
		}
		users, err := s.DB.Users(ctx)
		if err != nil {
			return nil, err
		}
		managed := map[string]bool{}
		for _, u := range users {
			in := len(u.Grants) > 0
			for _, g := range u.Grants {
				in = in && orgs[g.OrgID]
			}
			if in {
				managed[strconv.FormatInt(u.ID, 10)] = true
			}
		}
		f.Limit = 1000
		scanned := 0
	scan:
		for {
			list, err := s.DB.ListAudit(ctx, f)
			if err != nil {
				return nil, err
			}
			for _, e := range list {
				scanned++
				if orgs[e.OrgID] || (e.ObjectType == "user" && managed[e.ObjectID]) {
					if len(page.Entries) == q.Limit {
						page.Next = page.Entries[len(page.Entries)-1].Seq
						break scan
					}
					page.Entries = append(page.Entries, e)
				}
				if scanned >= auditScanMax && e.Seq > 1 {
					page.Next = e.Seq
					break scan
				}
			}
			if len(list) < f.Limit {
				break
			}
			f.BeforeSeq = list[len(list)-1].Seq
		}
	}
	for _, e := range page.Entries {
		if _, ok := page.OrgNames[e.OrgID]; e.OrgID == 0 || ok {
			continue
		}
		if o, err := s.DB.OrgByIDAsOf(ctx, e.OrgID, today); err == nil {
			page.OrgNames[e.OrgID] = o.Name
		} else {
			page.OrgNames[e.OrgID] = ""
		}
	}
	return page, nil
}

// AuditCheck is the result of verifying the audit chain.
type AuditCheck struct {
	OK      bool   `json:"ok"`
	Count   int64  `json:"count"`   // entries checked good
	Head    string `json:"head"`    // SEQ:HASH of the last good entry: the value to write down
	Problem string `json:"problem"` // where the chain breaks, when it does
	Seq     int64  `json:"seq"`     // the seq of the problem
}

// VerifyAudit walks the whole audit chain (`tochuc audit verify` from the web): for an admin at
// the root only, since it reads every entry. expect, when given ("SEQ:HASH"), is a head written
// down earlier; a removed tail or a rewritten chain is then found too.
func (s *Service) VerifyAudit(ctx context.Context, expect string) (*AuditCheck, error) {
	r, err := s.reachFor(ctx, tochuc.PermAudit, s.Today())
	if err != nil {
		return nil, err
	}
	if !r.all {
		s.deny(ctx, "audit verify", "", "")
		return nil, tochuc.Errorf(tochuc.EFORBIDDEN, "Chỉ quản trị viên cấp cao nhất mới được kiểm tra toàn bộ nhật ký.")
	}
	v := &audit.Verifier{}
	if strings.TrimSpace(expect) != "" {
		h, err := audit.ParseHead(expect)
		if err != nil {
			return nil, err
		}
		v.Expect = &h
	}
	err = s.DB.VerifyAudit(ctx, v)
	c := &AuditCheck{Count: v.Count()}
	if v.Count() > 0 {
		c.Head = v.Head().String()
	}
	var p *audit.Problem
	if errors.As(err, &p) {
		c.Problem, c.Seq = p.Message, p.Seq
		return c, nil
	} else if err != nil {
		return nil, err
	}
	c.OK = true
	return c, nil
}

// CanVerifyAudit tells whether the actor may verify the whole chain (an admin at the root), to
// show the link; VerifyAudit checks again.
func (s *Service) CanVerifyAudit(ctx context.Context) bool {
	a := tochuc.ActorFrom(ctx)
	if !a.Can(tochuc.PermAudit) {
		return false
	}
	r, err := s.reachFor(ctx, tochuc.PermAudit, s.Today())
	return err == nil && r.all
}
