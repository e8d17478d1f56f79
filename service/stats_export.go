package service

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/codes"
	"tochuc/stats"
	"tochuc/store"
	"tochuc/tabular"
	"tochuc/vn"
)

// StatsExportColumns are the columns of the export of a figure's members: the identity, the
// placement and status on the date, and the coded attributes the figures count by.
var StatsExportColumns = []string{"id", "full_name", "sex", "birth_date", "cccd", "card_number", "org_code", "org_name",
	"status", "admission_date", "official_date", "ethnicity", "religion", "education", "professional_qualification",
	"political_theory", "occupation"}

// statsFigure resolves the org of a drill-down within the reader's reach on day d and the ids of
// the members the figure counts (an unknown dimension or value is refused before anything else).
func (s *Service) statsFigure(ctx context.Context, code string, d tochuc.Date, filter map[string]string) (tochuc.Org, []int64, bool, error) {
	o, snap, limited, err := s.statsScope(ctx, code, d)
	if err != nil {
		return o, nil, false, err
	}
	ids, err := snap.MemberIDs(stats.Query{OrgID: o.ID, AsOf: d, Filter: filter})
	return o, ids, limited, err
}

// statsScope resolves the org of a drill-down (the reader's home org when code is empty) within
// the reader's reach on day d, with the snapshot to count in and whether the reader is limited.
func (s *Service) statsScope(ctx context.Context, code string, d tochuc.Date) (tochuc.Org, *stats.Snapshot, bool, error) {
	r, limited, err := s.readReach(ctx, d)
	if err != nil {
		return tochuc.Org{}, nil, false, err
	}
	o, err := s.orgOrHome(ctx, r, code)
	if err != nil {
		return o, nil, false, err
	}
	snap, err := s.StatsSnapshot(ctx)
	return o, snap, limited, err
}

// statsListPage reads one page (from 1) of the members ids names, limited for a limited reader.
func (s *Service) statsListPage(ctx context.Context, ids []int64, page int, limited bool) ([]tochuc.Member, error) {
	var out []tochuc.Member
	lo := (page - 1) * StatsListPage
	for i := lo; i < len(ids) && i < lo+StatsListPage; i++ {
		m, err := s.DB.Member(ctx, ids[i])
		if err != nil {
			return nil, err
		}
		if limited {
			limit(&m)
		}
		out = append(out, m)
	}
	return out, nil
}

// DescribeStatsFilter writes a filter as "dim=value, …" in name order (for the audit trail and
// file names).
func DescribeStatsFilter(filter map[string]string) string {
	keys := make([]string, 0, len(filter))
	for k := range filter {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + filter[k]
	}
	return strings.Join(parts, ", ")
}

// StatsMembersExport streams the members a figure counts (the drill-down of StatsMembersList)
// to w: with human, Vietnamese headings and labels in Vietnamese order, else codes in id order.
// It needs read permission and export permission over the org; the export is recorded in the
// audit trail before any row leaves, and a limited reader's file has no identity numbers.
func (s *Service) StatsMembersExport(ctx context.Context, w tabular.Writer, code string, d tochuc.Date, filter map[string]string, human bool) (int64, error) {
	if d == "" {
		d = s.Today()
	}
	o, ids, limited, err := s.statsFigure(ctx, code, d, filter)
	if err != nil {
		return 0, err
	}
	root, err := s.statsExportAudit(ctx, d, o.Code, "stats-members", "xuất danh sách đảng viên của số liệu thống kê "+o.Code+" tại "+string(d), filter, human)
	if err != nil {
		return 0, err
	}
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	if err := writeStatsExportHeader(w, human); err != nil {
		return 0, err
	}
	q := store.MemberQuery{AsOf: d, Limit: -1, ByID: !human}
	if root.ParentID != 0 {
		q.OrgPath = root.Path
	}
	var n int64
	row := make([]string, len(StatsExportColumns))
	err = s.DB.EachMember(ctx, q, func(m *tochuc.Member, _ tochuc.Date) error {
		if !want[m.ID] {
			return nil
		}
		if limited {
			limit(m)
		}
		if m.OfficialDate > d {
			m.OfficialDate = ""
		}
		row = statsExportRow(row, m, human)
		n++
		return w.WriteRow(row)
	})
	if err != nil {
		return n, err
	}
	return n, w.Close()
}

// writeStatsExportHeader writes the heading of a drill-down export: the column codes, or their
// Vietnamese names with human.
func writeStatsExportHeader(w tabular.Writer, human bool) error {
	head := StatsExportColumns
	if human {
		head = tochuc.ColumnLabels(head)
	}
	return w.WriteHeader(head)
}

// statsExportRow fills row (reused) with the StatsExportColumns of m: codes, or with human the
// Vietnamese labels and dd/mm/yyyy dates.
func statsExportRow(row []string, m *tochuc.Member, human bool) []string {
	row = append(row[:0], strconv.FormatInt(m.ID, 10), m.FullName, m.Sex, m.BirthDate, m.CitizenID, m.CardNumber,
		m.OrgCode, m.OrgName, m.Status, string(m.AdmissionDate), string(m.OfficialDate), m.Ethnicity, m.Religion,
		m.Education, m.ProfessionalQualification, m.PoliticalTheory, m.Occupation)
	if human {
		row[2], row[8] = label(codes.Sex, m.Sex), label(codes.MemberStatuses, m.Status)
		if bd, err := vn.ParsePartialDate(m.BirthDate); err == nil {
			row[3] = bd.Display()
		}
		row[9], row[10] = m.AdmissionDate.Display(), m.OfficialDate.Display()
		row[11], row[12], row[13] = label(codes.Ethnicities, m.Ethnicity), label(codes.Religions, m.Religion), label(codes.Education, m.Education)
		row[14], row[15], row[16] = label(codes.ProfessionalQualification, m.ProfessionalQualification), label(codes.PoliticalTheory, m.PoliticalTheory), label(codes.Occupations, m.Occupation)
	}
	return row
}

