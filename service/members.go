package service

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tochuc"
	"tochuc/store"
	"tochuc/vn"
)

// Keys derives the columns that make Vietnamese sort and search fast.
func Keys(m *tochuc.Member) store.MemberKeys {
	given := vn.Fold(m.GivenName)
	rest := vn.Fold(strings.TrimSpace(m.Surname + " " + m.MiddleName))
	nameFold := given
	if rest != "" {
		nameFold += " " + rest
	}
	return store.MemberKeys{
		SortKey:  vn.NameSortKey(m.Surname, m.MiddleName, m.GivenName),
		NameFold: nameFold,
		FullFold: vn.Fold(m.FullName),
	}
}

// collapseSpaces is strings.Join(strings.Fields(s), " "), without allocating when s is already
// so (single ASCII spaces between words, none at the ends: nearly every cell of a file).
func collapseSpaces(s string) string {
	prevSpace := true // a space at the start needs the slow path
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' && !prevSpace:
				prevSpace = true
			case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
				return strings.Join(strings.Fields(s), " ")
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return strings.Join(strings.Fields(s), " ")
		}
		prevSpace = false
		i += n
	}
	if prevSpace && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// NormalizeMember puts a member's text in NFC and fills the full name from its parts.
func NormalizeMember(m *tochuc.Member) {
	for _, p := range []*string{&m.Surname, &m.MiddleName, &m.GivenName, &m.FullName, &m.BirthName, &m.Aliases,
		&m.BirthPlace, &m.HomeTown, &m.Residence, &m.CitizenID, &m.CardNumber, &m.HistoryNumber} {
		*p = vn.NFC(collapseSpaces(*p))
	}
	if m.GivenName == "" && m.FullName != "" {
		m.Surname, m.MiddleName, m.GivenName = vn.SplitFullName(m.FullName)
	}
	m.FullName = vn.JoinName(m.Surname, m.MiddleName, m.GivenName)
}

// appendEvent adds one event to a member's timeline and rebuilds the spans from all events, so
// that a late entry (a recognition recorded months after its date) lands where it belongs.
func (s *Service) appendEvent(ctx context.Context, tx *store.Tx, e tochuc.MemberEvent) error {
	if e.OrgID != 0 {
		ok, err := tx.OrgValidOn(ctx, e.OrgID, e.Date)
		if err != nil {
			return err
		}
		if !ok {
			return tochuc.Errorf(tochuc.EINVALID, "tổ chức đảng nơi đến không tồn tại vào ngày %s", e.Date.Display())
		}
	}
	events, err := tx.MemberEvents(ctx, e.MemberID)
	if err != nil {
		return err
	}
	// The new event takes effect after those already recorded on its day, as it will once
	// stored (events of a day replay in insertion order): its id is not known yet.
	probe := e
	probe.ID = math.MaxInt64
	spans, err := tochuc.BuildSpans(e.MemberID, append(events, probe))
	if err != nil {
		return err
	}
	if _, err := tx.InsertMemberEvent(ctx, e); err != nil {
		return err
	}
	return tx.ReplaceSpans(ctx, e.MemberID, spans, s.Today())
}

// Member reads one member with its placement as of day d.
func (s *Service) Member(ctx context.Context, id int64, d tochuc.Date) (tochuc.Member, []tochuc.MemberEvent, error) {
	r, limited, err := s.readReach(ctx, d)
	if err != nil {
		return tochuc.Member{}, nil, err
	}
	if _, err := s.memberIn(ctx, r, id); err != nil {
		return tochuc.Member{}, nil, err
	}
	m, err := s.DB.Member(ctx, id)
	if err != nil {
		return m, nil, err
	}
	if limited && r.self != id {
		limit(&m)
	}
	events, err := s.DB.MemberEvents(ctx, id)
	if err != nil {
		return m, nil, err
	}
	spans, err := s.DB.MemberSpans(ctx, id)
	if err != nil {
		return m, nil, err
	}
	m.Status, m.OrgID = tochuc.StatusAt(spans, events, d)
	if m.OrgID != 0 {
		if o, err := s.DB.OrgByIDAsOf(ctx, m.OrgID, d); err == nil {
			m.OrgCode, m.OrgName = o.Code, o.Name
		}
	}
	for i := range events {
		if events[i].OrgID != 0 {
			if o, err := s.DB.OrgByIDAsOf(ctx, events[i].OrgID, events[i].Date); err == nil {
				events[i].OrgName = o.Name
			}
		}
	}
	return m, events, nil
}

// UpdateMember corrects the identity fields of a member (never its timeline), whatever changed
// since it was read; forms use UpdateMemberAt with the version they were opened on.
func (s *Service) UpdateMember(ctx context.Context, m tochuc.Member) error {
	return s.UpdateMemberAt(ctx, m, "")
}

