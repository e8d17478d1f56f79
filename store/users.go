package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"tochuc"
)

// UserSecrets is what login needs besides the account: never returned outside the service.
type UserSecrets struct {
	PasswordHash string
	TOTPSecret   string
	TOTPLastStep int64
	Failures     int
	LockedUntil  string // RFC 3339 UTC, "" when not locked
}

const userCols = `u.id, u.username, u.full_name, COALESCE(u.member_id, 0), u.locale, u.disabled,
	u.totp_secret <> '', u.created_at, u.last_login_at`

func scanUser(sc interface{ Scan(...any) error }, extra ...any) (tochuc.User, error) {
	var u tochuc.User
	dest := append([]any{&u.ID, &u.Username, &u.FullName, &u.MemberID, &u.Locale, &u.Disabled,
		&u.TOTPEnabled, &u.CreatedAt, &u.LastLoginAt}, extra...)
	return u, sc.Scan(dest...)
}

// InsertUser creates an account and returns its id.
func (tx *Tx) InsertUser(ctx context.Context, u tochuc.User, passwordHash string) (int64, error) {
	var member any
	if u.MemberID != 0 {
		member = u.MemberID
	}
	t := now()
	id, err := insertID(ctx, tx.q(), `INSERT INTO users (username, full_name, password_hash, member_id, locale,
		created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
		u.Username, u.FullName, passwordHash, member, u.Locale, t)
	if err != nil {
		return 0, fmt.Errorf("store: insert user %s: %w", u.Username, err)
	}
	return id, nil
}

// UserByName reads an account with its secrets and grants; ENOTFOUND when there is none.
func (db *DB) UserByName(ctx context.Context, username string) (tochuc.User, UserSecrets, error) {
	var s UserSecrets
	u, err := scanUser(db.q().QueryRowContext(ctx, `SELECT `+userCols+`, u.password_hash, u.totp_secret,
		u.totp_last_step, u.failed_logins, u.locked_until FROM users u WHERE u.username = $1`, username),
		&s.PasswordHash, &s.TOTPSecret, &s.TOTPLastStep, &s.Failures, &s.LockedUntil)
	if errors.Is(err, sql.ErrNoRows) {
		return u, s, tochuc.Errorf(tochuc.ENOTFOUND, "không có tài khoản %q", username)
	} else if err != nil {
		return u, s, fmt.Errorf("store: user %s: %w", username, err)
	}
	u.Grants, err = db.Grants(ctx, u.ID)
	return u, s, err
}

// User reads an account with its grants.
func (db *DB) User(ctx context.Context, id int64) (tochuc.User, error) {
	u, err := scanUser(db.q().QueryRowContext(ctx, `SELECT `+userCols+` FROM users u WHERE u.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, tochuc.Errorf(tochuc.ENOTFOUND, "không có tài khoản số %d", id)
	} else if err != nil {
		return u, fmt.Errorf("store: user %d: %w", id, err)
	}
	u.Grants, err = db.Grants(ctx, id)
	return u, err
}

// UserSecret reads the secrets of an account (for re-authentication and TOTP checks).
func (db *DB) UserSecret(ctx context.Context, id int64) (UserSecrets, error) {
	var s UserSecrets
	err := db.q().QueryRowContext(ctx, `SELECT password_hash, totp_secret, totp_last_step, failed_logins,
		locked_until FROM users WHERE id = $1`, id).Scan(&s.PasswordHash, &s.TOTPSecret, &s.TOTPLastStep,
		&s.Failures, &s.LockedUntil)
	if errors.Is(err, sql.ErrNoRows) {
		return s, tochuc.Errorf(tochuc.ENOTFOUND, "không có tài khoản số %d", id)
	}
	return s, err
}

