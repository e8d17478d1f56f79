package tabular

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func FuzzCSVReader(f *testing.F) {
	for _, seed := range []string{
		"a,b,c\n1,2,3\n",
		"a;b\n\"x\ny\";z\n,\n",
		"\xEF\xBB\xBFa\tb\n1\n",
		string(utf16Bytes("a,b\nệ,x\n", false, true)),
		"a,b\n\xA7,\xB6\n",
		"\"a\"\"b\",c\r\n\"unterminated\n",
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewCSVReader(bytes.NewReader(data), Options{})
		if err != nil {
			return
		}
		defer r.Close()
		for _, h := range r.Header() {
			checkCell(t, h)
		}
		prev := 1
		for i := 0; i <= len(data); i++ {
			row, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				var le *LineError
				if !errors.As(err, &le) {
					t.Fatalf("error without line: %v", err)
				}
				return
			}
			if row.Line < 2 || row.Line <= prev {
				t.Fatalf("row line %d after %d", row.Line, prev)
			}
			prev = row.Line
			if len(row.Cells) < len(r.Header()) {
				t.Fatalf("row has %d cells, header %d", len(row.Cells), len(r.Header()))
			}
			for _, c := range row.Cells {
				checkCell(t, c)
			}
		}
		t.Fatal("more rows than input bytes")
	})
}

// checkCell fails unless c is trimmed, valid, NFC-normalised UTF-8.
func checkCell(t *testing.T, c string) {
	t.Helper()
	if !utf8.ValidString(c) || strings.TrimSpace(c) != c || !norm.NFC.IsNormalString(c) {
		t.Fatalf("cell %q not clean", c)
	}
}
