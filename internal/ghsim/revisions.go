package ghsim

import (
	"fmt"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strings"
)

// Reading revisions: branches, commits, comparisons and file contents.

// resolve turns what GitHub accepts as a ref (a full or abbreviated sha, a branch or tag
// name, "heads/x" or "refs/heads/x") into a commit sha.
func (r *Repo) resolve(ref string) (string, bool) {
	if ref == "" {
		return "", false
	}
	for _, name := range []string{ref, "refs/" + ref, "refs/heads/" + ref, "refs/tags/" + ref} {
		if sha, found := r.refs[name]; found {
			return sha, true
		}
	}
	lower := strings.ToLower(ref)
	if _, found := r.objects.commit(lower); found {
		return lower, true
	}
	if len(lower) >= 7 && len(lower) < 40 {
		var match string
		for sha, o := range r.objects.objs {
			if o.kind == "commit" && strings.HasPrefix(sha, lower) {
				if match != "" {
					return "", false
				}
				match = sha
			}
		}
		return match, match != ""
	}
	return "", false
}

func (r *Repo) branchHead(branch string) (string, bool) {
	sha, found := r.refs["refs/heads/"+branch]
	return sha, found
}

func handleGetBranch(req *request) response {
	name := req.param("branch")
	sha, found := req.repo.branchHead(name)
	if !found {
		return errorResponse(http.StatusNotFound, "Branch not found")
	}
	return okJSON(map[string]any{
		"name":           name,
		"commit":         req.repo.commitJSON(sha),
		"protected":      false,
		"protection":     map[string]any{"enabled": false, "required_status_checks": map[string]any{"enforcement_level": "off", "contexts": []string{}, "checks": []any{}}},
		"protection_url": req.repo.apiURL() + "/branches/" + url.PathEscape(name) + "/protection",
		"_links":         map[string]any{"self": req.repo.apiURL() + "/branches/" + url.PathEscape(name), "html": req.repo.htmlURL() + "/tree/" + name},
	})
}

// commitJSON is the REST "commit" object (the git commit plus GitHub's view of it).
func (r *Repo) commitJSON(sha string) map[string]any {
	c, _ := r.objects.commit(sha)
	parents := []map[string]any{}
	for _, p := range c.parents {
		parents = append(parents, map[string]any{"sha": p, "url": r.apiURL() + "/commits/" + p, "html_url": r.htmlURL() + "/commit/" + p})
	}
	git := r.gitCommitJSON(sha, c)
	delete(git, "sha")
	delete(git, "node_id")
	delete(git, "html_url")
	delete(git, "parents")
	git["comment_count"] = 0
	return map[string]any{
		"sha":          sha,
		"node_id":      shaNodeID("Commit", sha),
		"url":          r.apiURL() + "/commits/" + sha,
		"html_url":     r.htmlURL() + "/commit/" + sha,
		"comments_url": r.apiURL() + "/commits/" + sha + "/comments",
		"commit":       git,
		"author":       nil,
		"committer":    nil,
		"parents":      parents,
	}
}

func handleGetCommit(req *request) response {
	sha, found := req.repo.resolve(req.param("ref"))
	if !found {
		return validationFailed("No commit found for SHA: " + req.param("ref"))
	}
	body := req.repo.commitJSON(sha)
	c, _ := req.repo.objects.commit(sha)
	parent := ""
	if len(c.parents) > 0 {
		parent = c.parents[0]
	}
	files := req.repo.diffFiles(parent, sha)
	body["files"] = files
	add, del := 0, 0
	for _, f := range files {
		add += f["additions"].(int)
		del += f["deletions"].(int)
	}
	body["stats"] = map[string]any{"additions": add, "deletions": del, "total": add + del}
	return okJSON(body)
}

