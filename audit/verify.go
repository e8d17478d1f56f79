package audit

import (
	"fmt"
	"strconv"
	"strings"

	"tochuc"
)

// Head names the newest entry of a chain: its seq and hash, written "SEQ:HASH".
type Head struct {
	Seq  int64
	Hash string
}

// String returns "SEQ:HASH", the form ParseHead reads.
func (h Head) String() string { return strconv.FormatInt(h.Seq, 10) + ":" + h.Hash }

// ParseHead reads "SEQ:HASH" as printed by `tochuc audit verify`: SEQ a positive decimal
// number without sign, HASH 64 hexadecimal digits (upper case accepted, returned in lower case).
func ParseHead(s string) (Head, error) {
	bad := func(why string) (Head, error) {
		return Head{}, tochuc.Errorf(tochuc.EINVALID, "đầu chuỗi %q không hợp lệ: %s (dạng SỐ:MÃ-BĂM, ví dụ 1234:9f86d0…)", Clean(s), why)
	}
	seqText, hash, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return bad("thiếu dấu hai chấm")
	}
	if seqText == "" || len(seqText) > 19 {
		return bad("số thứ tự phải là số nguyên dương")
	}
	for i := 0; i < len(seqText); i++ {
		if seqText[i] < '0' || seqText[i] > '9' {
			return bad("số thứ tự phải là số nguyên dương")
		}
	}
	seq, err := strconv.ParseInt(seqText, 10, 64)
	if err != nil || seq < 1 {
		return bad("số thứ tự phải là số nguyên dương")
	}
	if len(hash) != 64 {
		return bad("mã băm phải có 64 chữ số thập lục phân")
	}
	hash = strings.ToLower(hash)
	for i := 0; i < len(hash); i++ {
		if c := hash[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return bad("mã băm phải có 64 chữ số thập lục phân")
		}
	}
	return Head{Seq: seq, Hash: hash}, nil
}

// Kinds of problems the verifier reports.
const (
	ProblemEdited    = "edited"    // the entry's content does not match its hash
	ProblemMissing   = "missing"   // a gap in the seq numbers
	ProblemOrder     = "order"     // an entry out of its place
	ProblemLink      = "link"      // prev_hash is not the hash of the entry before
	ProblemHead      = "head"      // the entry at the expected head has another hash
	ProblemTruncated = "truncated" // the chain ends before the expected head
)

// Problem is the first place where a chain breaks: the seq it is found at, its kind and a
// Vietnamese message for the operator.
type Problem struct {
	Seq     int64
	Kind    string
	Message string
}

func (p *Problem) Error() string { return p.Message }

// reorderWindow bounds the search for the seq an entry was sealed with, when its hash does not
// match: an entry moved further than this is reported as edited (still at its exact seq).
const reorderWindow = 4096

// Verifier walks a chain fed in seq order. The zero value verifies a whole chain from seq 1.
type Verifier struct {
	// After, when set, is a trusted entry the first fed entry follows (a checkpoint, when older
	// entries have been pruned); nil means the chain starts at seq 1 with an empty prev_hash.
	After *Head
	// Expect, when set, is a head recorded outside the database: the entry with its seq must
	// have its hash, and the chain must reach it. This detects a removed tail and a rewritten chain.
	Expect *Head

	started bool
	n       int64
	last    Head
	matched bool // the Expect entry was seen with its hash
	problem *Problem
}

func (v *Verifier) fail(seq int64, kind, format string, args ...any) error {
	v.problem = &Problem{Seq: seq, Kind: kind, Message: fmt.Sprintf(format, args...)}
	return v.problem
}

// Add checks the next entry. It returns the first problem (an *Problem) and keeps returning it.
func (v *Verifier) Add(e tochuc.AuditEntry) error {
	if v.problem != nil {
		return v.problem
	}
	if !v.started {
		v.started = true
		if v.After != nil {
			v.last = *v.After
		}
	}
	want := v.last.Seq + 1
	if e.Seq < want && v.last.Seq == 0 {
		return v.fail(e.Seq, ProblemOrder, "Mục số %d sai thứ tự (số thứ tự bắt đầu từ 1)", e.Seq)
	}
	if e.Seq < want {
		return v.fail(e.Seq, ProblemOrder, "Mục số %d sai thứ tự (đứng sau mục số %d)", e.Seq, v.last.Seq)
	}
	if Hash(e) != e.Hash {
		if sealed, ok := sealedSeq(e); ok {
			return v.fail(e.Seq, ProblemOrder, "Mục số %d sai thứ tự (nội dung là của mục số %d)", e.Seq, sealed)
		}
		return v.fail(e.Seq, ProblemEdited, "Mục số %d đã bị sửa (mã băm không khớp)", e.Seq)
	}
	if e.Seq > want {
		if e.Seq == want+1 {
			return v.fail(want, ProblemMissing, "Thiếu mục số %d", want)
		}
		return v.fail(want, ProblemMissing, "Thiếu các mục số %d đến %d", want, e.Seq-1)
	}
	if e.PrevHash != v.last.Hash {
		if v.last.Seq == 0 {
			return v.fail(e.Seq, ProblemLink, "Mục số %d không phải mục đầu tiên của chuỗi (mã băm trước phải rỗng)", e.Seq)
		}
		return v.fail(e.Seq, ProblemLink, "Mục số %d không nối với mục số %d (mã băm của mục trước không khớp): một trong hai mục đã bị thay", e.Seq, v.last.Seq)
	}
	if v.Expect != nil && e.Seq == v.Expect.Seq {
		if e.Hash != v.Expect.Hash {
			return v.fail(e.Seq, ProblemHead, "Mục số %d khác với đầu chuỗi đã ghi nhận %s: nhật ký đã bị viết lại", e.Seq, v.Expect)
		}
		v.matched = true
	}
	v.n++
	v.last = Head{Seq: e.Seq, Hash: e.Hash}
	return nil
}

// sealedSeq looks near e.Seq for the seq e's hash was sealed with, to tell a moved entry from an
// edited one.
func sealedSeq(e tochuc.AuditEntry) (int64, bool) {
	at := e.Seq
	for d := int64(1); d <= reorderWindow; d++ {
		for _, s := range [2]int64{at - d, at + d} {
			if s < 1 {
				continue
			}
			e.Seq = s
			if Hash(e) == e.Hash {
				return s, true
			}
		}
	}
	return 0, false
}

// Finish ends the walk: it returns the problem found, if any, and otherwise checks that the chain
// reached the expected head.
func (v *Verifier) Finish() error {
	if v.problem != nil {
		return v.problem
	}
	if v.Expect != nil && !v.matched {
		if v.last.Seq < v.Expect.Seq {
			return v.fail(v.last.Seq+1, ProblemTruncated, "Thiếu các mục cuối: nhật ký dừng ở mục số %d, nhưng đầu chuỗi đã ghi nhận là %s (mục cuối đã bị xoá)", v.last.Seq, v.Expect)
		}
		// The expected entry lies before the walk's start (After): it could not be checked.
		return v.fail(v.Expect.Seq, ProblemHead, "Không kiểm tra được đầu chuỗi đã ghi nhận %s: nó nằm trước điểm bắt đầu kiểm tra", v.Expect)
	}
	return nil
}

// Head returns the last entry verified (seq 0 and an empty hash before any).
func (v *Verifier) Head() Head {
	if !v.started && v.After != nil {
		return *v.After
	}
	return v.last
}

// Count returns how many entries verified.
func (v *Verifier) Count() int64 { return v.n }
