package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/audit"
	"tochuc/store"
	"tochuc/vn"
)

func auditUsage(w io.Writer) {
	fmt.Fprintln(w, "Cách dùng: tochuc audit verify|list [tùy chọn]   (tochuc audit <lệnh> -h để xem tùy chọn)")
	fmt.Fprintln(w, "\n  verify  kiểm tra toàn bộ chuỗi băm của nhật ký kiểm toán, in đầu chuỗi để ghi lại")
	fmt.Fprintln(w, "  list    xem các mục nhật ký, mới nhất trước (lọc theo đối tượng, người, đơn vị, ngày)")
	fmt.Fprintln(w, "\nTùy chọn chung: --db TỆP hoặc postgres://… (TOCHUC_DB)")
}

func cmdAudit(env *Env, args []string) error {
	if len(args) == 0 {
		auditUsage(env.Stderr)
		return ErrUsage
	}
	switch args[0] {
	case "verify":
		return cmdAuditVerify(env, args[1:])
	case "list":
		return cmdAuditList(env, args[1:])
	case "-h", "--help", "-help", "help":
		auditUsage(env.Stderr)
		return nil
	}
	fmt.Fprintf(env.Stderr, "lệnh không rõ: audit %q\n\n", args[0])
	auditUsage(env.Stderr)
	return ErrUsage
}

// openExisting opens a database that must already exist: checking a trail must not create one.
func openExisting(env *Env, dsn string) (*store.DB, error) {
	if !store.IsPostgres(dsn) {
		if _, err := os.Stat(dsn); err != nil {
			return nil, tochuc.Errorf(tochuc.ENOTFOUND, "không có cơ sở dữ liệu %s", dsn)
		}
	}
	return store.Open(env.Ctx, dsn)
}

func cmdAuditVerify(env *Env, args []string) error {
	fs, dsn := flags(env, "audit verify", "[--db …] [--expect-head SỐ:MÃ-BĂM]")
	expect := fs.String("expect-head", "", "đầu chuỗi đã ghi lại ngoài cơ sở dữ liệu ở lần kiểm tra trước (SỐ:MÃ-BĂM):\nphát hiện cả các mục cuối bị xoá")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return ErrUsage
	}
	v := &audit.Verifier{}
	if *expect != "" {
		h, err := audit.ParseHead(*expect)
		if err != nil {
			return err
		}
		v.Expect = &h
	}
	db, err := openExisting(env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	err = db.VerifyAudit(env.Ctx, v)
	var p *audit.Problem
	if errors.As(err, &p) {
		fmt.Fprintf(env.Stdout, "Nhật ký kiểm toán KHÔNG toàn vẹn: %s\n", audit.Clean(p.Message))
		if v.Count() > 0 {
			fmt.Fprintf(env.Stdout, "%s mục trước đó (đến mục số %d) kiểm tra tốt.\n", vn.FormatInt(v.Count()), v.Head().Seq)
		}
		return tochuc.Errorf(tochuc.EINVALID, "nhật ký kiểm toán không toàn vẹn (mục số %d)", p.Seq)
	} else if err != nil {
		return err
	}
	if v.Count() == 0 {
		fmt.Fprintln(env.Stdout, "Nhật ký kiểm toán toàn vẹn: 0 mục (chưa có mục nào)")
		return nil
	}
	fmt.Fprintf(env.Stdout, "Nhật ký kiểm toán toàn vẹn: %s mục, đầu chuỗi %s\n", vn.FormatInt(v.Count()), audit.Clean(v.Head().String()))
	if v.Expect != nil {
		fmt.Fprintf(env.Stdout, "Khớp với đầu chuỗi đã ghi lại %s.\n", v.Expect)
	} else {
		fmt.Fprintln(env.Stdout, "Hãy ghi lại đầu chuỗi này ngoài máy chủ và lần sau kiểm tra với --expect-head: chỉ như vậy mới phát hiện được các mục cuối bị xoá.")
	}
	return nil
}

