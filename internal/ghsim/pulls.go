package ghsim

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

type pullRequest struct {
	number   int
	title    string
	body     string
	user     string
	draft    bool
	headRepo *Repo
	headRef  string
	baseRef  string
	state    string // "open" or "closed"
	created  time.Time

	// headSHA and baseSHA follow the branches while the pull request is open.
	headSHA, baseSHA string
	// mergeSHA is the test merge commit while open (empty when the head conflicts with the
	// base), the real merge commit once merged.
	mergeSHA  string
	mergeable bool
	merged    bool
	mergedBy  string
	mergedAt  time.Time
	mergeBase string
	reviews   []*review
}

// PR describes a pull request to open.
type PR struct {
	Title, Body string
	User        string // author login; defaults to the head repository's owner
	Head        string // head branch (in HeadRepo)
	HeadRepo    *Repo  // nil for a branch of the base repository; a fork otherwise
	Base        string // base branch; defaults to the default branch
	Labels      []string
	Draft       bool
}

// OpenPR opens a pull request from spec.Head into spec.Base and returns its number. Both
// branches must exist. As on GitHub, the pull request's head follows its branch (Push moves
// it), and a test merge commit of head into base is kept up to date.
func (r *Repo) OpenPR(spec PR) int {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	head := spec.HeadRepo
	if head == nil {
		head = r
	}
	if spec.Base == "" {
		spec.Base = r.defaultBranch
	}
	if spec.User == "" {
		spec.User = head.owner
	}
	if spec.Title == "" {
		spec.Title = "Change " + spec.Head
	}
	if _, found := head.branchHead(spec.Head); !found {
		r.sim.t.Fatalf("ghsim: OpenPR: %s has no branch %q", head.FullName(), spec.Head)
	}
	if _, found := r.branchHead(spec.Base); !found {
		r.sim.t.Fatalf("ghsim: OpenPR: %s has no branch %q", r.FullName(), spec.Base)
	}
	is := r.newIssue(spec.Title, spec.User)
	r.addLabels(is, spec.Labels)
	pr := &pullRequest{number: is.number, title: spec.Title, body: spec.Body, user: spec.User, draft: spec.Draft,
		headRepo: head, headRef: spec.Head, baseRef: spec.Base, state: "open", created: r.sim.now()}
	r.pulls[pr.number] = pr
	r.refresh(pr)
	return pr.number
}

// refresh brings an open pull request up to date with its branches: head and base shas,
// the fork's objects, refs/pull/N/head and the test merge commit.
func (r *Repo) refresh(pr *pullRequest) {
	if pr.state != "open" {
		return
	}
	headSHA, _ := pr.headRepo.branchHead(pr.headRef)
	baseSHA, _ := r.branchHead(pr.baseRef)
	if headSHA == pr.headSHA && baseSHA == pr.baseSHA {
		return
	}
	if pr.headRepo != r {
		// GitHub makes a fork's pull request commits readable in the base repository.
		for sha, obj := range pr.headRepo.objects.objs {
			r.objects.objs[sha] = obj
		}
	}
	pr.headSHA, pr.baseSHA = headSHA, baseSHA
	r.refs[fmt.Sprintf("refs/pull/%d/head", pr.number)] = headSHA
	pr.mergeBase = r.objects.mergeBase(baseSHA, headSHA)
	merge, clean := r.testMerge(pr)
	pr.mergeable = clean
	pr.mergeSHA = merge
	if clean {
		r.refs[fmt.Sprintf("refs/pull/%d/merge", pr.number)] = merge
	} else {
		delete(r.refs, fmt.Sprintf("refs/pull/%d/merge", pr.number))
	}
}

// refreshAll runs before any pull request is read, so pushes made through any route or
// helper are reflected.
func (r *Repo) refreshAll() {
	for _, pr := range r.pulls {
		r.refresh(pr)
	}
}

// testMerge builds the merge of head into base file by file: a path changed on one side
// only takes that side; changed identically on both is fine; changed differently on both is
// a conflict (no merge commit).
func (r *Repo) testMerge(pr *pullRequest) (string, bool) {
	base, head, ancestor := r.filesAt(pr.baseSHA), r.filesAt(pr.headSHA), r.filesAt(pr.mergeBase)
	merged := map[string]treeEntry{}
	paths := map[string]bool{}
	for _, m := range []map[string]treeEntry{base, head, ancestor} {
		for p := range m {
			paths[p] = true
		}
	}
	for p := range paths {
		a, inA := ancestor[p]
		b, inB := base[p]
		h, inH := head[p]
		baseChanged := inA != inB || a != b
		headChanged := inA != inH || a != h
		switch {
		case headChanged && baseChanged && (inB != inH || b != h):
			return "", false
		case headChanged:
			if inH {
				merged[p] = h
			}
		default:
			if inB {
				merged[p] = b
			}
		}
	}
	sg := signature{Name: "GitHub", Email: "noreply@github.com", When: r.sim.now()}
	c := commitObj{tree: r.objects.buildTree(merged), parents: []string{pr.baseSHA, pr.headSHA}, author: sg, committer: sg,
		message: fmt.Sprintf("Merge %s into %s\n", pr.headSHA, pr.baseSHA)}
	return r.objects.put("commit", c.encode()), true
}

