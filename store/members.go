package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"tochuc"
)

// MemberKeys are the derived columns that make Vietnamese sort and search fast.
type MemberKeys struct {
	SortKey  []byte // collation key: given name, surname, middle name
	NameFold string // folded, given name first: "mai nguyen thi yen"
	FullFold string // folded full name: "nguyen thi yen mai"
}

const memberCols = `m.id, m.surname, m.middle_name, m.given_name, m.full_name, m.birth_name, m.aliases, m.sex,
	m.birth_date, m.birth_place, m.home_town, m.residence, m.ethnicity, m.religion, m.education,
	m.professional_qualification, m.political_theory, m.occupation, m.citizen_id, m.card_number,
	m.history_number, m.admission_date, m.ceremony_date, m.official_date, m.academic_title`

func memberDest(m *tochuc.Member) []any {
	return []any{&m.ID, &m.Surname, &m.MiddleName, &m.GivenName, &m.FullName, &m.BirthName, &m.Aliases, &m.Sex,
		&m.BirthDate, &m.BirthPlace, &m.HomeTown, &m.Residence, &m.Ethnicity, &m.Religion, &m.Education,
		&m.ProfessionalQualification, &m.PoliticalTheory, &m.Occupation, &m.CitizenID, &m.CardNumber,
		&m.HistoryNumber, &m.AdmissionDate, &m.CeremonyDate, &m.OfficialDate, &m.AcademicTitle}
}

func memberArgs(m *tochuc.Member) []any {
	return []any{m.Surname, m.MiddleName, m.GivenName, m.FullName, m.BirthName, m.Aliases, m.Sex,
		m.BirthDate, m.BirthPlace, m.HomeTown, m.Residence, m.Ethnicity, m.Religion, m.Education,
		m.ProfessionalQualification, m.PoliticalTheory, m.Occupation, m.CitizenID, m.CardNumber,
		m.HistoryNumber, m.AdmissionDate, m.CeremonyDate, m.OfficialDate, m.AcademicTitle}
}

// memberInsertCols lists the identity columns in the order of memberArgs.
const memberInsertCols = `surname, middle_name, given_name, full_name, birth_name, aliases, sex,
	birth_date, birth_place, home_town, residence, ethnicity, religion, education,
	professional_qualification, political_theory, occupation, citizen_id, card_number,
	history_number, admission_date, ceremony_date, official_date, academic_title`

// MemberColumnCount is the number of identity columns a member row carries.
var MemberColumnCount = len(strings.Split(memberInsertCols, ","))

func placeholders(from, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", from+i)
	}
	return b.String()
}

// InsertMember adds a member with its derived keys and returns its id.
func (tx *Tx) InsertMember(ctx context.Context, m *tochuc.Member, k MemberKeys) (int64, error) {
	n := MemberColumnCount
	args := append(memberArgs(m), k.SortKey, k.NameFold, k.FullFold, now(), now())
	id, err := insertID(ctx, tx.q(), `INSERT INTO members (`+memberInsertCols+`, sort_key, name_fold, full_fold, created_at, updated_at)
		VALUES (`+placeholders(1, n+5)+`)`, args...)
	if err != nil {
		return 0, fmt.Errorf("store: insert member: %w", err)
	}
	return id, nil
}

// updateMember builds the UPDATE of a member's identity fields and derived keys.
func updateMember(m *tochuc.Member, k MemberKeys) (string, []any) {
	cols := strings.Split(memberInsertCols, ",")
	set := make([]string, len(cols))
	for i, c := range cols {
		set[i] = fmt.Sprintf("%s = $%d", strings.TrimSpace(c), i+1)
	}
	n := len(cols)
	args := append(memberArgs(m), k.SortKey, k.NameFold, k.FullFold, now(), m.ID)
	return `UPDATE members SET ` + strings.Join(set, ", ") +
		fmt.Sprintf(`, sort_key = $%d, name_fold = $%d, full_fold = $%d, updated_at = $%d WHERE id = $%d`, n+1, n+2, n+3, n+4, n+5), args
}

