package tabular

import "testing"

func TestDetectComma(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want rune
	}{
		{"comma", "Họ và tên,Ngày sinh,Chi bộ\n1;2;3;4", ','},
		{"semicolon", "Họ và tên;Ngày sinh;Chi bộ\n1,2,3,4,5", ';'},
		{"tab", "Họ và tên\tNgày sinh\tChi bộ\n", '\t'},
		{"single column", "Họ và tên\n", ','},
		{"empty", "", ','},
		{"tie prefers comma", "a,b;c\n", ','},
		{"semicolon beats tab on tie", "a;b\tc\n", ';'},
		{"quoted commas ignored", "\"Họ, tên\";\"Ngày, sinh\";x\n", ';'},
		{"quoted newline ignored", "\"a\nb\";c;d\ne,f,g,h,i,j", ';'},
		{"leading blank lines", "\r\n\na\tb\tc", '\t'},
		{"no newline", "a;b;c", ';'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := detectComma([]byte(tt.in)); got != tt.want {
				t.Errorf("detectComma(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
