package service

import (
	"context"
	"net/http"
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
	spans, err := tochuc.BuildSpans(e.MemberID, append(events, e))
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
	m, err := s.DB.Member(ctx, id)
	if err != nil {
		return m, nil, err
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

// UpdateMember corrects the identity fields of a member (never its timeline).
func (s *Service) UpdateMember(ctx context.Context, m tochuc.Member) error {
	NormalizeMember(&m)
	if errs := ValidateMember(&m); len(errs) > 0 {
		return tochuc.Errorf(tochuc.EINVALID, "%s", errs[0].String())
	}
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Member(ctx, m.ID); err != nil {
			return err
		}
		return tx.UpdateMember(ctx, &m, Keys(&m))
	})
	s.changed()
	return err
}

// RecordEvent appends a dated event (admission, transfer, exit…) to a member's timeline.
func (s *Service) RecordEvent(ctx context.Context, e tochuc.MemberEvent) error {
	if err := s.ensureToday(ctx); err != nil {
		return err
	}
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Member(ctx, e.MemberID); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, e)
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
	if err := s.ensureToday(ctx); err != nil {
		return 0, err
	}
	org, err := s.DB.OrgByCodeAsOf(ctx, orgCode, m.AdmissionDate)
	if err != nil {
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
			return s.appendEvent(ctx, tx, tochuc.MemberEvent{MemberID: id, Kind: tochuc.EventRecognized, Date: m.OfficialDate})
		}
		return nil
	})
	s.changed()
	return id, err
}

// MaxPhotoBytes bounds a member photo (a 2×3 cm card photo needs far less).
const MaxPhotoBytes = 2 << 20

// SetPhoto stores a member's photo; only JPEG and PNG are accepted, checked by content.
func (s *Service) SetPhoto(ctx context.Context, memberID int64, data []byte) error {
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
		return tx.SetPhoto(ctx, memberID, ct, data)
	})
}

// Photo returns a member's photo.
func (s *Service) Photo(ctx context.Context, memberID int64) ([]byte, string, error) {
	return s.DB.Photo(ctx, memberID)
}
