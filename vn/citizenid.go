package vn

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// citizenProvinces lists the 63 province codes (pre-2025 provinces) that
// open a CCCD number.
var citizenProvinces = [...]string{
	"001", "002", "004", "006", "008", "010", "011", "012", "014", "015",
	"017", "019", "020", "022", "024", "025", "026", "027", "030", "031",
	"033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
	"046", "048", "049", "051", "052", "054", "056", "058", "060", "062",
	"064", "066", "067", "068", "070", "072", "074", "075", "077", "079",
	"080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
	"094", "095", "096",
}

// isCitizenProvince is indexed by the numeric province code.
var isCitizenProvince [100]bool

func init() {
	for _, p := range citizenProvinces {
		n, _ := strconv.Atoi(p)
		isCitizenProvince[n] = true
	}
}

// CitizenIDProvinces returns the valid CCCD province codes ("001" … "096").
func CitizenIDProvinces() []string {
	return append([]string(nil), citizenProvinces[:]...)
}

// errCitizenIDLength is returned when the CCCD is not exactly 12 digits.
var errCitizenIDLength = errors.New("số CCCD phải gồm đúng 12 chữ số")

// CheckCitizenID checks a 12-digit citizen ID (CCCD): province code of birth
// registration (digits 1–3), century and sex (digit 4: 0/1 1900s, 2/3 2000s,
// 4/5 2100s, 6/7 2200s, 8/9 1800s, even male, odd female) and the last two
// digits of the birth year (digits 5–6). sex is "male", "female" or "" and
// birthYear 0 skips the checks that need them.
func CheckCitizenID(id string, birthYear int, sex string) error {
	id = strings.TrimSpace(id)
	if len(id) != 12 {
		return errCitizenIDLength
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return errCitizenIDLength
		}
	}
	if p := int(id[1]-'0')*10 + int(id[2]-'0'); id[0] != '0' || !isCitizenProvince[p] {
		return fmt.Errorf("mã tỉnh %q trong số CCCD không tồn tại", id[:3])
	}
	female, hasSex, err := parseSex(sex)
	if err != nil {
		return err
	}
	if birthYear != 0 && (birthYear < 1800 || birthYear > 2299) {
		return fmt.Errorf("năm sinh %d nằm ngoài phạm vi mã hoá của số CCCD (1800–2299)", birthYear)
	}
	c := int(id[3] - '0')
	if (hasSex && (c%2 == 1) != female) || (birthYear != 0 && c/2 != centuryCode(birthYear)) {
		// Name everything the caller supplied, so the message is unambiguous.
		var want []string
		if hasSex {
			want = append(want, "giới tính "+sexWord(female))
		}
		if birthYear != 0 {
			want = append(want, fmt.Sprintf("năm sinh %d", birthYear))
		}
		return fmt.Errorf("chữ số thứ 4 của CCCD (giới tính, thế kỷ) không khớp với %s", strings.Join(want, ", "))
	}
	if birthYear != 0 {
		if yy := fmt.Sprintf("%02d", birthYear%100); id[4:6] != yy {
			return fmt.Errorf("chữ số 5–6 của CCCD (năm sinh) %q không khớp với năm sinh %d", id[4:6], birthYear)
		}
	}
	return nil
}

// MakeCitizenID builds a CCCD that passes CheckCitizenID, for the demo data
// generator: province code (e.g. "001"), century/sex digit, two-digit birth
// year and the last six digits of serial.
func MakeCitizenID(province string, birthYear int, sex string, serial int) string {
	if n, err := strconv.Atoi(province); err == nil && n >= 0 && n < 1000 {
		province = fmt.Sprintf("%03d", n)
	}
	female, _, _ := parseSex(sex)
	c := centuryCode(birthYear) * 2
	if female {
		c++
	}
	if serial < 0 {
		serial = -(serial + 1)
	}
	y := birthYear % 100
	if y < 0 {
		y = -y
	}
	return fmt.Sprintf("%s%d%02d%06d", province, c%10, y, serial%1000000)
}

// centuryCode returns digit-4 div 2 for a birth year: 1900s → 0, 2000s → 1,
// 2100s → 2, 2200s → 3, 1800s → 4.
func centuryCode(year int) int {
	switch {
	case year >= 1900 && year < 2000:
		return 0
	case year >= 2000 && year < 2100:
		return 1
	case year >= 2100 && year < 2200:
		return 2
	case year >= 2200 && year < 2300:
		return 3
	case year >= 1800 && year < 1900:
		return 4
	}
	return 0
}

// sexWord names the sex in Vietnamese.
func sexWord(female bool) string {
	if female {
		return "nữ"
	}
	return "nam"
}

// parseSex reads "male"/"female" (also "nam"/"nữ"); "" means unknown.
func parseSex(sex string) (female, known bool, err error) {
	switch strings.ToLower(NFC(strings.TrimSpace(sex))) {
	case "":
		return false, false, nil
	case "male", "nam":
		return false, true, nil
	case "female", "nữ", "nu":
		return true, true, nil
	}
	return false, false, fmt.Errorf("giới tính %q không hợp lệ (chỉ nhận male hoặc female)", sex)
}