// UpdateMember rewrites the identity fields of a member.
func (tx *Tx) UpdateMember(ctx context.Context, m *tochuc.Member, k MemberKeys) error {
	q, args := updateMember(m, k)
	if _, err := tx.q().ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("store: update member %d: %w", m.ID, err)
	}
	return nil
}

// Member reads one member's identity and current placement.
func (db *DB) Member(ctx context.Context, id int64) (tochuc.Member, error) {
	return member(ctx, db.q(), id)
}

// Member is Member inside a transaction.
func (tx *Tx) Member(ctx context.Context, id int64) (tochuc.Member, error) {
	return member(ctx, tx.q(), id)
}

func member(ctx context.Context, q querier, id int64) (tochuc.Member, error) {
	var m tochuc.Member
	var org sql.NullInt64
	var photo int
	dest := append(memberDest(&m), &org, &m.Status, &photo)
	err := q.QueryRowContext(ctx, `SELECT `+memberCols+`, m.org_id, m.status,
		(SELECT COUNT(*) FROM member_photos p WHERE p.member_id = m.id) FROM members m WHERE m.id = $1`, id).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return m, tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy đảng viên")
	} else if err != nil {
		return m, fmt.Errorf("store: member %d: %w", id, err)
	}
	m.OrgID, m.HasPhoto = org.Int64, photo > 0
	return m, nil
}

// InsertMemberEvent appends one event to a member's timeline.
func (tx *Tx) InsertMemberEvent(ctx context.Context, e tochuc.MemberEvent) (int64, error) {
	var org any
	if e.OrgID != 0 {
		org = e.OrgID
	}
	id, err := insertID(ctx, tx.q(), `INSERT INTO member_events (member_id, kind, event_date, org_id, document, note,
		doc_date, doc_signer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, e.MemberID, e.Kind, e.Date, org, e.Document, e.Note,
		e.DocDate, e.Signer)
	if err != nil {
		return 0, fmt.Errorf("store: insert member event: %w", err)
	}
	return id, nil
}

// MemberEvents returns a member's timeline in the order the events take effect.
func (db *DB) MemberEvents(ctx context.Context, id int64) ([]tochuc.MemberEvent, error) {
	return memberEvents(ctx, db.q(), id)
}

// MemberEvents is MemberEvents inside a transaction.
func (tx *Tx) MemberEvents(ctx context.Context, id int64) ([]tochuc.MemberEvent, error) {
	return memberEvents(ctx, tx.q(), id)
}

func memberEvents(ctx context.Context, q querier, id int64) ([]tochuc.MemberEvent, error) {
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.member_id, e.kind, e.event_date, COALESCE(e.org_id, 0),
		COALESCE(o.code, ''), e.document, e.note, e.doc_date, e.doc_signer
		FROM member_events e LEFT JOIN orgs o ON o.id = e.org_id WHERE e.member_id = $1 ORDER BY e.event_date, e.id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: member events: %w", err)
	}
	defer rows.Close()
	var out []tochuc.MemberEvent
	for rows.Next() {
		var e tochuc.MemberEvent
		if err := rows.Scan(&e.ID, &e.MemberID, &e.Kind, &e.Date, &e.OrgID, &e.OrgCode, &e.Document, &e.Note, &e.DocDate, &e.Signer); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ReplaceSpans stores a member's spans, rebuilt from its events, and its placement today.
func (tx *Tx) ReplaceSpans(ctx context.Context, memberID int64, spans []tochuc.Span, today tochuc.Date) error {
	if _, err := tx.q().ExecContext(ctx, `DELETE FROM member_spans WHERE member_id = $1`, memberID); err != nil {
		return fmt.Errorf("store: delete spans: %w", err)
	}
	for _, s := range spans {
		if _, err := tx.q().ExecContext(ctx, `INSERT INTO member_spans (member_id, org_id, valid_from, valid_to, state, official_from, end_kind)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, memberID, s.OrgID, s.ValidFrom, s.ValidTo, s.State, s.OfficialFrom, s.EndKind); err != nil {
			return fmt.Errorf("store: insert span: %w", err)
		}
	}
	status, org := tochuc.StatusAt(spans, nil, today)
	var orgArg any
	if org != 0 {
		orgArg = org
	}
	_, err := tx.q().ExecContext(ctx, `UPDATE members SET org_id = $2, status = $3 WHERE id = $1`, memberID, orgArg, status)
	return err
}

