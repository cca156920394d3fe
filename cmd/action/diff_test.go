package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// gitRepo is a git repository in a temporary folder.
type gitRepo struct {
	t   *testing.T
	dir string
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &gitRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *gitRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir, "-c", "user.name=Test", "-c", "user.email=test@example.com",
		"-c", "commit.gpgsign=false"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (r *gitRepo) write(files map[string]string) {
	r.t.Helper()
	for name, content := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

func (r *gitRepo) commit(msg string) string {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
	return strings.TrimSpace(r.git("rev-parse", "HEAD"))
}

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestCheckoutReadsCommittedFilesOnly: the files a revision's app needs come from git's
// objects, whatever the work tree holds, and nothing else is written.
func TestCheckoutReadsCommittedFilesOnly(t *testing.T) {
	r := newGitRepo(t)
	r.write(map[string]string{
		"uv.lock":                         "lock at the root",
		"README.md":                       "root file",
		"docs/guide.md":                   "not needed",
		"apps/pyproject.toml":             "between root and app",
		"apps/other/stlv_app.py":          "another app",
		"apps/shop/stlv_app.py":           "committed app",
		"apps/shop/functions/orders.py":   "def handler(e, c): pass\n",
		"apps/shop/functions/deep/x.py":   "x = 1\n",
		"apps/shop/.stelvio/userenv":      "dev",
		"apps/shop/functions/binary.data": "\x00\x01\xff",
	})
	if err := os.Symlink("/etc/passwd", filepath.Join(r.dir, "apps/shop/leak")); err != nil {
		t.Fatal(err)
	}
	sha := r.commit("app")
	r.write(map[string]string{"apps/shop/stlv_app.py": "edited in the work tree", "apps/shop/new.py": "untracked"})
	statusBefore := r.git("status", "--porcelain")

	dst := t.TempDir()
	found, err := checkout(context.Background(), r.dir, sha, "apps/shop", dst)
	if err != nil || !found {
		t.Fatalf("checkout: found %v, %v", found, err)
	}
	var got []string
	err = filepath.Walk(dst, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dst, p)
		if !info.IsDir() || rel == ".git" {
			got = append(got, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".git", "README.md", "apps/pyproject.toml", "apps/shop/.stelvio/userenv", "apps/shop/functions/binary.data",
		"apps/shop/functions/deep/x.py", "apps/shop/functions/orders.py", "apps/shop/stlv_app.py", "uv.lock"}
	if !slices.Equal(got, want) {
		t.Errorf("checked out %q\nwant %q", got, want)
	}
	for name, content := range map[string]string{"apps/shop/stlv_app.py": "committed app", "apps/shop/functions/binary.data": "\x00\x01\xff"} {
		b, err := os.ReadFile(filepath.Join(dst, name))
		if err != nil || string(b) != content {
			t.Errorf("%s = %q, %v; want the committed %q", name, b, err, content)
		}
	}
	if after := r.git("status", "--porcelain"); after != statusBefore {
		t.Errorf("the work tree changed:\nbefore %q\nafter  %q", statusBefore, after)
	}
	if found, err := checkout(context.Background(), r.dir, sha, "apps/missing", t.TempDir()); err != nil || found {
		t.Errorf("a revision without the app: found %v, %v", found, err)
	}
}

func TestDiffInputErrors(t *testing.T) {
	r := newGitRepo(t)
	r.write(map[string]string{"README.md": "no app here"})
	r.commit("first")
	notRepo := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"diff"}, "--base is required"},
		{[]string{"diff", "--base", "HEAD", "--format", "yaml"}, "--format must be markdown or json"},
		{[]string{"diff", "--base", "HEAD", "--dir", "../elsewhere", "--repo", r.dir}, "must be a folder inside the repository"},
		{[]string{"diff", "--base", "HEAD", "--dir", "/abs", "--repo", r.dir}, "must be a folder inside the repository"},
		{[]string{"diff", "--base", "no-such-rev", "--repo", r.dir}, `"no-such-rev" is not a commit`},
		{[]string{"diff", "--base", "--upload-pack=x", "--repo", r.dir}, "is not a revision"},
		{[]string{"diff", "--base", "HEAD", "--head", "nope", "--repo", r.dir, "--env", "dev"}, `"nope" is not a commit`},
		{[]string{"diff", "--base", "HEAD", "--repo", notRepo}, "is not in a git repository"},
		{[]string{"diff", "--base", "HEAD", "--repo", r.dir, "--env", "dev"}, "no stlv_app.py in . at either revision"},
		{[]string{"diff", "--base", "HEAD", "extra"}, "unexpected arguments"},
	}
	for _, tc := range tests {
		code, stdout, stderr := runCmd(t, tc.args...)
		if code != exitInput || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("%q: exit %d, stderr %q, stdout %q; want exit %d and %q", tc.args, code, stderr, stdout, exitInput, tc.want)
		}
	}
}

