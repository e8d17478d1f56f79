package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Argon2id parameters for new hashes (OWASP Password Storage Cheat Sheet:
// 19 MiB, 2 passes, 1 lane). Raising them makes Verify report needsRehash
// for older hashes, which are then upgraded at the next login.
const (
	ArgonMemory  = 19456 // KiB
	ArgonTime    = 2
	ArgonThreads = 1
	ArgonKeyLen  = 32
	ArgonSaltLen = 16
)

// MaxPasswordBytes bounds the input of Verify so that a huge login form
// cannot make the server hash megabytes; the policy's 256 runes take at most
// 1,024 bytes in NFC (and NFD can triple that).
const MaxPasswordBytes = 4096

// Limits on parameters read from a stored hash, so that a corrupt or
// hostile hash string cannot make Verify allocate gigabytes or spin.
const (
	maxMemory  = 256 * 1024 // KiB
	maxTime    = 16
	maxThreads = 16
	minSaltLen = 8
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 64
)

// ErrMalformedHash is returned by Verify when the stored string is not an
// Argon2id PHC string this package can check; it names a data problem, not a
// wrong password.
var ErrMalformedHash = errors.New("auth: malformed password hash")

var b64 = base64.RawStdEncoding

// params are the Argon2id settings of one stored hash.
type params struct {
	memory  uint32
	time    uint32
	threads uint8
}

var current = params{memory: ArgonMemory, time: ArgonTime, threads: ArgonThreads}

// normalize puts the password in NFC before it is hashed or verified.
//
// Vietnamese letters can be typed as one precomposed code point ("ễ",
// U+1EC5) or as a base letter plus combining marks ("e" U+0065, U+0302,
// U+0303): Unikey's "Unicode tổ hợp" setting, macOS and some phone keyboards
// send the decomposed form, Windows IMEs usually the precomposed one. Both
// render identically, so a user who set a passphrase on one machine could
// otherwise never log in from another. NFC maps canonically equivalent
// strings to one form and changes nothing else, so the password is still
// checked exactly as typed (ASVS 6.2.8): no trimming, case folding or
// truncation. NFKC is not used: it would also rewrite characters that look
// different (full-width letters, ligatures, superscripts). The register
// stores all text in NFC (vn.NFC). Never change this normalisation without
// rehashing: existing hashes would stop matching.
func normalize(password string) []byte {
	return []byte(norm.NFC.String(password))
}

// Hash returns a new Argon2id PHC string for password, with a random salt.
func Hash(password string) (string, error) {
	salt := make([]byte, ArgonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: reading salt: %w", err)
	}
	key := argon2.IDKey(normalize(password), salt, current.time, current.memory, current.threads, ArgonKeyLen)
	return encode(current, salt, key), nil
}

// encode formats the PHC string $argon2id$v=19$m=…,t=…,p=…$salt$key.
func encode(p params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memory, p.time, p.threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// Verify checks password against a stored PHC string in constant time.
// needsRehash is true when the hash was made with other parameters than
// Hash uses now, so the caller should store Hash(password) after a
// successful login. err is set only for a malformed hash string.
func Verify(hash, password string) (ok bool, needsRehash bool, err error) {
	p, salt, key, err := parseHash(hash)
	if err != nil {
		return false, false, err
	}
	if len(password) > MaxPasswordBytes {
		return false, false, nil
	}
	got := argon2.IDKey(normalize(password), salt, p.time, p.memory, p.threads, uint32(len(key)))
	ok = subtle.ConstantTimeCompare(got, key) == 1
	needsRehash = p != current || len(salt) != ArgonSaltLen || len(key) != ArgonKeyLen
	return ok, needsRehash, nil
}

// dummySalt and dummyKey give DummyVerify something to compare against.
var (
	dummySalt = make([]byte, ArgonSaltLen)
	dummyKey  = make([]byte, ArgonKeyLen)
)

// DummyVerify spends the time of a real Verify and always fails. The login
// handler calls it for an unknown username so that response times do not
// tell which usernames exist (ASVS 6.3.8).
func DummyVerify(password string) {
	if len(password) > MaxPasswordBytes {
		return
	}
	got := argon2.IDKey(normalize(password), dummySalt, current.time, current.memory, current.threads, ArgonKeyLen)
	subtle.ConstantTimeCompare(got, dummyKey)
}

// parseHash reads an Argon2id PHC string and checks every field and bound.
func parseHash(s string) (p params, salt, key []byte, err error) {
	// "$argon2id$v=19$m=19456,t=2,p=1$salt$key" splits into 6 parts, the first empty.
	f := strings.Split(s, "$")
	if len(f) != 6 || f[0] != "" || f[1] != "argon2id" {
		return p, nil, nil, ErrMalformedHash
	}
	if v, ok := strings.CutPrefix(f[2], "v="); !ok || v != strconv.Itoa(argon2.Version) {
		return p, nil, nil, ErrMalformedHash
	}
	m, t, th, ok := parseParams(f[3])
	if !ok || m < 8*uint64(th) || m > maxMemory || t < 1 || t > maxTime || th < 1 || th > maxThreads {
		return p, nil, nil, ErrMalformedHash
	}
	p = params{memory: uint32(m), time: uint32(t), threads: uint8(th)}
	if !isB64(f[4]) || !isB64(f[5]) {
		return p, nil, nil, ErrMalformedHash
	}
	if salt, err = b64.Strict().DecodeString(f[4]); err != nil || len(salt) < minSaltLen || len(salt) > maxSaltLen {
		return p, nil, nil, ErrMalformedHash
	}
	if key, err = b64.Strict().DecodeString(f[5]); err != nil || len(key) < minKeyLen || len(key) > maxKeyLen {
		return p, nil, nil, ErrMalformedHash
	}
	return p, salt, key, nil
}

// isB64 checks the alphabet of unpadded standard base64; the decoder
// itself would skip \r and \n, accepting non-canonical strings.
func isB64(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/') {
			return false
		}
	}
	return true
}

// parseParams reads "m=…,t=…,p=…" in that order, the only order PHC allows.
func parseParams(s string) (m, t, p uint64, ok bool) {
	f := strings.Split(s, ",")
	if len(f) != 3 {
		return 0, 0, 0, false
	}
	var vals [3]uint64
	for i, name := range [3]string{"m=", "t=", "p="} {
		v, found := strings.CutPrefix(f[i], name)
		if !found || v == "" || len(v) > 10 || (len(v) > 1 && v[0] == '0') {
			return 0, 0, 0, false
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return 0, 0, 0, false
		}
		vals[i] = n
	}
	return vals[0], vals[1], vals[2], true
}
