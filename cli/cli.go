// Package cli implements the tochuc command line: one FlagSet per subcommand and a testable
// Run that takes its environment and streams as arguments.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"

	"tochuc"
	"tochuc/service"
	"tochuc/store"
)

// ErrUsage reports a usage error already explained on stderr.
var ErrUsage = errors.New("usage")

// Version is set at build time with -ldflags "-X tochuc/cli.Version=…".
var Version = "dev"

// Env is what a command sees of its surroundings.
type Env struct {
	Ctx    context.Context
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

type command struct {
	summary string
	run     func(env *Env, args []string) error
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"serve":    {"chạy máy chủ web (mặc định 127.0.0.1:8080)", cmdServe},
		"demo":     {"tạo cơ sở dữ liệu mẫu: cả nước, cây tổ chức thật, đảng viên giả lập", cmdDemo},
		"migrate":  {"áp dụng các bản nâng cấp lược đồ cơ sở dữ liệu", cmdMigrate},
		"import":   {"nhập tổ chức, đảng viên hoặc phương án sắp xếp từ CSV/XLSX", cmdImport},
		"export":   {"xuất tổ chức hoặc đảng viên ra CSV/XLSX", cmdExport},
		"form":     {"in mẫu của đảng viên (9-knd, cong-nhan, gioi-thieu) ra PDF hoặc DOCX", cmdForm},
		"version":  {"in phiên bản", cmdVersion},
		"bench":    {"đo tốc độ trên cơ sở dữ liệu hiện có", cmdBench},
		"audit":    {"nhật ký kiểm toán: verify (kiểm tra chuỗi băm), list (xem)", cmdAudit},
		"rules":    {"quy định áp dụng theo ngày (list) và các số có thể cấu hình (set)", cmdRules},
		"calendar": {"lịch ngày làm việc: ngày nghỉ lễ, thêm ngày nghỉ (off) hoặc ngày làm bù (work)", cmdCalendar},
		"worklist": {"việc cần làm: dự bị đến hạn, chuyển sinh hoạt chưa nhận, ba tháng bỏ sinh hoạt…", cmdWorklist},
		"user":     {"quản lý tài khoản: add, passwd, disable, enable, grant, revoke, list", cmdUser},
		"stats":    {"thống kê: members (số đảng viên theo các chiều, tại một ngày), flows (kết nạp, chuyển đến, chuyển đi… trong kỳ)", cmdStats},
		"target":   {"chỉ tiêu: set (giao), import (nhập tệp CSV), list (tiến độ, theo nhóm với --group)", cmdTarget},
		"congress": {"đại hội: record (ghi đại hội đã tổ chức), progress (số tổ chức cơ sở đảng đã đại hội nhiệm kỳ)", cmdCongress},
		"report":   {"báo cáo: review (báo cáo sơ kết, tổng kết ra DOCX/PDF), form (biểu thống kê -TCTW ra XLSX)", cmdReport},
		"orgfacts": {"số liệu nền cho tỷ lệ: set (dân số, số thôn, tổ dân phố, số có chi bộ), import (tệp), list (tỷ lệ đảng viên/dân số, thôn, tổ dân phố có chi bộ)", cmdOrgFacts},

		// Submission rounds of the statistical forms (issue 5).
		"statround": {"đợt báo cáo biểu thống kê: open (mở đợt), submit (đơn vị nộp), approve|return (cấp trên duyệt, trả lại), status (đã nộp/chưa nộp), list", cmdStatround},

		// The development pipeline (issue 4).
		"candidate": {"phát triển đảng viên (quần chúng ưu tú): add, step, ceremony, drop, list", cmdCandidate},
		"transfer":  {"chuyển sinh hoạt đảng: issue (cấp giấy, --batch tệp CSV), receive, cancel, list, transit", cmdTransfer},

		// Probation to official and the party card (issue 4).
		"probation": {"dự bị: due (đến hạn, quá hạn), recognize (công nhận chính thức, một người hoặc cả danh sách CSV)", cmdProbation},
		"card":      {"thẻ đảng viên: issue (phát, cấp lại), lost (báo mất), list (mẫu 1-TĐV, 1A-TĐV)", cmdCard},
	}
}

// Run executes one command line.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	// The command line acts as the system: whoever runs it already holds the database. It is
	// audited like any user (channel "cli"); the web server gives each request its own actor.
	ctx = tochuc.WithActor(ctx, tochuc.SystemActor(tochuc.ChannelCLI))
	env := &Env{Ctx: ctx, Getenv: getenv, Stdin: stdin, Stdout: stdout, Stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return ErrUsage
		}
		return nil
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "lệnh không rõ: %q\n\n", args[0])
		usage(stderr)
		return ErrUsage
	}
	return c.run(env, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tochuc — phần mềm công tác tổ chức xây dựng Đảng")
	fmt.Fprintln(w, "\nCách dùng: tochuc <lệnh> [tùy chọn]   (tochuc <lệnh> -h để xem tùy chọn)")
	fmt.Fprintln(w, "\nCác lệnh:")
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nCơ sở dữ liệu: --db TỆP (SQLite nhúng, mặc định ./tochuc.db) hoặc --db postgres://…; biến môi trường TOCHUC_DB.")
}

// flags makes a FlagSet with the shared --db flag and a Vietnamese usage line.
func flags(env *Env, name, synopsis string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	def := env.Getenv("TOCHUC_DB")
	if def == "" {
		def = "tochuc.db"
	}
	db := fs.String("db", def, "cơ sở dữ liệu: đường dẫn tệp SQLite hoặc postgres://… (TOCHUC_DB)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Cách dùng: tochuc %s %s\n\nTùy chọn:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs, db
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return ErrUsage
	}
	return nil
}

func helpAsked(args []string) bool {
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			return true
		}
	}
	return false
}

func openService(env *Env, dsn string) (*service.Service, error) {
	db, err := store.Open(env.Ctx, dsn)
	if err != nil {
		return nil, err
	}
	svc := service.New(db)
	// Figures come from the snapshot a server on this database kept, when it is current.
	svc.StatsFile, svc.StatsFileReadOnly = statsFileFor(dsn, ""), true
	return svc, nil
}

func cmdVersion(env *Env, args []string) error {
	fs, _ := flags(env, "version", "")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	fmt.Fprintln(env.Stdout, "tochuc", Version)
	return nil
}

func cmdMigrate(env *Env, args []string) error {
	fs, dsn := flags(env, "migrate", "[--db …]")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	db, err := store.Open(env.Ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(env.Ctx)
	if err != nil {
		return err
	}
	name := map[string]string{store.SQLite: "SQLite", store.Postgres: "PostgreSQL"}[db.Engine]
	fmt.Fprintf(env.Stdout, "lược đồ cơ sở dữ liệu: phiên bản %d (%s)\n", v, name)
	return nil
}
