package service_test

import (
	"reflect"
	"sort"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/vn"
)

func indexOf(ms []tochuc.Member, name string) int {
	for i, m := range ms {
		if m.FullName == name {
			return i
		}
	}
	return -1
}

func names(ms []tochuc.Member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.FullName)
	}
	return out
}

func TestListMembersVietnameseOrderAndPaging(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		fixture(t, svc)
		root := orgAsOf(t, db, "TW", fixedToday)
		all, total, err := db.ListMembers(ctx, store.MemberQuery{OrgPath: root.Path, AsOf: fixedToday, Limit: -1})
		if err != nil {
			t.Fatal(err)
		}
		if total != len(fixturePeople()) || len(all) != total {
			t.Fatalf("listed %d of total %d, want %d", len(all), total, len(fixturePeople()))
		}
		// Given name first, Vietnamese alphabet: An < Anh < Ánh, Dương < Đức.
		for _, pair := range [][2]string{{"Nguyễn Văn An", "Vũ Thị Anh"}, {"Vũ Thị Anh", "Lê Thị Ánh"}, {"Nguyễn Văn An", "Lê Thị Ánh"},
			{"Trần Văn Dương", "Phạm Minh Đức"}, {"Trần Văn Dương", "Hoàng Văn Đức"}, {"Hoàng Văn Đức", "Phạm Minh Đức"}, {"Phạm Minh Đức", "Đỗ Thị Yến"}} {
			if i, j := indexOf(all, pair[0]), indexOf(all, pair[1]); i < 0 || j < 0 || i > j {
				t.Errorf("%s (at %d) should come before %s (at %d): %v", pair[0], i, pair[1], j, names(all))
			}
		}
		for i := 1; i < len(all); i++ {
			a, b := all[i-1], all[i]
			if vn.CompareNames([3]string{a.Surname, a.MiddleName, a.GivenName}, [3]string{b.Surname, b.MiddleName, b.GivenName}) > 0 {
				t.Errorf("%s listed before %s", a.FullName, b.FullName)
			}
		}
		// Pages of 3 cover the list exactly: no overlap, no gap, same order.
		var paged []string
		seen := map[int64]bool{}
		for off := 0; off < total+3; off += 3 {
			page, n, err := db.ListMembers(ctx, store.MemberQuery{OrgPath: root.Path, AsOf: fixedToday, Offset: off, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			if n != total {
				t.Errorf("page at %d: total %d, want %d", off, n, total)
			}
			if len(page) > 3 {
				t.Errorf("page of %d rows", len(page))
			}
			for _, m := range page {
				if seen[m.ID] {
					t.Errorf("member %s on two pages", m.FullName)
				}
				seen[m.ID] = true
				paged = append(paged, m.FullName)
			}
		}
		if !reflect.DeepEqual(paged, names(all)) {
			t.Errorf("pages %v\nwhole %v", paged, names(all))
		}
		// The default page is 50 rows; MaxCount stops the count.
		if page, _, _ := db.ListMembers(ctx, store.MemberQuery{AsOf: fixedToday}); len(page) != total {
			t.Errorf("default page has %d rows", len(page))
		}
		if _, n, _ := db.ListMembers(ctx, store.MemberQuery{AsOf: fixedToday, MaxCount: 4, Limit: 2}); n != 4 {
			t.Errorf("MaxCount 4: total %d", n)
		}
		// Direct members of one org, and a status filter.
		b01 := orgAsOf(t, db, "B01", fixedToday)
		direct, _, err := db.ListMembers(ctx, store.MemberQuery{OrgID: b01.ID, AsOf: fixedToday, Limit: -1})
		if err != nil {
			t.Fatal(err)
		}
		if got := names(direct); !reflect.DeepEqual(got, []string{"Hồ Văn Bảo", "Đỗ Thị Yến"}) {
			t.Errorf("direct members of B01 = %v", got)
		}
		prob, _, err := db.ListMembers(ctx, store.MemberQuery{AsOf: fixedToday, Status: tochuc.StatusProbationary, Limit: -1})
		if err != nil {
			t.Fatal(err)
		}
		if got := names(prob); !sameSet(got, []string{"Hoàng Văn Đức", "Hồ Văn Bảo"}) {
			t.Errorf("probationary members = %v", got)
		}
		women, _, _ := db.ListMembers(ctx, store.MemberQuery{AsOf: fixedToday, Sex: "female", Limit: -1})
		if len(women) != 4 {
			t.Errorf("%d women", len(women))
		}
		// Before Hồ Văn Bảo's admission he is not listed; the X01 subtree on an early date.
		early, _, _ := db.ListMembers(ctx, store.MemberQuery{AsOf: "2012-01-01", Limit: -1})
		if got := names(early); !sameSet(got, []string{"Nguyễn Văn An", "Vũ Thị Anh", "Lê Thị Ánh", "Bùi Văn Cường"}) {
			t.Errorf("members on 2012-01-01 = %v", got)
		}
		for _, m := range early {
			if m.FullName == "Nguyễn Văn An" && (m.Status != tochuc.StatusOfficial || m.OrgCode != "X01-C1" || m.OrgName != "Chi bộ thôn Lô Lô Chải") {
				t.Errorf("An on 2012-01-01: %s in %s (%s)", m.Status, m.OrgCode, m.OrgName)
			}
		}
	})
}

