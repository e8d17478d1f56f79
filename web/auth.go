package web

import (
	"context"
	"crypto/subtle"
	"net"
	"net/http"
	"net/url"
	"strings"

	"tochuc"
	"tochuc/service"
	"tochuc/store"
)

// Options are the deployment facts the handler needs.
type Options struct {
	// SecureCookies marks the session cookie Secure with the __Host- prefix: set whenever users
	// reach the server over HTTPS (TLS here or at a proxy).
	SecureCookies bool
	// TrustProxy takes the client address from X-Forwarded-For (only behind a proxy that sets it).
	TrustProxy bool
}

func (s *Server) cookieName() string {
	if s.opt.SecureCookies {
		return "__Host-tochuc"
	}
	return "tochuc_session"
}

// setSession sends a new session cookie. The cookie holds the token; the database its hash.
func (s *Server) setSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: token, Path: "/", HttpOnly: true,
		Secure: s.opt.SecureCookies, SameSite: http.SameSiteLaxMode})
}

func (s *Server) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.opt.SecureCookies, SameSite: http.SameSiteLaxMode})
}

func (s *Server) sessionToken(r *http.Request) string {
	if c, err := r.Cookie(s.cookieName()); err == nil {
		return c.Value
	}
	return ""
}

// clientIP is the address a request comes from, for throttling and the audit trail.
func (s *Server) clientIP(r *http.Request) string {
	if s.opt.TrustProxy {
		if f := r.Header.Get("X-Forwarded-For"); f != "" {
			parts := strings.Split(f, ",")
			return strings.TrimSpace(parts[len(parts)-1]) // the address our proxy saw
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// who is what a request knows about its user, kept in the request context for the pages.
type who struct {
	User    tochuc.User
	Session store.Session
	Stage   string
	Token   bool // authenticated by an API token
}

type whoKey struct{}

func whoFrom(ctx context.Context) *who {
	w, _ := ctx.Value(whoKey{}).(*who)
	return w
}

// access says who may call a route before the service decides what they may see.
type access int

const (
	public access = iota // no login: login pages, health, static files
	login                // a session at any stage: finishing the login, logout
	user                 // a logged-in user; the service checks the data scope
)

// authenticate resolves the session cookie or the API token into the actor of the request and
// enforces the login stages. Authorization of the data itself is the service's job.
func (s *Server) authenticate(need access, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if need == public {
			next(w, r)
			return
		}
		ctx := r.Context()
		ip := s.clientIP(r)
		isAPI := strings.HasPrefix(r.URL.Path, "/api/")
		if bearer, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && isAPI {
			a, err := s.svc.TokenActor(ctx, strings.TrimSpace(bearer), ip)
			if err != nil {
				s.unauthorized(w, r)
				return
			}
			u, _ := s.svc.DB.User(ctx, a.UserID)
			ctx = context.WithValue(tochuc.WithActor(ctx, a), whoKey{}, &who{User: u, Stage: service.StageReady, Token: true})
			next(w, r.WithContext(ctx))
			return
		}
		a, sess, u, err := s.svc.SessionActor(ctx, s.sessionToken(r), ip)
		if err != nil {
			s.unauthorized(w, r)
			return
		}
		wh := &who{User: u, Session: sess, Stage: service.SessionStage(u, sess)}
		if need == user && wh.Stage != service.StageReady {
			// The password was right but the second factor is still due (or must be set up).
			if isAPI {
				s.unauthorized(w, r)
				return
			}
			to := "/login/totp"
			if wh.Stage == service.StageEnroll {
				to = "/account/totp"
			}
			if r.URL.Path != to {
				http.Redirect(w, r, to, http.StatusSeeOther)
				return
			}
		}
		if !safeMethod(r.Method) && !s.validCSRF(r, sess) {
			s.forbiddenCSRF(w, r)
			return
		}
		ctx = context.WithValue(tochuc.WithActor(ctx, a), whoKey{}, wh)
		next(w, r.WithContext(ctx))
	}
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// validCSRF checks the session-bound token of a form or of an API call made with a session
// cookie (header X-CSRF-Token). Cross-origin requests were already refused by
// http.CrossOriginProtection; this also stops same-site attackers and stale forms.
func (s *Server) validCSRF(r *http.Request, sess store.Session) bool {
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf")
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRFToken)) == 1
}

func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.json(w, http.StatusUnauthorized, map[string]string{"error": "unauthorized", "message": "Cần đăng nhập hoặc mã truy cập hợp lệ."})
		return
	}
	s.clearSession(w)
	if r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	http.Error(w, "Phiên làm việc đã hết hạn; xin đăng nhập lại.", http.StatusUnauthorized)
}

func (s *Server) forbiddenCSRF(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.json(w, http.StatusForbidden, map[string]string{"error": "csrf", "message": "Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF)."})
		return
	}
	s.render(w, r, http.StatusForbidden, "error", map[string]any{"Title": "Lỗi", "Message": "Biểu mẫu đã cũ hoặc không hợp lệ; xin tải lại trang rồi thử lại."})
}

// safeNext keeps a post-login redirect on this site: a path, never a scheme or another host.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	// Browsers drop tabs and newlines from a Location and read "\" as "/": "/\t/evil.example"
	// would become "//evil.example", another site.
	if strings.ContainsFunc(next, func(c rune) bool { return c < 0x20 || c == 0x7f || c == '\\' }) {
		return "/"
	}
	return next
}
