package apitest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// StripeMockVersion is the stripe-mock the tests run (the Makefile installs
// the same one for CI).
const StripeMockVersion = "v0.203.0"

var (
	mockOnce sync.Once
	mockBin  string
	mockErr  error
)

// stripeMockBinary finds stripe-mock (STRIPE_MOCK_BIN, PATH, GOPATH/bin) or
// installs it with `go install` into a temporary GOBIN, once per test binary.
func stripeMockBinary() (string, error) {
	mockOnce.Do(func() {
		if p := os.Getenv("STRIPE_MOCK_BIN"); p != "" {
			mockBin = p
			return
		}
		if p, err := exec.LookPath("stripe-mock"); err == nil {
			mockBin = p
			return
		}
		if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
			p := filepath.Join(strings.TrimSpace(string(out)), "bin", "stripe-mock")
			if _, err := os.Stat(p); err == nil {
				mockBin = p
				return
			}
		}
		dir, err := os.MkdirTemp("", "stripe-mock-bin-*")
		if err != nil {
			mockErr = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "go", "install", "github.com/stripe/stripe-mock@"+StripeMockVersion)
		cmd.Env = append(os.Environ(), "GOBIN="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			mockErr = fmt.Errorf("go install github.com/stripe/stripe-mock@%s: %v: %s", StripeMockVersion, err, out)
			return
		}
		mockBin = filepath.Join(dir, "stripe-mock")
	})
	return mockBin, mockErr
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// StripeMock starts stripe-mock on 127.0.0.1 for the test and returns its
// HTTP base URL; the test is skipped when stripe-mock cannot be installed.
func StripeMock(t testing.TB) string {
	t.Helper()
	bin, err := stripeMockBinary()
	if err != nil {
		t.Skipf("stripe-mock is unavailable (install it with `go install github.com/stripe/stripe-mock@%s`): %v", StripeMockVersion, err)
	}
	httpPort, httpsPort := freePort(t), freePort(t)
	cmd := exec.Command(bin, "-http-addr", fmt.Sprintf("127.0.0.1:%d", httpPort), "-https-addr", fmt.Sprintf("127.0.0.1:%d", httpsPort))
	if err := cmd.Start(); err != nil {
		t.Skipf("stripe-mock does not start: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	deadline := time.Now().Add(20 * time.Second)
	for {
		req, _ := http.NewRequest(http.MethodGet, url+"/v1/customers", nil)
		req.SetBasicAuth("sk_test_123", "")
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
			return url
		}
		if time.Now().After(deadline) {
			t.Fatalf("stripe-mock did not answer on %s", url)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
