package tabular

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Open reads the table in the file at path, choosing the format by extension:
// .csv, .txt and .tsv are CSV (.tsv defaults to tab-delimited), .xlsx is
// Excel; other extensions are rejected.
func Open(path string, opt Options) (Reader, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".csv", ".txt", ".tsv":
		if ext == ".tsv" && opt.Comma == 0 {
			opt.Comma = '\t'
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		return newCSVReader(f, opt, f.Close)
	case ".xlsx":
		if _, err := os.Stat(path); err != nil {
			return nil, err
		}
		return openXLSX(path, opt)
	}
	return nil, fmt.Errorf("định dạng tệp %q không được hỗ trợ; hãy lưu thành .xlsx hoặc .csv", ext)
}
