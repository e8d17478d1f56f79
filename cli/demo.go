package cli

import (
	"fmt"
	"os"

	"tochuc"
	"tochuc/demo"
	"tochuc/progress"
	"tochuc/store"
)

// DefaultDemoMembers keeps the default demo quick to build; 5600000 is national scale.
const DefaultDemoMembers = 60000

func cmdDemo(env *Env, args []string) error {
	fs, dsn := flags(env, "demo", "[--db tochuc.db] [--members N] [--seed S] [--force]")
	members := fs.Int("members", DefaultDemoMembers, "số đảng viên giả lập (5600000 cho quy mô cả nước)")
	seed := fs.Uint64("seed", 1, "hạt giống ngẫu nhiên: cùng hạt giống cho cùng dữ liệu")
	force := fs.Bool("force", false, "xóa cơ sở dữ liệu SQLite đã có trước khi tạo")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	_, err := buildDemo(env, *dsn, *members, *seed, *force)
	return err
}

func buildDemo(env *Env, dsn string, members int, seed uint64, force bool) (*demo.Summary, error) {
	if members < 1000 {
		return nil, tochuc.Errorf(tochuc.EINVALID, "--members phải từ 1.000 trở lên")
	}
	if !store.IsPostgres(dsn) {
		if _, err := os.Stat(dsn); err == nil {
			if !force {
				return nil, tochuc.Errorf(tochuc.ECONFLICT, "tệp %s đã có; thêm --force để tạo lại dữ liệu mẫu", dsn)
			}
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(dsn + suffix)
			}
		}
	}
	svc, err := openService(env, dsn)
	if err != nil {
		return nil, err
	}
	defer svc.DB.Close()
	if n, err := svc.DB.MemberCount(env.Ctx); err != nil {
		return nil, err
	} else if n > 0 {
		return nil, tochuc.Errorf(tochuc.ECONFLICT, "cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ tạo trên cơ sở dữ liệu trống")
	}
	fmt.Fprintf(env.Stdout, "Tạo dữ liệu mẫu trong %s (hạt giống %d)…\n", dsn, seed)
	bar := progress.New(env.Stderr, int64(members), "Đảng viên")
	s, err := demo.Build(env.Ctx, svc, demo.Options{Seed: seed, Members: members, Out: env.Stdout,
		Progress: func(_ string, n int64) { bar.Set(n) }})
	bar.Done()
	return s, err
}
