package cli

import (
	"bufio"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/service"
)

func cmdUser(env *Env, args []string) error {
	return subcommands(env, "user", "add", args, []subcommand{
		{"add", userAdd}, {"passwd", userPasswd}, {"disable", userDisable(true)}, {"enable", userDisable(false)}, {"grant", userGrant}, {"revoke", userRevoke}, {"list", userList},
	})
}

// syllables build generated passwords: a passphrase a clerk can read out and type, 8 random
// syllables of 60 and 4 digits (≈ 60 bits).
var syllables = strings.Fields(`an ba bac ban bao binh ca cam cao chi chau dao dat dong duc gia giang ha hai hanh hoa hong hung khanh
	kim lam lan linh loc long mai minh my nam nga ngoc nhat nhu phong phu phuc quang que son tam tan thanh thao thu
	tien trang tri trung tu tuan tung van viet vinh xuan yen`)

func generatePassword() string {
	var parts []string
	for i := 0; i < 8; i++ {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(syllables))))
		parts = append(parts, syllables[n.Int64()])
	}
	d, _ := rand.Int(rand.Reader, big.NewInt(10000))
	return strings.Join(parts, "-") + fmt.Sprintf("-%04d", d.Int64())
}

// readPassword takes a password from the first line of stdin (--password-stdin), or makes one.
func readPassword(env *Env, fromStdin bool) (string, bool, error) {
	if !fromStdin {
		return generatePassword(), true, nil
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", false, tochuc.Errorf(tochuc.EINVALID, "không đọc được mật khẩu từ đầu vào chuẩn")
	}
	return strings.TrimRight(line, "\r\n"), false, nil
}

func userAdd(env *Env, args []string) error {
	fs, dsn := flags(env, "user add", "--username TÊN --name \"HỌ TÊN\" --role VAI_TRÒ [--org MÃ] [--restricted] [--password-stdin]")
	username := fs.String("username", "", "tên đăng nhập (chữ thường không dấu)")
	name := fs.String("name", "", "họ và tên")
	role := fs.String("role", tochuc.RoleStaff, "vai trò: "+strings.Join(tochuc.Roles, ", "))
	org := fs.String("org", "", "mã tổ chức đảng nơi giữ vai trò (mặc định: gốc cây)")
	restricted := fs.Bool("restricted", false, "được xem trường hạn chế (bảo vệ chính trị nội bộ, kỷ luật, đánh giá)")
	member := fs.Int64("member", 0, "mã đảng viên của chủ tài khoản (vai trò member)")
	stdin := fs.Bool("password-stdin", false, "đọc mật khẩu từ dòng đầu của đầu vào chuẩn; không có thì tạo mật khẩu ngẫu nhiên")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		if *org == "" {
			v, err := svc.ViewOrg(env.Ctx, "", svc.Today())
			if err != nil {
				return tochuc.Errorf(tochuc.EINVALID, "chưa có cây tổ chức: hãy nhập tổ chức (tochuc import orgs) trước, hoặc chỉ rõ --org")
			}
			*org = v.Org.Code
		}
		pw, generated, err := readPassword(env, *stdin)
		if err != nil {
			return err
		}
		var id int64
		for try := 0; ; try++ {
			id, err = svc.CreateUser(env.Ctx, service.UserInput{Username: *username, FullName: *name, Password: pw, MemberID: *member},
				*role, *org, *restricted)
			if generated && refusedPassword(err) && try < 20 {
				pw = generatePassword() // a generated syllable met a word of the name or the unit: draw again
				continue
			}
			break
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã tạo tài khoản %s (số %d), vai trò %s tại %s.\n", strings.ToLower(*username), id, *role, *org)
		if generated {
			fmt.Fprintf(env.Stdout, "Mật khẩu (chỉ hiện một lần): %s\n", pw)
		}
		return nil
	})
}

// withUser parses "USERNAME [tùy chọn]" into fs, opens the service and runs fn with that user.
func withUser(env *Env, fs *flag.FlagSet, dsn *string, args []string, fn func(*service.Service, tochuc.User) error) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs.Usage()
		return ErrUsage
	}
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		u, err := svc.UserByName(env.Ctx, args[0])
		if err != nil {
			return err
		}
		return fn(svc, u)
	})
}

