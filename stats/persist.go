package stats

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"time"
	"unsafe"
)

// A snapshot is saved to a file so that a restarted server answers at once from the figures of
// its last build (marked with the time they were computed) instead of re-reading the register
// for minutes at national scale; the caller compares Stamp with the database to decide whether
// to rebuild. The file holds the same columns as memory, in the machine's byte order, with a
// CRC-32 at the end: a truncated, corrupt or foreign file is refused, never half-read.

const (
	fileMagic   = "TOCHUC-STATS\x00"
	fileVersion = 4
	maxLen      = 1 << 31 // no column is longer: bounds what a damaged length can allocate
)

// ErrSnapshotFile is returned by Load for a file that is not a snapshot of this version.
var ErrSnapshotFile = errors.New("stats: not a snapshot file of this version")

var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

type encoder struct {
	w   *bufio.Writer
	crc hash.Hash32
	err error
}

func (e *encoder) bytes(b []byte) {
	if e.err != nil {
		return
	}
	e.crc.Write(b)
	_, e.err = e.w.Write(b)
}

func (e *encoder) u64(v uint64) { e.bytes(binary.LittleEndian.AppendUint64(nil, v)) }
func (e *encoder) str(s string) { e.u64(uint64(len(s))); e.bytes([]byte(s)) }

func (e *encoder) strs(ss []string) {
	e.u64(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

type number interface {
	~uint8 | ~int16 | ~uint16 | ~int32 | ~int64 | ~uint64
}

// asBytes is the memory of a slice of numbers.
func asBytes[T number](xs []T) []byte {
	if len(xs) == 0 {
		return nil
	}
	var z T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(xs))), len(xs)*int(unsafe.Sizeof(z)))
}

func putNums[T number](e *encoder, xs []T) {
	e.u64(uint64(len(xs)))
	e.bytes(asBytes(xs))
}

type decoder struct {
	r   *bufio.Reader
	crc hash.Hash32
	err error
}

func (d *decoder) fill(b []byte) {
	if d.err != nil {
		return
	}
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.err = fmt.Errorf("%w: %v", ErrSnapshotFile, err)
		return
	}
	d.crc.Write(b)
}

func (d *decoder) u64() uint64 {
	var b [8]byte
	d.fill(b[:])
	return binary.LittleEndian.Uint64(b[:])
}

