package service

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tochuc"
	"tochuc/forms"
	"tochuc/reports"
	"tochuc/stats"
	"tochuc/vn"
)

// The review report (báo cáo sơ kết, tổng kết công tác tổ chức xây dựng Đảng) of an org for a
// period (issue 5 item 4). Its figures come from the statistics engine and the targets,
// indicator sets, work programmes and congresses; each is kept with the query that produced it
// (reports.Figures.Trace). Reading a report needs the counts permission over the org (as the
// statistics do); every report produced — file or JSON — is recorded in the audit trail.

// AuditReportReview is the audit action of a review report.
const AuditReportReview = "report.review"

// ReviewFigures gathers the figures of the review report of an org (the actor's home org when
// code is empty) for a period "2024H1", "2024Q3" or "2024", and records the read (format "json",
// "docx" or "pdf" says what was made of it).
func (s *Service) ReviewFigures(ctx context.Context, code, period, format string) (*reports.Figures, error) {
	return s.ReviewFiguresTerm(ctx, code, period, 0, format)
}

// ReviewFiguresTerm is ReviewFigures with the congress figure of the term starting in term
// (2025 for 2025–2030); 0 chooses the term starting the year after the period, else the one
// starting in it, the first of them with a congress held.
func (s *Service) ReviewFiguresTerm(ctx context.Context, code, period string, term int, format string) (*reports.Figures, error) {
	f, o, err := s.reviewRead(ctx, code, period, term)
	if err != nil {
		return nil, err
	}
	e := entry(ctx, AuditReportReview, "org", o.Code, o.ID)
	e.Detail = fmt.Sprintf("báo cáo %s công tác tổ chức xây dựng Đảng %s của %s (%s)", f.Period.Review(), f.Period.Name(), o.Code, format)
	if err := s.DB.AppendAudit(ctx, e); err != nil {
		return nil, err
	}
	return f, nil
}

// reviewRead authorizes and gathers the figures, writing nothing.
func (s *Service) reviewRead(ctx context.Context, code, period string, term int) (*reports.Figures, tochuc.Org, error) {
	p, err := reports.ParsePeriod(period)
	if err != nil {
		return nil, tochuc.Org{}, err
	}
	if term != 0 && (term < p.Year-10 || term > p.Year+5) {
		return nil, tochuc.Org{}, tochuc.Errorf(tochuc.EINVALID, "nhiệm kỳ bắt đầu năm %d không gần kỳ báo cáo %s", term, p)
	}
	today := s.Today()
	if p.From() > today {
		return nil, tochuc.Org{}, tochuc.Errorf(tochuc.EINVALID, "kỳ báo cáo %s chưa bắt đầu (từ ngày %s)", p, p.From().Display())
	}
	asOf := min(p.To(), today)
	orgs, err := s.statsOrgs(ctx, code, asOf, true)
	if err != nil {
		return nil, tochuc.Org{}, err
	}
	o, kids := orgs[0], orgs[1:]
	f, err := s.reviewFigures(ctx, o, kids, p, asOf, term)
	if err != nil {
		return nil, tochuc.Org{}, err
	}
	return f, o, nil
}

// ReviewReport builds the review report of an org for a period, ready to print in format with
// forms.WriteReport.
func (s *Service) ReviewReport(ctx context.Context, code, period string, format forms.Format) (*reports.Review, error) {
	return s.ReviewReportWith(ctx, code, period, format, ReviewOptions{})
}

// ReviewOptions are the choices of whoever issues the report.
type ReviewOptions struct {
	Term        int    // the congress term's first year (2025 for 2025–2030); 0: see ReviewFiguresTerm
	Symbol      string // the document's number and symbol, e.g. "45-BC/TU"; "" leaves it to fill by hand
	Signer      string // the signer's full name; "" leaves the place blank for a hand signature
	SignerTitle string // the signer's position, e.g. "Phó Bí thư"
	NoAppendix  bool   // leave out the table of sources
}

