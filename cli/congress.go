package cli

import (
	"encoding/csv"
	"fmt"
	"strconv"

	"tochuc/service"
)

// cmdCongress records the congresses (đại hội) held and prints how many basic organizations of
// a subtree held theirs: record, progress.
func cmdCongress(env *Env, args []string) error {
	return subcommands(env, "congress", "record", args, []subcommand{
		{"record", congressRecord},
		{"progress", congressProgress},
	})
}

func congressRecord(env *Env, args []string) error {
	fs, dsn := flags(env, "congress record", "--org MÃ --term NĂM --held-on YYYY-MM-DD [--document SỐ] [--note …]")
	org := fs.String("org", "", "mã tổ chức đã đại hội")
	term := fs.Int("term", 0, "năm bắt đầu nhiệm kỳ, ví dụ 2025")
	termTo := fs.Int("term-to", 0, "năm cuối nhiệm kỳ (mặc định năm bắt đầu + 5)")
	held := dateFlag(fs, "held-on", "ngày đại hội")
	document := fs.String("document", "", "văn bản (nghị quyết đại hội)")
	note := fs.String("note", "", "ghi chú")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	d, err := held.date()
	if err != nil {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		id, err := svc.RecordCongress(env.Ctx, service.CongressInput{OrgCode: *org, TermFrom: *term, TermTo: *termTo, HeldOn: d,
			Document: *document, Note: *note})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã ghi đại hội số %d.\n", id)
		return nil
	})
}

func congressProgress(env *Env, args []string) error {
	fs, dsn := flags(env, "congress progress", "--org MÃ [--term NĂM] [--as-of YYYY-MM-DD] [--format csv|json]")
	org := fs.String("org", "", "mã tổ chức (mặc định cả cây)")
	term := fs.Int("term", 2025, "năm bắt đầu nhiệm kỳ")
	asOf := dateFlag(fs, "as-of", "tính đến ngày (mặc định hôm nay)")
	format := formatFlag(fs)
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	d, err := asOf.date()
	if err != nil {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		p, err := svc.CongressProgress(env.Ctx, *org, *term, d)
		if err != nil {
			return err
		}
		if format.json() {
			return writeJSON(env.Stdout, p)
		}
		w := csv.NewWriter(env.Stdout)
		w.Write([]string{"org_code", "term_from", "as_of", "held", "total", "percent", "sentence"})
		w.Write([]string{p.Org.Code, strconv.Itoa(p.TermFrom), string(p.AsOf), strconv.Itoa(p.Held), strconv.Itoa(p.Total), p.Percent, p.Sentence})
		w.Flush()
		return w.Error()
	})
}
