package service

import (
	"context"
	"strconv"

	"tochuc"
	"tochuc/store"
)

// SessionInfo is what an admin sees of one login of an account: never its token or CSRF secret.
type SessionInfo struct {
	CreatedAt string `json:"created_at"`
	LastSeen  string `json:"last_seen"`
	IP        string `json:"ip"`
	UserAgent string `json:"user_agent"`
	MFA       bool   `json:"mfa"`
}

// UserSessions lists the live logins of an account the actor manages, newest first.
func (s *Service) UserSessions(ctx context.Context, userID int64) ([]SessionInfo, error) {
	if _, _, err := s.managed(ctx, userID); err != nil {
		return nil, err
	}
	list, err := s.DB.Sessions(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make([]SessionInfo, 0, len(list))
	for _, x := range list {
		out = append(out, SessionInfo{CreatedAt: x.CreatedAt, LastSeen: x.LastSeen, IP: x.IP, UserAgent: x.UserAgent, MFA: x.MFA})
	}
	return out, nil
}

// EndUserSessions ends every login of an account the actor manages (a lost phone, a person who
// left): the account's cookies stop working at their next request. The account stays usable.
func (s *Service) EndUserSessions(ctx context.Context, userID int64) error {
	if _, _, err := s.managed(ctx, userID); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteUserSessions(ctx, userID, ""); err != nil {
			return err
		}
		e := entry(ctx, tochuc.AuditLogout, "user", strconv.FormatInt(userID, 10), 0)
		e.Detail = "quản trị kết thúc mọi phiên đăng nhập"
		return tx.AppendAudit(ctx, e)
	})
}
