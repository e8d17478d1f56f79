package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/store"
	"tochuc/vn"
)

// Congresses (đại hội) of party organizations for a term, and how many of the basic
// organizations of a subtree have held theirs: "497/567 tổ chức cơ sở đảng đã tổ chức đại hội
// (đạt 87,65%)".

// CongressInput is a congress as recorded by the organization board.
type CongressInput struct {
	OrgCode  string      `json:"org_code"`
	TermFrom int         `json:"term_from"`
	TermTo   int         `json:"term_to"` // 0: term_from + 5
	HeldOn   tochuc.Date `json:"held_on"`
	Document string      `json:"document"`
	Note     string      `json:"note"`
}

// checkCongress validates and normalizes a congress record against today.
func checkCongress(in *CongressInput, today tochuc.Date) error {
	if in.TermTo == 0 {
		in.TermTo = in.TermFrom + 5
	}
	if in.TermFrom < 1930 || in.TermFrom > 2200 || in.TermTo <= in.TermFrom || in.TermTo > in.TermFrom+10 {
		return tochuc.Errorf(tochuc.EINVALID, "nhiệm kỳ %d–%d không hợp lệ", in.TermFrom, in.TermTo)
	}
	if _, err := tochuc.ParseISODate(string(in.HeldOn)); err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "ngày đại hội: bắt buộc, dạng YYYY-MM-DD")
	}
	if in.HeldOn > today {
		return tochuc.Errorf(tochuc.EINVALID, "ngày đại hội %s sau hôm nay: chỉ ghi đại hội đã tổ chức", in.HeldOn.Display())
	}
	if y := in.HeldOn.Time().Year(); y < in.TermFrom-1 || y > in.TermTo {
		return tochuc.Errorf(tochuc.EINVALID, "ngày đại hội %s không thuộc nhiệm kỳ %d–%d", in.HeldOn.Display(), in.TermFrom, in.TermTo)
	}
	in.Document = strings.TrimSpace(vn.NFC(in.Document))
	in.Note = strings.TrimSpace(vn.NFC(in.Note))
	if len([]rune(in.Document)) > 200 || len([]rune(in.Note)) > 1000 {
		return tochuc.Errorf(tochuc.EINVALID, "văn bản hoặc ghi chú quá dài")
	}
	return nil
}

// RecordCongress records that an org held its congress for a term (write permission over the
// org as it stood on the day of the congress); audited.
func (s *Service) RecordCongress(ctx context.Context, in CongressInput) (int64, error) {
	if err := checkCongress(&in, s.Today()); err != nil {
		return 0, err
	}
	r, err := s.reachFor(ctx, tochuc.PermWrite, in.HeldOn)
	if err != nil {
		return 0, err
	}
	o, err := s.orgIn(ctx, r, in.OrgCode)
	if err != nil {
		return 0, err
	}
	c := store.Congress{OrgID: o.ID, OrgCode: o.Code, TermFrom: in.TermFrom, TermTo: in.TermTo, HeldOn: in.HeldOn,
		Document: in.Document, Note: in.Note}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.SetCongress(ctx, &c); err != nil {
			return err
		}
		e := entry(ctx, "congress.record", "congress", strconv.FormatInt(c.ID, 10), o.ID)
		e.Detail = fmt.Sprintf("đại hội %s nhiệm kỳ %d–%d ngày %s", o.Code, c.TermFrom, c.TermTo, c.HeldOn.Display())
		return tx.AppendAudit(ctx, e)
	})
	return c.ID, err
}

// CongressProgress is how many basic organizations of a subtree held their congress for a term
// by a date.
type CongressProgress struct {
	Org      tochuc.Org       `json:"org"`
	TermFrom int              `json:"term_from"`
	AsOf     tochuc.Date      `json:"as_of"`
	Held     int              `json:"held"`
	Total    int              `json:"total"`
	Percent  string           `json:"percent"`
	Sentence string           `json:"sentence"`
	Missing  []tochuc.Org     `json:"missing"` // the basic organizations yet to hold it, in tree order
	Records  []store.Congress `json:"records"` // the congresses held, in tree order
}

// CongressProgress counts the basic organizations (đảng bộ cơ sở, chi bộ cơ sở) of the org's
// subtree as the tree stood on asOf, and those of them that held their congress of the term
// starting in termFrom on or before asOf (counts permission).
func (s *Service) CongressProgress(ctx context.Context, orgCode string, termFrom int, asOf tochuc.Date) (*CongressProgress, error) {
	o, asOf, err := s.progressOrg(ctx, orgCode, asOf)
	if err != nil {
		return nil, err
	}
	held, err := s.DB.CongressesOfTerm(ctx, termFrom, asOf)
	if err != nil {
		return nil, err
	}
	sub, err := s.DB.SubtreeAsOf(ctx, o.Path, asOf)
	if err != nil {
		return nil, err
	}
	p := &CongressProgress{Org: o, TermFrom: termFrom, AsOf: asOf, Missing: []tochuc.Org{}, Records: []store.Congress{}}
	for _, x := range sub {
		if !tochuc.IsBasic(x.Kind) {
			continue
		}
		p.Total++
		if c, ok := held[x.ID]; ok {
			p.Held++
			p.Records = append(p.Records, c)
		} else {
			p.Missing = append(p.Missing, x)
		}
	}
	p.Percent = vn.FormatPercent(int64(p.Held), int64(p.Total))
	p.Sentence = fmt.Sprintf("%s/%s tổ chức cơ sở đảng đã tổ chức đại hội", vn.FormatInt(int64(p.Held)), vn.FormatInt(int64(p.Total)))
	if p.Total > 0 {
		p.Sentence += " (đạt " + p.Percent + ")"
	}
	return p, nil
}
