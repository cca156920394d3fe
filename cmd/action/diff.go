package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/config/pyeval"
	"github.com/stelvio-action/stelvio-action/internal/linker"
	"github.com/stelvio-action/stelvio-action/internal/pr"
)

// diffFlags are the flags of `diff`.
type diffFlags struct {
	repo, base, head, dir, env, version, format string
	showValues, failOnBroadened, mergeBase      bool
	budget                                      int
	cache                                       *pyeval.ParseCache // base and head share unchanged modules
}

func runDiff(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f diffFlags
	fs.StringVar(&f.base, "base", "", "the base revision (required)")
	fs.StringVar(&f.head, "head", "", "the head revision (default: the work tree)")
	fs.BoolVar(&f.mergeBase, "merge-base", false, "compare with the merge base of --base and the head (HEAD for the work tree), as a pull request's Files changed does")
	fs.StringVar(&f.repo, "repo", ".", "a folder inside the git repository")
	fs.StringVar(&f.dir, "dir", ".", "the app folder (that holds stlv_app.py), relative to the repository root")
	fs.StringVar(&f.env, "env", "", "the Stelvio env (default: the app's .stelvio/userenv in the work tree, else the OS user name)")
	fs.StringVar(&f.version, "stelvio-version", "", "the Stelvio version to follow (default: the version each revision pins)")
	fs.StringVar(&f.format, "format", "markdown", "output format: markdown or json")
	fs.BoolVar(&f.showValues, "show-values", false, "show literal env values instead of masking them")
	fs.BoolVar(&f.failOnBroadened, "fail-on-broadened", false, "exit 1 when permissions are broadened")
	fs.IntVar(&f.budget, "budget", pr.CommentBudget, "the most bytes the Markdown may take")
	if err := fs.Parse(args); err != nil {
		return exitInput
	}
	if msg := f.check(fs.Args()); msg != "" {
		fmt.Fprintln(stderr, "diff: "+msg)
		return exitInput
	}
	rep, opts, code := diffRevisions(ctx, f, stderr)
	if rep == nil {
		return code
	}
	if f.format == "json" {
		js, err := pr.JSON(rep, opts)
		if err != nil {
			fmt.Fprintf(stderr, "diff: %v\n", err)
			return exitUnexpected
		}
		_, _ = stdout.Write(js)
	} else {
		fmt.Fprint(stdout, pr.Markdown(rep, opts))
	}
	if f.failOnBroadened && rep.Summary().Broadened > 0 {
		fmt.Fprintf(stderr, "diff: permissions broadened (%d)\n", rep.Summary().Broadened)
		return exitCheck
	}
	return exitOK
}

// check returns what is wrong with the flags, or "".
func (f *diffFlags) check(rest []string) string {
	switch {
	case len(rest) > 0:
		return fmt.Sprintf("unexpected arguments %q", rest)
	case f.base == "":
		return "--base is required"
	case f.format != "markdown" && f.format != "json":
		return fmt.Sprintf("--format must be markdown or json, not %q", f.format)
	case f.budget <= 0:
		return "--budget must be positive"
	}
	dir := path.Clean(filepath.ToSlash(f.dir))
	if !filepath.IsLocal(filepath.FromSlash(dir)) && dir != "." {
		return fmt.Sprintf("--dir %q must be a folder inside the repository, relative to its root", f.dir)
	}
	f.dir = dir
	return ""
}

