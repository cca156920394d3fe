package iamdata

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// sharedCorpus finds the shared corpus beside the repository (or beside any
// directory above the package, which covers git worktrees), or skips.
func sharedCorpus(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no shared/corpus beside the repository; skipping the corpus check")
		}
		dir = parent
	}
}

// Every action a corpus app grants, by default link or by hand, is a real
// action with the level AWS documents.
func TestCorpusActionsClassify(t *testing.T) {
	c := mustLoad(t)
	root := sharedCorpus(t)
	var files []string
	for _, glob := range []string{"*/stlv_app.py", "*/infra/*.py", "*/infra/**/*.py", "*/expected/*.json"} {
		m, err := filepath.Glob(filepath.Join(root, glob))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatalf("no app files under %s", root)
	}
	quoted := regexp.MustCompile(`"([a-z0-9-]+:[A-Za-z0-9*?]+)"`)
	seen := map[string]string{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range quoted.FindAllStringSubmatch(string(src), -1) {
			if _, dup := seen[m[1]]; !dup && looksLikeAction(m[1]) {
				seen[m[1]] = f
			}
		}
	}
	if len(seen) < 20 {
		t.Fatalf("found only %d actions in the corpus; the scan is broken", len(seen))
	}
	for action, file := range seen {
		want, ok := documentedLevels[action]
		if !ok {
			t.Errorf("%s: %s is not in documentedLevels; add its AWS-documented level", file, action)
			continue
		}
		if got, ok := c.AccessLevel(action); !ok || got != want {
			t.Errorf("%s: AccessLevel(%s) = %q, %v; want %q", file, action, got, ok, want)
		}
	}
}

// looksLikeAction drops quoted strings that are not IAM actions, such as
// "arn:aws" pieces: AWS names every action in PascalCase.
var actionShape = regexp.MustCompile(`^[a-z0-9-]+:[A-Z*]`)

func looksLikeAction(s string) bool { return actionShape.MatchString(s) }
