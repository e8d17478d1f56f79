package people

// Regions give Kinh names their regional flavour (Hoàng/Vũ in the north,
// Huỳnh/Võ from Quảng Nam southwards; Tấn, Phước, Thị Mỹ in the south).
const (
	regNorth        = iota // Hà Nội and the northern provinces
	regNorthCentral        // Thanh Hóa to Quảng Trị
	regCentral             // Thừa Thiên Huế to Bình Thuận
	regHighlands           // Tây Nguyên
	regSouth               // Đông Nam Bộ and the Mekong delta
	nRegions
)

// kinhSurnames are the national weights (percent of Kinh people).
var kinhSurnames = ws(`Nguyễn:38|Trần:11|Lê:9.5|Phạm:7.1|Hoàng:5.1|Huỳnh:0.1|Phan:4.5|Vũ:3.9|Võ:0.3|
Đặng:2.1|Bùi:2|Đỗ:1.4|Hồ:1.3|Ngô:1.3|Dương:1|Lý:0.5|
Đinh:0.8|Đoàn:0.6|Trịnh:0.6|Lương:0.5|Mai:0.5|Trương:0.7|Lâm:0.4|Phùng:0.3|Đào:0.6|Cao:0.5|
Tạ:0.3|Hà:0.5|Vương:0.2|Tô:0.3|Lưu:0.3|Kiều:0.15|Chu:0.2|Quách:0.15|Thái:0.2|Tăng:0.1|
Triệu:0.15|Khúc:0.05|Âu:0.05|La:0.1|Mạc:0.05|Đàm:0.15|Doãn:0.1|Kim:0.05|Thân:0.1|Tống:0.15|
Lại:0.15|Châu:0.2|Từ:0.1|Nghiêm:0.1|Giáp:0.05|Khổng:0.05|Ninh:0.05|Hứa:0.1|Lục:0.03|Hàn:0.05|
Diệp:0.05|Lã:0.05|Phí:0.05|Bạch:0.03|Biện:0.02|Ông:0.05|Tôn:0.05|Quan:0.03|Văn:0.05|Mẫn:0.02|
Đồng:0.05|Nông:0.03|Ưng:0.01|Ân:0.01|Ôn:0.03|Yên:0.01|Cù:0.05|Đường:0.03|Trình:0.02|Lò:0.01|
Đậu:0.1|Nhữ:0.02|Ứng:0.02`)

// kinhSurnameRegion overrides national weights by region.
var kinhSurnameRegion = [nRegions]map[string]float64{
	regNorth:        {"Hoàng": 5.1, "Huỳnh": 0.05, "Vũ": 3.9, "Võ": 0.3, "Hồ": 0.6, "Đỗ": 2, "Đào": 1, "Lâm": 0.2, "Trương": 0.4, "Châu": 0.05, "Đậu": 0.05},
	regNorthCentral: {"Hoàng": 4.5, "Huỳnh": 0.1, "Vũ": 1.0, "Võ": 3.0, "Hồ": 3.0, "Thái": 0.6, "Phan": 5.5, "Đậu": 0.5, "Trịnh": 1},
	regCentral:      {"Hoàng": 1.5, "Huỳnh": 4.5, "Vũ": 0.3, "Võ": 5, "Hồ": 2, "Trương": 1.2, "Đỗ": 1, "Châu": 0.4},
	regHighlands:    {"Hoàng": 3, "Huỳnh": 2, "Vũ": 2, "Võ": 3, "Hồ": 1.5},
	regSouth:        {"Hoàng": 0.4, "Huỳnh": 5.5, "Vũ": 0.6, "Võ": 4.5, "Lâm": 1, "Trương": 1.5, "Lý": 0.8, "Đỗ": 1, "Đặng": 1.8, "Châu": 0.5, "Đinh": 0.5},
}

