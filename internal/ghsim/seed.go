package ghsim

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Files maps slash-separated paths to contents. A value of Deleted removes the path.
type Files map[string]string

// Deleted, as a Files value, removes the path in the new commit.
const Deleted = "\x00ghsim:deleted\x00"

// Push commits files on top of branch and moves the branch to the new commit, as a
// `git push` would, and returns the commit sha. A new branch starts from the default
// branch's head (from nothing in an empty repository).
func (r *Repo) Push(branch, message string, files Files) string {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	parent, found := r.branchHead(branch)
	if !found {
		parent, _ = r.branchHead(r.defaultBranch)
	}
	sha := r.commitFiles(parent, message, files, nil)
	r.refs["refs/heads/"+branch] = sha
	return sha
}

// Commit makes a commit of files on top of parent ("" for a root commit) without moving any
// branch, and returns its sha.
func (r *Repo) Commit(parent, message string, files Files) string {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	return r.commitFiles(parent, message, files, nil)
}

func (r *Repo) commitFiles(parent, message string, files Files, modes map[string]string) string {
	flat := map[string]treeEntry{}
	var parents []string
	if parent != "" {
		c, found := r.objects.commit(parent)
		if !found {
			r.sim.t.Fatalf("ghsim: %s has no commit %s", r.FullName(), parent)
		}
		r.objects.flatten(c.tree, "", flat)
		parents = []string{parent}
	}
	for p, content := range files {
		p = strings.Trim(filepath.ToSlash(p), "/")
		if content == Deleted {
			delete(flat, p)
			continue
		}
		mode := "100644"
		if m := modes[p]; m != "" {
			mode = m
		}
		flat[p] = treeEntry{mode: mode, sha: r.objects.put("blob", []byte(content))}
	}
	sg := signature{Name: "Sim Tester", Email: "tester@example.com", When: r.sim.now()}
	c := commitObj{tree: r.objects.buildTree(flat), parents: parents, author: sg, committer: sg, message: message + "\n"}
	return r.objects.put("commit", c.encode())
}

// SetBranch points branch at an existing commit (a force push).
func (r *Repo) SetBranch(branch, sha string) {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	if _, found := r.objects.commit(sha); !found {
		r.sim.t.Fatalf("ghsim: SetBranch: %s has no commit %s", r.FullName(), sha)
	}
	r.refs["refs/heads/"+branch] = sha
}

// Branch returns the commit a branch points at ("" when it does not exist).
func (r *Repo) Branch(branch string) string {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	sha, _ := r.branchHead(branch)
	return sha
}

// File returns a file's content at a revision (sha or branch) and whether it exists.
func (r *Repo) File(rev, path string) (string, bool) {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	sha, found := r.resolve(rev)
	if !found {
		return "", false
	}
	e, found := r.filesAt(sha)[path]
	if !found {
		return "", false
	}
	data, _ := r.objects.get(e.sha, "blob")
	return string(data), true
}

// Parents returns a commit's parent shas.
func (r *Repo) Parents(sha string) []string {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	c, _ := r.objects.commit(sha)
	return c.parents
}

// Message returns a commit's message.
func (r *Repo) Message(sha string) string {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	c, _ := r.objects.commit(sha)
	return c.message
}

// PushDir commits every regular file under dir (keeping the executable bit) on top of
// branch, replacing the branch's tree, and returns the commit sha. Directories named .git
// are skipped.
func (r *Repo) PushDir(branch, message, dir string) (string, error) {
	files, modes := Files{}, map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		files[rel] = string(data)
		if info, err := d.Info(); err == nil && info.Mode()&0o111 != 0 {
			modes[rel] = "100755"
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", dir, err)
	}
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	parent, _ := r.branchHead(branch)
	// Replace rather than overlay: files gone from dir are gone from the commit.
	if parent != "" {
		for p := range r.filesAt(parent) {
			if _, kept := files[p]; !kept {
				files[p] = Deleted
			}
		}
	}
	sha := r.commitFiles(parent, message, files, modes)
	r.refs["refs/heads/"+branch] = sha
	return sha, nil
}

// ImportGit copies the commits reachable from rev in the local git repository at dir (and
// their trees and blobs) with their ids unchanged, and points branch at rev. Tests can then
// run a real git work tree and the simulator on the same history.
func (r *Repo) ImportGit(dir, rev, branch string) (string, error) {
	sha, err := gitOutput(dir, nil, "rev-parse", "--verify", rev+"^{commit}")
	if err != nil {
		return "", err
	}
	sha = strings.TrimSpace(sha)
	list, err := gitOutput(dir, nil, "rev-list", "--objects", sha)
	if err != nil {
		return "", err
	}
	var ids bytes.Buffer
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		id, _, _ := strings.Cut(line, " ")
		ids.WriteString(id + "\n")
	}
	raw, err := gitOutput(dir, &ids, "cat-file", "--batch")
	if err != nil {
		return "", err
	}
	objs, err := parseCatFileBatch(raw)
	if err != nil {
		return "", err
	}
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	for _, o := range objs {
		if got := r.objects.put(o.kind, o.data); got != o.sha {
			return "", fmt.Errorf("importing %s: object %s hashed to %s", dir, o.sha, got)
		}
	}
	if branch != "" {
		r.refs["refs/heads/"+branch] = sha
	}
	return sha, nil
}

type rawObject struct {
	sha, kind string
	data      []byte
}

func parseCatFileBatch(raw string) ([]rawObject, error) {
	rd := bufio.NewReader(strings.NewReader(raw))
	var out []rawObject
	for {
		header, err := rd.ReadString('\n')
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		f := strings.Fields(header)
		if len(f) != 3 {
			return nil, fmt.Errorf("git cat-file: unexpected header %q", header)
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("git cat-file: %q: %w", header, err)
		}
		data := make([]byte, size+1) // the content and its trailing newline
		if _, err := io.ReadFull(rd, data); err != nil {
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		out = append(out, rawObject{sha: f[0], kind: f[1], data: data[:size]})
	}
}

func gitOutput(dir string, stdin io.Reader, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}
