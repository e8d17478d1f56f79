package tabular

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16 with an optional BOM.
func utf16Bytes(s string, bigEndian, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	var b []byte
	for _, u := range units {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

func TestDecodeInput(t *testing.T) {
	const vi = "Họ và tên,Ngày sinh\nNguyễn Văn Ánh,01/02/1970\n"
	tests := []struct {
		name    string
		in      []byte
		want    string
		wantEnc string
	}{
		{"utf-8", []byte(vi), vi, "utf-8"},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, vi...), vi, "utf-8"},
		{"utf-16le bom", utf16Bytes(vi, false, true), vi, "utf-16"},
		{"utf-16be bom", utf16Bytes(vi, true, true), vi, "utf-16"},
		{"utf-16le no bom", utf16Bytes(vi, false, false), vi, "utf-16"},
		{"utf-16be no bom", utf16Bytes(vi, true, false), vi, "utf-16"},
		{"cp1252", []byte("a,b\n\xA7,\xB6\n"), "a,b\n§,¶\n", "windows-1252"},
		{"cp1252 tcvn3 bytes", []byte("H\xE4 v\xB5 t\xAAn"), "Hä vµ tªn", "windows-1252"},
		{"empty", nil, "", "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, enc, err := decodeInput(bytes.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want || enc != tt.wantEnc {
				t.Errorf("got %q (%s), want %q (%s)", got, enc, tt.want, tt.wantEnc)
			}
		})
	}
}

func TestDecodeInputRuneAcrossSample(t *testing.T) {
	// A multi-byte rune straddling the 64 KiB sample must not trigger the
	// Windows-1252 fallback.
	s := strings.Repeat("a", sampleSize-1) + "ệ" + "\n"
	r, enc, err := decodeInput(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	if enc != "utf-8" || string(got) != s {
		t.Errorf("encoding %s, content changed: %v", enc, string(got) != s)
	}
}

func TestValidUTF8Sample(t *testing.T) {
	e := []byte("ệ") // 3 bytes
	tests := []struct {
		in        []byte
		truncated bool
		want      bool
	}{
		{[]byte("abc"), false, true},
		{append([]byte("ab"), e[:2]...), true, true},
		{append([]byte("ab"), e[:2]...), false, false},
		{[]byte("ab\xA7c"), true, false},
		{[]byte("ab\xA7"), true, false},
	}
	for _, tt := range tests {
		if got := validUTF8Sample(tt.in, tt.truncated); got != tt.want {
			t.Errorf("validUTF8Sample(%q, %v) = %v", tt.in, tt.truncated, got)
		}
	}
}
