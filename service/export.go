package service

import (
	"context"
	"fmt"
	"strconv"

	"tochuc"
	"tochuc/codes"
	"tochuc/importer"
	"tochuc/store"
	"tochuc/tabular"
	"tochuc/vn"
)

// ExportOptions choose what an export contains and how it reads.
type ExportOptions struct {
	AsOf     tochuc.Date // "" for orgs: every version (the history); for members: today
	OrgCode  string      // only this subtree
	Human    bool        // XLSX for people: Vietnamese headings, labels instead of codes, dd/mm/yyyy
	Progress func(n int64)
	// Members only: Filter selects the same members as a list with the same filter; Direct keeps
	// the members placed in OrgCode itself (not its subtree).
	Filter MemberFilter
	Direct bool
}

func label(l codes.List, code string) string {
	if c, ok := l.ByCode(code); ok {
		return c.Name
	}
	return code
}

// ExportOrgs writes the orgs as of a date (with their member counts), or every version.
func (s *Service) ExportOrgs(ctx context.Context, w tabular.Writer, opt ExportOptions) (int, error) {
	root, err := s.exportRoot(ctx, "orgs", &opt)
	if err != nil {
		return 0, err
	}
	var orgs []tochuc.Org
	var counts map[int64]store.StatusCount
	if opt.AsOf == "" {
		orgs, err = s.DB.AllOrgVersions(ctx)
	} else {
		orgs, err = s.DB.OrgsAsOf(ctx, opt.AsOf)
		if err == nil {
			counts, err = s.subtreeCounts(ctx, opt.AsOf)
		}
	}
	if err != nil {
		return 0, err
	}
	if root.ParentID != 0 {
		lo, hi := tochuc.SubtreeRange(root.Path)
		var keep []tochuc.Org
		for _, o := range orgs {
			if o.Path >= lo && o.Path < hi {
				keep = append(keep, o)
			}
		}
		orgs = keep
	}
	cols := importer.OrgColumns
	if counts == nil {
		cols = cols[:len(cols)-1]
	}
	head := cols
	if opt.Human {
		head = tochuc.ColumnLabels(cols)
	}
	if err := w.WriteHeader(head); err != nil {
		return 0, err
	}
	for _, o := range orgs {
		row := []string{o.Code, o.Name, o.Kind, o.ParentCode, o.AdminUnitCode, string(o.ValidFrom), string(o.ValidTo),
			o.Setting, tochuc.JoinAttrs(o.Attrs), ""}
		if opt.Human {
			row[2], row[7] = label(codes.OrgKinds, o.Kind), label(codes.Settings, o.Setting)
			row[5], row[6] = o.ValidFrom.Display(), o.ValidTo.Display()
		} else if o.ValidTo == tochuc.Forever {
			row[6] = ""
		}
		if counts != nil {
			c := counts[o.ID]
			row = append(row, strconv.FormatInt(c.Total(), 10))
		}
		if err := w.WriteRow(row); err != nil {
			return 0, err
		}
	}
	return len(orgs), w.Close()
}

// exportRoot checks the export permission, resolves the subtree (the actor's widest org when none
// is asked for) and records the export in the audit trail before any row leaves: if the trail
// cannot be written, nothing is exported.
func (s *Service) exportRoot(ctx context.Context, what string, opt *ExportOptions) (tochuc.Org, error) {
	d := opt.AsOf
	if d == "" {
		d = s.Today()
	}
	r, err := s.reachFor(ctx, tochuc.PermExport, d)
	if err != nil {
		return tochuc.Org{}, err
	}
	root, err := s.orgOrHome(ctx, r, opt.OrgCode)
	if err != nil {
		return root, err
	}
	opt.OrgCode = root.Code
	e := entry(ctx, tochuc.AuditExport, what, root.Code, root.ID)
	e.Detail = exportDetail(what, *opt)
	if err := s.DB.AppendAudit(ctx, e); err != nil {
		return root, fmt.Errorf("service: audit export: %w", err)
	}
	return root, nil
}

