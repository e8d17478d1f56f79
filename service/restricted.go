package service

import (
	"context"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/store"
	"tochuc/vn"
)

// Restricted fields (internal political protection, discipline, evaluations) need the grant's
// restricted flag, a second-factor login and a stated reason; every read is in the audit trail,
// without the content (ASVS 8.2.3, 16.3.2).

func (s *Service) restrictedReach(ctx context.Context, memberID int64, reason string) (int64, error) {
	r, err := s.reachFor(ctx, tochuc.PermRestricted, s.Today())
	if err != nil {
		return 0, err
	}
	org, err := s.memberIn(ctx, r, memberID)
	if err != nil {
		return 0, err
	}
	if !r.actor.MFA {
		return 0, tochuc.Errorf(tochuc.EFORBIDDEN, "Cần đăng nhập với xác thực hai bước để xem trường hạn chế.")
	}
	if len([]rune(strings.TrimSpace(reason))) < 5 {
		return 0, tochuc.Errorf(tochuc.EINVALID, "Lý do xem: bắt buộc (ít nhất 5 ký tự), được ghi vào nhật ký kiểm toán.")
	}
	return org, nil
}

// MemberRestricted reads a member's restricted fields for a stated reason.
func (s *Service) MemberRestricted(ctx context.Context, memberID int64, reason string) (store.Restricted, error) {
	org, err := s.restrictedReach(ctx, memberID, reason)
	if err != nil {
		return store.Restricted{}, err
	}
	e := entry(ctx, tochuc.AuditRestrictedRead, "member", strconv.FormatInt(memberID, 10), org)
	e.Reason = vn.NFC(strings.TrimSpace(reason))
	if err := s.DB.AppendAudit(ctx, e); err != nil {
		return store.Restricted{}, err // fail closed: no trail, no read
	}
	return s.DB.Restricted(ctx, memberID)
}

// SetMemberRestricted writes a member's restricted fields; the trail says which fields changed,
// not what they say.
func (s *Service) SetMemberRestricted(ctx context.Context, memberID int64, in store.Restricted, reason string) error {
	org, err := s.restrictedReach(ctx, memberID, reason)
	if err != nil {
		return err
	}
	if _, err := s.reachFor(ctx, tochuc.PermWrite, s.Today()); err != nil {
		return err
	}
	for _, p := range []*string{&in.ProtectionNote, &in.Discipline, &in.Evaluation} {
		*p = strings.TrimSpace(vn.NFC(*p))
		if len(*p) > 20000 {
			return tochuc.Errorf(tochuc.EINVALID, "Mỗi trường hạn chế tối đa 20.000 ký tự.")
		}
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		old, err := tx.Restricted(ctx, memberID)
		if err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditMemberUpdate, "member", strconv.FormatInt(memberID, 10), org)
		e.Reason = vn.NFC(strings.TrimSpace(reason))
		for _, f := range []struct{ name, old, new string }{{"protection_note", old.ProtectionNote, in.ProtectionNote},
			{"discipline", old.Discipline, in.Discipline}, {"evaluation", old.Evaluation, in.Evaluation}} {
			if f.old != f.new {
				e.Changes = append(e.Changes, tochuc.FieldChange{Field: f.name, Old: redacted, New: redacted})
			}
		}
		if len(e.Changes) == 0 {
			return nil
		}
		if err := tx.SetRestricted(ctx, memberID, in); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, e)
	})
}

// redacted stands for a restricted value in the audit trail.
const redacted = "(đã ẩn)"
