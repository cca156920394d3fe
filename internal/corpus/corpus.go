// Package corpus gives tests the Stelvio apps of ../shared/corpus and what the real Stelvio
// produced for them (expected/oracle.json, expected/files/, expected/deleted.txt).
package corpus

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// moduleRoot is the repository root: the nearest folder above the test with go.mod.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("corpus: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("corpus: no go.mod above the test")
		}
		dir = parent
	}
}

// Root returns the shared corpus folder beside the repository, or skips the test when it
// is absent (a clone without ../shared).
func Root(t testing.TB) string {
	t.Helper()
	root := filepath.Join(moduleRoot(t), "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus: %s is absent; the corpus tests need ../shared/corpus beside the repository", root)
	}
	return root
}

// Apps lists every test app, sorted: the shared corpus when it is present, then the
// repository's own testdata/apps, which every clone has.
func Apps(t testing.TB) []string {
	t.Helper()
	repo := moduleRoot(t)
	var apps []string
	for _, root := range []string{filepath.Join(repo, "..", "shared", "corpus"), filepath.Join(repo, "testdata", "apps")} {
		entries, err := os.ReadDir(root)
		if errors.Is(err, fs.ErrNotExist) {
			t.Logf("corpus: %s is absent", root)
			continue
		}
		if err != nil {
			t.Fatalf("corpus: %v", err)
		}
		var here []string
		for _, e := range entries {
			if e.IsDir() {
				here = append(here, filepath.Join(root, e.Name()))
			}
		}
		sort.Strings(here)
		apps = append(apps, here...)
	}
	if len(apps) == 0 {
		t.Skip("corpus: no test apps (neither ../shared/corpus nor testdata/apps)")
	}
	return apps
}

// RunAccepted runs f as a subtest for every app Stelvio accepts and a static reader can
// fully know: the apps whose oracle output is the truth to match.
func RunAccepted(t *testing.T, f func(t *testing.T, dir string, o *Oracle)) {
	t.Helper()
	for _, dir := range Apps(t) {
		o := ReadOracle(t, dir)
		if o.Error != nil || StaticallyUnresolved(t, dir, o) {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) { f(t, dir, o) })
	}
}

// StaticallyUnresolved reports whether an app that Stelvio accepts documents, in
// expected/README.md, what a static reader cannot know: its oracle output is one
// possible truth, not ours to match.
func StaticallyUnresolved(t testing.TB, app string, o *Oracle) bool {
	t.Helper()
	if o.Error != nil {
		return false
	}
	_, err := os.Stat(filepath.Join(app, "expected", "README.md"))
	return err == nil
}

// Oracle is expected/oracle.json: what the real Stelvio did with an app.
type Oracle struct {
	App       string             `json:"app"`
	Env       string             `json:"env"`
	Functions []OracleFunction   `json:"functions"`
	Files     map[string]*string `json:"files"`
	Error     *OracleError       `json:"error"`
}

// OracleFunction is one Lambda as Stelvio built it.
type OracleFunction struct {
	Component  string            `json:"component"`
	Folder     string            `json:"folder"`
	Name       string            `json:"name"`
	Handler    string            `json:"handler"`
	Env        OrderedEnv        `json:"env"`
	Policy     []OracleStatement `json:"policy"`
	Managed    []string          `json:"role_managed_policies"`
	ArchiveRes *string           `json:"archive_stlv_resources_py"`
}

// OracleStatement is one statement as Stelvio passed it to get_policy_document.
type OracleStatement struct {
	Actions   []string `json:"actions"`
	Resources []string `json:"resources"`
}

// OracleError is the exception Stelvio raised.
type OracleError struct {
	Type    string `json:"type"`
	Message string `json:"message"`
	Stage   string `json:"stage"`
	File    string `json:"file"`
	Line    int    `json:"line"`
}

// OrderedEnv keeps the env vars in the order Stelvio set them.
type OrderedEnv []EnvPair

// EnvPair is one env var.
type EnvPair struct{ Name, Value string }

// UnmarshalJSON reads a JSON object keeping its key order.
func (e *OrderedEnv) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return err
		}
		var v string
		if err := dec.Decode(&v); err != nil {
			return err
		}
		*e = append(*e, EnvPair{Name: k.(string), Value: v})
	}
	_, err := dec.Token()
	return err
}

// ReadOracle reads app/expected/oracle.json.
func ReadOracle(t testing.TB, app string) *Oracle {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(app, "expected", "oracle.json"))
	if err != nil {
		t.Fatalf("corpus: %v", err)
	}
	var o Oracle
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatalf("corpus: %s: %v", app, err)
	}
	return &o
}

// ExpectedFiles returns expected/files/ as relative path → content.
func ExpectedFiles(t testing.TB, app string) map[string]string {
	t.Helper()
	root := filepath.Join(app, "expected", "files")
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("corpus: %v", err)
	}
	return out
}

// Deleted returns expected/deleted.txt as a list of relative paths.
func Deleted(t testing.TB, app string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(app, "expected", "deleted.txt"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatalf("corpus: %v", err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
