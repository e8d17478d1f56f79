package codes

// Sex is the list of sexes (giới tính).
var Sex = List{
	Name: "sex",
	Items: []Code{
		{"male", "Nam", "Male"},
		{"female", "Nữ", "Female"},
	},
	Aliases: []Alias{
		{"Nam giới", "male"}, {"Đàn ông", "male"}, {"M", "male"},
		{"Nữ giới", "female"}, {"Đàn bà", "female"}, {"F", "female"},
	},
}

// Ethnicities is the list of the 54 ethnic groups of Việt Nam with the codes
// and spellings of the General Statistics Office list (Quyết định
// 121-TCTK/PPCĐ, 2 March 1979), plus 55 for naturalised people of foreign origin.
var Ethnicities = List{
	Name: "ethnicity",
	Items: []Code{
		{"01", "Kinh", "Kinh (Viet)"},
		{"02", "Tày", "Tay"},
		{"03", "Thái", "Thai"},
		{"04", "Hoa", "Hoa (Chinese)"},
		{"05", "Khơ-me", "Khmer"},
		{"06", "Mường", "Muong"},
		{"07", "Nùng", "Nung"},
		{"08", "HMông", "Hmong"},
		{"09", "Dao", "Dao (Yao)"},
		{"10", "Gia-rai", "Jarai"},
		{"11", "Ngái", "Ngai"},
		{"12", "Ê-đê", "Ede (Rhade)"},
		{"13", "Ba-na", "Bahnar"},
		{"14", "Xơ-đăng", "Sedang"},
		{"15", "Sán Chay", "San Chay"},
		{"16", "Cơ-ho", "Koho"},
		{"17", "Chăm", "Cham"},
		{"18", "Sán Dìu", "San Diu"},
		{"19", "Hrê", "Hre"},
		{"20", "Mnông", "Mnong"},
		{"21", "Ra-glai", "Raglai"},
		{"22", "Xtiêng", "Stieng"},
		{"23", "Bru-Vân Kiều", "Bru-Van Kieu"},
		{"24", "Thổ", "Tho"},
		{"25", "Giáy", "Giay"},
		{"26", "Cơ-tu", "Katu"},
		{"27", "Gié-Triêng", "Gie-Trieng"},
		{"28", "Mạ", "Maa"},
		{"29", "Khơ-mú", "Khmu"},
		{"30", "Co", "Cor"},
		{"31", "Tà-ôi", "Ta Oi"},
		{"32", "Chơ-ro", "Chrau"},
		{"33", "Kháng", "Khang"},
		{"34", "Xinh-mun", "Xinh Mun"},
		{"35", "Hà Nhì", "Hani"},
		{"36", "Chu-ru", "Churu"},
		{"37", "Lào", "Lao"},
		{"38", "La Chí", "La Chi"},
		{"39", "La Ha", "La Ha"},
		{"40", "Phù Lá", "Phu La"},
		{"41", "La Hủ", "Lahu"},
		{"42", "Lự", "Lu"},
		{"43", "Lô Lô", "Lolo"},
		{"44", "Chứt", "Chut"},
		{"45", "Mảng", "Mang"},
		{"46", "Pà Thẻn", "Pa Then"},
		{"47", "Co Lao", "Gelao"},
		{"48", "Cống", "Cong"},
		{"49", "Bố Y", "Bouyei"},
		{"50", "Si La", "Si La"},
		{"51", "Pu Péo", "Pu Peo"},
		{"52", "Brâu", "Brau"},
		{"53", "Ơ-đu", "O Du"},
		{"54", "Rơ-măm", "Romam"},
		{"55", "Người nước ngoài nhập quốc tịch Việt Nam", "Naturalised, foreign origin"},
	},
	Aliases: []Alias{
		{"Kinh (Việt)", "01"}, {"Việt", "01"}, {"Người Kinh", "01"},
		{"Người Hoa", "04"}, {"Hán", "04"},
		{"Khmer", "05"}, {"Khơ Me", "05"}, {"Khơme", "05"},
		{"Mông", "08"}, {"H'Mông", "08"}, {"H Mông", "08"}, {"Hmoong", "08"},
		{"Jrai", "10"}, {"Gia Lai", "10"},
		{"Êđê", "12"}, {"Rhadé", "12"},
		{"Bahnar", "13"},
		{"Xê Đăng", "14"},
		{"Cao Lan", "15"}, {"Sán Chỉ", "15"},
		{"K'Ho", "16"}, {"Kơ Ho", "16"},
		{"Chăm Pa", "17"}, {"Chàm", "17"},
		{"H'rê", "19"},
		{"M'Nông", "20"}, {"Mơ Nông", "20"},
		{"Rắc Lây", "21"},
		{"Stiêng", "22"}, {"Xơ Tiêng", "22"},
		{"Vân Kiều", "23"}, {"Bru", "23"},
		{"Cơ Tu", "26"}, {"Ca Tu", "26"},
		{"Giẻ Triêng", "27"}, {"Giẻ", "27"}, {"Triêng", "27"},
		{"Khơ Mú", "29"}, {"Khmú", "29"},
		{"Ta Ôi", "31"}, {"Pa Cô", "31"},
		{"Châu Ro", "32"},
		{"Xinh Mul", "34"},
		{"Chu Ru", "36"},
		{"Cờ Lao", "47"}, {"Cơ Lao", "47"},
		{"Bu Y", "49"},
		{"Ơ Đu", "53"},
		{"Rơ Măm", "54"},
		{"Nước ngoài", "55"}, {"Người nước ngoài", "55"}, {"Foreign", "55"},
	},
}

