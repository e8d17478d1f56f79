package cli

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"tochuc"
	"tochuc/service"
)

// tochuc candidate: the development pipeline (quần chúng ưu tú) from the command line.

func cmdCandidate(env *Env, args []string) error {
	return subcommands(env, "candidate", "add", args, []subcommand{
		{"add", candidateAdd}, {"step", candidateStep}, {"ceremony", candidateCeremony}, {"drop", candidateDrop}, {"list", candidateList},
	})
}

// introducerFlags collects repeated --introducer MÃ:yyyy-mm-dd values.
type introducerFlags []tochuc.CandidateIntroducer

func (f *introducerFlags) String() string { return "" }

func (f *introducerFlags) Set(v string) error {
	id, since, ok := strings.Cut(v, ":")
	n, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64)
	if !ok || err != nil || n <= 0 {
		return fmt.Errorf("người giới thiệu %q: cần dạng MÃ_ĐẢNG_VIÊN:yyyy-mm-dd", v)
	}
	*f = append(*f, tochuc.CandidateIntroducer{MemberID: n, Since: tochuc.Date(strings.TrimSpace(since))})
	return nil
}

func candidateAdd(env *Env, args []string) error {
	fs, dsn := flags(env, "candidate add", "--org MÃ_CHI_BỘ --name \"HỌ TÊN\" --sex nam|nữ --birth yyyy[-mm[-dd]] [tùy chọn]")
	org := fs.String("org", "", "mã chi bộ phát triển")
	name := fs.String("name", "", "họ và tên")
	sex := fs.String("sex", "", "giới tính (Nam, Nữ)")
	birth := fs.String("birth", "", "ngày sinh: yyyy-mm-dd, yyyy-mm hoặc yyyy")
	cccd := fs.String("cccd", "", "số căn cước công dân")
	ethnicity := fs.String("ethnicity", "", "dân tộc")
	religion := fs.String("religion", "", "tôn giáo")
	education := fs.String("education", "", "giáo dục phổ thông (Trung học cơ sở, Trung học phổ thông…)")
	occupation := fs.String("occupation", "", "nghề nghiệp")
	residence := fs.String("residence", "", "nơi cư trú")
	youth := fs.Bool("youth-union", false, "là đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh")
	identified := fs.String("identified", "", "ngày chi bộ xác định (yyyy-mm-dd; mặc định hôm nay)")
	note := fs.String("note", "", "ghi chú")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		c := tochuc.Candidate{FullName: *name, Sex: *sex, BirthDate: *birth, CitizenID: *cccd, Ethnicity: *ethnicity,
			Religion: *religion, Education: *education, Occupation: *occupation, Residence: *residence, YouthUnion: *youth, Note: *note}
		id, err := svc.CreateCandidate(env.Ctx, c, *org, tochuc.Date(*identified))
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã thêm quần chúng ưu tú số %d.\n", id)
		return nil
	})
}

