package audit_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"tochuc"
	"tochuc/audit"
)

func sample() tochuc.AuditEntry {
	return tochuc.AuditEntry{
		Seq: 7, Time: "2026-03-01T08:30:00.123456789Z", ActorID: 3, ActorName: "nguyễn.văn.an",
		Channel: "web", IP: "10.0.0.1", SessionHash: "ab12", Action: tochuc.AuditMemberUpdate,
		ObjectType: "member", ObjectID: "42", OrgID: 9, Outcome: tochuc.OutcomeOK, Reason: "",
		Changes: []tochuc.FieldChange{
			{Field: "residence", Old: "Hà Nội", New: "Thôn 1\nxã \x1b[31mLũng Cú\x1b[0m"},
			{Field: "citizen_id", Old: "00********90", New: ""},
		},
		Detail: `quote " and back\slash`, PrevHash: strings.Repeat("0", 64), Hash: "ignored",
	}
}

// The encoding is pinned: a change to it makes every stored hash fail, so it must be deliberate.
func TestCanonicalGolden(t *testing.T) {
	got := string(audit.Canonical(sample()))
	want := `{"v":1,"seq":7,"time":"2026-03-01T08:30:00.123456789Z","actor_id":3,"actor_name":"nguyễn.văn.an",` +
		`"channel":"web","ip":"10.0.0.1","session_hash":"ab12","action":"member.update","object_type":"member",` +
		`"object_id":"42","org_id":9,"outcome":"ok","reason":"","changes":[{"field":"residence","old":"Hà Nội",` +
		`"new":"Thôn 1\u000axã \u001b[31mLũng Cú\u001b[0m"},{"field":"citizen_id","old":"00********90","new":""}],` +
		`"detail":"quote \" and back\\slash","prev_hash":"` + strings.Repeat("0", 64) + `"}`
	if got != want {
		t.Fatalf("canonical:\n got %s\nwant %s", got, want)
	}
	e := sample()
	audit.Seal(&e, strings.Repeat("0", 64))
	if e.PrevHash != strings.Repeat("0", 64) || e.Hash != "062daa0b988a4459e6871e93c94a15078e703d375f3cc019c578a003cb096ef7" {
		t.Errorf("seal: prev %s hash %s", e.PrevHash, e.Hash)
	}
}

// Canonical covers every field but Hash: changing any one changes the canonical bytes.
func TestCanonicalCoversEveryField(t *testing.T) {
	base := string(audit.Canonical(sample()))
	muts := map[string]func(e *tochuc.AuditEntry){
		"Seq": func(e *tochuc.AuditEntry) { e.Seq++ }, "Time": func(e *tochuc.AuditEntry) { e.Time += "x" },
		"ActorID": func(e *tochuc.AuditEntry) { e.ActorID++ }, "ActorName": func(e *tochuc.AuditEntry) { e.ActorName += "x" },
		"Channel": func(e *tochuc.AuditEntry) { e.Channel += "x" }, "IP": func(e *tochuc.AuditEntry) { e.IP += "x" },
		"SessionHash": func(e *tochuc.AuditEntry) { e.SessionHash += "x" }, "Action": func(e *tochuc.AuditEntry) { e.Action += "x" },
		"ObjectType": func(e *tochuc.AuditEntry) { e.ObjectType += "x" }, "ObjectID": func(e *tochuc.AuditEntry) { e.ObjectID += "x" },
		"OrgID": func(e *tochuc.AuditEntry) { e.OrgID++ }, "Outcome": func(e *tochuc.AuditEntry) { e.Outcome += "x" },
		"Reason": func(e *tochuc.AuditEntry) { e.Reason += "x" }, "Detail": func(e *tochuc.AuditEntry) { e.Detail += "x" },
		"PrevHash":       func(e *tochuc.AuditEntry) { e.PrevHash += "x" },
		"Changes.Field":  func(e *tochuc.AuditEntry) { e.Changes[0].Field += "x" },
		"Changes.Old":    func(e *tochuc.AuditEntry) { e.Changes[0].Old += "x" },
		"Changes.New":    func(e *tochuc.AuditEntry) { e.Changes[1].New += "x" },
		"Changes.order":  func(e *tochuc.AuditEntry) { e.Changes[0], e.Changes[1] = e.Changes[1], e.Changes[0] },
		"Changes.length": func(e *tochuc.AuditEntry) { e.Changes = e.Changes[:1] },
	}
	for name, mut := range muts {
		e := sample()
		e.Changes = append([]tochuc.FieldChange(nil), e.Changes...)
		mut(&e)
		if string(audit.Canonical(e)) == base {
			t.Errorf("changing %s leaves the canonical bytes unchanged", name)
		}
	}
	e := sample()
	e.Hash = "other"
	if string(audit.Canonical(e)) != base {
		t.Error("Hash is part of the canonical bytes")
	}
	// Field boundaries are unambiguous.
	a, b := sample(), sample()
	a.ActorName, a.Channel = "ab", "c"
	b.ActorName, b.Channel = "a", "bc"
	if string(audit.Canonical(a)) == string(audit.Canonical(b)) {
		t.Error("shifting text between fields gives the same bytes")
	}
	a, b = sample(), sample()
	a.Changes, b.Changes = nil, []tochuc.FieldChange{}
	if string(audit.Canonical(a)) != string(audit.Canonical(b)) {
		t.Error("nil and empty changes differ")
	}
}

