package people

import (
	"strconv"
	"strings"
)

// provinceSpec is the ethnic mix of party members in one pre-2025 province:
// "code:share" pairs; Kinh ("01") takes whatever share is left unless given.
type provinceSpec struct {
	code   string
	name   string
	region int
	eth    string
}

// provinceSpecs lists the 63 pre-2025 provinces with rough ethnic shares of
// their party members (close to the population census, minorities somewhat
// under-represented where they live far from administrative centres).
var provinceSpecs = []provinceSpec{
	{"01", "Hà Nội", regNorth, "06:.005 02:.003 07:.001 09:.001 04:.001"},
	{"02", "Hà Giang", regNorth, "01:.20 02:.30 08:.20 09:.12 07:.10 25:.03 38:.015 46:.007 43:.006 40:.005 49:.003 47:.002 51:.002"},
	{"04", "Cao Bằng", regNorth, "01:.12 02:.42 07:.30 08:.06 09:.08 15:.01 43:.005 04:.005"},
	{"06", "Bắc Kạn", regNorth, "01:.15 02:.55 07:.10 09:.13 08:.05 04:.005 15:.01"},
	{"08", "Tuyên Quang", regNorth, "02:.28 09:.10 15:.07 08:.02 07:.02 18:.02 46:.003"},
	{"10", "Lào Cai", regNorth, "08:.15 02:.14 09:.12 25:.04 07:.04 40:.02 35:.02 49:.005 38:.003 41:.002"},
	{"11", "Điện Biên", regNorth, "01:.25 03:.40 08:.25 29:.03 09:.01 35:.01 37:.01 33:.01 48:.003 50:.002 04:.005"},
	{"12", "Lai Châu", regNorth, "01:.20 03:.30 08:.25 09:.12 35:.04 25:.02 42:.015 41:.01 29:.01 45:.005 48:.003 50:.002"},
	{"14", "Sơn La", regNorth, "01:.20 03:.50 08:.12 06:.08 09:.02 29:.015 34:.01 33:.005 39:.005 37:.005"},
	{"15", "Yên Bái", regNorth, "02:.18 09:.09 08:.07 03:.05 06:.02 07:.01 25:.005 29:.005"},
	{"17", "Hòa Bình", regNorth, "01:.28 06:.60 03:.05 09:.03 02:.02 08:.01"},
	{"19", "Thái Nguyên", regNorth, "02:.11 07:.06 18:.02 15:.02 09:.02 08:.005 04:.005"},
	{"20", "Lạng Sơn", regNorth, "01:.18 07:.38 02:.37 09:.035 04:.005 15:.005 08:.002"},
	{"22", "Quảng Ninh", regNorth, "02:.03 09:.03 18:.015 15:.01 04:.005 07:.005 11:.002"},
	{"24", "Bắc Giang", regNorth, "07:.045 02:.03 15:.015 18:.015 04:.005 09:.005"},
	{"25", "Phú Thọ", regNorth, "06:.13 09:.01 02:.005 15:.002"},
	{"26", "Vĩnh Phúc", regNorth, "18:.025 02:.001 07:.001"},
	{"27", "Bắc Ninh", regNorth, "02:.002 07:.002 06:.001"},
	{"30", "Hải Dương", regNorth, "02:.001 06:.001"},
	{"31", "Hải Phòng", regNorth, "04:.001 02:.001 06:.001"},
	{"33", "Hưng Yên", regNorth, "06:.001 02:.001"},
	{"34", "Thái Bình", regNorth, "06:.001"},
	{"35", "Hà Nam", regNorth, "06:.002"},
	{"36", "Nam Định", regNorth, "06:.001"},
	{"37", "Ninh Bình", regNorth, "06:.02"},
	{"38", "Thanh Hóa", regNorthCentral, "06:.10 03:.06 08:.002 09:.001 29:.002 24:.001"},
	{"40", "Nghệ An", regNorthCentral, "03:.10 29:.015 08:.015 24:.01 53:.0005"},
	{"42", "Hà Tĩnh", regNorthCentral, "44:.0005 37:.0005"},
	{"44", "Quảng Bình", regNorthCentral, "23:.02 44:.003"},
	{"45", "Quảng Trị", regNorthCentral, "23:.08 31:.02"},
	{"46", "Thừa Thiên Huế", regCentral, "31:.02 26:.01 23:.005"},
	{"48", "Đà Nẵng", regCentral, "26:.002 04:.001"},
	{"49", "Quảng Nam", regCentral, "26:.04 14:.025 27:.02 30:.005"},
	{"51", "Quảng Ngãi", regCentral, "19:.09 30:.02 14:.02"},
	{"52", "Bình Định", regCentral, "13:.015 17:.005 19:.005"},
	{"54", "Phú Yên", regCentral, "12:.025 17:.015 13:.01"},
	{"56", "Khánh Hòa", regCentral, "21:.04 04:.005 12:.005"},
	{"58", "Ninh Thuận", regCentral, "17:.14 21:.09 04:.005 16:.005"},
	{"60", "Bình Thuận", regCentral, "17:.04 21:.02 04:.015 16:.005"},
	{"62", "Kon Tum", regHighlands, "01:.45 14:.25 13:.12 27:.08 10:.05 52:.002 54:.002 06:.015 02:.01 03:.01 07:.011"},
	{"64", "Gia Lai", regHighlands, "01:.58 10:.28 13:.11 02:.01 07:.01 06:.01"},
	{"66", "Đắk Lắk", regHighlands, "01:.70 12:.17 07:.03 02:.03 20:.03 10:.01 03:.01 06:.01 08:.005 09:.005"},
	{"67", "Đắk Nông", regHighlands, "01:.70 20:.10 07:.05 02:.05 08:.04 09:.03 12:.02 28:.01"},
	{"68", "Lâm Đồng", regHighlands, "16:.10 28:.03 36:.02 02:.02 07:.02 04:.01 20:.01"},
	{"70", "Bình Phước", regSouth, "22:.07 05:.02 07:.02 02:.015 20:.01 04:.005"},
	{"72", "Tây Ninh", regSouth, "05:.008 17:.004 04:.003"},
	{"74", "Bình Dương", regSouth, "04:.01 05:.003 07:.001 02:.001"},
	{"75", "Đồng Nai", regSouth, "04:.035 07:.01 02:.005 32:.006 28:.003"},
	{"77", "Bà Rịa – Vũng Tàu", regSouth, "04:.01 32:.008"},
	{"79", "Hồ Chí Minh", regSouth, "04:.045 05:.003 17:.002 07:.001 02:.001"},
	{"80", "Long An", regSouth, "05:.001 04:.001"},
	{"82", "Tiền Giang", regSouth, "04:.002"},
	{"83", "Bến Tre", regSouth, "04:.001"},
	{"84", "Trà Vinh", regSouth, "05:.29 04:.01"},
	{"86", "Vĩnh Long", regSouth, "05:.02 04:.005"},
	{"87", "Đồng Tháp", regSouth, "04:.001 05:.0005"},
	{"89", "An Giang", regSouth, "05:.045 17:.007 04:.008"},
	{"91", "Kiên Giang", regSouth, "05:.12 04:.02"},
	{"92", "Cần Thơ", regSouth, "05:.015 04:.01"},
	{"93", "Hậu Giang", regSouth, "05:.035 04:.005"},
	{"94", "Sóc Trăng", regSouth, "01:.62 05:.32 04:.06"},
	{"95", "Bạc Liêu", regSouth, "05:.08 04:.02"},
	{"96", "Cà Mau", regSouth, "05:.02 04:.01"},
}