// Religions is the list of religions recognised in Việt Nam, with 00 for none
// and 99 for any other belief.
var Religions = List{
	Name: "religion",
	Items: []Code{
		{"00", "Không", "None"},
		{"01", "Phật giáo", "Buddhism"},
		{"02", "Công giáo", "Catholicism"},
		{"03", "Tin Lành", "Protestantism"},
		{"04", "Cao Đài", "Caodaism"},
		{"05", "Phật giáo Hòa Hảo", "Hoa Hao Buddhism"},
		{"06", "Hồi giáo", "Islam"},
		{"07", "Tôn giáo Baha'i", "Baha'i Faith"},
		{"08", "Tịnh độ Cư sỹ Phật hội Việt Nam", "Pure Land Buddhist Home Practice Association"},
		{"09", "Cơ đốc Phục lâm", "Seventh-day Adventist Church"},
		{"10", "Phật giáo Tứ Ân Hiếu Nghĩa", "Tu An Hieu Nghia Buddhism"},
		{"11", "Minh Sư đạo", "Minh Su Dao"},
		{"12", "Minh Lý đạo – Tam Tông Miếu", "Minh Ly Dao – Tam Tong Mieu"},
		{"13", "Bà-la-môn giáo", "Brahmanism (Cham Balamon)"},
		{"14", "Mặc môn", "The Church of Jesus Christ of Latter-day Saints"},
		{"15", "Phật giáo Hiếu Nghĩa Tà Lơn", "Hieu Nghia Ta Lon Buddhism"},
		{"16", "Bửu Sơn Kỳ Hương", "Buu Son Ky Huong"},
		{"99", "Tôn giáo khác", "Other religion"},
	},
	Aliases: []Alias{
		{"Không tôn giáo", "00"}, {"Không theo tôn giáo", "00"}, {"Không theo đạo", "00"},
		{"Không có", "00"}, {"Lương", "00"},
		{"Đạo Phật", "01"}, {"Phật", "01"}, {"Đạo Phật giáo", "01"},
		{"Thiên Chúa giáo", "02"}, {"Đạo Thiên Chúa", "02"}, {"Thiên Chúa", "02"},
		{"Công giáo La Mã", "02"}, {"Catholic", "02"},
		{"Đạo Tin Lành", "03"}, {"Tin lành giáo", "03"}, {"Protestant", "03"},
		{"Đạo Cao Đài", "04"},
		{"Hòa Hảo", "05"}, {"Đạo Hòa Hảo", "05"},
		{"Đạo Hồi", "06"}, {"Hồi giáo Bani", "06"}, {"Bani", "06"}, {"Muslim", "06"},
		{"Baha'i", "07"}, {"Bahai", "07"},
		{"Tịnh độ Cư sỹ", "08"}, {"Tịnh độ Cư sĩ Phật hội Việt Nam", "08"}, {"Tịnh độ Cư sĩ", "08"},
		{"Cơ đốc Phục lâm Việt Nam", "09"}, {"Phục lâm", "09"}, {"Adventist", "09"},
		{"Tứ Ân Hiếu Nghĩa", "10"},
		{"Minh Lý đạo", "12"}, {"Tam Tông Miếu", "12"},
		{"Bà-la-môn", "13"}, {"Bà La Môn", "13"}, {"Bàlamôn", "13"}, {"Brahman", "13"}, {"Hindu", "13"},
		{"Mormon", "14"}, {"Các Thánh hữu Ngày sau", "14"},
		{"Hiếu Nghĩa Tà Lơn", "15"},
		{"Khác", "99"}, {"Đạo khác", "99"},
	},
}

