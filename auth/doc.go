// Package auth holds the authentication logic of the register as pure
// functions: password hashing and policy, TOTP second factor, login
// throttling and random tokens. It has no database and no HTTP; the store
// keeps the state (hashes, TOTP secret and last step, AccountState) and the
// web layer calls these functions (docs/security.md §1.1 V6, §1.3, §4 E).
//
// # Passwords
//
// Argon2id, m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte key (OWASP Password
// Storage Cheat Sheet), stored as a PHC string. Verify reads the parameters
// from the string, so they can be raised later: it reports needsRehash and
// the caller stores a fresh Hash after a successful login. Passwords are
// NFC-normalised, never trimmed, case-folded or truncated (ASVS 6.2.8).
//
// # Password policy (NIST 800-63B rev. 4, ASVS 6.2)
//
// At least 15 characters, or 8 with a second factor; at most 256; no
// composition rules and no expiry. Rejected: the 10,000 most common
// passwords plus common Vietnamese ones, repeated or sequential strings, and
// context words (username, name, unit names, "Đảng", "Tổ chức", …).
//
// # Throttling (ASVS 6.1.1, 6.3.1; ASVS 4.0 2.2.1)
//
// Per account, soft lockout with exponential backoff. The first 4
// consecutive failures cost nothing; the 5th locks the account for 1 minute,
// each further failure doubles the lock (2, 4, 8, 16 min) up to 30 minutes,
// where it stays. While locked, a login attempt is refused without checking
// the password and does not count, so the lock never grows by hammering.
// After the 4 free tries, at most one guess per 30 minutes gets through:
// about 10 in the first hour and 2 an hour after that, far below the
// 100 failures per hour of ASVS 4.0 2.2.1. A success resets the counter.
//
// A lock is never permanent: it ends by itself after at most 30 minutes, and
// an administrator can clear it. An attacker who knows a username can still
// keep it locked by trying once every 30 minutes; the web layer should
// exempt a browser that presents a valid device cookie of that account (a
// NewToken given at an earlier successful login, OWASP "device cookies")
// from the account lock, keeping only the per-address limit for it.
//
// Per address, in memory on each server: AddrLimiter, a token bucket of 20
// attempts refilled at 1 per 6 seconds (600 an hour), keyed by IPv4 address
// or IPv6 /64, bounded to 100,000 addresses. It slows credential stuffing
// across many accounts from one address.
//
// To avoid user enumeration (ASVS 6.3.8), the login handler calls
// DummyVerify for an unknown username (and for a locked or disabled
// account), so every refusal costs one Argon2id run, and answers an unknown
// user and a wrong password with the same message and status.
package auth
