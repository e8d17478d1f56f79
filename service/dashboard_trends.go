package service

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"tochuc"
	"tochuc/stats"
	"tochuc/vn"
)

// The dashboard's trends by year and the comparison of the child units, from the statistics
// snapshot (no SQL over the members): every figure is one the statistics page shows too.

// TrendYears is how many years the dashboard's trend covers by default.
const TrendYears = 5

// TrendYear is one year of the trend of a subtree.
type TrendYear struct {
	Year     int         `json:"year"`
	AsOf     tochuc.Date `json:"as_of"`    // 31/12 of the year, or the date asked for the current year
	Members  int64       `json:"members"`  // members counted on AsOf in the subtree as it stood then
	Admitted int64       `json:"admitted"` // admitted from 01/01 to AsOf
	Exists   bool        `json:"exists"`   // the org existed on AsOf
}

// Trend is the members at the end of each of the last years and the admissions of each year.
type Trend struct {
	Code  string      `json:"org_code"`
	AsOf  tochuc.Date `json:"as_of"`
	Years []TrendYear `json:"years"`
}

// DashboardTrend computes the trend of the subtree of an org (the actor's home org when code is
// empty) over the n years ending with the year of asOf: the members on 31/12 of each year (on
// asOf for its own year) and the members admitted in each year. Each year counts the subtree as
// the tree stood at its end, so a restructure changes the units, not the totals.
func (s *Service) DashboardTrend(ctx context.Context, code string, asOf tochuc.Date, n int) (*Trend, error) {
	o, asOf, err := s.progressOrg(ctx, code, asOf)
	if err != nil {
		return nil, err
	}
	if n <= 0 {
		n = TrendYears
	}
	n = min(n, 30)
	snap, err := s.StatsSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	last, _ := strconv.Atoi(string(asOf[:4]))
	out := &Trend{Code: o.Code, AsOf: asOf}
	for y := last - n + 1; y <= last; y++ {
		end := min(tochuc.Date(fmt.Sprintf("%04d-12-31", y)), asOf)
		ty := TrendYear{Year: y, AsOf: end}
		// The org of asOf on that date: the same id, or nothing when it did not exist yet.
		if _, err := s.DB.OrgByIDAsOf(ctx, o.ID, end); err == nil {
			ty.Exists = true
			if ty.Members, err = snap.Total(stats.Query{OrgID: o.ID, AsOf: end}); err != nil {
				return nil, err
			}
			if ty.Admitted, err = figure(snap, o.ID, "admitted", "", tochuc.Date(fmt.Sprintf("%04d-01-01", y)), end); err != nil {
				return nil, err
			}
		} else if tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			return nil, err
		}
		out.Years = append(out.Years, ty)
	}
	return out, nil
}

// Sort columns of the comparison of child units.
const (
	SortName       = "name"
	SortMembers    = "members"
	SortAdmitted   = "admitted"
	SortTarget     = "target"     // % of the admission target of the year
	SortPopulation = "population" // members per population
	SortVillages   = "villages"   // share of villages with a cell
)

// CompareColumns are the columns the comparison sorts by.
var CompareColumns = []string{SortName, SortMembers, SortAdmitted, SortTarget, SortPopulation, SortVillages}

// CompareRow is one child unit of the comparison.
type CompareRow struct {
	Code          string `json:"org_code"`
	Name          string `json:"org_name"`
	Members       int64  `json:"members"`
	Admitted      int64  `json:"admitted"`                 // admitted from 01/01 to the date
	Target        *int64 `json:"admission_target"`         // the unit's own admission target of the year
	TargetPercent string `json:"target_percent,omitempty"` // admitted / target
	Ratio         Ratio  `json:"ratio"`

	targetNum float64
	key       []byte
}

// Comparison is the child units of an org on a date, sorted.
type Comparison struct {
	Code string       `json:"org_code"`
	AsOf tochuc.Date  `json:"as_of"`
	Year int          `json:"year"`
	Sort string       `json:"sort"`
	Dir  string       `json:"dir"`
	Rows []CompareRow `json:"rows"`
}

// DashboardCompare compares the direct children of an org on asOf: members, admitted this
// year, the percentage of their admission target of the year, and the ratios; sorted by the
// column (names in Vietnamese order; missing figures last whatever the direction), dir "asc"
// or "desc". Only the org's own children appear: all inside the actor's reach.
func (s *Service) DashboardCompare(ctx context.Context, code string, asOf tochuc.Date, sortBy, dir string) (*Comparison, error) {
	o, asOf, err := s.progressOrg(ctx, code, asOf)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(CompareColumns, sortBy) {
		sortBy = SortName
	}
	if dir != "desc" {
		dir = "asc"
	}
	year, _ := strconv.Atoi(string(asOf[:4]))
	out := &Comparison{Code: o.Code, AsOf: asOf, Year: year, Sort: sortBy, Dir: dir, Rows: []CompareRow{}}
	kids, err := s.DB.ChildrenAsOf(ctx, o.ID, asOf)
	if err != nil || len(kids) == 0 {
		return out, err
	}
	rc, err := s.newRatioCtx(ctx, asOf)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(kids))
	for i, k := range kids {
		ids[i] = k.ID
	}
	targets, err := s.DB.TargetsOfYear(ctx, ids, year)
	if err != nil {
		return nil, err
	}
	from := tochuc.Date(fmt.Sprintf("%04d-01-01", year))
	for _, k := range kids {
		row := CompareRow{Code: k.Code, Name: k.Name, targetNum: -1, key: vn.SortKey(k.Name)}
		if row.Ratio, err = rc.ratio(k); err != nil {
			return nil, err
		}
		row.Members = row.Ratio.Members
		if row.Admitted, err = figure(rc.snap, k.ID, "admitted", "", from, asOf); err != nil {
			return nil, err
		}
		for _, t := range targets {
			if t.OrgID == k.ID && t.Figure == "admitted" && t.Filter == "" && t.YearFrom == year && t.YearTo == year {
				v := t.Target
				row.Target, row.TargetPercent = &v, vn.FormatPercent(row.Admitted, v)
				if v > 0 {
					row.targetNum = float64(row.Admitted) / float64(v)
				}
			}
		}
		out.Rows = append(out.Rows, row)
	}
	sortCompare(out.Rows, sortBy, dir == "desc")
	return out, nil
}

// sortCompare orders the rows by a column; ties and missing figures fall back to the names.
func sortCompare(rows []CompareRow, by string, desc bool) {
	num := func(r CompareRow) float64 {
		switch by {
		case SortMembers:
			return float64(r.Members)
		case SortAdmitted:
			return float64(r.Admitted)
		case SortTarget:
			return r.targetNum
		case SortPopulation:
			return r.Ratio.popNum
		case SortVillages:
			return r.Ratio.shareNum
		}
		return 0
	}
	byName := func(a, b CompareRow) int {
		if c := bytes.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.Code, b.Code)
	}
	slices.SortStableFunc(rows, func(a, b CompareRow) int {
		if by == SortName {
			if desc {
				return byName(b, a)
			}
			return byName(a, b)
		}
		x, y := num(a), num(b)
		if (x < 0) != (y < 0) { // a missing figure goes last
			if x < 0 {
				return 1
			}
			return -1
		}
		c := cmp.Compare(x, y)
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		return byName(a, b)
	})
}
