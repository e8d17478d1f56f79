package people

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"tochuc/codes"
)

func newGen(seed uint64) *Generator { return New(rand.New(rand.NewPCG(seed, 42))) }

// allProvinces are the codes of provinceSpecs.
func allProvinces() []string {
	var out []string
	for _, p := range provinceSpecs {
		out = append(out, p.code)
	}
	return out
}

// isNFC reports whether s has no combining marks: for Vietnamese text, whose
// letters all have precomposed forms, that is NFC.
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

// wellFormed reports whether a name part is NFC without stray spaces.
func wellFormed(s string) bool {
	return isNFC(s) && strings.TrimSpace(s) == s && !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\t\n")
}

func TestDeterminism(t *testing.T) {
	a, b, c := newGen(7), newGen(7), newGen(8)
	provs := allProvinces()
	same := true
	for i := 0; i < 5000; i++ {
		pc := provs[i%len(provs)]
		year := 1930 + i%78
		pa, pb, pcc := a.Person(pc, year), b.Person(pc, year), c.Person(pc, year)
		if pa != pb {
			t.Fatalf("draw %d differs with the same seed: %+v vs %+v", i, pa, pb)
		}
		if pa != pcc {
			same = false
		}
	}
	if same {
		t.Error("different seeds gave the same 5000 people")
	}
	s1, m1, g1 := a.Name("female", "79", 1990)
	s2, m2, g2 := b.Name("female", "79", 1990)
	if s1 != s2 || m1 != m2 || g1 != g2 {
		t.Error("Name is not deterministic")
	}
}

func TestAllStringsWellFormed(t *testing.T) {
	g := newGen(1)
	for _, pc := range append(allProvinces(), "00", "", "xx") {
		for i := 0; i < 800; i++ {
			year := 1925 + i%83
			p := g.Person(pc, year)
			for _, s := range []string{p.Surname, p.Middle, p.Given} {
				if !wellFormed(s) {
					t.Fatalf("%s: malformed name part %q in %+v", pc, s, p)
				}
			}
			if p.Given == "" || p.Surname == "" {
				t.Fatalf("%s: empty surname or given name in %+v", pc, p)
			}
			if p.BirthYear != year || p.BirthMonth < 1 || p.BirthMonth > 12 || p.BirthDay < 1 || p.BirthDay > daysIn(year, p.BirthMonth) {
				t.Fatalf("bad birth date %d-%d-%d", p.BirthYear, p.BirthMonth, p.BirthDay)
			}
			checks := []struct {
				l    codes.List
				code string
			}{
				{codes.Sex, p.Sex}, {codes.Ethnicities, p.Ethnicity}, {codes.Religions, p.Religion},
				{codes.Education, p.Education}, {codes.ProfessionalQualification, p.ProfessionalQualification},
				{codes.PoliticalTheory, p.PoliticalTheory}, {codes.Occupations, p.Occupation},
			}
			for _, c := range checks {
				if _, ok := c.l.ByCode(c.code); !ok {
					t.Fatalf("%s: %q is not a code of %s", pc, c.code, c.l.Name)
				}
			}
		}
	}
	// Every name in every table.
	check := func(where string, tb *table) {
		if tb == nil {
			return
		}
		for _, s := range tb.items {
			if !wellFormed(s) {
				t.Errorf("%s: malformed entry %q", where, s)
			}
		}
	}
	for reg := 0; reg < nRegions; reg++ {
		check("kinh surname", g.kinhSurname[reg])
		for sx := 0; sx < 2; sx++ {
			for era := 0; era < nEras; era++ {
				check("kinh middle", g.kinhMiddle[reg][sx][era])
				check("kinh given", g.kinhGiven[sx][era])
			}
		}
	}
	for n, pf := range g.profiles {
		if pf == nil {
			continue
		}
		for _, v := range pf.variants {
			for sx := 0; sx < 2; sx++ {
				check(twoDigits(n)+" surname", v.surname[sx])
				for era := 0; era < nEras; era++ {
					check(twoDigits(n)+" middle", v.middle[sx][era])
					check(twoDigits(n)+" given", v.given[sx][era])
				}
			}
		}
	}
}

