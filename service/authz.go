package service

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tochuc"
)

// Authorization lives here and only here (ASVS 4.0 4.2.1: one access-control mechanism): every
// service method asks for a reach before it reads or writes, and a reach is computed from the
// actor's grants against the tree as it stood on the date being read. Outside the reach the
// answer is the same "not found" as for a record that does not exist.

// reach is what an actor may touch with one permission on one date.
type reach struct {
	actor *tochuc.Actor
	all   bool         // system, or a grant at the root
	orgs  []tochuc.Org // the grant orgs as they stood on the date, widest first
	self  int64        // the own member record (role member), for reads
	date  tochuc.Date
}

// covers reports whether an org at path lies in the reach.
func (r reach) covers(path string) bool {
	if r.all {
		return true
	}
	for _, o := range r.orgs {
		if strings.HasPrefix(path, o.Path) {
			return true
		}
	}
	return false
}

// errLogin is the answer to a call without an actor: the service denies by default.
var errLogin = tochuc.Errorf(tochuc.EFORBIDDEN, "Bạn cần đăng nhập để làm việc này.")

// notFoundMember and notFoundOrg are the answers outside the reach: the same words as for a
// record that does not exist, so the answer tells nothing of what lies outside.
func notFoundMember() error {
	return tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy đảng viên")
}
func notFoundOrg(code string, d tochuc.Date) error {
	return tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy tổ chức đảng mã %q vào ngày %s", code, d.Display())
}

// reachFor computes the actor's reach for perm on day d. An actor without the permission
// anywhere gets EFORBIDDEN (a function it may not use at all, shown as "not found" on the web).
func (s *Service) reachFor(ctx context.Context, perm string, d tochuc.Date) (reach, error) {
	a := tochuc.ActorFrom(ctx)
	if a == nil {
		return reach{}, errLogin
	}
	r := reach{actor: a, date: d}
	if a.System {
		r.all = true
		return r, nil
	}
	for _, g := range a.Grants {
		if g.Role == tochuc.RoleMember && (perm == tochuc.PermRead || perm == tochuc.PermReadLimited) {
			r.self = a.MemberID
		}
		if !g.Allows(perm) {
			continue
		}
		o, err := s.DB.OrgByIDAsOf(ctx, g.OrgID, d)
		if tochuc.ErrorCode(err) == tochuc.ENOTFOUND {
			continue // the org did not exist on that date: the grant reaches nothing then
		} else if err != nil {
			return r, err
		}
		if o.ParentID == 0 {
			r.all = true
		}
		r.orgs = append(r.orgs, o)
	}
	slices.SortFunc(r.orgs, func(a, b tochuc.Org) int { return len(a.Path) - len(b.Path) })
	if !r.all && len(r.orgs) == 0 && r.self == 0 {
		s.deny(ctx, perm, "", "")
		return r, tochuc.Errorf(tochuc.EFORBIDDEN, "Tài khoản của bạn không có quyền làm việc này.")
	}
	return r, nil
}

// orgIn reads an org on day d and checks that it lies in the reach.
func (s *Service) orgIn(ctx context.Context, r reach, code string) (tochuc.Org, error) {
	if !utf8.ValidString(code) || strings.ContainsFunc(code, unicode.IsControl) {
		return tochuc.Org{}, notFoundOrg(strings.ToValidUTF8(code, "?"), r.date) // no such code; PostgreSQL refuses NUL
	}
	o, err := s.DB.OrgByCodeAsOf(ctx, code, r.date)
	if err != nil {
		return o, err
	}
	if !r.covers(o.Path) {
		s.deny(ctx, "org", "org", code)
		return tochuc.Org{}, notFoundOrg(code, r.date)
	}
	return o, nil
}

// home is the org a list or page starts from when none is asked for: the root for a reach over
// everything, else the widest grant org.
func (s *Service) home(ctx context.Context, r reach) (tochuc.Org, error) {
	if r.all {
		roots, err := s.DB.ChildrenAsOf(ctx, 0, r.date)
		if err != nil {
			return tochuc.Org{}, err
		}
		if len(roots) == 0 {
			return tochuc.Org{}, tochuc.Errorf(tochuc.ENOTFOUND, "chưa có tổ chức đảng nào vào ngày %s", r.date.Display())
		}
		return roots[0], nil
	}
	if len(r.orgs) == 0 {
		return tochuc.Org{}, notFoundOrg("", r.date)
	}
	return r.orgs[0], nil
}