func userPasswd(env *Env, args []string) error {
	stdin := len(args) > 1 && args[1] == "--password-stdin"
	if stdin {
		args = append(args[:1], args[2:]...)
	}
	fs, dsn := flags(env, "user passwd", "TÊN [--password-stdin] [--db …]")
	return withUser(env, fs, dsn, args, func(svc *service.Service, u tochuc.User) error {
		pw, generated, err := readPassword(env, stdin)
		if err != nil {
			return err
		}
		err = svc.ResetPassword(env.Ctx, u.ID, pw)
		for try := 0; generated && refusedPassword(err) && try < 20; try++ {
			pw = generatePassword()
			err = svc.ResetPassword(env.Ctx, u.ID, pw)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã đặt mật khẩu mới cho %s; các phiên đang mở đã kết thúc.\n", u.Username)
		if generated {
			fmt.Fprintf(env.Stdout, "Mật khẩu (chỉ hiện một lần): %s\n", pw)
		}
		return nil
	})
}

func userDisable(disable bool) func(*Env, []string) error {
	return func(env *Env, args []string) error {
		name := map[bool]string{true: "disable", false: "enable"}[disable]
		fs, dsn := flags(env, "user "+name, "TÊN [--db …]")
		return withUser(env, fs, dsn, args, func(svc *service.Service, u tochuc.User) error {
			if err := svc.SetUserDisabled(env.Ctx, u.ID, disable); err != nil {
				return err
			}
			if disable {
				fmt.Fprintf(env.Stdout, "Đã khóa tài khoản %s và kết thúc mọi phiên của nó.\n", u.Username)
			} else {
				fmt.Fprintf(env.Stdout, "Đã mở khóa tài khoản %s.\n", u.Username)
			}
			return nil
		})
	}
}

func userGrant(env *Env, args []string) error {
	fs, dsn := flags(env, "user grant", "TÊN --role VAI_TRÒ --org MÃ [--restricted]")
	role := fs.String("role", "", "vai trò: "+strings.Join(tochuc.Roles, ", "))
	org := fs.String("org", "", "mã tổ chức đảng")
	restricted := fs.Bool("restricted", false, "được xem trường hạn chế")
	return withUser(env, fs, dsn, args, func(svc *service.Service, u tochuc.User) error {
		if err := svc.GrantRole(env.Ctx, u.ID, *role, *org, *restricted); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã giao vai trò %s tại %s cho %s.\n", *role, *org, u.Username)
		return nil
	})
}

func userRevoke(env *Env, args []string) error {
	fs, dsn := flags(env, "user revoke", "TÊN --grant SỐ   (số vai trò xem bằng tochuc user list)")
	grant := fs.Int64("grant", 0, "số của vai trò cần thu hồi")
	return withUser(env, fs, dsn, args, func(svc *service.Service, u tochuc.User) error {
		if err := svc.RevokeRole(env.Ctx, u.ID, *grant); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã thu hồi vai trò số %d của %s.\n", *grant, u.Username)
		return nil
	})
}

func userList(env *Env, args []string) error {
	fs, dsn := flags(env, "user list", "[--db …]")
	if err := parse(fs, args); err != nil || helpAsked(args) {
		return err
	}
	return withService(env, *dsn, func(svc *service.Service) error {
		users, err := svc.Users(env.Ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			state := "hoạt động"
			if u.Disabled {
				state = "đã khóa"
			}
			mfa := "chưa bật 2FA"
			if u.TOTPEnabled {
				mfa = "đã bật 2FA"
			}
			fmt.Fprintf(env.Stdout, "%-20s %-30s %s, %s\n", u.Username, u.FullName, state, mfa)
			for _, g := range u.Grants {
				r := ""
				if g.Restricted {
					r = ", trường hạn chế"
				}
				fmt.Fprintf(env.Stdout, "    vai trò số %s: %s tại %s %s%s\n", strconv.FormatInt(g.ID, 10), g.Role, g.OrgCode, g.OrgName, r)
			}
		}
		return nil
	})
}

// refusedPassword tells whether an error is the password policy refusing a password.
func refusedPassword(err error) bool {
	var e *tochuc.Error
	return errors.As(err, &e) && e.Subject == "password"
}
