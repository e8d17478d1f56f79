package reports

import (
	"fmt"
	"sort"
	"strings"

	"tochuc"
	"tochuc/vn"
)

// Query is the engine query a figure comes from: enough to compute it again (tochuc stats
// members|flows, tochuc target …) and to open it to the members it counts.
type Query struct {
	Kind      string            `json:"kind"` // members, flows, target, target_group, indicators, programme, congress
	Org       string            `json:"org"`
	AsOf      tochuc.Date       `json:"as_of,omitempty"`
	From      tochuc.Date       `json:"from,omitempty"`
	To        tochuc.Date       `json:"to,omitempty"`
	By        []string          `json:"by,omitempty"`
	Filter    map[string]string `json:"filter,omitempty"`
	Flow      string            `json:"flow,omitempty"`
	Year      int               `json:"year,omitempty"`
	Attribute string            `json:"attribute,omitempty"`
}

// String writes the query on one line: "members org=P01 as_of=2024-06-30 filter=status=official".
func (q Query) String() string {
	parts := []string{q.Kind, "org=" + q.Org}
	if q.AsOf != "" {
		parts = append(parts, "as_of="+string(q.AsOf))
	}
	if q.From != "" || q.To != "" {
		parts = append(parts, "from="+string(q.From), "to="+string(q.To))
	}
	if q.Flow != "" {
		parts = append(parts, "flow="+q.Flow)
	}
	if q.Year != 0 {
		parts = append(parts, fmt.Sprintf("year=%d", q.Year))
	}
	if q.Attribute != "" {
		parts = append(parts, "group="+q.Attribute)
	}
	if len(q.By) > 0 {
		parts = append(parts, "by="+strings.Join(q.By, ","))
	}
	if len(q.Filter) > 0 {
		keys := make([]string, 0, len(q.Filter))
		for k := range q.Filter {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		f := make([]string, len(keys))
		for i, k := range keys {
			f[i] = k + "=" + q.Filter[k]
		}
		parts = append(parts, "filter="+strings.Join(f, ";"))
	}
	return strings.Join(parts, " ")
}

// Traced is one figure printed in the report and the query that produced it.
type Traced struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Value string `json:"value"`
	Query Query  `json:"query"`
}

// Count is the members at the end of the period by status.
type Count struct {
	Total        int64 `json:"total"`
	Official     int64 `json:"official"`
	Probationary int64 `json:"probationary"`
	Exempt       int64 `json:"exempt"`
}

// TargetFig is one target of the org for the year and its progress at the end of the period.
type TargetFig struct {
	Figure    string `json:"figure"`
	Filter    string `json:"filter,omitempty"`
	Name      string `json:"name"`
	Direction string `json:"direction"` // at_least, at_most
	YearFrom  int    `json:"year_from"`
	YearTo    int    `json:"year_to"`
	Target    int64  `json:"target"`
	Actual    int64  `json:"actual"`
	Percent   string `json:"percent"`
	Achieved  bool   `json:"achieved"`
	Document  string `json:"document,omitempty"`
}

// GroupFig is a figure summed over the orgs of the subtree carrying an attribute (the border
// communes of a province) against the sum of their targets.
type GroupFig struct {
	Attribute string   `json:"attribute"`
	OrgNames  []string `json:"org_names"`
	Figure    string   `json:"figure"`
	Actual    int64    `json:"actual"`
	Target    int64    `json:"target"`
	Percent   string   `json:"percent"`
}

// Summary is "hoàn thành Done/Total …".
type Summary struct {
	Done    int    `json:"done"`
	Total   int    `json:"total"`
	Overdue int    `json:"overdue,omitempty"`
	Text    string `json:"text"`
}

// Congress is how many organizations have held their congress.
type Congress struct {
	Held  int64  `json:"held"`
	Total int64  `json:"total"`
	What  string `json:"what"` // "tổ chức cơ sở đảng", "chi bộ"
	Term  string `json:"term,omitempty"`
}

// BreakdownRow is one value of a dimension and its count.
type BreakdownRow struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Count int64  `json:"count"`
}

// Breakdown is the members at the end of the period by one dimension.
type Breakdown struct {
	Dim   string         `json:"dim"`
	Title string         `json:"title"`
	Rows  []BreakdownRow `json:"rows"`
}

// Child is a direct child unit's figures.
type Child struct {
	Code     string `json:"org_code"`
	Name     string `json:"org_name"`
	Members  int64  `json:"members"`
	Admitted int64  `json:"admitted"`
	Target   *int64 `json:"admitted_target,omitempty"`
	Percent  string `json:"percent,omitempty"`
}

// Figures is everything the report says, as computed by the engine, with the query of each
// figure in Trace.
type Figures struct {
	OrgCode    string           `json:"org_code"`
	OrgName    string           `json:"org_name"`
	ParentName string           `json:"parent_name,omitempty"` // the org above (the issuer's superior); "" at the top
	Period     Period           `json:"period"`
	Code       string           `json:"period_code"`
	From       tochuc.Date      `json:"from"`
	To         tochuc.Date      `json:"to"`
	AsOf       tochuc.Date      `json:"as_of"`  // the members are counted on this day: the period's end, or today before it
	Issued     tochuc.Date      `json:"issued"` // the report's date
	Opening    int64            `json:"opening"`
	Members    Count            `json:"members"`
	Flows      map[string]int64 `json:"flows"`
	Targets    []TargetFig      `json:"targets"`
	Groups     []GroupFig       `json:"groups"`
	Indicators *Summary         `json:"indicators,omitempty"`
	Programme  *Summary         `json:"programme,omitempty"`
	Congress   *Congress        `json:"congress,omitempty"`
	Breakdowns []Breakdown      `json:"breakdowns"`
	Children   []Child          `json:"children"`
	Trace      []Traced         `json:"trace"`
}

// Add records a figure and its query.
func (f *Figures) Add(id, label string, value int64, q Query) {
	f.Trace = append(f.Trace, Traced{ID: id, Label: label, Value: vn.FormatInt(value), Query: q})
}

// AddText records a figure that is not a plain count ("29/29", "87,65%").
func (f *Figures) AddText(id, label, value string, q Query) {
	f.Trace = append(f.Trace, Traced{ID: id, Label: label, Value: value, Query: q})
}

// target finds the org's target on a figure without a filter.
func (f *Figures) target(fig string) *TargetFig {
	for i := range f.Targets {
		if f.Targets[i].Figure == fig && f.Targets[i].Filter == "" {
			return &f.Targets[i]
		}
	}
	return nil
}
