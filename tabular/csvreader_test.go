package tabular

import (
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestCSVReader(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		opt    Options
		header []string
		rows   []Row
	}{
		{
			name:   "basic",
			in:     "a,b,c\n1,2,3\n4,5,6\n",
			header: []string{"a", "b", "c"},
			rows:   []Row{{2, []string{"1", "2", "3"}}, {3, []string{"4", "5", "6"}}},
		},
		{
			name:   "semicolon detected",
			in:     "a;b\n1,5;2\n",
			header: []string{"a", "b"},
			rows:   []Row{{2, []string{"1,5", "2"}}},
		},
		{
			name:   "tab detected",
			in:     "a\tb\n1\t2\n",
			header: []string{"a", "b"},
			rows:   []Row{{2, []string{"1", "2"}}},
		},
		{
			name:   "explicit comma",
			in:     "a;b,c\n1;2,3\n",
			opt:    Options{Comma: ','},
			header: []string{"a;b", "c"},
			rows:   []Row{{2, []string{"1;2", "3"}}},
		},
		{
			name:   "short rows padded, long rows kept",
			in:     "a,b,c\n1\n1,2,3,4\n",
			header: []string{"a", "b", "c"},
			rows:   []Row{{2, []string{"1", "", ""}}, {3, []string{"1", "2", "3", "4"}}},
		},
		{
			name:   "trimmed",
			in:     " a , b \n  x\t,\u00a0y \n",
			opt:    Options{Comma: ','},
			header: []string{"a", "b"},
			rows:   []Row{{2, []string{"x", "y"}}},
		},
		{
			name:   "quoted multi-line field keeps start line",
			in:     "a,b\n\"dòng 1\ndòng 2\",x\ny,z\n",
			header: []string{"a", "b"},
			rows:   []Row{{2, []string{"dòng 1\ndòng 2", "x"}}, {4, []string{"y", "z"}}},
		},
		{
			name:   "crlf",
			in:     "a,b\r\n1,2\r\n",
			header: []string{"a", "b"},
			rows:   []Row{{2, []string{"1", "2"}}},
		},
		{
			name:   "lazy quotes",
			in:     "a,b\nNguyễn \"Ba\",x\n",
			header: []string{"a", "b"},
			rows:   []Row{{2, []string{"Nguyễn \"Ba\"", "x"}}},
		},
		{
			name:   "trailing empty rows skipped",
			in:     "a,b\n1,2\n,\n , \n\n,,,\n",
			header: []string{"a", "b"},
			rows:   []Row{{2, []string{"1", "2"}}},
		},
		{
			name:   "empty rows before data kept",
			in:     "a,b\n,\n\n , \n1,2\n,\n",
			header: []string{"a", "b"},
			rows:   []Row{{2, []string{"", ""}}, {4, []string{"", ""}}, {5, []string{"1", "2"}}},
		},
		{
			name:   "blank lines before header",
			in:     "\n,,\na,b\n1,2\n",
			header: []string{"a", "b"},
			rows:   []Row{{4, []string{"1", "2"}}},
		},
		{
			name:   "NFC normalised",
			in:     "te\u0302\u0323n\nNguye\u0302\u0303n\n",
			header: []string{"tện"},
			rows:   []Row{{2, []string{"Nguyễn"}}},
		},
		{
			name:   "decode applied before trim",
			in:     "a\n xyz \n",
			opt:    Options{Decode: strings.ToUpper},
			header: []string{"A"},
			rows:   []Row{{2, []string{"XYZ"}}},
		},
		{
			name:   "cp1252 fallback",
			in:     "a,b\n\xA7,\xB6\n",
			header: []string{"a", "b"},
			rows:   []Row{{2, []string{"§", "¶"}}},
		},
		{
			name:   "header only",
			in:     "a,b\n",
			header: []string{"a", "b"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewCSVReader(strings.NewReader(tt.in), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if got := r.Header(); !reflect.DeepEqual(got, tt.header) {
				t.Errorf("header = %q, want %q", got, tt.header)
			}
			if got := readAll(t, r); !reflect.DeepEqual(got, tt.rows) {
				t.Errorf("rows = %v, want %v", got, tt.rows)
			}
		})
	}
}

func TestCSVReaderEncoding(t *testing.T) {
	const vi = "Họ và tên\tChi bộ\nNguyễn Thị Hoà\tChi bộ 1\n"
	tests := []struct {
		name string
		in   []byte
		enc  string
	}{
		{"utf-8", []byte(vi), "utf-8"},
		{"utf-8 bom", append([]byte("\xEF\xBB\xBF"), vi...), "utf-8"},
		{"utf-16le bom", utf16Bytes(vi, false, true), "utf-16"},
		{"utf-16be bom", utf16Bytes(vi, true, true), "utf-16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewCSVReader(strings.NewReader(string(tt.in)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Encoding() != tt.enc {
				t.Errorf("Encoding() = %q, want %q", r.Encoding(), tt.enc)
			}
			want := []string{"Họ và tên", "Chi bộ"}
			if !reflect.DeepEqual(r.Header(), want) {
				t.Errorf("header = %q, want %q", r.Header(), want)
			}
			rows := readAll(t, r)
			if len(rows) != 1 || rows[0].Line != 2 || rows[0].Cells[0] != "Nguyễn Thị Hoà" {
				t.Errorf("rows = %v", rows)
			}
		})
	}
}

func TestCSVReaderEmpty(t *testing.T) {
	for _, in := range []string{"", "\n\n", ",,,\n , \n", "\xEF\xBB\xBF"} {
		if _, err := NewCSVReader(strings.NewReader(in), Options{}); !errors.Is(err, ErrEmpty) {
			t.Errorf("NewCSVReader(%q) error = %v, want ErrEmpty", in, err)
		}
	}
}

func TestCSVReaderBadComma(t *testing.T) {
	if _, err := NewCSVReader(strings.NewReader("a\n"), Options{Comma: '"'}); err == nil {
		t.Error("want error for '\"' delimiter")
	}
}

func TestCSVReaderUnclosedQuote(t *testing.T) {
	// An opening quote that is never closed must not read the whole file
	// into one record.
	var sb strings.Builder
	sb.WriteString("a,b\n1,2\n\"3,4\n")
	line := strings.Repeat("x", 1000) + ",y\n"
	for sb.Len() < maxRecordBytes+1<<20 {
		sb.WriteString(line)
	}
	r, err := NewCSVReader(strings.NewReader(sb.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if row, err := r.Next(); err != nil || row.Line != 2 {
		t.Fatalf("first row = %v, %v", row, err)
	}
	_, err = r.Next()
	var le *LineError
	if !errors.As(err, &le) || !errors.Is(err, errRecordTooLarge) || le.Line != 3 {
		t.Fatalf("err = %v, want record too large on line 3", err)
	}
	if !strings.HasPrefix(err.Error(), "dòng 3: ") {
		t.Errorf("message %q lacks line prefix", err)
	}
	if _, err := r.Next(); err == nil || errors.Is(err, io.EOF) {
		t.Errorf("after failure Next = %v, want the error again", err)
	}
}

func TestLineErrorParse(t *testing.T) {
	s := &csvSource{}
	var le *LineError
	err := s.lineError(&csv.ParseError{StartLine: 11, Line: 12, Column: 5, Err: csv.ErrQuote})
	if !errors.As(err, &le) || le.Line != 12 || !strings.HasPrefix(err.Error(), "dòng 12: ") {
		t.Errorf("lineError = %v", err)
	}
}
