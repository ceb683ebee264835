package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func envOf(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

func TestHelpListsTheConfiguration(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"server", "--help"}, envOf(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"PORT", "DATA_DIR", "MONGODB_URI", "AUTH_MODE", "CLERK_JWT_KEY", "ADMIN_EMAILS", "CORS_ORIGINS", "SEED_DEMO"} {
		if !strings.Contains(out.String(), v) {
			t.Errorf("--help does not mention %s", v)
		}
	}
}

func TestRefusesToStartInProductionWithDevAuth(t *testing.T) {
	err := run(context.Background(), []string{"server"}, envOf(map[string]string{
		"APP_ENV": "production", "AUTH_MODE": "dev", "DATA_DIR": t.TempDir(),
	}), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "AUTH_MODE=dev is refused") {
		t.Fatalf("want a refusal naming AUTH_MODE=dev, got %v", err)
	}
}

func TestServesTheDemoCatalogAndShutsDownGracefully(t *testing.T) {
	port := freePort(t)
	dataDir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// A built API reference, as frontends/api-docs leaves it.
	docsDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(docsDir, "index.html"), []byte(`<div id="reference"></div><script type="module" src="/api/docs/init.js"></script>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docsDir, "init.js"), []byte(`import "/api/docs/standalone.esm.js";`), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"server"}, envOf(map[string]string{
			"PORT": fmt.Sprint(port), "DATA_DIR": dataDir, "LOG_LEVEL": "warn", "DOCS_DIR": docsDir,
		}), &stdout, io.Discard)
	}()

	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get(base + "/api/health")
		if err == nil && res.StatusCode == 200 {
			res.Body.Close()
			break
		}
		select {
		case err := <-done:
			t.Fatalf("server stopped before it was healthy: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("server not healthy after 60s")
		}
		time.Sleep(100 * time.Millisecond)
	}

	var page struct {
		Total int `json:"total"`
	}
	getJSON(t, base+"/api/products", &page)
	if page.Total != 15 {
		t.Fatalf("demo catalog has %d products, want 15", page.Total)
	}
	var ready map[string]string
	getJSON(t, base+"/api/ready", &ready)
	if ready["database"] != "ok" {
		t.Fatalf("ready = %v", ready)
	}
	for path, want := range map[string]string{
		"/api/docs":         `id="reference"`,
		"/api/docs/init.js": "standalone.esm.js",
		"/api/openapi.yaml": "openapi: 3.0.3",
		"/metrics":          "donpalito_http_requests_total",
	} {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Fatalf("%s: %d, body lacks %q", path, res.StatusCode, want)
		}
	}
	if !strings.Contains(stdout.String(), base[len("http://127.0.0.1"):]) || !strings.Contains(stdout.String(), "/api/docs") {
		t.Fatalf("start-up message does not print the URLs: %s", stdout.String())
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not shut down within 30s")
	}

	// A restart on the same data keeps the catalog and does not seed again.
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	done2 := make(chan error, 1)
	port2 := freePort(t)
	go func() {
		done2 <- run(ctx2, []string{"server"}, envOf(map[string]string{
			"PORT": fmt.Sprint(port2), "DATA_DIR": dataDir, "LOG_LEVEL": "warn",
		}), io.Discard, io.Discard)
	}()
	base2 := fmt.Sprintf("http://127.0.0.1:%d", port2)
	for i := 0; ; i++ {
		res, err := http.Get(base2 + "/api/health")
		if err == nil {
			res.Body.Close()
			break
		}
		if i > 600 {
			t.Fatal("restarted server not healthy")
		}
		time.Sleep(100 * time.Millisecond)
	}
	getJSON(t, base2+"/api/products", &page)
	if page.Total != 15 {
		t.Fatalf("after restart the catalog has %d products, want 15", page.Total)
	}
	cancel2()
	if err := <-done2; err != nil {
		t.Fatal(err)
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("GET %s: %d %s", url, res.StatusCode, b)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// The first key of a fresh install comes from the command line and works
// against the running server; revoking it from the command line disarms it.
func TestKeysCommandCreatesTheFirstKey(t *testing.T) {
	dataDir := t.TempDir()
	env := envOf(map[string]string{"DATA_DIR": dataDir, "SEED_DEMO": "false", "LOG_LEVEL": "warn"})
	var out bytes.Buffer
	if err := run(context.Background(), []string{"server", "keys", "create", "--name", "Caja mostrador"}, env, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var key, id string
	for _, f := range strings.Fields(out.String()) {
		if strings.HasPrefix(f, "dpk_") && len(f) == 68 {
			key = f
		}
	}
	if _, after, ok := strings.Cut(out.String(), "(id "); ok {
		id, _, _ = strings.Cut(after, ",")
	}
	if key == "" || id == "" {
		t.Fatalf("no key or id printed: %s", out.String())
	}

	status := func() int {
		port := freePort(t)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- run(ctx, []string{"server"}, envOf(map[string]string{
				"DATA_DIR": dataDir, "SEED_DEMO": "false", "LOG_LEVEL": "warn", "PORT": fmt.Sprint(port),
			}), io.Discard, io.Discard)
		}()
		defer func() {
			cancel()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}()
		base := fmt.Sprintf("http://127.0.0.1:%d", port)
		for i := 0; ; i++ {
			if res, err := http.Get(base + "/api/health"); err == nil {
				res.Body.Close()
				break
			}
			if i > 600 {
				t.Fatal("server not healthy")
			}
			time.Sleep(100 * time.Millisecond)
		}
		req, _ := http.NewRequest(http.MethodGet, base+"/api/admin/products", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := status(); got != 200 {
		t.Fatalf("admin call with the new key: %d", got)
	}
	out.Reset()
	if err := run(context.Background(), []string{"server", "keys", "list"}, env, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Caja mostrador") || !strings.Contains(out.String(), key[:12]) || strings.Contains(out.String(), key) {
		t.Fatalf("keys list: %s", out.String())
	}
	if err := run(context.Background(), []string{"server", "keys", "revoke", id}, env, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	if got := status(); got != 401 {
		t.Fatalf("revoked key: %d", got)
	}
	if err := run(context.Background(), []string{"server", "keys", "revoke", "665f1c2e8b3a4d0012345678"}, env, io.Discard, io.Discard); err == nil {
		t.Fatal("revoking an unknown key must fail")
	}
}

// The embedded database is single-process: a second server, or the keys
// command, on a data directory a server holds exits at once naming the
// directory and the holder, and the first server keeps serving.
func TestSecondServerOnTheSameDataDirFailsFast(t *testing.T) {
	dataDir := t.TempDir()
	port := freePort(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"server"}, envOf(map[string]string{
			"PORT": fmt.Sprint(port), "DATA_DIR": dataDir, "SEED_DEMO": "false", "LOG_LEVEL": "warn",
		}), io.Discard, io.Discard)
	}()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitHealthy(t, base, done)

	env := envOf(map[string]string{"PORT": fmt.Sprint(freePort(t)), "DATA_DIR": dataDir, "SEED_DEMO": "false", "LOG_LEVEL": "warn"})
	second := make(chan error, 1)
	go func() { second <- run(context.Background(), []string{"server"}, env, io.Discard, io.Discard) }()
	var err error
	select {
	case err = <-second:
	case <-time.After(30 * time.Second):
		t.Fatal("the second server did not exit")
	}
	pid := fmt.Sprintf("pid %d", os.Getpid())
	if err == nil || !strings.Contains(err.Error(), dataDir) || !strings.Contains(err.Error(), pid) {
		t.Fatalf("second server: want an error naming %s and %s, got %v", dataDir, pid, err)
	}
	err = run(context.Background(), []string{"server", "keys", "create", "--name", "Caja"}, env, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), dataDir) || !strings.Contains(err.Error(), "POST /api/admin/api-keys") {
		t.Fatalf("keys create while the server runs: want a refusal naming the directory, got %v", err)
	}

	var ready map[string]string
	getJSON(t, base+"/api/ready", &ready)
	if ready["database"] != "ok" {
		t.Fatalf("the first server stopped serving: ready = %v", ready)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// Once the first server is gone the directory is free again.
	if err := run(context.Background(), []string{"server", "keys", "list"}, env, io.Discard, io.Discard); err != nil {
		t.Fatalf("keys list after the server stopped: %v", err)
	}
}

func waitHealthy(t *testing.T, base string, done <-chan error) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get(base + "/api/health")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		select {
		case err := <-done:
			t.Fatalf("server stopped before it was healthy: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("server not healthy after 60s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// syncBuffer is a bytes.Buffer the server's logger and the test share.
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

// startServer runs the server with env until the test ends and returns its
// log once it answers on 127.0.0.1.
func startServer(t *testing.T, env map[string]string) *syncBuffer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"server"}, envOf(env), io.Discard, logs) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get("http://127.0.0.1:" + env["PORT"] + "/api/health")
		if err == nil {
			res.Body.Close()
			return logs
		}
		select {
		case err := <-done:
			t.Fatalf("server stopped: %v\n%s", err, logs)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not up after 60s\n%s", logs)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// nonLoopbackAddrs are this machine's addresses other machines could use.
func nonLoopbackAddrs(t *testing.T) []net.IP {
	ifaces, err := net.Interfaces()
	if err != nil {
		t.Fatal(err)
	}
	var ips []net.IP
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := ifc.Addrs()
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
				ips = append(ips, n.IP)
			}
		}
	}
	return ips
}

func reachable(ip net.IP, port string) bool {
	c, err := net.DialTimeout("tcp", net.JoinHostPort(ip.String(), port), 2*time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// In dev auth mode anyone who reaches the port can mint an admin token, so
// by default the server listens on loopback only; an explicit HOST opens it,
// with a warning.
func TestDevAuthListensOnLoopbackUnlessHostSaysOtherwise(t *testing.T) {
	port := fmt.Sprint(freePort(t))
	logs := startServer(t, map[string]string{"PORT": port, "DATA_DIR": t.TempDir(), "SEED_DEMO": "false", "LOG_LEVEL": "info"})
	// The listeners themselves: loopback addresses only.
	listening := regexp.MustCompile(`msg=listening addr=(\S+)`).FindAllStringSubmatch(logs.String(), -1)
	if len(listening) == 0 {
		t.Fatalf("no listening address logged:\n%s", logs)
	}
	for _, m := range listening {
		host, _, _ := net.SplitHostPort(m[1])
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			t.Errorf("dev auth mode listens on %s, want loopback only", m[1])
		}
	}
	// And from the outside: none of this machine's other addresses answers.
	ips := nonLoopbackAddrs(t)
	for _, ip := range ips {
		if reachable(ip, port) {
			t.Errorf("dev auth mode is reachable on %s:%s", ip, port)
		}
	}
	if strings.Contains(logs.String(), "mint an admin token") {
		t.Errorf("a warning on the loopback default:\n%s", logs)
	}

	// HOST opens it on purpose, and the server says what that means.
	port2 := fmt.Sprint(freePort(t))
	logs2 := startServer(t, map[string]string{"PORT": port2, "HOST": "0.0.0.0", "DATA_DIR": t.TempDir(), "SEED_DEMO": "false", "LOG_LEVEL": "info"})
	if !strings.Contains(logs2.String(), "level=WARN") || !strings.Contains(logs2.String(), "mint an admin token") {
		t.Errorf("HOST=0.0.0.0 in dev auth mode without a warning:\n%s", logs2)
	}
	for _, ip := range ips {
		if ip.To4() != nil && !reachable(ip, port2) {
			t.Errorf("HOST=0.0.0.0 is not reachable on %s:%s (the check above would prove nothing)", ip, port2)
		}
	}
	if len(ips) == 0 {
		t.Log("this machine has no non-loopback address: only the listeners' addresses were checked")
	}
}

func getStatus(t *testing.T, url, bearer string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// /metrics holds internals: METRICS_ADDR moves it off the public port, and
// METRICS_TOKEN guards it there.
func TestMetricsMoveToTheirOwnAddressOrBehindAToken(t *testing.T) {
	port, metricsPort := fmt.Sprint(freePort(t)), fmt.Sprint(freePort(t))
	startServer(t, map[string]string{"PORT": port, "METRICS_ADDR": "127.0.0.1:" + metricsPort, "DATA_DIR": t.TempDir(), "SEED_DEMO": "false", "LOG_LEVEL": "warn"})
	if s := getStatus(t, "http://127.0.0.1:"+port+"/metrics", ""); s != 404 {
		t.Errorf("/metrics on the API port with METRICS_ADDR set: %d, want 404", s)
	}
	if s := getStatus(t, "http://127.0.0.1:"+metricsPort+"/metrics", ""); s != 200 {
		t.Errorf("/metrics on METRICS_ADDR: %d", s)
	}

	port2 := fmt.Sprint(freePort(t))
	startServer(t, map[string]string{"PORT": port2, "METRICS_TOKEN": "secreto-de-metricas", "DATA_DIR": t.TempDir(), "SEED_DEMO": "false", "LOG_LEVEL": "warn"})
	for bearer, want := range map[string]int{"": 401, "otro": 401, "secreto-de-metricas": 200} {
		if s := getStatus(t, "http://127.0.0.1:"+port2+"/metrics", bearer); s != want {
			t.Errorf("/metrics with token %q: %d, want %d", bearer, s, want)
		}
	}
}
