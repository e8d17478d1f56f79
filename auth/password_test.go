package auth

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Each Hash or real Verify costs one Argon2id run (19 MiB, ~50 ms, several
// times that under -race), so the tests below share hashes and stay under a
// dozen runs in total.

var phcRE = regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)

func TestHashVerify(t *testing.T) {
	const pw = "Đảng viên ưu tú năm 2024"
	h, err := Hash(pw)
	if err != nil {
		t.Fatal(err)
	}
	if !phcRE.MatchString(h) {
		t.Fatalf("Hash = %q, not the PHC format with OWASP parameters", h)
	}
	if strings.Contains(h, pw) {
		t.Fatal("hash contains the password")
	}
	nfd := norm.NFD.String(pw)
	if nfd == pw {
		t.Fatal("test setup: NFD form should differ")
	}
	tests := []struct {
		name, password string
		want           bool
	}{
		{"same", pw, true},
		{"NFD typed on another keyboard", nfd, true},
		{"wrong", "Đảng viên ưu tú năm 2025", false},
		{"trailing space is a different password", pw + " ", false},
		{"leading space", " " + pw, false},
		{"case differs", strings.ToUpper(pw), false},
		{"tones removed", "Dang vien uu tu nam 2024", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, rehash, err := Verify(h, tt.password)
			if err != nil || rehash || ok != tt.want {
				t.Errorf("Verify(%q) = %v, %v, %v; want %v, false, nil", tt.password, ok, rehash, err, tt.want)
			}
		})
	}
}

func TestHashSalted(t *testing.T) {
	// Two hashes of one password differ (random salt) and both verify.
	h1 := mustHash(t, "mưa rơi trên phố cổ")
	h2 := mustHash(t, "mưa rơi trên phố cổ")
	if h1 == h2 {
		t.Fatal("two hashes of the same password are equal: salt is not random")
	}
}

func TestLongPassphraseNotTruncated(t *testing.T) {
	// 100 runes of Vietnamese with spaces and emoji; bcrypt would cut at 72 bytes.
	pw := "Tôi yêu những buổi sáng mùa thu Hà Nội 🍂, khi gió heo may về trên phố cổ ☕ và lá vàng rơi đầy lối 🌿!!"
	for utf8.RuneCountInString(pw) < 100 {
		pw += "ạ"
	}
	pw = string([]rune(pw)[:100])
	h := mustHash(t, pw)
	if ok, _, err := Verify(h, pw); !ok || err != nil {
		t.Fatalf("Verify(100-rune passphrase) = %v, %v", ok, err)
	}
	// Changing only the last character must fail: nothing is truncated.
	r := []rune(pw)
	r[99] = 'b'
	if ok, _, _ := Verify(h, string(r)); ok {
		t.Fatal("password differing only in its 100th character verified: truncation")
	}
}

func TestVerifyNeedsRehash(t *testing.T) {
	salt := []byte("0123456789abcdef")
	cheap := params{memory: 64, time: 1, threads: 1}
	key := argon2.IDKey([]byte("mật khẩu cũ dài"), salt, cheap.time, cheap.memory, cheap.threads, 32)
	h := encode(cheap, salt, key)
	ok, rehash, err := Verify(h, "mật khẩu cũ dài")
	if !ok || !rehash || err != nil {
		t.Fatalf("old-parameter hash: Verify = %v, %v, %v; want true, true, nil", ok, rehash, err)
	}
	ok, rehash, err = Verify(h, "mật khẩu khác")
	if ok || err != nil {
		t.Fatalf("old-parameter hash, wrong password: Verify = %v, %v, %v", ok, rehash, err)
	}
}

func TestVerifyMalformed(t *testing.T) {
	good := "$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43)
	if _, _, _, err := parseHash(good); err != nil {
		t.Fatalf("test setup: %v", err)
	}
	bad := []string{
		"",
		"$",
		"password",
		"$argon2i$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2d$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW", // bcrypt
		"argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$v=16$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$v=19$t=1,m=64,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$v=19$m=64,t=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$v=19$m=64,t=0,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$v=19$m=64,t=1,p=0$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$v=19$m=4,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$v=19$m=99999999,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$v=19$m=64,t=4294967296,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$v=19$m=64,t=1,p=256$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$v=19$m=-64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$v=19$m=064,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43),
		"$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg==$" + strings.Repeat("A", 43), // padded
		"$argon2id$v=19$m=64,t=1,p=1$MDEy$" + strings.Repeat("A", 43),                     // short salt
		"$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAA",                         // short key
		"$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("!", 43),
		"$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43) + "$",
		good + "=",
		strings.Replace(good, "$AAAA", "$AA\r\nAA", 1), // the decoder would skip CR LF
		good + "xy",
	}
	for _, h := range bad {
		ok, rehash, err := Verify(h, "anything")
		if ok || rehash || !errors.Is(err, ErrMalformedHash) {
			t.Errorf("Verify(%q) = %v, %v, %v; want false, false, ErrMalformedHash", h, ok, rehash, err)
		}
	}
}

func TestVerifyHugeInput(t *testing.T) {
	// A megabyte of login form is refused before hashing.
	h := "$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + strings.Repeat("A", 43)
	ok, _, err := Verify(h, strings.Repeat("x", 1<<20))
	if ok || err != nil {
		t.Fatalf("Verify(1 MiB) = %v, %v", ok, err)
	}
	DummyVerify(strings.Repeat("x", 1<<20)) // must return at once, not panic
}

func TestDummyVerifyUsesCurrentParameters(t *testing.T) {
	// DummyVerify must cost what Verify of a current hash costs: same
	// parameters and key length. A cheap dummy would reveal unknown users.
	if current.memory != ArgonMemory || current.time != ArgonTime || current.threads != ArgonThreads ||
		len(dummySalt) != ArgonSaltLen || len(dummyKey) != ArgonKeyLen {
		t.Fatal("DummyVerify parameters differ from Hash parameters")
	}
	DummyVerify("không tồn tại")
}

func mustHash(t *testing.T, pw string) string {
	t.Helper()
	h, err := Hash(pw)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func FuzzVerify(f *testing.F) {
	f.Add("$argon2id$v=19$m=64,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$"+strings.Repeat("A", 43), "x")
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"+strings.Repeat("B", 43), "mật khẩu")
	f.Add("$argon2id$v=19$m=,t=,p=$$", "")
	f.Add("$$$$$", "")
	f.Add("$argon2id$v=19$m=64,t=1,p=1$$", "")
	f.Fuzz(func(t *testing.T, h, pw string) {
		p, salt, key, err := parseHash(h)
		if err != nil {
			if !errors.Is(err, ErrMalformedHash) {
				t.Fatalf("parseHash error %v is not ErrMalformedHash", err)
			}
			return
		}
		// Accepted strings are canonical: encoding the parts gives them back.
		if got := encode(p, salt, key); got != h {
			t.Fatalf("parseHash(%q) re-encodes as %q", h, got)
		}
		if p.memory <= 1024 && p.time <= 2 { // keep each fuzz run cheap
			if _, _, err := Verify(h, pw); err != nil {
				t.Fatalf("Verify(%q) after a successful parse: %v", h, err)
			}
		}
	})
}
