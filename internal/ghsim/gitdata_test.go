package ghsim_test

import (
	"encoding/base64"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-github/v62/github"
	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

// commitBack does what the action's commit-back does: blob, tree on the head's tree,
// commit with the head as parent, non-force ref update.
func commitBack(t *testing.T, f *fixture, branch, path, content string) (string, error) {
	t.Helper()
	head, _, err := f.gh.Git.GetRef(f.ctx, "octo", "app", "heads/"+branch)
	if err != nil {
		t.Fatal(err)
	}
	parent, _, err := f.gh.Git.GetCommit(f.ctx, "octo", "app", head.GetObject().GetSHA())
	if err != nil {
		t.Fatal(err)
	}
	blob, _, err := f.gh.Git.CreateBlob(f.ctx, "octo", "app", &github.Blob{Content: github.String(base64.StdEncoding.EncodeToString([]byte(content))), Encoding: github.String("base64")})
	if err != nil {
		t.Fatal(err)
	}
	tree, _, err := f.gh.Git.CreateTree(f.ctx, "octo", "app", parent.GetTree().GetSHA(), []*github.TreeEntry{{Path: github.String(path), Mode: github.String("100644"), Type: github.String("blob"), SHA: blob.SHA}})
	if err != nil {
		t.Fatal(err)
	}
	commit, _, err := f.gh.Git.CreateCommit(f.ctx, "octo", "app", &github.Commit{Message: github.String("Regenerate " + path), Tree: tree, Parents: []*github.Commit{{SHA: parent.SHA}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = f.gh.Git.UpdateRef(f.ctx, "octo", "app", &github.Reference{Ref: github.String("refs/heads/" + branch), Object: &github.GitObject{SHA: commit.SHA}}, false)
	return commit.GetSHA(), err
}

func TestGitDataFlowMovesTheBranch(t *testing.T) {
	f := newFixture(t)
	oldHead := f.repo.Branch("feature")
	sha, err := commitBack(t, f, "feature", "functions/stlv_resources.py", "# generated\n")
	if err != nil {
		t.Fatal(err)
	}
	if f.repo.Branch("feature") != sha || f.repo.Parents(sha)[0] != oldHead {
		t.Fatalf("branch at %s (want %s) with parents %v (want %s)", f.repo.Branch("feature"), sha, f.repo.Parents(sha), oldHead)
	}
	// The base tree's files survive and the new file is readable at the new commit.
	for path, want := range map[string]string{"functions/stlv_resources.py": "# generated\n", "functions/b.py": "def g(): pass\n", "stlv_app.py": "app = 1\n"} {
		fc, _, _, err := f.gh.Repositories.GetContents(f.ctx, "octo", "app", path, &github.RepositoryContentGetOptions{Ref: sha})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := fc.GetContent(); got != want {
			t.Errorf("%s at the new commit = %q, want %q", path, got, want)
		}
	}
	// The pull request follows its branch.
	if got := f.repo.PullRequest(f.pr).HeadSHA; got != sha {
		t.Errorf("pull request head = %s, want %s", got, sha)
	}
	if got := f.sim.WriteCalls(); got != 4 {
		t.Errorf("write calls = %d, want 4\n%s", got, f.sim.CallLog())
	}
}

func TestRefUpdateThatIsNotAFastForwardFails(t *testing.T) {
	f := newFixture(t)
	// Someone pushes to the branch between our read and our ref update.
	f.sim.FailNext("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}", ghsim.Before("someone pushes", func() {
		f.repo.Push("feature", "concurrent push", ghsim.Files{"other.txt": "x"})
	}))
	_, err := commitBack(t, f, "feature", "gen.py", "# generated\n")
	var ghErr *github.ErrorResponse
	if !asErr(err, &ghErr) || ghErr.Response.StatusCode != http.StatusUnprocessableEntity || ghErr.Message != "Update is not a fast forward" {
		t.Fatalf("update over a moved head: %v", err)
	}
	if _, ok := f.repo.File("feature", "gen.py"); ok {
		t.Fatal("the rejected commit reached the branch")
	}
	if f.sim.PendingFaults() != 0 {
		t.Fatal("the push hook did not run")
	}
	// Retrying on top of the new head succeeds.
	if _, err := commitBack(t, f, "feature", "gen.py", "# generated\n"); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.repo.File("feature", "other.txt"); !ok {
		t.Fatal("the retry dropped the concurrent push")
	}
}

func TestTreeWithNullSHADeletesAndRecursiveListing(t *testing.T) {
	f := newFixture(t)
	head := f.repo.Branch("feature")
	c, _, err := f.gh.Git.GetCommit(f.ctx, "octo", "app", head)
	if err != nil {
		t.Fatal(err)
	}
	tree, _, err := f.gh.Git.CreateTree(f.ctx, "octo", "app", c.GetTree().GetSHA(), []*github.TreeEntry{{Path: github.String("functions/a.py"), Mode: github.String("100644"), Type: github.String("blob")}})
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := f.gh.Git.GetTree(f.ctx, "octo", "app", tree.GetSHA(), true)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range got.Entries {
		paths = append(paths, e.GetType()+":"+e.GetPath())
	}
	if strings.Join(paths, " ") != "tree:functions blob:functions/b.py blob:stlv_app.py" {
		t.Fatalf("recursive tree: %v", paths)
	}
}

// TestIdsMatchGit checks that the simulator's objects are git's: importing a real repository
// keeps its ids, and the same files committed through the API get git's tree id.
func TestIdsMatchGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=T", "-c", "user.email=t@example.com"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q", "-b", "main")
	if err := os.MkdirAll(filepath.Join(dir, "functions"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"stlv_app.py": "app = 1\n", "functions/a.py": "x = 1\n", "functions-x": "sorts after the directory\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("add", ".")
	git("commit", "-q", "-m", "first")
	head := git("rev-parse", "HEAD")
	tree := git("rev-parse", "HEAD^{tree}")

	sim := ghsim.New(t)
	imported := sim.Repo("octo", "imported")
	sha, err := imported.ImportGit(dir, "HEAD", "main")
	if err != nil {
		t.Fatal(err)
	}
	if sha != head || imported.Branch("main") != head {
		t.Fatalf("imported %s, branch %s; git has %s", sha, imported.Branch("main"), head)
	}
	if got, _ := imported.File("main", "functions/a.py"); got != "x = 1\n" {
		t.Fatalf("imported file = %q", got)
	}
	pushed := sim.Repo("octo", "pushed")
	if _, err := pushed.PushDir("main", "first", dir); err != nil {
		t.Fatal(err)
	}
	gh := sim.Client(ghsim.WriteToken)
	c, _, err := gh.Git.GetCommit(t.Context(), "octo", "pushed", pushed.Branch("main"))
	if err != nil {
		t.Fatal(err)
	}
	if c.GetTree().GetSHA() != tree {
		t.Fatalf("tree of the pushed directory = %s, git says %s", c.GetTree().GetSHA(), tree)
	}
}
