package apitest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	mockOnce sync.Once
	mockBin  string
	mockErr  error
)

// stripeMockBinary is STRIPE_MOCK_BIN when set, else the stripe-mock pinned
// by the tool directive in go.mod, built (once per test binary, then from
// the build cache) with `go tool -n`. A stripe-mock found on PATH is not
// used: it could be any version.
func stripeMockBinary() (string, error) {
	mockOnce.Do(func() {
		if p := os.Getenv("STRIPE_MOCK_BIN"); p != "" {
			mockBin = p
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, "go", "tool", "-n", "stripe-mock").Output()
		if err != nil {
			var stderr []byte
			if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
				stderr = ee.Stderr
			}
			mockErr = fmt.Errorf("go tool -n stripe-mock: %w: %s", err, stderr)
			return
		}
		mockBin = strings.TrimSpace(string(out))
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
// HTTP base URL; the test is skipped when stripe-mock cannot be built.
func StripeMock(t testing.TB) string {
	t.Helper()
	bin, err := stripeMockBinary()
	if err != nil {
		t.Skipf("stripe-mock is unavailable (it is a tool in go.mod: `go tool stripe-mock`): %v", err)
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
