package service

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"tochuc"
	"tochuc/auth"
	"tochuc/store"
	"tochuc/vn"
)

// UserInput is a new account.
type UserInput struct {
	Username string
	FullName string
	Password string
	MemberID int64
	Locale   string
}

var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)

// me is the account behind the actor of ctx.
func (s *Service) me(ctx context.Context) (tochuc.User, error) {
	a := tochuc.ActorFrom(ctx)
	if a == nil || a.UserID == 0 {
		return tochuc.User{}, errLogin
	}
	return s.DB.User(ctx, a.UserID)
}

// Me returns the account of the actor.
func (s *Service) Me(ctx context.Context) (tochuc.User, error) { return s.me(ctx) }

// passwordContext lists the words a password must not contain: the account's names and the
// names of the units it works in.
func passwordContext(u tochuc.User) []string {
	words := append([]string{u.Username}, strings.Fields(u.FullName)...)
	for _, g := range u.Grants {
		words = append(words, g.OrgName, g.OrgCode)
	}
	return words
}

// ChangePassword replaces the actor's password after checking the current one; other sessions
// end when endOthers is set (ASVS 7.4.3), the current one (keep) stays.
func (s *Service) ChangePassword(ctx context.Context, current, next string, endOthers bool, keep string) error {
	u, err := s.me(ctx)
	if err != nil {
		return err
	}
	sec, err := s.DB.UserSecret(ctx, u.ID)
	if err != nil {
		return err
	}
	if ok, _, _ := auth.Verify(sec.PasswordHash, current); !ok {
		return tochuc.Errorf(tochuc.EINVALID, "Mật khẩu hiện tại không đúng.")
	}
	if err := auth.CheckPassword(next, passwordContext(u), u.TOTPEnabled); err != nil {
		return err
	}
	h, err := auth.Hash(next)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetPassword(ctx, u.ID, h); err != nil {
			return err
		}
		if endOthers {
			if err := tx.DeleteUserSessions(ctx, u.ID, auth.HashToken(keep)); err != nil {
				return err
			}
		}
		e := entry(ctx, tochuc.AuditPasswordChange, "user", strconv.FormatInt(u.ID, 10), 0)
		if endOthers {
			e.Detail = "kết thúc các phiên khác"
		}
		return tx.AppendAudit(ctx, e)
	})
}

// TOTPEnrollment is a new second-factor secret shown once to the user.
type TOTPEnrollment struct {
	Secret string
	URL    string
	QR     []byte // PNG
}

// StartTOTP makes a secret for the actor to add to an authenticator app; nothing is stored until
// ConfirmTOTP proves the app produces the right codes.
func (s *Service) StartTOTP(ctx context.Context) (*TOTPEnrollment, error) {
	u, err := s.me(ctx)
	if err != nil {
		return nil, err
	}
	secret, url, err := auth.NewTOTPSecret("tochuc", u.Username)
	if err != nil {
		return nil, err
	}
	png, err := auth.TOTPQRCodePNG(url)
	if err != nil {
		return nil, err
	}
	return &TOTPEnrollment{Secret: secret, URL: url, QR: png}, nil
}

// ConfirmTOTP turns the second factor on with a secret the user has added to an app, checked by
// one code from it; the session token is replaced by a second-factor one (returned).
func (s *Service) ConfirmTOTP(ctx context.Context, token, secret, code, ip, userAgent string) (*Login, error) {
	u, err := s.me(ctx)
	if err != nil {
		return nil, err
	}
	if u.TOTPEnabled {
		// Changing an existing factor needs the old one: this is not a way around it.
		if sess, _, err := s.session(ctx, token); err != nil || !sess.MFA {
			return nil, errBadCode
		}
	}
	if len(strings.ReplaceAll(secret, " ", "")) < 26 {
		return nil, errBadCode // under 128 bits (StartTOTP makes 160): not a secret this server made
	}
	step, ok := auth.CheckTOTP(secret, code, s.nowUTC(), 0)
	if !ok {
		return nil, errBadCode
	}
	l := &Login{User: u}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetTOTP(ctx, u.ID, secret, step); err != nil {
			return err
		}
		if err := tx.DeleteSession(ctx, auth.HashToken(token)); err != nil {
			return err
		}
		var err error
		if l.Token, l.Session, err = s.newSession(ctx, tx, u.ID, true, ip, userAgent); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, entry(ctx, tochuc.AuditTOTPEnroll, "user", strconv.FormatInt(u.ID, 10), 0))
	})
	if err != nil {
		return nil, err
	}
	l.User.TOTPEnabled = true
	return l, nil
}