func cmdAuditList(env *Env, args []string) error {
	fs, dsn := flags(env, "audit list", "[--db …] [--object LOẠI:MÃ] [--actor SỐ] [--org SỐ,SỐ…] [--action HÀNH-ĐỘNG] [--from NGÀY] [--to NGÀY] [--before SỐ] [--limit 50]")
	object := fs.String("object", "", "đối tượng, ví dụ member:123 (lịch sử một hồ sơ) hoặc chỉ member")
	actor := fs.Int64("actor", 0, "mã người dùng đã thực hiện")
	orgs := fs.String("org", "", "mã đơn vị (id) của đối tượng, nhiều mã cách nhau bằng dấu phẩy")
	action := fs.String("action", "", "hành động, ví dụ member.update; kết thúc bằng dấu chấm để lấy cả nhóm (auth.)")
	from := fs.String("from", "", "từ ngày YYYY-MM-DD (giờ UTC)")
	to := fs.String("to", "", "đến hết ngày YYYY-MM-DD (giờ UTC)")
	before := fs.Int64("before", 0, "chỉ các mục có số nhỏ hơn (trang tiếp theo)")
	limit := fs.Int("limit", 50, "số mục tối đa (đến 1000)")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return ErrUsage
	}
	f := store.AuditFilter{ActorID: *actor, Action: *action, From: *from, To: *to, BeforeSeq: *before, Limit: *limit}
	f.ObjectType, f.ObjectID, _ = strings.Cut(*object, ":")
	if *orgs != "" {
		for _, s := range strings.Split(*orgs, ",") {
			id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil {
				return tochuc.Errorf(tochuc.EINVALID, "mã đơn vị %q không hợp lệ", audit.Clean(s))
			}
			f.OrgIDs = append(f.OrgIDs, id)
		}
	}
	db, err := openExisting(env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	entries, err := db.ListAudit(env.Ctx, f)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		fmt.Fprintln(env.Stdout, "Không có mục nào.")
		return nil
	}
	for _, e := range entries {
		printAuditEntry(env.Stdout, e)
	}
	if last := entries[len(entries)-1]; len(entries) == min(max(*limit, 1), 1000) && last.Seq > 1 {
		fmt.Fprintf(env.Stdout, "… có thể còn nữa: thêm --before %d để xem tiếp\n", last.Seq)
	}
	return nil
}

// printAuditEntry prints one entry; every text goes through audit.Clean, since it may carry
// newlines or terminal escapes typed by anyone.
func printAuditEntry(w io.Writer, e tochuc.AuditEntry) {
	c := audit.Clean
	var b strings.Builder
	fmt.Fprintf(&b, "#%d  %s  %s  %s", e.Seq, c(e.Time), c(e.Action), c(e.Outcome))
	if e.ObjectType != "" || e.ObjectID != "" {
		fmt.Fprintf(&b, "  %s:%s", c(e.ObjectType), c(e.ObjectID))
	}
	if e.OrgID != 0 {
		fmt.Fprintf(&b, "  đơn vị %d", e.OrgID)
	}
	who := c(e.ActorName)
	if who == "" {
		who = "?"
	}
	fmt.Fprintf(&b, "  bởi %s (#%d", who, e.ActorID)
	for _, s := range []string{e.Channel, e.IP} {
		if s != "" {
			b.WriteString(", " + c(s))
		}
	}
	b.WriteString(")\n")
	if e.Reason != "" {
		fmt.Fprintf(&b, "    lý do: %s\n", c(e.Reason))
	}
	for _, ch := range e.Changes {
		fmt.Fprintf(&b, "    %s: %s → %s\n", c(ch.Field), quoteEmpty(c(ch.Old)), quoteEmpty(c(ch.New)))
	}
	if e.Detail != "" {
		fmt.Fprintf(&b, "    chi tiết: %s\n", c(e.Detail))
	}
	io.WriteString(w, b.String())
}

func quoteEmpty(s string) string {
	if s == "" {
		return "(trống)"
	}
	return s
}
