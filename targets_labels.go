package tochuc

// Columns of the target file (chỉ tiêu), added to the column headings.
func init() {
	for k, v := range map[string]string{
		"year":      "Năm",
		"year_from": "Từ năm",
		"year_to":   "Đến năm",
		"figure":    "Chỉ số",
		"filter":    "Điều kiện",
		"direction": "Chiều",
		"target":    "Chỉ tiêu",
		"baseline":  "Mốc ban đầu",
		"label":     "Tên chỉ tiêu",
	} {
		if _, ok := columnLabels[k]; !ok {
			columnLabels[k] = v
		}
	}
}
