package service_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/tabular"
	"tochuc/vn"
)

// filterAttrs gives the fixture people varied identity fields: birth dates around the age band
// limits on fixedToday (15/01/2026), partial birth dates, codes of every filtered list.
var filterAttrs = map[string]struct{ birth, ethnicity, religion, education, theory string }{
	"Nguyễn Văn An":  {"1985-01-16", "01", "00", "upper_secondary", "elementary"},   // 40
	"Lê Thị Ánh":     {"1985-01-15", "02", "01", "upper_secondary", ""},             // 41
	"Trần Văn Dương": {"1975", "01", "02", "lower_secondary", "intermediate"},       // partial: its first day, 51
	"Phạm Minh Đức":  {"1975-02", "08", "00", "upper_secondary", "advanced"},        // 50
	"Hoàng Văn Đức":  {"1966-01-15", "01", "", "primary", "none"},                   // 60
	"Vũ Thị Anh":     {"1965-01-15", "03", "00", "upper_secondary", "intermediate"}, // 61
	"Đặng Thị Bình":  {"1996-01-15", "01", "03", "", "bachelor"},                    // 30 that day
	"Bùi Văn Cường":  {"1959", "05", "00", "upper_secondary", "advanced"},
	"Đỗ Thị Yến":     {"2000-12-31", "01", "01", "upper_secondary", "elementary"},
	"Hồ Văn Bảo":     {"1996-01-16", "01", "00", "upper_secondary", ""}, // 29, 30 tomorrow
}

// filterFixture builds the fixture and gives its people the attributes above.
func filterFixture(t *testing.T, svc *service.Service) map[string]int64 {
	t.Helper()
	ids := fixture(t, svc)
	ctx := sysCtx()
	for name, a := range filterAttrs {
		m, err := svc.DB.Member(ctx, ids[name])
		if err != nil {
			t.Fatal(err)
		}
		m.BirthDate, m.Ethnicity, m.Religion, m.Education, m.PoliticalTheory = a.birth, a.ethnicity, a.religion, a.education, a.theory
		y, _ := strconv.Atoi(a.birth[:4])
		m.CitizenID = vn.MakeCitizenID("002", y, m.Sex, int(ids[name]))
		if err := svc.UpdateMember(ctx, m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return ids
}

// naiveAge is the age in whole years on d of someone born on b (a partial date stands for its
// first day).
func naiveAge(b string, d tochuc.Date) int {
	p, err := vn.ParsePartialDate(b)
	if err != nil || b == "" {
		return -1
	}
	mo, day := max(p.Month, 1), max(p.Day, 1)
	t := d.Time()
	age := t.Year() - p.Year
	if int(t.Month()) < mo || (int(t.Month()) == mo && t.Day() < day) {
		age--
	}
	return age
}

// naiveMatch is the filter written plainly in Go.
func naiveMatch(m tochuc.Member, f service.MemberFilter, d tochuc.Date) bool {
	if f.Status != "" && m.Status != f.Status || f.Sex != "" && m.Sex != f.Sex ||
		f.Ethnicity != "" && m.Ethnicity != f.Ethnicity || f.Religion != "" && m.Religion != f.Religion ||
		f.Education != "" && m.Education != f.Education || f.PoliticalTheory != "" && m.PoliticalTheory != f.PoliticalTheory {
		return false
	}
	if f.AgeBand != "" {
		a := naiveAge(m.BirthDate, d)
		ok := map[string]bool{"under30": a >= 0 && a < 30, "30-40": a >= 30 && a <= 40, "41-50": a >= 41 && a <= 50,
			"51-60": a >= 51 && a <= 60, "over60": a > 60}[f.AgeBand]
		if !ok {
			return false
		}
	}
	y := 0
	if m.AdmissionDate != "" {
		y, _ = strconv.Atoi(string(m.AdmissionDate)[:4])
	}
	if f.AdmittedFrom != 0 && (y == 0 || y < f.AdmittedFrom) || f.AdmittedTo != 0 && (y == 0 || y > f.AdmittedTo) {
		return false
	}
	return true
}

func sortedNames(ms []tochuc.Member) []string {
	out := names(ms)
	slices.Sort(out)
	return out
}

// filterCases are filters over every field, alone and combined.
func filterCases() []service.MemberFilter {
	fs := []service.MemberFilter{{}}
	for _, st := range tochuc.CountedStatuses {
		fs = append(fs, service.MemberFilter{Status: st})
	}
	for _, b := range service.AgeBands {
		fs = append(fs, service.MemberFilter{AgeBand: b.Code}, service.MemberFilter{AgeBand: b.Code, Sex: "male"})
	}
	fs = append(fs,
		service.MemberFilter{Sex: "female"}, service.MemberFilter{Sex: "male"},
		service.MemberFilter{Ethnicity: "01"}, service.MemberFilter{Ethnicity: "08"}, service.MemberFilter{Ethnicity: "54"},
		service.MemberFilter{Religion: "00"}, service.MemberFilter{Religion: "01"}, service.MemberFilter{Religion: "03"},
		service.MemberFilter{Education: "upper_secondary"}, service.MemberFilter{Education: "primary"},
		service.MemberFilter{PoliticalTheory: "advanced"}, service.MemberFilter{PoliticalTheory: "none"},
		service.MemberFilter{AdmittedFrom: 2011}, service.MemberFilter{AdmittedTo: 2012},
		service.MemberFilter{AdmittedFrom: 2010, AdmittedTo: 2014}, service.MemberFilter{AdmittedFrom: 2013, AdmittedTo: 2013},
		service.MemberFilter{Ethnicity: "01", Religion: "00", Education: "upper_secondary"},
		service.MemberFilter{Status: tochuc.StatusOfficial, Sex: "female", AdmittedFrom: 2010},
		service.MemberFilter{Query: "duc", AgeBand: "41-50"}, service.MemberFilter{Query: "nguyen van", Ethnicity: "01"},
	)
	return fs
}

func TestListMembersFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		filterFixture(t, svc)
		// Today (the fast path on members) and a past date (the spans).
		for _, d := range []tochuc.Date{fixedToday, "2014-01-01"} {
			all, err := svc.ListMembers(ctx, service.MemberList{AsOf: d, PageSize: 500})
			if err != nil {
				t.Fatal(err)
			}
			if len(all.Members) == 0 {
				t.Fatalf("%s: no members", d)
			}
			for _, f := range filterCases() {
				var want []string
				for _, m := range all.Members {
					if naiveMatch(m, f, d) && (f.Query == "" || strings.Contains(vn.Fold(m.FullName), strings.Fields(f.Query)[0])) {
						want = append(want, m.FullName)
					}
				}
				slices.Sort(want)
				for _, org := range []string{"", "X01"} {
					got, err := svc.ListMembers(ctx, service.MemberList{AsOf: d, OrgCode: org, Subtree: true, Filter: f, PageSize: 500})
					if err != nil {
						t.Fatalf("%s %+v: %v", d, f, err)
					}
					w := want
					if org == "X01" {
						w = nil
						for _, n := range want {
							for _, m := range all.Members {
								if m.FullName == n && strings.HasPrefix(m.OrgCode, "X01") {
									w = append(w, n)
								}
							}
						}
					}
					if g := sortedNames(got.Members); !slices.Equal(g, w) || got.Total != len(w) {
						t.Errorf("%s org %q filter %+v: got %v (total %d), want %v", d, org, f, g, got.Total, w)
					}
				}
			}
		}
		// Age bands by hand on the limits: 30 on the day, 29 the day before the birthday.
		band := func(b string) []string {
			p, err := svc.ListMembers(ctx, service.MemberList{AsOf: fixedToday, Filter: service.MemberFilter{AgeBand: b}})
			if err != nil {
				t.Fatal(err)
			}
			return sortedNames(p.Members)
		}
		if got := band("under30"); !slices.Equal(got, []string{"Hồ Văn Bảo", "Đỗ Thị Yến"}) {
			t.Errorf("under 30: %v", got)
		}
		if got := band("over60"); !slices.Equal(got, []string{"Bùi Văn Cường", "Vũ Thị Anh"}) {
			t.Errorf("over 60: %v", got)
		}
	})
}