// RecordEvent appends a dated event (admission, transfer, exit…) to a member's timeline.
func (s *Service) RecordEvent(ctx context.Context, e tochuc.MemberEvent) error {
	r, err := s.reachFor(ctx, tochuc.PermWrite, e.Date)
	if err != nil {
		return err
	}
	org, err := s.memberIn(ctx, r, e.MemberID)
	if err != nil {
		return err
	}
	if e.OrgID == 0 && e.OrgCode != "" {
		// A destination named by code must lie in the writer's reach too.
		dest, err := s.orgIn(ctx, r, e.OrgCode)
		if err != nil {
			return err
		}
		e.OrgID = dest.ID
	}
	if err := s.ensureToday(ctx); err != nil {
		return err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Member(ctx, e.MemberID); err != nil {
			return err
		}
		if err := s.appendEvent(ctx, tx, e); err != nil {
			return err
		}
		a := entry(ctx, tochuc.AuditMemberEvent, "member", strconv.FormatInt(e.MemberID, 10), org)
		a.Changes = eventChanges(e)
		return tx.AppendAudit(ctx, a)
	})
	s.changed()
	return err
}

// CreateMember registers a person admitted to org on m.AdmissionDate, with the recognition
// event when an official date is given.
func (s *Service) CreateMember(ctx context.Context, m tochuc.Member, orgCode string) (int64, error) {
	NormalizeMember(&m)
	if errs := ValidateMember(&m); len(errs) > 0 {
		return 0, tochuc.Errorf(tochuc.EINVALID, "%s", errs[0].String())
	}
	if m.AdmissionDate == "" {
		return 0, tochuc.Errorf(tochuc.EINVALID, "thiếu ngày quyết định kết nạp")
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, m.AdmissionDate)
	if err != nil {
		return 0, err
	}
	org, err := s.orgIn(ctx, r, orgCode)
	if err != nil {
		return 0, err
	}
	if err := s.ensureToday(ctx); err != nil {
		return 0, err
	}
	var id int64
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		var err error
		if id, err = tx.InsertMember(ctx, &m, Keys(&m)); err != nil {
			return err
		}
		if err := s.appendEvent(ctx, tx, tochuc.MemberEvent{MemberID: id, Kind: tochuc.EventAdmitted, Date: m.AdmissionDate, OrgID: org.ID}); err != nil {
			return err
		}
		if m.OfficialDate != "" {
			if err := s.appendEvent(ctx, tx, tochuc.MemberEvent{MemberID: id, Kind: tochuc.EventRecognized, Date: m.OfficialDate}); err != nil {
				return err
			}
		}
		e := entry(ctx, tochuc.AuditMemberCreate, "member", strconv.FormatInt(id, 10), org.ID)
		m.ID = id
		e.Changes = memberChanges(tochuc.Member{}, m)
		return tx.AppendAudit(ctx, e)
	})
	s.changed()
	return id, err
}

// MaxPhotoBytes bounds a member photo (a 2×3 cm card photo needs far less).
const MaxPhotoBytes = 2 << 20

// SetPhoto stores a member's photo; only JPEG and PNG are accepted, checked by content.
func (s *Service) SetPhoto(ctx context.Context, memberID int64, data []byte) error {
	r, err := s.reachFor(ctx, tochuc.PermWrite, s.Today())
	if err != nil {
		return err
	}
	org, err := s.memberIn(ctx, r, memberID)
	if err != nil {
		return err
	}
	if len(data) > MaxPhotoBytes {
		return tochuc.Errorf(tochuc.EINVALID, "ảnh quá lớn (tối đa 2 MB)")
	}
	ct := http.DetectContentType(data)
	if ct != "image/jpeg" && ct != "image/png" {
		return tochuc.Errorf(tochuc.EINVALID, "ảnh phải là tệp JPEG hoặc PNG")
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Member(ctx, memberID); err != nil {
			return err
		}
		if err := tx.SetPhoto(ctx, memberID, ct, data); err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditMemberPhoto, "member", strconv.FormatInt(memberID, 10), org)
		e.Changes = []tochuc.FieldChange{{Field: "photo", New: fmt.Sprintf("%s, %d byte", ct, len(data))}}
		return tx.AppendAudit(ctx, e)
	})
}

// Photo returns a member's photo; a limited reader (a cell secretary) sees it too.
func (s *Service) Photo(ctx context.Context, memberID int64) ([]byte, string, error) {
	r, _, err := s.readReach(ctx, s.Today())
	if err != nil {
		return nil, "", err
	}
	if _, err := s.memberIn(ctx, r, memberID); err != nil {
		return nil, "", err
	}
	return s.DB.Photo(ctx, memberID)
}
