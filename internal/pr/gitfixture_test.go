package pr

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// gitFixture is a real git repository where the test makes commits; it is also the
// "origin" (GitHub's git service) that workspaces are checked out from the way
// actions/checkout does: one commit, depth 1. Sharing one repository spares the pushes,
// which cost a handful of processes each.
type gitFixture struct {
	t        testing.TB
	origin   string
	scratch  string
	branches map[string]bool // made so far
	current  string          // checked out in scratch, "" when detached
}

// deleted, as a file content, removes the file in the commit.
const deleted = "\x00deleted"

func newGitFixture(t testing.TB) *gitFixture {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	scratch := filepath.Join(dir, "scratch")
	f := &gitFixture{t: t, origin: scratch, scratch: scratch, branches: map[string]bool{}}
	f.git("", "init", "--quiet", "--initial-branch=main", f.scratch)
	return f
}

func (f *gitFixture) git(dir string, args ...string) string {
	f.t.Helper()
	if dir != "" {
		args = append([]string{"-C", dir}, args...)
	}
	cmd := exec.Command("git", args...)
	// Fixed identities and dates: the same test makes the same commits every run.
	date := "2024-05-01T12:00:00Z"
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Tester", "GIT_AUTHOR_EMAIL=tester@example.com",
		"GIT_COMMITTER_NAME=Tester", "GIT_COMMITTER_EMAIL=tester@example.com",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_NOSYSTEM=1", "HOME="+f.t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		f.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// commit makes a commit of files on top of branch (a new branch starts from parent, or
// from nothing when parent is "") and returns its sha.
func (f *gitFixture) commit(branch, parent, message string, files map[string]string) string {
	f.t.Helper()
	switch {
	case f.current == branch:
	case f.branches[branch]:
		f.git(f.scratch, "checkout", "--quiet", branch)
	case parent != "":
		f.git(f.scratch, "checkout", "--quiet", "-b", branch, parent)
	default:
		f.git(f.scratch, "checkout", "--quiet", "--orphan", branch)
	}
	for p, content := range files {
		full := filepath.Join(f.scratch, filepath.FromSlash(p))
		if content == deleted {
			if err := os.Remove(full); err != nil {
				f.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			f.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			f.t.Fatal(err)
		}
	}
	f.branches[branch], f.current = true, branch
	f.git(f.scratch, "add", "--all")
	f.git(f.scratch, "commit", "--quiet", "--allow-empty", "-m", message)
	return f.git(f.scratch, "rev-parse", "HEAD")
}

// mergeCommit makes GitHub's test merge commit of head into base and publishes it as
// refs/pull/number/merge.
func (f *gitFixture) mergeCommit(number int, base, head string) string {
	f.t.Helper()
	f.git(f.scratch, "checkout", "--quiet", "--detach", base)
	f.current = ""
	f.git(f.scratch, "merge", "--quiet", "--no-ff", "--no-edit", "-m", "Merge "+head+" into "+base, head)
	sha := f.git(f.scratch, "rev-parse", "HEAD")
	f.git(f.scratch, "update-ref", "refs/pull/"+strconv.Itoa(number)+"/merge", sha)
	return sha
}

// workspace checks out sha as actions/checkout does by default: a fresh repository with
// origin set and only that commit fetched (depth 1).
func (f *gitFixture) workspace(sha string) string {
	f.t.Helper()
	ws := filepath.Join(f.t.TempDir(), "workspace")
	f.git("", "init", "--quiet", ws)
	f.git(ws, "remote", "add", "origin", "file://"+f.origin)
	f.git(ws, "fetch", "--quiet", "--no-tags", "--depth=1", "origin", sha)
	f.git(ws, "checkout", "--quiet", "--detach", sha)
	runnerOwned(f.t, ws)
	return ws
}

// runnerOwned gives dir to another user, as the runner's workspace is to the action's
// container (root over uid 1001): git then refuses it as "dubious ownership" unless told
// it is safe. Only root can do this; other users test without it.
func runnerOwned(t testing.TB, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return
	}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, 1001, 1001)
	})
	if err != nil {
		t.Fatal(err)
	}
}