func TestGivenNameStock(t *testing.T) {
	for sx, name := range []string{"male", "female"} {
		seen := map[string]bool{}
		for _, x := range kinhGiven[sx] {
			if seen[x.s] {
				t.Errorf("%s given name %q listed twice", name, x.s)
			}
			seen[x.s] = true
		}
		if len(seen) < 150 {
			t.Errorf("%s: %d given names, want at least 150", name, len(seen))
		}
	}
	for _, want := range []string{"An", "Ánh", "Ân", "Dung", "Dương", "Đức", "Đạt", "Ơn", "Ưng"} {
		found := false
		for sx := 0; sx < 2; sx++ {
			for _, x := range kinhGiven[sx] {
				found = found || x.s == want
			}
		}
		if !found {
			t.Errorf("given name %q missing", want)
		}
	}
	seen := map[string]bool{}
	for _, x := range kinhSurnames {
		if seen[x.s] {
			t.Errorf("surname %q listed twice", x.s)
		}
		seen[x.s] = true
	}
	if len(seen) < 55 {
		t.Errorf("%d Kinh surnames, want a long tail", len(seen))
	}
}

func share(n, of int) float64 { return float64(n) / float64(of) }

func TestDistributions(t *testing.T) {
	const N = 100000
	g := newGen(3)

	// Surnames, sex, religion, qualifications in Hà Nội over all generations.
	var nguyen, hoang, huynh, vu, vo, women, noReligion, young, youngUpper, theoryLow, advanced int
	quals := map[string]int{}
	for i := 0; i < N; i++ {
		year := 1935 + i%71
		p := g.Person("01", year)
		switch p.Surname {
		case "Nguyễn":
			nguyen++
		case "Hoàng":
			hoang++
		case "Huỳnh":
			huynh++
		case "Vũ":
			vu++
		case "Võ":
			vo++
		}
		if p.Sex == "female" {
			women++
		}
		if p.Religion == "00" {
			noReligion++
		}
		if year >= 1990 {
			young++
			if p.Education == "upper_secondary" {
				youngUpper++
			}
		}
		switch p.PoliticalTheory {
		case "none", "elementary":
			theoryLow++
		case "advanced":
			advanced++
		}
		quals[p.ProfessionalQualification]++
	}
	if s := share(nguyen, N); s < 0.33 || s > 0.43 {
		t.Errorf("Nguyễn share in Hà Nội %.3f, want 0.33–0.43", s)
	}
	if hoang < 5*huynh || vu < 5*vo {
		t.Errorf("Hà Nội: Hoàng %d vs Huỳnh %d, Vũ %d vs Võ %d: the north should prefer Hoàng and Vũ", hoang, huynh, vu, vo)
	}
	if s := share(women, N); s < 0.33 || s > 0.46 {
		t.Errorf("female share %.3f, want 0.33–0.46", s)
	}
	if s := share(noReligion, N); s < 0.88 || s > 0.97 {
		t.Errorf("no religion %.3f, want 0.88–0.97", s)
	}
	if s := share(youngUpper, young); s < 0.9 {
		t.Errorf("upper secondary among the young %.3f, want > 0.9", s)
	}
	if s := share(theoryLow, N); s < 0.6 {
		t.Errorf("political theory none/elementary %.3f, want > 0.6", s)
	}
	if s := share(advanced, N); s > 0.12 || s < 0.01 {
		t.Errorf("advanced political theory %.3f, want 0.01–0.12", s)
	}
	if s := share(quals["bachelor"], N); s < 0.25 || s > 0.65 {
		t.Errorf("bachelor share %.3f", s)
	}

	// The south prefers Huỳnh and Võ.
	hoang, huynh, vu, vo = 0, 0, 0, 0
	for i := 0; i < N/4; i++ {
		s, _, _ := g.EthnicName("male", "01", "79", 1970)
		switch s {
		case "Hoàng":
			hoang++
		case "Huỳnh":
			huynh++
		case "Vũ":
			vu++
		case "Võ":
			vo++
		}
	}
	if huynh < 5*hoang || vo < 3*vu {
		t.Errorf("HCMC: Hoàng %d vs Huỳnh %d, Vũ %d vs Võ %d: the south should prefer Huỳnh and Võ", hoang, huynh, vu, vo)
	}

	// Sex ratio by generation.
	for _, c := range []struct {
		year   int
		lo, hi float64
	}{{1945, 0.22, 0.32}, {1960, 0.28, 0.38}, {2000, 0.47, 0.57}} {
		w := 0
		for i := 0; i < N/4; i++ {
			if g.Person("30", c.year).Sex == "female" {
				w++
			}
		}
		if s := share(w, N/4); s < c.lo || s > c.hi {
			t.Errorf("born %d: female share %.3f, want %.2f–%.2f", c.year, s, c.lo, c.hi)
		}
	}

	// Ethnicity by province.
	kinhShare := func(pc string) float64 {
		k := 0
		for i := 0; i < N; i++ {
			if g.Ethnicity(pc) == "01" {
				k++
			}
		}
		return share(k, N)
	}
	if s := kinhShare("30"); s <= 0.95 {
		t.Errorf("Kinh share in Hải Dương %.3f, want > 0.95", s)
	}
	if s := kinhShare("02"); s >= 0.4 {
		t.Errorf("Kinh share in Hà Giang %.3f, want < 0.4", s)
	}
	if s := kinhShare("94"); s < 0.5 || s > 0.75 {
		t.Errorf("Kinh share in Sóc Trăng %.3f", s)
	}

	// Khơ-me members of Sóc Trăng are mostly Buddhists.
	khmer, buddhist := 0, 0
	for i := 0; i < N/2; i++ {
		p := g.Person("94", 1975)
		if p.Ethnicity == "05" {
			khmer++
			if p.Religion == "01" {
				buddhist++
			}
		}
	}
	if khmer == 0 || share(buddhist, khmer) < 0.6 {
		t.Errorf("Khơ-me Buddhists %d of %d", buddhist, khmer)
	}

	// Nam Định has more Catholics than Hà Nội.
	cat := func(pc string) float64 {
		n := 0
		for i := 0; i < N/2; i++ {
			if g.Person(pc, 1970).Religion == "02" {
				n++
			}
		}
		return share(n, N/2)
	}
	if a, b := cat("36"), cat("01"); a <= 2*b {
		t.Errorf("Catholics: Nam Định %.3f, Hà Nội %.3f", a, b)
	}
}

