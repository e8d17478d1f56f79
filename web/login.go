package web

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"tochuc"
	"tochuc/service"
)

// loginPage shows the username and password form.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", map[string]any{"Title": "Đăng nhập", "Next": safeNext(r.URL.Query().Get("next"))})
}

// loginSubmit checks the password; a new session starts (any earlier cookie is discarded, so a
// planted session id is useless: ASVS 7.2.4).
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.PostFormValue("next"))
	if old := s.sessionToken(r); old != "" {
		s.svc.Logout(r.Context(), old)
	}
	l, err := s.svc.Authenticate(r.Context(), r.PostFormValue("username"), r.PostFormValue("password"), s.clientIP(r), r.UserAgent())
	if err != nil {
		s.clearSession(w)
		status := http.StatusUnauthorized
		if tochuc.ErrorCode(err) == tochuc.EINTERNAL {
			status = http.StatusInternalServerError
		}
		s.render(w, r, status, "login", map[string]any{"Title": "Đăng nhập", "Next": next,
			"Error": tochuc.ErrorMessage(err), "Username": r.PostFormValue("username")})
		return
	}
	s.setSession(w, l.Token)
	switch l.Stage() {
	case service.StageTOTP:
		http.Redirect(w, r, "/login/totp?next="+url.QueryEscape(next), http.StatusSeeOther)
	case service.StageEnroll:
		http.Redirect(w, r, "/account/totp", http.StatusSeeOther)
	default:
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

// totpPage asks for the code of the authenticator app.
func (s *Server) totpPage(w http.ResponseWriter, r *http.Request) {
	if whoFrom(r.Context()).Stage == service.StageReady {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "totp", map[string]any{"Title": "Xác thực hai bước", "Next": safeNext(r.URL.Query().Get("next"))})
}

// totpSubmit checks the code; the session is replaced by a new one with full access.
func (s *Server) totpSubmit(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.PostFormValue("next"))
	l, err := s.svc.SecondFactor(r.Context(), s.sessionToken(r), r.PostFormValue("code"), s.clientIP(r), r.UserAgent())
	if err != nil {
		s.render(w, r, http.StatusUnauthorized, "totp", map[string]any{"Title": "Xác thực hai bước", "Next": next, "Error": tochuc.ErrorMessage(err)})
		return
	}
	s.setSession(w, l.Token)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout ends the session on the server, not only in the browser (ASVS 7.4.1).
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	s.svc.Logout(r.Context(), s.sessionToken(r))
	s.clearSession(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// accountPage shows the user's own account: password, second factor, API tokens.
func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, http.StatusOK, map[string]any{})
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	tokens, err := s.svc.APITokens(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	me, err := s.svc.Me(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data["Title"], data["Tokens"], data["Account"] = "Tài khoản của tôi", tokens, me
	s.render(w, r, status, "account", data)
}

// accountPassword changes the user's password, optionally ending the other sessions.
func (s *Server) accountPassword(w http.ResponseWriter, r *http.Request) {
	err := s.svc.ChangePassword(r.Context(), r.PostFormValue("current"), r.PostFormValue("new"),
		r.PostFormValue("end_others") != "", s.sessionToken(r))
	if err != nil {
		s.renderAccount(w, r, http.StatusBadRequest, map[string]any{"PasswordError": tochuc.ErrorMessage(err)})
		return
	}
	s.renderAccount(w, r, http.StatusOK, map[string]any{"Notice": "Đã đổi mật khẩu."})
}

// enrollPage shows a new TOTP secret as a QR code and as text.
func (s *Server) enrollPage(w http.ResponseWriter, r *http.Request) {
	s.renderEnroll(w, r, http.StatusOK, "")
}

func (s *Server) renderEnroll(w http.ResponseWriter, r *http.Request, status int, msg string) {
	en, err := s.svc.StartTOTP(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	qr := template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(en.QR))
	s.render(w, r, status, "enroll", map[string]any{"Title": "Bật xác thực hai bước", "Secret": en.Secret, "QR": qr, "Error": msg})
}

// enrollSubmit turns the second factor on once a code from the app proves it was added.
func (s *Server) enrollSubmit(w http.ResponseWriter, r *http.Request) {
	l, err := s.svc.ConfirmTOTP(r.Context(), s.sessionToken(r), r.PostFormValue("secret"), r.PostFormValue("code"), s.clientIP(r), r.UserAgent())
	if err != nil {
		s.renderEnroll(w, r, http.StatusBadRequest, tochuc.ErrorMessage(err))
		return
	}
	s.setSession(w, l.Token)
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

// tokenCreate makes an API token and shows it once.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) {
	token, err := s.svc.CreateAPIToken(r.Context(), r.PostFormValue("name"))
	if err != nil {
		s.renderAccount(w, r, http.StatusBadRequest, map[string]any{"TokenError": tochuc.ErrorMessage(err)})
		return
	}
	s.renderAccount(w, r, http.StatusOK, map[string]any{"NewToken": token})
}

// tokenRevoke deletes one of the user's API tokens.
func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := s.svc.RevokeAPIToken(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
