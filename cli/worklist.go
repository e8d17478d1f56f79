package cli

import (
	"fmt"

	"tochuc"
	"tochuc/service"
)

var workKindNames = map[string]string{
	service.WorkProbation:   "Dự bị đến hạn, quá hạn xét chính thức",
	service.WorkCandidate:   "Hồ sơ kết nạp quá hạn",
	service.WorkCertificate: "Giấy chứng nhận nhận thức về Đảng sắp hết hạn",
	service.WorkTransfer:    "Chuyển sinh hoạt chưa tiếp nhận",
	service.WorkRemoval:     "Ba tháng bỏ sinh hoạt hoặc không đóng đảng phí",
	service.WorkCard:        "Thẻ đảng viên đến hạn kiểm tra",
}

func cmdWorklist(env *Env, args []string) error {
	fs, dsn := flags(env, "worklist", "[--org MÃ] [--days 30] [--as-of YYYY-MM-DD]")
	org := fs.String("org", "", "mã tổ chức (mặc định cả cây)")
	days := fs.Int("days", 30, "số ngày nhìn trước")
	asOf := fs.String("as-of", "", "ngày xem (mặc định hôm nay)")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		d, err := svc.Today(), error(nil)
		if *asOf != "" {
			if d, err = tochuc.ParseISODate(*asOf); err != nil {
				return tochuc.Errorf(tochuc.EINVALID, "--as-of %q không hợp lệ (dạng YYYY-MM-DD)", *asOf)
			}
		}
		w, err := svc.Worklist(env.Ctx, *org, d, *days)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Việc cần làm của %s tại %s (nhìn trước %d ngày): %d việc\n", w.Org.Name, w.AsOf.Display(), w.Days, len(w.Items))
		for _, k := range service.WorkKinds {
			if w.Counts[k] == 0 {
				continue
			}
			fmt.Fprintf(env.Stdout, "\n%s (%d)\n", workKindNames[k], w.Counts[k])
			for _, it := range w.Items {
				if it.Kind != k {
					continue
				}
				over := ""
				if it.Overdue {
					over = " — QUÁ HẠN"
				}
				fmt.Fprintf(env.Stdout, "  %-32s %-12s hạn %s%s %s\n", it.Name, it.OrgCode, it.Due.Display(), over, it.Detail)
			}
		}
		return nil
	})
}