const shopBase = `from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function
from stelvio.config import StelvioAppConfig

app = StelvioApp("shop")


@app.config
def configuration(env: str) -> StelvioAppConfig:
    return StelvioAppConfig(environments=["staging", "prod"])


@app.run
def run() -> None:
    orders = DynamoTable("orders", fields={"id": "S"}, partition_key="id")
    Function("list-orders", handler="functions/orders.list_orders", links=[orders])
    Function("report", handler="functions/orders.report", environment={"API_KEY": "sk-live-base-1234567890"})
`

// TestDiffCommandOnARealRepository commits an app, edits it, and diffs the two commits and
// the work tree through the command.
func TestDiffCommandOnARealRepository(t *testing.T) {
	r := newGitRepo(t)
	r.write(map[string]string{"README.md": "before the app"})
	empty := r.commit("readme")
	r.write(map[string]string{
		"shop/stlv_app.py":         shopBase,
		"shop/functions/orders.py": "def list_orders(e, c):\n    pass\n\n\ndef report(e, c):\n    pass\n",
		"shop/pyproject.toml":      "[project]\nname = \"shop\"\nversion = \"0.1.0\"\ndependencies = [\"stelvio==0.9.0b5\"]\n",
	})
	base := r.commit("shop")
	head := strings.Replace(shopBase, `Function("report", handler="functions/orders.report", environment={"API_KEY": "sk-live-base-1234567890"})`,
		`Function("report", handler="functions/orders.report", links=[orders], environment={"API_KEY": "sk-live-head-0987654321"})`, 1)
	r.write(map[string]string{"shop/stlv_app.py": head})
	headSHA := r.commit("report reads orders")

	code, stdout, stderr := runCmd(t, "diff", "--repo", r.dir, "--dir", "shop", "--env", "prod", "--base", base, "--head", headSHA, "--format", "json")
	if code != exitOK {
		t.Fatalf("diff: exit %d: %s", code, stderr)
	}
	var rep struct {
		Schema, BaseSHA, HeadSHA string
		Summary                  map[string]int
		IAM                      []struct{ Change, Function, Action, Resource string }
		EnvVars                  []struct{ Change, Name string } `json:"env_vars"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if rep.Summary["broadened"] == 0 || rep.Summary["iam_added"] == 0 {
		t.Errorf("linking orders to report broadens nothing: %+v", rep.Summary)
	}
	if !slices.ContainsFunc(rep.IAM, func(c struct{ Change, Function, Action, Resource string }) bool {
		return c.Change == "added" && strings.Contains(c.Function, "report") && c.Action == "dynamodb:GetItem"
	}) {
		t.Errorf("no added dynamodb:GetItem for report: %+v", rep.IAM)
	}
	if strings.Contains(stdout, "sk-live") {
		t.Error("the JSON report shows the API key")
	}

	// Head defaults to the work tree; --fail-on-broadened turns broadening into exit 1.
	r.write(map[string]string{"shop/stlv_app.py": shopBase})
	status := r.git("status", "--porcelain")
	code, stdout, stderr = runCmd(t, "diff", "--repo", r.dir, "--dir", "shop", "--env", "prod", "--base", base, "--fail-on-broadened")
	if code != exitOK || !strings.Contains(stdout, "No link changes") {
		t.Errorf("work tree back at base: exit %d, %s\n%s", code, stderr, stdout)
	}
	code, stdout, _ = runCmd(t, "diff", "--repo", r.dir, "--dir", "shop", "--env", "prod", "--base", base, "--head", headSHA, "--fail-on-broadened")
	if code != exitCheck || !strings.Contains(stdout, "<!-- stelvio-action:shop:prod -->") || strings.Contains(stdout, "sk-live") {
		t.Errorf("broadened with --fail-on-broadened: exit %d\n%s", code, stdout)
	}
	if after := r.git("status", "--porcelain"); after != status {
		t.Errorf("diff changed the work tree: %q → %q", status, after)
	}

	// An app new in head: every function and grant is added, and every grant broadens.
	code, stdout, stderr = runCmd(t, "diff", "--repo", r.dir, "--dir", "shop", "--env", "prod", "--base", empty, "--head", base, "--format", "json")
	if code != exitOK {
		t.Fatalf("new app: exit %d: %s", code, stderr)
	}
	rep.Summary = nil
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Summary["functions_added"] != 2 || rep.Summary["broadened"] != rep.Summary["iam_added"] || rep.Summary["iam_removed"] != 0 {
		t.Errorf("new app: %+v", rep.Summary)
	}
}

// TestDiffMergeBaseShowsOnlyTheBranch: main moves on after a branch starts; a plain diff
// of main and the branch shows main's new function as removed, --merge-base shows only
// what the branch changed, as a pull request does.
func TestDiffMergeBaseShowsOnlyTheBranch(t *testing.T) {
	r := newGitRepo(t)
	r.write(map[string]string{
		"shop/stlv_app.py":         shopBase,
		"shop/functions/orders.py": "def list_orders(e, c):\n    pass\n\n\ndef report(e, c):\n    pass\n\n\ndef audit(e, c):\n    pass\n",
	})
	branchPoint := r.commit("shop")
	r.git("checkout", "-q", "-b", "feature")
	r.write(map[string]string{"shop/stlv_app.py": strings.Replace(shopBase, `environment={"API_KEY"`, `links=[orders], environment={"API_KEY"`, 1)})
	feature := r.commit("report reads orders")
	r.git("checkout", "-q", "main")
	r.write(map[string]string{"shop/stlv_app.py": shopBase + `    Function("audit", handler="functions/orders.audit")` + "\n"})
	r.commit("audit on main")

	type report struct {
		BaseSHA     string `json:"base_sha"`
		MergeBaseOf string `json:"merge_base_of"`
		Functions   struct{ Added, Removed []string }
		Summary     map[string]int
	}
	diff := func(extra ...string) report {
		t.Helper()
		args := append([]string{"diff", "--repo", r.dir, "--dir", "shop", "--env", "prod", "--base", "main", "--head", feature, "--format", "json"}, extra...)
		code, stdout, stderr := runCmd(t, args...)
		if code != exitOK {
			t.Fatalf("diff %v: exit %d: %s", extra, code, stderr)
		}
		var rep report
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatalf("%v\n%s", err, stdout)
		}
		return rep
	}
	plain := diff()
	if len(plain.Functions.Removed) != 1 || !strings.Contains(plain.Functions.Removed[0], "audit") {
		t.Errorf("two-dot diff: removed %q, want main's audit (the setup is wrong otherwise)", plain.Functions.Removed)
	}
	three := diff("--merge-base")
	if len(three.Functions.Removed) != 0 || len(three.Functions.Added) != 0 {
		t.Errorf("--merge-base: functions added %q removed %q, want none", three.Functions.Added, three.Functions.Removed)
	}
	if three.BaseSHA != branchPoint || three.MergeBaseOf != "main" {
		t.Errorf("--merge-base compared with %s (merge base of %q), want the branch point %s of main", three.BaseSHA, three.MergeBaseOf, branchPoint)
	}
	if three.Summary["iam_added"] == 0 {
		t.Errorf("--merge-base lost the branch's own grant: %+v", three.Summary)
	}

	// Unrelated histories have no merge base: a clear input error.
	r.git("checkout", "-q", "--orphan", "other")
	r.write(map[string]string{"shop/stlv_app.py": shopBase})
	other := r.commit("unrelated")
	code, _, stderr := runCmd(t, "diff", "--repo", r.dir, "--dir", "shop", "--env", "prod", "--base", "main", "--head", other, "--merge-base")
	if code != exitInput || !strings.Contains(stderr, "no merge base") {
		t.Errorf("unrelated histories: exit %d, %s", code, stderr)
	}
}
