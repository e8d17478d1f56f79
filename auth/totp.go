package auth

import (
	"bytes"
	"crypto/subtle"
	"fmt"
	"image/png"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
)

// TOTP settings: RFC 6238 with HMAC-SHA-1, 6 digits and 30-second steps, the
// only combination every authenticator app (Google, Microsoft, FreeOTP,
// Aegis, 1Password…) supports.
const (
	TOTPPeriod = 30
	TOTPDigits = 6
	// TOTPSkew is how many steps before and after now are accepted, for
	// phones whose clocks are up to 30 seconds off.
	TOTPSkew = 1
)

var totpOpts = hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// NewTOTPSecret makes a random 160-bit secret (base32) for enrolling a user
// and its otpauth:// URL for the QR code; issuer and account label the entry
// in the authenticator app.
func NewTOTPSecret(issuer, account string) (secret, otpauthURL string, err error) {
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer:      issuer,
		AccountName: account,
		Period:      TOTPPeriod,
		SecretSize:  20,
		Digits:      otp.DigitsSix,
		Algorithm:   otp.AlgorithmSHA1,
	})
	if err != nil {
		return "", "", err
	}
	return key.Secret(), key.URL(), nil
}

// TOTPQRCodePNG renders the otpauth URL as a 256×256 PNG QR code for the
// enrollment page, so the secret never leaves the server as text.
func TOTPQRCodePNG(otpauthURL string) ([]byte, error) {
	key, err := otp.NewKeyFromURL(otpauthURL)
	if err != nil {
		return nil, err
	}
	if u, _ := url.Parse(otpauthURL); u == nil || u.Scheme != "otpauth" || key.Type() != "totp" || key.Secret() == "" {
		return nil, fmt.Errorf("auth: not an otpauth://totp URL with a secret")
	}
	img, err := key.Image(256, 256)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// TOTPStep is the RFC 6238 time step (counter) that t falls in.
func TOTPStep(t time.Time) int64 {
	return floorDiv(t.Unix(), TOTPPeriod)
}

// floorDiv divides rounding toward minus infinity, so times before 1970 work.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// CheckTOTP checks a code typed by the user against secret at time now. It
// accepts the current step and one step either side (clock skew) but never
// a step ≤ lastStep, the step of the last accepted code, so each code works
// once (ASVS 6.5.1). On success the caller stores the returned step as the
// new lastStep. Spaces in the code ("123 456") are ignored.
func CheckTOTP(secret, code string, now time.Time, lastStep int64) (step int64, ok bool) {
	code = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, code)
	if len(code) != TOTPDigits || strings.Trim(code, "0123456789") != "" {
		return 0, false
	}
	secret = strings.ReplaceAll(secret, " ", "")
	cur := TOTPStep(now)
	// Check every step of the window, without stopping early, so the time
	// taken does not tell which step matched.
	for s := cur - TOTPSkew; s <= cur+TOTPSkew; s++ {
		if s < 0 {
			continue
		}
		want, err := hotp.GenerateCodeCustom(secret, uint64(s), totpOpts)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 && s > lastStep {
			step, ok = s, true
		}
	}
	return step, ok
}

// TOTPCode returns the 6-digit code for secret at t, or "" for an invalid
// secret; tests and the browser test use it to log in.
func TOTPCode(secret string, t time.Time) string {
	s := TOTPStep(t)
	if s < 0 {
		return ""
	}
	code, err := hotp.GenerateCodeCustom(strings.ReplaceAll(secret, " ", ""), uint64(s), totpOpts)
	if err != nil {
		return ""
	}
	return code
}
