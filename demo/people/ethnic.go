package people

import "strconv"

// variantSpec describes one naming pattern of an ethnic group. Weighted lists
// use the ws syntax; an empty list means "as the Kinh do" (Kinh surnames of the
// region, Kinh middle or given names of the era). Own middle and given names
// are mixed with Kinh ones: midOwn and givOwn are the shares of own names for
// the old, between and young eras (younger people more often carry Kinh names).
type variantSpec struct {
	w       float64
	surname [2]string // male, female ("" female: same as male)
	middle  [2]string
	midOwn  [nEras]float64
	given   [2]string
	givOwn  [nEras]float64
	clans   string // appended to the given name ("Biêr" + " Niê")
}

type profileSpec struct {
	code     string
	variants []variantSpec
}

type variant struct {
	surname [2]*table
	middle  [2][nEras]*table
	given   [2][nEras]*table
}

// profile is the built naming pattern of one ethnic group.
type profile struct {
	choose   *table // over variants
	variants []variant
}

var (
	all    = [nEras]float64{1, 1, 1}
	vanThi = [2]string{"Văn", "Thị"}
	noMid  = [2]string{":1", ":1"}
)

// Shared name stocks.
const (
	thaiMale   = `Pánh|Xiêng|Ún|Inh|Chung|Khăm|Bun|Xôm|Phanh|Thoan|Ngoan|Pọm|Ọi|Ích|Hặc|Lả|Phỏng|Thiêm|Sẻng|Hom|Ỏn|Chiến|Ban|Phiêng|Khoa|Quý|Xuân|Tiên|Lự|Văn`
	thaiFemale = `Ọi|Biên|Ơn|Xuân|Thoan|Bun|Lả|Pặn|Ỏn|Phanh|Xiêng|Ín|Chăm|Thơm|Pọm|Ênh|Dính|Phương|Ánh|Hom|Ngoan|Chiêng|Inh|Kiên|Mai|Kim|Văn|Ương`
	thaiMid    = `Văn:85|Đức:2|Xuân:2|Minh:2|Ngọc:1|Thanh:2|Hồng:1`
	thaiMidF   = `Thị:92|Ngọc:2|Thanh:2|Hồng:1|Thu:1`

	tbMale   = `Phừ|Dế|Chừ|Mé|Sơ|Lừ|Xá|Giàng|Sừ|Chà|Hừ|Pư|Chơ|Khừ|Lò|Xe|Phù|Chu`
	tbFemale = `Mé|Phì|Sú|Dế|Xá|Lù|Mò|Chừ|Sá|Pà|Mỳ|Phù|Mơ|Chà|Cà`
	tbMid    = `Xá:3|A:3|Văn:4|Lỳ:1`
	tbMidF   = `Mỳ:3|Thị:6|Lỳ:1`

	kontumMale   = `Ró|Pớt|Thuân|Kiên|Gương|Kông|Chăng|Khoa|Huynh|Lâm|Dang|Rơi|Tưng|Hiêu|Vi|Mut|Blúp|Thiên|Hiệu|Kúi|Pái|Sêu|Blôm|Hơn|Nhưng|Đing|Ngơl|Blin|Hyưn|Pen|Đôn|Nuih|Kưn|Dơr|Nhen|Gió`
	kontumFemale = `Ngọc|Mai|Nhàn|Thơ|Bé|Hơn|Khiên|Lúi|Nga|Phương|Hoa|Lam|Liên|Nhung|Thắm|Kêm|Hiêng|Rúp|Dên|Mơ|Blưm|Gyiêu|Thư|Hlin|Ngân|Bích|Sương|Hnhiu|Glao|Bôn|Hương`

	dieuMale   = `Ré|Lộc|Xiêng|Nhá|Klong|Sanh|Len|Hiếu|Tràng|Mết|Đen|Bình|Khiêm|Hớn|Bê|Lai|Thoan|Ne|Đình|Lanh|K'Ré`
	dieuFemale = `Hương|Mai|Mây|Bích|Ngọc|Xuyên|Rưng|Ngàn|Thuận|Phương|Sa|Lây|Thoa|Thiệp|Huệ|Nga|Bông|Rách`
)