func candidateStep(env *Env, args []string) error {
	fs, dsn := flags(env, "candidate step", "--id SỐ --stage BƯỚC --date yyyy-mm-dd [tùy chọn của bước]")
	id := fs.Int64("id", 0, "số quần chúng ưu tú")
	stage := fs.String("stage", "", "bước: "+strings.Join(tochuc.CandidateStages[1:], ", ")+", "+tochuc.StageDropped)
	date := fs.String("date", "", "ngày của bước (yyyy-mm-dd)")
	number := fs.String("number", "", "số giấy chứng nhận (awareness_trained)")
	history := fs.String("history-date", "", "ngày khai lý lịch (application)")
	var intro introducerFlags
	fs.Var(&intro, "introducer", "người giới thiệu MÃ_ĐẢNG_VIÊN:yyyy-mm-dd (ngày bắt đầu cùng công tác); lặp lại cho người thứ hai")
	union := fs.String("union-resolution", "", "nghị quyết giới thiệu của Đoàn (application, đoàn viên)")
	result := fs.String("result", "", "kết luận thẩm tra lý lịch (verified)")
	yes := fs.Int("yes", 0, "số phiếu tán thành (nghị quyết)")
	total := fs.Int("total", 0, "tổng số đảng viên chính thức hoặc ủy viên (nghị quyết)")
	committee := fs.String("committee", "", "cấp ủy quyết định (decided)")
	extended := fs.Bool("extended", false, "đã gia hạn thời hạn xét kết nạp (decided)")
	consent := fs.String("consent", "", "văn bản đồng ý: tỉnh ủy (trên 60 tuổi, cell_resolution) hoặc cấp trên (lễ quá hạn, admitted)")
	exception := fs.String("exception", "", "văn bản cho phép về học vấn (cell_resolution)")
	doc := docFlags(fs, "số, ký hiệu văn bản", "ngày văn bản (mặc định ngày của bước)")
	note := fs.String("note", "", "ghi chú (lý do khi dropped)")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		st := tochuc.CandidateStep{Stage: *stage, Date: tochuc.Date(*date), Number: *number, HistoryDate: tochuc.Date(*history),
			Introducers: intro, UnionResolution: *union, Result: *result, Yes: *yes, Total: *total, Committee: *committee,
			Extended: *extended, Consent: *consent, Exception: *exception, Document: *doc.document, DocDate: tochuc.Date(*doc.docDate.v),
			Signer: *doc.signer, Note: *note}
		if st.Stage == tochuc.StageAdmitted {
			mid, err := svc.HoldCeremony(env.Ctx, *id, st.Date, st.Consent)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Đã ghi lễ kết nạp; đảng viên dự bị số %d.\n", mid)
			return nil
		}
		if err := svc.RecordCandidateStep(env.Ctx, *id, st); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã ghi bước “%s”.\n", service.CandidateStageLabels[st.Stage])
		return nil
	})
}

func candidateCeremony(env *Env, args []string) error {
	fs, dsn := flags(env, "candidate ceremony", "--id SỐ --date yyyy-mm-dd [--consent \"VĂN BẢN\"]")
	id := fs.Int64("id", 0, "số quần chúng ưu tú")
	date := fs.String("date", "", "ngày tổ chức lễ kết nạp (yyyy-mm-dd)")
	consent := fs.String("consent", "", "văn bản đồng ý của cấp ủy cấp trên khi quá 30 ngày làm việc")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		mid, err := svc.HoldCeremony(env.Ctx, *id, tochuc.Date(*date), *consent)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã ghi lễ kết nạp; đảng viên dự bị số %d.\n", mid)
		return nil
	})
}

func candidateDrop(env *Env, args []string) error {
	fs, dsn := flags(env, "candidate drop", "--id SỐ --date yyyy-mm-dd --reason \"LÝ DO\" [--document \"VĂN BẢN\"]")
	id := fs.Int64("id", 0, "số quần chúng ưu tú")
	date := fs.String("date", "", "ngày dừng phát triển (yyyy-mm-dd)")
	reason := fs.String("reason", "", "lý do")
	document := fs.String("document", "", "số, ký hiệu văn bản")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		if err := svc.DropCandidate(env.Ctx, *id, tochuc.Date(*date), *reason, *document); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "Đã ghi dừng phát triển.")
		return nil
	})
}

func candidateList(env *Env, args []string) error {
	fs, dsn := flags(env, "candidate list", "[--org MÃ] [--stage BƯỚC]")
	org := fs.String("org", "", "mã tổ chức (mặc định gốc cây): cả cây con")
	stage := fs.String("stage", "", "chỉ các quần chúng đã đạt bước này")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		list, err := svc.ListCandidates(env.Ctx, *org, *stage)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "Số\tHọ và tên\tChi bộ\tBước đã đạt\tBước tiếp theo\tHạn")
		for _, c := range list {
			deadline := c.Deadline.Display()
			if c.Overdue {
				deadline += " (quá hạn)"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.FullName, c.OrgCode, service.CandidateStageLabels[c.Stage],
				service.CandidateStageLabels[c.NextStage], deadline)
		}
		return tw.Flush()
	})
}
