package service

import (
	"context"
	"strconv"
	"strings"
	"time"

	"tochuc"
	"tochuc/auth"
	"tochuc/store"
)

// Session lifetimes (ASVS 5.0 7.3.1/7.3.2 at level 2: 30 minutes idle, 12 hours in all).
const (
	IdleTimeout     = 30 * time.Minute
	AbsoluteTimeout = 12 * time.Hour
	touchEvery      = time.Minute // last_seen is written at most this often per session
)

// errBadLogin is the one answer to every failed login, whatever failed: no user enumeration.
var errBadLogin = tochuc.Errorf(tochuc.EINVALID, "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa vì nhập sai nhiều lần. Xin thử lại sau ít phút.")

// errBadCode answers a wrong or reused second-factor code.
var errBadCode = tochuc.Errorf(tochuc.EINVALID, "Mã xác thực không đúng hoặc đã dùng; hãy nhập mã mới trên ứng dụng xác thực.")

// Login is a session just created: Token goes in the cookie and is never stored.
type Login struct {
	Token   string
	Session store.Session
	User    tochuc.User
}

// Stage tells what a session still lacks before it may work.
func (l Login) Stage() string { return SessionStage(l.User, l.Session) }

// Session stages.
const (
	StageReady  = "ready"  // full access
	StageTOTP   = "totp"   // password given; the second-factor code is due
	StageEnroll = "enroll" // the account's roles need a second factor it has not set up yet
)

// SessionStage is the stage of a session of user u.
func SessionStage(u tochuc.User, s store.Session) string {
	switch {
	case s.MFA:
		return StageReady
	case u.TOTPEnabled:
		return StageTOTP
	case u.NeedsMFA():
		return StageEnroll
	}
	return StageReady
}

// nowUTC is the clock of logins, lockouts and sessions: s.Now when set (tests), else the wall clock.
func (s *Service) nowUTC() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func stamp(t time.Time) string { return t.Format(time.RFC3339) }

