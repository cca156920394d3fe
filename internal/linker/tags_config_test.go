package linker_test

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/corpus"
)

// Before 0.9.0b5 Stelvio refuses an app without an @app.config function, so most test apps
// cannot run at the older tags as they are. The "+config" reports in testdata/tags were
// recorded on copies made by withConfig; tags_test.go makes the same copies to compare them.

// configTransform names the transformation in the golden file names (<tag>/<app>+config.json).
const configTransform = "config"

var (
	runDecorator    = regexp.MustCompile(`(?m)^@([A-Za-z_][A-Za-z0-9_]*)\.run[ \t]*\r?$`)
	configDecorator = regexp.MustCompile(`(?m)^@[A-Za-z_][A-Za-z0-9_]*\.config\b`)
)

// withConfig appends to stlv_app.py a config function that returns StelvioAppConfig's
// defaults. Appending keeps every line number of the app, so error lines in a report still
// point at the original source; the aliases keep the app's own names untouched.
func withConfig(src []byte) ([]byte, error) {
	if configDecorator.Match(src) {
		return nil, fmt.Errorf("stlv_app.py already has an @app.config function")
	}
	runs := runDecorator.FindAllSubmatch(src, -1)
	if len(runs) != 1 {
		return nil, fmt.Errorf("stlv_app.py has %d @<app>.run decorators at the start of a line, want 1", len(runs))
	}
	var b bytes.Buffer
	b.Write(src)
	if len(src) > 0 && src[len(src)-1] != '\n' {
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, `

# Added by internal/linker/tags_config_test.go: Stelvio before 0.9.0b5 requires @app.config.
from stelvio.config import StelvioAppConfig as _TagsTestConfig


@%s.config
def _tags_test_config(env: str) -> _TagsTestConfig:
    return _TagsTestConfig()
`, runs[0][1])
	return b.Bytes(), nil
}

// copyWithConfig copies the app in src to dst, leaving out what the oracle leaves out
// (expected/ and .stelvio/ at the top, __pycache__ anywhere), and adds the config function.
func copyWithConfig(src, dst string) error {
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel == "expected" || rel == ".stelvio" || d.Name() == "__pycache__" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "stlv_app.py" {
			if b, err = withConfig(b); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		return fmt.Errorf("copy %s with config: %w", src, err)
	}
	return nil
}

// tagAppCopy returns the folder to resolve for a report's transformation: the app itself,
// or a copy in a temporary folder with the config function added.
func tagAppCopy(t *testing.T, dir, transform string) string {
	t.Helper()
	switch transform {
	case "":
		return dir
	case configTransform:
		dst := filepath.Join(t.TempDir(), filepath.Base(dir))
		if err := copyWithConfig(dir, dst); err != nil {
			t.Fatal(err)
		}
		return dst
	}
	t.Fatalf("unknown transformation %q", transform)
	return ""
}

var writeConfigCopies = flag.String("write-config-copies", "", "write every test app without @app.config, with config added, to this folder (input for the oracle)")

// TestWriteConfigCopies makes the copies the "+config" reports were recorded on:
//
//	go test ./internal/linker -run TestWriteConfigCopies -write-config-copies=/tmp/copies
func TestWriteConfigCopies(t *testing.T) {
	if *writeConfigCopies == "" {
		t.Skip("set -write-config-copies=DIR to write the copies")
	}
	n := 0
	for _, dir := range corpus.Apps(t) {
		src, err := os.ReadFile(filepath.Join(dir, "stlv_app.py"))
		if err != nil {
			t.Fatal(err)
		}
		if configDecorator.Match(src) {
			continue
		}
		if err := copyWithConfig(dir, filepath.Join(*writeConfigCopies, filepath.Base(dir))); err != nil {
			t.Fatal(err)
		}
		n++
	}
	t.Logf("%d copies in %s", n, *writeConfigCopies)
}

// The transformation adds exactly one config function for the app's own variable, keeps the
// app's lines where they were, and refuses sources it cannot handle instead of guessing.
func TestWithConfig(t *testing.T) {
	src := "from stelvio.app import StelvioApp\n\nmy_app = StelvioApp(\"x\")\n\n\n@my_app.run\ndef run() -> None:\n    pass"
	got, err := withConfig([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(got), src+"\n") {
		t.Errorf("the app's own lines changed:\n%s", got)
	}
	if !strings.Contains(string(got), "\n@my_app.config\ndef _tags_test_config(env: str) -> _TagsTestConfig:\n    return _TagsTestConfig()\n") {
		t.Errorf("no config function for my_app:\n%s", got)
	}
	again, err := withConfig([]byte(src))
	if err != nil || !bytes.Equal(again, got) {
		t.Errorf("not deterministic: %v", err)
	}
	for name, bad := range map[string]string{
		"has config": "@app.config\ndef c(env):\n    pass\n@app.run\ndef run():\n    pass\n",
		"no run":     "app = StelvioApp(\"x\")\n",
		"two runs":   "@a.run\ndef r():\n    pass\n@b.run\ndef s():\n    pass\n",
	} {
		if _, err := withConfig([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
