package service

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"tochuc"
	"tochuc/rules"
	"tochuc/store"
	"tochuc/vn"
)

// The monthly record of a cell: who missed the meeting, who did not pay the dues, and whether
// there was a good reason. A cell secretary keeps it; the worklists read it for ground 1 of
// removal from the list ("3 months in a year").

var monthRE = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)

// MonthSheet is the record of one org's members for one month.
type MonthSheet struct {
	Org   tochuc.Org
	Month string
	Rows  []MonthRow
}

// MonthRow is one member of the sheet with the month's record.
type MonthRow struct {
	Member tochuc.Member
	store.MonthRecord
}

// lastDay is the last day of a YYYY-MM month: the sheet lists the members placed then.
func lastDay(month string) tochuc.Date {
	t, _ := tochuc.ParseISODate(month + "-01")
	return tochuc.DateOf(t.Time().AddDate(0, 1, -1))
}

func checkMonth(month string, today tochuc.Date) error {
	if !monthRE.MatchString(month) {
		return tochuc.Errorf(tochuc.EINVALID, "Tháng %q không hợp lệ; nhập theo dạng yyyy-mm.", month)
	}
	if month > string(today[:7]) {
		return tochuc.Errorf(tochuc.EINVALID, "Không ghi sổ cho tháng %s chưa tới.", month)
	}
	return nil
}

// MonthSheet reads the record of the members placed directly in org on the month's last day.
func (s *Service) MonthSheet(ctx context.Context, orgCode, month string) (*MonthSheet, error) {
	if err := checkMonth(month, s.Today()); err != nil {
		return nil, err
	}
	d := min(lastDay(month), s.Today())
	r, err := s.reachFor(ctx, tochuc.PermMonths, d)
	if err != nil {
		return nil, err
	}
	o, err := s.orgIn(ctx, r, orgCode)
	if err != nil {
		return nil, err
	}
	members, _, err := s.DB.ListMembers(ctx, store.MemberQuery{OrgID: o.ID, AsOf: d, Limit: 1000})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(members))
	for i, m := range members {
		ids[i] = m.ID
	}
	recs, err := s.DB.Months(ctx, ids, month)
	if err != nil {
		return nil, err
	}
	sheet := &MonthSheet{Org: o, Month: month}
	for _, m := range members {
		limit(&m)
		rec := recs[m.ID]
		rec.MemberID, rec.Month = m.ID, month
		sheet.Rows = append(sheet.Rows, MonthRow{Member: m, MonthRecord: rec})
	}
	return sheet, nil
}

// SaveMonthSheet writes the month's record of an org's members; every record must be of a
// member on the sheet. One audit entry says how many members were marked.
func (s *Service) SaveMonthSheet(ctx context.Context, orgCode, month string, recs []store.MonthRecord) error {
	sheet, err := s.MonthSheet(ctx, orgCode, month)
	if err != nil {
		return err
	}
	on := map[int64]bool{}
	for _, r := range sheet.Rows {
		on[r.Member.ID] = true
	}
	marked := 0
	for i := range recs {
		if !on[recs[i].MemberID] {
			return tochuc.Errorf(tochuc.EINVALID, "Đảng viên số %d không sinh hoạt tại %s trong tháng %s.", recs[i].MemberID, sheet.Org.Name, month)
		}
		recs[i].Month = month
		recs[i].Note = strings.TrimSpace(vn.NFC(recs[i].Note))
		if len([]rune(recs[i].Note)) > 500 {
			return tochuc.Errorf(tochuc.EINVALID, "Ghi chú của đảng viên số %d quá dài (tối đa 500 ký tự).", recs[i].MemberID)
		}
		if recs[i].MissedMeeting || recs[i].DuesUnpaid {
			marked++
		}
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetMonths(ctx, recs); err != nil {
			return err
		}
		e := entry(ctx, "member_months.update", "org", sheet.Org.Code, sheet.Org.ID)
		e.Detail = fmt.Sprintf("sổ tháng %s: %d đảng viên, %d có vắng họp hoặc chưa đóng đảng phí", month, len(recs), marked)
		return tx.AppendAudit(ctx, e)
	})
}

// RemovalCandidates lists the members of a subtree who, in the calendar year of d, missed the
// meeting or the dues for as many unexcused months as ground 1 of removal names.
func (s *Service) RemovalCandidates(ctx context.Context, orgCode string, d tochuc.Date) ([]store.MonthCount, error) {
	r, _, err := s.readReach(ctx, d)
	if err != nil {
		return nil, err
	}
	o, err := s.orgOrHome(ctx, r, orgCode)
	if err != nil {
		return nil, err
	}
	path := o.Path
	if o.ParentID == 0 {
		path = ""
	}
	year := string(d[:4])
	all, err := s.DB.UnexcusedMonths(ctx, path, d, year+"-01", year+"-12", 1)
	if err != nil {
		return nil, err
	}
	var out []store.MonthCount
	for _, c := range all {
		if rules.RemovalDue(s.ruleSet(ctx), string(d), c.Months) {
			out = append(out, c)
		}
	}
	return out, nil
}