// nationalSpec is the mix used for unknown province codes.
var nationalSpec = provinceSpec{"", "Toàn quốc", regNorth,
	"02:.016 03:.013 06:.011 07:.009 05:.008 04:.004 08:.004 09:.005 10:.002 12:.002 13:.001 14:.001 17:.001 19:.001 16:.001 18:.001 15:.001 55:.0001"}

// province is the built data of one province.
type province struct {
	region   int
	eth      *table
	ethCodes []string   // aligned with eth items
	profiles []*profile // naming pattern per ethnicity (nil: Kinh)
	religion []*table   // religion per ethnicity
}

func (g *Generator) buildProvinces() {
	for _, ps := range provinceSpecs {
		n, ok := code2(ps.code)
		if !ok || g.provinces[n] != nil {
			panic("people: bad or duplicate province code " + ps.code)
		}
		g.provinces[n] = g.buildProvince(ps)
	}
	g.national = g.buildProvince(nationalSpec)
}

func (g *Generator) buildProvince(ps provinceSpec) *province {
	var codes []string
	var w []float64
	sum, kinh := 0.0, -1
	for _, f := range strings.Fields(ps.eth) {
		c, s, ok := strings.Cut(f, ":")
		share, err := strconv.ParseFloat(s, 64)
		if _, cok := code2(c); !ok || err != nil || !cok || len(c) != 2 {
			panic("people: bad ethnic share " + f + " in " + ps.name)
		}
		if c == "01" {
			kinh = len(codes)
		}
		codes = append(codes, c)
		w = append(w, share)
		sum += share
	}
	if kinh < 0 {
		if sum > 1 {
			panic("people: ethnic shares above 1 in " + ps.name)
		}
		codes = append([]string{"01"}, codes...)
		w = append([]float64{1 - sum}, w...)
	}
	pv := &province{region: ps.region, eth: codeTable(codes, w), ethCodes: codes}
	for _, c := range pv.ethCodes {
		n, _ := code2(c)
		pv.profiles = append(pv.profiles, g.profiles[n])
		pv.religion = append(pv.religion, codeTable(religionCodes, religionWeights(ps.code, ps.region, c)))
	}
	return pv
}

