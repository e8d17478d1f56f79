package tabular

// pending remembers the line numbers of empty rows seen since the last
// non-empty row, as runs of consecutive lines, so that empty rows in the
// middle of a table are returned but trailing ones are dropped.
type pending struct {
	runs []lineRun
}

// lineRun is n consecutive lines starting at first.
type lineRun struct{ first, n int }

// add records an empty row at line.
func (p *pending) add(line int) {
	if k := len(p.runs) - 1; k >= 0 && p.runs[k].first+p.runs[k].n == line {
		p.runs[k].n++
		return
	}
	p.runs = append(p.runs, lineRun{line, 1})
}

// pop removes and returns the earliest recorded line.
func (p *pending) pop() (int, bool) {
	if len(p.runs) == 0 {
		return 0, false
	}
	r := &p.runs[0]
	line := r.first
	r.first++
	r.n--
	if r.n == 0 {
		p.runs = p.runs[1:]
		if len(p.runs) == 0 {
			p.runs = nil
		}
	}
	return line, true
}

// isEmpty reports whether every cell is empty.
func isEmpty(cells []string) bool {
	return Row{Cells: cells}.Empty()
}