func exportDetail(what string, opt ExportOptions) string {
	d := "xuất " + what + " của " + opt.OrgCode
	if opt.AsOf != "" {
		d += " tại " + string(opt.AsOf)
	}
	if opt.Direct {
		d += " (chỉ sinh hoạt trực tiếp)"
	}
	if opt.Human {
		d += " (xlsx)"
	}
	if f := opt.Filter.Describe(); f != "" {
		d += "; lọc: " + f
	}
	return d
}

// ExportMembers streams the members counted on a date (of one subtree, or all) to w.
func (s *Service) ExportMembers(ctx context.Context, w tabular.Writer, opt ExportOptions) (int64, error) {
	if opt.AsOf == "" {
		opt.AsOf = s.Today()
	}
	// Machine files go in id order (fastest to read, stable to diff); people get Vietnamese order.
	q := store.MemberQuery{AsOf: opt.AsOf, Limit: -1, ByID: !opt.Human}
	if err := opt.Filter.apply(&q); err != nil { // an invalid filter exports nothing and is not an export
		return 0, err
	}
	root, err := s.exportRoot(ctx, "members", &opt)
	if err != nil {
		return 0, err
	}
	if opt.Direct {
		q.OrgID = root.ID
	} else if root.ParentID != 0 {
		q.OrgPath = root.Path
	}
	if q.NameKey != "" {
		// The list falls back to surname order when no given name matches: so does the export.
		found, err := s.anyMember(ctx, q)
		if err != nil {
			return 0, err
		}
		if !found {
			surnameFallback(&q, opt.Filter.Query)
		}
	}
	head := importer.MemberColumns
	if opt.Human {
		head = tochuc.ColumnLabels(head)
	}
	if err := w.WriteHeader(head); err != nil {
		return 0, err
	}
	var n int64
	row := make([]string, len(importer.MemberColumns))
	err = s.DB.EachMember(ctx, q, func(m *tochuc.Member, since tochuc.Date) error {
		statusDate := tochuc.Date("")
		if m.Status == tochuc.StatusExempt {
			statusDate = since
		}
		// The file is the register as it stood on the date: what happened later is not in it,
		// so a member still probationary then has no official date yet.
		if m.OfficialDate > opt.AsOf {
			m.OfficialDate = ""
		}
		if m.CeremonyDate > opt.AsOf {
			m.CeremonyDate = ""
		}
		row = append(row[:0], strconv.FormatInt(m.ID, 10), m.FullName, m.Sex, m.BirthDate, m.CitizenID, m.CardNumber,
			m.OrgCode, m.Status, string(m.AdmissionDate), string(m.OfficialDate), m.Surname, m.MiddleName, m.GivenName,
			string(m.CeremonyDate), string(statusDate), m.HistoryNumber, m.BirthName, m.Aliases, m.BirthPlace, m.HomeTown,
			m.Residence, m.Ethnicity, m.Religion, m.Education, m.ProfessionalQualification, m.PoliticalTheory, m.Occupation, m.OrgName,
			m.AcademicTitle)
		if opt.Human {
			humanize(row, m, statusDate)
		}
		n++
		if opt.Progress != nil && n%10000 == 0 {
			opt.Progress(n)
		}
		return w.WriteRow(row)
	})
	if err != nil {
		return n, err
	}
	if opt.Progress != nil {
		opt.Progress(n)
	}
	return n, w.Close()
}

// humanize turns codes into Vietnamese labels and dates into dd/mm/yyyy, for XLSX.
func humanize(row []string, m *tochuc.Member, statusDate tochuc.Date) {
	row[2] = label(codes.Sex, m.Sex)
	if d, err := vn.ParsePartialDate(m.BirthDate); err == nil {
		row[3] = d.Display()
	}
	row[7] = label(codes.MemberStatuses, m.Status)
	row[8], row[9], row[13], row[14] = m.AdmissionDate.Display(), m.OfficialDate.Display(), m.CeremonyDate.Display(), statusDate.Display()
	row[21], row[22], row[23] = label(codes.Ethnicities, m.Ethnicity), label(codes.Religions, m.Religion), label(codes.Education, m.Education)
	row[24], row[25], row[26] = label(codes.ProfessionalQualification, m.ProfessionalQualification), label(codes.PoliticalTheory, m.PoliticalTheory), label(codes.Occupations, m.Occupation)
	row[28] = label(codes.AcademicTitle, m.AcademicTitle)
}
