package cli_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"tochuc/cli"
)

// TestServeRefusesPlainHTTP: passwords and session cookies never cross a network in clear text:
// a non-loopback address without TLS or --behind-proxy is refused before anything is opened.
func TestServeRefusesPlainHTTP(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", "[::]:0", ":0", "192.0.2.10:8080", "tochuc.example:8080"} {
		db := filepath.Join(t.TempDir(), "never.db")
		_, _, err := run(t, db, "serve", "--addr", addr)
		if err == nil || !strings.Contains(err.Error(), "không phục vụ HTTP không mã hóa") || !strings.Contains(err.Error(), "--behind-proxy") {
			t.Errorf("serve --addr %s: %v, want the refusal naming --tls-cert/--behind-proxy", addr, err)
		}
		if _, err := os.Stat(db); err == nil {
			t.Errorf("serve --addr %s created the database before refusing", addr)
		}
	}
	if _, _, err := run(t, "", "serve", "--addr", "0.0.0.0:0", "--tls-cert", "x.pem"); err == nil || !strings.Contains(err.Error(), "--tls-key") {
		t.Errorf("--tls-cert without --tls-key: %v", err)
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeBehindProxy: with --behind-proxy the same address is accepted, the server answers
// with HSTS and a __Host- cookie name (it is reached over HTTPS), and stops when its context ends.
// Loopback needs neither flag.
func TestServeBehindProxy(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		secure bool
	}{
		{[]string{"--addr", "0.0.0.0:0", "--behind-proxy"}, true},
		{[]string{"--addr", "127.0.0.1:0"}, false},
	} {
		db := filepath.Join(t.TempDir(), "serve.db")
		if _, _, err := run(t, db, "migrate"); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		var out, errb syncBuffer
		done := make(chan error, 1)
		go func() {
			getenv := func(k string) string {
				if k == "TOCHUC_DB" {
					return db
				}
				return ""
			}
			done <- cli.Run(ctx, append([]string{"serve"}, tc.args...), getenv, strings.NewReader(""), &out, &errb)
		}()
		port := ""
		re := regexp.MustCompile(`https?://[^ ]*:(\d+)/`)
		for deadline := time.Now().Add(20 * time.Second); port == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if m := re.FindStringSubmatch(out.String()); m != nil {
				port = m[1]
			}
			select {
			case err := <-done:
				cancel()
				t.Fatalf("serve %v stopped: %v\n%s", tc.args, err, errb.String())
			default:
			}
		}
		if port == "" {
			cancel()
			t.Fatalf("serve %v printed no address:\n%s\n%s", tc.args, out.String(), errb.String())
		}
		res, err := http.Get("http://127.0.0.1:" + port + "/login")
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		res.Body.Close()
		if hsts := res.Header.Get("Strict-Transport-Security"); (hsts != "") != tc.secure {
			t.Errorf("serve %v: HSTS %q", tc.args, hsts)
		}
		if res.StatusCode != http.StatusOK {
			t.Errorf("serve %v: GET /login %d", tc.args, res.StatusCode)
		}
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve %v after cancel: %v", tc.args, err)
			}
		case <-time.After(15 * time.Second):
			t.Fatalf("serve %v did not stop after its context ended", tc.args)
		}
	}
}