// handleCompare answers whether head is ahead of, behind, identical to or diverged from base,
// measured from their merge base as GitHub's three-dot compare is. Its commit list pages
// like a list when per_page or page is given (the files then come on the first page only);
// without either it holds the newest 250 commits.
func handleCompare(req *request) response {
	base, head, found := strings.Cut(req.param("basehead"), "...")
	if !found {
		return notFound()
	}
	baseSHA, okBase := req.repo.resolve(base)
	headSHA, okHead := req.repo.resolve(head)
	if !okBase || !okHead {
		return notFound()
	}
	st := req.repo.objects
	mergeBase := st.mergeBase(baseSHA, headSHA)
	if mergeBase == "" {
		return errorResponse(http.StatusNotFound, "No common ancestor between "+base+" and "+head+".")
	}
	aheadSet := st.exclusive(headSHA, mergeBase)
	behindSet := st.exclusive(baseSHA, mergeBase)
	status := "diverged"
	switch {
	case baseSHA == headSHA:
		status = "identical"
	case len(behindSet) == 0:
		status = "ahead"
	case len(aheadSet) == 0:
		status = "behind"
	}
	commits := []map[string]any{}
	for _, sha := range aheadSet {
		commits = append(commits, req.repo.commitJSON(sha))
	}
	paged := req.query.Has("per_page") || req.query.Has("page")
	link := ""
	if paged {
		commits, link = paginate(req, commits)
	} else if len(commits) > maxCompareCommits {
		commits = commits[len(commits)-maxCompareCommits:]
	}
	body := map[string]any{
		"url":               req.repo.apiURL() + "/compare/" + base + "..." + head,
		"html_url":          req.repo.htmlURL() + "/compare/" + base + "..." + head,
		"permalink_url":     req.repo.htmlURL() + "/compare/" + baseSHA + "..." + headSHA,
		"diff_url":          req.repo.htmlURL() + "/compare/" + base + "..." + head + ".diff",
		"patch_url":         req.repo.htmlURL() + "/compare/" + base + "..." + head + ".patch",
		"base_commit":       req.repo.commitJSON(baseSHA),
		"merge_base_commit": req.repo.commitJSON(mergeBase),
		"status":            status,
		"ahead_by":          len(aheadSet),
		"behind_by":         len(behindSet),
		"total_commits":     len(aheadSet),
		"commits":           commits,
	}
	if page := req.query.Get("page"); !paged || page == "" || page == "1" {
		files := req.repo.diffFiles(mergeBase, headSHA)
		body["files"] = files[:min(len(files), maxCompareFiles)]
	}
	resp := okJSON(body)
	if link != "" {
		resp = resp.with("Link", link)
	}
	return resp
}

// GitHub's caps on one comparison: commits without paging, and files in all.
const (
	maxCompareCommits = 250
	maxCompareFiles   = 300
)

// mergeBase is the commit git merge-base names for a and b ("" when they share no
// history): a common ancestor that no other common ancestor descends from. Among several
// (criss-cross merges) it takes the nearest, then the smallest sha. Nearest alone is not
// enough: a branch merged into one side can bring an old commit close to it.
func (st *objectStore) mergeBase(a, b string) string {
	da, db := st.ancestors(a), st.ancestors(b)
	// older holds the strict ancestors of common ancestors. Every ancestor of a marked
	// commit is marked too, so a walk stops at the first one.
	older := map[string]bool{}
	for sha := range da {
		if _, common := db[sha]; !common || older[sha] {
			continue
		}
		queue := []string{sha}
		for len(queue) > 0 {
			c, _ := st.commit(queue[0])
			queue = queue[1:]
			for _, p := range c.parents {
				if !older[p] {
					older[p] = true
					queue = append(queue, p)
				}
			}
		}
	}
	best, bestDist := "", -1
	for sha, d := range da {
		e, common := db[sha]
		if !common || older[sha] {
			continue
		}
		if bestDist < 0 || d+e < bestDist || (d+e == bestDist && sha < best) {
			best, bestDist = sha, d+e
		}
	}
	return best
}