func TestListMembersSearch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		fixture(t, svc)
		search := func(q store.MemberQuery) []string {
			t.Helper()
			q.AsOf, q.Limit = fixedToday, -1
			ms, n, err := db.ListMembers(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(ms) {
				t.Errorf("total %d for %d rows", n, len(ms))
			}
			out := names(ms)
			sort.Strings(out)
			return out
		}
		tests := []struct {
			key  string
			want []string
		}{
			{"duc", []string{"Hoàng Văn Đức", "Phạm Minh Đức"}},
			{"duc pham", []string{"Phạm Minh Đức"}},
			{"duc pham minh", []string{"Phạm Minh Đức"}},
			{"an", []string{"Lê Thị Ánh", "Nguyễn Văn An", "Vũ Thị Anh"}},
			{"an ", []string{"Nguyễn Văn An"}},
			{"duong", []string{"Trần Văn Dương"}},
			{"yen", []string{"Đỗ Thị Yến"}},
			{"nguyen", nil}, // the key starts with the given name
			{"zz", nil},
		}
		for _, tc := range tests {
			if got := search(store.MemberQuery{NameKey: tc.key}); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("NameKey %q found %v, want %v", tc.key, got, tc.want)
			}
			if got := search(store.MemberQuery{NameKey: tc.key, ByFold: true}); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("NameKey %q by fold found %v, want %v", tc.key, got, tc.want)
			}
		}
		// The key is built from the given name first.
		p := fixturePeople()[3]
		m := p.member()
		if k := keysOf(m); k != "duc pham minh" {
			t.Errorf("name_fold of %s = %q", p.name, k)
		}
		// Exact finds by CCCD and by card number.
		if got := search(store.MemberQuery{Exact: m.CitizenID}); !reflect.DeepEqual(got, []string{"Phạm Minh Đức"}) {
			t.Errorf("by CCCD: %v", got)
		}
		if got := search(store.MemberQuery{Exact: "02000002"}); !reflect.DeepEqual(got, []string{"Lê Thị Ánh"}) {
			t.Errorf("by card number: %v", got)
		}
		if got := search(store.MemberQuery{Exact: "0200000"}); got != nil {
			t.Errorf("Exact is not a prefix search: %v", got)
		}
		// Search within a subtree.
		x01 := orgAsOf(t, db, "X01", fixedToday)
		if got := search(store.MemberQuery{NameKey: "duc", OrgPath: x01.Path}); !reflect.DeepEqual(got, []string{"Phạm Minh Đức"}) {
			t.Errorf("search in X01: %v", got)
		}
	})
}

// The fast Today path (members.org_id/status) and the as-of path agree on today.
func TestListMembersTodayPathAgrees(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := sysCtx()
		svc := newService(db)
		richFixture(t, svc)
		for _, q := range []store.MemberQuery{
			{},
			{OrgPath: orgAsOf(t, db, "X01", fixedToday).Path},
			{OrgID: orgAsOf(t, db, "X03-C1", fixedToday).ID},
			{Status: tochuc.StatusExempt},
			{NameKey: "duc"},
		} {
			q.AsOf, q.Limit = fixedToday, -1
			asOf, n1, err := db.ListMembers(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			q.Today = true
			today, n2, err := db.ListMembers(ctx, q)
			if err != nil {
				t.Errorf("BUG: ListMembers on the Today path fails: %v (store/memberlist.go: the COUNT query of the Today path "+
					"binds $1 (AsOf) without using it, which PostgreSQL cannot type; reference it, e.g. CAST($1 AS TEXT) IS NOT NULL, "+
					"or leave it out of the count's arguments)", err)
				return
			}
			if n1 != n2 || len(asOf) != len(today) {
				t.Errorf("%+v: as-of %d/%d, today %d/%d", q, len(asOf), n1, len(today), n2)
				continue
			}
			for i := range asOf {
				a, b := asOf[i], today[i]
				if a.ID != b.ID || a.Status != b.Status || a.OrgID != b.OrgID || a.OrgCode != b.OrgCode || a.OrgName != b.OrgName {
					t.Errorf("row %d: as-of %d %s %s, today %d %s %s", i, a.ID, a.Status, a.OrgCode, b.ID, b.Status, b.OrgCode)
				}
			}
		}
		// SubtreeCounts on today (Today path) equals the count on the day before today's rows
		// would change (as-of path): compare against CountPlaced.
		counts, err := svc.SubtreeCounts(ctx, fixedToday)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts[orgAsOf(t, db, "TW", fixedToday).ID].Total(), placed(t, db, fixedToday); got != want {
			t.Errorf("today's tree total %d, CountPlaced %d", got, want)
		}
	})
}

func keysOf(m tochuc.Member) string {
	service.NormalizeMember(&m)
	return service.Keys(&m).NameFold
}