func TestMemberFilterRejectsUnknownCodes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		fixture(t, svc)
		for _, tc := range []struct {
			f       service.MemberFilter
			subject string
		}{
			{service.MemberFilter{Status: "removed"}, "status"}, {service.MemberFilter{Sex: "x"}, "sex"},
			{service.MemberFilter{AgeBand: "20-30"}, "age"}, {service.MemberFilter{Ethnicity: "99"}, "ethnicity"},
			{service.MemberFilter{Religion: "Kinh"}, "religion"}, {service.MemberFilter{Education: "university"}, "education"},
			{service.MemberFilter{PoliticalTheory: "x"}, "political_theory"}, {service.MemberFilter{AdmittedFrom: 20}, "admitted_from"},
			{service.MemberFilter{AdmittedFrom: 2015, AdmittedTo: 2010}, "admitted_to"},
		} {
			_, err := svc.ListMembers(ctx, service.MemberList{Filter: tc.f})
			var e *tochuc.Error
			if tochuc.ErrorCode(err) != tochuc.EINVALID || !errorAs(err, &e) || e.Subject != tc.subject {
				t.Errorf("%+v: %v, want EINVALID about %s", tc.f, err, tc.subject)
			}
			_, err = svc.ExportMembers(ctx, tabular.NewCSVWriter(&bytes.Buffer{}, false), service.ExportOptions{Filter: tc.f})
			if tochuc.ErrorCode(err) != tochuc.EINVALID {
				t.Errorf("export %+v: %v, want EINVALID", tc.f, err)
			}
		}
	})
}