// exclusive lists the commits reachable from tip but not from base, oldest first.
func (st *objectStore) exclusive(tip, base string) []string {
	exclude := map[string]int{}
	if base != "" {
		exclude = st.ancestors(base)
	}
	dist := st.ancestors(tip)
	var out []string
	for sha := range dist {
		if _, skip := exclude[sha]; !skip {
			out = append(out, sha)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if dist[out[i]] != dist[out[j]] {
			return dist[out[i]] > dist[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// diffFiles lists the files that differ between two commits ("" for the empty tree), as
// GitHub's "diff-entry" objects without patches.
func (r *Repo) diffFiles(fromSHA, toSHA string) []map[string]any {
	from, to := r.filesAt(fromSHA), r.filesAt(toSHA)
	var names []string
	for p := range from {
		names = append(names, p)
	}
	for p := range to {
		if _, found := from[p]; !found {
			names = append(names, p)
		}
	}
	sort.Strings(names)
	out := []map[string]any{}
	for _, p := range names {
		a, inFrom := from[p]
		b, inTo := to[p]
		if inFrom && inTo && a.sha == b.sha && a.mode == b.mode {
			continue
		}
		status, sha := "modified", b.sha
		switch {
		case !inFrom:
			status = "added"
		case !inTo:
			status, sha = "removed", a.sha
		}
		oldData, _ := r.objects.get(a.sha, "blob")
		newData, _ := r.objects.get(b.sha, "blob")
		add, del := lineDelta(string(oldData), string(newData))
		out = append(out, map[string]any{
			"sha": sha, "filename": p, "status": status,
			"additions": add, "deletions": del, "changes": add + del,
			"blob_url":     r.htmlURL() + "/blob/" + toSHA + "/" + p,
			"raw_url":      r.htmlURL() + "/raw/" + toSHA + "/" + p,
			"contents_url": r.apiURL() + "/contents/" + p + "?ref=" + toSHA,
		})
	}
	return out
}

func (r *Repo) filesAt(commitSHA string) map[string]treeEntry {
	flat := map[string]treeEntry{}
	if c, found := r.objects.commit(commitSHA); found {
		r.objects.flatten(c.tree, "", flat)
	}
	return flat
}

// lineDelta counts added and removed lines the simple way (as multisets of lines); it is
// only used for the additions/deletions figures.
func lineDelta(old, new string) (added, deleted int) {
	count := map[string]int{}
	for _, l := range splitLines(old) {
		count[l]++
	}
	for _, l := range splitLines(new) {
		if count[l] > 0 {
			count[l]--
		} else {
			added++
		}
	}
	for _, n := range count {
		deleted += n
	}
	return added, deleted
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

func handleGetContents(req *request) response {
	ref := req.query.Get("ref")
	if ref == "" {
		ref = req.repo.defaultBranch
	}
	sha, found := req.repo.resolve(ref)
	if !found {
		return errorResponse(http.StatusNotFound, "No commit found for the ref "+ref)
	}
	p := strings.Trim(req.param("path"), "/")
	flat := req.repo.filesAt(sha)
	if e, isFile := flat[p]; isFile {
		data, _ := req.repo.objects.get(e.sha, "blob")
		if wantsRaw(req) {
			return response{status: http.StatusOK, raw: data}
		}
		item := req.repo.contentJSON(p, e, ref)
		item["content"] = base64Lines(data)
		item["encoding"] = "base64"
		return okJSON(item)
	}
	// A directory lists its direct children.
	var out []map[string]any
	seen := map[string]bool{}
	for fp, e := range flat {
		rest, under := strings.CutPrefix(fp, p+"/")
		if !under {
			continue
		}
		name, _, isDir := strings.Cut(rest, "/")
		if seen[name] {
			continue
		}
		seen[name] = true
		if isDir {
			out = append(out, map[string]any{"type": "dir", "name": name, "path": path.Join(p, name), "sha": "", "size": 0})
			continue
		}
		out = append(out, req.repo.contentJSON(fp, e, ref))
	}
	if out == nil {
		return notFound()
	}
	sort.Slice(out, func(i, j int) bool { return fmt.Sprint(out[i]["name"]) < fmt.Sprint(out[j]["name"]) })
	return okJSON(out)
}

func (r *Repo) contentJSON(p string, e treeEntry, ref string) map[string]any {
	data, _ := r.objects.get(e.sha, "blob")
	api := r.apiURL() + "/contents/" + p + "?ref=" + url.QueryEscape(ref)
	typ := "file"
	if e.mode == "120000" {
		typ = "symlink"
	}
	return map[string]any{
		"type":         typ,
		"name":         path.Base(p),
		"path":         p,
		"sha":          e.sha,
		"size":         len(data),
		"url":          api,
		"git_url":      r.blobURL(e.sha),
		"html_url":     r.htmlURL() + "/blob/" + ref + "/" + p,
		"download_url": "https://raw.githubusercontent.com/" + r.FullName() + "/" + ref + "/" + p,
		"_links":       map[string]any{"self": api, "git": r.blobURL(e.sha), "html": r.htmlURL() + "/blob/" + ref + "/" + p},
	}
}
