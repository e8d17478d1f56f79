package vn

import (
	"strings"
	"testing"
)

func TestCheckCitizenID(t *testing.T) {
	tests := []struct {
		id   string
		year int
		sex  string
		err  string // "" = valid; else exact message
	}{
		{"001085001234", 1985, "male", ""},
		{"001185001234", 1985, "female", ""},
		{"079203000001", 2003, "male", ""},
		{"079303000001", 2003, "female", ""},
		{"096999000001", 1899, "female", ""},
		{"096899000001", 1899, "male", ""},
		{"001085001234", 0, "", ""},
		{"001185001234", 0, "nữ", ""},
		{" 001085001234 ", 1985, "", ""},
		{"00108500123", 1985, "male", "số CCCD phải gồm đúng 12 chữ số"},
		{"0010850012345", 1985, "male", "số CCCD phải gồm đúng 12 chữ số"},
		{"00108500123a", 1985, "male", "số CCCD phải gồm đúng 12 chữ số"},
		{"", 0, "", "số CCCD phải gồm đúng 12 chữ số"},
		{"099085001234", 1985, "male", `mã tỉnh "099" trong số CCCD không tồn tại`},
		{"003085001234", 1985, "male", `mã tỉnh "003" trong số CCCD không tồn tại`},
		{"101085001234", 1985, "male", `mã tỉnh "101" trong số CCCD không tồn tại`},
		{"001085001234", 1985, "female", "chữ số thứ 4 của CCCD (giới tính, thế kỷ) không khớp với giới tính nữ, năm sinh 1985"},
		{"001285001234", 1985, "", "chữ số thứ 4 của CCCD (giới tính, thế kỷ) không khớp với năm sinh 1985"},
		{"001185001234", 0, "male", "chữ số thứ 4 của CCCD (giới tính, thế kỷ) không khớp với giới tính nam"},
		{"001084001234", 1985, "male", `chữ số 5–6 của CCCD (năm sinh) "84" không khớp với năm sinh 1985`},
		{"001085001234", 1985, "x", `giới tính "x" không hợp lệ (chỉ nhận male hoặc female)`},
		{"001085001234", 1700, "", "năm sinh 1700 nằm ngoài phạm vi mã hoá của số CCCD (1800–2299)"},
	}
	for _, tt := range tests {
		err := CheckCitizenID(tt.id, tt.year, tt.sex)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("CheckCitizenID(%q, %d, %q) = %v, want nil", tt.id, tt.year, tt.sex, err)
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("CheckCitizenID(%q, %d, %q) = %v, want %q", tt.id, tt.year, tt.sex, err, tt.err)
		}
	}
}

func TestMakeCitizenID(t *testing.T) {
	if got := MakeCitizenID("001", 1985, "female", 1234); got != "001185001234" {
		t.Errorf("MakeCitizenID = %q", got)
	}
	if got := MakeCitizenID("79", 2003, "male", 1234567); got != "079203234567" {
		t.Errorf("MakeCitizenID = %q", got)
	}
	provinces := CitizenIDProvinces()
	if len(provinces) != 63 {
		t.Fatalf("%d provinces, want 63", len(provinces))
	}
	for i, p := range provinces {
		for _, y := range []int{1800, 1899, 1900, 1985, 2000, 2099, 2100, 2200, 2299} {
			for _, sex := range []string{"male", "female"} {
				id := MakeCitizenID(p, y, sex, i*7919)
				if err := CheckCitizenID(id, y, sex); err != nil {
					t.Errorf("MakeCitizenID(%q, %d, %q) = %q fails: %v", p, y, sex, id, err)
				}
			}
		}
	}
}

func FuzzCheckCitizenID(f *testing.F) {
	f.Add("001085001234", 1985, "male")
	f.Add("099085001234", 0, "")
	f.Add("0010850012", 2000, "female")
	f.Fuzz(func(t *testing.T, id string, year int, sex string) {
		err := CheckCitizenID(id, year, sex)
		if err != nil && !strings.Contains(err.Error(), "CCCD") && !strings.Contains(err.Error(), "giới tính") {
			t.Fatalf("unexpected message %q", err)
		}
		if year >= 1800 && year <= 2299 && (sex == "male" || sex == "female") && year%100 >= 0 {
			p := CitizenIDProvinces()[uint(year)%63]
			made := MakeCitizenID(p, year, sex, len(id)*year)
			if err := CheckCitizenID(made, year, sex); err != nil {
				t.Fatalf("MakeCitizenID(%q, %d, %q) = %q: %v", p, year, sex, made, err)
			}
		}
	})
}