// ethnicProfiles are the naming patterns of every ethnic group but Kinh.
var ethnicProfiles = []profileSpec{
	{"02", []variantSpec{{w: 1, // Tày
		surname: [2]string{`Hoàng:14|Nông:12|Nguyễn:9|Lý:6|Hà:6|Triệu:5|Ma:5|Lục:4|Lương:5|Đinh:3|Bế:4|Lâm:3|Hứa:3|Vi:3|Đàm:3|Lộc:2|Mông:2|Sầm:1|La:2|Quan:2|Chu:2|Trần:3|Phùng:2|Đặng:2|Dương:2|Lăng:1|Âu:1|Ninh:1|Hầu:1`}}}},
	{"03", []variantSpec{{w: 1, // Thái
		surname: [2]string{`Lò:14|Lường:8|Cầm:8|Quàng:6|Tòng:5|Vì:5|Hà:8|Lê:2|Điêu:3|Sầm:2|Lừ:2|Lữ:3|Lô:3|Bạc:3|Lang:3|Vi:4|Lương:4|Hoàng:3|Nguyễn:2|Cà:4|Mạc:2|Kha:1|Mè:1|Lục:1`},
		middle:  [2]string{thaiMid, thaiMidF}, midOwn: [nEras]float64{0.95, 0.85, 0.65},
		given: [2]string{thaiMale, thaiFemale}, givOwn: [nEras]float64{0.5, 0.35, 0.2}}}},
	{"04", []variantSpec{{w: 1, // Hoa
		surname: [2]string{`Lâm:8|Lý:8|Trương:7|Trần:8|Hứa:4|Quách:4|Tăng:4|Mã:3|Lưu:4|Diệp:3|La:3|Huỳnh:5|Hoàng:3|Lương:3|Thái:2|Vương:3|Châu:3|Dương:3|Tạ:2|Ngô:3|Phùng:2|Nguyễn:4|Giang:1|Tô:2|Từ:2|Quan:2|Hồng:1|Ông:1|Âu:2|Khổng:1`},
		middle:  [2]string{`Văn:4|Chí:2|Gia:2|Quốc:2|Vĩnh:2|Kiến:1|Tú:1|Hán:1|Diệu:1`, `Thị:3|Mỹ:3|Huệ:1|Ngọc:2|Tuyết:1|Lệ:2|Bội:1|Mẫn:1`},
		midOwn:  [nEras]float64{0.4, 0.35, 0.3}}}},
	{"05", []variantSpec{{w: 1, // Khơ-me
		surname: [2]string{`Thạch:20|Sơn:15|Kim:10|Lâm:8|Danh:12|Châu:8|Chau:6|Lý:5|Trần:3|Huỳnh:2|Dương:3|Triệu:3|Kiên:2|Tăng:1|Hứa:1|Trà:2|Lưu:1`,
			`Thạch:20|Sơn:15|Kim:10|Lâm:8|Danh:12|Châu:8|Néang:6|Lý:5|Trần:3|Huỳnh:2|Dương:3|Triệu:3|Kiên:2|Tăng:1|Hứa:1|Trà:2|Lưu:1`},
		middle: [2]string{`:70|Văn:10|Minh:4|Ngọc:3|Hoàng:2|Quốc:2|Chanh:2|Sóc:2`, `:45|Thị:45|Ngọc:3|Mỹ:3|Sô:2|Sà:2`},
		midOwn: [nEras]float64{0.95, 0.85, 0.7},
		given: [2]string{`Sóc:4|Sang:4|Phol:3|Sa Rinh:3|Sa Rương:2|Sô Phal:2|Chanh Đa:2|Sa Ri:2|Sóc Kha:2|Chanh:3|Rươne:1|Sa Vanh:2|Mây:2|Ra:2|Pho:2|Thươl:2|Sóc Hên:1|Sa Mách:1|Kol:1|Khim:2|Rinh:2|Đa Ra:2|Vi Sal:1|Sa Ruôl:1|Thoại:1|Sanh:2|Dên:2|Na:1`,
			`Sa Rây:4|Sa Rum:3|Sóc Kha:2|Sô Phia:3|Chanh Thi:2|Ri Ta:2|Sa Ly:3|Thươl:2|Xà Rây:2|Sa Mây:2|Thi:3|Phước:1|Lai:2|Sa Ron:2|Sa Rát:1|Sóc Thi:1|Sô Pha:2|Mum:2|Dươne:1|Sà Vương:1|Sà Quen:2|Chanh Ny:2|Ni:2|Mây:1|Phi:1`},
		givOwn: [nEras]float64{0.8, 0.65, 0.45}}}},
	{"06", []variantSpec{{w: 1, // Mường
		surname: [2]string{`Bùi:30|Đinh:20|Quách:8|Hà:8|Xa:4|Bạch:3|Nguyễn:6|Trương:2|Cao:3|Phạm:3|Lê:2|Hoàng:2|Đặng:2|Kha:1`}}}},
	{"07", []variantSpec{{w: 1, // Nùng
		surname: [2]string{`Hoàng:14|Nông:10|Lương:6|Lý:6|Vi:5|Triệu:5|Lục:4|Hứa:3|Lăng:3|Chu:3|Mã:3|Nguyễn:5|Hà:2|Ma:2|La:2|Đàm:2|Lộc:2|Vy:2|Bế:2|Sầm:1|Lâm:3|Phùng:1|Đinh:1`}}}},
	{"08", []variantSpec{{w: 1, // HMông
		surname: [2]string{`Giàng:14|Sùng:12|Vàng:14|Lò:5|Thào:12|Mùa:8|Hầu:6|Lầu:5|Ly:6|Tráng:4|Vừ:5|Sình:3|Hạng:3|Chảo:2|Mua:3|Cứ:3|Sần:1|Chá:2|Lý:5|Tẩn:1|Hờ:2|Má:1`},
		middle:  [2]string{`A:50|Văn:20|Seo:10|Mí:6|Chứ:4|Sào:3|Nhìa:2|Súa:2`, `Thị:95|Mí:5`},
		midOwn:  [nEras]float64{0.97, 0.93, 0.85},
		given: [2]string{`Chứ|Pao|Sính|Dính|Tủa|Lử|Pó|Sử|Chơ|Dế|Súa|Páo|Nhìa|Phử|Chá|Vảng|Lềnh|Sểnh|Lồng|Tếnh|Khua|Chư|Cở|Ká|Tú|Chớ|Giống|Lủ|Dình|Vư|Xà|Mua|Dũng|Sùng|Lả|Nủ|Sò|Cháng|Lù|Say`,
			`Mỷ|Súa|Pà|Dợ|Mai|Sua|Chở|Dở|Mỉ|Ly|Say|Xúa|Dung|Vư|Mạo|Sí|Chu|Pàng|Sinh|Ca|Dua|Lan|Hoa|Ná|Và|Xí|Chía|May|Dế|Dín|Cở|Lử|Mảy|Nhìa|Ku|Dính`},
		givOwn: [nEras]float64{0.9, 0.8, 0.6}}}},
	{"09", []variantSpec{{w: 1, // Dao
		surname: [2]string{`Triệu:22|Bàn:18|Đặng:15|Lý:10|Phùng:6|Chảo:5|Tẩn:5|Lò:2|Chìu:2|Hoàng:3|Dương:2|Phàn:3|Sần:1`},
		middle:  [2]string{`Văn:40|Tài:10|Láo:6|Kim:6|Phúc:4|Quý:3|Tiến:3|Sành:2|Mý:2`, `Thị:65|Mùi:12|Tả:6|Sử:3|Xuân:2`},
		midOwn:  [nEras]float64{0.95, 0.9, 0.75},
		given: [2]string{`Vần|Quẩy|Chòi|Sinh|Phin|Kiềm|Tả|San|Dùn|Lìn|Chiêu|Sáng|Kiên|Thìn|Sài|Thắng|Hin|Phấu|Chăn|Phú|Quý|Tài|Chài|Lở|Lai|Quyên`,
			`Chẳn|Mẩy|Nái|Chòi|Phây|Mai|Thu|Dung|Hin|Kiềm|Lìn|Phương|Liên|Chiêu|Hạnh|Sinh|Xuân|Mùi|Pham|Hoa|Chài|Lai|Sếnh|Tá`},
		givOwn: [nEras]float64{0.6, 0.5, 0.35}}}},
	{"10", []variantSpec{{w: 1, // Gia-rai: clan first, then the personal name
		surname: [2]string{`Ksor:15|Rơ Châm:12|Siu:14|Rah Lan:10|Kpă:10|Nay:8|Puih:8|Rơ Mah:8|Rơ Ô:5|Hiao:2|Rơ Lan:4|Rơ Lăk:2|Kpuih:2|Rơ Com:2`},
		middle:  noMid, midOwn: all,
		given: [2]string{`Blơ|Hyoh|Dơk|Jú|Nguăn|Thuk|Lak|Hrin|Blik|Đoan|Phai|Tuyên|Hyin|Ngơm|Pơi|Kuyên|Yơn|Nhiu|Bơi|Thăng|Hơn|Khiên|Rin|Brưh|Luy|Tơl|Glen|Phước|Nham`,
			`H'Ly|H'Nhăm|H'Lâm|Hnung|H'Bing|Djuyên|H'Ngơ|Phơn|H'Mai|H'Bla|H'Ngơi|Hbia|H'Lim|Nhung|H'Lan|H'Wil|Hyang|H'Nguyên|Hương|Thu|H'Nga`},
		givOwn: [nEras]float64{0.9, 0.75, 0.6}}}},
	{"11", []variantSpec{{w: 1, // Ngái
		surname: [2]string{`Phùng:3|Lưu:3|Tạ:2|Dương:2|Trần:2|Lý:2|Đặng:1|Hoàng:1|Vòng:2|Chíu:1`}}}},
	{"12", []variantSpec{{w: 1, // Ê-đê: Y/H' + personal name + clan
		surname: [2]string{`Y`, `H'`},
		middle:  noMid, midOwn: all,
		given: [2]string{`Biêr|Ngông|Khô|Jut|Thông|Bhin|Dhăm|Blô|Kông|Mơ|Tlua|Wang|Yơn|Siêm|Lang|Bih|Kuăl|Djao|Hlim|Hăm|Dăk|Jăk|Nguôn|Ky|Sơn|Thuột|Tim|Ju|Kô|Phun|Bắp|Ni|Hra|Dlai`,
			`Hen|Yim|Bia|Lan|Ngơn|Zi|Bhăp|Năm|Wiên|Yơn|Djuê|Lui|Ngoan|Din|Mai|Ruôn|Nhi|Xíu|Ble|Bliu|Trang|Nga|Wen|Mlê|Khuê|Juôn|Dhuôn|Ju|Ha`},
		givOwn: [nEras]float64{0.9, 0.75, 0.6},
		clans:  `Niê:20|Êban:12|Mlô:10|Ktla:6|Byă:6|Adrơng:5|Buôn Yă:5|Hwing:4|Kbuôr:4|Ayŭn:4|Ênuôl:4|Knul:5|Hmok:3|Kpă:4|Ksơr:4|Mjâo:2|Niê Kdăm:4|Buôn Krông:3|Êya:2|Duôn Du:2`}}},
	{"13", []variantSpec{ // Ba-na: A/Y prefix (Kon Tum) or Đinh Văn/Thị (Gia Lai, Bình Định)
		{w: 0.6, surname: [2]string{`A`, `Y`}, middle: noMid, midOwn: all,
			given: [2]string{kontumMale, kontumFemale}, givOwn: [nEras]float64{0.85, 0.7, 0.55}},
		{w: 0.4, surname: [2]string{`Đinh:70|Phạm:10|Nguyễn:5|Hà:3`}, middle: vanThi, midOwn: all,
			given: [2]string{kontumMale, kontumFemale}, givOwn: [nEras]float64{0.6, 0.5, 0.4}}}},
	{"14", []variantSpec{ // Xơ-đăng
		{w: 0.8, surname: [2]string{`A`, `Y`}, middle: noMid, midOwn: all,
			given: [2]string{kontumMale, kontumFemale}, givOwn: [nEras]float64{0.85, 0.7, 0.55}},
		{w: 0.2, surname: [2]string{`Hồ:60|Đinh:20|Nguyễn:5`}, middle: vanThi, midOwn: all}}},
	{"15", []variantSpec{{w: 1, // Sán Chay
		surname: [2]string{`Hoàng:12|Lý:8|Trần:6|Lưu:5|La:4|Ninh:3|Đàm:3|Tống:2|Trương:3|Dương:3|Lâm:3|Hà:2|Âu:2|Nịnh:2|Diệp:2|Vi:1|Nguyễn:4|Chu:2`}}}},
	{"16", []variantSpec{ // Cơ-ho
		{w: 0.6, surname: [2]string{`K'`, `Ka`}, middle: noMid, midOwn: all,
			given: [2]string{`Brơi|Bình|Sớ|Bứp|Đinh|Điệp|Krăng|Mblê|Sang|Tiếu|Brừm|Kòng|Tịnh|Sá|Dụ|Bốp|Tih|Hoan|Lăng|Jăn`,
				`Hoa|Ly|Sen|Đoan|Dưr|Hương|Nhi|Srê|Hông|Thúy|Then|Giang|Mai|Jăng|Brừm|Bông|Lan|Nhuy|Tẻ|Mỹ`},
			givOwn: [nEras]float64{0.8, 0.6, 0.45}},
		{w: 0.4, surname: [2]string{`Liêng Hót:4|Kră Jăn:4|Cil:3|Bon Niêng:3|Păng Ting:3|Ro Ông:2|Đa Cát:2|Lơ Mu:2|Kơ Să:2|Sơ Ngo:2|Bon Jơ Rưng:1`},
			middle: noMid, midOwn: all,
			given: [2]string{`K'Brơi|K'Bình|K'Sớ|K'Bứp|K'Điệp|K'Sang|K'Tiếu|Ha Jam|Ha Sến|K'Hoan`,
				`Ka Hoa|Ka Ly|Ka Sen|Ka Đoan|Ka Hương|Ka Nhi|Ka Thúy|Ka Giang|Ka Mai|Ka Lan`},
			givOwn: [nEras]float64{0.8, 0.6, 0.45}}}},
	{"17", []variantSpec{{w: 1, // Chăm
		surname: [2]string{`Đàng:14|Quảng:10|Thuận:8|Lưu:6|Bá:5|Châu:5|Hán:5|Lộ:3|Thành:4|Trượng:3|Phú:3|Nguyễn:5|Thông:3|Tài:2|Đổng:2|Lâm:2|Lư:1|Ka:1|Đạo:1|Hải:1`}}}},
	{"18", []variantSpec{{w: 1, // Sán Dìu
		surname: [2]string{`Lý:8|Trần:8|Hoàng:5|Lưu:6|Tạ:4|Diệp:5|La:3|Trương:4|Đỗ:2|Ninh:3|Đặng:2|Nguyễn:3|Lương:2|Vương:2|Tiêu:1|Dương:3|Hà:1`}}}},
	{"19", []variantSpec{{w: 1, // Hrê
		surname: [2]string{`Đinh:50|Phạm:15|Nguyễn:5|Trương:3|Huỳnh:3|Võ:2|Đoàn:2`},
		middle:  vanThi, midOwn: [nEras]float64{0.95, 0.8, 0.6},
		given: [2]string{`Pêm|Dền|Rứa|Vố|Mít|Ngăn|Rông|Hra|Bin|Bứa|Dinh|Ru|Chân|Pó|Lai|Xiêm`,
			`Mía|Ơn|Bé|Nhép|Lai|Dừa|Tô|Lây|Hiu|Nhịp|Hoa|Mai|Mừng`},
		givOwn: [nEras]float64{0.5, 0.35, 0.2}}}},
	{"20", []variantSpec{ // Mnông
		{w: 0.5, surname: [2]string{`Y`, `H'`}, middle: noMid, midOwn: all,
			given: [2]string{`Tiến|Quang|Kren|Blô|Ho|Bluôn|Thơ|Lul|Kriêng|Tlê|Jen|Dơng|Điêng|Brơi|Than`,
				`Bin|Liên|Krang|Nhi|Hoa|Plin|Ble|Jâm|Dung|Nga|Thi|Mai|Nguyên|Loan`},
			givOwn: [nEras]float64{0.85, 0.7, 0.55},
			clans:  `Bdap:6|Liêng:3|Ndu:3|Nơng:3|Siu:2|Brông:2|Kpơr:2|Pang:2|Sra:2|Bon:2|Mlô:1`},
		{w: 0.5, surname: [2]string{`Điểu`, `Thị`}, middle: noMid, midOwn: all,
			given: [2]string{dieuMale, dieuFemale}, givOwn: [nEras]float64{0.6, 0.5, 0.4}}}},
	{"21", []variantSpec{{w: 1, // Ra-glai
		surname: [2]string{`Chamaléa:20|Pi Năng:15|Katơr:12|Mấu:10|Bo Bo:6|Cao:6|Mang:5|Pinăng:3|Đặng:2|Ma:2|Sô:2|Tro:1`},
		middle:  [2]string{`Văn:5|:5`, `Thị:7|:3`}, midOwn: all}}},
	{"22", []variantSpec{{w: 1, // Xtiêng
		surname: [2]string{`Điểu`, `Thị`}, middle: noMid, midOwn: all,
		given: [2]string{dieuMale, dieuFemale}, givOwn: [nEras]float64{0.6, 0.5, 0.4}}}},
	{"23", []variantSpec{{w: 1, // Bru-Vân Kiều
		surname: [2]string{`Hồ:60|Lê:8|Nguyễn:5|Hoàng:4|Trần:3`},
		middle:  vanThi, midOwn: [nEras]float64{0.95, 0.9, 0.75},
		given: [2]string{`Pả|Cu|Ăm|Kăn|Xăm|Ly|Xiêng|Chăn|Trọng|Boong|Kiêm|Lục|Quang`,
			`Thoa|Xiêng|Ly|Châu|Hoa|Pin|Nương|Bi|Mai|Thêm|Hằng|Ánh`},
		givOwn: [nEras]float64{0.4, 0.3, 0.2}}}},
	{"24", []variantSpec{{w: 1, // Thổ
		surname: [2]string{`Lê:15|Nguyễn:8|Trương:5|Vi:4|Hà:4|Lò:2|Phạm:4|Hồ:3|Đinh:2|Quang:2|Cao:2|Trần:2|Ngân:1`}}}},
	{"25", []variantSpec{{w: 1, // Giáy
		surname: [2]string{`Hoàng:10|Lò:8|Vương:6|Sầm:3|Lù:4|Lồ:2|Lục:2|Nông:2|Lương:2|Giàng:1|Vàng:2|Hà:2|Lý:2`}}}},
	{"26", []variantSpec{{w: 1, // Cơ-tu
		surname: [2]string{`Bríu:10|Alăng:10|Bhling:8|Zơ Râm:8|Arất:6|Pơloong:6|Clâu:5|Hốih:4|Ating:4|Coor:4|Nguyễn:3|Đinh:3|Hồ:3|Ríah:2|Tơ Ngôl:2`},
		middle:  [2]string{`Văn:5|:5`, `Thị:6|:4`}, midOwn: all,
		given: [2]string{`Liêng|Nhơn|Pố|Tơ|Bhơ|Quân|Hiên|Dũng|Lanh|Chiến|Hóa|Vân|Tơm|Đhơi|Nhâm|Blưn`,
			`Liên|Hoa|Đưa|Tước|Xí|Nhơm|Hiền|Bông|Lan|Thoa|Thư|Ánh|Mai|Phương`},
		givOwn: [nEras]float64{0.6, 0.45, 0.3}}}},
	{"27", []variantSpec{ // Gié-Triêng
		{w: 0.6, surname: [2]string{`A`, `Y`}, middle: noMid, midOwn: all,
			given: [2]string{kontumMale, kontumFemale}, givOwn: [nEras]float64{0.85, 0.7, 0.55}},
		{w: 0.4, surname: [2]string{`Hồ:40|Đinh:20|A Lăng:10|Zơ Râm:5`}, middle: vanThi, midOwn: all}}},
	{"28", []variantSpec{{w: 1, // Mạ
		surname: [2]string{`Điểu`, `Thị`}, middle: noMid, midOwn: all,
		given: [2]string{dieuMale, dieuFemale}, givOwn: [nEras]float64{0.6, 0.5, 0.4}}}},
	{"29", []variantSpec{{w: 1, // Khơ-mú
		surname: [2]string{`Vi:8|Lò:8|Quang:4|Lư:3|Cụt:3|Lầu:2|Xồng:2|Kha:2|Moong:3|Lô:3|Lữ:2|Lượng:1|Mè:1`},
		middle:  [2]string{thaiMid, thaiMidF}, midOwn: [nEras]float64{0.95, 0.9, 0.7},
		given: [2]string{thaiMale, thaiFemale}, givOwn: [nEras]float64{0.4, 0.3, 0.2}}}},
	{"30", []variantSpec{{w: 1, // Co
		surname: [2]string{`Đinh:50|Hồ:15|Hoàng:5|Phạm:5|Nguyễn:3`}, middle: vanThi, midOwn: [nEras]float64{0.95, 0.85, 0.7}}}},
	{"31", []variantSpec{{w: 1, // Tà-ôi
		surname: [2]string{`Hồ:30|Kăn:6|Nhâm:5|Căn:4|Quỳnh:4|Lê:4|Hoàng:2|Trần:2|Nguyễn:3|A Viết:2|Pả:1`},
		middle:  vanThi, midOwn: [nEras]float64{0.9, 0.8, 0.6},
		given:  [2]string{`Pác|Sức|Ta|Lin|Đơi|Xăng|Pi|Ba|Ngư|Tắc|Rin|Cu`, `Lin|Phia|Đơ|Xí|Sa|Ny|Hoa|Lan|Ún|Pi`},
		givOwn: [nEras]float64{0.4, 0.3, 0.2}}}},
	{"32", []variantSpec{{w: 1, // Chơ-ro
		surname: [2]string{`Điểu`, `Thị`}, middle: noMid, midOwn: all,
		given: [2]string{dieuMale, dieuFemale}, givOwn: [nEras]float64{0.5, 0.4, 0.3}}}},
	{"33", thaiLike(`Lò:4|Quàng:4|Vì:3|Lường:3|Cà:2|Hoàng:2|Mè:1`)},                     // Kháng
	{"34", thaiLike(`Lò:4|Vì:4|Lường:3|Quàng:3|Cầm:1|Mè:1|Lừ:1`)},                       // Xinh-mun
	{"35", tibetoBurman(`Lý:8|Chu:6|Phìn:3|Pờ:4|Lò:4|Sừ:2|Ly:3|Tẩn:2|Chừ:1|Hù:1|Ma:1`)}, // Hà Nhì
	{"36", []variantSpec{{w: 1, // Chu-ru
		surname: [2]string{`Touneh:6|Ya:5|Ma:4|Bơ Nahria:3|Ka Sô:2|Đa Kai:1`}, middle: noMid, midOwn: all,
		given:  [2]string{`Han Tân|Mơng|Kỳ|Blang|Ha|Lim|Sim|Ha Điều|Ya Gia`, `Ma Hoa|Ha Liên|Mai|Ma Ly|Hưng|Nai|Ka Sa`},
		givOwn: [nEras]float64{0.4, 0.3, 0.2}}}},
	{"37", thaiLike(`Lò:5|Lường:4|Vì:4|Cà:3|Hoàng:2|Lý:2|Xin:1`)},       // Lào
	{"38", kinhLike(`Hoàng:4|Vương:3|Lò:2|Ly:2|Nông:1|Phàn:1`)},         // La Chí
	{"39", thaiLike(`Lò:4|Quàng:4|Lường:3|Vì:2|Hoàng:2|Mè:1|Cà:1`)},     // La Ha
	{"40", tibetoBurman(`Lý:3|Thào:3|Vàng:3|Pờ:2|Lò:2|Sùng:1|Chẻo:1`)},  // Phù Lá
	{"41", tibetoBurman(`Lý:4|Chảo:3|Phàn:3|Lò:2|Giàng:2|Vàng:1`)},      // La Hủ
	{"42", thaiLike(`Lò:5|Tao:4|Chang:3|Lý:2|Pản:2|Tẩn:2|Vàng:1`)},      // Lự
	{"43", tibetoBurman(`Lò:4|Sình:3|Vàng:2|Lủ:3|Dì:2|Mìn:1`)},          // Lô Lô
	{"44", kinhLike(`Hồ:6|Đinh:3|Cao:3|Nguyễn:2|Trần:1`)},               // Chứt
	{"45", thaiLike(`Lò:4|Chang:3|Tao:2|Lý:2|Vàng:1`)},                  // Mảng
	{"46", kinhLike(`Hoàng:4|Đặng:3|Lèo:2|Sìn:2|Vương:2|Lý:2|Dương:1`)}, // Pà Thẻn
	{"47", kinhLike(`Văn:3|Sèn:2|Chúng:1|Lý:2|Cố:1|Hoàng:1`)},           // Co Lao
	{"48", tibetoBurman(`Chu:4|Lò:3|Pờ:3|Hoàng:2|Vàng:1|Chang:1`)},      // Cống
	{"49", kinhLike(`Hoàng:4|Lù:3|Vương:2|Lý:2|Sần:1|Hà:1`)},            // Bố Y
	{"50", tibetoBurman(`Hù:4|Pờ:3|Lò:2|Lý:2|Vàng:1`)},                  // Si La
	{"51", kinhLike(`Ly:4|Vàng:3|Cháng:2|Hoàng:2|Lù:2|Thèn:1`)},         // Pu Péo
	{"52", kontumPrefix()},                     // Brâu
	{"53", thaiLike(`Lô:4|Vi:3|Lương:2|Lò:1`)}, // Ơ-đu
	{"54", kontumPrefix()},                     // Rơ-măm
}

