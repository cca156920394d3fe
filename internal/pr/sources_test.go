package pr

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stelvio-action/stelvio-action/internal/ghsim"
	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

func TestNeeded(t *testing.T) {
	for _, c := range []struct {
		app, path string
		want      bool
	}{
		{"services/api", "services/api/stlv_app.py", true},
		{"services/api", "services/api/handlers/orders.py", true},
		{"services/api", "services/api/handlers/stlv_resources.py", true},
		{"services/api", "services/api/pyproject.toml", true},
		{"services/api", "services/api/requirements-dev.txt", true},
		{"services/api", "services/api/.stelvio/userenv", true},
		{"services/api", "services/api/README.md", false},
		{"services/api", "services/api/static/logo.png", false},
		{"services/api", "uv.lock", true},
		{"services/api", "services/pyproject.toml", true},
		{"services/api", "services/web/app.py", false},
		{"services/api", "services/api-old/stlv_app.py", false},
		{"services/api", "services/web/uv.lock", false},
		{".", "stlv_app.py", true},
		{".", "deep/down/x.py", true},
		{".", "docs/notes.txt", false},
	} {
		if got := Needed(c.app, c.path); got != c.want {
			t.Errorf("Needed(%q, %q) = %v, want %v", c.app, c.path, got, c.want)
		}
	}
}

// sourcesRepo is a history with two app folders, and the same commits in ghsim.
type sourcesRepo struct {
	git  *gitFixture
	sim  *ghsim.Sim
	api  *github.Client
	base string
	head string
}

func newSourcesRepo(t *testing.T) *sourcesRepo {
	g := newGitFixture(t)
	base := g.commit("main", "", "base", map[string]string{
		"uv.lock":                       "lock\n",
		"services/api/stlv_app.py":      "app\n",
		"services/api/fn/handler.py":    "def h(): pass\n",
		"services/api/README.md":        "read me\n",
		"services/web/stlv_app.py":      "web\n",
		"tools/unrelated.py":            "x\n",
		"services/api/fn/data.json":     "{}\n",
		"services/api/requirements.txt": "stelvio==0.9.0\n",
	})
	head := g.commit("feature", base, "head", map[string]string{"services/api/fn/handler.py": "def h(): return 1\n"})
	sim := ghsim.New(t)
	repo := sim.Repo("octo", "app")
	if _, err := repo.ImportGit(g.scratch, base, "main"); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.ImportGit(g.scratch, head, "feature"); err != nil {
		t.Fatal(err)
	}
	api, err := github.New(github.Config{Token: ghsim.WriteToken, APIURL: sim.URL() + "api/v3", Owner: "octo", Repo: "app"})
	if err != nil {
		t.Fatal(err)
	}
	return &sourcesRepo{git: g, sim: sim, api: api, base: base, head: head}
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func listFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestSourcesReadEachWay(t *testing.T) {
	r := newSourcesRepo(t)
	merge := r.git.mergeCommit(1, r.base, r.head)
	want := []string{"services/api/fn/handler.py", "services/api/requirements.txt", "services/api/stlv_app.py", "uv.lock"}
	for _, c := range []struct {
		name, from string
		sources    func() *Sources
	}{
		{"objects present", "git", func() *Sources {
			return &Sources{Git: &Git{Dir: r.git.workspace(r.head)}, API: r.api, TempDir: t.TempDir()}
		}},
		{"depth-1 merge checkout", "git fetch", func() *Sources {
			return &Sources{Git: &Git{Dir: r.git.workspace(merge)}, API: r.api, TempDir: t.TempDir()}
		}},
		{"no checkout", "GitHub API", func() *Sources { return &Sources{API: r.api, TempDir: t.TempDir()} }},
		{"origin without the commit", "GitHub API", func() *Sources {
			ws := r.git.workspace(r.base)
			r.git.git("", "-c", "safe.directory="+ws, "-C", ws, "remote", "set-url", "origin", "file://"+t.TempDir())
			return &Sources{Git: &Git{Dir: ws}, API: r.api, TempDir: t.TempDir()}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := testContext(t)
			s := c.sources()
			r.sim.ResetCalls()
			rev, err := s.Open(ctx, r.head)
			if err != nil {
				t.Fatal(err)
			}
			if rev.From != c.from {
				t.Errorf("read from %q, want %q", rev.From, c.from)
			}
			if got := rev.AppDirs([]string{"services/*"}); strings.Join(got, ",") != "services/api,services/web" {
				t.Errorf("AppDirs = %v", got)
			}
			root, err := rev.Extract(ctx, "services/api")
			if err != nil {
				t.Fatal(err)
			}
			if got := listFiles(t, root); strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("extracted %v, want %v", got, want)
			}
			data, err := os.ReadFile(filepath.Join(root, "services/api/fn/handler.py"))
			if err != nil || string(data) != "def h(): return 1\n" {
				t.Errorf("handler.py = %q, %v", data, err)
			}
			tree, message, err := rev.Commit(ctx)
			if err != nil || message != "head\n" || len(tree) != 40 {
				t.Errorf("Commit() = %q, %q, %v", tree, message, err)
			}
			if c.from != "GitHub API" && r.sim.APICalls() != 0 {
				t.Errorf("git had the commit, yet %d API calls:\n%s", r.sim.APICalls(), r.sim.CallLog())
			}
		})
	}
}