// Education is the list of general education levels (trình độ giáo dục phổ thông),
// by the highest level attended.
var Education = List{
	Name: "education",
	Items: []Code{
		{"primary", "Tiểu học", "Primary"},
		{"lower_secondary", "Trung học cơ sở", "Lower secondary"},
		{"upper_secondary", "Trung học phổ thông", "Upper secondary"},
	},
	Aliases: []Alias{
		{"Cấp I", "primary"}, {"Cấp 1", "primary"}, {"TH", "primary"},
		{"1/12", "primary"}, {"2/12", "primary"}, {"3/12", "primary"}, {"4/12", "primary"}, {"5/12", "primary"},
		{"1/10", "primary"}, {"2/10", "primary"}, {"3/10", "primary"}, {"4/10", "primary"},
		{"Cấp II", "lower_secondary"}, {"Cấp 2", "lower_secondary"}, {"THCS", "lower_secondary"},
		{"6/12", "lower_secondary"}, {"7/12", "lower_secondary"}, {"8/12", "lower_secondary"}, {"9/12", "lower_secondary"},
		{"5/10", "lower_secondary"}, {"6/10", "lower_secondary"}, {"7/10", "lower_secondary"},
		{"Cấp III", "upper_secondary"}, {"Cấp 3", "upper_secondary"}, {"THPT", "upper_secondary"},
		{"Phổ thông trung học", "upper_secondary"}, {"PTTH", "upper_secondary"}, {"Bổ túc văn hóa", "upper_secondary"},
		{"10/12", "upper_secondary"}, {"11/12", "upper_secondary"}, {"12/12", "upper_secondary"},
		{"8/10", "upper_secondary"}, {"9/10", "upper_secondary"}, {"10/10", "upper_secondary"},
	},
}

// ProfessionalQualification is the list of professional and technical
// qualifications (trình độ chuyên môn nghiệp vụ), highest degree held.
var ProfessionalQualification = List{
	Name: "professional_qualification",
	Items: []Code{
		{"none", "Chưa qua đào tạo", "No training"},
		{"elementary", "Sơ cấp", "Elementary vocational"},
		{"intermediate", "Trung cấp", "Intermediate vocational"},
		{"college", "Cao đẳng", "College"},
		{"bachelor", "Đại học", "Bachelor"},
		{"master", "Thạc sĩ", "Master"},
		{"doctor", "Tiến sĩ", "Doctorate"},
	},
	Aliases: []Alias{
		{"Không", "none"}, {"Chưa đào tạo", "none"}, {"Lao động phổ thông", "none"},
		{"SC", "elementary"}, {"Công nhân kỹ thuật", "elementary"}, {"CNKT", "elementary"},
		{"TC", "intermediate"}, {"Trung học chuyên nghiệp", "intermediate"}, {"THCN", "intermediate"},
		{"CĐ", "college"},
		{"ĐH", "bachelor"}, {"Cử nhân", "bachelor"}, {"Kỹ sư", "bachelor"}, {"Kĩ sư", "bachelor"},
		{"Bác sĩ", "bachelor"}, {"Dược sĩ", "bachelor"}, {"Kiến trúc sư", "bachelor"},
		{"Ths", "master"}, {"Thạc sỹ", "master"}, {"Chuyên khoa I", "master"}, {"CKI", "master"},
		{"TS", "doctor"}, {"Tiến sỹ", "doctor"}, {"TSKH", "doctor"}, {"Tiến sĩ khoa học", "doctor"},
		{"Phó tiến sĩ", "doctor"}, {"Chuyên khoa II", "doctor"}, {"CKII", "doctor"},
	},
}

