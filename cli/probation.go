package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"tochuc"
	"tochuc/service"
	"tochuc/tabular"
)

// tochuc probation due|recognize and tochuc card issue|lost|list.

func cmdProbation(env *Env, args []string) error {
	return subcommands(env, "probation", "recognize", args, []subcommand{{"due", probationDue}, {"recognize", probationRecognize}})
}

func cmdCard(env *Env, args []string) error {
	return subcommands(env, "card", "issue", args, []subcommand{{"issue", cardIssue}, {"lost", cardLost}, {"list", cardList}})
}

func probationDue(env *Env, args []string) error {
	fs, dsn := flags(env, "probation due", "[--org MÃ] [--days N] [--as-of YYYY-MM-DD]")
	org := fs.String("org", "", "mã tổ chức đảng (mặc định: gốc cây)")
	days := fs.Int("days", service.DueWindow, "hết dự bị trong số ngày tới")
	asOf := dateFlag(fs, "as-of", "tại ngày (mặc định hôm nay)")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	d, err := asOf.date()
	if err != nil {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		due, err := svc.ProbationsDue(env.Ctx, *org, d, *days)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "Mã\tHọ và tên\tTổ chức\tHết dự bị\tHạn chi bộ xét\tHạn cấp ủy quyết định\tTình trạng")
		for _, v := range due {
			state := v.State
			if v.Overdue {
				state += " (quá hạn)"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", v.MemberID, v.FullName, v.OrgCode, v.End.Display(), v.ReviewDeadline.Display(),
				v.DecisionDeadline.Display(), state)
		}
		tw.Flush()
		fmt.Fprintf(env.Stdout, "%d đảng viên dự bị\n", len(due))
		return nil
	})
}

// readMemberIDs reads member ids from a CSV/XLSX file: the column member_id (or id, or "mã
// đảng viên"), else the first column; it returns the ids with their lines.
func readMemberIDs(path string, stdin io.Reader) ([]int64, []int, error) {
	var r tabular.Reader
	var err error
	if path == "-" {
		r, err = tabular.NewCSVReader(stdin, tabular.Options{})
	} else {
		r, err = tabular.Open(path, tabular.Options{})
	}
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	col := 0
	for i, h := range r.Header() {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "member_id", "id", "mã đảng viên":
			col = i
		}
	}
	var ids []int64
	var lines []int
	var bad []string
	if h := r.Header(); len(h) > 0 {
		// A file without a header: its first line is an id too.
		if id, err := strconv.ParseInt(strings.TrimSpace(h[0]), 10, 64); err == nil && id > 0 {
			ids, lines = append(ids, id), append(lines, 1)
		}
	}
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, nil, err
		}
		if row.Empty() {
			continue
		}
		v := strings.TrimSpace(row.Cells[col])
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			bad = append(bad, fmt.Sprintf("  dòng %d: mã đảng viên %q không hợp lệ", row.Line, v))
			continue
		}
		ids, lines = append(ids, id), append(lines, row.Line)
	}
	if len(bad) > 0 {
		return nil, nil, tochuc.Errorf(tochuc.EINVALID, "%d dòng không hợp lệ, không ghi dòng nào:\n%s", len(bad), strings.Join(bad, "\n"))
	}
	return ids, lines, nil
}

func probationRecognize(env *Env, args []string) error {
	fs, dsn := flags(env, "probation recognize", "(--member ID | --csv TỆP) --document SỐ --doc-date YYYY-MM-DD [--signer TÊN]")
	member := fs.Int64("member", 0, "mã đảng viên")
	csvPath := fs.String("csv", "", "tệp CSV/XLSX danh sách mã đảng viên (cột member_id), - là đầu vào chuẩn: công nhận tất cả hoặc không ai")
	doc := docFlags(fs, "số, ký hiệu quyết định công nhận (ví dụ 123-QĐ/ĐU)", "ngày ký quyết định (YYYY-MM-DD); ngày chính thức vẫn là ngày hết dự bị")
	note := fs.String("note", "", "ghi chú")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	if (*member == 0) == (*csvPath == "") {
		fs.Usage()
		return ErrUsage
	}
	dec, err := doc.decision()
	if err != nil {
		return err
	}
	dec.Note = *note
	ids, lines := []int64{*member}, []int(nil)
	if *csvPath != "" {
		if ids, lines, err = readMemberIDs(*csvPath, env.Stdin); err != nil {
			return err
		}
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		dates, err := svc.RecognizeMany(env.Ctx, ids, lines, dec)
		if err != nil {
			return err
		}
		for i, id := range ids {
			fmt.Fprintf(env.Stdout, "đảng viên %d: chính thức từ ngày %s\n", id, dates[i].Display())
		}
		fmt.Fprintf(env.Stdout, "đã công nhận %d đảng viên chính thức theo quyết định %s\n", len(ids), dec.Document)
		return nil
	})
}

