package tabular

import "io"

// source yields raw rows with their line numbers; io.EOF ends it.
type source interface {
	next() (line int, cells []string, err error)
}

// table implements Reader on top of a source: it takes the first non-empty
// row as header, cleans and pads cells, and drops trailing empty rows while
// keeping empty rows that are followed by data.
type table struct {
	src    source
	clean  cleaner
	header []string
	enc    string
	close  func() error
	empty  pending
	held   Row
	isHeld bool
}

// newTable reads the header from src. On error it calls closeFn.
func newTable(src source, opt Options, enc string, closeFn func() error) (*table, error) {
	t := &table{src: src, clean: cleaner{decode: opt.Decode}, enc: enc, close: closeFn}
	for {
		_, raw, err := src.next()
		if err != nil {
			if err == io.EOF {
				err = ErrEmpty
			}
			_ = closeFn()
			return nil, err
		}
		if cells := t.clean.row(raw, 0); !isEmpty(cells) {
			t.header = cells
			return t, nil
		}
	}
}

// Header returns the cleaned header cells.
func (t *table) Header() []string { return t.header }

// Encoding names the detected text encoding.
func (t *table) Encoding() string { return t.enc }

// Close releases the underlying resources.
func (t *table) Close() error {
	if t.close == nil {
		return nil
	}
	err := t.close()
	t.close = nil
	return err
}

// Next returns the next row, or io.EOF.
func (t *table) Next() (Row, error) {
	if t.isHeld {
		if line, ok := t.empty.pop(); ok {
			return Row{Line: line, Cells: make([]string, len(t.header))}, nil
		}
		t.isHeld = false
		return t.held, nil
	}
	for {
		line, raw, err := t.src.next()
		if err != nil {
			return Row{}, err
		}
		cells := t.clean.row(raw, len(t.header))
		if isEmpty(cells) {
			t.empty.add(line)
			continue
		}
		row := Row{Line: line, Cells: cells}
		if first, ok := t.empty.pop(); ok {
			t.held, t.isHeld = row, true
			return Row{Line: first, Cells: make([]string, len(t.header))}, nil
		}
		return row, nil
	}
}
