package sdktest_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sdkDir is the SDK module's directory in this checkout.
func sdkDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../sdk")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// Integrators who go get the SDK must not pull the server's graph.
func TestSDKModuleGraphHoldsOnlyWhatTheSDKNeeds(t *testing.T) {
	cmd := exec.Command("go", "list", "-m", "all")
	cmd.Dir = sdkDir(t)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list -m all in sdk/: %v\n%s", err, out)
	}
	for _, forbidden := range []string{"FerretDB", "stripe", "sqlite", "go-chi", "mongo-driver", "pgx", "bubbletea"} {
		if strings.Contains(strings.ToLower(string(out)), strings.ToLower(forbidden)) {
			t.Errorf("the SDK's module graph holds %s:\n%s", forbidden, out)
		}
	}
}

// A program in its own module builds against the SDK, as an integrator's would.
func TestAnIntegratorsProgramBuildsAgainstTheSDK(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/integrator/main.go")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(sdkDir(t), "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	gomod := "module example.com/lowstock\n\ngo 1.26.8\n\n" +
		"require github.com/donpalito/donpalitojr/sdk v0.0.0\n\n" +
		"replace github.com/donpalito/donpalitojr/sdk => " + sdkDir(t) + "\n"
	for name, body := range map[string][]byte{"main.go": src, "go.mod": []byte(gomod), "go.sum": sum} {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"mod", "tidy"}, {"build", "-o", filepath.Join(dir, "lowstock"), "."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "lowstock")); err != nil {
		t.Fatalf("no binary: %v", err)
	}
}