func (d *decoder) length() int {
	n := d.u64()
	if n > maxLen && d.err == nil {
		d.err = fmt.Errorf("%w: length %d", ErrSnapshotFile, n)
	}
	if d.err != nil {
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.length()
	if n > 1<<16 && d.err == nil {
		d.err = fmt.Errorf("%w: text of %d bytes", ErrSnapshotFile, n)
	}
	if d.err != nil {
		return ""
	}
	b := make([]byte, n)
	d.fill(b)
	return string(b)
}

func (d *decoder) strs() []string {
	n := d.length()
	out := make([]string, 0, min(n, 1<<10))
	for i := 0; i < n && d.err == nil; i++ {
		out = append(out, d.str())
	}
	return out
}

// getNums reads a column in pieces, so that a damaged length allocates no more than the bytes
// actually there.
func getNums[T number](d *decoder) []T {
	n := d.length()
	xs := make([]T, 0, min(n, 1<<16))
	for len(xs) < n && d.err == nil {
		k := min(n-len(xs), max(len(xs), 1<<16))
		xs = append(xs, make([]T, k)...)
		d.fill(asBytes(xs[len(xs)-k:]))
	}
	return xs
}

// Save writes the snapshot to w.
func (s *Snapshot) Save(w io.Writer) error {
	if !littleEndian {
		return errors.New("stats: snapshot files are written on little-endian machines only")
	}
	e := &encoder{w: bufio.NewWriterSize(w, 1<<20), crc: crc32.NewIEEE()}
	e.bytes([]byte(fileMagic))
	e.u64(fileVersion)
	e.str(s.Stamp)
	e.u64(uint64(s.BuiltAt.UnixNano()))
	e.u64(uint64(s.BuiltIn))
	e.strs(s.kinds.codes)
	e.strs(s.settings.codes)
	e.strs(s.attrNames)
	e.u64(uint64(len(s.orgs)))
	for _, o := range s.orgs {
		e.u64(uint64(o.id))
		e.str(o.code)
		e.u64(uint64(len(o.versions)))
		for _, v := range o.versions {
			e.u64(uint64(uint32(v.from))<<32 | uint64(uint32(v.to)))
			e.str(v.path)
			e.str(v.name)
			e.u64(uint64(v.kind)<<8 | uint64(v.setting))
			e.u64(v.attrs)
		}
	}
	putNums(e, s.ids)
	putNums(e, s.birthYear)
	putNums(e, s.birthRest)
	putNums(e, s.probStart)
	for c := range s.cols {
		e.strs(s.memberCols[c].codes)
		putNums(e, s.cols[c])
		putNums(e, s.spCols[c])
	}
	putNums(e, s.spanStart)
	for _, col := range [][]int32{s.spMember, s.spFrom, s.spTo, s.spOfficial, s.spEff} {
		putNums(e, col)
	}
	putNums(e, s.spState)
	putNums(e, s.spBirthYear)
	putNums(e, s.spBirthRest)
	n := len(s.flows)
	cols := [4][]int32{make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n)}
	kinds := make([]uint8, n)
	for i, f := range s.flows {
		cols[0][i], cols[1][i], cols[2][i], cols[3][i], kinds[i] = f.date, f.member, f.a, f.b, f.flow
	}
	for _, col := range cols {
		putNums(e, col)
	}
	putNums(e, kinds)
	if e.err != nil {
		return e.err
	}
	if _, err := e.w.Write(binary.LittleEndian.AppendUint32(nil, e.crc.Sum32())); err != nil {
		return err
	}
	return e.w.Flush()
}