// MergePR merges an open pull request into its base branch with a merge commit made by
// login, as the merge button does, and returns the merge commit sha. It fails the test when
// the pull request cannot be merged.
func (r *Repo) MergePR(number int, login string) string {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	pr := r.pulls[number]
	if pr == nil || pr.state != "open" {
		r.sim.t.Fatalf("ghsim: MergePR: %s has no open pull request #%d", r.FullName(), number)
	}
	r.refresh(pr)
	if !pr.mergeable {
		r.sim.t.Fatalf("ghsim: MergePR: #%d conflicts with %s", number, pr.baseRef)
	}
	test, _ := r.objects.commit(pr.mergeSHA)
	sg := signature{Name: login, Email: login + "@users.noreply.github.com", When: r.sim.now()}
	c := commitObj{tree: test.tree, parents: test.parents, author: sg, committer: signature{Name: "GitHub", Email: "noreply@github.com", When: sg.When},
		message: fmt.Sprintf("Merge pull request #%d from %s:%s\n\n%s\n", number, pr.headRepo.owner, pr.headRef, pr.title)}
	sha := r.objects.put("commit", c.encode())
	r.refs["refs/heads/"+pr.baseRef] = sha
	pr.state, pr.merged, pr.mergedBy, pr.mergedAt, pr.mergeSHA = "closed", true, login, sg.When, sha
	delete(r.refs, fmt.Sprintf("refs/pull/%d/merge", number))
	return sha
}

// PullRequest is a snapshot of a pull request, for assertions and for building events.
type PullRequest struct {
	Number         int
	HeadSHA        string
	HeadRef        string
	HeadRepo       string // full name
	BaseSHA        string
	BaseRef        string
	MergeCommitSHA string // test merge commit while open, merge commit once merged
	Merged         bool
	State          string
	User           string
}

// PullRequest returns the current state of pull request number.
func (r *Repo) PullRequest(number int) PullRequest {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	pr := r.pulls[number]
	if pr == nil {
		r.sim.t.Fatalf("ghsim: %s has no pull request #%d", r.FullName(), number)
	}
	r.refresh(pr)
	return PullRequest{Number: pr.number, HeadSHA: pr.headSHA, HeadRef: pr.headRef, HeadRepo: pr.headRepo.FullName(),
		BaseSHA: pr.baseSHA, BaseRef: pr.baseRef, MergeCommitSHA: pr.mergeSHA, Merged: pr.merged, State: pr.state, User: pr.user}
}

