package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// APITokenPrefix marks API tokens so that secret scanners and people can
// recognise them in logs, configs and commits.
const APITokenPrefix = "tc_"

// NewToken returns a random 256-bit token (base64url, no padding, 43
// characters) for a session cookie or CSRF token, and its hash, the only
// form the database stores (ASVS 7.2.3: at least 128 bits from a CSPRNG).
func NewToken() (token string, hash string) {
	b := make([]byte, 32)
	rand.Read(b) // never fails since Go 1.24: it crashes the program instead
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// NewAPIToken is NewToken with the "tc_" prefix, for API clients; the hash
// covers the whole token, prefix included.
func NewAPIToken() (token string, hash string) {
	t, _ := NewToken()
	token = APITokenPrefix + t
	return token, HashToken(token)
}

// HashToken is the hex SHA-256 of a token, used to look tokens up without
// storing them: a 256-bit random token needs no salt or slow hash.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