// Authenticate checks a username and password. Failures are throttled per account (soft lockout
// with backoff) and per address, all answered with the same words and in about the same time.
func (s *Service) Authenticate(ctx context.Context, username, password, ip, userAgent string) (*Login, error) {
	now := s.nowUTC()
	username = strings.ToLower(strings.TrimSpace(username))
	if !s.addrs.Allow(ip, now) {
		auth.DummyVerify(password)
		s.loginFailed(ctx, 0, username, ip, "address throttled")
		return nil, errBadLogin
	}
	u, sec, err := s.DB.UserByName(ctx, username)
	if tochuc.ErrorCode(err) == tochuc.ENOTFOUND {
		auth.DummyVerify(password)
		s.loginFailed(ctx, 0, username, ip, "unknown user")
		return nil, errBadLogin
	} else if err != nil {
		return nil, err
	}
	st := auth.AccountState{Failures: sec.Failures}
	if sec.LockedUntil != "" {
		st.LockedUntil, _ = time.Parse(time.RFC3339, sec.LockedUntil)
	}
	if auth.Locked(st, now) || u.Disabled {
		auth.DummyVerify(password)
		s.loginFailed(ctx, u.ID, username, ip, map[bool]string{true: "disabled", false: "locked"}[u.Disabled])
		return nil, errBadLogin
	}
	ok, rehash, err := auth.Verify(sec.PasswordHash, password)
	if err != nil || !ok {
		st = auth.AfterFailure(st, now)
		locked := ""
		if !st.LockedUntil.IsZero() {
			locked = stamp(st.LockedUntil)
		}
		s.DB.Write(ctx, func(tx *store.Tx) error { return tx.SetLoginState(ctx, u.ID, st.Failures, locked, false) })
		s.loginFailed(ctx, u.ID, username, ip, "wrong password")
		return nil, errBadLogin
	}
	l := &Login{User: u}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if rehash {
			if h, err := auth.Hash(password); err == nil {
				if err := tx.SetPassword(ctx, u.ID, h); err != nil {
					return err
				}
			}
		}
		if err := tx.SetLoginState(ctx, u.ID, 0, "", true); err != nil {
			return err
		}
		var err error
		l.Token, l.Session, err = s.newSession(ctx, tx, u.ID, false, ip, userAgent)
		if err != nil {
			return err
		}
		e := s.userEntry(ctx, tochuc.AuditLogin, u, ip, l.Session.TokenHash)
		e.Detail = "mật khẩu"
		return tx.AppendAudit(ctx, e)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// userEntry is an audit entry about a user acting before an actor exists (login steps).
func (s *Service) userEntry(ctx context.Context, action string, u tochuc.User, ip, sessionHash string) *tochuc.AuditEntry {
	e := entry(ctx, action, "user", strconv.FormatInt(u.ID, 10), 0)
	e.ActorID, e.ActorName, e.IP = u.ID, u.Username, ip
	e.SessionHash = short(sessionHash)
	if e.Channel == "" {
		e.Channel = tochuc.ChannelWeb
	}
	return e
}

func (s *Service) loginFailed(ctx context.Context, userID int64, username, ip, reason string) {
	e := entry(ctx, tochuc.AuditLoginFail, "user", strconv.FormatInt(userID, 10), 0)
	e.ActorID, e.ActorName, e.IP, e.Outcome, e.Reason = userID, username, ip, tochuc.OutcomeDeny, reason
	if e.Channel == "" {
		e.Channel = tochuc.ChannelWeb
	}
	s.DB.AppendAudit(ctx, e)
}

// short keeps the first 16 hex digits of a token hash: enough to tie audit entries to a login,
// useless to forge one.
func short(hash string) string {
	if len(hash) > 16 {
		return hash[:16]
	}
	return hash
}

func (s *Service) newSession(ctx context.Context, tx *store.Tx, userID int64, mfa bool, ip, ua string) (string, store.Session, error) {
	token, hash := auth.NewToken()
	csrf, _ := auth.NewToken()
	t := stamp(s.nowUTC())
	if len(ua) > 200 {
		ua = ua[:200]
	}
	sess := store.Session{TokenHash: hash, UserID: userID, CSRFToken: csrf, MFA: mfa, CreatedAt: t, LastSeen: t, IP: ip, UserAgent: ua}
	return token, sess, tx.InsertSession(ctx, sess)
}

// SecondFactor checks the TOTP code of a session at stage totp and replaces the session with a
// new one (new token: the pre-login token stops working), now with full access.
func (s *Service) SecondFactor(ctx context.Context, token, code, ip, userAgent string) (*Login, error) {
	sess, u, err := s.session(ctx, token)
	if err != nil {
		return nil, err
	}
	sec, err := s.DB.UserSecret(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	if !u.TOTPEnabled || sec.TOTPSecret == "" {
		// No factor enrolled: an empty secret is an empty HMAC key whose codes anyone can compute.
		return nil, errBadCode
	}
	now := s.nowUTC()
	st := auth.AccountState{Failures: sec.Failures}
	if sec.LockedUntil != "" {
		st.LockedUntil, _ = time.Parse(time.RFC3339, sec.LockedUntil)
	}
	if auth.Locked(st, now) {
		return nil, errBadCode
	}
	step, ok := auth.CheckTOTP(sec.TOTPSecret, code, now, sec.TOTPLastStep)
	l := &Login{User: u}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		if ok {
			if ok, err = tx.UseTOTPStep(ctx, u.ID, step); err != nil {
				return err
			}
		}
		if !ok {
			return nil
		}
		if err := tx.DeleteSession(ctx, sess.TokenHash); err != nil {
			return err
		}
		var err error
		if l.Token, l.Session, err = s.newSession(ctx, tx, u.ID, true, ip, userAgent); err != nil {
			return err
		}
		e := s.userEntry(ctx, tochuc.AuditLogin, u, ip, l.Session.TokenHash)
		e.Detail = "mật khẩu + TOTP"
		return tx.AppendAudit(ctx, e)
	})
	if err != nil {
		return nil, err
	}
	if !ok {
		st = auth.AfterFailure(st, now)
		locked := ""
		if !st.LockedUntil.IsZero() {
			locked = stamp(st.LockedUntil)
		}
		s.DB.Write(ctx, func(tx *store.Tx) error { return tx.SetLoginState(ctx, u.ID, st.Failures, locked, false) })
		s.loginFailed(ctx, u.ID, u.Username, ip, "wrong totp")
		return nil, errBadCode
	}
	return l, nil
}

