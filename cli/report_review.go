package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"tochuc"
	"tochuc/forms"
	"tochuc/service"
)

// reportReview writes the review report of an org for a period as DOCX or PDF (or its figures
// as JSON); with --trace, the figures and the query of each go to FILE.trace.json beside it.
func reportReview(env *Env, args []string) error {
	fs, dsn := flags(env, "report review", "--org MÃ --period 2024H1|2024Q3|2024 --format docx|pdf|json --out TỆP [--trace] [--term NĂM] [--symbol SỐ] [--signer TÊN --signer-title CHỨC VỤ]")
	org := fs.String("org", "", "mã tổ chức (bắt buộc)")
	period := fs.String("period", "", "kỳ báo cáo: 2024H1 (6 tháng), 2024Q3 (quý), 2024 (năm)")
	format := fs.String("format", "", "docx, pdf hoặc json; mặc định theo đuôi tệp")
	out := fs.String("out", "", "tệp kết quả (- là đầu ra chuẩn)")
	trace := fs.Bool("trace", false, "ghi thêm TỆP.trace.json: từng số liệu và truy vấn tạo ra nó")
	symbol := fs.String("symbol", "", "số, ký hiệu văn bản, ví dụ 45-BC/TU (mặc định để trống)")
	signer := fs.String("signer", "", "họ tên người ký")
	signerTitle := fs.String("signer-title", "", "chức vụ người ký, ví dụ Phó Bí thư")
	noAppendix := fs.Bool("no-appendix", false, "không in phụ lục nguồn số liệu")
	term := fs.Int("term", 0, "năm bắt đầu nhiệm kỳ của số liệu đại hội, ví dụ 2025 cho nhiệm kỳ 2025–2030 (mặc định: nhiệm kỳ bắt đầu năm sau kỳ báo cáo, nếu chưa có đại hội nào thì nhiệm kỳ bắt đầu trong năm)")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	if *org == "" || *period == "" || *out == "" {
		fs.Usage()
		return ErrUsage
	}
	if *format == "" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
		if *out == "-" {
			*format = string(forms.PDF)
		}
	}
	if *format != "json" {
		if _, err := forms.ParseFormat(*format); err != nil {
			return tochuc.Errorf(tochuc.EINVALID, "định dạng %q không hỗ trợ; dùng docx, pdf hoặc json", *format)
		}
	}
	if *trace && *out == "-" {
		return tochuc.Errorf(tochuc.EINVALID, "--trace cần --out là một tệp")
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		var buf bytes.Buffer
		var sidecar any
		if *format == "json" {
			f, err := svc.ReviewFiguresTerm(env.Ctx, *org, *period, *term, "json")
			if err != nil {
				return err
			}
			if err := writeJSON(&buf, f); err != nil {
				return err
			}
			sidecar = f
		} else {
			ff := forms.Format(*format)
			rep, err := svc.ReviewReportWith(env.Ctx, *org, *period, ff, service.ReviewOptions{Term: *term, Symbol: *symbol,
				Signer: *signer, SignerTitle: *signerTitle, NoAppendix: *noAppendix})
			if err != nil {
				return err
			}
			if err := forms.WriteReport(&buf, rep.Document(), ff); err != nil {
				return err
			}
			sidecar = rep.Figures
		}
		if *out == "-" {
			_, err := buf.WriteTo(env.Stdout)
			return err
		}
		if err := reviewWriteFile(*out, buf.Bytes()); err != nil {
			return err
		}
		if *trace {
			b, err := json.MarshalIndent(sidecar, "", "  ")
			if err != nil {
				return err
			}
			if err := reviewWriteFile(*out+".trace.json", append(b, '\n')); err != nil {
				return err
			}
		}
		fmt.Fprintf(env.Stderr, "đã ghi báo cáo %s của %s vào %s\n", strings.ToUpper(*period), *org, *out)
		return nil
	})
}

// reviewWriteFile writes next to the target and renames at the end: a failure never leaves
// half a file.
func reviewWriteFile(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tochuc-report-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