func thaiLike(surnames string) []variantSpec {
	return []variantSpec{{w: 1, surname: [2]string{surnames},
		middle: [2]string{thaiMid, thaiMidF}, midOwn: [nEras]float64{0.95, 0.9, 0.7},
		given: [2]string{thaiMale, thaiFemale}, givOwn: [nEras]float64{0.5, 0.35, 0.2}}}
}

func tibetoBurman(surnames string) []variantSpec {
	return []variantSpec{{w: 1, surname: [2]string{surnames},
		middle: [2]string{tbMid, tbMidF}, midOwn: [nEras]float64{0.85, 0.75, 0.55},
		given: [2]string{tbMale, tbFemale}, givOwn: [nEras]float64{0.8, 0.65, 0.45}}}
}

func kinhLike(surnames string) []variantSpec {
	return []variantSpec{{w: 1, surname: [2]string{surnames}}}
}

func kontumPrefix() []variantSpec {
	return []variantSpec{{w: 1, surname: [2]string{`A`, `Y`}, middle: noMid, midOwn: all,
		given: [2]string{kontumMale, kontumFemale}, givOwn: [nEras]float64{0.9, 0.75, 0.6}}}
}

// buildProfiles builds the naming tables of every ethnic group but Kinh,
// whose names come from the Kinh tables (as do the naturalised, code 55).
func (g *Generator) buildProfiles() {
	for _, ps := range ethnicProfiles {
		n, ok := code2(ps.code)
		if !ok {
			panic("people: bad ethnic code " + ps.code)
		}
		pf := &profile{}
		labels := make([]string, len(ps.variants))
		weights := make([]float64, len(ps.variants))
		for i, vs := range ps.variants {
			labels[i] = strconv.Itoa(i)
			weights[i] = vs.w
			pf.variants = append(pf.variants, buildVariant(vs))
		}
		pf.choose = newTable(labels, weights)
		g.profiles[n] = pf
	}
}