// CreateAPIToken makes a bearer token for the actor; the token is shown once, its hash is kept.
func (s *Service) CreateAPIToken(ctx context.Context, name string) (string, error) {
	u, err := s.me(ctx)
	if err != nil {
		return "", err
	}
	a := tochuc.ActorFrom(ctx)
	if u.NeedsMFA() && !a.MFA {
		return "", tochuc.Errorf(tochuc.EFORBIDDEN, "Cần đăng nhập với xác thực hai bước để tạo mã truy cập.")
	}
	name = strings.TrimSpace(vn.NFC(name))
	if name == "" || len([]rune(name)) > 100 {
		return "", tochuc.Errorf(tochuc.EINVALID, "Tên mã truy cập: bắt buộc, tối đa 100 ký tự.")
	}
	token, hash := auth.NewAPIToken()
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		id, err := tx.InsertAPIToken(ctx, u.ID, name, hash)
		if err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditTokenCreate, "api_token", strconv.FormatInt(id, 10), 0)
		e.Detail = name
		return tx.AppendAudit(ctx, e)
	})
	return token, err
}

// APITokens lists the actor's tokens.
func (s *Service) APITokens(ctx context.Context) ([]store.APIToken, error) {
	u, err := s.me(ctx)
	if err != nil {
		return nil, err
	}
	return s.DB.APITokens(ctx, u.ID)
}

// RevokeAPIToken deletes one of the actor's tokens.
func (s *Service) RevokeAPIToken(ctx context.Context, id int64) error {
	u, err := s.me(ctx)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		ok, err := tx.DeleteAPIToken(ctx, u.ID, id)
		if err != nil {
			return err
		}
		if !ok {
			return tochuc.Errorf(tochuc.ENOTFOUND, "không tìm thấy mã truy cập")
		}
		return tx.AppendAudit(ctx, entry(ctx, tochuc.AuditTokenRevoke, "api_token", strconv.FormatInt(id, 10), 0))
	})
}

// manages tells whether an admin reach covers an account: every grant of it lies in the reach.
func (r reach) manages(u tochuc.User, paths map[int64]string) bool {
	if r.all {
		return true
	}
	for _, g := range u.Grants {
		if p, ok := paths[g.OrgID]; !ok || !r.covers(p) {
			return false
		}
	}
	return len(u.Grants) > 0
}

func (s *Service) grantPaths(ctx context.Context, users []tochuc.User) map[int64]string {
	out := map[int64]string{}
	for _, u := range users {
		for _, g := range u.Grants {
			if _, ok := out[g.OrgID]; ok {
				continue
			}
			if o, err := s.DB.OrgByIDAsOf(ctx, g.OrgID, s.Today()); err == nil {
				out[g.OrgID] = o.Path
			}
		}
	}
	return out
}

// Users lists the accounts an admin manages: those whose every role lies in the admin's subtree.
func (s *Service) Users(ctx context.Context) ([]tochuc.User, error) {
	r, err := s.reachFor(ctx, tochuc.PermUsers, s.Today())
	if err != nil {
		return nil, err
	}
	all, err := s.DB.Users(ctx)
	if err != nil {
		return nil, err
	}
	paths := s.grantPaths(ctx, all)
	var out []tochuc.User
	for _, u := range all {
		if r.manages(u, paths) {
			out = append(out, u)
		}
	}
	return out, nil
}

