package service_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"

	"tochuc"
	"tochuc/internal/dbtest"
	"tochuc/service"
	"tochuc/store"
	"tochuc/tabular"
)

// recountIDs lists with plain SQL the members placed on d in the subtree of an org (with one
// sex when sex is not empty), in id order.
func recountIDs(t *testing.T, db *store.DB, org string, d tochuc.Date, sex string) []int64 {
	t.Helper()
	lo, hi := tochuc.SubtreeRange(orgAsOf(t, db, org, d).Path)
	rows, err := rawDB(t, db).Query(`SELECT m.id FROM member_spans s JOIN members m ON m.id = s.member_id
		JOIN org_versions v ON v.org_id = s.org_id AND v.valid_from <= $1 AND v.valid_to > $1
		WHERE s.valid_from <= $1 AND s.valid_to > $1 AND s.state <> 'in_transit' AND v.path >= $2 AND v.path < $3
		AND ($4 = '' OR m.sex = $4) ORDER BY m.id`, string(d), lo, hi, sex)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

func listIDs(l *service.StatsList) []int64 {
	var out []int64
	for _, m := range l.Members {
		out = append(out, m.ID)
	}
	return out
}

func TestStatsMembersList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		fixture(t, svc)
		staff := scopedCtx(t, db, tochuc.RoleStaff, "T01")
		for _, c := range []struct {
			org string
			d   tochuc.Date
			sex string
		}{{"T01", fixedToday, ""}, {"T01", fixedToday, "female"}, {"X01", fixedToday, "male"}, {"T01", "2012-06-30", ""}, {"H01", "2015-01-01", "female"}} {
			f := map[string]string{}
			if c.sex != "" {
				f["sex"] = c.sex
			}
			l, err := svc.StatsMembersList(staff, c.org, c.d, f, 1)
			if err != nil {
				t.Fatal(err)
			}
			want := recountIDs(t, db, c.org, c.d, c.sex)
			if got := listIDs(l); !slices.Equal(got, want) || l.Total != len(want) {
				t.Errorf("%s %s %q: ids %v (total %d), SQL recount %v", c.org, c.d, c.sex, got, l.Total, want)
			}
			if len(want) == 0 {
				t.Errorf("%s %s %q: the case counts nobody", c.org, c.d, c.sex)
			}
			for _, m := range l.Members {
				if m.CitizenID == "" {
					t.Errorf("staff does not see the identity number of %d", m.ID)
				}
			}
		}
		// The staff's widest org is the default.
		if l, err := svc.StatsMembersList(staff, "", fixedToday, nil, 1); err != nil || l.Org.Code != "T01" {
			t.Errorf("default org: %v %v", l, err)
		}
		// Another subtree is not found; a leader (counts only) reads no list.
		if _, err := svc.StatsMembersList(staff, "T02", fixedToday, nil, 1); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("another province: %v", err)
		}
		leader := scopedCtx(t, db, tochuc.RoleLeader, "T01")
		if _, err := svc.StatsMembersList(leader, "T01", fixedToday, nil, 1); err == nil {
			t.Error("a leader opened the list of a figure")
		}
		// A limited reader (a cell secretary) sees the members without identity numbers.
		sec := scopedCtx(t, db, tochuc.RoleSecretary, "X01-C1")
		l, err := svc.StatsMembersList(sec, "X01-C1", fixedToday, nil, 1)
		if err != nil || l.Total != len(recountIDs(t, db, "X01-C1", fixedToday, "")) || l.Total == 0 {
			t.Fatalf("secretary: %v %v", l, err)
		}
		for _, m := range l.Members {
			if m.CitizenID != "" || m.CardNumber != "" || m.HistoryNumber != "" {
				t.Errorf("a limited reader sees identity numbers of %d: %q %q", m.ID, m.CitizenID, m.CardNumber)
			}
		}
		if _, err := svc.StatsMembersList(sec, "X01", fixedToday, nil, 1); tochuc.ErrorCode(err) != tochuc.ENOTFOUND {
			t.Errorf("secretary above the cell: %v", err)
		}
		// An unknown dimension is refused.
		if _, err := svc.StatsMembersList(staff, "T01", fixedToday, map[string]string{"shoe_size": "42"}, 1); err == nil {
			t.Error("an unknown dimension was accepted")
		}
	})
}

// failWriter refuses the first write: nothing may have left before the audit entry.
type failWriter struct{ tabular.Writer }

func (failWriter) WriteHeader([]string) error { return errors.New("disk full") }

func TestStatsMembersExportAudited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		svc := newService(db)
		fixture(t, svc)
		staff := scopedCtx(t, db, tochuc.RoleStaff, "T01")
		var buf bytes.Buffer
		n, err := svc.StatsMembersExport(staff, tabular.SafeCells(tabular.NewCSVWriter(&buf, false)), "T01", fixedToday, map[string]string{"sex": "female"}, false)
		if err != nil {
			t.Fatal(err)
		}
		e := lastAudit(t, db)
		if e.ObjectType != "stats-members" || e.ObjectID != "T01" || e.ActorID != 99 || !bytes.Contains([]byte(e.Detail), []byte("sex=female")) {
			t.Errorf("audit entry: %+v", e)
		}
		_, rows := readCSV(t, buf.Bytes())
		want := recountIDs(t, db, "T01", fixedToday, "female")
		var got []int64
		for _, r := range rows {
			id, _ := strconv.ParseInt(r[0], 10, 64)
			got = append(got, id)
			if r[4] == "" {
				t.Errorf("staff export without the identity number of %d", id)
			}
		}
		if !slices.Equal(got, want) || n != int64(len(want)) {
			t.Errorf("exported %v (%d), SQL recount %v", got, n, want)
		}
		// The entry is written before the first row: a writer that fails at once still leaves it.
		before := lastAudit(t, db).Seq
		if _, err := svc.StatsMembersExport(staff, failWriter{}, "X01", fixedToday, nil, true); err == nil {
			t.Error("the failing writer did not fail")
		}
		if e := lastAudit(t, db); e.Seq == before || e.ObjectID != "X01" {
			t.Errorf("no audit entry before the rows: %+v", e)
		}
		// A reader without export permission, another subtree and an unknown dimension export
		// nothing and leave no export entry.
		before = lastAudit(t, db).Seq
		sec := scopedCtx(t, db, tochuc.RoleSecretary, "X01-C1")
		for _, c := range []struct {
			ctx    context.Context
			org    string
			filter map[string]string
		}{{sec, "X01-C1", nil}, {staff, "T02", nil}, {staff, "T01", map[string]string{"shoe_size": "1"}}} {
			var out bytes.Buffer
			if _, err := svc.StatsMembersExport(c.ctx, tabular.NewCSVWriter(&out, false), c.org, fixedToday, c.filter, false); err == nil || out.Len() > 0 {
				t.Errorf("%s %v: exported (%v, %d bytes)", c.org, c.filter, err, out.Len())
			}
		}
		if e := lastAudit(t, db); e.Seq != before {
			t.Errorf("a refused export left an entry: %+v", e)
		}
	})
}
