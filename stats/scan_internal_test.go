package stats

import "testing"

// The counting loops compute the age band and the status without branches; they must agree
// with memberValue, the rule as written, on both sides of every limit.
func TestBranchlessBandsAgreeWithRule(t *testing.T) {
	days := []int32{20241231, 20250101, 20250630, 20250701, 20240229, 20000101}
	type birth struct {
		year int16
		rest uint16
	}
	var births []birth
	births = append(births, birth{0, 0})
	for _, k := range []int16{29, 30, 31, 40, 41, 42, 50, 51, 52, 60, 61, 62, 100} {
		for _, rest := range []uint16{0, 100, 1200, 1231, 229, 630, 701, 101} {
			for _, dy := range []int32{2024, 2025, 2000} {
				births = append(births, birth{int16(dy) - k, rest})
			}
		}
	}
	births = append(births, birth{2030, 101}) // born after the day: youngest band
	n := len(births)
	s := &Snapshot{spBirthYear: make([]int16, n), spBirthRest: make([]uint16, n),
		spState: make([]uint8, n), spOfficial: make([]int32, n)}
	idx := make([]int32, n)
	for i, b := range births {
		s.spBirthYear[i], s.spBirthRest[i], idx[i] = b.year, b.rest, int32(i)
		s.spState[i] = []uint8{stActive, stExempt, stActive}[i%3]
		s.spOfficial[i] = []int32{20200101, 20250701, 99999999, 20241231}[i%4]
	}
	for _, d := range days {
		for _, dm := range []dim{{kind: dkAge}, {kind: dkStatus}} {
			keys := make([]uint64, n)
			s.addKeys(keys, idx, dm, d, 1)
			for i := range births {
				if want := s.memberValue(dm, 0, i, d); int(keys[i]) != want {
					t.Errorf("day %d, %+v, state %d official %d, dimension %d: loop %d, rule %d",
						d, births[i], s.spState[i], s.spOfficial[i], dm.kind, keys[i], want)
				}
			}
		}
	}
}
