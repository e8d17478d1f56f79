package importer

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"tochuc"
	"tochuc/tabular"
)

// FuzzMemberReader feeds arbitrary files to the member reader: it never panics, and every row
// it returns carries its line number and either a member or errors naming a line.
func FuzzMemberReader(f *testing.F) {
	f.Add([]byte("full_name,sex,birth_date,org_code\nNguyễn Văn An,Nam,1970,X1\n"))
	f.Add([]byte("Họ và tên;Giới tính;Ngày sinh;Mã tổ chức đảng;Trạng thái;Ngày của trạng thái\nLê Thị Ánh;Nữ;03/1975;C1;Từ trần;31/02/2020\n"))
	f.Add([]byte("id,full_name,sex,birth_date,org_code\n-1,\"unclosed,Nam,x,y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := tabular.NewCSVReader(bytes.NewReader(data), tabular.Options{})
		if err != nil {
			return
		}
		defer r.Close()
		mr, err := NewMemberReader(r)
		if err != nil {
			if tochuc.ErrorCode(err) != tochuc.EINVALID {
				t.Fatalf("header error has code %q", tochuc.ErrorCode(err))
			}
			return
		}
		for i := 0; i < 10000; i++ {
			row, err := mr.Next()
			if errors.Is(err, io.EOF) {
				return
			} else if err != nil {
				return
			}
			if row.Line < 2 {
				t.Fatalf("row line %d", row.Line)
			}
			for _, e := range row.Errors {
				if e.Line != row.Line || e.Message == "" {
					t.Fatalf("error %+v not tied to line %d", e, row.Line)
				}
			}
		}
	})
}

// FuzzReadPlan checks that any plan file is read into rows or errors, never a panic.
func FuzzReadPlan(f *testing.F) {
	f.Add([]byte("old_code,new_code,effective_date,child_code,member_id\nX1,XM1,2025-07-01,,\nX2,XM1,01/07/2025,C1,12\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := tabular.NewCSVReader(bytes.NewReader(data), tabular.Options{})
		if err != nil {
			return
		}
		defer r.Close()
		rep := &tochuc.ImportReport{}
		rows := ReadPlan(r, rep)
		for _, p := range rows {
			if p.Line < 2 {
				t.Fatalf("plan row line %d", p.Line)
			}
		}
	})
}

// TestMemberReaderHeadings checks Vietnamese headings, labels and the row errors of one file.
func TestMemberReaderHeadings(t *testing.T) {
	tests := []struct {
		name, csv  string
		wantStatus string
		wantErrCol string
	}{
		{"vietnamese", "Họ và tên,Giới tính,Ngày sinh,Mã tổ chức đảng,Trạng thái\nNguyễn Văn An,Nam,1970,X1,Dự bị\n", "probationary", ""},
		{"machine", "full_name,sex,birth_date,org_code,status\nNguyen,male,1970,X1,official\n", "official", ""},
		{"bad status", "full_name,sex,birth_date,org_code,status\nA,male,1970,X1,đang sống\n", "", "status"},
		{"missing org", "full_name,sex,birth_date,org_code\nA,male,1970,\n", "", "org_code"},
		{"bad id", "id,full_name,sex,birth_date,org_code\nx,A,male,1970,X1\n", "", "id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := tabular.NewCSVReader(bytes.NewReader([]byte(tc.csv)), tabular.Options{})
			if err != nil {
				t.Fatal(err)
			}
			mr, err := NewMemberReader(r)
			if err != nil {
				t.Fatal(err)
			}
			row, err := mr.Next()
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantErrCol == "" {
				if len(row.Errors) > 0 || row.Status != tc.wantStatus {
					t.Fatalf("status %q errors %v", row.Status, row.Errors)
				}
				return
			}
			if len(row.Errors) == 0 || row.Errors[0].Column != tc.wantErrCol || row.Errors[0].Line != 2 {
				t.Fatalf("want an error in column %s on line 2, got %v", tc.wantErrCol, row.Errors)
			}
		})
	}
}
