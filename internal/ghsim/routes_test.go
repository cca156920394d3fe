package ghsim_test

import (
	"testing"

	"github.com/google/go-github/v62/github"
)

// TestRemainingRoutes drives the operations the other tests do not, so that every served
// operation has its request and response checked against the description at least once.
func TestRemainingRoutes(t *testing.T) {
	f := newFixture(t)
	o, r := "octo", "app"
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	repo, _, err := f.gh.Repositories.Get(f.ctx, o, r)
	must("get repo", err)
	if repo.GetDefaultBranch() != "main" || repo.GetFullName() != "octo/app" {
		t.Fatalf("repo: %+v", repo)
	}
	prs, _, err := f.gh.PullRequests.List(f.ctx, o, r, &github.PullRequestListOptions{Head: "octo:feature"})
	must("list pulls", err)
	if len(prs) != 1 || prs[0].GetNumber() != f.pr {
		t.Fatalf("pulls for head octo:feature: %d", len(prs))
	}
	files, _, err := f.gh.PullRequests.ListFiles(f.ctx, o, r, f.pr, nil)
	must("list files", err)
	if len(files) != 1 || files[0].GetFilename() != "functions/b.py" || files[0].GetAdditions() != 1 {
		t.Fatalf("pull request files: %+v", files)
	}
	issue, _, err := f.gh.Issues.Get(f.ctx, o, r, f.pr)
	must("get issue", err)
	if !issue.IsPullRequest() {
		t.Fatal("the pull request's issue does not say it is one")
	}
	f.repo.CreateLabel("bug", "d73a4a", "broken")
	label, _, err := f.gh.Issues.GetLabel(f.ctx, o, r, "bug")
	must("get label", err)
	labels, _, err := f.gh.Issues.ListLabels(f.ctx, o, r, nil)
	must("list labels", err)
	if label.GetDescription() != "broken" || len(labels) != 1 {
		t.Fatalf("label %+v, %d labels", label, len(labels))
	}
	run, _, err := f.gh.Checks.CreateCheckRun(f.ctx, o, r, github.CreateCheckRunOptions{Name: "c", HeadSHA: f.repo.Branch("main")})
	must("create check run", err)
	got, _, err := f.gh.Checks.GetCheckRun(f.ctx, o, r, run.GetID())
	must("get check run", err)
	if got.GetStatus() != "queued" {
		t.Fatalf("new check run status %q", got.GetStatus())
	}
	blob, _, err := f.gh.Git.CreateBlob(f.ctx, o, r, &github.Blob{Content: github.String("plain text\n"), Encoding: github.String("utf-8")})
	must("create blob", err)
	read, _, err := f.gh.Git.GetBlobRaw(f.ctx, o, r, blob.GetSHA())
	must("get blob raw", err)
	b, _, err := f.gh.Git.GetBlob(f.ctx, o, r, blob.GetSHA())
	must("get blob", err)
	if string(read) != "plain text\n" || b.GetEncoding() != "base64" || b.GetSize() != len("plain text\n") {
		t.Fatalf("raw blob %q, blob %+v", read, b)
	}
	_, _, err = f.gh.Git.CreateRef(f.ctx, o, r, &github.Reference{Ref: github.String("refs/heads/topic"), Object: &github.GitObject{SHA: github.String(f.repo.Branch("main"))}})
	must("create ref", err)
	refs, _, err := f.gh.Git.ListMatchingRefs(f.ctx, o, r, &github.ReferenceListOptions{Ref: "heads/"})
	must("matching refs", err)
	if len(refs) != 3 {
		t.Fatalf("branches: %d, want main, feature, topic", len(refs))
	}
	_, err = f.gh.Git.DeleteRef(f.ctx, o, r, "heads/topic")
	must("delete ref", err)
	if f.repo.Branch("topic") != "" {
		t.Fatal("deleted branch still there")
	}
	id := f.repo.AddDeployment(f.repo.Branch("main"), "main", "staging", "failure")
	d, _, err := f.gh.Repositories.GetDeployment(f.ctx, o, r, id)
	must("get deployment", err)
	if d.GetEnvironment() != "staging" {
		t.Fatalf("deployment: %+v", d)
	}
	_, dir, _, err := f.gh.Repositories.GetContents(f.ctx, o, r, "functions", &github.RepositoryContentGetOptions{Ref: "feature"})
	must("list directory", err)
	if len(dir) != 2 || dir[0].GetName() != "a.py" || dir[1].GetName() != "b.py" {
		t.Fatalf("directory listing: %d entries", len(dir))
	}
}
