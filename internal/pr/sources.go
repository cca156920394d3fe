package pr

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

// Sources reads revisions of the repository, from what is cheapest first: the git objects
// of the workspace, then a depth-1 fetch of the one commit, then GitHub's API (a tree
// listing and the blobs of only the files an app needs). A default actions/checkout holds
// one commit — on pull_request the test merge commit — so base and head usually come
// from the fetch.
type Sources struct {
	// Git is the workspace's git; nil or Git.Dir "" when there is no checkout.
	Git *Git
	// API reads trees and blobs, and finds merge bases, when git cannot; nil means git only.
	API sourceAPI
	// TempDir receives the extracted revisions (default os.TempDir()).
	TempDir string
	// MaxBytes caps what one revision may extract (default 256 MiB): a repository that
	// commits huge files next to its app should not exhaust the runner's disk.
	MaxBytes int64
}

type sourceAPI interface {
	Tree(ctx context.Context, sha string) ([]github.TreeEntry, bool, error)
	Blob(ctx context.Context, sha string) ([]byte, error)
	Commit(ctx context.Context, sha string) (github.Commit, error)
	MergeBase(ctx context.Context, base, head string) (string, error)
}

// Revision is one commit's file listing, and where it was read from.
type Revision struct {
	SHA  string
	From string // "git", "git fetch" or "GitHub API"

	src     *Sources
	files   map[string]treeFile // regular files by slash path
	viaGit  bool
	tree    string // the root tree, once known
	message string // the commit message, once known
}

type treeFile struct {
	mode string
	blob string
}

// Open lists revision sha.
func (s *Sources) Open(ctx context.Context, sha string) (*Revision, error) {
	var reasons []string
	if s.Git != nil && s.Git.Dir != "" {
		if s.Git.HasCommit(ctx, sha) {
			return s.openGit(ctx, sha, "git")
		}
		err := s.Git.Fetch(ctx, sha)
		if err == nil {
			return s.openGit(ctx, sha, "git fetch")
		}
		reasons = append(reasons, err.Error())
	}
	if s.API == nil {
		return nil, fmt.Errorf("read commit %s: %s", abbrev(sha), strings.Join(append(reasons, "no GitHub API to fall back on"), "; "))
	}
	entries, truncated, err := s.API.Tree(ctx, sha)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %s", abbrev(sha), strings.Join(append(reasons, err.Error()), "; "))
	}
	if truncated {
		return nil, fmt.Errorf("read commit %s: GitHub cut its tree listing (over 100,000 files); check out the pull request's head with fetch-depth: 0 instead", abbrev(sha))
	}
	r := &Revision{SHA: sha, From: "GitHub API", src: s, files: map[string]treeFile{}}
	for _, e := range entries {
		if e.Type == "blob" {
			r.files[e.Path] = treeFile{mode: e.Mode, blob: e.SHA}
		}
	}
	return r, nil
}

func (s *Sources) openGit(ctx context.Context, sha, from string) (*Revision, error) {
	files, err := s.Git.ListTree(ctx, sha)
	if err != nil {
		return nil, err
	}
	return &Revision{SHA: sha, From: from, src: s, files: files, viaGit: true}, nil
}

// Has reports whether p is a regular file of the revision.
func (r *Revision) Has(p string) bool {
	_, ok := r.files[p]
	return ok
}

// Blob is the blob id of file p, "" when absent.
func (r *Revision) Blob(p string) string { return r.files[p].blob }

// Mode is the file mode of p (100644 or 100755), "" when absent.
func (r *Revision) Mode(p string) string { return r.files[p].mode }

// AppFile is the file that makes a folder a Stelvio project.
const AppFile = "stlv_app.py"

// AppDirs lists the folders of the revision that hold stlv_app.py and match one of globs
// (path.Match on the folder's slash path).
func (r *Revision) AppDirs(globs []string) []string {
	var out []string
	for p := range r.files {
		if path.Base(p) != AppFile {
			continue
		}
		dir := path.Dir(p)
		for _, g := range globs {
			if ok, _ := path.Match(g, dir); ok {
				out = append(out, dir)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// Needed reports whether the app in appDir reads file p: its Python modules, its pins and
// its default env, plus the pins in the folders above it (a uv workspace keeps one lock at
// its top).
func Needed(appDir, p string) bool {
	base, dir := path.Base(p), path.Dir(p)
	pin := base == "pyproject.toml" || base == "uv.lock" || base == "poetry.lock" ||
		strings.HasPrefix(base, "requirements") && strings.HasSuffix(base, ".txt")
	if within(appDir, dir) {
		return pin || strings.HasSuffix(base, ".py") || p == path.Join(appDir, ".stelvio/userenv")
	}
	return pin && within(dir, appDir)
}

// within reports whether folder dir is folder root or below it.
func within(root, dir string) bool {
	return root == "." || dir == root || strings.HasPrefix(dir, root+"/")
}

// Inputs lists the files of the revision the app in appDir reads, sorted.
func (r *Revision) Inputs(appDir string) []string {
	var out []string
	for p := range r.files {
		if Needed(appDir, p) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// Extract writes the files the apps in appDirs need into a new folder and returns it; the
// apps sit at the same relative paths under it.
func (r *Revision) Extract(ctx context.Context, appDirs ...string) (string, error) {
	want := map[string]bool{}
	for _, d := range appDirs {
		for _, p := range r.Inputs(d) {
			want[p] = true
		}
	}
	root, err := os.MkdirTemp(r.src.TempDir, "stelvio-"+abbrev(r.SHA)+"-")
	if err != nil {
		return "", fmt.Errorf("extract %s: %w", abbrev(r.SHA), err)
	}
	paths := make([]string, 0, len(want))
	for p := range want {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	limit := r.src.MaxBytes
	if limit <= 0 {
		limit = 256 << 20
	}
	var total int64
	write := func(p string, data []byte) error {
		total += int64(len(data))
		if total > limit {
			return fmt.Errorf("extract %s: the app's files exceed %d MiB", abbrev(r.SHA), limit>>20)
		}
		dst := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	}
	if r.viaGit {
		blobs := make([]string, len(paths))
		for i, p := range paths {
			blobs[i] = r.files[p].blob
		}
		err = r.src.Git.ReadBlobs(ctx, blobs, func(i int, data []byte) error { return write(paths[i], data) })
	} else {
		for _, p := range paths {
			var data []byte
			if data, err = r.src.API.Blob(ctx, r.files[p].blob); err != nil {
				break
			}
			if err = write(p, data); err != nil {
				break
			}
		}
	}
	if err != nil {
		os.RemoveAll(root)
		return "", fmt.Errorf("extract %s: %w", abbrev(r.SHA), err)
	}
	return root, nil
}

// Commit returns the commit's root tree and message, from git when it has the commit,
// else from GitHub.
func (r *Revision) Commit(ctx context.Context) (tree, message string, err error) {
	if r.tree != "" {
		return r.tree, r.message, nil
	}
	if r.viaGit {
		r.tree, r.message, err = r.src.Git.CommitInfo(ctx, r.SHA)
	} else if r.src.API != nil {
		var c github.Commit
		c, err = r.src.API.Commit(ctx, r.SHA)
		r.tree, r.message = c.Tree, c.Message
	} else {
		err = errors.New("no way to read it")
	}
	if err != nil {
		return "", "", fmt.Errorf("read commit %s: %w", abbrev(r.SHA), err)
	}
	return r.tree, r.message, nil
}

func abbrev(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
