// Package people generates realistic, deterministic fake Vietnamese people for
// the demo register: names in the patterns of each ethnic group, ethnicity by
// province, religion, sex, education, qualifications and occupation of party
// members by birth year.
//
// Every table is built once by New; a draw picks from precomputed alias tables
// and returns strings that already exist, so Person and Name allocate nothing.
// The same *rand.Rand seed gives the same sequence of people.
//
// Name split. Kinh-style names are Surname (họ), Middle (tên đệm, possibly two
// words such as "Thị Thanh") and Given (tên). Groups whose names carry a sex
// prefix instead of a family name keep the prefix in Surname, as the paper
// register does, with Middle empty:
//   - Ê-đê, and Mnông of Đắk Lắk: Surname "Y" (male) or "H'" (female), Middle "",
//     Given = personal name + clan name, e.g. "Y" "" "Biêr Niê" for Y Biêr Niê;
//     the clan ends Given, so sorting by given name groups a clan like a Kinh tên.
//   - Ba-na, Xơ-đăng, Gié-Triêng, Brâu, Rơ-măm of Kon Tum: Surname "A" (male) or
//     "Y" (female), Given = personal name ("A" "" "Pớt").
//   - Xtiêng, Mạ, Chơ-ro, Mnông of Đắk Nông and Bình Phước: Surname "Điểu" (male)
//     or "Thị" (female), Given = personal name.
//   - Cơ-ho: Surname "K'" (male) or "Ka" (female), or a clan name.
//
// Gia-rai names put the clan first and are stored as Surname = clan ("Rơ Châm",
// "Ksor"), Middle "", Given = personal name ("H'Ly" for many women).
package people

import (
	"math/rand/v2"
	"strconv"
)

// ReferenceYear is the year ages are counted from when choosing occupations.
const ReferenceYear = 2025

// Person is one generated person; the coded fields hold codes of package tochuc/codes.
type Person struct {
	Surname, Middle, Given    string
	Sex                       string // "male" or "female"
	BirthYear                 int
	BirthMonth                int
	BirthDay                  int
	Ethnicity                 string // codes.Ethnicities code, e.g. "01"
	Religion                  string // codes.Religions code, e.g. "00"
	Education                 string // codes.Education code
	ProfessionalQualification string // codes.ProfessionalQualification code
	PoliticalTheory           string // codes.PoliticalTheory code
	Occupation                string // codes.Occupations code
}

// FullName joins the non-empty name parts with single spaces.
func (p Person) FullName() string {
	s := p.Surname
	for _, x := range []string{p.Middle, p.Given} {
		if x == "" {
			continue
		}
		if s != "" {
			s += " "
		}
		s += x
	}
	return s
}

// Generator draws people from precomputed tables with one *rand.Rand.
type Generator struct {
	r *rand.Rand

	provinces [100]*province // by the 2-digit pre-2025 province code
	national  *province      // for unknown province codes
	profiles  [100]*profile  // by ethnicity code

	kinhSurname [nRegions]*table
	kinhMiddle  [nRegions][2][nEras]*table
	kinhGiven   [2][nEras]*table

	education     [nEduEras][2]*table // [era][minority]
	occupation    [2][nAgeBuckets]*table
	qualification [nOccupations][nEduEras]*table
	theory        [nOccupations][nAgeBuckets]*table
}

// New builds every table once; it draws nothing from r.
func New(r *rand.Rand) *Generator {
	g := &Generator{r: r}
	g.buildKinh()
	g.buildProfiles()
	g.buildProvinces()
	g.buildAttributes()
	return g
}

const (
	male   = 0
	female = 1
)

var sexCodes = [2]string{"male", "female"}

func sexIndex(sex string) int {
	if sex == "female" {
		return female
	}
	return male
}

