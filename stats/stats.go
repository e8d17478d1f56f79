// Package stats is the statistics engine: an in-memory columnar snapshot of the register (the
// members with their coded attributes, their placement spans and the events that make the
// flows), built from the store in one pass, that answers any count for any subtree as of any
// date, grouped by any combination of dimensions, without touching the database.
//
// Dates are held as yyyymmdd integers, which compare like the dates and give ages without a
// calendar. The subtree of an org on a date is a range of the orgs of that date sorted by
// materialized path; each org's spans are contiguous, so a count scans only the spans of the
// orgs it covers.
package stats

import (
	"strconv"
	"sync"
	"time"

	"tochuc"
)

// Snapshot is the register as read at one moment. It is immutable once built and safe for
// concurrent queries.
type Snapshot struct {
	BuiltAt time.Time
	BuiltIn time.Duration
	Stamp   string // what the caller read of the database's state when the build began (saved with the snapshot)

	// Orgs and their versions through time.
	orgs      []orgInfo
	orgIdx    map[int64]int32
	kinds     *dict
	settings  *dict
	attrBit   map[string]int
	attrNames []string

	// Members, by index (ids ascending).
	ids        []int64
	birthYear  []int16
	birthRest  []uint16 // mmdd of the birth date, mm00 for a month alone, 0 for a year alone
	probStart  []int32  // the day probation started: ceremony, else admission (0: unknown)
	cols       [nCols][]uint8
	memberCols [nCols]*dict

	// Spans grouped by org (spanStart[o]..spanStart[o+1]), then by start.
	spanStart  []int32
	spMember   []int32
	spFrom     []int32
	spTo       []int32
	spOfficial []int32
	spEff      []int32 // the day party age counts from during the span
	spState    []uint8
	// The member's columns copied in span order, so that a count reads memory in sequence
	// instead of jumping to the member of each span (most of a country figure's time).
	spCols      [nCols][]uint8
	spBirthYear []int16
	spBirthRest []uint16

	// Flow events by date.
	flows []flowEvent

	mu         sync.Mutex
	views      map[int32]*orgView
	byPathOnce sync.Once
	byPath     []versionRef // every org version, in path order
}

// The coded member columns, in the order of store.StatsMemberCols.
const (
	colSex = iota
	colEthnicity
	colReligion
	colEducation
	colProfQual
	colPolTheory
	colOccupation
	colAcadTitle
	nCols
)

type orgInfo struct {
	id       int64
	code     string
	versions []orgVersion
}

// versionRef names version ver of org org.
type versionRef struct{ org, ver int32 }

type orgVersion struct {
	from, to      int32
	path, name    string
	kind, setting uint8
	attrs         uint64
}

// versionAt is the version of org o on day d.
func (s *Snapshot) versionAt(o int32, d int32) *orgVersion {
	vs := s.orgs[o].versions
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].from <= d {
			if d < vs[i].to {
				return &vs[i]
			}
			return nil
		}
	}
	return nil
}

// flowEvent is one event that counts in a flow: a is the org the member left (exits, transfers
// out), b the org the member entered (admissions, recognitions, transfers in); -1 if none.
type flowEvent struct {
	date   int32
	member int32
	a, b   int32
	flow   uint8
}

// Span states.
const (
	stActive = iota
	stExempt
	stTransit
)

func stateOf(s string) uint8 {
	switch s {
	case tochuc.StateExempt:
		return stExempt
	case tochuc.StateInTransit:
		return stTransit
	}
	return stActive
}

// Event kinds the engine distinguishes (0: any other).
const (
	evOther = iota
	evAdmitted
	evReadmitted
	evRecognized
	evTransferred
	evTransferOut
	evTransferIn
	evRemoved
	evWithdrawn
	evExpelled
	evDeceased
	evRestored
	nEv
)