func TestAgePlausibility(t *testing.T) {
	g := newGen(5)
	for i := 0; i < 20000; i++ {
		p := g.Person("01", 2006)
		switch p.ProfessionalQualification {
		case "bachelor", "master", "doctor", "college":
			t.Fatalf("a 19-year-old with %s", p.ProfessionalQualification)
		}
		if p.Occupation == "retired" {
			t.Fatal("a 19-year-old retiree")
		}
		q := g.Person("01", 1950)
		if q.Occupation == "student" {
			t.Fatal("a 75-year-old student")
		}
		if q.ProfessionalQualification == "bachelor" && q.Education != "upper_secondary" {
			t.Fatalf("bachelor without upper secondary: %+v", q)
		}
	}
}

func TestEthnicNamePatterns(t *testing.T) {
	g := newGen(9)
	clans := map[string]bool{}
	for _, c := range ws(ethnicProfileSpec(t, "12").variants[0].clans) {
		clans[c.s] = true
	}
	for i := 0; i < 2000; i++ {
		s, m, given := g.EthnicName("male", "12", "66", 1975)
		if s != "Y" || m != "" {
			t.Fatalf("Ê-đê man: %q %q %q", s, m, given)
		}
		words := strings.Fields(given)
		if len(words) < 2 {
			t.Fatalf("Ê-đê given %q has no clan", given)
		}
		if !clans[words[len(words)-1]] && !clans[strings.Join(words[len(words)-2:], " ")] {
			t.Fatalf("Ê-đê given %q does not end with a clan", given)
		}
		s, m, _ = g.EthnicName("female", "12", "66", 1975)
		if s != "H'" || m != "" {
			t.Fatalf("Ê-đê woman: %q %q", s, m)
		}
	}
	hmongA, hmongThi := 0, 0
	for i := 0; i < 2000; i++ {
		_, m, _ := g.EthnicName("male", "08", "02", 1960)
		if m == "A" {
			hmongA++
		}
		_, m, _ = g.EthnicName("female", "08", "02", 1960)
		if m == "Thị" {
			hmongThi++
		}
	}
	if hmongThi < 1600 {
		t.Errorf("HMông women with middle name Thị: %d of 2000", hmongThi)
	}
	if hmongA < 600 {
		t.Errorf("HMông men with middle name A: %d of 2000", hmongA)
	}
	// Unknown ethnicity gives Kinh names.
	if s, _, g := g.EthnicName("male", "zz", "01", 1980); s == "" || g == "" {
		t.Error("empty name for unknown ethnicity")
	}
}

