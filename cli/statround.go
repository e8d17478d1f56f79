package cli

import (
	"encoding/csv"
	"flag"
	"fmt"
	"strconv"

	"tochuc/service"
	"tochuc/statforms"
)

// cmdStatround manages the submission rounds of the statistical forms: open (a level opens a
// round for its direct units), submit (a unit's figures, checked), approve and return (the level
// above), status (completeness: "45/52 đơn vị đã nộp" and the missing units), list.
func cmdStatround(env *Env, args []string) error {
	return subcommands(env, "statround", "status", args, []subcommand{
		{"open", statroundOpen},
		{"submit", statroundSubmit},
		{"approve", func(env *Env, args []string) error { return statroundDecide(env, args, true) }},
		{"return", func(env *Env, args []string) error { return statroundDecide(env, args, false) }},
		{"status", statroundStatus},
		{"list", statroundList},
	})
}

func statroundOpen(env *Env, args []string) error {
	fs, dsn := flags(env, "statround open", "--form MÃ_BIỂU --org MÃ --as-of YYYY-MM-DD [--deadline YYYY-MM-DD] [--note …]")
	form := fs.String("form", "", "mã biểu, ví dụ 1-TCTW")
	org := fs.String("org", "", "mã tổ chức mở đợt (cấp trên của các đơn vị nộp)")
	asOf := dateFlag(fs, "as-of", "ngày lập biểu")
	deadline := dateFlag(fs, "deadline", "hạn nộp")
	note := fs.String("note", "", "ghi chú")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	d, err := asOf.date()
	if err != nil {
		return err
	}
	dl, err := deadline.date()
	if err != nil {
		return err
	}
	if *form == "" || d == "" {
		fs.Usage()
		return ErrUsage
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		id, err := svc.OpenStatRound(env.Ctx, service.RoundInput{Form: *form, AsOf: d, OrgCode: *org, Deadline: dl, Note: *note})
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, id)
		return nil
	})
}

func roundFlag(env *Env, name, synopsis string) (fsArgs, *int64, *string) {
	fs, dsn := flags(env, name, synopsis)
	round := fs.Int64("round", 0, "số đợt báo cáo")
	return fsArgs{fs, dsn}, round, dsn
}

func statroundSubmit(env *Env, args []string) error {
	f, round, dsn := roundFlag(env, "statround submit", "--round SỐ --org MÃ_ĐƠN_VỊ [--note …]")
	org := f.fs.String("org", "", "mã đơn vị nộp")
	note := f.fs.String("note", "", "ghi chú")
	if err := parse(f.fs, args); err != nil || helpAsked(args) {
		return err
	}
	if *round <= 0 || *org == "" {
		f.fs.Usage()
		return ErrUsage
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		v, err := svc.SubmitStatForm(env.Ctx, *round, *org, *note)
		if v != nil {
			for _, is := range v.Issues {
				fmt.Fprintf(env.Stderr, "%s: %s\n", statforms.LevelLabel(is.Level), is.Message)
			}
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "đã nộp biểu %s của %s\n", v.Form, v.OrgCode)
		return nil
	})
}

func statroundDecide(env *Env, args []string, approve bool) error {
	name := "statround approve"
	if !approve {
		name = "statround return"
	}
	f, round, dsn := roundFlag(env, name, "--round SỐ --org MÃ_ĐƠN_VỊ [--note LÝ_DO]")
	org := f.fs.String("org", "", "mã đơn vị")
	note := f.fs.String("note", "", "ghi chú (lý do khi trả lại)")
	if err := parse(f.fs, args); err != nil || helpAsked(args) {
		return err
	}
	if *round <= 0 || *org == "" {
		f.fs.Usage()
		return ErrUsage
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		return svc.DecideStatForm(env.Ctx, *round, *org, approve, *note)
	})
}

func statroundStatus(env *Env, args []string) error {
	f, round, dsn := roundFlag(env, "statround status", "--round SỐ [--format csv|json]")
	format := formatFlag(f.fs)
	if err := parse(f.fs, args); err != nil || helpAsked(args) {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	if *round <= 0 {
		f.fs.Usage()
		return ErrUsage
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		st, err := svc.StatRoundStatus(env.Ctx, *round)
		if err != nil {
			return err
		}
		if format.json() {
			return writeJSON(env.Stdout, st)
		}
		fmt.Fprintf(env.Stderr, "biểu %s ngày %s, %s: %s\n", st.Form, st.AsOf.Display(), st.OrgCode, st.Summary)
		w := newCSV(env)
		w.Write([]string{"org_code", "org_name", "status", "submitted_by", "submitted_at", "note"})
		for _, u := range st.Units {
			w.Write([]string{u.Code, u.Name, u.Status, u.SubmittedBy, string(u.SubmittedAt), u.Note})
		}
		w.Flush()
		return w.Error()
	})
}

func statroundList(env *Env, args []string) error {
	fs, dsn := flags(env, "statround list", "")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		rs, err := svc.StatRounds(env.Ctx)
		if err != nil {
			return err
		}
		w := newCSV(env)
		w.Write([]string{"id", "form", "as_of", "org_code", "deadline", "opened_by"})
		for _, r := range rs {
			w.Write([]string{strconv.FormatInt(r.ID, 10), r.Form, string(r.AsOf), r.OrgCode, string(r.Deadline), r.OpenedBy})
		}
		w.Flush()
		return w.Error()
	})
}

type fsArgs struct {
	fs  *flag.FlagSet
	dsn *string
}

func newCSV(env *Env) *csv.Writer { return csv.NewWriter(env.Stdout) }