// PoliticalTheory is the list of political theory levels (trình độ lý luận chính trị).
var PoliticalTheory = List{
	Name: "political_theory",
	Items: []Code{
		{"none", "Chưa qua đào tạo", "No training"},
		{"elementary", "Sơ cấp", "Elementary"},
		{"intermediate", "Trung cấp", "Intermediate"},
		{"advanced", "Cao cấp", "Advanced"},
		{"bachelor", "Cử nhân", "Bachelor of political theory"},
	},
	Aliases: []Alias{
		{"Không", "none"}, {"Chưa đào tạo", "none"},
		{"SC", "elementary"}, {"Sơ cấp lý luận chính trị", "elementary"}, {"Sơ cấp LLCT", "elementary"},
		{"TC", "intermediate"}, {"Trung cấp lý luận chính trị", "intermediate"}, {"Trung cấp LLCT", "intermediate"},
		{"CC", "advanced"}, {"Cao cấp lý luận chính trị", "advanced"}, {"Cao cấp LLCT", "advanced"},
		{"CN", "bachelor"}, {"Cử nhân chính trị", "bachelor"}, {"Cử nhân LLCT", "bachelor"},
	},
}

// AcademicTitle is the list of academic titles (học hàm).
var AcademicTitle = List{
	Name: "academic_title",
	Items: []Code{
		{"none", "Không", "None"},
		{"associate_professor", "Phó Giáo sư", "Associate Professor"},
		{"professor", "Giáo sư", "Professor"},
	},
	Aliases: []Alias{
		{"PGS", "associate_professor"}, {"Phó GS", "associate_professor"},
		{"GS", "professor"},
	},
}

// Occupations is the list of occupation categories used by party statistics.
var Occupations = List{
	Name: "occupation",
	Items: []Code{
		{"cadre", "Cán bộ", "Elected or appointed cadre"},
		{"civil_servant", "Công chức", "Civil servant"},
		{"public_employee", "Viên chức", "Public service employee"},
		{"worker", "Công nhân", "Worker"},
		{"farmer", "Nông dân", "Farmer"},
		{"military", "Quân đội", "Military"},
		{"police", "Công an", "Police"},
		{"student", "Học sinh – sinh viên", "Pupil or student"},
		{"private_business_owner", "Chủ doanh nghiệp tư nhân", "Private business owner"},
		{"retired", "Hưu trí", "Retired"},
		{"freelance", "Lao động tự do", "Self-employed or freelance"},
		{"other", "Khác", "Other"},
	},
	Aliases: []Alias{
		{"Học sinh", "student"}, {"Sinh viên", "student"}, {"Học sinh, sinh viên", "student"},
		{"Bộ đội", "military"}, {"Quân nhân", "military"}, {"Quân đội nhân dân", "military"},
		{"Công an nhân dân", "police"},
		{"Nghỉ hưu", "retired"}, {"Hưu", "retired"}, {"Cán bộ hưu trí", "retired"},
		{"Chủ doanh nghiệp", "private_business_owner"},
		{"Làm ruộng", "farmer"}, {"Nông nghiệp", "farmer"},
		{"Tự do", "freelance"},
	},
}

