package github

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"

	gh "github.com/google/go-github/v62/github"
)

// TreeEntry is one path of a recursive tree listing.
type TreeEntry struct {
	Path string
	Mode string // 100644, 100755, 120000 (symlink), 040000 (tree), 160000 (submodule)
	Type string // blob, tree, commit
	SHA  string
	Size int
}

// Commit is a git commit.
type Commit struct {
	SHA     string
	Tree    string
	Parents []string
	Message string
}

// FileWrite is one path of a new tree: Content to write, or Delete.
type FileWrite struct {
	Path    string
	Content string
	Delete  bool
	Mode    string // default 100644
}

// Tree lists every path of commit or tree sha. truncated is true when GitHub cut the
// listing (over 100,000 entries or 7 MB).
func (c *Client) Tree(ctx context.Context, sha string) (entries []TreeEntry, truncated bool, err error) {
	t, resp, err := c.gh.Git.GetTree(ctx, c.owner, c.repo, sha, true)
	if err != nil {
		return nil, false, wrap("read the tree of "+short(sha), resp, err)
	}
	for _, e := range t.Entries {
		entries = append(entries, TreeEntry{Path: e.GetPath(), Mode: e.GetMode(), Type: e.GetType(), SHA: e.GetSHA(), Size: e.GetSize()})
	}
	return entries, t.GetTruncated(), nil
}

// Blob reads a blob's bytes.
func (c *Client) Blob(ctx context.Context, sha string) ([]byte, error) {
	b, resp, err := c.gh.Git.GetBlob(ctx, c.owner, c.repo, sha)
	if err != nil {
		return nil, wrap("read blob "+short(sha), resp, err)
	}
	if enc := b.GetEncoding(); enc != "base64" {
		return nil, fmt.Errorf("read blob %s: unexpected encoding %q", short(sha), enc)
	}
	data, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(b.GetContent(), "\n", ""))
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", short(sha), err)
	}
	return data, nil
}

// Commit reads git commit sha.
func (c *Client) Commit(ctx context.Context, sha string) (Commit, error) {
	cm, resp, err := c.gh.Git.GetCommit(ctx, c.owner, c.repo, sha)
	if err != nil {
		return Commit{}, wrap("read commit "+short(sha), resp, err)
	}
	return gitCommit(cm), nil
}

// CreateTree makes a tree from baseTree with files written or deleted.
func (c *Client) CreateTree(ctx context.Context, baseTree string, files []FileWrite) (string, error) {
	entries := make([]*gh.TreeEntry, 0, len(files))
	for _, f := range files {
		mode := f.Mode
		if mode == "" {
			mode = "100644"
		}
		e := &gh.TreeEntry{Path: gh.String(f.Path), Mode: gh.String(mode), Type: gh.String("blob")}
		if !f.Delete {
			e.Content = gh.String(f.Content)
		}
		entries = append(entries, e)
	}
	t, resp, err := c.gh.Git.CreateTree(ctx, c.owner, c.repo, baseTree, entries)
	if err != nil {
		return "", wrap("create a tree on "+short(baseTree), resp, err)
	}
	return t.GetSHA(), nil
}

// CreateCommit makes a commit of tree with the given parents; author and committer are the
// token's user.
func (c *Client) CreateCommit(ctx context.Context, message, tree string, parents []string) (Commit, error) {
	var ps []*gh.Commit
	for _, p := range parents {
		ps = append(ps, &gh.Commit{SHA: gh.String(p)})
	}
	cm, resp, err := c.gh.Git.CreateCommit(ctx, c.owner, c.repo, &gh.Commit{Message: gh.String(message), Tree: &gh.Tree{SHA: gh.String(tree)}, Parents: ps}, nil)
	if err != nil {
		return Commit{}, wrap("create a commit", resp, err)
	}
	return gitCommit(cm), nil
}

func gitCommit(cm *gh.Commit) Commit {
	out := Commit{SHA: cm.GetSHA(), Tree: cm.GetTree().GetSHA(), Message: cm.GetMessage()}
	for _, p := range cm.Parents {
		out.Parents = append(out.Parents, p.GetSHA())
	}
	return out
}

// Branch reads where branch points.
func (c *Client) Branch(ctx context.Context, branch string) (string, error) {
	ref, resp, err := c.gh.Git.GetRef(ctx, c.owner, c.repo, "heads/"+branch)
	if err != nil {
		return "", wrap("read branch "+branch, resp, err)
	}
	return ref.GetObject().GetSHA(), nil
}

// FastForward moves branch to sha without force: GitHub refuses (ErrConflict) unless sha
// descends from where the branch is now, so a push made meanwhile is never lost.
func (c *Client) FastForward(ctx context.Context, branch, sha string) error {
	ref := &gh.Reference{Ref: gh.String("refs/heads/" + branch), Object: &gh.GitObject{SHA: gh.String(sha)}}
	_, resp, err := c.gh.Git.UpdateRef(ctx, c.owner, c.repo, ref, false)
	return wrap(fmt.Sprintf("move %s to %s", branch, short(sha)), resp, err)
}