// Load reads a snapshot written by Save, checking its checksum and that every index in it
// points inside its columns.
func Load(r io.Reader) (*Snapshot, error) {
	if !littleEndian {
		return nil, ErrSnapshotFile
	}
	d := &decoder{r: bufio.NewReaderSize(r, 1<<20), crc: crc32.NewIEEE()}
	magic := make([]byte, len(fileMagic))
	d.fill(magic)
	if d.err != nil || string(magic) != fileMagic || d.u64() != fileVersion {
		return nil, ErrSnapshotFile
	}
	s := &Snapshot{attrBit: map[string]int{}, orgIdx: map[int64]int32{}, views: map[int32]*orgView{}}
	s.Stamp = d.str()
	s.BuiltAt = time.Unix(0, int64(d.u64()))
	s.BuiltIn = time.Duration(d.u64())
	s.kinds, s.settings = dictOf(d.strs()), dictOf(d.strs())
	s.attrNames = d.strs()
	for i, a := range s.attrNames {
		s.attrBit[a] = i
	}
	norgs := d.length()
	for i := 0; i < norgs && d.err == nil; i++ {
		s.orgs = append(s.orgs, orgInfo{id: int64(d.u64()), code: d.str()})
		o := &s.orgs[i]
		s.orgIdx[o.id] = int32(i)
		nv := d.length()
		for j := 0; j < nv && d.err == nil; j++ {
			o.versions = append(o.versions, orgVersion{})
			v := &o.versions[j]
			ft := d.u64()
			v.from, v.to = int32(uint32(ft>>32)), int32(uint32(ft))
			v.path, v.name = d.str(), d.str()
			ks := d.u64()
			v.kind, v.setting = uint8(ks>>8), uint8(ks)
			v.attrs = d.u64()
		}
	}
	s.ids = getNums[int64](d)
	s.birthYear = getNums[int16](d)
	s.birthRest = getNums[uint16](d)
	s.probStart = getNums[int32](d)
	for c := range s.cols {
		s.memberCols[c] = dictOf(d.strs())
		s.cols[c] = getNums[uint8](d)
		s.spCols[c] = getNums[uint8](d)
	}
	s.spanStart = getNums[int32](d)
	for _, col := range []*[]int32{&s.spMember, &s.spFrom, &s.spTo, &s.spOfficial, &s.spEff} {
		*col = getNums[int32](d)
	}
	s.spState = getNums[uint8](d)
	s.spBirthYear = getNums[int16](d)
	s.spBirthRest = getNums[uint16](d)
	var fc [4][]int32
	for i := range fc {
		fc[i] = getNums[int32](d)
	}
	kinds := getNums[uint8](d)
	if d.err != nil {
		return nil, d.err
	}
	sum := d.crc.Sum32()
	var tail [4]byte
	if _, err := io.ReadFull(d.r, tail[:]); err != nil || binary.LittleEndian.Uint32(tail[:]) != sum {
		return nil, fmt.Errorf("%w: checksum", ErrSnapshotFile)
	}
	s.flows = make([]flowEvent, len(kinds))
	for i := range s.flows {
		if i >= len(fc[0]) || i >= len(fc[1]) || i >= len(fc[2]) || i >= len(fc[3]) {
			return nil, fmt.Errorf("%w: flows", ErrSnapshotFile)
		}
		s.flows[i] = flowEvent{date: fc[0][i], member: fc[1][i], a: fc[2][i], b: fc[3][i], flow: kinds[i]}
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	s.sortVersions()
	return s, nil
}

// check refuses a snapshot whose columns disagree in length or whose indexes point outside.
func (s *Snapshot) check() error {
	bad := func(what string) error { return fmt.Errorf("%w: %s", ErrSnapshotFile, what) }
	nm, no := len(s.ids), len(s.orgs)
	if len(s.birthYear) != nm || len(s.birthRest) != nm || len(s.probStart) != nm {
		return bad("members")
	}
	if len(s.spanStart) != no+1 || s.spanStart[0] != 0 {
		return bad("span index")
	}
	for i := 1; i <= no; i++ {
		if s.spanStart[i] < s.spanStart[i-1] {
			return bad("span index")
		}
	}
	n := int(s.spanStart[no])
	if len(s.spMember) != n || len(s.spFrom) != n || len(s.spTo) != n || len(s.spOfficial) != n || len(s.spEff) != n ||
		len(s.spState) != n || len(s.spBirthYear) != n || len(s.spBirthRest) != n {
		return bad("spans")
	}
	for c := range s.cols {
		if len(s.cols[c]) != nm || len(s.spCols[c]) != n {
			return bad("member columns")
		}
	}
	for _, m := range s.spMember {
		if m < 0 || int(m) >= nm {
			return bad("span member")
		}
	}
	for _, f := range s.flows {
		if f.member < 0 || int(f.member) >= nm || f.a < -1 || int(f.a) >= no || f.b < -1 || int(f.b) >= no || int(f.flow) > flTransferred {
			return bad("flow")
		}
	}
	for _, o := range s.orgs {
		for _, v := range o.versions {
			if int(v.kind) >= len(s.kinds.codes) || int(v.setting) >= len(s.settings.codes) {
				return bad("org version")
			}
		}
	}
	return nil
}

func dictOf(codes []string) *dict {
	d := &dict{codes: codes, idx: make(map[string]uint8, len(codes))}
	for i, c := range codes {
		d.idx[c] = uint8(i)
	}
	if len(codes) == 0 {
		return newDict()
	}
	return d
}

// SaveFile writes the snapshot to path through a temporary file in the same folder renamed
// over it, readable by the owner only (it holds personal data like the database).
func (s *Snapshot) SaveFile(path string) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		f.Close()
		return err
	}
	if err := s.Save(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// LoadFile reads a snapshot saved by SaveFile.
func LoadFile(path string) (*Snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Load(f)
}
