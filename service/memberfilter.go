package service

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tochuc"
	"tochuc/codes"
	"tochuc/store"
	"tochuc/vn"
)

// MemberFilter narrows a member list; the same filter drives the list on screen and its export,
// so that an export holds exactly the rows the list shows.
type MemberFilter struct {
	Query           string // name (diacritics optional), CCCD or card number
	Status          string // one counted status (codes.MemberStatuses)
	Sex             string // codes.Sex
	AgeBand         string // one of AgeBands, age on the as-of date
	Ethnicity       string // codes.Ethnicities
	Religion        string // codes.Religions
	Education       string // codes.Education (giáo dục phổ thông)
	PoliticalTheory string // codes.PoliticalTheory (lý luận chính trị)
	AdmittedFrom    int    // admission year from (0: no bound)
	AdmittedTo      int    // admission year to, included (0: no bound)
}

// AgeBand is one age band of the member list filter.
type AgeBand struct {
	Code     string
	Name     string
	min, max int // ages in whole years, both included; max -1: no upper bound
}

// AgeBands are the age bands the lists filter by, in order.
var AgeBands = []AgeBand{
	{"under30", "Dưới 30", 0, 29},
	{"30-40", "Từ 30 đến 40", 30, 40},
	{"41-50", "Từ 41 đến 50", 41, 50},
	{"51-60", "Từ 51 đến 60", 51, 60},
	{"over60", "Trên 60", 61, -1},
}

func ageBand(code string) (AgeBand, bool) {
	for _, b := range AgeBands {
		if b.Code == code {
			return b, true
		}
	}
	return AgeBand{}, false
}

// Years bounds the admission years a filter accepts.
const (
	minFilterYear = 1900
	maxFilterYear = 2200
)

// IsZero reports whether the filter selects everything.
func (f MemberFilter) IsZero() bool { return f == MemberFilter{} }

// filterField is a coded field of the filter, the list its codes come from and its label.
type filterField struct {
	field, label string
	list         codes.List
	get          func(*MemberFilter) *string
}

var filterFields = []filterField{
	{"sex", "Giới tính", codes.Sex, func(f *MemberFilter) *string { return &f.Sex }},
	{"ethnicity", "Dân tộc", codes.Ethnicities, func(f *MemberFilter) *string { return &f.Ethnicity }},
	{"religion", "Tôn giáo", codes.Religions, func(f *MemberFilter) *string { return &f.Religion }},
	{"education", "Giáo dục phổ thông", codes.Education, func(f *MemberFilter) *string { return &f.Education }},
	{"political_theory", "Lý luận chính trị", codes.PoliticalTheory, func(f *MemberFilter) *string { return &f.PoliticalTheory }},
}

func invalidField(field, format string, args ...any) error {
	e := tochuc.Errorf(tochuc.EINVALID, format, args...)
	e.Subject = field
	return e
}

// Check verifies every value of the filter against its code list; an unknown value is an
// EINVALID naming the field (Subject) and the rule.
func (f *MemberFilter) Check() error {
	f.Status, f.AgeBand = strings.TrimSpace(f.Status), strings.TrimSpace(f.AgeBand)
	if !utf8.ValidString(f.Query) || strings.ContainsFunc(f.Query, unicode.IsControl) {
		return invalidField("q", "Tìm kiếm: có ký tự không hợp lệ; chỉ gõ họ tên, số CCCD hoặc số thẻ đảng viên")
	}
	if len(f.Query) > 200 {
		return invalidField("q", "Tìm kiếm: tối đa 200 ký tự")
	}
	if f.Status != "" && !slices.Contains(tochuc.CountedStatuses, f.Status) && f.Status != tochuc.StatusInTransit {
		return invalidField("status", "Trạng thái: giá trị %q không có trong danh mục (chính thức, dự bị, miễn công tác và sinh hoạt, đang chuyển sinh hoạt)", f.Status)
	}
	for _, ff := range filterFields {
		p := ff.get(f)
		*p = strings.TrimSpace(*p)
		if *p == "" {
			continue
		}
		if _, ok := ff.list.ByCode(*p); !ok {
			return invalidField(ff.field, "%s: mã %q không có trong danh mục %s", ff.label, *p, strings.ToLower(ff.label))
		}
	}
	if f.AgeBand != "" {
		if _, ok := ageBand(f.AgeBand); !ok {
			return invalidField("age", "Độ tuổi: nhóm %q không có; chọn dưới 30, 30–40, 41–50, 51–60 hoặc trên 60", f.AgeBand)
		}
	}
	for _, y := range []struct {
		field, label string
		v            int
	}{{"admitted_from", "Năm vào Đảng từ", f.AdmittedFrom}, {"admitted_to", "Năm vào Đảng đến", f.AdmittedTo}} {
		if y.v != 0 && (y.v < minFilterYear || y.v > maxFilterYear) {
			return invalidField(y.field, "%s: năm %d không hợp lệ (từ %d đến %d)", y.label, y.v, minFilterYear, maxFilterYear)
		}
	}
	if f.AdmittedFrom != 0 && f.AdmittedTo != 0 && f.AdmittedFrom > f.AdmittedTo {
		return invalidField("admitted_to", "Năm vào Đảng: năm đến (%d) phải không nhỏ hơn năm từ (%d)", f.AdmittedTo, f.AdmittedFrom)
	}
	return nil
}