// canonicalJSON mirrors the canonical order for decoding in tests.
type canonicalJSON struct {
	V           int                  `json:"v"`
	Seq         int64                `json:"seq"`
	Time        string               `json:"time"`
	ActorID     int64                `json:"actor_id"`
	ActorName   string               `json:"actor_name"`
	Channel     string               `json:"channel"`
	IP          string               `json:"ip"`
	SessionHash string               `json:"session_hash"`
	Action      string               `json:"action"`
	ObjectType  string               `json:"object_type"`
	ObjectID    string               `json:"object_id"`
	OrgID       int64                `json:"org_id"`
	Outcome     string               `json:"outcome"`
	Reason      string               `json:"reason"`
	Changes     []tochuc.FieldChange `json:"changes"`
	Detail      string               `json:"detail"`
	PrevHash    string               `json:"prev_hash"`
}

func FuzzCanonical(f *testing.F) {
	f.Add("nguyễn", "a\nb", "\x1b[2J", `"\`, "\u202e", "\xff\xfe")
	f.Add("", "", "", "", "", "")
	f.Fuzz(func(t *testing.T, a, b, c, d, e1, g string) {
		e := tochuc.AuditEntry{Seq: 1, Time: a, ActorName: b, Action: c, Reason: d, Detail: e1,
			Changes: []tochuc.FieldChange{{Field: a, Old: g, New: d}}}
		audit.Normalize(&e)
		var got canonicalJSON
		if err := json.Unmarshal(audit.Canonical(e), &got); err != nil {
			t.Fatalf("canonical of a normalized entry is not JSON: %v\n%q", err, audit.Canonical(e))
		}
		if got.Time != e.Time || got.ActorName != e.ActorName || got.Action != e.Action || got.Reason != e.Reason ||
			got.Detail != e.Detail || len(got.Changes) != 1 || got.Changes[0] != e.Changes[0] {
			t.Fatalf("canonical JSON does not decode to the entry: %+v vs %+v", got, e)
		}
		// Without Normalize, distinct raw values still give distinct bytes.
		x := tochuc.AuditEntry{Detail: g}
		y := tochuc.AuditEntry{Detail: e.Detail}
		if g != e.Detail && string(audit.Canonical(x)) == string(audit.Canonical(y)) {
			t.Fatalf("%q and %q share a canonical encoding", g, e.Detail)
		}
	})
}

func TestNormalize(t *testing.T) {
	e := tochuc.AuditEntry{ActorName: "a\x00b", Detail: "x\xffy", Reason: "ok\n\x1b",
		Changes: []tochuc.FieldChange{{Field: "f", Old: "\x00", New: "Việt"}}}
	orig := e.Changes
	audit.Normalize(&e)
	if e.ActorName != "a\uFFFDb" || e.Detail != "x\uFFFDy" || e.Reason != "ok\n\x1b" ||
		e.Changes[0].Old != "\uFFFD" || e.Changes[0].New != "Việt" {
		t.Errorf("normalize: %+v", e)
	}
	if orig[0].Old != "\x00" {
		t.Error("normalize wrote into the caller's changes")
	}
}

// chain builds n sealed entries.
func chain(n int) []tochuc.AuditEntry {
	out := make([]tochuc.AuditEntry, n)
	prev := ""
	for i := range out {
		e := tochuc.AuditEntry{Seq: int64(i + 1), Time: fmt.Sprintf("2026-01-01T00:00:%02dZ", i%60),
			Action: tochuc.AuditMemberUpdate, ObjectType: "member", ObjectID: fmt.Sprint(i % 7),
			Changes: []tochuc.FieldChange{{Field: "residence", Old: "cũ", New: fmt.Sprintf("mới %d\n", i)}}}
		audit.Seal(&e, prev)
		prev = e.Hash
		out[i] = e
	}
	return out
}

func verify(entries []tochuc.AuditEntry, v *audit.Verifier) *audit.Problem {
	for _, e := range entries {
		if err := v.Add(e); err != nil {
			break
		}
	}
	err := v.Finish()
	if err == nil {
		return nil
	}
	var p *audit.Problem
	if !errors.As(err, &p) {
		panic(err)
	}
	return p
}

func TestVerifier(t *testing.T) {
	good := chain(100)
	var v audit.Verifier
	if p := verify(good, &v); p != nil {
		t.Fatalf("intact chain: %v", p)
	}
	if v.Count() != 100 || v.Head() != (audit.Head{Seq: 100, Hash: good[99].Hash}) {
		t.Errorf("head %v count %d", v.Head(), v.Count())
	}
	if p := verify(nil, &audit.Verifier{}); p != nil {
		t.Errorf("empty chain: %v", p)
	}
	head := audit.Head{Seq: 100, Hash: good[99].Hash}

	cp := func() []tochuc.AuditEntry {
		out := make([]tochuc.AuditEntry, len(good))
		for i, e := range good {
			e.Changes = append([]tochuc.FieldChange(nil), e.Changes...)
			out[i] = e
		}
		return out
	}
	cases := []struct {
		name   string
		mutate func([]tochuc.AuditEntry) []tochuc.AuditEntry
		expect *audit.Head
		after  *audit.Head
		seq    int64
		kind   string
		msg    string
	}{
		{"edit field", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { c[49].ActorName = "x"; return c }, nil, nil,
			50, audit.ProblemEdited, "Mục số 50 đã bị sửa (mã băm không khớp)"},
		{"edit change", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { c[9].Changes[0].New = "khác"; return c }, nil, nil,
			10, audit.ProblemEdited, "Mục số 10 đã bị sửa"},
		{"edit hash", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { c[9].Hash = strings.Repeat("a", 64); return c }, nil, nil,
			10, audit.ProblemEdited, "Mục số 10 đã bị sửa"},
		{"remove one", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { return append(c[:29], c[30:]...) }, nil, nil,
			30, audit.ProblemMissing, "Thiếu mục số 30"},
		{"remove several", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { return append(c[:29], c[33:]...) }, nil, nil,
			30, audit.ProblemMissing, "Thiếu các mục số 30 đến 33"},
		{"remove first", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { return c[1:] }, nil, nil,
			1, audit.ProblemMissing, "Thiếu mục số 1"},
		{"swap seqs", func(c []tochuc.AuditEntry) []tochuc.AuditEntry {
			c[39].Seq, c[40].Seq = 41, 40
			c[39], c[40] = c[40], c[39]
			return c
		}, nil, nil, 40, audit.ProblemOrder, "Mục số 40 sai thứ tự (nội dung là của mục số 41)"},
		{"fed out of order", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { c[39], c[40] = c[40], c[39]; return c }, nil, nil,
			40, audit.ProblemMissing, "Thiếu mục số 40"},
		{"duplicate", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { return append(c[:41], c[40:]...) }, nil, nil,
			41, audit.ProblemOrder, "Mục số 41 sai thứ tự"},
		{"resealed entry", func(c []tochuc.AuditEntry) []tochuc.AuditEntry {
			c[59].Reason = "viết lại"
			audit.Seal(&c[59], c[59].PrevHash)
			return c
		}, nil, nil, 61, audit.ProblemLink, "Mục số 61 không nối với mục số 60"},
		{"forged first", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { audit.Seal(&c[0], "abc"); return c }, nil, nil,
			1, audit.ProblemLink, "Mục số 1 không phải mục đầu tiên"},
		{"truncated tail passes alone", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { return c[:90] }, nil, nil, 0, "", ""},
		{"truncated tail", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { return c[:90] }, &head, nil,
			91, audit.ProblemTruncated, "nhật ký dừng ở mục số 90"},
		{"all removed", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { return nil }, &head, nil,
			1, audit.ProblemTruncated, "Thiếu các mục cuối"},
		{"grown past head", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { return c }, &audit.Head{Seq: 50, Hash: good[49].Hash}, nil, 0, "", ""},
		{"rewritten chain", func(c []tochuc.AuditEntry) []tochuc.AuditEntry {
			prev := c[49].PrevHash
			for i := 49; i < len(c); i++ {
				c[i].Detail = "giả"
				audit.Seal(&c[i], prev)
				prev = c[i].Hash
			}
			return c
		}, &head, nil, 100, audit.ProblemHead, "Mục số 100 khác với đầu chuỗi đã ghi nhận"},
		{"from checkpoint", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { return c[20:] },
			&head, &audit.Head{Seq: 20, Hash: good[19].Hash}, 0, "", ""},
		{"from wrong checkpoint", func(c []tochuc.AuditEntry) []tochuc.AuditEntry { return c[20:] },
			nil, &audit.Head{Seq: 20, Hash: good[18].Hash}, 21, audit.ProblemLink, "Mục số 21 không nối với mục số 20"},
		{"negative seq", func(c []tochuc.AuditEntry) []tochuc.AuditEntry {
			return append([]tochuc.AuditEntry{{Seq: -1}}, c...)
		}, nil, nil, -1, audit.ProblemOrder, "Mục số -1 sai thứ tự"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := verify(tc.mutate(cp()), &audit.Verifier{Expect: tc.expect, After: tc.after})
			if tc.kind == "" {
				if p != nil {
					t.Fatalf("unexpected problem: %v", p)
				}
				return
			}
			if p == nil {
				t.Fatal("not detected")
			}
			if p.Seq != tc.seq || p.Kind != tc.kind || !strings.Contains(p.Message, tc.msg) {
				t.Errorf("got seq %d kind %s %q; want seq %d kind %s containing %q", p.Seq, p.Kind, p.Message, tc.seq, tc.kind, tc.msg)
			}
		})
	}
}

func TestVerifierSticky(t *testing.T) {
	c := chain(5)
	c[1].Detail = "x"
	var v audit.Verifier
	if v.Add(c[0]) != nil || v.Add(c[1]) == nil {
		t.Fatal("edit not found")
	}
	if err := v.Add(c[2]); err == nil || !strings.Contains(err.Error(), "Mục số 2") {
		t.Errorf("after a problem Add returned %v", err)
	}
	if v.Count() != 1 || v.Head().Seq != 1 {
		t.Errorf("count %d head %v", v.Count(), v.Head())
	}
}

func TestParseHead(t *testing.T) {
	h := strings.Repeat("ab", 32)
	good := map[string]audit.Head{
		"12:" + h:                          {12, h},
		" 12:" + strings.ToUpper(h) + "\n": {12, h},
		"9223372036854775807:" + h:         {9223372036854775807, h},
	}
	for in, want := range good {
		got, err := audit.ParseHead(in)
		if err != nil || got != want {
			t.Errorf("ParseHead(%q) = %v, %v", in, got, err)
		}
		if back, err := audit.ParseHead(got.String()); err != nil || back != got {
			t.Errorf("round trip of %v: %v %v", got, back, err)
		}
	}
	for _, in := range []string{"", "12", ":" + h, "0:" + h, "-1:" + h, "+1:" + h, "1:" + h[:63], "1:" + h + "a",
		"1:" + h[:63] + "g", "9223372036854775808:" + h, "1 :" + h, "1:" + h + ":", "١:" + h} {
		if got, err := audit.ParseHead(in); err == nil {
			t.Errorf("ParseHead(%q) = %v, want an error", in, got)
		} else if tochuc.ErrorCode(err) != tochuc.EINVALID {
			t.Errorf("ParseHead(%q): %v is not an EINVALID error", in, err)
		}
	}
}

func FuzzParseHead(f *testing.F) {
	h := strings.Repeat("0f", 32)
	for _, s := range []string{"1:" + h, "0:" + h, "12", "", ":", "99999999999999999999:" + h, "1:" + strings.ToUpper(h), "\x1b[31m:" + h} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := audit.ParseHead(s)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\n\r\x1b") {
				t.Fatalf("error message carries control characters: %q", err.Error())
			}
			return
		}
		if got.Seq < 1 || len(got.Hash) != 64 || strings.ToLower(got.Hash) != got.Hash {
			t.Fatalf("ParseHead(%q) accepted %v", s, got)
		}
		back, err := audit.ParseHead(got.String())
		if err != nil || back != got {
			t.Fatalf("round trip of %v: %v, %v", got, back, err)
		}
	})
}