// MemberSpans returns a member's placement spans, oldest first.
func (db *DB) MemberSpans(ctx context.Context, id int64) ([]tochuc.Span, error) {
	return memberSpans(ctx, db.q(), id)
}

func memberSpans(ctx context.Context, q querier, id int64) ([]tochuc.Span, error) {
	rows, err := q.QueryContext(ctx, `SELECT member_id, org_id, valid_from, valid_to, state, official_from, end_kind
		FROM member_spans WHERE member_id = $1 ORDER BY valid_from`, id)
	if err != nil {
		return nil, fmt.Errorf("store: member spans: %w", err)
	}
	defer rows.Close()
	var out []tochuc.Span
	for rows.Next() {
		var s tochuc.Span
		if err := rows.Scan(&s.MemberID, &s.OrgID, &s.ValidFrom, &s.ValidTo, &s.State, &s.OfficialFrom, &s.EndKind); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// CountPlacedOn counts the members whose span in an org is open on day d.
func (tx *Tx) CountPlacedOn(ctx context.Context, orgID int64, d tochuc.Date) (int, error) {
	var n int
	err := tx.q().QueryRowContext(ctx, `SELECT COUNT(*) FROM member_spans WHERE org_id = $1 AND valid_from <= $2 AND valid_to > $2`, orgID, d).Scan(&n)
	return n, err
}

// MembersPlacedOn lists the ids of the members whose span in an org is open on day d.
func (tx *Tx) MembersPlacedOn(ctx context.Context, orgID int64, d tochuc.Date) ([]int64, error) {
	return ids(tx.q().QueryContext(ctx, `SELECT member_id FROM member_spans WHERE org_id = $1 AND valid_from <= $2 AND valid_to > $2 ORDER BY member_id`, orgID, d))
}

// MemberCount is the number of members in the register (of any status).
func (db *DB) MemberCount(ctx context.Context) (int, error) {
	var n int
	err := db.q().QueryRowContext(ctx, `SELECT COUNT(*) FROM members`).Scan(&n)
	return n, err
}

// EachMemberKey streams the matching keys of every member.
func (db *DB) EachMemberKey(ctx context.Context, fn func(id int64, citizenID, card string)) error {
	rows, err := db.q().QueryContext(ctx, `SELECT id, citizen_id, card_number FROM members`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c, t string
		if err := rows.Scan(&id, &c, &t); err != nil {
			return err
		}
		fn(id, c, t)
	}
	return rows.Err()
}

// ids collects a one-column result of ids.
func ids(rows *sql.Rows, err error) ([]int64, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Photo returns a member's photo and its content type.
func (db *DB) Photo(ctx context.Context, memberID int64) ([]byte, string, error) {
	var data []byte
	var ct string
	err := db.q().QueryRowContext(ctx, `SELECT data, content_type FROM member_photos WHERE member_id = $1`, memberID).Scan(&data, &ct)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", tochuc.Errorf(tochuc.ENOTFOUND, "đảng viên chưa có ảnh")
	}
	return data, ct, err
}

// SetPhoto stores or replaces a member's photo.
func (tx *Tx) SetPhoto(ctx context.Context, memberID int64, contentType string, data []byte) error {
	_, err := tx.q().ExecContext(ctx, `INSERT INTO member_photos (member_id, content_type, data) VALUES ($1, $2, $3)
		ON CONFLICT (member_id) DO UPDATE SET content_type = excluded.content_type, data = excluded.data`, memberID, contentType, data)
	return err
}