// Middle names by sex and era (old: born before 1970, between, young: from 1988).
var kinhMiddle = [2][nEras][]wstr{
	male: {
		ws(`Văn:55|Đức:6|Hữu:5|Xuân:4|Quang:4|Minh:4|Ngọc:3|Đình:4|Công:3|Duy:1.5|Mạnh:2|Trọng:2|Thanh:3|
Quốc:2|Bá:2|Thế:2|Tiến:1.5|Viết:1.5|Khắc:1.5|Huy:1|Kim:1|Như:1|Sỹ:1|Hồng:1.5|Đăng:1|Trung:1|Chí:1|
Đắc:0.8|Phú:0.5|Tấn:1.5|Thành:1.5|Hoàng:1|Anh:0.5|Phước:0.5|Thái:0.5|Trường:0.3`),
		ws(`Văn:30|Đức:8|Minh:8|Quốc:5|Hữu:4|Xuân:3|Quang:5|Ngọc:4|Đình:4|Công:3|Duy:4|Mạnh:3|Trọng:3|
Thanh:5|Anh:3|Tuấn:2|Hoàng:3|Tiến:2|Thế:2|Trung:2|Việt:2|Bá:1.5|Chí:1.5|Hải:1.5|Tấn:2|Thành:2|Khắc:1|
Viết:1|Kim:1|Hồng:1.5|Đăng:1.5|Sỹ:1|Nhật:1|Bảo:1|Gia:1|Phúc:0.5|Phước:0.5|Đại:1|Huy:1`),
		ws(`Văn:12|Đức:8|Minh:12|Quốc:6|Hữu:3|Xuân:2|Quang:5|Ngọc:3|Đình:3|Công:3|Duy:5|Mạnh:3|Trọng:3|
Thanh:5|Anh:4|Tuấn:4|Hoàng:5|Tiến:2|Thế:2|Trung:3|Việt:3|Bá:1|Chí:2|Hải:3|Tấn:2|Thành:3|Nhật:3|Bảo:3|
Gia:4|Phúc:2|Đăng:3|Khánh:2|Huy:2|Kim:0.5|Hồng:1|Đại:1|Thái:1|Trường:1|Nam:1|Khắc:0.5|Viết:0.5`),
	},
	female: {
		ws(`Thị:85|Thị Thanh:2|Thị Thu:2|Thị Kim:1.5|Thị Hồng:1.5|Thị Ngọc:1|Thị Minh:1|Thu:1|Thanh:1.5|
Ngọc:1|Hồng:1|Kim:1|Bích:0.5|Minh:0.5|Tuyết:0.3|Thúy:0.5|Xuân:0.5|Mỹ:0.3|Lệ:0.3|Phương:0.3|Thị Mỹ:0.5`),
		ws(`Thị:55|Thị Thanh:4|Thị Thu:4|Thị Kim:2|Thị Hồng:3|Thị Ngọc:2|Thị Minh:2|Thị Thúy:1.5|Thị Mỹ:1.5|
Thị Hải:1|Thị Phương:1|Thị Bích:1.5|Thị Diệu:0.5|Thu:3|Thanh:3|Ngọc:3|Hồng:2|Kim:1.5|Bích:1|Minh:2|
Tuyết:0.5|Thúy:1|Xuân:1|Mỹ:1.5|Lệ:0.5|Phương:2|Hoài:1|Diệu:0.5|Thùy:1|Quỳnh:0.5|Hải:1|Khánh:0.5|
Mai:0.5|Lan:0.5|Cẩm:0.5|Ánh:0.5|Hương:0.5|Như:0.5|Vân:0.3|Bảo:0.3`),
		ws(`Thị:28|Thị Thanh:3|Thị Thu:3|Thị Kim:1.5|Thị Hồng:2|Thị Ngọc:2|Thị Minh:2|Thị Thúy:1.5|Thị Mỹ:1.5|
Thị Hải:1|Thị Phương:1.5|Thị Bích:1|Thị Quỳnh:1|Thị Thùy:1.5|Thị Khánh:1|Thị Hoài:1|Thu:5|Thanh:5|
Ngọc:6|Hồng:3|Kim:2|Bích:1|Minh:5|Thúy:2|Xuân:2|Mỹ:3|Phương:5|Hoài:3|Diệu:2|Thùy:4|Quỳnh:3|Hải:3|
Khánh:3|Mai:2|Lan:2|Cẩm:1.5|Ánh:2|Hương:2|Như:2|Vân:1|Bảo:3|Tú:1|Hà:1|Linh:1|Ngọc Bảo:0.5|Kiều:1|
Huyền:1|Yến:0.5|Tường:0.5|Gia:1|Hoàng:1|Tuệ:0.5|Nhã:0.5|Thị Ngọc Bích:0.2`),
	},
}