// diffRevisions resolves the app at both revisions and diffs them; on failure it has
// printed why and returns the exit code.
func diffRevisions(ctx context.Context, f diffFlags, stderr io.Writer) (*pr.Report, pr.Options, int) {
	var opts pr.Options
	f.cache = pyeval.NewParseCache()
	root, err := git(ctx, f.repo, "rev-parse", "--show-toplevel")
	if err != nil {
		fmt.Fprintf(stderr, "diff: %s is not in a git repository: %v\n", f.repo, err)
		return nil, opts, exitInput
	}
	root = strings.TrimSpace(root)
	workDir := filepath.Join(root, filepath.FromSlash(f.dir))
	env := f.env
	if env == "" {
		if env, err = config.DefaultEnv(workDir); err != nil {
			fmt.Fprintf(stderr, "diff: %v\n", err)
			return nil, opts, exitInput
		}
	}
	baseSHA, err := commitOf(ctx, root, f.base)
	if err != nil {
		fmt.Fprintf(stderr, "diff: --base: %v\n", err)
		return nil, opts, exitInput
	}
	mergeBaseOf := ""
	if f.mergeBase {
		if baseSHA, err = mergeBaseWith(ctx, root, baseSHA, f.head); err != nil {
			fmt.Fprintf(stderr, "diff: --merge-base: %v\n", err)
			return nil, opts, exitInput
		}
		mergeBaseOf = f.base
	}
	base, code := resolveRevision(ctx, root, baseSHA, f, env, stderr)
	if code != exitOK {
		return nil, opts, code
	}
	headLabel := "work tree"
	var head *linker.Result
	if f.head == "" {
		head, code = resolveDir(ctx, workDir, "the work tree", f, env, stderr)
	} else {
		if headLabel, err = commitOf(ctx, root, f.head); err != nil {
			fmt.Fprintf(stderr, "diff: --head: %v\n", err)
			return nil, opts, exitInput
		}
		head, code = resolveRevision(ctx, root, headLabel, f, env, stderr)
	}
	if code != exitOK {
		return nil, opts, code
	}
	if base == nil && head == nil {
		fmt.Fprintf(stderr, "diff: no stlv_app.py in %s at either revision\n", f.dir)
		return nil, opts, exitInput
	}
	iam, err := pr.LoadCatalogue()
	if err != nil {
		fmt.Fprintf(stderr, "diff: %v\n", err)
		return nil, opts, exitUnexpected
	}
	opts = pr.Options{BaseSHA: baseSHA, HeadSHA: headLabel, MergeBaseOf: mergeBaseOf, ShowValues: f.showValues, Budget: f.budget,
		MoreHint: "a larger --budget or --format json shows them all"}
	return pr.Diff(base, head, iam), opts, exitOK
}

// mergeBaseWith is the best common ancestor of base and head (HEAD when head is the
// work tree), as `git diff --merge-base` finds it.
func mergeBaseWith(ctx context.Context, root, base, head string) (string, error) {
	if head == "" {
		head = "HEAD"
	}
	sha, found, err := (&pr.Git{Dir: root}).MergeBase(ctx, base, head)
	switch {
	case err != nil:
		return "", err
	case !found:
		return "", fmt.Errorf("no merge base of %s and %s (unrelated histories, or a shallow clone)", short(base), head)
	}
	return sha, nil
}

// resolveRevision resolves the app as committed at sha, read from git's objects into a
// temporary folder: the work tree is never touched. A revision without the app gives nil.
func resolveRevision(ctx context.Context, root, sha string, f diffFlags, env string, stderr io.Writer) (*linker.Result, int) {
	tmp, err := os.MkdirTemp("", "stelvio-diff-")
	if err != nil {
		fmt.Fprintf(stderr, "diff: %v\n", err)
		return nil, exitUnexpected
	}
	defer os.RemoveAll(tmp)
	found, err := checkout(ctx, root, sha, f.dir, tmp)
	if err != nil {
		fmt.Fprintf(stderr, "diff: read %s at %s: %v\n", f.dir, short(sha), err)
		return nil, exitUnexpected
	}
	if !found {
		return nil, exitOK
	}
	return resolveDir(ctx, filepath.Join(tmp, filepath.FromSlash(f.dir)), "revision "+short(sha), f, env, stderr)
}

func resolveDir(ctx context.Context, dir, what string, f diffFlags, env string, stderr io.Writer) (*linker.Result, int) {
	if _, err := os.Stat(filepath.Join(dir, "stlv_app.py")); errors.Is(err, os.ErrNotExist) {
		return nil, exitOK
	}
	res, err := resolveApp(ctx, appFlags{dir: dir, env: env, version: f.version, cache: f.cache})
	if err != nil {
		fmt.Fprintf(stderr, "diff: reading %s:\n", what)
		return nil, reportError(stderr, err)
	}
	return res, exitOK
}

