package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"tochuc"
	"tochuc/importer"
	"tochuc/progress"
	"tochuc/service"
	"tochuc/tabular"
	"tochuc/vn"
)

// parseInterleaved lets flags come after positional arguments, as people type them.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, flag.ErrHelp
			}
			return nil, ErrUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func cmdImport(env *Env, args []string) error {
	fs, dsn := flags(env, "import", "orgs|members|restructure TỆP [--dry-run] [--encoding auto|unicode|tcvn3|vni] [--errors TỆP-LỖI]")
	dry := fs.Bool("dry-run", false, "chỉ kiểm tra, không ghi gì")
	enc := fs.String("encoding", "auto", "bảng mã của tệp: auto (tự nhận), unicode, tcvn3 (ABC), vni")
	errPath := fs.String("errors", "", "ghi danh sách lỗi ra tệp CSV này (mặc định: TỆP.loi.csv khi có lỗi)")
	pos, help, err := parsePositional(fs, args)
	if help || err != nil {
		return err
	}
	if len(pos) != 2 {
		fs.Usage()
		return ErrUsage
	}
	kind, path := pos[0], pos[1]
	r, err := importer.OpenFile(path, *enc)
	if err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "không mở được tệp %s: %v", path, err)
	}
	defer r.Close()
	svc, err := openService(env, *dsn)
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	var rep *tochuc.ImportReport
	switch kind {
	case "orgs":
		rep, err = readThenApply(func(rep *tochuc.ImportReport) []importer.OrgRow { return importer.ReadOrgs(r, rep) },
			func(rows []importer.OrgRow) (*tochuc.ImportReport, error) { return svc.ImportOrgs(env.Ctx, rows, *dry) })
	case "restructure":
		rep, err = readThenApply(func(rep *tochuc.ImportReport) []importer.PlanRow { return importer.ReadPlan(r, rep) },
			func(rows []importer.PlanRow) (*tochuc.ImportReport, error) {
				return svc.ApplyRestructure(env.Ctx, rows, *dry)
			})
	case "members":
		mr, err2 := importer.NewMemberReader(r)
		if err2 != nil {
			return err2
		}
		bar := progress.New(env.Stderr, 0, "Nhập đảng viên")
		rep, err = svc.ImportMembers(env.Ctx, mr, service.ImportOptions{DryRun: *dry, Progress: bar.Set})
		bar.Done()
	default:
		fs.Usage()
		return ErrUsage
	}
	if err != nil {
		return err
	}
	return reportImport(env, rep, path, *errPath, *dry)
}

// readThenApply reads a whole small file (orgs, plans) and applies it only if it read cleanly,
// keeping the warnings of both steps.
func readThenApply[R any](read func(*tochuc.ImportReport) R, apply func(R) (*tochuc.ImportReport, error)) (*tochuc.ImportReport, error) {
	first := &tochuc.ImportReport{}
	rows := read(first)
	if first.Failed() {
		return first, nil
	}
	rep, err := apply(rows)
	if err != nil {
		return nil, err
	}
	rep.Warnings = append(first.Warnings, rep.Warnings...)
	return rep, nil
}

// reportImport prints what an import did and writes the error file people open in Excel.
func reportImport(env *Env, rep *tochuc.ImportReport, path, errPath string, dry bool) error {
	for i, w := range rep.Warnings {
		if i == 10 {
			fmt.Fprintf(env.Stderr, "… và %s cảnh báo khác\n", vn.FormatInt(int64(len(rep.Warnings)-10)))
			break
		}
		fmt.Fprintln(env.Stderr, "cảnh báo:", w.String())
	}
	if rep.Failed() {
		for i, e := range rep.Errors {
			if i == 20 {
				fmt.Fprintf(env.Stderr, "… và %s lỗi khác\n", vn.FormatInt(int64(len(rep.Errors)-20)))
				break
			}
			fmt.Fprintln(env.Stderr, e.String())
		}
		if errPath == "" {
			errPath = strings.TrimSuffix(path, filepath.Ext(path)) + ".loi.csv"
		}
		if err := writeErrors(errPath, rep.Errors); err == nil {
			fmt.Fprintf(env.Stderr, "Danh sách lỗi đã ghi vào %s\n", errPath)
		}
		return tochuc.Errorf(tochuc.EINVALID, "tệp có %s lỗi trên %s dòng; không có gì được ghi vào cơ sở dữ liệu", vn.FormatInt(int64(len(rep.Errors))), vn.FormatInt(int64(rep.Rows)))
	}
	verb := "Đã nhập"
	if dry {
		verb = "Kiểm tra xong (--dry-run, chưa ghi)"
	}
	fmt.Fprintf(env.Stdout, "%s %s dòng: %s tạo mới, %s cập nhật, %s không đổi", verb, vn.FormatInt(int64(rep.Rows)),
		vn.FormatInt(int64(rep.Created)), vn.FormatInt(int64(rep.Updated)), vn.FormatInt(int64(rep.Unchanged)))
	if rep.Moved > 0 {
		fmt.Fprintf(env.Stdout, ", %s đảng viên được chuyển sang tổ chức kế thừa", vn.FormatInt(int64(rep.Moved)))
	}
	fmt.Fprintln(env.Stdout, ".")
	return nil
}

