package ghaction

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// parseRunnerFile reads a $GITHUB_OUTPUT-style file the way the runner does: name=value
// lines, or name<<DELIM, value lines, DELIM. It fails the test on anything else.
func parseRunnerFile(t *testing.T, content string) [][2]string {
	t.Helper()
	var records [][2]string
	lines := strings.Split(content, "\n")
	if lines[len(lines)-1] != "" {
		t.Fatalf("file does not end with a newline: %q", content)
	}
	lines = lines[:len(lines)-1]
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		heredoc := strings.Index(line, "<<")
		equals := strings.Index(line, "=")
		if heredoc < 0 || (equals >= 0 && equals < heredoc) {
			name, value, ok := strings.Cut(line, "=")
			if !ok {
				t.Fatalf("line %d: %q is neither name=value nor name<<delimiter", i+1, line)
			}
			records = append(records, [2]string{name, value})
			continue
		}
		name, delim := line[:heredoc], line[heredoc+2:]
		var value []string
		for i++; ; i++ {
			if i == len(lines) {
				t.Fatalf("delimiter %q of %q never closes", delim, name)
			}
			if lines[i] == delim {
				break
			}
			value = append(value, lines[i])
		}
		records = append(records, [2]string{name, strings.Join(value, "\n")})
	}
	return records
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestOutputsStateAndEnvRoundTrip(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"GITHUB_OUTPUT": filepath.Join(dir, "output"),
		"GITHUB_STATE":  filepath.Join(dir, "state"),
		"GITHUB_ENV":    filepath.Join(dir, "env"),
	}
	// The runner creates the files; one is left to be created by us.
	for _, name := range []string{"GITHUB_OUTPUT", "GITHUB_STATE"} {
		if err := os.WriteFile(files[name], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, out := newTestAction(t, files)
	values := []string{
		"plain",
		"",
		"two\nlines",
		"trailing newline\n",
		"crlf\r\nline",
		"name<<EOF\nlooks = like a record\nEOF",
		"%0A and ::error:: stay literal",
	}
	setters := map[string]func(string, string) error{
		"GITHUB_OUTPUT": a.SetOutput, "GITHUB_STATE": a.SaveState, "GITHUB_ENV": a.SetEnv,
	}
	for fileVar, set := range setters {
		for i, v := range values {
			if err := set("k"+string(rune('a'+i)), v); err != nil {
				t.Fatalf("%s: %v", fileVar, err)
			}
		}
		got := parseRunnerFile(t, readFile(t, files[fileVar]))
		if len(got) != len(values) {
			t.Fatalf("%s: %d records, want %d:\n%q", fileVar, len(got), len(values), got)
		}
		for i, v := range values {
			if want := "k" + string(rune('a'+i)); got[i][0] != want || got[i][1] != v {
				t.Errorf("%s record %d = %q, want [%q %q]", fileVar, i, got[i], want, v)
			}
		}
	}
	if out.String() != "" {
		t.Errorf("file commands wrote to stdout: %q", out.String())
	}
}

func TestDelimiterFormat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "output")
	a, _ := newTestAction(t, map[string]string{"GITHUB_OUTPUT": path})
	if err := a.SetOutput("changed", "true"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(readFile(t, path), "\n")
	if len(lines) != 4 || lines[3] != "" {
		t.Fatalf("want three lines, got %q", lines)
	}
	delim, ok := strings.CutPrefix(lines[0], "changed<<")
	if !ok || !strings.HasPrefix(delim, "ghadelimiter_") || len(delim) != len("ghadelimiter_")+32 {
		t.Errorf("first line %q is not name<<ghadelimiter_<32 hex>", lines[0])
	}
	if lines[1] != "true" || lines[2] != delim {
		t.Errorf("record = %q", lines)
	}
}