// reviewText checks a free text of the report's header or signature.
func reviewText(field, label, v string, max int) (string, error) {
	v = vn.NFC(strings.TrimSpace(v))
	if !utf8.ValidString(v) || utf8.RuneCountInString(v) > max || strings.IndexFunc(v, unicode.IsControl) >= 0 {
		e := tochuc.Errorf(tochuc.EINVALID, "%s: tối đa %d ký tự, không có ký tự điều khiển", label, max)
		e.Subject = field
		return "", e
	}
	return v, nil
}

// ReviewReportWith is ReviewReport with the issuer's choices.
func (s *Service) ReviewReportWith(ctx context.Context, code, period string, format forms.Format, opt ReviewOptions) (*reports.Review, error) {
	var err error
	if opt.Symbol, err = reviewText("symbol", "Số, ký hiệu văn bản", opt.Symbol, 40); err != nil {
		return nil, err
	}
	if opt.Signer, err = reviewText("signer", "Họ tên người ký", opt.Signer, 100); err != nil {
		return nil, err
	}
	if opt.SignerTitle, err = reviewText("signer_title", "Chức vụ người ký", opt.SignerTitle, 100); err != nil {
		return nil, err
	}
	f, err := s.ReviewFiguresTerm(ctx, code, period, opt.Term, string(format))
	if err != nil {
		return nil, err
	}
	r := reports.NewReview(f)
	r.Symbol, r.Signer.Name, r.Signer.Title, r.NoAppendix = opt.Symbol, opt.Signer, opt.SignerTitle, opt.NoAppendix
	return r, nil
}

