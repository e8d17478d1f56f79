package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"tochuc"
	"tochuc/forms"
	"tochuc/service"
)

// cmdForm prints a member's form (9-KNĐ, the recognition decision, the transfer slip) to a PDF
// or DOCX file; the print is recorded in the audit trail like any export.
func cmdForm(env *Env, args []string) error {
	fs, dsn := flags(env, "form", strings.Join(service.FormNames, "|")+" --member MÃ [--event MÃ] --out TỆP.pdf|TỆP.docx")
	member := fs.Int64("member", 0, "mã đảng viên")
	event := fs.Int64("event", 0, "giấy giới thiệu: mã sự kiện chuyển sinh hoạt đảng (mặc định lần chuyển gần nhất)")
	format := fs.String("format", "", "pdf hoặc docx; mặc định theo đuôi tệp")
	out := fs.String("out", "", "tệp kết quả (- là đầu ra chuẩn)")
	pos, help, err := parsePositional(fs, args)
	if help || err != nil {
		return err
	}
	if len(pos) != 1 || *member <= 0 || *out == "" {
		fs.Usage()
		return ErrUsage
	}
	if *format == "" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
		if *out == "-" {
			*format = string(forms.PDF)
		}
	}
	f, err := forms.ParseFormat(*format)
	if err != nil {
		return tochuc.Errorf(tochuc.EINVALID, "định dạng %q không hỗ trợ; dùng pdf hoặc docx", *format)
	}
	svc, err := openService(env, *dsn)
	if err != nil {
		return err
	}
	defer svc.DB.Close()
	form, err := svc.MemberForm(env.Ctx, *member, pos[0], *event, f)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := forms.Write(&buf, form, f); err != nil {
		return err
	}
	if *out == "-" {
		_, err = buf.WriteTo(env.Stdout)
		return err
	}
	// Write next to the target and rename at the end: a failure never leaves half a file.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".tochuc-form-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := buf.WriteTo(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "đã in %s của đảng viên %d vào %s\n", form.Code(), *member, *out)
	return nil
}