func cardIssue(env *Env, args []string) error {
	fs, dsn := flags(env, "card issue", "--member ID --number SỐ --date YYYY-MM-DD [--document SỐ] [--reissue]")
	member := fs.Int64("member", 0, "mã đảng viên")
	number := fs.String("number", "", "số thẻ đảng viên")
	date := dateFlag(fs, "date", "ngày phát thẻ (YYYY-MM-DD)")
	doc := docFlags(fs, "số, ký hiệu quyết định", "ngày ký quyết định (mặc định ngày phát thẻ)")
	reissue := fs.Bool("reissue", false, "cấp lại thẻ (số mới) thay thẻ đã mất hoặc hư hỏng")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	if *member == 0 || *number == "" || !date.set() {
		fs.Usage()
		return ErrUsage
	}
	d, err := date.date()
	if err != nil {
		return err
	}
	dec, err := doc.decision()
	if err != nil {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		in := service.CardInput{Number: *number, Date: d, DecisionDoc: dec}
		var c tochuc.Card
		var err error
		if *reissue {
			c, err = svc.ReissueCard(env.Ctx, *member, in)
		} else {
			c, err = svc.IssueCard(env.Ctx, *member, in)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "đã phát thẻ số %s cho đảng viên %d ngày %s\n", c.Number, *member, c.IssueDate.Display())
		return nil
	})
}

func cardLost(env *Env, args []string) error {
	fs, dsn := flags(env, "card lost", "--member ID --date YYYY-MM-DD [--damaged] [--note …]")
	member := fs.Int64("member", 0, "mã đảng viên")
	date := dateFlag(fs, "date", "ngày báo mất (YYYY-MM-DD)")
	damaged := fs.Bool("damaged", false, "thẻ hư hỏng (không phải mất)")
	note := fs.String("note", "", "ghi chú")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	if *member == 0 || !date.set() {
		fs.Usage()
		return ErrUsage
	}
	d, err := date.date()
	if err != nil {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		if err := svc.ReportCardLost(env.Ctx, *member, d, *damaged, *note); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "đã ghi báo mất thẻ của đảng viên %d; cấp lại: tochuc card issue --reissue\n", *member)
		return nil
	})
}

func cardList(env *Env, args []string) error {
	fs, dsn := flags(env, "card list", "[--org MÃ] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--form 1|1A] [--out TỆP.xlsx|.csv]")
	org := fs.String("org", "", "mã tổ chức đảng (mặc định: gốc cây)")
	from := dateFlag(fs, "from", "đề nghị từ ngày (mặc định 12 tháng trước)")
	to := dateFlag(fs, "to", "đến ngày (mặc định hôm nay)")
	form := fs.String("form", "1A", "mẫu: 1 (1-TĐV, theo tổ chức cơ sở) hoặc 1A (1A-TĐV, tổng hợp)")
	out := fs.String("out", "", "ghi ra tệp CSV hoặc XLSX thay vì in bảng")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	f, err := from.date()
	if err != nil {
		return err
	}
	t, err := to.date()
	if err != nil {
		return err
	}
	if *form != "1" && *form != "1A" {
		return tochuc.Errorf(tochuc.EINVALID, "--form: chọn 1 hoặc 1A")
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		if *out != "" {
			file, err := os.Create(*out)
			if err != nil {
				return err
			}
			defer file.Close()
			var w tabular.Writer
			if strings.EqualFold(filepath.Ext(*out), ".xlsx") {
				if w, err = tabular.NewXLSXWriter(file, "Mẫu "+*form+"-TĐV"); err != nil {
					return err
				}
			} else {
				w = tabular.NewCSVWriter(file, true)
			}
			n, err := svc.ExportCardList(env.Ctx, tabular.SafeCells(w), *org, f, t, *form)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "đã ghi %d đảng viên vào %s\n", n, *out)
			return file.Close()
		}
		l, err := svc.CardLists(env.Ctx, *org, f, t)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "STT\tMã\tHọ và tên\tChi bộ\tTổ chức cơ sở\tNgày chính thức\tNgày đề nghị\tTình trạng")
		n := 0
		for _, g := range l.Groups {
			for _, r := range g.Rows {
				n++
				no := r.No
				if *form == "1A" {
					no = n
				}
				fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", no, r.MemberID, r.FullName, r.CellCode, g.BasicCode,
					r.OfficialDate.Display(), r.RequestedDate.Display(), r.Status)
			}
		}
		tw.Flush()
		fmt.Fprintf(env.Stdout, "mẫu %s-TĐV của %s từ %s đến %s: %d đảng viên\n", *form, l.OrgCode, l.From.Display(), l.To.Display(), l.Total)
		return nil
	})
}