// managed reads one account the actor manages, or "not found".
func (s *Service) managed(ctx context.Context, id int64) (reach, tochuc.User, error) {
	r, err := s.reachFor(ctx, tochuc.PermUsers, s.Today())
	if err != nil {
		return r, tochuc.User{}, err
	}
	u, err := s.DB.User(ctx, id)
	if err != nil {
		return r, u, err
	}
	if !r.manages(u, s.grantPaths(ctx, []tochuc.User{u})) {
		s.deny(ctx, "user", "user", strconv.FormatInt(id, 10))
		return r, tochuc.User{}, tochuc.Errorf(tochuc.ENOTFOUND, "không có tài khoản số %d", id)
	}
	return r, u, nil
}

// User reads one account the actor manages.
func (s *Service) User(ctx context.Context, id int64) (tochuc.User, error) {
	_, u, err := s.managed(ctx, id)
	return u, err
}

// CreateUser makes an account with a first role at org: an account never exists outside every
// subtree, so the admin who made it (and those above) can always see it.
func (s *Service) CreateUser(ctx context.Context, in UserInput, role, orgCode string, restricted bool) (int64, error) {
	r, err := s.reachFor(ctx, tochuc.PermUsers, s.Today())
	if err != nil {
		return 0, err
	}
	in.Username = strings.ToLower(strings.TrimSpace(in.Username))
	in.FullName = strings.Join(strings.Fields(vn.NFC(in.FullName)), " ")
	if !usernameRE.MatchString(in.Username) {
		return 0, tochuc.Errorf(tochuc.EINVALID, "Tên đăng nhập: 3–64 ký tự, chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.")
	}
	if in.FullName == "" {
		return 0, tochuc.Errorf(tochuc.EINVALID, "Họ và tên: bắt buộc.")
	}
	if in.Locale == "" {
		in.Locale = "vi"
	}
	if in.Locale != "vi" && in.Locale != "en" {
		return 0, tochuc.Errorf(tochuc.EINVALID, "Ngôn ngữ: vi hoặc en.")
	}
	g, err := s.grantInput(ctx, r, role, orgCode, restricted)
	if err != nil {
		return 0, err
	}
	u := tochuc.User{Username: in.Username, FullName: in.FullName, MemberID: in.MemberID, Locale: in.Locale, Grants: []tochuc.Grant{g}}
	if err := auth.CheckPassword(in.Password, passwordContext(u), false); err != nil {
		return 0, err
	}
	if _, _, err := s.DB.UserByName(ctx, in.Username); err == nil {
		return 0, tochuc.Errorf(tochuc.ECONFLICT, "Tên đăng nhập %q đã có người dùng.", in.Username)
	}
	h, err := auth.Hash(in.Password)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if id, err = tx.InsertUser(ctx, u, h); err != nil {
			return err
		}
		g.UserID = id
		if err := tx.InsertGrant(ctx, g); err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditUserCreate, "user", strconv.FormatInt(id, 10), g.OrgID)
		e.Changes = []tochuc.FieldChange{{Field: "username", New: u.Username}, {Field: "full_name", New: u.FullName},
			{Field: "role", New: g.Role + "@" + g.OrgCode}}
		return tx.AppendAudit(ctx, e)
	})
	return id, err
}

// grantInput checks a role and an org in the admin's reach.
func (s *Service) grantInput(ctx context.Context, r reach, role, orgCode string, restricted bool) (tochuc.Grant, error) {
	if !slices.Contains(tochuc.Roles, role) {
		return tochuc.Grant{}, tochuc.Errorf(tochuc.EINVALID, "Vai trò %q không có; chọn một trong: %s.", role, strings.Join(tochuc.Roles, ", "))
	}
	o, err := s.orgIn(ctx, r, orgCode)
	if err != nil {
		return tochuc.Grant{}, err
	}
	if restricted && role != tochuc.RoleAdmin && role != tochuc.RoleStaff {
		return tochuc.Grant{}, tochuc.Errorf(tochuc.EINVALID, "Chỉ quản trị viên và cán bộ ban tổ chức mới được xem trường hạn chế.")
	}
	return tochuc.Grant{Role: role, OrgID: o.ID, OrgCode: o.Code, OrgName: o.Name, Restricted: restricted}, nil
}

