package service

import (
	"context"
	"errors"
	"hash/fnv"
	"io"
	"runtime"
	"strconv"
	"sync"

	"tochuc"
	"tochuc/importer"
	"tochuc/store"
)

// ImportOptions tune a member import.
type ImportOptions struct {
	DryRun   bool
	Progress func(rows int64) // called after each batch
}

// prepared is a member row checked and ready to write.
type prepared struct {
	row    importer.MemberRow
	keys   store.MemberKeys
	orgID  int64
	events []tochuc.MemberEvent
	spans  []tochuc.Span
}

type importBatch struct {
	rows []prepared
	done chan struct{}
}

// existing is what the register already holds, for matching re-imported rows.
type existing struct {
	ids   map[int64]bool
	byCID map[string]int64
}

func (s *Service) loadExisting(ctx context.Context) (*existing, error) {
	n, err := s.DB.MemberCount(ctx)
	if err != nil || n == 0 {
		return nil, err
	}
	ex := &existing{ids: make(map[int64]bool, n), byCID: make(map[string]int64)}
	err = s.DB.EachMemberKey(ctx, func(id int64, cid, card string) {
		ex.ids[id] = true
		if cid != "" {
			ex.byCID["c"+cid] = id
		}
		if card != "" {
			ex.byCID["t"+card] = id
		}
	})
	return ex, err
}

// ImportMembers loads a member file: every row is validated; if any row is wrong nothing is
// written, otherwise all rows are written in one transaction. Rows that match a member already
// in the register (by id, CCCD or card number) update its identity fields when they differ, so
// re-importing the same file changes nothing.
func (s *Service) ImportMembers(ctx context.Context, mr *importer.MemberReader, opt ImportOptions) (*tochuc.ImportReport, error) {
	if err := s.wholeTree(ctx); err != nil {
		return nil, err
	}
	rep := &tochuc.ImportReport{}
	for _, u := range mr.Unknown {
		rep.Warnings = append(rep.Warnings, tochuc.RowError{Line: 1, Value: u, Message: "cột không dùng đến: " + u})
	}
	if err := s.ensureToday(ctx); err != nil {
		return nil, err
	}
	orgs, err := s.DB.OrgCodes(ctx)
	if err != nil {
		return nil, err
	}
	spans, err := s.DB.OrgIntervals(ctx)
	if err != nil {
		return nil, err
	}
	ex, err := s.loadExisting(ctx)
	if err != nil {
		return nil, err
	}
	var bulk *store.Bulk
	if !opt.DryRun {
		if bulk, err = s.DB.BeginBulk(ctx); err != nil {
			return nil, err
		}
		defer bulk.Rollback()
	}
	today := s.Today()

	// Reading is sequential; checking (folding, collation keys, dates, CCCD) runs on every
	// core; writing is sequential again, in file order.
	jobs := make(chan *importBatch, 4)
	order := make(chan *importBatch, 8)
	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		for {
			b := &importBatch{done: make(chan struct{})}
			for len(b.rows) < 1000 {
				row, err := mr.Next()
				if errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					readErr = err
					break
				}
				b.rows = append(b.rows, prepared{row: row})
			}
			if len(b.rows) == 0 {
				return
			}
			jobs <- b
			order <- b
			if readErr != nil || len(b.rows) < 1000 {
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				for i := range b.rows {
					prepareMember(&b.rows[i], orgs, spans, today)
				}
				close(b.done)
			}
		}()
	}
	seenCID := map[uint64]int32{}
	seenCard := map[uint64]int32{}
	seenID := map[int64]int32{}
	for b := range order {
		<-b.done
		for i := range b.rows {
			p := &b.rows[i]
			rep.Rows++
			for _, e := range p.row.Errors {
				if len(rep.Errors) < tochuc.MaxReportedErrors {
					rep.Errors = append(rep.Errors, e)
				}
			}
			if len(p.row.Errors) > 0 {
				continue
			}
			m := &p.row.Member
			if dup := checkDup(seenCID, m.CitizenID, p.row.Line); dup != 0 {
				rep.Reject(p.row.Line, "cccd", m.CitizenID, "số CCCD trùng với dòng %d", dup)
			}
			if dup := checkDup(seenCard, m.CardNumber, p.row.Line); dup != 0 {
				rep.Reject(p.row.Line, "card_number", m.CardNumber, "số thẻ đảng viên trùng với dòng %d", dup)
			}
			if p.row.ID != 0 {
				if dup := seenID[p.row.ID]; dup != 0 {
					rep.Reject(p.row.Line, "id", strconv.FormatInt(p.row.ID, 10), "mã đảng viên trùng với dòng %d", dup)
				}
				seenID[p.row.ID] = int32(p.row.Line)
			}
			if rep.Failed() {
				continue // keep checking, stop writing
			}
			if id := ex.match(p.row); id != 0 {
				m.ID = id
				changed, err := s.updateIfChanged(ctx, bulk, m, p.keys)
				if err != nil {
					return nil, err
				}
				if changed {
					rep.Updated++
				} else {
					rep.Unchanged++
				}
				continue
			}
			rep.Created++
			if bulk == nil {
				continue
			}
			id := p.row.ID
			if id == 0 || (ex != nil && ex.ids[id]) {
				id = bulk.NextMemberID()
			} else {
				bulk.Reserve(id)
			}
			for _, e := range p.events {
				e.MemberID = id
				bulk.AddEvent(e)
			}
			for _, sp := range p.spans {
				sp.MemberID = id
				bulk.AddSpan(sp)
			}
			status, org := tochuc.StatusAt(p.spans, nil, today)
			if err := bulk.AddMember(id, m, p.keys, org, status); err != nil {
				return nil, err
			}
		}
		if opt.Progress != nil {
			opt.Progress(int64(rep.Rows))
		}
	}
	wg.Wait()
	if readErr != nil {
		return nil, readErr
	}
	if rep.Failed() || opt.DryRun {
		return rep, nil
	}
	if err := bulk.AppendAudit(importEntry(ctx, "members", rep)); err != nil {
		bulk.Rollback()
		return nil, err
	}
	if err := bulk.Commit(); err != nil {
		return nil, err
	}
	rep.Applied = true
	s.changed()
	return rep, nil
}

