package codes

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// testFold is a simple diacritic-insensitive fold for Vietnamese text.
func testFold(s string) string {
	groups := []string{
		"aàáảãạăằắẳẵặâầấẩẫậ",
		"eèéẻẽẹêềếểễệ",
		"iìíỉĩị",
		"oòóỏõọôồốổỗộơờớởỡợŏ",
		"uùúủũụưừứửữựŭ",
		"yỳýỷỹỵ",
		"dđ",
	}
	m := map[rune]rune{}
	for _, g := range groups {
		base, _ := utf8.DecodeRuneInString(g)
		for _, r := range g {
			m[r] = base
		}
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if x, ok := m[r]; ok {
			r = x
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isNFC reports whether s has no combining marks, which for Vietnamese text
// means it is in NFC: every Vietnamese letter has a precomposed form.
func isNFC(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return true
}

func TestEthnicities(t *testing.T) {
	if n := len(Ethnicities.Items); n != 55 {
		t.Fatalf("ethnicities: %d items, want 54 groups + 55", n)
	}
	seen := map[string]bool{}
	for i, c := range Ethnicities.Items {
		want := string([]byte{byte('0' + (i+1)/10), byte('0' + (i+1)%10)})
		if c.Code != want {
			t.Errorf("item %d has code %q, want %q", i, c.Code, want)
		}
		if seen[c.Code] {
			t.Errorf("duplicate code %q", c.Code)
		}
		seen[c.Code] = true
	}
	checks := map[string]string{"01": "Kinh", "02": "Tày", "05": "Khơ-me", "08": "HMông", "10": "Gia-rai",
		"12": "Ê-đê", "17": "Chăm", "30": "Co", "47": "Co Lao", "53": "Ơ-đu", "54": "Rơ-măm"}
	for code, name := range checks {
		c, ok := Ethnicities.ByCode(code)
		if !ok || c.Name != name {
			t.Errorf("ByCode(%s) = %q, want %q", code, c.Name, name)
		}
	}
}

func TestListsWellFormed(t *testing.T) {
	for _, l := range All() {
		codes := map[string]bool{}
		for _, c := range l.Items {
			if c.Code == "" || c.Name == "" || c.NameEN == "" {
				t.Errorf("%s: empty field in %+v", l.Name, c)
			}
			if codes[c.Code] {
				t.Errorf("%s: duplicate code %q", l.Name, c.Code)
			}
			codes[c.Code] = true
			if !isNFC(c.Name) || !isNFC(c.NameEN) {
				t.Errorf("%s: %q not NFC", l.Name, c.Name)
			}
		}
		// No folded text may stand for two codes.
		keys := map[string]string{}
		add := func(text, code string) {
			k := normalize(text, testFold)
			if prev, ok := keys[k]; ok && prev != code {
				t.Errorf("%s: %q folds to %q, which is both %s and %s", l.Name, text, k, prev, code)
			}
			keys[k] = code
		}
		for _, c := range l.Items {
			add(c.Code, c.Code)
			add(c.Name, c.Code)
			add(c.NameEN, c.Code)
		}
		for _, a := range l.Aliases {
			if !codes[a.Code] {
				t.Errorf("%s: alias %q points to unknown code %q", l.Name, a.Text, a.Code)
			}
			if !isNFC(a.Text) {
				t.Errorf("%s: alias %q not NFC", l.Name, a.Text)
			}
			if c, ok := Lookup(l, a.Text, testFold); !ok || c.Code != a.Code {
				t.Errorf("%s: Lookup(alias %q) = %q, want %q", l.Name, a.Text, c.Code, a.Code)
			}
			add(a.Text, a.Code)
		}
		if got := l.Codes(); len(got) != len(l.Items) {
			t.Errorf("%s: Codes() has %d, want %d", l.Name, len(got), len(l.Items))
		}
	}
}

func TestLookup(t *testing.T) {
	cases := []struct {
		list List
		in   string
		fold func(string) string
		want string
	}{
		{Ethnicities, "01", nil, "01"},
		{Ethnicities, "1", nil, "01"},
		{Ethnicities, "Kinh (Việt)", nil, "01"},
		{Ethnicities, "kinh", testFold, "01"},
		{Ethnicities, "Ê Đê", testFold, "12"},
		{Ethnicities, "ede", testFold, "12"},
		{Ethnicities, "H'Mông", testFold, "08"},
		{Ethnicities, "Mông", nil, "08"},
		{Ethnicities, "khmer", testFold, "05"},
		{Ethnicities, "Tà Ôi", nil, "31"},
		{Ethnicities, "Cờ Lao", testFold, "47"},
		{Ethnicities, "  Bru - Vân Kiều ", testFold, "23"},
		{Religions, "Không tôn giáo", testFold, "00"},
		{Religions, "khong", testFold, "00"},
		{Religions, "Đạo Phật", nil, "01"},
		{Religions, "dao phat", testFold, "01"},
		{Religions, "Thiên Chúa giáo", testFold, "02"},
		{Religions, "Hòa Hảo", testFold, "05"},
		{Religions, "Hoà Hảo", testFold, "05"},
		{Religions, "tin lanh", testFold, "03"},
		{Education, "12/12", nil, "upper_secondary"},
		{Education, "9/12", nil, "lower_secondary"},
		{Education, "10/10", nil, "upper_secondary"},
		{Education, "trung hoc co so", testFold, "lower_secondary"},
		{ProfessionalQualification, "ĐH", testFold, "bachelor"},
		{ProfessionalQualification, "đh", testFold, "bachelor"},
		{ProfessionalQualification, "Ths", nil, "master"},
		{ProfessionalQualification, "ThS", testFold, "master"},
		{ProfessionalQualification, "TS", nil, "doctor"},
		{ProfessionalQualification, "TC", nil, "intermediate"},
		{ProfessionalQualification, "bachelor", nil, "bachelor"},
		{PoliticalTheory, "CC", nil, "advanced"},
		{PoliticalTheory, "cao cap", testFold, "advanced"},
		{PoliticalTheory, "TC", nil, "intermediate"},
		{PoliticalTheory, "SC", nil, "elementary"},
		{Sex, "Nam", nil, "male"},
		{Sex, "Nữ", nil, "female"},
		{Sex, "nu", testFold, "female"},
		{Sex, "FEMALE", nil, "female"},
		{AcademicTitle, "PGS", nil, "associate_professor"},
		{Occupations, "sinh vien", testFold, "student"},
		{MemberStatuses, "Xoá tên", testFold, "removed"},
		{OrgKinds, "chi bo co so", testFold, "basic_cell"},
		{Settings, "dac khu", testFold, "special_zone"},
	}
	for _, c := range cases {
		got, ok := Lookup(c.list, c.in, c.fold)
		if !ok || got.Code != c.want {
			t.Errorf("Lookup(%s, %q) = %q, %v; want %q", c.list.Name, c.in, got.Code, ok, c.want)
		}
	}
	for _, in := range []string{"", "  ", "Martian", "13/12"} {
		if c, ok := Lookup(Ethnicities, in, testFold); ok {
			t.Errorf("Lookup(%q) = %q, want no match", in, c.Code)
		}
	}
}

func TestReligionsCoverRecognised(t *testing.T) {
	for _, name := range []string{"Phật giáo", "Công giáo", "Tin Lành", "Cao Đài", "Phật giáo Hòa Hảo",
		"Hồi giáo", "Tôn giáo Baha'i", "Tịnh độ Cư sỹ Phật hội Việt Nam", "Cơ đốc Phục lâm",
		"Phật giáo Tứ Ân Hiếu Nghĩa", "Minh Sư đạo", "Minh Lý đạo – Tam Tông Miếu", "Bà-la-môn giáo",
		"Mặc môn", "Phật giáo Hiếu Nghĩa Tà Lơn", "Bửu Sơn Kỳ Hương"} {
		if _, ok := Lookup(Religions, name, nil); !ok {
			t.Errorf("religion %q missing", name)
		}
	}
}
