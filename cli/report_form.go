package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/service"
	"tochuc/statforms"
)

// reportForm writes an official statistical form of an org as of a date as XLSX (the official
// layout), JSON or CSV (row,column,value); --list prints the form codes.
func reportForm(env *Env, args []string) error {
	fs, dsn := flags(env, "report form", "--form MÃ_BIỂU --org MÃ --as-of YYYY-MM-DD [--format xlsx|json|csv] --out TỆP\n  | --list")
	list := fs.Bool("list", false, "liệt kê các biểu")
	form := fs.String("form", "", "mã biểu, ví dụ 1-TCTW")
	org := fs.String("org", "", "mã tổ chức (mặc định cả cây)")
	asOf := dateFlag(fs, "as-of", "ngày lập biểu (30/6 hoặc 31/12)")
	format := fs.String("format", "", "xlsx, json hoặc csv; mặc định theo đuôi tệp")
	out := fs.String("out", "", "tệp kết quả (- là đầu ra chuẩn)")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	if *list {
		w := csv.NewWriter(env.Stdout)
		w.Write([]string{"code", "title", "dates", "verified"})
		for _, c := range statforms.Codes() {
			l, _ := statforms.Get(c)
			var ds []string
			for _, d := range l.Dates {
				ds = append(ds, d[3:]+"/"+d[:2])
			}
			w.Write([]string{c, l.Title, strings.Join(ds, " "), strconv.FormatBool(l.Unverified == "")})
		}
		w.Flush()
		return w.Error()
	}
	d, err := asOf.date()
	if err != nil {
		return err
	}
	if *form == "" || d == "" || *out == "" {
		fs.Usage()
		return ErrUsage
	}
	if *format == "" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
		if *out == "-" {
			*format = "json"
		}
	}
	if *format != "xlsx" && *format != "json" && *format != "csv" {
		return tochuc.Errorf(tochuc.EINVALID, "--format %q không hợp lệ: chọn xlsx, json hoặc csv", *format)
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		var buf bytes.Buffer
		var v *service.StatFormView
		var err error
		if *format == "xlsx" {
			v, err = svc.StatFormXLSX(env.Ctx, &buf, *form, *org, d)
		} else {
			v, err = svc.StatForm(env.Ctx, *form, *org, d)
		}
		if err != nil {
			return err
		}
		switch *format {
		case "json":
			if err := writeJSON(&buf, v); err != nil {
				return err
			}
		case "csv":
			w := csv.NewWriter(&buf)
			w.Write([]string{"org_code", "row_no", "row", "column", "value"})
			for _, r := range v.Layout.Rows {
				for _, c := range v.Layout.Columns {
					if n, ok := v.Value(r.Key, c.Key); ok {
						w.Write([]string{v.OrgCode, r.No, r.Key, c.Key, strconv.FormatInt(n, 10)})
					}
				}
			}
			w.Flush()
		}
		for _, is := range v.Issues {
			fmt.Fprintf(env.Stderr, "%s: %s\n", statforms.LevelLabel(is.Level), is.Message)
		}
		if *out == "-" {
			_, err = buf.WriteTo(env.Stdout)
			return err
		}
		if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "đã lập biểu %s của %s ngày %s vào %s\n", v.Form, v.OrgCode, d.Display(), *out)
		return nil
	})
}

// writeFileAtomic writes next to the target and renames at the end: a failure never leaves half
// a file.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tochuc-report-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
