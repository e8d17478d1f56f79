package cli

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/service"
)

// cmdTransfer is "tochuc transfer issue|receive|cancel|list|transit": transfers of party
// activity in two steps (issue at the sending side, receive at the destination), with batches
// from a CSV of member ids.
func cmdTransfer(env *Env, args []string) error {
	return subcommands(env, "transfer", "issue", args, []subcommand{
		{"issue", transferIssue}, {"receive", transferReceive}, {"cancel", transferCancel}, {"list", transferList}, {"transit", transferTransit},
	})
}

// readIDs reads member ids from a CSV: the column "member_id" (or "id"), else the first one.
func readIDs(path string) ([]int64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, tochuc.Errorf(tochuc.EINVALID, "không mở được tệp %s", path)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff")))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, tochuc.Errorf(tochuc.EINVALID, "tệp %s không phải CSV hợp lệ", path)
	}
	var ids []int64
	col := 0
	for i, row := range rows {
		if i == 0 {
			header := false
			for j, h := range row {
				if h := strings.ToLower(strings.TrimSpace(h)); h == "member_id" || h == "id" {
					col, header = j, true
				}
			}
			if _, err := strconv.ParseInt(strings.TrimSpace(row[0]), 10, 64); header || err != nil {
				continue
			}
		}
		if col >= len(row) || strings.TrimSpace(row[col]) == "" {
			continue
		}
		id, err := strconv.ParseInt(strings.TrimSpace(row[col]), 10, 64)
		if err != nil {
			return nil, tochuc.Errorf(tochuc.EINVALID, "dòng %d: mã đảng viên %q không hợp lệ", i+1, row[col])
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func transferIssue(env *Env, args []string) error {
	fs, dsn := flags(env, "transfer issue", "(--member ID | --batch TỆP.csv) --to MÃ --date YYYY-MM-DD [tùy chọn]")
	member := fs.Int64("member", 0, "mã đảng viên")
	batch := fs.String("batch", "", "tệp CSV các mã đảng viên (cột member_id): chuyển cả danh sách, tất cả hoặc không ai")
	to := fs.String("to", "", "mã tổ chức đảng nơi chuyển đến")
	dest := fs.String("destination", "", "nơi đến ngoài hệ thống (ra nước ngoài, không có --to)")
	kind := fs.String("kind", tochuc.TransferOfficial, "official (chính thức) hoặc temporary (tạm thời)")
	scope := fs.String("scope", tochuc.ScopeDomestic, "domestic, abroad hoặc returning")
	purpose := fs.String("purpose", "", "tạm thời: move (nơi ở, nơi làm việc) hoặc study (đi học)")
	months := fs.Int("months", 0, "tạm thời: số tháng")
	date := fs.String("date", "", "ngày giới thiệu (yyyy-mm-dd)")
	slip := fs.String("slip", "", "số giấy giới thiệu (Số GTSHĐ)")
	dues := fs.String("dues", "", "đã đóng đảng phí đến hết tháng (yyyy-mm; mặc định tháng viết giấy)")
	doc := docFlags(fs, "số, ký hiệu văn bản", "")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	if (*member == 0) == (*batch == "") || *date == "" {
		fs.Usage()
		return ErrUsage
	}
	in := service.TransferInput{MemberID: *member, Kind: *kind, Scope: *scope, Purpose: *purpose, ToOrgCode: *to,
		Destination: *dest, Months: *months, SlipNumber: *slip, Date: tochuc.Date(*date), DuesPaidTo: *dues, Document: *doc.document, Signer: *doc.signer}
	return withService(env, *dsn, func(svc *service.Service) error {
		if *batch != "" {
			ids, err := readIDs(*batch)
			if err != nil {
				return err
			}
			b, tids, err := svc.BatchTransfer(env.Ctx, ids, in)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Đã cấp %d giấy giới thiệu (đợt %s).\n", len(tids), b)
			return nil
		}
		id, err := svc.IssueTransfer(env.Ctx, in)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã cấp giấy giới thiệu số %d.\n", id)
		return nil
	})
}

func transferReceive(env *Env, args []string) error {
	fs, dsn := flags(env, "transfer receive", "--id SỐ --date YYYY-MM-DD [--document KÝ_HIỆU] [--org MÃ]")
	id := fs.Int64("id", 0, "số giấy giới thiệu (mã trong hệ thống)")
	date := fs.String("date", "", "ngày tiếp nhận (yyyy-mm-dd)")
	doc := docFlags(fs, "số, ký hiệu văn bản", "")
	org := fs.String("org", "", "chỉ khi giấy chuyển ra ngoài hệ thống: mã tổ chức nơi đảng viên trở về sinh hoạt")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	if *id == 0 || *date == "" {
		fs.Usage()
		return ErrUsage
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		if err := svc.ReceiveTransfer(env.Ctx, *id, service.ReceiveInput{Date: tochuc.Date(*date), Document: *doc.document, Signer: *doc.signer, OrgCode: *org}); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã tiếp nhận giấy giới thiệu số %d.\n", *id)
		return nil
	})
}

func transferCancel(env *Env, args []string) error {
	fs, dsn := flags(env, "transfer cancel", "--id SỐ --date YYYY-MM-DD")
	id := fs.Int64("id", 0, "số giấy giới thiệu (mã trong hệ thống)")
	date := fs.String("date", "", "ngày hủy (yyyy-mm-dd)")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	if *id == 0 || *date == "" {
		fs.Usage()
		return ErrUsage
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		if err := svc.CancelTransfer(env.Ctx, *id, tochuc.Date(*date)); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã hủy giấy giới thiệu số %d.\n", *id)
		return nil
	})
}