// ageBound is the last birth day of people at least age years old on day d: a person born on
// or before it has had the birthday (29 February counts as 28 February in common years).
func ageBound(d tochuc.Date, age int) tochuc.Date {
	t := d.Time()
	y, m, day := t.Year()-age, t.Month(), t.Day()
	if last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); day > last {
		day = last
	}
	return tochuc.DateOf(time.Date(y, m, day, 0, 0, 0, 0, time.UTC))
}

// apply checks the filter and puts its conditions (all but the name query) on q.
func (f *MemberFilter) apply(q *store.MemberQuery) error {
	if err := f.Check(); err != nil {
		return err
	}
	q.Status, q.Sex = f.Status, f.Sex
	q.Ethnicity, q.Religion, q.Education, q.PoliticalTheory = f.Ethnicity, f.Religion, f.Education, f.PoliticalTheory
	if b, ok := ageBand(f.AgeBand); ok {
		if b.min > 0 {
			q.BornOnOrBefore = ageBound(q.AsOf, b.min)
		}
		if b.max >= 0 {
			q.BornAfter = ageBound(q.AsOf, b.max+1)
		}
	}
	if f.AdmittedFrom != 0 {
		q.AdmittedFrom = tochuc.Date(fmt.Sprintf("%04d-01-01", f.AdmittedFrom))
	}
	if f.AdmittedTo != 0 {
		q.AdmittedTo = tochuc.Date(fmt.Sprintf("%04d-12-31", f.AdmittedTo))
	}
	setQuery(q, f.Query)
	return nil
}

// setQuery turns the typed search into the query's name key or exact number.
func setQuery(q *store.MemberQuery, typed string) {
	query := strings.TrimSpace(vn.NFC(typed))
	if isDigits(query) {
		q.Exact = query
	} else if query != "" {
		// Matches come in the order of the folded-name index (given name, surname, middle,
		// diacritics ignored): sorting every "Đức" of the country by the collation key first
		// would cost a sort of all matches; org lists stay in exact Vietnamese order.
		q.NameKey = nameKey(query)
		q.ByFold = true
	}
}

// surnameFallback turns a given-name search into a search in natural order (surname first),
// for when the words match no given name ("nguyen van").
func surnameFallback(q *store.MemberQuery, typed string) bool {
	if q.NameKey == "" {
		return false
	}
	q.NameKey, q.FullKey = "", strings.Join(strings.Fields(vn.Fold(strings.TrimSpace(vn.NFC(typed)))), " ")
	return true
}

var errFound = errors.New("found")

// anyMember reports whether q selects at least one member.
func (s *Service) anyMember(ctx context.Context, q store.MemberQuery) (bool, error) {
	q.Limit = 1
	err := s.DB.EachMember(ctx, q, func(*tochuc.Member, tochuc.Date) error { return errFound })
	if errors.Is(err, errFound) {
		return true, nil
	}
	return false, err
}

// Describe says in Vietnamese what the filter selects, for the audit trail of an export and
// for the page.
func (f MemberFilter) Describe() string {
	var parts []string
	if f.Query != "" {
		parts = append(parts, "tìm "+strconv.Quote(f.Query))
	}
	if f.Status != "" {
		parts = append(parts, "trạng thái "+label(codes.MemberStatuses, f.Status))
	}
	for _, ff := range filterFields {
		if v := *ff.get(&f); v != "" {
			parts = append(parts, strings.ToLower(ff.label[:1])+ff.label[1:]+" "+label(ff.list, v))
		}
	}
	if b, ok := ageBand(f.AgeBand); ok {
		parts = append(parts, "độ tuổi "+strings.ToLower(b.Name))
	}
	switch {
	case f.AdmittedFrom != 0 && f.AdmittedTo != 0:
		parts = append(parts, fmt.Sprintf("năm vào Đảng %d–%d", f.AdmittedFrom, f.AdmittedTo))
	case f.AdmittedFrom != 0:
		parts = append(parts, fmt.Sprintf("năm vào Đảng từ %d", f.AdmittedFrom))
	case f.AdmittedTo != 0:
		parts = append(parts, fmt.Sprintf("năm vào Đảng đến %d", f.AdmittedTo))
	}
	return strings.Join(parts, "; ")
}