// Users lists every account in username order, with grants.
func (db *DB) Users(ctx context.Context) ([]tochuc.User, error) {
	rows, err := db.q().QueryContext(ctx, `SELECT `+userCols+` FROM users u ORDER BY u.username`)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	var out []tochuc.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	grants, err := db.allGrants(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Grants = grants[out[i].ID]
	}
	return out, nil
}

const grantCols = `g.id, g.user_id, g.role, g.org_id, o.code, g.restricted,
	COALESCE((SELECT v.name FROM org_versions v WHERE v.org_id = g.org_id ORDER BY v.valid_from DESC LIMIT 1), '')`

func scanGrants(rows *sql.Rows, err error) ([]tochuc.Grant, error) {
	if err != nil {
		return nil, fmt.Errorf("store: grants: %w", err)
	}
	defer rows.Close()
	var out []tochuc.Grant
	for rows.Next() {
		var g tochuc.Grant
		if err := rows.Scan(&g.ID, &g.UserID, &g.Role, &g.OrgID, &g.OrgCode, &g.Restricted, &g.OrgName); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Grants lists the roles of one account.
func (db *DB) Grants(ctx context.Context, userID int64) ([]tochuc.Grant, error) {
	return scanGrants(db.q().QueryContext(ctx, `SELECT `+grantCols+` FROM user_grants g JOIN orgs o ON o.id = g.org_id
		WHERE g.user_id = $1 ORDER BY g.id`, userID))
}

func (db *DB) allGrants(ctx context.Context) (map[int64][]tochuc.Grant, error) {
	gs, err := scanGrants(db.q().QueryContext(ctx, `SELECT `+grantCols+` FROM user_grants g JOIN orgs o ON o.id = g.org_id ORDER BY g.id`))
	out := map[int64][]tochuc.Grant{}
	for _, g := range gs {
		out[g.UserID] = append(out[g.UserID], g)
	}
	return out, err
}

// InsertGrant gives a role at an org; giving the same role again changes nothing.
func (tx *Tx) InsertGrant(ctx context.Context, g tochuc.Grant) error {
	_, err := tx.q().ExecContext(ctx, `INSERT INTO user_grants (user_id, role, org_id, restricted, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, role, org_id) DO UPDATE SET restricted = excluded.restricted`,
		g.UserID, g.Role, g.OrgID, g.Restricted, now())
	return err
}

// DeleteGrant takes a role away.
func (tx *Tx) DeleteGrant(ctx context.Context, id int64) error {
	_, err := tx.q().ExecContext(ctx, `DELETE FROM user_grants WHERE id = $1`, id)
	return err
}

// SetUserFields changes the plain fields of an account.
func (tx *Tx) SetUserFields(ctx context.Context, u tochuc.User) error {
	var member any
	if u.MemberID != 0 {
		member = u.MemberID
	}
	_, err := tx.q().ExecContext(ctx, `UPDATE users SET full_name = $2, member_id = $3, locale = $4, disabled = $5
		WHERE id = $1`, u.ID, u.FullName, member, u.Locale, u.Disabled)
	return err
}

// SetPassword replaces a password hash.
func (tx *Tx) SetPassword(ctx context.Context, id int64, hash string) error {
	_, err := tx.q().ExecContext(ctx, `UPDATE users SET password_hash = $2, password_changed_at = $3,
		failed_logins = 0, locked_until = '' WHERE id = $1`, id, hash, now())
	return err
}

// SetTOTP stores a second-factor secret ("" turns it off) and the step it was confirmed with.
func (tx *Tx) SetTOTP(ctx context.Context, id int64, secret string, step int64) error {
	_, err := tx.q().ExecContext(ctx, `UPDATE users SET totp_secret = $2, totp_last_step = $3 WHERE id = $1`, id, secret, step)
	return err
}

// UseTOTPStep records an accepted TOTP step, only if it is newer than the last one: two requests
// racing with the same code cannot both succeed.
func (tx *Tx) UseTOTPStep(ctx context.Context, id, step int64) (bool, error) {
	res, err := tx.q().ExecContext(ctx, `UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2`, id, step)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetLoginState records failures and the lockout after a failed login, or clears them.
func (tx *Tx) SetLoginState(ctx context.Context, id int64, failures int, lockedUntil string, success bool) error {
	q := `UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1`
	args := []any{id, failures, lockedUntil}
	if success {
		q = `UPDATE users SET failed_logins = $2, locked_until = $3, last_login_at = $4 WHERE id = $1`
		args = append(args, now())
	}
	_, err := tx.q().ExecContext(ctx, q, args...)
	return err
}

// Session is a login: the cookie holds a token whose hash is the key.
type Session struct {
	TokenHash string
	UserID    int64
	CSRFToken string
	MFA       bool
	CreatedAt string
	LastSeen  string
	IP        string
	UserAgent string
}

// InsertSession stores a new login.
func (tx *Tx) InsertSession(ctx context.Context, s Session) error {
	_, err := tx.q().ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, mfa, created_at,
		last_seen, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		s.TokenHash, s.UserID, s.CSRFToken, s.MFA, s.CreatedAt, s.LastSeen, s.IP, s.UserAgent)
	return err
}

// SessionByHash reads a login by its token hash; ENOTFOUND when there is none.
func (db *DB) SessionByHash(ctx context.Context, hash string) (Session, error) {
	var s Session
	err := db.q().QueryRowContext(ctx, `SELECT token_hash, user_id, csrf_token, mfa, created_at, last_seen, ip,
		user_agent FROM sessions WHERE token_hash = $1`, hash).Scan(&s.TokenHash, &s.UserID, &s.CSRFToken,
		&s.MFA, &s.CreatedAt, &s.LastSeen, &s.IP, &s.UserAgent)
	if errors.Is(err, sql.ErrNoRows) {
		return s, tochuc.Errorf(tochuc.ENOTFOUND, "phiên đăng nhập không còn")
	}
	return s, err
}

// Sessions lists the logins of one account, newest first.
func (db *DB) Sessions(ctx context.Context, userID int64) ([]Session, error) {
	rows, err := db.q().QueryContext(ctx, `SELECT token_hash, user_id, csrf_token, mfa, created_at, last_seen, ip,
		user_agent FROM sessions WHERE user_id = $1 ORDER BY created_at DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var s Session
		if err := rows.Scan(&s.TokenHash, &s.UserID, &s.CSRFToken, &s.MFA, &s.CreatedAt, &s.LastSeen, &s.IP, &s.UserAgent); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// TouchSession records activity on a login.
func (db *DB) TouchSession(ctx context.Context, hash, at string) error {
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.q().ExecContext(ctx, `UPDATE sessions SET last_seen = $2 WHERE token_hash = $1`, hash, at)
		return err
	})
}

// DeleteSession ends one login.
func (tx *Tx) DeleteSession(ctx context.Context, hash string) error {
	_, err := tx.q().ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash)
	return err
}

// DeleteUserSessions ends every login of an account except the one given ("" for all).
func (tx *Tx) DeleteUserSessions(ctx context.Context, userID int64, except string) error {
	_, err := tx.q().ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, userID, except)
	return err
}

// DeleteSessionsBefore removes logins idle since before idle or created before absolute.
func (tx *Tx) DeleteSessionsBefore(ctx context.Context, idle, absolute string) error {
	_, err := tx.q().ExecContext(ctx, `DELETE FROM sessions WHERE last_seen < $1 OR created_at < $2`, idle, absolute)
	return err
}

// APIToken is a per-user bearer token for the JSON API; only its hash is stored.
type APIToken struct {
	ID        int64  `json:"id"`
	UserID    int64  `json:"user_id"`
	Name      string `json:"name"`
	CreatedAt string `json:"created_at"`
	LastUsed  string `json:"last_used,omitempty"`
}

// InsertAPIToken stores a token hash and returns the token's id.
func (tx *Tx) InsertAPIToken(ctx context.Context, userID int64, name, hash string) (int64, error) {
	return insertID(ctx, tx.q(), `INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4)`,
		userID, name, hash, now())
}

// APITokenByHash finds the token a request presents; ENOTFOUND when revoked or unknown.
func (db *DB) APITokenByHash(ctx context.Context, hash string) (APIToken, error) {
	var t APIToken
	err := db.q().QueryRowContext(ctx, `SELECT id, user_id, name, created_at, last_used FROM api_tokens
		WHERE token_hash = $1`, hash).Scan(&t.ID, &t.UserID, &t.Name, &t.CreatedAt, &t.LastUsed)
	if errors.Is(err, sql.ErrNoRows) {
		return t, tochuc.Errorf(tochuc.ENOTFOUND, "mã truy cập không hợp lệ")
	}
	return t, err
}

// APITokens lists one account's tokens.
func (db *DB) APITokens(ctx context.Context, userID int64) ([]APIToken, error) {
	rows, err := db.q().QueryContext(ctx, `SELECT id, user_id, name, created_at, last_used FROM api_tokens
		WHERE user_id = $1 ORDER BY id`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var t APIToken
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.CreatedAt, &t.LastUsed); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// DeleteAPIToken revokes one token of an account.
func (tx *Tx) DeleteAPIToken(ctx context.Context, userID, id int64) (bool, error) {
	res, err := tx.q().ExecContext(ctx, `DELETE FROM api_tokens WHERE id = $1 AND user_id = $2`, id, userID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// TouchAPIToken records the day a token was last used.
func (db *DB) TouchAPIToken(ctx context.Context, id int64, day string) error {
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.q().ExecContext(ctx, `UPDATE api_tokens SET last_used = $2 WHERE id = $1 AND last_used <> $2`, id, day)
		return err
	})
}

// Restricted is the restricted part of a member's record.
type Restricted struct {
	ProtectionNote string `json:"protection_note"`
	Discipline     string `json:"discipline"`
	Evaluation     string `json:"evaluation"`
	UpdatedAt      string `json:"updated_at,omitempty"`
}

// Restricted reads a member's restricted fields (empty when never written).
func (db *DB) Restricted(ctx context.Context, memberID int64) (Restricted, error) {
	return restricted(ctx, db.q(), memberID)
}

// Restricted reads them inside a write.
func (tx *Tx) Restricted(ctx context.Context, memberID int64) (Restricted, error) {
	return restricted(ctx, tx.q(), memberID)
}

func restricted(ctx context.Context, q querier, memberID int64) (Restricted, error) {
	var r Restricted
	err := q.QueryRowContext(ctx, `SELECT protection_note, discipline, evaluation, updated_at FROM member_restricted
		WHERE member_id = $1`, memberID).Scan(&r.ProtectionNote, &r.Discipline, &r.Evaluation, &r.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	return r, err
}

// SetRestricted writes a member's restricted fields.
func (tx *Tx) SetRestricted(ctx context.Context, memberID int64, r Restricted) error {
	_, err := tx.q().ExecContext(ctx, `INSERT INTO member_restricted (member_id, protection_note, discipline, evaluation,
		updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (member_id) DO UPDATE SET protection_note = excluded.protection_note,
		discipline = excluded.discipline, evaluation = excluded.evaluation, updated_at = excluded.updated_at`,
		memberID, r.ProtectionNote, r.Discipline, r.Evaluation, now())
	return err
}

// GrantsAt lists the grants held at one org (for moving them when the org is merged away).
func (tx *Tx) GrantsAt(ctx context.Context, orgID int64) ([]tochuc.Grant, error) {
	return scanGrants(tx.q().QueryContext(ctx, `SELECT `+grantCols+` FROM user_grants g JOIN orgs o ON o.id = g.org_id
		WHERE g.org_id = $1 ORDER BY g.id`, orgID))
}
