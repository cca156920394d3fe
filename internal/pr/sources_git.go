package pr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Git runs the git CLI on the workspace. The action's container runs as root over a
// workspace the runner's user owns, which git refuses as "dubious ownership"; each command
// therefore names the workspace a safe directory on its own command line, leaving the
// global configuration alone.
type Git struct {
	Dir string
	// Timeout bounds one command (default 2 minutes; a fetch of one commit is seconds).
	Timeout time.Duration
	// HistoryDepth is how many commits of history a shallow workspace fetches, on each
	// side, to find a merge base (default 50); HistoryTimeout bounds that fetch (default 30
	// seconds). Farther than that, the GitHub API is one call and cheaper than more history.
	HistoryDepth   int
	HistoryTimeout time.Duration
}

func (g *Git) command(ctx context.Context, stdin io.Reader, args ...string) *exec.Cmd {
	full := append([]string{"-c", "safe.directory=" + g.Dir, "-C", g.Dir}, args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	cmd.Stdin = stdin
	// Never wait for a password prompt, and never let the user's configuration page output.
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_PAGER=cat", "LC_ALL=C")
	return cmd
}

func (g *Git) run(ctx context.Context, stdin io.Reader, args ...string) ([]byte, error) {
	timeout := g.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := g.command(ctx, stdin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 500 {
			msg = msg[:500] + "…"
		}
		return nil, fmt.Errorf("git %s: %w: %s", args[0], err, msg)
	}
	return out, nil
}

// HasCommit reports whether the commit's object is in the repository.
func (g *Git) HasCommit(ctx context.Context, sha string) bool {
	_, err := g.run(ctx, nil, "cat-file", "-e", sha+"^{commit}")
	return err == nil
}

// Fetch fetches one commit from origin, without its history. GitHub serves any commit
// reachable from a ref, pull request heads included; actions/checkout left the credentials
// in the repository's configuration.
func (g *Git) Fetch(ctx context.Context, sha string) error {
	_, err := g.run(ctx, nil, "fetch", "--quiet", "--no-tags", "--no-recurse-submodules", "--no-write-fetch-head", "--depth=1", "origin", sha)
	return err
}

// MergeBase asks git for the merge base of a and b; found is false when the history git
// has holds none (in a shallow repository: none within the fetched depth).
func (g *Git) MergeBase(ctx context.Context, a, b string) (sha string, found bool, err error) {
	out, err := g.run(ctx, nil, "merge-base", a, b)
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return strings.TrimSpace(string(out)), true, nil
}

// Shallow reports whether the repository's history is cut (a depth-limited checkout).
func (g *Git) Shallow(ctx context.Context) (bool, error) {
	out, err := g.run(ctx, nil, "rev-parse", "--is-shallow-repository")
	if err != nil {
		return false, err
	}
	return strings.TrimSpace(string(out)) == "true", nil
}

// FetchHistory fetches commits with depth commits of history each, within HistoryTimeout.
// depth 0 fetches what is missing without a limit: for a repository that is not shallow,
// where a depth would cut its history.
func (g *Git) FetchHistory(ctx context.Context, depth int, shas ...string) error {
	timeout := g.HistoryTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := []string{"fetch", "--quiet", "--no-tags", "--no-recurse-submodules", "--no-write-fetch-head"}
	if depth > 0 {
		args = append(args, "--depth="+strconv.Itoa(depth))
	}
	_, err := g.run(ctx, nil, append(append(args, "origin"), shas...)...)
	return err
}

func (g *Git) historyDepth() int {
	if g.HistoryDepth > 0 {
		return g.HistoryDepth
	}
	return 50
}

// ListTree lists the regular files of a commit (symlinks and submodules are left out: the
// app is read from files only, and a link could point out of the checkout).
func (g *Git) ListTree(ctx context.Context, sha string) (map[string]treeFile, error) {
	out, err := g.run(ctx, nil, "ls-tree", "-r", "-z", "--full-tree", sha)
	if err != nil {
		return nil, err
	}
	files := map[string]treeFile{}
	for _, rec := range bytes.Split(out, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		meta, p, ok := bytes.Cut(rec, []byte{'\t'})
		f := strings.Fields(string(meta))
		if !ok || len(f) != 3 {
			return nil, fmt.Errorf("git ls-tree: unexpected record %q", rec)
		}
		if f[1] == "blob" && (f[0] == "100644" || f[0] == "100755") {
			files[string(p)] = treeFile{mode: f[0], blob: f[2]}
		}
	}
	return files, nil
}

// ReadBlobs reads blobs with one git process and hands each to fn with its index.
func (g *Git) ReadBlobs(ctx context.Context, blobs []string, fn func(i int, data []byte) error) error {
	if len(blobs) == 0 {
		return nil
	}
	out, err := g.run(ctx, strings.NewReader(strings.Join(blobs, "\n")+"\n"), "cat-file", "--batch")
	if err != nil {
		return err
	}
	rd := bufio.NewReader(bytes.NewReader(out))
	for i, want := range blobs {
		header, err := rd.ReadString('\n')
		if err != nil {
			return fmt.Errorf("git cat-file: %w", err)
		}
		f := strings.Fields(header)
		if len(f) != 3 || f[0] != want || f[1] != "blob" {
			return fmt.Errorf("git cat-file: unexpected answer %q for %s", strings.TrimSpace(header), want)
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("git cat-file: %q: %w", header, err)
		}
		data := make([]byte, size+1) // the content and the newline after it
		if _, err := io.ReadFull(rd, data); err != nil {
			return fmt.Errorf("git cat-file: %w", err)
		}
		if err := fn(i, data[:size]); err != nil {
			return err
		}
	}
	return nil
}

// CommitInfo reads a commit's root tree and message.
func (g *Git) CommitInfo(ctx context.Context, sha string) (tree, message string, err error) {
	out, err := g.run(ctx, nil, "cat-file", "commit", sha)
	if err != nil {
		return "", "", err
	}
	header, message, ok := strings.Cut(string(out), "\n\n")
	if !ok {
		return "", "", errors.New("git cat-file: commit without a message")
	}
	for _, line := range strings.Split(header, "\n") {
		if t, found := strings.CutPrefix(line, "tree "); found {
			return t, message, nil
		}
	}
	return "", "", errors.New("git cat-file: commit without a tree")
}