// Person draws one party member born in birthYear who lives in the province
// with this 2-digit pre-2025 code ("01" Hà Nội … "96" Cà Mau).
func (g *Generator) Person(provinceCode string, birthYear int) Person {
	r := g.r
	pv := g.province(provinceCode)
	sx := male
	if r.Float64() < femaleShare(birthYear) {
		sx = female
	}
	ei := pv.eth.index(r)
	var p Person
	p.Surname, p.Middle, p.Given = g.name(sx, pv.profiles[ei], pv.region, birthYear)
	p.Sex = sexCodes[sx]
	p.BirthYear = birthYear
	p.BirthMonth = 1 + r.IntN(12)
	p.BirthDay = 1 + r.IntN(daysIn(birthYear, p.BirthMonth))
	p.Ethnicity = pv.ethCodes[ei]
	p.Religion = pv.religion[ei].pick(r)

	ab := ageBucket(birthYear)
	ee := eduEra(birthYear)
	occ := g.occupation[sx][ab].index(r)
	p.Occupation = occupationCodes[occ]
	q := g.qualification[occ][ee].index(r)
	if mq := maxQualification(ReferenceYear - birthYear); q > mq {
		q = mq
		if q == qElementary {
			q = qNone
		}
	}
	p.ProfessionalQualification = qualificationCodes[q]
	minority := 0
	if p.Ethnicity != "01" && p.Ethnicity != "04" {
		minority = 1
	}
	e := g.education[ee][minority].index(r)
	switch {
	case q >= qCollege:
		e = eduUpper
	case q == qIntermediate && e == eduPrimary:
		e = eduLower
	}
	p.Education = educationCodes[e]
	p.PoliticalTheory = theoryCodes[g.theory[occ][ab].index(r)]
	return p
}

// Name draws a name for a person of this sex ("male" or "female") born in
// birthYear in the province, drawing the ethnicity from the province's mix.
func (g *Generator) Name(sex string, provinceCode string, birthYear int) (surname, middle, given string) {
	pv := g.province(provinceCode)
	ei := pv.eth.index(g.r)
	return g.name(sexIndex(sex), pv.profiles[ei], pv.region, birthYear)
}

// EthnicName draws a name in the pattern of one ethnicity (a codes.Ethnicities
// code); the province only sets regional flavour. Unknown codes give Kinh names.
func (g *Generator) EthnicName(sex, ethnicity, provinceCode string, birthYear int) (surname, middle, given string) {
	pv := g.province(provinceCode)
	var pf *profile
	if n, ok := code2(ethnicity); ok {
		pf = g.profiles[n]
	}
	return g.name(sexIndex(sex), pf, pv.region, birthYear)
}

// Ethnicity draws an ethnicity code from the province's mix of party members.
func (g *Generator) Ethnicity(provinceCode string) string {
	pv := g.province(provinceCode)
	return pv.ethCodes[pv.eth.index(g.r)]
}

// name draws a name; pf nil means Kinh.
func (g *Generator) name(sx int, pf *profile, region int, birthYear int) (surname, middle, given string) {
	r := g.r
	era := nameEra(birthYear)
	if pf == nil {
		return g.kinhSurname[region].pick(r), g.kinhMiddle[region][sx][era].pick(r), g.kinhGiven[sx][era].pick(r)
	}
	v := &pf.variants[0]
	if len(pf.variants) > 1 {
		v = &pf.variants[pf.choose.index(r)]
	}
	if v.surname[sx] != nil {
		surname = v.surname[sx].pick(r)
	} else {
		surname = g.kinhSurname[region].pick(r)
	}
	if v.middle[sx][era] != nil {
		middle = v.middle[sx][era].pick(r)
	} else {
		middle = g.kinhMiddle[region][sx][era].pick(r)
	}
	if v.given[sx][era] != nil {
		given = v.given[sx][era].pick(r)
	} else {
		given = g.kinhGiven[sx][era].pick(r)
	}
	return surname, middle, given
}

// province returns the data of a province code, or the national mix.
func (g *Generator) province(code string) *province {
	if n, ok := code2(code); ok && g.provinces[n] != nil {
		return g.provinces[n]
	}
	return g.national
}

// code2 parses a 1- or 2-digit code without allocating.
func code2(s string) (int, bool) {
	switch len(s) {
	case 1:
		if s[0] >= '0' && s[0] <= '9' {
			return int(s[0] - '0'), true
		}
	case 2:
		if s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' {
			return int(s[0]-'0')*10 + int(s[1]-'0'), true
		}
	}
	return 0, false
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// femaleShare is the share of women among members born in a year: about a
// quarter among the oldest, reaching half among those born from 1990.
func femaleShare(year int) float64 {
	pts := [...][2]float64{{1930, 0.22}, {1950, 0.29}, {1960, 0.33}, {1970, 0.39}, {1980, 0.45}, {1990, 0.50}, {2000, 0.52}}
	y := float64(year)
	if y <= pts[0][0] {
		return pts[0][1]
	}
	for i := 1; i < len(pts); i++ {
		if y <= pts[i][0] {
			a, b := pts[i-1], pts[i]
			return a[1] + (b[1]-a[1])*(y-a[0])/(b[0]-a[0])
		}
	}
	return pts[len(pts)-1][1]
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// Name eras: middle and given names changed with the generations.
const (
	nEras = 3
)

func nameEra(year int) int {
	switch {
	case year < 1970:
		return 0
	case year < 1988:
		return 1
	}
	return 2
}
