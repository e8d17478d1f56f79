package statforms

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseExpr(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"members()", "members()", ""},
		{"members(sex=female, ethnicity!=01)", "members(sex=female, ethnicity!=01)", ""},
		{" flow( admitted , age_band=under30|30-40 ) + 2 - orgs(org_kind=cell)", "flow(admitted, age_band=under30|30-40) + 2 - orgs(org_kind=cell)", ""},
		{"(opening() + flow(transferred_in)) - flow(removed)", "opening() + flow(transferred_in) - flow(removed)", ""},
		{"members(party_age_band=50+)", "members(party_age_band=50+)", ""},
		{"total", "", "thiếu dấu ("},
		{"count()", "", "hàm \"count\" không có"},
		{"flow()", "", "cần tên luồng"},
		{"flow(arrived)", "", "luồng \"arrived\" không có"},
		{"members(sex=)", "", "thiếu giá trị"},
		{"members(sex=male, sex=female)", "", "hai lần"},
		{"members(sex=male", "", "thiếu dấu , hoặc )"},
		{"members() members()", "", "thừa ký tự"},
		{"", "", "kết thúc giữa chừng"},
		{strings.Repeat("(", 60) + "1" + strings.Repeat(")", 60), "", "quá sâu"},
	} {
		e, err := ParseExpr(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || e.String() != tc.want {
			t.Errorf("%q: %v %v, want %q", tc.in, e, err, tc.want)
		}
	}
}

func TestParseCheck(t *testing.T) {
	c, err := ParseCheck("closing = opening + increase - decrease")
	if err != nil || c.Op != "=" || strings.Join(append(Refs(c.L), Refs(c.R)...), ",") != "closing,opening,increase,decrease" {
		t.Fatalf("%v %v", c, err)
	}
	for _, in := range []string{"female <= total", "a >= 0"} {
		if _, err := ParseCheck(in); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
	for _, in := range []string{"a", "a = ", "a == b", "= b", "a < b"} {
		if _, err := ParseCheck(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

// FuzzParseExpr: the parser never panics, and what it accepts prints to a text it accepts
// again with the same meaning.
func FuzzParseExpr(f *testing.F) {
	for _, s := range []string{"members()", "flow(admitted, sex=female) + opening(ethnicity!=01|02)", "(1+2)-orgs(org_kind=cell)", "a = b + c", "female <= total", "((("} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if e, err := ParseExpr(s); err == nil {
			e2, err := ParseExpr(e.String())
			if err != nil || e2.String() != e.String() {
				t.Fatalf("%q → %q → %v %v", s, e.String(), e2, err)
			}
		}
		if c, err := ParseCheck(s); err == nil {
			c2, err := ParseCheck(c.String())
			if err != nil || c2.String() != c.String() {
				t.Fatalf("check %q → %q → %v %v", s, c.String(), c2, err)
			}
		}
	})
}

// FuzzParseLayout: a layout file never panics the loader.
func FuzzParseLayout(f *testing.F) {
	for _, c := range Codes() {
		b, _ := layoutFS.ReadFile("layouts/" + c + ".json")
		f.Add(b)
	}
	f.Add([]byte(`{"code":"x","title":"t","columns":[{"key":"a","where":"sex="}],"rows":[{"key":"r","expr":"members("}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseLayout(b)
		if err == nil {
			l.Validate(map[string]map[string]int64{})
		}
	})
}

func TestLayouts(t *testing.T) {
	if got := strings.Join(Codes(), ","); got != "1-TCTW,3-TCTW,4-TCTW" {
		t.Fatalf("codes %s", got)
	}
	l, _ := Get("1-TCTW")
	if e := l.Cell("admitted", "female"); e == nil || e.String() != "flow(admitted, sex=female)" {
		t.Errorf("admitted/female: %v", e)
	}
	if e := l.Cell("basic", "female"); e != nil {
		t.Errorf("basic/female: %v, want empty", e)
	}
	if !l.MadeFor("2024-06-30") || l.MadeFor("2024-03-31") {
		t.Error("MadeFor")
	}
	l4, _ := Get("4-TCTW")
	if l4.MadeFor("2024-06-30") || !strings.Contains(l4.Unverified, "UNVERIFIED") {
		t.Error("4-TCTW is made for 31/12 only and marked unverified")
	}
}

// TestCellFigure: the cells that drill down to a list, with the row's and the column's
// conditions.
func TestCellFigure(t *testing.T) {
	l3, _ := Get("3-TCTW")
	l1, _ := Get("1-TCTW")
	l4, _ := Get("4-TCTW")
	for _, tc := range []struct {
		l        *Layout
		row, col string
		want     string // "" when the cell has none
	}{
		{l3, "total", "total", "members  map[]"},
		{l3, "title_professor", "female", "members  map[academic_title:professor sex:female]"},
		{l3, "age_under30", "probationary", "members  map[age_band:under30 status:probationary]"},
		{l1, "opening", "female", "opening  map[sex:female]"},
		{l3, "pt_advanced", "total", "members  map[political_theory:advanced|bachelor]"},
		{l1, "admitted", "total", "flow admitted map[]"},
		{l1, "basic", "total", "orgs  map[org_kind:basic_committee|basic_cell]"},
		{l1, "increase", "total", ""}, // a sum
		{l3, "title", "total", ""},    // a heading: no cell
	} {
		fn, flow, f, ok := tc.l.CellFigure(tc.row, tc.col)
		got := ""
		if ok {
			got = fn + " " + flow + " " + fmt.Sprint(f)
		}
		if got != tc.want {
			t.Errorf("%s %s/%s: %q, want %q", tc.l.Code, tc.row, tc.col, got, tc.want)
		}
	}
	// Many codes, and a negation.
	if _, _, f, ok := l3.CellFigure("total", "minority"); !ok || !strings.HasPrefix(f["ethnicity"], "02|03|") {
		t.Errorf("minority: %v %v", f, ok)
	}
	if _, _, f, ok := l4.CellFigure("eth_unknown", l4.Columns[0].Key); !ok || !strings.HasPrefix(f["ethnicity"], "!01|02|") {
		t.Errorf("4-TCTW eth_unknown: %v %v", f, ok)
	}
}
