package ghsim

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The event payloads are GitHub's own examples (from @octokit/webhooks-examples, see
// generate.go), with the fields a workflow reads replaced by this simulator's state. The
// rest of each example is kept, so code under test also meets the fields it ignores.
//
//go:embed testdata/events/*.json
var eventFiles embed.FS

// exampleRepo is the repository the examples were recorded in.
const exampleRepo = "Codertocat/Hello-World"

func (r *Repo) loadExample(name string) map[string]any {
	data, err := eventFiles.ReadFile("testdata/events/" + name)
	var m map[string]any
	if err == nil {
		err = json.Unmarshal(data, &m)
	}
	if err != nil {
		r.sim.t.Fatalf("ghsim: example event %s: %v", name, err)
	}
	return m
}

// overlay copies src into dst, merging nested objects so that example fields not set by
// the simulator survive.
func overlay(dst, src map[string]any) {
	for k, v := range src {
		sub, isMap := v.(map[string]any)
		prev, prevIsMap := dst[k].(map[string]any)
		if isMap && prevIsMap {
			overlay(prev, sub)
			continue
		}
		dst[k] = v
	}
}

func (r *Repo) finishEvent(m map[string]any) []byte {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		r.sim.t.Fatalf("ghsim: encoding event: %v", err)
	}
	// Whatever still names the example repository (URLs deep in the example) now names ours.
	return []byte(strings.ReplaceAll(string(data), exampleRepo, r.FullName()))
}

func (r *Repo) baseEvent(name, sender string) map[string]any {
	m := r.loadExample(name)
	overlay(m, map[string]any{"repository": r.shortRepoJSON(), "sender": r.sim.userJSON(sender)})
	delete(m, "organization")
	delete(m, "installation")
	return m
}

func (r *Repo) openPull(number string, n int) *pullRequest {
	pr := r.pulls[n]
	if pr == nil {
		r.sim.t.Fatalf("ghsim: %s: %s has no pull request #%d", number, r.FullName(), n)
	}
	r.refresh(pr)
	return pr
}

// PullRequestEvent returns a pull_request event payload for pull request number with the
// given action ("opened", "synchronize", "reopened", "labeled", ...), sent by sender
// ("" for the author). For "labeled" and "unlabeled" pass the label.
func (r *Repo) PullRequestEvent(number int, action, sender, label string) []byte {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	pr := r.openPull("PullRequestEvent", number)
	if sender == "" {
		sender = pr.user
	}
	example := "pull_request.opened.json"
	switch action {
	case "synchronize":
		example = "pull_request.synchronize.json"
	case "labeled", "unlabeled":
		example = "pull_request.labeled.json"
	}
	m := r.baseEvent(example, sender)
	m["action"] = action
	m["number"] = number
	overlay(m, map[string]any{"pull_request": r.pullJSON(pr)})
	if action == "labeled" || action == "unlabeled" {
		m["label"] = r.labelJSON(r.ensureLabel(label))
	} else {
		delete(m, "label")
	}
	if action == "synchronize" {
		c, _ := r.objects.commit(pr.headSHA)
		if len(c.parents) > 0 {
			m["before"] = c.parents[0]
		}
		m["after"] = pr.headSHA
	}
	return r.finishEvent(m)
}

// ReviewEvent returns a pull_request_review "submitted" event for a review added with
// AddReview.
func (r *Repo) ReviewEvent(number int, reviewID int64) []byte {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	pr := r.openPull("ReviewEvent", number)
	var rv *review
	for _, it := range pr.reviews {
		if it.id == reviewID {
			rv = it
		}
	}
	if rv == nil {
		r.sim.t.Fatalf("ghsim: ReviewEvent: #%d has no review %d", number, reviewID)
	}
	m := r.baseEvent("pull_request_review.submitted.json", rv.user)
	m["action"] = "submitted"
	review := r.reviewJSON(pr, rv)
	// Webhooks spell review states in lower case, the REST API in upper case.
	review["state"] = strings.ToLower(rv.state)
	overlay(m, map[string]any{"pull_request": r.pullJSON(pr), "review": review})
	return r.finishEvent(m)
}

// PushEvent returns a push event for branch moving from before ("" for a new branch) to
// its current head, pushed by pusher.
func (r *Repo) PushEvent(branch, before, pusher string) []byte {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	after, found := r.branchHead(branch)
	if !found {
		r.sim.t.Fatalf("ghsim: PushEvent: %s has no branch %q", r.FullName(), branch)
	}
	created := before == ""
	if created {
		before = strings.Repeat("0", 40)
	}
	m := r.baseEvent("push.json", pusher)
	var commits []any
	for _, sha := range r.objects.exclusive(after, strings.Trim(before, "0")) {
		commits = append(commits, r.pushCommitJSON(sha))
	}
	if commits == nil {
		commits = []any{}
	}
	overlay(m, map[string]any{
		"ref": "refs/heads/" + branch, "before": before, "after": after, "base_ref": nil,
		"created": created, "deleted": false, "forced": before != strings.Repeat("0", 40) && !r.objects.isAncestor(before, after),
		"compare": r.htmlURL() + "/compare/" + before[:12] + "..." + after[:12],
		"commits": commits, "head_commit": r.pushCommitJSON(after),
		"pusher": map[string]any{"name": pusher, "email": pusher + "@users.noreply.github.com"},
	})
	return r.finishEvent(m)
}

func (r *Repo) pushCommitJSON(sha string) map[string]any {
	c, _ := r.objects.commit(sha)
	parent := ""
	if len(c.parents) > 0 {
		parent = c.parents[0]
	}
	var added, removed, modified []string
	for _, f := range r.diffFiles(parent, sha) {
		name := f["filename"].(string)
		switch f["status"] {
		case "added":
			added = append(added, name)
		case "removed":
			removed = append(removed, name)
		default:
			modified = append(modified, name)
		}
	}
	person := func(sg signature) map[string]any {
		return map[string]any{"name": sg.Name, "email": sg.Email, "username": sg.Name}
	}
	return map[string]any{
		"id": sha, "tree_id": c.tree, "distinct": true, "message": strings.TrimSuffix(c.message, "\n"),
		"timestamp": stamp(c.committer.When), "url": r.htmlURL() + "/commit/" + sha,
		"author": person(c.author), "committer": person(c.committer),
		"added": nonNil(added), "removed": nonNil(removed), "modified": nonNil(modified),
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WorkflowDispatchEvent returns a workflow_dispatch event on branch with the given inputs.
func (r *Repo) WorkflowDispatchEvent(branch, sender string, inputs map[string]string) []byte {
	r.sim.mu.Lock()
	defer r.sim.mu.Unlock()
	m := r.baseEvent("workflow_dispatch.json", sender)
	in := map[string]any{}
	for k, v := range inputs {
		in[k] = v
	}
	m["inputs"] = in
	m["ref"] = "refs/heads/" + branch
	m["workflow"] = ".github/workflows/stelvio.yml"
	return r.finishEvent(m)
}

// WriteEvent writes a payload to dir/event.json and returns the path, for GITHUB_EVENT_PATH.
func WriteEvent(dir string, payload []byte) (string, error) {
	p := filepath.Join(dir, "event.json")
	if err := os.WriteFile(p, payload, 0o644); err != nil {
		return "", fmt.Errorf("writing the event payload: %w", err)
	}
	return p, nil
}
