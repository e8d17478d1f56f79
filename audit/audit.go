// Package audit seals, verifies and displays the append-only audit trail (security.md §2). It is
// pure: the store appends and reads the entries, this package decides what their hashes are.
//
// The chain: entry_hash = hex(SHA-256(prev_hash ‖ Canonical(entry))), where prev_hash is the hex
// hash of the entry before (the ASCII text of 64 lower-case hex digits) and the empty string for
// the first entry (seq 1): there is no genesis value. Editing one byte of any entry changes its
// hash; removing or moving an entry breaks the seq numbering or the prev_hash link of the next
// one. Removing the newest entries (the tail) leaves a valid shorter chain: only a head recorded
// outside the database (Verifier.Expect, `tochuc audit verify --expect-head`) detects that.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"

	"tochuc"
)

// CanonicalVersion is the first member of every canonical encoding, so that a later change of
// the encoding can be told apart from tampering.
const CanonicalVersion = 1

// Canonical returns the bytes an entry's hash covers: every field but Hash, as one JSON object
// with a fixed member order and no white space:
//
//	{"v":1,"seq":…,"time":"…","actor_id":…,"actor_name":"…","channel":"…","ip":"…",
//	 "session_hash":"…","action":"…","object_type":"…","object_id":"…","org_id":…,
//	 "outcome":"…","reason":"…","changes":[{"field":"…","old":"…","new":"…"},…],
//	 "detail":"…","prev_hash":"…"}
//
// Integers are decimal. Strings are written as their raw UTF-8 bytes except `"` → \", `\` → \\
// and U+0000–U+001F → \u00xx (lower-case hex), so the encoding is injective and independent of
// Unicode tables (it never changes with the Go version). Changes keep their order; nil and empty
// both give []. A byte that is not valid UTF-8 is written as \xHH, which is not JSON but keeps the
// encoding injective; the store never lets such bytes into the trail (see Normalize).
func Canonical(e tochuc.AuditEntry) []byte {
	b := make([]byte, 0, 256)
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, CanonicalVersion, 10)
	b = appendInt(b, "seq", e.Seq)
	b = appendStr(b, "time", e.Time)
	b = appendInt(b, "actor_id", e.ActorID)
	b = appendStr(b, "actor_name", e.ActorName)
	b = appendStr(b, "channel", e.Channel)
	b = appendStr(b, "ip", e.IP)
	b = appendStr(b, "session_hash", e.SessionHash)
	b = appendStr(b, "action", e.Action)
	b = appendStr(b, "object_type", e.ObjectType)
	b = appendStr(b, "object_id", e.ObjectID)
	b = appendInt(b, "org_id", e.OrgID)
	b = appendStr(b, "outcome", e.Outcome)
	b = appendStr(b, "reason", e.Reason)
	b = append(b, `,"changes":[`...)
	for i, c := range e.Changes {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"field":`...)
		b = appendQuoted(b, c.Field)
		b = append(b, `,"old":`...)
		b = appendQuoted(b, c.Old)
		b = append(b, `,"new":`...)
		b = appendQuoted(b, c.New)
		b = append(b, '}')
	}
	b = append(b, ']')
	b = appendStr(b, "detail", e.Detail)
	b = appendStr(b, "prev_hash", e.PrevHash)
	return append(b, '}')
}

func appendInt(b []byte, key string, v int64) []byte {
	b = append(b, `,"`...)
	b = append(b, key...)
	b = append(b, `":`...)
	return strconv.AppendInt(b, v, 10)
}

func appendStr(b []byte, key, v string) []byte {
	b = append(b, `,"`...)
	b = append(b, key...)
	b = append(b, `":`...)
	return appendQuoted(b, v)
}

const hexDigits = "0123456789abcdef"

func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
			i++
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b = append(b, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
			} else {
				b = append(b, s[i:i+n]...)
			}
			i += n
		}
	}
	return append(b, '"')
}

// Hash returns hex(SHA-256(prevHash ‖ Canonical(e))) with e.PrevHash taken as given.
func Hash(e tochuc.AuditEntry) string {
	h := sha256.New()
	h.Write([]byte(e.PrevHash))
	h.Write(Canonical(e))
	return hex.EncodeToString(h.Sum(nil))
}

// Seal links e to the entry before it: PrevHash = prevHash (the empty string for the first entry)
// and Hash = hex(SHA-256(prevHash ‖ Canonical(e))). Seq and Time must be set before.
func Seal(e *tochuc.AuditEntry, prevHash string) {
	e.PrevHash = prevHash
	e.Hash = Hash(*e)
}

// Normalize makes every text of e storable as is on both engines, before it is sealed: invalid
// UTF-8 and NUL (which PostgreSQL TEXT refuses) become U+FFFD. Everything else, control
// characters and escapes included, is kept as given; Clean encodes it when displayed. Without
// this, a NUL in a login name would make the audit insert fail and the failure go unrecorded.
func Normalize(e *tochuc.AuditEntry) {
	for _, p := range []*string{&e.Time, &e.ActorName, &e.Channel, &e.IP, &e.SessionHash, &e.Action,
		&e.ObjectType, &e.ObjectID, &e.Outcome, &e.Reason, &e.Detail} {
		*p = storable(*p)
	}
	if len(e.Changes) > 0 {
		cs := make([]tochuc.FieldChange, len(e.Changes)) // never write into the caller's slice
		for i, c := range e.Changes {
			cs[i] = tochuc.FieldChange{Field: storable(c.Field), Old: storable(c.Old), New: storable(c.New)}
		}
		e.Changes = cs
	}
}

func storable(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}