func TestSourcesAPIReadsOnlyNeededBlobs(t *testing.T) {
	r := newSourcesRepo(t)
	ctx := testContext(t)
	s := &Sources{API: r.api, TempDir: t.TempDir()}
	rev, err := s.Open(ctx, r.head)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rev.Extract(ctx, "services/api"); err != nil {
		t.Fatal(err)
	}
	if n := r.sim.RouteCalls("GET /repos/{owner}/{repo}/git/blobs/{file_sha}"); n != 4 {
		t.Errorf("%d blob reads, want 4 (the app's .py files and pins only):\n%s", n, r.sim.CallLog())
	}
}

func TestSourcesExtractLimit(t *testing.T) {
	r := newSourcesRepo(t)
	ctx := testContext(t)
	s := &Sources{Git: &Git{Dir: r.git.workspace(r.head)}, TempDir: t.TempDir(), MaxBytes: 10}
	rev, err := s.Open(ctx, r.head)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rev.Extract(ctx, "services/api"); err == nil || !strings.Contains(err.Error(), "exceed") {
		t.Errorf("err = %v, want the size limit", err)
	}
}

func TestSourcesUnknownCommit(t *testing.T) {
	r := newSourcesRepo(t)
	ctx := testContext(t)
	s := &Sources{Git: &Git{Dir: r.git.workspace(r.head)}, API: r.api, TempDir: t.TempDir()}
	_, err := s.Open(ctx, strings.Repeat("ab", 20))
	if err == nil || !strings.Contains(err.Error(), "git fetch") || !strings.Contains(err.Error(), "404") {
		t.Errorf("err = %v, want both the fetch and the API failure named", err)
	}
}

func TestSourcesMergeBaseEachWay(t *testing.T) {
	r := newSourcesRepo(t)
	moved := r.git.commit("main", "", "main moves on", map[string]string{"tools/unrelated.py": "y\n"})
	if _, err := r.sim.Repo("octo", "app").ImportGit(r.git.scratch, moved, "main"); err != nil {
		t.Fatal(err)
	}
	merge := r.git.mergeCommit(1, moved, r.head)
	for _, c := range []struct {
		name, from string
		sources    func() *Sources
	}{
		{"full history", "git", func() *Sources {
			ws := r.git.workspace(r.head)
			r.git.git("", "-c", "safe.directory="+ws, "-C", ws, "fetch", "--quiet", "--unshallow", "origin", "main")
			return &Sources{Git: &Git{Dir: ws}, API: r.api, TempDir: t.TempDir()}
		}},
		{"depth-1 merge checkout", "git fetch", func() *Sources {
			return &Sources{Git: &Git{Dir: r.git.workspace(merge)}, API: r.api, TempDir: t.TempDir()}
		}},
		{"history deeper than the fetch", "GitHub API", func() *Sources {
			return &Sources{Git: &Git{Dir: r.git.workspace(merge), HistoryDepth: 1}, API: r.api, TempDir: t.TempDir()}
		}},
		{"no checkout", "GitHub API", func() *Sources { return &Sources{API: r.api, TempDir: t.TempDir()} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := c.sources()
			r.sim.ResetCalls()
			mb, err := s.MergeBase(testContext(t), moved, r.head)
			if err != nil || mb.SHA != r.base || mb.From != c.from {
				t.Fatalf("MergeBase = %+v, %v; want %s from %s", mb, err, r.base, c.from)
			}
			if want := map[bool]int{true: 1}[c.from == "GitHub API"]; r.sim.APICalls() != want {
				t.Errorf("%d API calls, want %d:\n%s", r.sim.APICalls(), want, r.sim.CallLog())
			}
		})
	}
}

func TestSourcesMergeBaseNamesEveryFailure(t *testing.T) {
	r := newSourcesRepo(t)
	orphan := r.git.commit("orphan", "", "unrelated", map[string]string{"x.py": "\n"})
	if _, err := r.sim.Repo("octo", "app").ImportGit(r.git.scratch, orphan, "orphan"); err != nil {
		t.Fatal(err)
	}
	s := &Sources{Git: &Git{Dir: r.git.workspace(r.head)}, API: r.api, TempDir: t.TempDir()}
	_, err := s.MergeBase(testContext(t), orphan, r.head)
	if err == nil || !strings.Contains(err.Error(), "git: none within 50 commits") || !strings.Contains(err.Error(), "No common ancestor") {
		t.Errorf("err = %v, want git's and GitHub's answers", err)
	}
}