// OrgKinds is the list of kinds of party organization, top down.
var OrgKinds = List{
	Name: "org_kind",
	Items: []Code{
		{"party", "Đảng Cộng sản Việt Nam", "Communist Party of Vietnam"},
		{"central_direct", "Đảng bộ trực thuộc Trung ương", "Party committee directly under the Central Committee"},
		{"district", "Đảng bộ cấp huyện", "District party committee"},
		{"bloc", "Đảng bộ cấp trên cơ sở khác", "Other upper-basic party committee (bloc, military, police)"},
		{"commune", "Đảng bộ xã, phường, đặc khu", "Commune, ward or special zone party committee"},
		{"basic_committee", "Đảng bộ cơ sở", "Basic party committee"},
		{"basic_cell", "Chi bộ cơ sở", "Basic party cell"},
		{"section_committee", "Đảng bộ bộ phận", "Section party committee"},
		{"cell", "Chi bộ trực thuộc", "Subordinate party cell"},
		{"group", "Tổ đảng", "Party group"},
	},
	Aliases: []Alias{
		{"Đảng bộ tỉnh", "central_direct"}, {"Đảng bộ thành phố", "central_direct"},
		{"Đảng bộ huyện", "district"}, {"Đảng bộ quận", "district"}, {"Đảng bộ thị xã", "district"},
		{"Đảng bộ khối", "bloc"},
		{"Đảng bộ xã", "commune"}, {"Đảng bộ phường", "commune"}, {"Đảng bộ đặc khu", "commune"},
		{"Chi bộ", "cell"}, {"Chi bộ trực thuộc đảng ủy cơ sở", "cell"},
	},
}

// Settings is the list of settings (loại hình) of party organizations.
var Settings = List{
	Name: "setting",
	Items: []Code{
		{"province", "Tỉnh", "Province"},
		{"city", "Thành phố trực thuộc Trung ương", "Centrally governed city"},
		{"district", "Quận, huyện, thị xã, thành phố thuộc tỉnh", "District-level unit"},
		{"commune", "Xã", "Commune"},
		{"ward", "Phường", "Ward"},
		{"township", "Thị trấn", "Township"},
		{"special_zone", "Đặc khu", "Special zone"},
		{"agency", "Cơ quan hành chính", "Administrative agency"},
		{"public_service", "Đơn vị sự nghiệp", "Public service unit"},
		{"soe", "Doanh nghiệp nhà nước", "State-owned enterprise"},
		{"private_enterprise", "Doanh nghiệp ngoài nhà nước", "Non-state enterprise"},
		{"fdi", "Doanh nghiệp có vốn đầu tư nước ngoài", "Foreign-invested enterprise"},
		{"army", "Quân đội", "Army"},
		{"police", "Công an", "Police"},
		{"village", "Thôn, ấp, bản, tổ dân phố", "Village or residential group"},
		{"school", "Trường học", "School"},
		{"other", "Khác", "Other"},
	},
	Aliases: []Alias{
		{"Thành phố", "city"}, {"Huyện", "district"}, {"Quận", "district"}, {"Thị xã", "district"},
		{"Cơ quan", "agency"}, {"Sự nghiệp", "public_service"},
		{"DNNN", "soe"}, {"Doanh nghiệp tư nhân", "private_enterprise"}, {"FDI", "fdi"},
		{"Thôn", "village"}, {"Ấp", "village"}, {"Bản", "village"}, {"Tổ dân phố", "village"},
		{"Trường", "school"},
	},
}

// MemberStatuses is the list of member statuses.
var MemberStatuses = List{
	Name: "member_status",
	Items: []Code{
		{"probationary", "Dự bị", "Probationary"},
		{"official", "Chính thức", "Official"},
		{"exempt", "Miễn công tác và sinh hoạt", "Exempt from duties and meetings"},
		{"in_transit", "Đang chuyển sinh hoạt", "Transfer in progress"},
		{"removed", "Xóa tên", "Removed from the rolls"},
		{"withdrawn", "Xin ra khỏi Đảng", "Withdrew from the Party"},
		{"expelled", "Khai trừ", "Expelled"},
		{"deceased", "Từ trần", "Deceased"},
	},
	Aliases: []Alias{
		{"Đảng viên dự bị", "probationary"}, {"Đảng viên chính thức", "official"},
		{"Miễn sinh hoạt", "exempt"}, {"Miễn công tác", "exempt"},
		{"Chuyển sinh hoạt", "in_transit"},
		{"Xin ra Đảng", "withdrawn"},
		{"Đã mất", "deceased"}, {"Qua đời", "deceased"},
	},
}