// memberOrgs are the orgs a member belongs to for access on day d: the placement on d, else the
// last one before d, else the first one (a member admitted later). A member in transit belongs
// to both sides: the org that issued the slip and the org that is to receive it.
func (s *Service) memberOrgs(ctx context.Context, id int64, d tochuc.Date) ([]int64, error) {
	spans, err := s.DB.MemberSpans(ctx, id)
	if err != nil {
		return nil, err
	}
	at := -1
	for i, sp := range spans {
		if at < 0 || sp.ValidFrom <= d {
			at = i
		}
	}
	if at < 0 {
		return nil, nil
	}
	orgs := []int64{spans[at].OrgID}
	if spans[at].State == tochuc.StateInTransit && at > 0 {
		orgs = append(orgs, spans[at-1].OrgID)
	}
	return orgs, nil
}

// memberIn checks that member id lies in the reach on the reach's date; the own record of a
// member is always in its read reach. It returns the org the member is placed in (the
// destination while in transit).
func (s *Service) memberIn(ctx context.Context, r reach, id int64) (orgID int64, err error) {
	if _, err := s.DB.Member(ctx, id); err != nil {
		return 0, err
	}
	orgs, err := s.memberOrgs(ctx, id, r.date)
	if err != nil {
		return 0, err
	}
	if len(orgs) > 0 {
		orgID = orgs[0]
	}
	if r.self == id || r.all {
		return orgID, nil
	}
	for _, org := range orgs {
		if org == 0 {
			continue
		}
		if o, err := s.DB.OrgByIDAsOf(ctx, org, r.date); err == nil && r.covers(o.Path) {
			return orgID, nil
		}
	}
	s.deny(ctx, "member", "member", strconv.FormatInt(id, 10))
	return 0, notFoundMember()
}

// entry starts an audit entry for the actor of ctx.
func entry(ctx context.Context, action, objectType, objectID string, orgID int64) *tochuc.AuditEntry {
	e := &tochuc.AuditEntry{Action: action, ObjectType: objectType, ObjectID: objectID, OrgID: orgID, Outcome: tochuc.OutcomeOK}
	if a := tochuc.ActorFrom(ctx); a != nil {
		e.ActorID, e.ActorName, e.Channel, e.IP, e.SessionHash = a.UserID, a.Username, a.Channel, a.IP, a.SessionHash
	}
	return e
}

// deny records a refused access. It never fails the request further: the caller already refuses.
func (s *Service) deny(ctx context.Context, what, objectType, objectID string) {
	e := entry(ctx, tochuc.AuditDeny, objectType, objectID, 0)
	e.Outcome, e.Reason = tochuc.OutcomeDeny, what
	s.DB.AppendAudit(ctx, e)
}

// readReach is the reach for reading members: full fields with PermRead, identity numbers and
// address hidden with PermReadLimited only (a cell secretary), own record for a member.
func (s *Service) readReach(ctx context.Context, d tochuc.Date) (r reach, limited bool, err error) {
	a := tochuc.ActorFrom(ctx)
	if a.Can(tochuc.PermRead) {
		r, err = s.reachFor(ctx, tochuc.PermRead, d)
		return r, false, err
	}
	r, err = s.reachFor(ctx, tochuc.PermReadLimited, d)
	return r, err == nil && !(r.self != 0 && len(r.orgs) == 0), err
}

// limit blanks the fields a limited reader does not see: identity numbers and addresses.
func limit(m *tochuc.Member) {
	m.CitizenID, m.CardNumber, m.HistoryNumber = "", "", ""
	m.Residence, m.BirthName, m.Aliases = "", "", ""
}

// wholeTree checks that the actor may write everywhere: imports and restructure plans touch
// orgs across the tree, so they are for the system (the CLI) and for staff or admins at the root.
func (s *Service) wholeTree(ctx context.Context) error {
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return err
	}
	if !r.all {
		s.deny(ctx, "import", "", "")
		return tochuc.Errorf(tochuc.EFORBIDDEN, "Chỉ cán bộ được phân quyền trên toàn bộ cây tổ chức mới được nhập tệp.")
	}
	return nil
}

// orgOrHome is the org a request names, checked against the reach, or the reach's home org when
// it names none.
func (s *Service) orgOrHome(ctx context.Context, r reach, code string) (tochuc.Org, error) {
	if code == "" {
		return s.home(ctx, r)
	}
	return s.orgIn(ctx, r, code)
}
