package udiff

import (
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Every diff must apply with git and give exactly the new text, including the missing
// final newline of stlv_resources.py files.
func TestDiffAppliesWithGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	rng := rand.New(rand.NewSource(7))
	words := []string{"import os", "", "class A:", "    x = 1", "    y = 2", "return headers", "pass"}
	gen := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(words[rng.Intn(len(words))])
		}
		if rng.Intn(2) == 0 {
			b.WriteByte('\n')
		}
		return b.String()
	}
	cases := [][2]string{
		{"a\nb\nc", "a\nB\nc"},
		{"", "new\nfile"},
		{"one\ntwo\n", "one\ntwo"},
	}
	for i := 0; i < 60; i++ {
		cases = append(cases, [2]string{gen(rng.Intn(30)), gen(rng.Intn(30))})
	}
	for i, c := range cases {
		old, new := c[0], c[1]
		d := Diff("f.py", old, true, new, true)
		if old == new {
			if d != "" {
				t.Fatalf("case %d: diff of equal texts: %q", i, d)
			}
			continue
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "f.py"), []byte(old), 0o644); err != nil {
			t.Fatal(err)
		}
		patch := filepath.Join(dir, "p.diff")
		if err := os.WriteFile(patch, []byte(d), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("git", "apply", "--unidiff-zero", "p.diff")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("case %d: git apply: %v\n%s\npatch:\n%s", i, err, out, d)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "f.py"))
		if string(got) != new {
			t.Fatalf("case %d: applied patch gives %q, want %q\npatch:\n%s", i, got, new, d)
		}
	}
}

func TestDiffNewAndDeletedFile(t *testing.T) {
	d := Diff("x/stlv_resources.py", "", false, "a\nb", true)
	if !strings.HasPrefix(d, "--- /dev/null\n+++ b/x/stlv_resources.py\n@@ -0,0 +1,2 @@\n+a\n+b\n\\ No newline at end of file\n") {
		t.Errorf("new file diff:\n%s", d)
	}
	d = Diff("x/stlv_resources.py", "a\n", true, "", false)
	if d != "--- a/x/stlv_resources.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n" {
		t.Errorf("deleted file diff:\n%q", d)
	}
}
