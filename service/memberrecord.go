package service

import (
	"context"
	"strconv"
	"strings"
	"time"

	"tochuc"
	"tochuc/store"
)

// FieldErrors are the validation errors of a member form: each names its field (the CSV column
// name, as in ValidateMember) and the rule it breaks. It unwraps to an EINVALID *tochuc.Error
// whose Subject is the first field, so callers that only look at the code keep working.
type FieldErrors struct {
	Errs []tochuc.RowError
	err  *tochuc.Error
}

func newFieldErrors(errs []tochuc.RowError) *FieldErrors {
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Label() + ": " + e.Message
	}
	err := tochuc.Errorf(tochuc.EINVALID, "%s", strings.Join(msgs, "; "))
	err.Subject = errs[0].Column
	return &FieldErrors{Errs: errs, err: err}
}

// Error implements the error interface.
func (e *FieldErrors) Error() string { return e.err.Message }

// Unwrap gives the application error (EINVALID).
func (e *FieldErrors) Unwrap() error { return e.err }

// Field returns the messages about one field (ValidateMember's column names: "cccd" is the
// citizen id, "full_name" a missing name).
func (e *FieldErrors) Field(col string) []string {
	var out []string
	for _, x := range e.Errs {
		if x.Column == col {
			out = append(out, x.Message)
		}
	}
	return out
}

// ShowVersion turns a stored version (RFC 3339, UTC) into Vietnamese local time.
func ShowVersion(v string) string {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return v
	}
	return t.In(tochuc.Vietnam).Format("15:04:05 02/01/2006")
}

// MemberForEdit reads a member's identity fields for an edit form, with the version the form
// must send back. It needs the write permission on the member.
func (s *Service) MemberForEdit(ctx context.Context, id int64) (tochuc.Member, string, error) {
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return tochuc.Member{}, "", err
	}
	if _, err := s.memberIn(ctx, r, id); err != nil {
		return tochuc.Member{}, "", err
	}
	m, err := s.DB.Member(ctx, id)
	if err != nil {
		return m, "", err
	}
	v, err := s.DB.MemberVersion(ctx, id)
	return m, v, err
}

// UpdateMemberAt corrects the identity fields of a member (never its timeline) when the record
// is still at version (its updated_at when the form was opened; "" skips the check). Every
// validation error comes back at once as *FieldErrors; a changed version is an ECONFLICT.
func (s *Service) UpdateMemberAt(ctx context.Context, m tochuc.Member, version string) error {
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return err
	}
	org, err := s.memberIn(ctx, r, m.ID)
	if err != nil {
		return err
	}
	NormalizeMember(&m)
	if errs := ValidateMember(&m); len(errs) > 0 {
		return newFieldErrors(errs)
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if version != "" {
			cur, err := tx.MemberVersion(ctx, m.ID)
			if err != nil {
				return err
			}
			if cur != version {
				return conflict(cur)
			}
		}
		old, err := tx.Member(ctx, m.ID)
		if err != nil {
			return err
		}
		changes := memberChanges(old, m)
		if len(changes) == 0 {
			return nil
		}
		if err := tx.UpdateMemberAt(ctx, &m, Keys(&m), version); err != nil {
			if tochuc.ErrorCode(err) == tochuc.ECONFLICT {
				cur, _ := tx.MemberVersion(ctx, m.ID)
				return conflict(cur)
			}
			return err
		}
		e := entry(ctx, tochuc.AuditMemberUpdate, "member", strconv.FormatInt(m.ID, 10), org)
		e.Changes = changes
		return tx.AppendAudit(ctx, e)
	})
	s.changed()
	return err
}

func conflict(version string) error {
	return tochuc.Errorf(tochuc.ECONFLICT, "Hồ sơ đã được người khác sửa lúc %s; hãy tải lại trang để xem bản mới rồi sửa lại.", ShowVersion(version))
}

// MemberHistory is a member's record through time: the timeline of party life and the changes
// made to the record, from the audit trail.
type MemberHistory struct {
	Events  []tochuc.MemberEvent
	Changes []tochuc.AuditEntry // newest first
}

// limitedColumns are the fields a limited reader does not see, as the audit trail names them.
var limitedColumns = map[string]bool{"citizen_id": true, "card_number": true, "history_number": true,
	"residence": true, "birth_name": true, "aliases": true}

// MemberHistory reads a member's timeline and the change history of the record (field diffs,
// old → new) for a reader of the member.
func (s *Service) MemberHistory(ctx context.Context, id int64) (*MemberHistory, error) {
	r, limited, err := s.readReach(ctx, s.Today())
	if err != nil {
		return nil, err
	}
	if _, err := s.memberIn(ctx, r, id); err != nil {
		return nil, err
	}
	h := &MemberHistory{}
	if h.Events, err = s.DB.MemberEvents(ctx, id); err != nil {
		return nil, err
	}
	for i := range h.Events {
		if h.Events[i].OrgID != 0 {
			if o, err := s.DB.OrgByIDAsOf(ctx, h.Events[i].OrgID, h.Events[i].Date); err == nil {
				h.Events[i].OrgName, h.Events[i].OrgCode = o.Name, o.Code
			}
		}
	}
	entries, err := s.DB.ListAudit(ctx, store.AuditFilter{ObjectType: "member", ObjectID: strconv.FormatInt(id, 10),
		Action: "member.", Limit: 500})
	if err != nil {
		return nil, err
	}
	hideOwn := limited && r.self != id
	for _, e := range entries {
		if e.Outcome != tochuc.OutcomeOK {
			continue
		}
		e.IP, e.SessionHash, e.PrevHash, e.Hash = "", "", "", "" // not part of a record's history
		if hideOwn {
			for i, c := range e.Changes {
				if limitedColumns[c.Field] {
					e.Changes[i].Old, e.Changes[i].New = redacted, redacted
				}
			}
		}
		h.Changes = append(h.Changes, e)
	}
	return h, nil
}
