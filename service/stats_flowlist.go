package service

import (
	"context"
	"fmt"
	"slices"

	"tochuc"
	"tochuc/stats"
	"tochuc/tabular"
)

// The drill-down of a flow figure: the members a flow of a period counts (admitted, transferred
// out, deceased…), one page at a time, and their export (audited). A flow names members who may
// have left the subtree since; they are listed because the flow happened in it.

// StatsFlowList is one page of the members a flow figure counts.
type StatsFlowList struct {
	Org      tochuc.Org
	From, To tochuc.Date
	Flow     string
	Filter   map[string]string
	Total    int
	Page     int
	Members  []tochuc.Member
}

// statsFlowFigure resolves the org in the reader's reach on to and the members of the flow.
func (s *Service) statsFlowFigure(ctx context.Context, code string, from, to tochuc.Date, flow string, filter map[string]string) (tochuc.Org, []int64, bool, error) {
	if to < from {
		return tochuc.Org{}, nil, false, tochuc.Errorf(tochuc.EINVALID, "kỳ báo cáo không hợp lệ: ngày đầu %s sau ngày cuối %s", from.Display(), to.Display())
	}
	if !slices.Contains(stats.Flows, flow) {
		return tochuc.Org{}, nil, false, tochuc.Errorf(tochuc.EINVALID, "luồng %q không có", flow)
	}
	o, snap, limited, err := s.statsScope(ctx, code, to)
	if err != nil {
		return o, nil, false, err
	}
	ids, err := snap.FlowMemberIDs(stats.FlowQuery{OrgID: o.ID, From: from, To: to, Filter: filter}, flow)
	return o, ids, limited, err
}

// flowPeriod fills the default period: from 1 January of the year of to, to today.
func (s *Service) flowPeriod(from, to tochuc.Date) (tochuc.Date, tochuc.Date) {
	if to == "" {
		to = s.Today()
	}
	if from == "" {
		from = tochuc.Date(string(to[:4]) + "-01-01")
	}
	return from, to
}

// StatsFlowMembersList opens a flow figure: the members of one flow of [from, to] in the
// subtree of an org (as it stood on to), narrowed by the filter, one page (from 1) at a time.
// Read permission over the org; limited readers do not see identity numbers.
func (s *Service) StatsFlowMembersList(ctx context.Context, code string, from, to tochuc.Date, flow string, filter map[string]string, page int) (*StatsFlowList, error) {
	from, to = s.flowPeriod(from, to)
	page = max(page, 1)
	o, ids, limited, err := s.statsFlowFigure(ctx, code, from, to, flow, filter)
	if err != nil {
		return nil, err
	}
	out := &StatsFlowList{Org: o, From: from, To: to, Flow: flow, Filter: filter, Total: len(ids), Page: page}
	out.Members, err = s.statsListPage(ctx, ids, page, limited)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// StatsFlowMembersExport writes the members of a flow figure to w (codes, or Vietnamese
// headings and labels with human), in id order, with their record as it stands today. Read and
// export permission over the org; recorded in the audit trail before any row leaves.
func (s *Service) StatsFlowMembersExport(ctx context.Context, w tabular.Writer, code string, from, to tochuc.Date, flow string, filter map[string]string, human bool) (int64, error) {
	from, to = s.flowPeriod(from, to)
	o, ids, limited, err := s.statsFlowFigure(ctx, code, from, to, flow, filter)
	if err != nil {
		return 0, err
	}
	detail := fmt.Sprintf("xuất danh sách đảng viên của luồng %s, %s từ %s đến %s", flow, o.Code, from, to)
	if _, err := s.statsExportAudit(ctx, to, o.Code, "stats-flow-members", detail, filter, human); err != nil {
		return 0, err
	}
	if err := writeStatsExportHeader(w, human); err != nil {
		return 0, err
	}
	var n int64
	var row []string
	for _, id := range ids {
		m, err := s.DB.Member(ctx, id)
		if err != nil {
			return n, err
		}
		if limited {
			limit(&m)
		}
		row = statsExportRow(row, &m, human)
		if err := w.WriteRow(row); err != nil {
			return n, err
		}
		n++
	}
	return n, w.Close()
}