func checkDup(seen map[uint64]int32, key string, line int) int {
	if key == "" {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	k := h.Sum64()
	if prev, ok := seen[k]; ok {
		return int(prev)
	}
	seen[k] = int32(line)
	return 0
}

func (ex *existing) match(r importer.MemberRow) int64 {
	if ex == nil {
		return 0
	}
	if r.ID != 0 && ex.ids[r.ID] {
		return r.ID
	}
	if id := ex.byCID["c"+r.Member.CitizenID]; r.Member.CitizenID != "" && id != 0 {
		return id
	}
	if id := ex.byCID["t"+r.Member.CardNumber]; r.Member.CardNumber != "" && id != 0 {
		return id
	}
	return 0
}

// updateIfChanged rewrites a member's identity when the file differs from the register.
func (s *Service) updateIfChanged(ctx context.Context, bulk *store.Bulk, m *tochuc.Member, k store.MemberKeys) (bool, error) {
	cur, err := s.DB.Member(ctx, m.ID)
	if err != nil {
		return false, err
	}
	keepGiven(m, &cur)
	k = Keys(m)
	if sameIdentity(&cur, m) {
		return false, nil
	}
	if bulk == nil {
		return true, nil
	}
	return true, bulk.UpdateMember(m, k)
}

func sameIdentity(a, b *tochuc.Member) bool {
	x, y := *a, *b
	for _, m := range []*tochuc.Member{&x, &y} {
		m.ID, m.OrgID, m.OrgCode, m.OrgName, m.Status, m.HasPhoto = 0, 0, "", "", "", false
	}
	return x == y
}

// prepareMember validates one row and builds its events and spans (pure; runs in parallel).
func prepareMember(p *prepared, orgs map[string]int64, orgSpans map[int64][][2]tochuc.Date, today tochuc.Date) {
	r := &p.row
	m := &r.Member
	if len(r.Errors) > 0 {
		return
	}
	NormalizeMember(m)
	errs := ValidateMember(m)
	orgID := orgs[r.OrgCode]
	if orgID == 0 {
		errs = append(errs, tochuc.RowError{Column: "org_code", Value: r.OrgCode, Message: "không có tổ chức đảng mã \"" + r.OrgCode + "\""})
	} else if !existsOn(orgSpans[orgID], m.AdmissionDate) && !existsOn(orgSpans[orgID], today) {
		// A register names today's org, which may be younger than the admission (founded in a
		// restructure); an org that exists on neither day is a mistake.
		errs = append(errs, tochuc.RowError{Column: "org_code", Value: r.OrgCode, Message: "tổ chức đảng mã \"" + r.OrgCode + "\" không tồn tại vào ngày kết nạp cũng như hôm nay"})
	}
	if m.AdmissionDate == "" {
		errs = append(errs, tochuc.RowError{Column: "admission_date", Message: "thiếu ngày vào Đảng (ngày quyết định kết nạp)"})
	}
	switch {
	case r.Status == tochuc.StatusProbationary && m.OfficialDate != "":
		errs = append(errs, tochuc.RowError{Column: "official_date", Value: string(m.OfficialDate), Message: "đảng viên dự bị không có ngày chính thức"})
	case r.Status != tochuc.StatusProbationary && m.OfficialDate == "" && r.Status == tochuc.StatusOfficial:
		errs = append(errs, tochuc.RowError{Column: "official_date", Message: "đảng viên chính thức phải có ngày chính thức"})
	case r.Status != tochuc.StatusProbationary && r.Status != tochuc.StatusOfficial && r.StatusDate == "":
		errs = append(errs, tochuc.RowError{Column: "status_date", Message: "trạng thái " + r.Status + " cần ngày bắt đầu trạng thái (status_date)"})
	}
	if len(errs) == 0 {
		ev := []tochuc.MemberEvent{{Kind: tochuc.EventAdmitted, Date: m.AdmissionDate, OrgID: orgID}}
		if m.OfficialDate != "" {
			ev = append(ev, tochuc.MemberEvent{Kind: tochuc.EventRecognized, Date: m.OfficialDate})
		}
		switch r.Status {
		case tochuc.StatusExempt:
			ev = append(ev, tochuc.MemberEvent{Kind: tochuc.EventExempted, Date: r.StatusDate})
		case tochuc.StatusRemoved, tochuc.StatusWithdrawn, tochuc.StatusExpelled, tochuc.StatusDeceased:
			ev = append(ev, tochuc.MemberEvent{Kind: r.Status, Date: r.StatusDate})
		}
		for i := range ev {
			ev[i].ID = int64(i) // keeps the file's order for events of one day
		}
		spans, err := tochuc.BuildSpans(0, ev)
		if err != nil {
			errs = append(errs, tochuc.RowError{Column: "status_date", Message: tochuc.ErrorMessage(err)})
		}
		for i := range ev {
			ev[i].ID = 0
		}
		p.events, p.spans, p.orgID = ev, spans, orgID
	}
	for i := range errs {
		errs[i].Line = r.Line
	}
	r.Errors = errs
	if len(errs) == 0 {
		p.keys = Keys(m)
	}
}

func existsOn(spans [][2]tochuc.Date, d tochuc.Date) bool {
	for _, s := range spans {
		if s[0] <= d && d < s[1] {
			return true
		}
	}
	return false
}

// keepGiven fills the empty cells of a row from the register: an empty cell means "not given",
// never "erase" — an old as-of export has no official date yet, and must not wipe it.
func keepGiven(m, cur *tochuc.Member) {
	str := func(m *tochuc.Member) []*string {
		return []*string{&m.Surname, &m.MiddleName, &m.GivenName, &m.FullName, &m.BirthName, &m.Aliases, &m.Sex,
			&m.BirthDate, &m.BirthPlace, &m.HomeTown, &m.Residence, &m.Ethnicity, &m.Religion, &m.Education,
			&m.ProfessionalQualification, &m.PoliticalTheory, &m.Occupation, &m.CitizenID, &m.CardNumber, &m.HistoryNumber,
			&m.AcademicTitle}
	}
	dates := func(m *tochuc.Member) []*tochuc.Date {
		return []*tochuc.Date{&m.AdmissionDate, &m.CeremonyDate, &m.OfficialDate}
	}
	ms, cs := str(m), str(cur)
	for i := range ms {
		if *ms[i] == "" {
			*ms[i] = *cs[i]
		}
	}
	md, cd := dates(m), dates(cur)
	for i := range md {
		if *md[i] == "" {
			*md[i] = *cd[i]
		}
	}
}