func (r *Repo) pullJSON(pr *pullRequest) map[string]any {
	api := fmt.Sprintf("%s/pulls/%d", r.apiURL(), pr.number)
	issueAPI := fmt.Sprintf("%s/issues/%d", r.apiURL(), pr.number)
	side := func(repo *Repo, ref, sha string) map[string]any {
		return map[string]any{"label": repo.owner + ":" + ref, "ref": ref, "sha": sha, "user": r.sim.userJSON(repo.owner), "repo": repo.shortRepoJSON()}
	}
	var mergeSHA, mergedAt, closedAt, mergedBy, mergeable any
	if pr.mergeSHA != "" {
		mergeSHA = pr.mergeSHA
	}
	if pr.merged {
		mergedAt, closedAt, mergedBy = stamp(pr.mergedAt), stamp(pr.mergedAt), r.sim.userJSON(pr.mergedBy)
	} else {
		mergeable = pr.mergeable
	}
	files := r.diffFiles(pr.mergeBase, pr.headSHA)
	additions, deletions := 0, 0
	for _, f := range files {
		additions += f["additions"].(int)
		deletions += f["deletions"].(int)
	}
	mergeableState := "clean"
	if !pr.mergeable && !pr.merged {
		mergeableState = "dirty"
	}
	return map[string]any{
		"id": int64(pr.number) + r.id*10000, "node_id": nodeID("PullRequest", int64(pr.number)+r.id*10000),
		"number": pr.number, "title": pr.title, "body": pr.body, "state": pr.state, "draft": pr.draft, "locked": false,
		"user": r.sim.userJSON(pr.user), "labels": r.issueLabelsJSON(r.issues[pr.number]),
		"head": side(pr.headRepo, pr.headRef, pr.headSHA), "base": side(r, pr.baseRef, pr.baseSHA),
		"merged": pr.merged, "merge_commit_sha": mergeSHA, "merged_at": mergedAt, "closed_at": closedAt, "merged_by": mergedBy,
		"mergeable": mergeable, "mergeable_state": mergeableState, "rebaseable": pr.mergeable,
		"maintainer_can_modify": pr.headRepo != r, "author_association": r.association(pr.user),
		"created_at": stamp(pr.created), "updated_at": stamp(pr.created),
		"url": api, "html_url": fmt.Sprintf("%s/pull/%d", r.htmlURL(), pr.number), "issue_url": issueAPI,
		"diff_url": fmt.Sprintf("%s/pull/%d.diff", r.htmlURL(), pr.number), "patch_url": fmt.Sprintf("%s/pull/%d.patch", r.htmlURL(), pr.number),
		"commits_url": api + "/commits", "review_comments_url": api + "/comments", "review_comment_url": r.apiURL() + "/pulls/comments{/number}",
		"comments_url": issueAPI + "/comments", "statuses_url": r.apiURL() + "/statuses/" + pr.headSHA,
		"comments": len(r.commentsOn(pr.number)), "commits": len(r.objects.exclusive(pr.headSHA, pr.mergeBase)),
		"assignee": nil, "assignees": []any{}, "requested_reviewers": []any{}, "requested_teams": []any{}, "milestone": nil, "auto_merge": nil,
		"review_comments": 0, "additions": additions, "deletions": deletions, "changed_files": len(files),
		"_links": map[string]any{
			"self": link(api), "html": link(fmt.Sprintf("%s/pull/%d", r.htmlURL(), pr.number)), "issue": link(issueAPI),
			"comments": link(issueAPI + "/comments"), "review_comments": link(api + "/comments"),
			"review_comment": link(r.apiURL() + "/pulls/comments{/number}"), "commits": link(api + "/commits"),
			"statuses": link(r.apiURL() + "/statuses/" + pr.headSHA),
		},
	}
}

func link(href string) map[string]any { return map[string]any{"href": href} }

func (r *Repo) pullParam(req *request) *pullRequest {
	n, err := strconv.Atoi(req.param("pull_number"))
	if err != nil {
		return nil
	}
	pr := r.pulls[n]
	if pr != nil {
		r.refresh(pr)
	}
	return pr
}

func handleGetPull(req *request) response {
	pr := req.repo.pullParam(req)
	if pr == nil {
		return notFound()
	}
	return okJSON(req.repo.pullJSON(pr))
}

func handleListPulls(req *request) response {
	req.repo.refreshAll()
	state := req.query.Get("state")
	if state == "" {
		state = "open"
	}
	head, base := req.query.Get("head"), req.query.Get("base")
	var out []map[string]any
	for n := req.repo.nextNum - 1; n >= 1; n-- { // newest first
		pr := req.repo.pulls[n]
		if pr == nil || (state != "all" && pr.state != state) || (base != "" && pr.baseRef != base) {
			continue
		}
		if head != "" && !strings.EqualFold(head, pr.headRepo.owner+":"+pr.headRef) {
			continue
		}
		out = append(out, req.repo.pullJSON(pr))
	}
	return listResponse(req, out)
}

// handlePullsForCommit lists the pull requests a commit belongs to: open ones whose commits
// include it, and merged ones whose merge commit it is or whose commits included it.
func handlePullsForCommit(req *request) response {
	req.repo.refreshAll()
	sha, found := req.repo.resolve(req.param("commit_sha"))
	if !found {
		return validationFailed("No commit found for SHA: " + req.param("commit_sha"))
	}
	var out []map[string]any
	for n := req.repo.nextNum - 1; n >= 1; n-- {
		pr := req.repo.pulls[n]
		if pr == nil {
			continue
		}
		if pr.mergeSHA == sha && pr.merged || containsString(req.repo.objects.exclusive(pr.headSHA, pr.mergeBase), sha) {
			out = append(out, req.repo.pullJSON(pr))
		}
	}
	return listResponse(req, out)
}

func handlePullFiles(req *request) response {
	pr := req.repo.pullParam(req)
	if pr == nil {
		return notFound()
	}
	return listResponse(req, req.repo.diffFiles(pr.mergeBase, pr.headSHA))
}