// religionCodes are the codes of codes.Religions in order.
var religionCodes = []string{"00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "99"}

const (
	relNone = iota
	relBuddhism
	relCatholic
	relProtestant
	relCaoDai
	relHoaHao
	relIslam
	relBahai
	relTinhDo
	relAdventist
	relTuAn
	relMinhSu
	relMinhLy
	relBrahman
	relMormon
	relTaLon
	relBuuSon
	relOther
	nReligions
)

// religionWeights gives the religion mix (percent) of party members of one
// ethnicity in one province: mostly none; Buddhism more in the centre and
// south; Catholics in Nam Định, Ninh Bình, Đồng Nai…; Cao Đài in Tây Ninh,
// Hòa Hảo in An Giang and Đồng Tháp; Theravada Buddhism among the Khơ-me;
// Islam and Bà-la-môn among the Chăm; Protestants among some highland groups.
func religionWeights(prov string, region int, eth string) []float64 {
	w := make([]float64, nReligions)
	switch eth {
	case "05": // Khơ-me
		w[relBuddhism], w[relOther], w[relNone] = 80, 0.5, 19.5
		return w
	case "17": // Chăm
		if prov == "89" || prov == "72" || prov == "79" {
			w[relIslam], w[relNone] = 70, 30
		} else {
			w[relBrahman], w[relIslam], w[relNone] = 30, 25, 45
		}
		return w
	case "04": // Hoa
		w[relBuddhism], w[relCatholic], w[relProtestant], w[relNone] = 20, 3, 0.5, 76.5
		return w
	case "08": // HMông
		w[relProtestant], w[relCatholic], w[relNone] = 4, 1, 95
		return w
	case "09":
		w[relProtestant], w[relNone] = 1, 99
		return w
	case "10", "12", "13", "14", "16", "20", "22", "27", "28", "32", "36", "52", "54":
		w[relProtestant], w[relCatholic] = 8, 7
		if prov == "62" {
			w[relCatholic] = 15
		}
		w[relNone] = 100 - w[relProtestant] - w[relCatholic]
		return w
	case "02", "03", "06", "07", "15", "18", "25":
		w[relBuddhism], w[relCatholic], w[relProtestant], w[relNone] = 1, 0.3, 0.2, 98.5
		return w
	}
	if eth != "01" && eth != "55" {
		w[relBuddhism], w[relCatholic], w[relProtestant], w[relNone] = 1, 1, 1, 97
		return w
	}
	// Kinh (and the naturalised).
	switch region {
	case regNorth:
		w[relBuddhism] = 4
	case regNorthCentral:
		w[relBuddhism] = 3.5
	case regHighlands:
		w[relBuddhism] = 5
	default:
		w[relBuddhism] = 7
	}
	w[relCatholic] = 1.5
	w[relProtestant] = 0.2
	w[relIslam] = 0.01
	w[relAdventist] = 0.01
	w[relMormon] = 0.003
	w[relOther] = 0.1
	w[relCaoDai] = 0.02
	if region == regSouth || region == regCentral {
		w[relCaoDai] = 0.3
		w[relTinhDo] = 0.1
		w[relBahai] = 0.02
		w[relMinhSu] = 0.02
		w[relMinhLy] = 0.02
	}
	if region == regSouth {
		w[relHoaHao] = 0.2
	}
	catholic := map[string]float64{"36": 7, "37": 6, "34": 3, "35": 3, "38": 2, "40": 3, "42": 3, "44": 2.5,
		"75": 8, "79": 4, "77": 5, "66": 3, "68": 5, "64": 3, "62": 6, "31": 2}
	if c, ok := catholic[prov]; ok {
		w[relCatholic] = c
	}
	switch prov {
	case "72":
		w[relCaoDai] = 5
	case "82", "80", "86":
		w[relCaoDai] = 1
	case "83":
		w[relCaoDai] = 1.5
	case "89":
		w[relHoaHao], w[relTuAn], w[relTaLon], w[relBuuSon] = 4, 0.1, 0.05, 0.08
	case "87":
		w[relHoaHao], w[relBuuSon] = 2.5, 0.08
	case "92":
		w[relHoaHao] = 1.5
	case "93":
		w[relHoaHao] = 0.8
	case "91":
		w[relHoaHao], w[relTuAn], w[relTaLon] = 1, 0.1, 0.05
	case "79":
		w[relBuddhism] = 8
		w[relMinhSu], w[relMinhLy], w[relBahai] = 0.05, 0.05, 0.03
	}
	sum := 0.0
	for _, x := range w[1:] {
		sum += x
	}
	w[relNone] = 100 - sum
	return w
}
