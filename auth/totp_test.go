package auth

import (
	"bytes"
	"encoding/base32"
	"image/png"
	"net/url"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

// rfcSecret is the RFC 6238 appendix B SHA-1 seed "12345678901234567890".
var rfcSecret = base32.StdEncoding.EncodeToString([]byte("12345678901234567890"))

func TestTOTPRFC6238Vectors(t *testing.T) {
	tests := []struct {
		unix  int64
		eight string // RFC 6238 appendix B, SHA-1
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	}
	for _, tt := range tests {
		at := time.Unix(tt.unix, 0)
		eight, err := hotp.GenerateCodeCustom(rfcSecret, uint64(TOTPStep(at)), hotp.ValidateOpts{Digits: otp.DigitsEight, Algorithm: otp.AlgorithmSHA1})
		if err != nil || eight != tt.eight {
			t.Errorf("T=%d: 8-digit code %q, %v; want %q", tt.unix, eight, err, tt.eight)
		}
		// 6 digits are the same number modulo 10^6: the last six digits.
		six := tt.eight[2:]
		if got := TOTPCode(rfcSecret, at); got != six {
			t.Errorf("TOTPCode(T=%d) = %q, want %q", tt.unix, got, six)
		}
		if step, ok := CheckTOTP(rfcSecret, six, at, 0); !ok || step != tt.unix/30 {
			t.Errorf("CheckTOTP(T=%d, %q) = %d, %v; want %d, true", tt.unix, six, step, ok, tt.unix/30)
		}
	}
}

func TestCheckTOTP(t *testing.T) {
	secret, _, err := NewTOTPSecret("tochuc", "nguyenvana")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 9, 2, 8, 0, 10, 0, time.UTC)
	cur := TOTPStep(now)
	code := func(d time.Duration) string { return TOTPCode(secret, now.Add(d)) }
	spaced := code(0)[:3] + " " + code(0)[3:]
	tests := []struct {
		name     string
		code     string
		lastStep int64
		wantOK   bool
		wantStep int64
	}{
		{"current step", code(0), 0, true, cur},
		{"typed with a space", spaced, 0, true, cur},
		{"typed with spaces around", "  " + code(0) + "\t", 0, true, cur},
		{"replay in the same window", code(0), cur, false, 0},
		{"previous step (slow clock)", code(-30 * time.Second), cur - 2, true, cur - 1},
		{"next step (fast clock)", code(30 * time.Second), cur - 1, true, cur + 1},
		{"two steps back", code(-60 * time.Second), 0, false, 0},
		{"two steps ahead", code(60 * time.Second), 0, false, 0},
		{"previous step already used", code(-30 * time.Second), cur - 1, false, 0},
		{"after a future code, the current one is spent", code(0), cur + 1, false, 0},
		{"5 digits", code(0)[:5], 0, false, 0},
		{"7 digits", code(0) + "1", 0, false, 0},
		{"letters", "12a456", 0, false, 0},
		{"empty", "", 0, false, 0},
		{"full-width digits", "１２３４５６", 0, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			step, ok := CheckTOTP(secret, tt.code, now, tt.lastStep)
			if ok != tt.wantOK || (ok && step != tt.wantStep) {
				t.Fatalf("CheckTOTP(%q, last %d) = %d, %v; want %d, %v", tt.code, tt.lastStep, step, ok, tt.wantStep, tt.wantOK)
			}
		})
	}
	// The flow the service follows: store the step, the same code then fails.
	step, ok := CheckTOTP(secret, code(0), now, 0)
	if !ok {
		t.Fatal("first use rejected")
	}
	if _, ok := CheckTOTP(secret, code(0), now.Add(5*time.Second), step); ok {
		t.Fatal("same code accepted twice (ASVS 6.5.1)")
	}
	if _, ok := CheckTOTP("not base32!", code(0), now, 0); ok {
		t.Fatal("invalid secret accepted")
	}
}

func TestNewTOTPSecret(t *testing.T) {
	s1, u1, err := NewTOTPSecret("tochuc", "Nguyễn Văn An")
	if err != nil {
		t.Fatal(err)
	}
	s2, _, _ := NewTOTPSecret("tochuc", "Nguyễn Văn An")
	if s1 == s2 {
		t.Fatal("two secrets are equal")
	}
	if b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s1); err != nil || len(b) != 20 {
		t.Fatalf("secret %q: %d bytes, %v; want 20", s1, len(b), err)
	}
	u, err := url.Parse(u1)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" {
		t.Fatalf("URL %q: %v", u1, err)
	}
	q := u.Query()
	if q.Get("secret") != s1 || q.Get("issuer") != "tochuc" || q.Get("algorithm") != "SHA1" || q.Get("digits") != "6" || q.Get("period") != "30" {
		t.Fatalf("URL %q has wrong parameters", u1)
	}
	key, err := otp.NewKeyFromURL(u1)
	if err != nil || key.AccountName() != "Nguyễn Văn An" {
		t.Fatalf("account name round trip: %q, %v", key.AccountName(), err)
	}
	img, err := TOTPQRCodePNG(u1)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img))
	if err != nil || cfg.Width != 256 || cfg.Height != 256 {
		t.Fatalf("QR PNG: %+v, %v", cfg, err)
	}
	for _, bad := range []string{"http://example.com/", "otpauth://hotp/x?secret=GEZDGNBV", "otpauth://totp/x", "%zz"} {
		if _, err := TOTPQRCodePNG(bad); err == nil {
			t.Errorf("TOTPQRCodePNG(%q): want an error", bad)
		}
	}
}

func TestTOTPStepBefore1970(t *testing.T) {
	if got := TOTPStep(time.Unix(-1, 0)); got != -1 {
		t.Fatalf("TOTPStep(-1 s) = %d, want -1", got)
	}
	if got := TOTPCode(rfcSecret, time.Unix(-1, 0)); got != "" {
		t.Fatalf("TOTPCode before 1970 = %q", got)
	}
}