// statsExportAudit checks the export permission over the org on day d and records the export of
// a drill-down (objectType, detail, then the filter and the format).
func (s *Service) statsExportAudit(ctx context.Context, d tochuc.Date, code, objectType, detail string, filter map[string]string, human bool) (tochuc.Org, error) {
	r, err := s.reachFor(ctx, tochuc.PermExport, d)
	if err != nil {
		return tochuc.Org{}, err
	}
	root, err := s.orgIn(ctx, r, code)
	if err != nil {
		return root, err
	}
	e := entry(ctx, tochuc.AuditExport, objectType, root.Code, root.ID)
	e.Detail = detail
	if f := DescribeStatsFilter(filter); f != "" {
		e.Detail += "; lọc: " + f
	}
	if human {
		e.Detail += " (xlsx)"
	}
	if err := s.DB.AppendAudit(ctx, e); err != nil {
		return root, fmt.Errorf("service: audit export: %w", err)
	}
	return root, nil
}

// StatsOrgList opens a count of organizations: the orgs of the subtree of an org on day d
// with the org dimension values of filter (kind, setting, attributes), in the order of the
// tree, one page (from 1) at a time. Counts permission over the org: the names of
// organizations are what the tree shows anyone who may count in it.
type StatsOrgList struct {
	Org    tochuc.Org
	AsOf   tochuc.Date
	Filter map[string]string
	Total  int
	Page   int
	Orgs   []tochuc.Org
}

// statsOrgIDs resolves a count of organizations within the reader's counts reach: the org
// and the ids of the orgs the count counts, in tree order.
func (s *Service) statsOrgIDs(ctx context.Context, code string, d tochuc.Date, filter map[string]string) (tochuc.Org, []int64, error) {
	r, err := s.reachFor(ctx, tochuc.PermCounts, d)
	if err != nil {
		return tochuc.Org{}, nil, err
	}
	o, err := s.orgOrHome(ctx, r, code)
	if err != nil {
		return o, nil, err
	}
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return o, nil, err
	}
	ids, err := snap.OrgIDs(stats.Query{OrgID: o.ID, AsOf: d, Filter: filter}) // refuses a member's dimension
	return o, ids, err
}

// StatsOrgsList is the list of a count of organizations (see StatsOrgList).
func (s *Service) StatsOrgsList(ctx context.Context, code string, d tochuc.Date, filter map[string]string, page int) (*StatsOrgList, error) {
	if d == "" {
		d = s.Today()
	}
	page = max(page, 1)
	o, ids, err := s.statsOrgIDs(ctx, code, d, filter)
	if err != nil {
		return nil, err
	}
	out := &StatsOrgList{Org: o, AsOf: d, Filter: filter, Total: len(ids), Page: page}
	lo := (page - 1) * StatsListPage
	for i := lo; i < len(ids) && i < lo+StatsListPage; i++ {
		x, err := s.DB.OrgByIDAsOf(ctx, ids[i], d)
		if err != nil {
			return nil, err
		}
		out.Orgs = append(out.Orgs, x)
	}
	return out, nil
}

// StatsOrgsExport writes the whole list of a count of organizations: code, name, kind,
// setting, parent, administrative unit, in tree order; with human, Vietnamese headings and
// labels. It returns the number of rows.
func (s *Service) StatsOrgsExport(ctx context.Context, w tabular.Writer, code string, d tochuc.Date, filter map[string]string, human bool) (int64, error) {
	if d == "" {
		d = s.Today()
	}
	_, ids, err := s.statsOrgIDs(ctx, code, d, filter)
	if err != nil {
		return 0, err
	}
	all, err := s.DB.OrgsAsOf(ctx, d) // one read of the tree rather than one per org
	if err != nil {
		return 0, err
	}
	byID := make(map[int64]*tochuc.Org, len(all))
	for i := range all {
		byID[all[i].ID] = &all[i]
	}
	head := []string{"code", "name", "kind", "setting", "parent_code", "admin_unit_code"}
	if human {
		head = []string{"Mã tổ chức", "Tên tổ chức đảng", "Loại tổ chức", "Loại hình", "Mã tổ chức cấp trên", "Mã đơn vị hành chính"}
	}
	if err := w.WriteHeader(head); err != nil {
		return 0, err
	}
	var n int64
	for _, id := range ids {
		o := byID[id]
		if o == nil {
			continue
		}
		kind, setting := o.Kind, o.Setting
		if human {
			kind, setting = label(codes.OrgKinds, kind), label(codes.Settings, setting)
		}
		if err := w.WriteRow([]string{o.Code, o.Name, kind, setting, o.ParentCode, o.AdminUnitCode}); err != nil {
			return n, err
		}
		n++
	}
	return n, w.Close()
}