// session reads a live session and its user, ending it when it has timed out or the account is
// disabled.
func (s *Service) session(ctx context.Context, token string) (store.Session, tochuc.User, error) {
	gone := tochuc.Errorf(tochuc.EFORBIDDEN, "Phiên làm việc đã hết hạn; xin đăng nhập lại.")
	if token == "" {
		return store.Session{}, tochuc.User{}, gone
	}
	sess, err := s.DB.SessionByHash(ctx, auth.HashToken(token))
	if tochuc.ErrorCode(err) == tochuc.ENOTFOUND {
		return sess, tochuc.User{}, gone
	} else if err != nil {
		return sess, tochuc.User{}, err
	}
	now := s.nowUTC()
	created, _ := time.Parse(time.RFC3339, sess.CreatedAt)
	seen, _ := time.Parse(time.RFC3339, sess.LastSeen)
	u, err := s.DB.User(ctx, sess.UserID)
	if err != nil || u.Disabled || now.Sub(seen) > IdleTimeout || now.Sub(created) > AbsoluteTimeout {
		s.DB.Write(ctx, func(tx *store.Tx) error { return tx.DeleteSession(ctx, sess.TokenHash) })
		return sess, u, gone
	}
	if now.Sub(seen) > touchEvery {
		s.DB.TouchSession(ctx, sess.TokenHash, stamp(now))
	}
	return sess, u, nil
}

// SessionActor resolves a session cookie into the actor of a request. Grants are read afresh on
// every request, so a changed or revoked grant applies at once (ASVS 8.3.2).
func (s *Service) SessionActor(ctx context.Context, token, ip string) (*tochuc.Actor, store.Session, tochuc.User, error) {
	sess, u, err := s.session(ctx, token)
	if err != nil {
		return nil, sess, u, err
	}
	a := &tochuc.Actor{UserID: u.ID, Username: u.Username, MemberID: u.MemberID, Grants: u.Grants,
		Channel: tochuc.ChannelWeb, IP: ip, SessionHash: short(sess.TokenHash), MFA: sess.MFA, Locale: u.Locale}
	if SessionStage(u, sess) != StageReady {
		a.Grants = nil // until the second factor, the session may do nothing but finish logging in
	}
	return a, sess, u, nil
}

// TokenActor resolves an API bearer token. Tokens of accounts whose roles need a second factor
// count as second-factor logins: creating one required a full login.
func (s *Service) TokenActor(ctx context.Context, token, ip string) (*tochuc.Actor, error) {
	bad := tochuc.Errorf(tochuc.EFORBIDDEN, "Mã truy cập không hợp lệ hoặc đã bị thu hồi.")
	t, err := s.DB.APITokenByHash(ctx, auth.HashToken(token))
	if err != nil {
		return nil, bad
	}
	u, err := s.DB.User(ctx, t.UserID)
	if err != nil || u.Disabled {
		return nil, bad
	}
	if day := stamp(s.nowUTC())[:10]; t.LastUsed != day {
		s.DB.TouchAPIToken(ctx, t.ID, day)
	}
	return &tochuc.Actor{UserID: u.ID, Username: u.Username, MemberID: u.MemberID, Grants: u.Grants,
		Channel: tochuc.ChannelAPI, IP: ip, SessionHash: "token:" + strconv.FormatInt(t.ID, 10), MFA: true, Locale: u.Locale}, nil
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, token string) error {
	hash := auth.HashToken(token)
	sess, err := s.DB.SessionByHash(ctx, hash)
	if err != nil {
		return nil
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteSession(ctx, hash); err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditLogout, "user", strconv.FormatInt(sess.UserID, 10), 0)
		return tx.AppendAudit(ctx, e)
	})
}

// PruneSessions deletes sessions past their timeouts (run at start and hourly).
func (s *Service) PruneSessions(ctx context.Context) error {
	now := s.nowUTC()
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		return tx.DeleteSessionsBefore(ctx, stamp(now.Add(-IdleTimeout)), stamp(now.Add(-AbsoluteTimeout)))
	})
}