func TestDelimiterCollisionIsRegenerated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "output")
	a, _ := newTestAction(t, map[string]string{"GITHUB_OUTPUT": path})
	first := bytes.Repeat([]byte{0xab}, 16)
	second := bytes.Repeat([]byte{0xcd}, 16)
	a.random = io.MultiReader(bytes.NewReader(first), bytes.NewReader(second))
	collide := "ghadelimiter_" + strings.Repeat("ab", 16)
	value := "before\n" + collide + "\nafter"
	if err := a.SetOutput("x", value); err != nil {
		t.Fatal(err)
	}
	content := readFile(t, path)
	if !strings.HasPrefix(content, "x<<ghadelimiter_"+strings.Repeat("cd", 16)+"\n") {
		t.Errorf("colliding delimiter was not replaced:\n%s", content)
	}
	if got := parseRunnerFile(t, content); len(got) != 1 || got[0][1] != value {
		t.Errorf("round trip = %q", got)
	}
}

func TestDelimiterGivesUp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "output")
	a, _ := newTestAction(t, map[string]string{"GITHUB_OUTPUT": path})
	a.random = bytes.NewReader(make([]byte, 16*delimiterAttempts))
	value := "ghadelimiter_" + strings.Repeat("00", 16)
	if err := a.SetOutput("x", value); err == nil || !strings.Contains(err.Error(), "GITHUB_OUTPUT x") {
		t.Errorf("err = %v, want a named failure", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed record touched the file: %v", err)
	}
}

func TestBadNames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "output")
	a, _ := newTestAction(t, map[string]string{"GITHUB_OUTPUT": path})
	for _, name := range []string{"", "a=b", "a<<b", "a\nb", "a\rb"} {
		if err := a.SetOutput(name, "v"); err == nil {
			t.Errorf("SetOutput(%q) accepted a name the runner would misread", name)
		}
	}
	for _, dir := range []string{"", "/opt/a\n/opt/b"} {
		if err := a.AddPath(dir); err == nil {
			t.Errorf("AddPath(%q) accepted", dir)
		}
	}
}

func TestMissingFileVariables(t *testing.T) {
	a, _ := newTestAction(t, nil)
	for name, err := range map[string]error{
		"GITHUB_OUTPUT":       a.SetOutput("x", "y"),
		"GITHUB_STATE":        a.SaveState("x", "y"),
		"GITHUB_ENV":          a.SetEnv("x", "y"),
		"GITHUB_PATH":         a.AddPath("/opt/bin"),
		"GITHUB_STEP_SUMMARY": a.AddStepSummary("# hi"),
	} {
		if !errors.Is(err, ErrNotInActions) || !strings.Contains(err.Error(), "$"+name) {
			t.Errorf("%s unset: err = %v", name, err)
		}
	}
}

func TestPathAndSummaryAppend(t *testing.T) {
	dir := t.TempDir()
	pathFile, summary := filepath.Join(dir, "path"), filepath.Join(dir, "summary")
	if err := os.WriteFile(summary, []byte("# earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, _ := newTestAction(t, map[string]string{"GITHUB_PATH": pathFile, "GITHUB_STEP_SUMMARY": summary})
	for _, d := range []string{"/opt/uv/bin", "/home/runner/.local/bin"} {
		if err := a.AddPath(d); err != nil {
			t.Fatal(err)
		}
	}
	if got := readFile(t, pathFile); got != "/opt/uv/bin\n/home/runner/.local/bin\n" {
		t.Errorf("GITHUB_PATH = %q", got)
	}
	if err := a.AddStepSummary("## Stelvio\n\n| a | b |\n"); err != nil {
		t.Fatal(err)
	}
	if err := a.AddStepSummary("no newline"); err != nil {
		t.Fatal(err)
	}
	if got, want := readFile(t, summary), "# earlier step\n## Stelvio\n\n| a | b |\nno newline\n"; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
}

func TestUnwritableFile(t *testing.T) {
	a, _ := newTestAction(t, map[string]string{"GITHUB_OUTPUT": filepath.Join(t.TempDir(), "missing-dir", "out")})
	if err := a.SetOutput("x", "y"); err == nil || !strings.Contains(err.Error(), "$GITHUB_OUTPUT") {
		t.Errorf("err = %v", err)
	}
}