// injections are hostile texts a filter or a search may receive.
var injections = []string{`' OR 1=1--`, `%`, `_`, `\`, `"; DROP TABLE members; --`, `') OR ('1'='1`, "\x00", `%' OR '%'='`, `01' OR '1'='1`, "\xff\xfe"}

func TestMemberFilterInjection(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		filterFixture(t, svc)
		for _, p := range injections {
			// In the search: a clean, empty answer.
			for _, d := range []tochuc.Date{fixedToday, "2014-01-01"} {
				got, err := svc.ListMembers(ctx, service.MemberList{AsOf: d, Filter: service.MemberFilter{Query: p}})
				if err != nil {
					if tochuc.ErrorCode(err) != tochuc.EINVALID {
						t.Errorf("q %q: %v", p, err)
					}
				} else if got.Total != 0 {
					t.Errorf("q %q matched %d members", p, got.Total)
				}
			}
			// In every coded filter: EINVALID naming the field.
			for _, f := range []service.MemberFilter{{Status: p}, {Sex: p}, {AgeBand: p}, {Ethnicity: p}, {Religion: p},
				{Education: p}, {PoliticalTheory: p}} {
				_, err := svc.ListMembers(ctx, service.MemberList{Filter: f})
				if tochuc.ErrorCode(err) != tochuc.EINVALID {
					t.Errorf("filter %+v: %v, want EINVALID", f, err)
				}
			}
		}
		// The store binds every value: the same texts straight in a query match nothing.
		for _, p := range injections {
			if strings.ContainsAny(p, "\x00\xff") {
				continue // not text: the service refuses it before any query (above)
			}
			q := store.MemberQuery{AsOf: fixedToday, Today: true, Limit: -1, Ethnicity: p, Religion: p}
			if ms, n, err := db.ListMembers(ctx, q); err != nil || n != 0 || len(ms) != 0 {
				t.Errorf("store filter %q: %d members, %v", p, n, err)
			}
			q = store.MemberQuery{AsOf: "2014-01-01", Limit: -1, NameKey: p, Education: p}
			if _, n, err := db.ListMembers(ctx, q); err != nil || n != 0 {
				t.Errorf("store name %q: %d members, %v", p, n, err)
			}
		}
	})
}

// TestExportWhatIsFiltered: the rows of an export are the rows of the list with the same filter,
// and the audit entry of the export describes the filter.
func TestExportWhatIsFiltered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		filterFixture(t, svc)
		cases := append(filterCases(), service.MemberFilter{Query: "nguyen"}, service.MemberFilter{Query: "0200000"},
			service.MemberFilter{Query: "02000001"})
		for _, d := range []tochuc.Date{fixedToday, "2014-01-01"} {
			for _, f := range cases {
				for _, scope := range []struct {
					org    string
					direct bool
				}{{"", false}, {"X01", false}, {"X01", true}, {"B01", true}} {
					list, err := svc.ListMembers(ctx, service.MemberList{AsOf: d, OrgCode: scope.org, Subtree: !scope.direct,
						Filter: f, PageSize: 500})
					if err != nil {
						t.Fatal(err)
					}
					for _, human := range []bool{false, true} {
						var b bytes.Buffer
						var w tabular.Writer = tabular.NewCSVWriter(&b, false)
						if human {
							if w, err = tabular.NewXLSXWriter(&b, "Danh sách"); err != nil {
								t.Fatal(err)
							}
						}
						n, err := svc.ExportMembers(ctx, w, service.ExportOptions{AsOf: d, OrgCode: scope.org, Direct: scope.direct,
							Filter: f, Human: human})
						if err != nil {
							t.Fatal(err)
						}
						if int(n) != list.Total {
							t.Errorf("%s %+v %+v human %v: exported %d rows, list has %d", d, scope, f, human, n, list.Total)
						}
						if human {
							continue
						}
						_, rows := readCSV(t, b.Bytes())
						var got, want []string
						for _, r := range rows {
							got = append(got, r[0])
						}
						for _, m := range list.Members {
							want = append(want, strconv.FormatInt(m.ID, 10))
						}
						slices.Sort(got)
						slices.Sort(want)
						if !slices.Equal(got, want) {
							t.Errorf("%s %+v %+v: exported ids %v, listed %v", d, scope, f, got, want)
						}
					}
				}
			}
		}
		f := service.MemberFilter{Sex: "female", AgeBand: "30-40", Ethnicity: "01", AdmittedFrom: 2010, AdmittedTo: 2015}
		if _, err := svc.ExportMembers(ctx, tabular.NewCSVWriter(&bytes.Buffer{}, false), service.ExportOptions{OrgCode: "X01", Filter: f}); err != nil {
			t.Fatal(err)
		}
		es, err := db.ListAudit(context.Background(), store.AuditFilter{Action: tochuc.AuditExport, Limit: 1})
		if err != nil || len(es) != 1 {
			t.Fatalf("audit: %v %v", es, err)
		}
		for _, want := range []string{"X01", "giới tính Nữ", "độ tuổi từ 30 đến 40", "dân tộc Kinh", "năm vào Đảng 2010–2015"} {
			if !strings.Contains(es[0].Detail, want) {
				t.Errorf("export audit detail %q lacks %q", es[0].Detail, want)
			}
		}
	})
}

func errorAs(err error, e **tochuc.Error) bool {
	x, ok := err.(*tochuc.Error)
	if ok {
		*e = x
	}
	return ok
}

var _ = fmt.Sprint