func writeErrors(path string, errs []tochuc.RowError) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := tabular.NewCSVWriter(f, true)
	w.WriteHeader([]string{"Dòng", "Cột", "Giá trị", "Lỗi"})
	for _, e := range errs {
		col := ""
		if e.Column != "" {
			col = tochuc.ColumnLabel(e.Column) + " (" + e.Column + ")"
		}
		w.WriteRow([]string{fmt.Sprint(e.Line), col, e.Value, e.Message})
	}
	if err := w.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func cmdExport(env *Env, args []string) error {
	fs, dsn := flags(env, "export", "orgs|members [--format csv|xlsx] [--as-of YYYY-MM-DD] [--org MÃ] --out TỆP")
	format := fs.String("format", "", "csv (cho máy, tiêu đề snake_case) hoặc xlsx (cho người đọc, tiêu đề tiếng Việt); mặc định theo đuôi tệp")
	asOf := fs.String("as-of", "", "tại ngày (YYYY-MM-DD); tổ chức: bỏ trống = mọi phiên bản trong lịch sử; đảng viên: bỏ trống = hôm nay")
	org := fs.String("org", "", "chỉ xuất cây con của tổ chức mã này")
	out := fs.String("out", "", "tệp kết quả (- là đầu ra chuẩn)")
	pos, help, err := parsePositional(fs, args)
	if help || err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" {
		fs.Usage()
		return ErrUsage
	}
	if *format == "" {
		*format = "csv"
		if strings.EqualFold(filepath.Ext(*out), ".xlsx") {
			*format = "xlsx"
		}
	}
	opt := service.ExportOptions{OrgCode: *org, Human: *format == "xlsx"}
	if *asOf != "" {
		d, err := tochuc.ParseISODate(*asOf)
		if err != nil {
			return err
		}
		opt.AsOf = d
	}
	svc, err := openService(env, *dsn)
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	var dst io.Writer = env.Stdout
	var f *os.File
	if *out != "-" {
		// Write next to the target and rename at the end: a failed export never leaves half a file.
		if f, err = os.CreateTemp(filepath.Dir(*out), ".tochuc-export-*"); err != nil {
			return err
		}
		defer os.Remove(f.Name())
		dst = f
	}
	var w tabular.Writer
	switch *format {
	case "csv":
		w = tabular.NewCSVWriter(dst, false)
	case "xlsx":
		if w, err = tabular.NewXLSXWriter(dst, "Danh sách"); err != nil {
			return err
		}
	default:
		return tochuc.Errorf(tochuc.EINVALID, "định dạng %q không hỗ trợ; dùng csv hoặc xlsx", *format)
	}
	var n int64
	switch pos[0] {
	case "orgs":
		var k int
		k, err = svc.ExportOrgs(env.Ctx, w, opt)
		n = int64(k)
	case "members":
		bar := progress.New(env.Stderr, 0, "Xuất đảng viên")
		opt.Progress = bar.Set
		n, err = svc.ExportMembers(env.Ctx, w, opt)
		bar.Done()
	default:
		fs.Usage()
		return ErrUsage
	}
	if err != nil {
		return err
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return err
		}
		if err := os.Rename(f.Name(), *out); err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "Đã xuất %s dòng ra %s\n", vn.FormatInt(n), *out)
	}
	return nil
}