func buildVariant(vs variantSpec) variant {
	var v variant
	for sx := 0; sx < 2; sx++ {
		sn := vs.surname[sx]
		if sn == "" && sx == female {
			sn = vs.surname[male]
		}
		if sn != "" {
			v.surname[sx] = tableOf(ws(sn), 0)
		}
		for era := 0; era < nEras; era++ {
			if vs.middle[sx] != "" {
				items, w := mix(ws(vs.middle[sx]), era, kinhMiddle[sx][era], era, vs.midOwn[era])
				v.middle[sx][era] = newTable(items, w)
			}
			if vs.given[sx] != "" || vs.clans != "" {
				var items []string
				var w []float64
				if vs.given[sx] != "" {
					items, w = mix(ws(vs.given[sx]), era, kinhGiven[sx], era, vs.givOwn[era])
				} else {
					items, w = mix(nil, era, kinhGiven[sx], era, 0)
				}
				if vs.clans != "" {
					items, w = withClans(items, w, ws(vs.clans))
				}
				v.given[sx][era] = newTable(items, w)
			}
		}
	}
	return v
}

// withClans appends every clan to every personal name, weights multiplied.
func withClans(items []string, w []float64, clans []wstr) ([]string, []float64) {
	outI := make([]string, 0, len(items)*len(clans))
	outW := make([]float64, 0, len(items)*len(clans))
	for i, it := range items {
		for _, c := range clans {
			outI = append(outI, it+" "+c.s)
			outW = append(outW, w[i]*c.w[0])
		}
	}
	return outI, outW
}