// kinhMiddleRegion multiplies middle-name weights by region.
var kinhMiddleRegion = [nRegions]map[string]float64{
	regNorth:        {"Tấn": 0.2, "Phước": 0.1, "Viết": 1.5, "Khắc": 1.5, "Mỹ": 0.6, "Thị Mỹ": 0.6},
	regNorthCentral: {"Tấn": 0.5, "Phước": 0.5, "Viết": 1.5, "Hữu": 1.2},
	regCentral:      {"Tấn": 2, "Phước": 3, "Mỹ": 1.5, "Thị Mỹ": 1.5},
	regHighlands:    {},
	regSouth:        {"Tấn": 3, "Phước": 3, "Mỹ": 2, "Thị Mỹ": 2, "Kim": 1.5, "Thị Kim": 1.5, "Viết": 0.5, "Khắc": 0.3},
}

// Given names: weight among the old, weight among the young.
var kinhGiven = [2][]wstr{
	male: ws(`Anh:14:40|Hùng:30:10|Dũng:30:12|Tuấn:25:18|Minh:22:25|Hải:22:15|Long:14:18|Nam:18:18|
Sơn:25:12|Thắng:25:6|Cường:20:10|Hưng:18:10|Đức:16:18|Trung:18:12|Thành:20:12|Quang:14:10|Hoàng:6:15|
Huy:6:22|Phong:8:10|Khánh:6:12|Tùng:10:10|Bình:20:6|Hiếu:6:15|Việt:10:10|Tiến:14:8|Toàn:10:8|Hòa:14:3|
Hiệp:10:5|Lâm:7:8|Lợi:14:3|Mạnh:10:8|Thanh:12:4|Tâm:8:8|Thịnh:7:8|Trọng:5:5|Quân:5:20|Phúc:5:12|
Tài:8:8|Thái:7:5|Hậu:5:6|Vinh:12:6|Kiên:8:8|Chiến:14:4|Công:8:3|Cảnh:6:3|Chính:8:2|Chung:8:2|Cương:5:1|
Dương:4:10|Duy:4:12|Đạt:5:18|Định:8:3|Đông:6:3|Giang:5:6|Hà:5:2|Hiển:6:3|Hoan:5:1|Hội:4:1|Huân:4:2|
Hợp:5:1|Hưởng:4:1|Khải:3:4|Khang:1:10|Khoa:2:12|Khôi:1:10|Kiệt:1:8|Lực:5:2|Luân:2:4|Lương:4:1|
Nghĩa:10:6|Ngọc:4:2|Nguyên:3:8|Nhân:4:6|Nhật:1:8|Ninh:5:2|Phát:2:6|Phương:6:3|Quý:6:3|Quyết:8:2|
Sang:2:6|Tân:6:4|Thạch:3:1|Thông:6:2|Thuận:6:3|Thức:4:1|Tiệp:2:1|Tín:3:4|Tú:4:6|Tuyên:5:1|Tường:4:3|
Vũ:2:10|Vương:2:3|Xuân:6:1|Yên:2:0.5|An:4:10|Ân:2:3|Ơn:0.5:0.2|Ưng:0.3:0.2|Bảo:1:10|Bắc:5:1|Cần:3:0.5|
Chí:3:2|Châu:2:2|Đăng:1:4|Điệp:3:1|Đoàn:3:0.5|Đồng:3:0.5|Được:3:0.2|Gia:0.5:3|Hào:3:4|Hoạt:3:0.5|
Huấn:4:1|Hướng:4:1|Khiêm:3:2|Khương:2:2|Lạc:2:0.5|Lãm:2:0.3|Lộc:4:8|Luyện:3:0.5|Lý:2:0.5|Mười:3:0.2|
Năm:3:0.2|Nhất:3:1|Pháp:2:0.5|Phi:2:3|Phú:6:4|Phụng:2:0.5|Quảng:2:0.5|Quốc:4:3|Sáng:3:1|Sinh:4:1|
Sỹ:3:1|Tấn:5:3|Thao:3:0.5|Thiện:5:4|Thọ:6:1|Thuấn:2:0.3|Thủy:5:0.5|Tiền:2:0.3|Toản:4:1|Triều:3:2|
Trí:4:6|Trình:2:0.5|Trường:5:8|Tuân:3:1|Tuệ:1:2|Tuyến:4:1|Uy:0.5:2|Vĩnh:3:2|Vỹ:1:3|Ánh:1:0.5|
Bách:1:3|Bằng:4:2|Biên:3:0.5|Cẩn:2:0.3|Chinh:4:1|Dân:4:0.5|Doanh:3:2|Du:1:1|Đại:3:2|Đảm:2:0.3|
Độ:2:0.3|Đường:2:0.5|Hạnh:4:0.5|Hiền:3:1|Hiệu:2:1|Học:3:0.5|Hồng:3:0.5|Kha:1:2|Kỳ:2:1|Lai:2:0.3|
Lân:2:1|Lập:3:1|Lễ:2:0.3|Linh:2:4|Lĩnh:2:0.5|Nghị:3:1|Nguyện:1:0.5|Nhâm:2:0.2|Nhuận:2:0.5|Phước:4:3|
Quyền:4:1|Sâm:2:0.5|Sĩ:2:0.5|Tám:3:0.2|Tạo:2:0.3|Tịnh:2:0.5|Trực:3:1|Từ:1:0.5|Tưởng:2:0.3|
Văn:2:0.5|Vĩ:1:2|Viễn:2:1|Xuyên:2:0.5|Ẩn:0.3:0.1|Ất:0.5:0.1|Ước:1:0.1`),
	female: ws(`Hương:25:15|Lan:22:10|Hoa:20:6|Hằng:20:14|Mai:18:12|Linh:6:30|Trang:10:28|Thảo:8:25|
Ngọc:8:16|Nhung:14:10|Yến:14:12|Ánh:6:14|Anh:4:26|Hà:18:14|Huyền:10:20|Hạnh:16:8|Hiền:14:12|Thủy:20:8|
Thúy:16:6|Loan:14:4|Lệ:8:2|Liên:14:4|Liễu:7:1|Lý:8:3|My:1:10|Nga:18:6|Ngân:4:16|Nhàn:10:2|Nhi:1:14|
Oanh:10:6|Phương:14:18|Quyên:4:8|Quỳnh:4:14|Sen:8:1|Tâm:8:5|Thanh:14:6|Thu:16:6|Thư:2:12|Thương:8:10|
Tuyết:14:3|Uyên:1:12|Vân:14:10|Vy:0.5:14|Xuân:14:3|Dung:16:8|Duyên:6:12|Dương:2:8|Giang:8:14|Hải:4:2|
Hậu:6:4|Hiên:1:2|Hiếu:4:2|Hồng:18:4|Huệ:14:3|Hường:10:2|Khánh:2:6|Khuê:1:2|Kim:6:1|Lâm:2:1|Lành:6:0.5|
Luyến:6:1|Lụa:4:0.5|Mận:5:0.3|Mơ:5:0.3|Minh:4:8|Mỹ:5:5|Nguyệt:10:6|Nhạn:4:0.5|Nhài:4:0.5|Nhị:3:0.3|
Nhu:2:1|Nương:4:0.3|Phượng:14:4|Quế:6:1|Quý:4:1|Sương:8:2|Tám:4:0.2|Thắm:10:2|Thêu:4:0.3|Thi:2:3|
Thìn:4:0.3|Thoa:10:3|Thơ:3:4|Thơm:8:0.5|Thuận:5:1|Thùy:3:10|Tiên:3:8|Trâm:2:12|Trinh:4:10|Tú:3:6|
Tươi:8:1|Vui:3:0.5|Yên:2:1|An:2:10|Ân:1:3|Âu:0.5:0.5|Bích:8:3|Bình:10:2|Cúc:12:0.5|Chi:2:14|Chinh:5:1|
Châu:3:8|Diệp:2:3|Diễm:3:6|Đào:8:1|Điệp:5:2|Đông:3:0.5|Gấm:4:0.5|Hạ:1:4|Hân:0.5:8|Hảo:7:2|Hòa:10:2|
Hoài:5:4|Hoan:4:0.5|Hợi:3:0.2|Kiều:6:3|Lài:2:0.2|Lam:2:3|Len:3:0.2|Lợi:4:0.3|Lương:4:0.5|Mến:5:0.5|
Miên:1:1|Mùi:3:0.2|Na:2:4|Nụ:4:0.3|Ơn:1:0.1|Phấn:4:0.2|Phúc:2:1|Phụng:3:1|Sáu:3:0.2|Son:3:0.2|
Thục:4:2|Tình:6:1|Trà:3:4|Trúc:1:5|Tuyền:3:4|Uyển:0.5:1|Viên:2:0.5|Vinh:3:0.5|Xoan:5:0.3|Ngà:5:2|
Ngát:4:0.5|Lê:2:0.3|Lựu:4:0.2|Diệu:1:3|Huế:4:1|Ly:2:10|Nhiên:0.5:3|Như:2:8|Nhã:1:4|Tuệ:0.5:2|Thy:0.5:4|
Xinh:2:0.3|Băng:1:2|Bông:2:0.2|Cẩm:2:1|Cầm:2:0.3|Chúc:2:0.3|Dịu:2:0.3|Đoan:2:2|Hoàn:2:0.3|Khuyên:3:0.5|
Mộng:1:1|Ngoan:3:0.3|Nhật:0.3:1|Phi:1:2|Sim:1:0.2|Thuần:2:0.5|Út:3:0.5|Ý:0.2:2|Ưng:0.1:0.1|Ấu:0.2:0.05`),
}

// buildKinh builds the Kinh tables: surnames by region, middle names by
// region, sex and era, given names by sex and era.
func (g *Generator) buildKinh() {
	for reg := 0; reg < nRegions; reg++ {
		items := make([]string, len(kinhSurnames))
		w := make([]float64, len(kinhSurnames))
		for i, x := range kinhSurnames {
			items[i] = x.s
			w[i] = x.w[0]
			if o, ok := kinhSurnameRegion[reg][x.s]; ok {
				w[i] = o
			}
		}
		g.kinhSurname[reg] = newTable(items, w)
		for sx := 0; sx < 2; sx++ {
			for era := 0; era < nEras; era++ {
				xs := kinhMiddle[sx][era]
				items := make([]string, len(xs))
				w := make([]float64, len(xs))
				for i, x := range xs {
					items[i] = x.s
					w[i] = x.w[0]
					if m, ok := kinhMiddleRegion[reg][x.s]; ok {
						w[i] *= m
					}
				}
				g.kinhMiddle[reg][sx][era] = newTable(items, w)
			}
		}
	}
	for sx := 0; sx < 2; sx++ {
		for era := 0; era < nEras; era++ {
			g.kinhGiven[sx][era] = tableOf(kinhGiven[sx], era)
		}
	}
}