func transferList(env *Env, args []string) error {
	fs, dsn := flags(env, "transfer list", "[--org MÃ] [--side in|out] [--status issued|received|cancelled] [--as-of YYYY-MM-DD]")
	org := fs.String("org", "", "mã tổ chức (cả cây con)")
	side := fs.String("side", "", "in (chuyển đến) hoặc out (chuyển đi)")
	status := fs.String("status", "", "issued, received hoặc cancelled")
	asOf := fs.String("as-of", "", "ngày đọc cây tổ chức (mặc định hôm nay)")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		_, list, err := svc.Transfers(env.Ctx, service.TransferFilter{OrgCode: *org, Side: *side, Status: *status, Date: tochuc.Date(*asOf)})
		if err != nil {
			return err
		}
		for _, t := range list {
			to := t.ToOrgCode
			if to == "" {
				to = t.Destination
			}
			fmt.Fprintf(env.Stdout, "%d\t%s\t%s\t%s → %s\t%s\t%s\n", t.ID, t.SlipDate.Display(), t.MemberName, t.FromOrgCode, to, t.Kind, t.Status)
		}
		fmt.Fprintf(env.Stdout, "%d giấy giới thiệu.\n", len(list))
		return nil
	})
}

func transferTransit(env *Env, args []string) error {
	fs, dsn := flags(env, "transfer transit", "[--org MÃ] [--as-of YYYY-MM-DD]")
	org := fs.String("org", "", "mã tổ chức (cả cây con, cả hai chiều)")
	asOf := fs.String("as-of", "", "ngày (mặc định hôm nay)")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		_, rows, err := svc.TransfersInTransit(env.Ctx, *org, tochuc.Date(*asOf))
		if err != nil {
			return err
		}
		for _, t := range rows {
			late := ""
			if t.Overdue {
				late = "\tquá hạn (" + t.Rule + ")"
			}
			fmt.Fprintf(env.Stdout, "%d\t%s\t%s → %s\t%s\t%d ngày%s\n", t.MemberID, t.MemberName, t.FromOrgCode, t.ToOrgCode+t.Destination, t.SlipDate.Display(), t.Days, late)
		}
		fmt.Fprintf(env.Stdout, "%d đảng viên đang chuyển sinh hoạt.\n", len(rows))
		return nil
	})
}
