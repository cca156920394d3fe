package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/linker"
)

// The commands are tested as users run them: the real binary, real files, exit codes.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// TestMain removes the binary the tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// binary builds cmd/action once per test run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "stelvio-action-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "action")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("build: %v", buildErr)
	}
	return binPath
}

// runBinary runs the binary and returns stdout, stderr and the exit code.
func runBinary(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run: %v", err)
	}
	return stdout.String(), stderr.String(), code
}

// copyApp copies a test app (without expected/) into a temp dir.
func copyApp(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "expected" {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func repoPath(parts ...string) string {
	return filepath.Join(append([]string{"..", ".."}, parts...)...)
}

func TestResolveExampleApp(t *testing.T) {
	stdout, stderr, code := runBinary(t, ".", "resolve", "--dir", repoPath("examples", "shop"), "--env", "prod")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res linker.Result
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("output is not the resolved JSON: %v\n%s", err, stdout)
	}
	if res.App != "shop" || res.Env != "prod" || res.StelvioVersion != "0.9.0b5" || len(res.Functions) == 0 {
		t.Errorf("app %q env %q version %q, %d functions", res.App, res.Env, res.StelvioVersion, len(res.Functions))
	}
	for _, f := range res.Functions {
		if f.Folder == "" || f.LambdaHandler == "" || len(f.ManagedPolicies) != 1 {
			t.Errorf("function %+v is incomplete", f)
		}
	}
}

func TestResolveSyntaxErrorNamesTheLine(t *testing.T) {
	dir := t.TempDir()
	src := "from stelvio.app import StelvioApp\n\napp = StelvioApp(\"x\")\n\n\n@app.run\ndef run():\n    links=[a b]\n"
	if err := os.WriteFile(filepath.Join(dir, "stlv_app.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runBinary(t, ".", "resolve", "--dir", dir, "--env", "prod")
	if code != exitInput || !strings.Contains(stderr, "stlv_app.py:8:") || strings.Contains(stderr, "goroutine") {
		t.Errorf("exit %d, stderr %q; want exit 2 naming stlv_app.py:8 without a stack trace", code, stderr)
	}
}

func TestResolveIncompleteExitsOne(t *testing.T) {
	stdout, stderr, code := runBinary(t, ".", "resolve", "--dir", repoPath("testdata", "apps", "19-static-unresolved"), "--env", "prod", "--format", "text")
	if code != exitCheck || !strings.Contains(stderr, "incomplete") {
		t.Errorf("exit %d, stderr %q; want 1 and a word that the result is incomplete", code, stderr)
	}
	if !strings.Contains(stdout, "unresolved stlv_app.py:35:") {
		t.Errorf("the loop over json.load is not reported:\n%s", stdout)
	}
}

// generate writes exactly the files Stelvio writes, --check finds them stale before and
// in sync after, and a stale file of a folder with nothing to generate is deleted.
func TestGenerateWritesWhatStelvioWrites(t *testing.T) {
	src := repoPath("testdata", "apps", "12-folder-keys")
	dir := copyApp(t, src)
	stdout, _, code := runBinary(t, ".", "generate", "--dir", dir, "--env", "prod", "--check")
	if code != exitCheck || !strings.Contains(stdout, "stale: ") || !strings.Contains(stdout, "+++ b/") {
		t.Fatalf("--check before generate: exit %d\n%s", code, stdout)
	}
	if _, _, code := runBinary(t, ".", "generate", "--dir", dir, "--env", "prod"); code != 0 {
		t.Fatalf("generate: exit %d", code)
	}
	err := filepath.WalkDir(filepath.Join(src, "expected", "files"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(src, "expected", "files"), p)
		want, _ := os.ReadFile(p)
		got, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: generated %q, want %q (%v)", rel, got, want, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	deleted, _ := os.ReadFile(filepath.Join(src, "expected", "deleted.txt"))
	for _, rel := range strings.Fields(string(deleted)) {
		if _, err := os.Stat(filepath.Join(dir, rel)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s should be deleted: %v", rel, err)
		}
	}
	if stdout, _, code := runBinary(t, ".", "generate", "--dir", dir, "--env", "prod", "--check"); code != 0 {
		t.Errorf("--check after generate: exit %d\n%s", code, stdout)
	}
}

// Files whose content cannot be known are neither written nor deleted, and --check does not
// call them up to date.
func TestGenerateLeavesUnknownFilesAlone(t *testing.T) {
	dir := copyApp(t, repoPath("testdata", "apps", "19-static-unresolved"))
	stale := filepath.Join(dir, "status", "stlv_resources.py")
	if err := os.WriteFile(stale, []byte("# stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runBinary(t, ".", "generate", "--dir", dir, "--env", "prod")
	if code != exitCheck || !strings.Contains(stderr, "left alone") {
		t.Errorf("generate: exit %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile(stale); string(b) != "# stale" {
		t.Errorf("an unknown file was rewritten: %q", b)
	}
	if _, _, code := runBinary(t, ".", "generate", "--dir", dir, "--env", "prod", "--check"); code != exitCheck {
		t.Errorf("--check: exit %d, want 1", code)
	}
}

// Reading an app runs none of its code: a module that writes a file, runs a command or
// starts a process at import leaves no trace.
func TestResolveRunsNoAppCode(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(t.TempDir(), "pwned")
	app := `import os, subprocess
from stelvio.app import StelvioApp
from stelvio.aws.function import Function
import infra.evil

open(` + "\"" + marker + "\"" + `, "w").write("x")
os.system("touch ` + marker + `2")
subprocess.run(["touch", "` + marker + `3"])

app = StelvioApp("safe")


@app.run
def run():
    Function("f", handler="functions/f.handler", environment={"HOME": os.environ.get("HOME", "")})
`
	evil := "import os\nos.system(\"touch " + marker + "4\")\nexec(\"open('" + marker + "5', 'w')\")\n"
	for name, content := range map[string]string{"stlv_app.py": app, "infra/evil.py": evil, "functions/f.py": "def handler(e, c): pass\n"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, stderr, code := runBinary(t, ".", "resolve", "--dir", dir, "--env", "prod")
	if code != exitCheck {
		t.Errorf("exit %d (want 1: HOME is unknown)\n%s\n%s", code, stdout, stderr)
	}
	for _, suffix := range []string{"", "2", "3", "4", "5"} {
		if _, err := os.Stat(marker + suffix); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the app's code ran: %s exists", marker+suffix)
		}
	}
}