var eventKinds = map[string]uint8{
	tochuc.EventAdmitted: evAdmitted, tochuc.EventReadmitted: evReadmitted, tochuc.EventRecognized: evRecognized,
	tochuc.EventTransferred: evTransferred, tochuc.EventTransferOut: evTransferOut, tochuc.EventTransferIn: evTransferIn,
	tochuc.EventRemoved: evRemoved, tochuc.EventWithdrawn: evWithdrawn, tochuc.EventExpelled: evExpelled,
	tochuc.EventDeceased: evDeceased, tochuc.EventRestored: evRestored,
	tochuc.EventReassigned: evOther, tochuc.EventExempted: evOther, tochuc.EventExemptionEnded: evOther,
}

// Flows are the flow names, in report order.
var Flows = []string{"admitted", "readmitted", "recognized", "transferred_in", "transferred_out",
	"removed", "withdrawn", "expelled", "deceased"}

const (
	flAdmitted = iota
	flReadmitted
	flRecognized
	flTransferIn  // also counts as an out-flow of a
	flTransferOut // the two-step slip: a left, b is the destination
	flRemoved
	flWithdrawn
	flExpelled
	flDeceased
	flTransferred // one-step transfer: out of a, into b
)

// flowOf maps an event kind to its stored flow (-1: not a flow).
var flowOf = [nEv]int{
	evOther: -1, evAdmitted: flAdmitted, evReadmitted: flReadmitted, evRecognized: flRecognized,
	evTransferred: flTransferred, evTransferOut: flTransferOut, evTransferIn: flTransferIn,
	evRemoved: flRemoved, evWithdrawn: flWithdrawn, evExpelled: flExpelled, evDeceased: flDeceased, evRestored: -1,
}

// dict interns the codes of one column: index 0 is the empty code.
type dict struct {
	codes []string
	idx   map[string]uint8
}

func newDict() *dict { return &dict{codes: []string{""}, idx: map[string]uint8{"": 0}} }

func (d *dict) id(s string) uint8 {
	if i, ok := d.idx[s]; ok {
		return i
	}
	if len(d.codes) >= 255 {
		return 255 // overflow: counted as "other"
	}
	i := uint8(len(d.codes))
	d.codes = append(d.codes, s)
	d.idx[s] = i
	return i
}

func (d *dict) idBytes(b []byte) uint8 {
	if i, ok := d.idx[string(b)]; ok {
		return i
	}
	return d.id(string(b))
}

func (d *dict) code(i uint8) string {
	if int(i) < len(d.codes) {
		return d.codes[i]
	}
	return "other"
}

// dayOf turns "YYYY-MM-DD" into yyyymmdd (0 for an empty or malformed date).
func dayOf(s string) int32 {
	if len(s) != 10 {
		return 0
	}
	n := int32(0)
	for i, c := range []byte(s) {
		if i == 4 || i == 7 {
			continue
		}
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int32(c-'0')
	}
	return n
}

func fmtDay(d int32) string {
	b := []byte("0000-00-00")
	y, m, dd := d/10000, d/100%100, d%100
	copy(b[0:4], []byte(pad(int(y), 4)))
	copy(b[5:7], []byte(pad(int(m), 2)))
	copy(b[8:10], []byte(pad(int(dd), 2)))
	return string(b)
}

func pad(n, w int) string {
	s := strconv.Itoa(n)
	for len(s) < w {
		s = "0" + s
	}
	return s
}

// Members is how many members the snapshot holds (of any status, ever).
func (s *Snapshot) MemberCount() int { return len(s.ids) }

// SpanCount is how many spans the snapshot holds.
func (s *Snapshot) SpanCount() int { return len(s.spFrom) }

// FlowCount is how many flow events the snapshot holds.
func (s *Snapshot) FlowCount() int { return len(s.flows) }

// OrgCode is the code of an org by id ("" when unknown).
func (s *Snapshot) OrgCode(id int64) string {
	if i, ok := s.orgIdx[id]; ok {
		return s.orgs[i].code
	}
	return ""
}
