package service

import (
	"strconv"

	"tochuc"
	"tochuc/codes"
	"tochuc/vn"
)

// memberCodeFields are the coded attributes of a member and the list each comes from.
var memberCodeFields = []struct {
	column string
	list   codes.List
	get    func(*tochuc.Member) *string
}{
	{"sex", codes.Sex, func(m *tochuc.Member) *string { return &m.Sex }},
	{"ethnicity", codes.Ethnicities, func(m *tochuc.Member) *string { return &m.Ethnicity }},
	{"religion", codes.Religions, func(m *tochuc.Member) *string { return &m.Religion }},
	{"education", codes.Education, func(m *tochuc.Member) *string { return &m.Education }},
	{"professional_qualification", codes.ProfessionalQualification, func(m *tochuc.Member) *string { return &m.ProfessionalQualification }},
	{"political_theory", codes.PoliticalTheory, func(m *tochuc.Member) *string { return &m.PoliticalTheory }},
	{"occupation", codes.Occupations, func(m *tochuc.Member) *string { return &m.Occupation }},
	{"academic_title", codes.AcademicTitle, func(m *tochuc.Member) *string { return &m.AcademicTitle }},
}

// ResolveCodes turns labels typed by people ("Nữ", "Kinh", "Đại học") into codes, in place,
// and reports the values no list knows.
func ResolveCodes(m *tochuc.Member) []tochuc.RowError {
	var errs []tochuc.RowError
	for _, f := range memberCodeFields {
		p := f.get(m)
		if *p == "" {
			continue
		}
		c, ok := codes.Lookup(f.list, *p, vn.Fold)
		if !ok {
			errs = append(errs, tochuc.RowError{Column: f.column, Value: *p,
				Message: "giá trị \"" + *p + "\" không có trong danh mục " + tochuc.ColumnLabel(f.column)})
			continue
		}
		*p = c.Code
	}
	return errs
}

// ValidateMember checks the identity fields of a member sheet; every error names its field
// and the rule it breaks.
func ValidateMember(m *tochuc.Member) []tochuc.RowError {
	var errs []tochuc.RowError
	bad := func(col, val, msg string) {
		errs = append(errs, tochuc.RowError{Column: col, Value: val, Message: msg})
	}
	if m.GivenName == "" {
		bad("full_name", m.FullName, "thiếu họ và tên")
	}
	if m.Sex == "" {
		bad("sex", "", "thiếu giới tính (Nam hoặc Nữ)")
	}
	errs = append(errs, ResolveCodes(m)...)
	birthYear := 0
	if m.BirthDate == "" {
		bad("birth_date", "", "thiếu ngày sinh (có thể chỉ ghi năm, ví dụ 1950, hoặc tháng/năm, ví dụ 03/1975)")
	} else if d, err := vn.ParsePartialDate(m.BirthDate); err != nil {
		bad("birth_date", m.BirthDate, err.Error())
	} else {
		m.BirthDate = d.String()
		birthYear = d.Year
		if today := tochuc.Today(); birthYear > today.Time().Year()-16 || birthYear < 1880 {
			bad("birth_date", m.BirthDate, "năm sinh "+strconv.Itoa(birthYear)+" không hợp lý cho một đảng viên")
		}
	}
	if m.CitizenID != "" {
		if err := vn.CheckCitizenID(m.CitizenID, birthYear, m.Sex); err != nil {
			bad("cccd", m.CitizenID, err.Error())
		}
	}
	dates := []struct {
		col string
		p   *tochuc.Date
	}{{"admission_date", &m.AdmissionDate}, {"ceremony_date", &m.CeremonyDate}, {"official_date", &m.OfficialDate}}
	unreadable := false
	for _, d := range dates {
		if *d.p == "" {
			continue
		}
		t, err := vn.ParseDate(string(*d.p))
		if err != nil {
			bad(d.col, string(*d.p), err.Error())
			unreadable = true
			continue
		}
		*d.p = tochuc.DateOf(t)
	}
	if unreadable {
		return errs // order checks on a date that could not be read would only add noise
	}
	if m.AdmissionDate != "" && birthYear != 0 && m.AdmissionDate.Time().Year() < birthYear+16 {
		bad("admission_date", m.AdmissionDate.Display(), "ngày kết nạp phải sau ngày sinh ít nhất 16 năm")
	}
	if m.OfficialDate != "" && m.AdmissionDate != "" && m.OfficialDate < m.AdmissionDate {
		bad("official_date", m.OfficialDate.Display(), "ngày chính thức không thể trước ngày kết nạp")
	}
	if m.CeremonyDate != "" && m.AdmissionDate != "" && m.CeremonyDate < m.AdmissionDate {
		bad("ceremony_date", m.CeremonyDate.Display(), "ngày lễ kết nạp không thể trước ngày quyết định kết nạp")
	}
	return errs
}
