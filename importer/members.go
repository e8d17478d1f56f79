package importer

import (
	"errors"
	"strconv"

	"tochuc"
	"tochuc/tabular"
	"tochuc/vn"
)

// MemberColumns are the columns of the member CSV format, export and import alike; the first
// ten are the stable machine interface.
var MemberColumns = []string{"id", "full_name", "sex", "birth_date", "cccd", "card_number", "org_code",
	"status", "admission_date", "official_date", "surname", "middle_name", "given_name", "ceremony_date",
	"status_date", "history_number", "birth_name", "aliases", "birth_place", "home_town", "residence",
	"ethnicity", "religion", "education", "professional_qualification", "political_theory", "occupation", "org_name",
	"academic_title"}

// MemberRow is one member read from a file.
type MemberRow struct {
	Line       int
	ID         int64 // the register id, when the file came from an export
	Member     tochuc.Member
	OrgCode    string
	Status     string
	StatusDate tochuc.Date
	Errors     []tochuc.RowError
}

// MemberReader reads member rows from a table.
type MemberReader struct {
	r tabular.Reader
	h Header
	// Unknown lists headings that are not member columns (reported as warnings).
	Unknown []string
}

// NewMemberReader checks the header of a member file.
func NewMemberReader(r tabular.Reader) (*MemberReader, error) {
	h, unknown := MapHeader(r.Header(), MemberColumns)
	if !h.Has("full_name") && !h.Has("given_name") {
		return nil, tochuc.Errorf(tochuc.EINVALID, "dòng 1: tệp không có cột họ và tên (full_name hoặc \"Họ và tên\")")
	}
	for _, c := range []string{"sex", "birth_date", "org_code"} {
		if !h.Has(c) {
			return nil, tochuc.Errorf(tochuc.EINVALID, "dòng 1: tệp thiếu cột %s (%s)", c, tochuc.ColumnLabel(c))
		}
	}
	return &MemberReader{r: r, h: h, Unknown: unknown}, nil
}

var statusAliases = map[string]string{
	"du bi": tochuc.StatusProbationary, "chinh thuc": tochuc.StatusOfficial, "mien sinh hoat": tochuc.StatusExempt,
	"mien cong tac va sinh hoat": tochuc.StatusExempt, "xoa ten": tochuc.StatusRemoved, "xin ra khoi dang": tochuc.StatusWithdrawn,
	"khai tru": tochuc.StatusExpelled, "tu tran": tochuc.StatusDeceased, "da mat": tochuc.StatusDeceased,
}

// ParseStatus reads a status code or its Vietnamese name.
func ParseStatus(s string) (string, bool) {
	switch s {
	case tochuc.StatusProbationary, tochuc.StatusOfficial, tochuc.StatusExempt, tochuc.StatusRemoved,
		tochuc.StatusWithdrawn, tochuc.StatusExpelled, tochuc.StatusDeceased:
		return s, true
	}
	st, ok := statusAliases[vn.Fold(s)]
	return st, ok
}

// Next returns the next row, io.EOF at the end. Cell-level problems are in the row's Errors.
func (mr *MemberReader) Next() (MemberRow, error) {
	r, err := mr.r.Next()
	if err != nil {
		var le *tabular.LineError
		if errors.As(err, &le) {
			return MemberRow{Line: le.Line, Errors: []tochuc.RowError{{Line: le.Line, Message: le.Error()}}}, nil
		}
		return MemberRow{}, err
	}
	h := mr.h
	row := MemberRow{Line: r.Line}
	bad := func(col, val, msg string) {
		row.Errors = append(row.Errors, tochuc.RowError{Line: r.Line, Column: col, Value: val, Message: msg})
	}
	m := &row.Member
	if s := h.Get(r, "id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			bad("id", s, "mã đảng viên phải là số nguyên dương")
		}
		row.ID = id
	}
	m.FullName, m.Surname, m.MiddleName, m.GivenName = h.Get(r, "full_name"), h.Get(r, "surname"), h.Get(r, "middle_name"), h.Get(r, "given_name")
	m.Sex, m.BirthDate = h.Get(r, "sex"), h.Get(r, "birth_date")
	m.CitizenID, m.CardNumber, m.HistoryNumber = h.Get(r, "cccd"), h.Get(r, "card_number"), h.Get(r, "history_number")
	m.BirthName, m.Aliases = h.Get(r, "birth_name"), h.Get(r, "aliases")
	m.BirthPlace, m.HomeTown, m.Residence = h.Get(r, "birth_place"), h.Get(r, "home_town"), h.Get(r, "residence")
	m.Ethnicity, m.Religion, m.Education = h.Get(r, "ethnicity"), h.Get(r, "religion"), h.Get(r, "education")
	m.ProfessionalQualification, m.PoliticalTheory, m.Occupation = h.Get(r, "professional_qualification"), h.Get(r, "political_theory"), h.Get(r, "occupation")
	m.AcademicTitle = h.Get(r, "academic_title")
	m.AdmissionDate, m.CeremonyDate, m.OfficialDate = tochuc.Date(h.Get(r, "admission_date")), tochuc.Date(h.Get(r, "ceremony_date")), tochuc.Date(h.Get(r, "official_date"))
	row.OrgCode = h.Get(r, "org_code")
	if row.OrgCode == "" {
		bad("org_code", "", "thiếu mã tổ chức đảng nơi đảng viên sinh hoạt")
	}
	row.Status = tochuc.StatusOfficial
	if m.OfficialDate == "" {
		row.Status = tochuc.StatusProbationary
	}
	if s := h.Get(r, "status"); s != "" {
		st, ok := ParseStatus(s)
		if !ok {
			bad("status", s, "trạng thái phải là một trong: Dự bị, Chính thức, Miễn sinh hoạt, Xóa tên, Xin ra khỏi Đảng, Khai trừ, Từ trần")
		}
		row.Status = st
	}
	if s := h.Get(r, "status_date"); s != "" {
		t, err := vn.ParseDate(s)
		if err != nil {
			bad("status_date", s, err.Error())
		} else {
			row.StatusDate = tochuc.DateOf(t)
		}
	}
	return row, nil
}

// Close closes the underlying file.
func (mr *MemberReader) Close() error { return mr.r.Close() }
