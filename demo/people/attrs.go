package people

// Codes of package tochuc/codes, in the order of the weight tables below.
var (
	educationCodes     = []string{"primary", "lower_secondary", "upper_secondary"}
	qualificationCodes = []string{"none", "elementary", "intermediate", "college", "bachelor", "master", "doctor"}
	theoryCodes        = []string{"none", "elementary", "intermediate", "advanced", "bachelor"}
	occupationCodes    = []string{"cadre", "civil_servant", "public_employee", "worker", "farmer", "military",
		"police", "student", "private_business_owner", "retired", "freelance", "other"}
)

const (
	eduPrimary = iota
	eduLower
	eduUpper
)

const (
	qNone = iota
	qElementary
	qIntermediate
	qCollege
	qBachelor
	qMaster
	qDoctor
)

const nOccupations = 12

// Education eras: born before 1945, 1945–1959, 1960–1974, 1975–1989, from 1990.
const nEduEras = 5

func eduEra(year int) int {
	switch {
	case year < 1945:
		return 0
	case year < 1960:
		return 1
	case year < 1975:
		return 2
	case year < 1990:
		return 3
	}
	return 4
}

// Age buckets at ReferenceYear: under 23, 23–29, 30–44, 45–61, 62 and over.
const nAgeBuckets = 5

func ageBucket(year int) int {
	switch age := ReferenceYear - year; {
	case age < 23:
		return 0
	case age < 30:
		return 1
	case age < 45:
		return 2
	case age < 62:
		return 3
	}
	return 4
}

// maxQualification is the highest qualification a person of this age can
// plausibly hold: no degree before 22, no master's before 24, no doctorate before 27.
func maxQualification(age int) int {
	switch {
	case age < 20:
		return qElementary
	case age < 22:
		return qCollege
	case age < 24:
		return qBachelor
	case age < 27:
		return qMaster
	}
	return qDoctor
}

// educationWeights [era][kinh, minority]: primary, lower, upper secondary.
var educationWeights = [nEduEras][2][]float64{
	{{20, 45, 35}, {40, 45, 15}},
	{{8, 35, 57}, {20, 45, 35}},
	{{2, 18, 80}, {8, 35, 57}},
	{{0.5, 6, 93.5}, {3, 17, 80}},
	{{0.1, 2, 97.9}, {0.5, 7, 92.5}},
}

// occupationWeights [age bucket] for men, in occupationCodes order.
var occupationWeights = [nAgeBuckets][]float64{
	{1, 1, 3, 10, 4, 22, 6, 42, 0.2, 0, 5, 6},
	{6, 10, 14, 15, 8, 16, 10, 3, 1, 0, 6, 5},
	{8, 14, 18, 11, 12, 9, 8, 0.2, 4, 0.3, 7, 8},
	{11, 13, 16, 6, 20, 5, 5, 0, 4, 5, 6, 9},
	{1.5, 0.5, 0.5, 0.5, 12, 0.5, 0.3, 0, 2, 75, 3, 4},
}

// femaleOccupation multiplies the men's weights for women: few soldiers and
// police, more teachers and nurses (viên chức).
var femaleOccupation = []float64{0.8, 1, 1.5, 1.1, 1, 0.12, 0.3, 1.1, 0.7, 1, 1, 1}

// qualificationBase [occupation]: none … doctor, for members born 1960–1974.
var qualificationBase = [nOccupations][]float64{
	{1, 1, 6, 3, 65, 22, 2},      // cadre
	{0.5, 0.5, 5, 4, 70, 19, 1},  // civil_servant
	{0.5, 0.5, 8, 10, 60, 17, 4}, // public_employee
	{30, 25, 25, 10, 10, 0.5, 0}, // worker
	{70, 15, 9, 2, 4, 0.1, 0},    // farmer
	{2, 5, 20, 10, 55, 7, 1},     // military
	{1, 3, 25, 8, 55, 7, 1},      // police
	{75, 10, 5, 5, 5, 0.5, 0},    // student
	{20, 8, 14, 10, 40, 7, 1},    // private_business_owner
	{25, 8, 20, 7, 32, 6, 2},     // retired
	{55, 15, 12, 6, 12, 0.5, 0},  // freelance
	{40, 12, 15, 8, 22, 3, 0.3},  // other
}

// qualificationEra multiplies qualificationBase by education era.
var qualificationEra = [nEduEras][]float64{
	{2.0, 1.5, 1.2, 0.6, 0.5, 0.15, 0.3},
	{1.3, 1.2, 1.2, 0.8, 0.85, 0.5, 0.8},
	{1, 1, 1, 1, 1, 1, 1},
	{0.8, 0.8, 0.8, 1, 1.05, 1.3, 0.9},
	{0.7, 0.7, 0.6, 1.0, 1.2, 0.8, 0.2},
}

// theoryBase [occupation]: none, elementary, intermediate, advanced, bachelor.
var theoryBase = [nOccupations][]float64{
	{2, 30, 45, 20, 3},     // cadre
	{12, 50, 30, 6, 2},     // civil_servant
	{22, 60, 15, 2.5, 0.5}, // public_employee
	{60, 37, 3, 0, 0},      // worker
	{55, 40, 5, 0.2, 0},    // farmer
	{10, 45, 35, 8, 2},     // military
	{10, 45, 35, 8, 2},     // police
	{90, 10, 0, 0, 0},      // student
	{60, 35, 4.5, 0.5, 0},  // private_business_owner
	{30, 38, 22, 8, 2},     // retired
	{65, 32, 3, 0, 0},      // freelance
	{50, 40, 8, 1.5, 0.5},  // other
}

// theoryAge multiplies theoryBase by age bucket: the young have had less time.
var theoryAge = [nAgeBuckets][]float64{
	{1.5, 0.7, 0.05, 0, 0},
	{1.3, 1, 0.3, 0.05, 0.3},
	{1, 1, 0.9, 0.6, 1},
	{0.8, 1, 1.2, 1.4, 1},
	{1, 1, 1, 1, 1},
}

func (g *Generator) buildAttributes() {
	for era := 0; era < nEduEras; era++ {
		for m := 0; m < 2; m++ {
			g.education[era][m] = codeTable(educationCodes, educationWeights[era][m])
		}
	}
	for sx := 0; sx < 2; sx++ {
		for ab := 0; ab < nAgeBuckets; ab++ {
			w := append([]float64(nil), occupationWeights[ab]...)
			if sx == female {
				for i := range w {
					w[i] *= femaleOccupation[i]
				}
			}
			g.occupation[sx][ab] = codeTable(occupationCodes, w)
		}
	}
	for occ := 0; occ < nOccupations; occ++ {
		for era := 0; era < nEduEras; era++ {
			g.qualification[occ][era] = codeTable(qualificationCodes, product(qualificationBase[occ], qualificationEra[era]))
		}
		for ab := 0; ab < nAgeBuckets; ab++ {
			g.theory[occ][ab] = codeTable(theoryCodes, product(theoryBase[occ], theoryAge[ab]))
		}
	}
}

func product(a, b []float64) []float64 {
	if len(a) != len(b) {
		panic("people: weight vectors of different lengths")
	}
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] * b[i]
	}
	return out
}
