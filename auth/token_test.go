package auth

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestNewToken(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		tok, hash := NewToken()
		b, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil || len(b) != 32 || len(tok) != 43 {
			t.Fatalf("token %q: %d bytes, %v", tok, len(b), err)
		}
		if hash != HashToken(tok) || len(hash) != 64 || strings.Contains(hash, tok) {
			t.Fatalf("hash %q of %q", hash, tok)
		}
		if seen[tok] {
			t.Fatalf("token repeated: %q", tok)
		}
		seen[tok] = true
	}
}

func TestNewAPIToken(t *testing.T) {
	tok, hash := NewAPIToken()
	if !strings.HasPrefix(tok, "tc_") || len(tok) != 46 {
		t.Fatalf("API token %q", tok)
	}
	if hash != HashToken(tok) || hash == HashToken(strings.TrimPrefix(tok, "tc_")) {
		t.Fatal("the hash must cover the prefix")
	}
}

func TestHashToken(t *testing.T) {
	// FIPS 180-2 example: SHA-256("abc").
	if got := HashToken("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("HashToken(abc) = %s", got)
	}
}
