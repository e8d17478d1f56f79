package stats_test

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"

	"tochuc"
	"tochuc/stats"
	"tochuc/store"
)

// statsSaveLoad: a snapshot read back from its file answers every query as the one built, and a
// damaged file is refused whole.
func statsSaveLoad(t *testing.T, db *store.DB) {
	ctx := context.Background()
	snap, err := stats.Build(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	snap.Stamp = "42:abc"
	path := filepath.Join(t.TempDir(), "x.stats")
	if err := snap.SaveFile(path); err != nil {
		t.Fatal(err)
	}
	back, err := stats.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.Stamp != "42:abc" || !back.BuiltAt.Equal(snap.BuiltAt) || back.MemberCount() != snap.MemberCount() ||
		back.SpanCount() != snap.SpanCount() || back.FlowCount() != snap.FlowCount() {
		t.Fatalf("loaded %q %v %d/%d/%d, built %v %d/%d/%d", back.Stamp, back.BuiltAt, back.MemberCount(), back.SpanCount(),
			back.FlowCount(), snap.BuiltAt, snap.MemberCount(), snap.SpanCount(), snap.FlowCount())
	}
	orgs, err := db.AllOrgVersions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dims := snap.DimensionNames()
	rng := rand.New(rand.NewPCG(5, 6))
	for range 40 {
		o := orgs[rng.IntN(len(orgs))]
		d := tochuc.Date([]string{"2010-06-30", "2024-06-30", "2025-12-31", "2026-01-15"}[rng.IntN(4)])
		by := []string{dims[rng.IntN(len(dims))], dims[rng.IntN(len(dims))]}
		if by[0] == by[1] {
			by = by[:1]
		}
		q := stats.Query{OrgID: o.ID, AsOf: d, By: by}
		a, errA := snap.Members(q)
		b, errB := back.Members(q)
		if !reflect.DeepEqual(a, b) || (errA == nil) != (errB == nil) {
			t.Fatalf("members %+v: built %v %v, loaded %v %v", q, a, errA, b, errB)
		}
		fq := stats.FlowQuery{OrgID: o.ID, From: "2000-01-01", To: d, By: by[:1]}
		fa, errA := snap.Flows(fq)
		fb, errB := back.Flows(fq)
		if !reflect.DeepEqual(fa, fb) || (errA == nil) != (errB == nil) {
			t.Fatalf("flows %+v: built %v %v, loaded %v %v", fq, fa, errA, fb, errB)
		}
	}
	var buf bytes.Buffer
	if err := snap.Save(&buf); err != nil {
		t.Fatal(err)
	}
	full := buf.Bytes()
	for _, cut := range []int{0, 5, 20, len(full) / 3, len(full) - 1} {
		if _, err := stats.Load(bytes.NewReader(full[:cut])); !errors.Is(err, stats.ErrSnapshotFile) {
			t.Errorf("file cut at %d of %d: %v, want refused", cut, len(full), err)
		}
	}
	for _, at := range []int{len(full) / 2, len(full) - 10} {
		bad := bytes.Clone(full)
		bad[at] ^= 0x40
		if _, err := stats.Load(bytes.NewReader(bad)); !errors.Is(err, stats.ErrSnapshotFile) {
			t.Errorf("byte %d flipped: %v, want refused", at, err)
		}
	}
}

// FuzzLoad: whatever the bytes, Load returns a snapshot or an error, never panics or allocates
// without bound.
func FuzzLoad(f *testing.F) {
	db, err := store.Open(context.Background(), filepath.Join(f.TempDir(), "f.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	snap, err := stats.Build(context.Background(), db)
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := snap.Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("TOCHUC-STATS\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := stats.Load(bytes.NewReader(b))
		if err == nil {
			s.Members(stats.Query{AsOf: "2025-01-01", By: []string{"sex"}})
		}
	})
}