func ethnicProfileSpec(t *testing.T, code string) profileSpec {
	for _, p := range ethnicProfiles {
		if p.code == code {
			return p
		}
	}
	t.Fatalf("no profile %s", code)
	return profileSpec{}
}

func TestProfilesCoverEthnicities(t *testing.T) {
	g := newGen(1)
	for _, c := range codes.Ethnicities.Items {
		n, _ := code2(c.Code)
		if c.Code != "01" && c.Code != "55" && g.profiles[n] == nil {
			t.Errorf("no naming profile for %s %s", c.Code, c.Name)
		}
	}
	for _, ps := range append(provinceSpecs, nationalSpec) {
		for _, f := range strings.Fields(ps.eth) {
			code, _, _ := strings.Cut(f, ":")
			if _, ok := codes.Ethnicities.ByCode(code); !ok {
				t.Errorf("%s: unknown ethnicity %s", ps.name, code)
			}
		}
	}
	if len(provinceSpecs) != 63 {
		t.Errorf("%d provinces, want 63", len(provinceSpecs))
	}
	for _, l := range []struct {
		list  codes.List
		codes []string
	}{{codes.Religions, religionCodes}, {codes.Education, educationCodes},
		{codes.ProfessionalQualification, qualificationCodes}, {codes.PoliticalTheory, theoryCodes},
		{codes.Occupations, occupationCodes}} {
		for _, c := range l.codes {
			if _, ok := l.list.ByCode(c); !ok {
				t.Errorf("%s: %q is not a code", l.list.Name, c)
			}
		}
	}
}

func TestTableFrequencies(t *testing.T) {
	tb := newTable([]string{"a", "b", "c", "d"}, []float64{1, 0, 3, 6})
	r := rand.New(rand.NewPCG(1, 1))
	cnt := map[string]int{}
	const N = 200000
	for i := 0; i < N; i++ {
		cnt[tb.pick(r)]++
	}
	if cnt["b"] != 0 {
		t.Errorf("zero-weight item drawn %d times", cnt["b"])
	}
	for k, want := range map[string]float64{"a": 0.1, "c": 0.3, "d": 0.6} {
		if got := share(cnt[k], N); got < want-0.01 || got > want+0.01 {
			t.Errorf("%s drawn %.3f, want %.2f", k, got, want)
		}
	}
}

func TestNoAllocations(t *testing.T) {
	g := newGen(2)
	allocs := testing.AllocsPerRun(2000, func() {
		_ = g.Person("66", 1980)
		_, _, _ = g.Name("female", "02", 1995)
	})
	if allocs != 0 {
		t.Errorf("%.1f allocations per Person+Name, want 0", allocs)
	}
}

func BenchmarkPerson(b *testing.B) {
	g := newGen(1)
	provs := allProvinces()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = g.Person(provs[i%len(provs)], 1940+i%66)
	}
}