func (s *Service) reviewFigures(ctx context.Context, o tochuc.Org, kids []tochuc.Org, p reports.Period, asOf tochuc.Date, term int) (*reports.Figures, error) {
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	from := p.From()
	f := &reports.Figures{OrgCode: o.Code, OrgName: o.Name, Period: p, Code: p.String(), From: from, To: p.To(), AsOf: asOf,
		Issued: s.Today(), Flows: map[string]int64{}, Targets: []reports.TargetFig{}, Groups: []reports.GroupFig{},
		Breakdowns: []reports.Breakdown{}, Children: []reports.Child{}, Trace: []reports.Traced{}}
	if o.ParentCode != "" {
		if parent, err := s.DB.OrgByCodeAsOf(ctx, o.ParentCode, asOf); err == nil && parent.Kind != tochuc.KindParty {
			f.ParentName = parent.Name
		}
	}
	memQ := func(filter map[string]string) reports.Query {
		return reports.Query{Kind: "members", Org: o.Code, AsOf: asOf, Filter: filter}
	}

	// Members at the end of the period, by status, and at the start.
	rows, err := snap.Members(stats.Query{OrgID: o.ID, AsOf: asOf, By: []string{stats.DimStatus}})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		f.Members.Total += r.Count
		switch r.Values[0] {
		case tochuc.StatusOfficial:
			f.Members.Official = r.Count
		case tochuc.StatusProbationary:
			f.Members.Probationary = r.Count
		case tochuc.StatusExempt:
			f.Members.Exempt = r.Count
		}
	}
	f.Add("members.total", "Số đảng viên ngày "+asOf.Display(), f.Members.Total, memQ(nil))
	f.Add("members.official", "Đảng viên chính thức", f.Members.Official, memQ(map[string]string{stats.DimStatus: tochuc.StatusOfficial}))
	f.Add("members.probationary", "Đảng viên dự bị", f.Members.Probationary, memQ(map[string]string{stats.DimStatus: tochuc.StatusProbationary}))
	if f.Members.Exempt > 0 {
		f.Add("members.exempt", "Đảng viên miễn công tác và sinh hoạt", f.Members.Exempt, memQ(map[string]string{stats.DimStatus: tochuc.StatusExempt}))
	}
	opening := tochuc.Date(from.Time().Add(-24 * time.Hour).Format("2006-01-02"))
	if f.Opening, err = snap.Total(stats.Query{OrgID: o.ID, AsOf: opening}); err != nil {
		return nil, err
	}
	f.Add("members.opening", "Số đảng viên ngày "+opening.Display(), f.Opening, reports.Query{Kind: "members", Org: o.Code, AsOf: opening})

	// Flows of the period.
	flows, err := snap.Flows(stats.FlowQuery{OrgID: o.ID, From: from, To: asOf})
	if err != nil {
		return nil, err
	}
	for _, r := range flows {
		f.Flows[r.Flow] += r.Count
	}
	for _, fl := range stats.Flows {
		f.Add("flows."+fl, reports.FlowLabel(fl)+" "+p.Name(), f.Flows[fl], reports.Query{Kind: "flows", Org: o.Code, From: from, To: asOf, Flow: fl})
	}

	// Breakdowns of the members at the end.
	for _, bd := range reports.BreakdownDims {
		rows, err := snap.Members(stats.Query{OrgID: o.ID, AsOf: asOf, By: []string{bd.Dim}})
		if err != nil {
			return nil, err
		}
		b := reports.Breakdown{Dim: bd.Dim, Title: bd.Title, Rows: []reports.BreakdownRow{}}
		for _, r := range rows {
			if r.Count == 0 {
				continue
			}
			row := reports.BreakdownRow{Code: r.Values[0], Label: reports.ValueLabel(bd.Dim, r.Values[0]), Count: r.Count}
			b.Rows = append(b.Rows, row)
			f.Add("members."+bd.Dim+"."+row.Code, bd.Title+": "+row.Label, r.Count, memQ(map[string]string{bd.Dim: row.Code}))
		}
		f.Breakdowns = append(f.Breakdowns, b)
	}

	// Targets of the year and their progress at the end of the period.
	tp, err := s.TargetProgress(ctx, o.Code, p.Year, asOf)
	if err != nil {
		return nil, err
	}
	for _, t := range tp.Rows {
		f.Targets = append(f.Targets, reports.TargetFig{Figure: t.Figure, Filter: t.Filter, Name: t.Name, Direction: t.Direction,
			YearFrom: t.YearFrom, YearTo: t.YearTo, Target: t.Target.Target, Actual: t.Actual, Percent: t.Percent, Achieved: t.Achieved,
			Document: t.Document})
		filter, _, _ := ParseFilter(t.Filter)
		f.AddText("target."+t.Figure, "Chỉ tiêu: "+t.Name, fmt.Sprintf("%s/%s (%s)", vn.FormatInt(t.Actual), vn.FormatInt(t.Target.Target), t.Percent),
			reports.Query{Kind: "target", Org: o.Code, Year: p.Year, From: t.From, To: t.To, Flow: t.Figure, Filter: filter})
	}
	// Groups of orgs sharing an attribute (the border communes).
	var nameOf map[string]string // the names of the subtree's orgs, read once when a group needs them
	for _, attr := range snap.DimensionNames()[len(stats.Dimensions):] {
		g, err := s.TargetGroupProgress(ctx, o.Code, p.Year, asOf, attr)
		if err != nil {
			return nil, err
		}
		if len(g.Members) == 0 || (len(g.Members) == 1 && g.Members[0] == o.Code) {
			continue
		}
		if nameOf == nil {
			sub, err := s.DB.SubtreeAsOf(ctx, o.Path, asOf)
			if err != nil {
				return nil, err
			}
			nameOf = make(map[string]string, len(sub))
			for _, x := range sub {
				nameOf[x.Code] = x.Name
			}
		}
		var names []string
		for _, c := range g.Members {
			if n, ok := nameOf[c]; ok {
				names = append(names, n)
			}
		}
		for _, r := range g.Rows {
			if r.Filter != "" || r.YearFrom != r.YearTo {
				continue
			}
			f.Groups = append(f.Groups, reports.GroupFig{Attribute: attr, OrgNames: names, Figure: r.Figure, Actual: r.Actual,
				Target: r.Target, Percent: r.Percent})
			f.AddText("group."+attr+"."+r.Figure, fmt.Sprintf("%s của %d tổ chức đảng có thuộc tính %s", reports.FlowLabel(r.Figure), len(names), attr),
				fmt.Sprintf("%s/%s (%s)", vn.FormatInt(r.Actual), vn.FormatInt(r.Target), r.Percent),
				reports.Query{Kind: "target_group", Org: o.Code, Year: p.Year, AsOf: asOf, Attribute: attr, Flow: r.Figure})
		}
	}
	// Indicator set and work programme of the year.
	ind, err := s.Indicators(ctx, o.Code, p.Year, asOf)
	if err != nil {
		return nil, err
	}
	if ind.Total > 0 {
		f.Indicators = &reports.Summary{Done: ind.Done, Total: ind.Total, Text: ind.Summary}
		f.AddText("indicators", "Hệ thống chỉ tiêu năm "+fmt.Sprint(p.Year), fmt.Sprintf("%d/%d", ind.Done, ind.Total),
			reports.Query{Kind: "indicators", Org: o.Code, Year: p.Year, AsOf: asOf})
	}
	prog, err := s.Programme(ctx, o.Code, p.Year, asOf)
	if err != nil {
		return nil, err
	}
	if prog.Total > 0 {
		f.Programme = &reports.Summary{Done: prog.Done, Total: prog.Total, Overdue: prog.Overdue, Text: prog.Summary}
		f.AddText("programme", "Chương trình công tác năm "+fmt.Sprint(p.Year), fmt.Sprintf("%d/%d", prog.Done, prog.Total),
			reports.Query{Kind: "programme", Org: o.Code, Year: p.Year, AsOf: asOf})
	}
	// Congresses: the term chosen, else the term starting next year (held in the year before
	// it) or this year.
	terms := []int{p.Year + 1, p.Year}
	if term != 0 {
		terms = []int{term}
	}
	for _, tf := range terms {
		c, err := s.CongressProgress(ctx, o.Code, tf, asOf)
		if err != nil {
			return nil, err
		}
		if c.Held > 0 || (term != 0 && c.Total > 0) {
			f.Congress = &reports.Congress{Held: int64(c.Held), Total: int64(c.Total), What: "tổ chức cơ sở đảng", Term: fmt.Sprintf("%d–%d", tf, tf+5)}
			f.AddText("congress", fmt.Sprintf("Tổ chức cơ sở đảng đã đại hội nhiệm kỳ %d–%d", tf, tf+5), fmt.Sprintf("%d/%d (%s)", c.Held, c.Total, c.Percent),
				reports.Query{Kind: "congress", Org: o.Code, Year: tf, AsOf: asOf})
			break
		}
	}
	// Direct children compared.
	if len(kids) > 0 {
		ids := make([]int64, len(kids))
		for i, k := range kids {
			ids[i] = k.ID
		}
		kts, err := s.DB.TargetsOfYear(ctx, ids, p.Year)
		if err != nil {
			return nil, err
		}
		admitted, err := figureOfOrgs(snap, ids, "admitted", "", from, asOf)
		if err != nil {
			return nil, err
		}
		for _, k := range kids {
			c := reports.Child{Code: k.Code, Name: k.Name, Admitted: admitted[k.ID]}
			if c.Members, err = snap.Total(stats.Query{OrgID: k.ID, AsOf: asOf}); err != nil {
				return nil, err
			}
			for _, t := range kts {
				if t.OrgID == k.ID && t.Figure == "admitted" && t.Filter == "" && t.YearFrom == p.Year && t.YearTo == p.Year {
					v := t.Target
					c.Target, c.Percent = &v, vn.FormatPercent(c.Admitted, v)
				}
			}
			f.Children = append(f.Children, c)
			f.Add("child."+k.Code+".members", k.Name+": số đảng viên", c.Members, reports.Query{Kind: "members", Org: k.Code, AsOf: asOf})
			f.Add("child."+k.Code+".admitted", k.Name+": kết nạp", c.Admitted, reports.Query{Kind: "flows", Org: k.Code, From: from, To: asOf, Flow: "admitted"})
		}
	}
	return f, nil
}
