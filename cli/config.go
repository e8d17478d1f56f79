package cli

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/service"
)

// cmdRules lists the rules in force and sets the configurable numbers.
func cmdRules(env *Env, args []string) error {
	if len(args) > 0 && args[0] == "set" {
		fs, dsn := flags(env, "rules set", "ID THAM_SỐ GIÁ_TRỊ   (giá trị -1: bỏ, dùng số mặc định)")
		if len(args) < 4 {
			fs.Usage()
			return ErrUsage
		}
		if err := parse(fs, args[4:]); err != nil {
			return err
		}
		v, err := strconv.Atoi(args[3])
		if err != nil {
			return tochuc.Errorf(tochuc.EINVALID, "giá trị %q phải là một số nguyên", args[3])
		}
		return withService(env, *dsn, func(svc *service.Service) error {
			if err := svc.SetRuleParam(env.Ctx, args[1], args[2], v); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Đã đặt %s.%s = %d.\n", args[1], args[2], v)
			return nil
		})
	}
	fs, dsn := flags(env, "rules", "[list] [--date YYYY-MM-DD] | set ID THAM_SỐ GIÁ_TRỊ")
	date := fs.String("date", "", "ngày áp dụng (mặc định hôm nay)")
	if len(args) > 0 && args[0] == "list" {
		args = args[1:]
	}
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		d, err := svc.Today(), error(nil)
		if *date != "" {
			if d, err = tochuc.ParseISODate(*date); err != nil {
				return tochuc.Errorf(tochuc.EINVALID, "--date %q không hợp lệ", *date)
			}
		}
		list, err := svc.Rules(env.Ctx, d)
		if err != nil {
			return err
		}
		for _, r := range list {
			mark := ""
			if r.Unverified {
				mark = " [CHƯA KIỂM CHỨNG — có thể cấu hình]"
			} else if r.Configurable {
				mark = " [có thể cấu hình]"
			}
			var ps []string
			for k, v := range r.Params {
				ps = append(ps, fmt.Sprintf("%s=%d", k, v))
			}
			sort.Strings(ps)
			fmt.Fprintf(env.Stdout, "%s%s\n  %s\n  %s; hiệu lực từ %s  %s\n", r.ID, mark, r.Title, r.Basis, tochuc.Date(r.From).Display(), strings.Join(ps, " "))
		}
		return nil
	})
}

// cmdCalendar lists a year's days off and records the committee's own days.
func cmdCalendar(env *Env, args []string) error {
	if len(args) > 0 && (args[0] == "off" || args[0] == "work" || args[0] == "remove") {
		fs, dsn := flags(env, "calendar "+args[0], "YYYY-MM-DD --note \"văn bản quyết định\"")
		note := fs.String("note", "", "văn bản quyết định (bắt buộc khi thêm)")
		if len(args) < 2 {
			fs.Usage()
			return ErrUsage
		}
		if err := parse(fs, args[2:]); err != nil {
			return err
		}
		return withService(env, *dsn, func(svc *service.Service) error {
			day := service.CalendarDay{Date: tochuc.Date(args[1]), WorkDay: args[0] == "work", Note: *note}
			if err := svc.SetCalendarDay(env.Ctx, day, args[0] == "remove"); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Đã ghi lịch ngày %s.\n", day.Date.Display())
			return nil
		})
	}
	fs, dsn := flags(env, "calendar", "[list] [--year NĂM] | off|work|remove YYYY-MM-DD --note …")
	year := fs.Int("year", 0, "năm (mặc định năm nay)")
	if len(args) > 0 && args[0] == "list" {
		args = args[1:]
	}
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		if *year == 0 {
			*year, _ = strconv.Atoi(string(svc.Today()[:4]))
		}
		days, err := svc.Holidays(env.Ctx, *year)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Ngày nghỉ năm %d (ngoài thứ Bảy, Chủ nhật):\n", *year)
		for _, h := range days {
			fmt.Fprintf(env.Stdout, "  %s  %s\n", h.Date.Format("02/01/2006"), h.Name)
		}
		extra, _ := svc.CalendarDays(env.Ctx)
		for _, d := range extra {
			if strings.HasPrefix(string(d.Date), strconv.Itoa(*year)) && d.WorkDay {
				fmt.Fprintf(env.Stdout, "  %s  ngày làm bù (%s)\n", d.Date.Display(), d.Note)
			}
		}
		return nil
	})
}