// checkout writes into dst the files of sha that reading the app at dir needs: the app
// folder, and the files directly in each folder above it (lock files and pyproject.toml
// pin the Stelvio version). Symlinks and submodules are left out, as are paths that
// would leave dst. found says whether the revision has dir/stlv_app.py.
func checkout(ctx context.Context, root, sha, dir, dst string) (found bool, err error) {
	listing, err := git(ctx, root, "ls-tree", "-r", "-z", "--full-tree", sha)
	if err != nil {
		return false, err
	}
	var paths, objects []string
	for _, entry := range strings.Split(listing, "\x00") {
		meta, p, ok := strings.Cut(entry, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 3 || fields[1] != "blob" || fields[0] == "120000" || !wanted(p, dir) {
			continue
		}
		if !filepath.IsLocal(filepath.FromSlash(p)) || strings.Contains("/"+p+"/", "/.git/") {
			continue
		}
		found = found || p == path.Join(dir, "stlv_app.py")
		paths = append(paths, p)
		objects = append(objects, fields[2])
	}
	if !found {
		return false, nil
	}
	// An empty .git marks dst as the repository root for the version lookup.
	if err := os.Mkdir(filepath.Join(dst, ".git"), 0o755); err != nil {
		return false, err
	}
	return true, catFiles(ctx, root, objects, func(i int, content []byte) error {
		target := filepath.Join(dst, filepath.FromSlash(paths[i]))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, content, 0o644)
	})
}

// wanted says whether a repository file is needed to read the app at dir.
func wanted(p, dir string) bool {
	if dir == "." {
		return true
	}
	if strings.HasPrefix(p, dir+"/") {
		return true
	}
	parent := path.Dir(p)
	return parent == "." || strings.HasPrefix(dir+"/", parent+"/")
}

// catFiles reads blobs through one `git cat-file --batch`, in order.
func catFiles(ctx context.Context, root string, objects []string, write func(i int, content []byte) error) error {
	cmd := exec.CommandContext(ctx, "git", "-C", root, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(strings.Join(objects, "\n") + "\n")
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	readErr := readBatch(bufio.NewReader(out), len(objects), write)
	if readErr != nil {
		_, _ = io.Copy(io.Discard, out)
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git cat-file: %w: %s", err, strings.TrimSpace(errOut.String()))
	}
	return readErr
}

// readBatch reads n "<oid> <type> <size>\n<content>\n" records.
func readBatch(r *bufio.Reader, n int, write func(i int, content []byte) error) error {
	for i := range n {
		header, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("git cat-file: %w", err)
		}
		fields := strings.Fields(header)
		if len(fields) != 3 {
			return fmt.Errorf("git cat-file: unexpected header %q", header)
		}
		size, err := strconv.Atoi(fields[2])
		if err != nil {
			return fmt.Errorf("git cat-file: size in %q: %w", header, err)
		}
		content := make([]byte, size+1)
		if _, err := io.ReadFull(r, content); err != nil {
			return fmt.Errorf("git cat-file: %w", err)
		}
		if err := write(i, content[:size]); err != nil {
			return err
		}
	}
	return nil
}

// commitOf resolves a revision to its commit SHA.
func commitOf(ctx context.Context, root, rev string) (string, error) {
	if strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("%q is not a revision", rev)
	}
	out, err := git(ctx, root, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("%q is not a commit of %s", rev, root)
	}
	return strings.TrimSpace(out), nil
}

// git runs a read-only git command in dir and returns its output.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(errOut.String()); msg != "" {
			return "", fmt.Errorf("git %s: %w: %s", args[0], err, msg)
		}
		return "", fmt.Errorf("git %s: %w", args[0], err)
	}
	return out.String(), nil
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