// GrantRole gives a managed account a role at an org of the admin's subtree.
func (s *Service) GrantRole(ctx context.Context, userID int64, role, orgCode string, restricted bool) error {
	r, _, err := s.managed(ctx, userID)
	if err != nil {
		return err
	}
	g, err := s.grantInput(ctx, r, role, orgCode, restricted)
	if err != nil {
		return err
	}
	g.UserID = userID
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertGrant(ctx, g); err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditGrant, "user", strconv.FormatInt(userID, 10), g.OrgID)
		e.Changes = []tochuc.FieldChange{{Field: "role", New: g.Role + "@" + g.OrgCode + map[bool]string{true: "+restricted"}[restricted]}}
		return tx.AppendAudit(ctx, e)
	})
}

// RevokeRole takes a role away; the account's sessions see it on their next request.
func (s *Service) RevokeRole(ctx context.Context, userID, grantID int64) error {
	_, u, err := s.managed(ctx, userID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(u.Grants, func(g tochuc.Grant) bool { return g.ID == grantID })
	if i < 0 {
		return tochuc.Errorf(tochuc.ENOTFOUND, "tài khoản không có vai trò này")
	}
	g := u.Grants[i]
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteGrant(ctx, grantID); err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditRevoke, "user", strconv.FormatInt(userID, 10), g.OrgID)
		e.Changes = []tochuc.FieldChange{{Field: "role", Old: g.Role + "@" + g.OrgCode}}
		return tx.AppendAudit(ctx, e)
	})
}

// SetUserDisabled turns an account off (ending all its sessions, ASVS 7.4.2) or back on.
func (s *Service) SetUserDisabled(ctx context.Context, userID int64, disabled bool) error {
	_, u, err := s.managed(ctx, userID)
	if err != nil {
		return err
	}
	if a := tochuc.ActorFrom(ctx); a.UserID == userID && disabled {
		return tochuc.Errorf(tochuc.EINVALID, "Không thể tự khóa tài khoản của mình.")
	}
	old := u.Disabled
	u.Disabled = disabled
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetUserFields(ctx, u); err != nil {
			return err
		}
		if disabled {
			if err := tx.DeleteUserSessions(ctx, userID, ""); err != nil {
				return err
			}
		}
		e := entry(ctx, tochuc.AuditUserUpdate, "user", strconv.FormatInt(userID, 10), 0)
		e.Changes = []tochuc.FieldChange{{Field: "disabled", Old: strconv.FormatBool(old), New: strconv.FormatBool(disabled)}}
		return tx.AppendAudit(ctx, e)
	})
}

// ResetPassword sets a new password for a managed account (the CLI's `user passwd`); the
// account's sessions end. The second factor stays: a reset never bypasses it (ASVS 6.4.3).
func (s *Service) ResetPassword(ctx context.Context, userID int64, password string) error {
	_, u, err := s.managed(ctx, userID)
	if err != nil {
		return err
	}
	if err := auth.CheckPassword(password, passwordContext(u), u.TOTPEnabled); err != nil {
		return err
	}
	h, err := auth.Hash(password)
	if err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.SetPassword(ctx, userID, h); err != nil {
			return err
		}
		if err := tx.DeleteUserSessions(ctx, userID, ""); err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditPasswordChange, "user", strconv.FormatInt(userID, 10), 0)
		e.Detail = "đặt lại bởi quản trị"
		return tx.AppendAudit(ctx, e)
	})
}

// UserByName finds a managed account by username (for the CLI).
func (s *Service) UserByName(ctx context.Context, username string) (tochuc.User, error) {
	u, _, err := s.DB.UserByName(ctx, strings.ToLower(strings.TrimSpace(username)))
	if err != nil {
		return u, err
	}
	return s.User(ctx, u.ID)
}
