package ghsim_test

import (
	"net/http"
	"testing"

	"github.com/google/go-github/v62/github"
	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

func TestPullRequestFieldsAndTestMergeCommit(t *testing.T) {
	f := newFixture(t)
	f.repo.AddLabels(f.pr, "stelvio:env-changed")
	pr, _, err := f.gh.PullRequests.Get(f.ctx, "octo", "app", f.pr)
	if err != nil {
		t.Fatal(err)
	}
	state := f.repo.PullRequest(f.pr)
	if pr.GetHead().GetSHA() != f.repo.Branch("feature") || pr.GetBase().GetSHA() != f.repo.Branch("main") ||
		pr.GetHead().GetRef() != "feature" || pr.GetHead().GetRepo().GetFullName() != "octo/app" || pr.GetUser().GetLogin() != "alice" ||
		len(pr.Labels) != 1 || pr.Labels[0].GetName() != "stelvio:env-changed" || pr.GetMerged() {
		t.Fatalf("pull request: %+v", pr)
	}
	// The test merge commit has base and head as parents and both sides' files.
	merge := pr.GetMergeCommitSHA()
	if merge == "" || merge != state.MergeCommitSHA {
		t.Fatalf("merge commit %q, state %q", merge, state.MergeCommitSHA)
	}
	c, _, err := f.gh.Git.GetCommit(f.ctx, "octo", "app", merge)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Parents) != 2 || c.Parents[0].GetSHA() != state.BaseSHA || c.Parents[1].GetSHA() != state.HeadSHA {
		t.Fatalf("merge parents: %+v", c.Parents)
	}
	for _, p := range []string{"stlv_app.py", "functions/a.py", "functions/b.py"} {
		if _, ok := f.repo.File(merge, p); !ok {
			t.Errorf("%s missing from the test merge commit", p)
		}
	}
	// A push to the base branch moves the merge commit, not the head.
	f.repo.Push("main", "base moves", ghsim.Files{"README.md": "hi\n"})
	again, _, err := f.gh.PullRequests.Get(f.ctx, "octo", "app", f.pr)
	if err != nil {
		t.Fatal(err)
	}
	if again.GetHead().GetSHA() != state.HeadSHA || again.GetMergeCommitSHA() == merge {
		t.Fatalf("after a base push: head %s merge %s", again.GetHead().GetSHA(), again.GetMergeCommitSHA())
	}
	if _, ok := f.repo.File(again.GetMergeCommitSHA(), "README.md"); !ok {
		t.Fatal("the new merge commit lacks the base's new file")
	}
}

func TestForkPullRequest(t *testing.T) {
	f := newFixture(t)
	fork := f.repo.Fork("mallory")
	fork.Push("evil", "from a fork", ghsim.Files{"stlv_app.py": "app = 2\n"})
	n := f.repo.OpenPR(ghsim.PR{Head: "evil", HeadRepo: fork})
	pr, _, err := f.gh.PullRequests.Get(f.ctx, "octo", "app", n)
	if err != nil {
		t.Fatal(err)
	}
	if pr.GetHead().GetRepo().GetFullName() != "mallory/app" || !pr.GetHead().GetRepo().GetFork() || pr.GetUser().GetLogin() != "mallory" || pr.GetHead().GetLabel() != "mallory:evil" {
		t.Fatalf("fork pull request head: %+v", pr.GetHead())
	}
	// The fork's commit is readable from the base repository, as on GitHub.
	fc, _, _, err := f.gh.Repositories.GetContents(f.ctx, "octo", "app", "stlv_app.py", &github.RepositoryContentGetOptions{Ref: pr.GetHead().GetSHA()})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := fc.GetContent(); got != "app = 2\n" {
		t.Fatalf("fork file = %q", got)
	}
	// Pushing to the fork's branch with the base repository's token is not possible.
	_, resp, err := f.gh.Git.GetRef(f.ctx, "octo", "app", "heads/evil")
	if err == nil || resp.StatusCode != http.StatusNotFound {
		t.Fatalf("the fork's branch exists in the base repository: %v", err)
	}
}

func TestMergeReviewsPermissionsAndPullsForCommit(t *testing.T) {
	f := newFixture(t)
	f.repo.SetPermission("bob", "write")
	f.repo.SetPermission("carol", "triage")
	f.repo.AddReview(f.pr, ghsim.Review{User: "bob", State: "APPROVED"})
	f.repo.AddReview(f.pr, ghsim.Review{User: "carol", State: "CHANGES_REQUESTED"})
	reviews, _, err := f.gh.PullRequests.ListReviews(f.ctx, "octo", "app", f.pr, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(reviews) != 2 || reviews[0].GetState() != "APPROVED" || reviews[0].GetUser().GetLogin() != "bob" ||
		reviews[0].GetCommitID() != f.repo.Branch("feature") || reviews[0].SubmittedAt == nil {
		t.Fatalf("reviews: %+v", reviews)
	}
	for login, want := range map[string]string{"bob": "write", "carol": "read", "octo": "admin", "stranger": "read"} {
		perm, _, err := f.gh.Repositories.GetPermissionLevel(f.ctx, "octo", "app", login)
		if err != nil {
			t.Fatal(err)
		}
		if perm.GetPermission() != want {
			t.Errorf("%s: permission %q, want %q", login, perm.GetPermission(), want)
		}
	}
	head := f.repo.Branch("feature")
	merge := f.repo.MergePR(f.pr, "bob")
	if f.repo.Branch("main") != merge {
		t.Fatal("merging did not move main")
	}
	for _, sha := range []string{merge, head} {
		prs, _, err := f.gh.PullRequests.ListPullRequestsWithCommit(f.ctx, "octo", "app", sha, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(prs) != 1 || prs[0].GetNumber() != f.pr || !prs[0].GetMerged() || prs[0].GetMergeCommitSHA() != merge {
			t.Fatalf("pulls for %s: %+v", sha, prs)
		}
	}
}

func TestBranchCommitAndCompare(t *testing.T) {
	f := newFixture(t)
	main, feature := f.repo.Branch("main"), f.repo.Branch("feature")
	b, _, err := f.gh.Repositories.GetBranch(f.ctx, "octo", "app", "feature", 0)
	if err != nil {
		t.Fatal(err)
	}
	if b.GetCommit().GetSHA() != feature {
		t.Fatalf("branch head %s, want %s", b.GetCommit().GetSHA(), feature)
	}
	c, _, err := f.gh.Repositories.GetCommit(f.ctx, "octo", "app", feature, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.GetSHA() != feature || len(c.Parents) != 1 || c.Parents[0].GetSHA() != main || len(c.Files) != 1 || c.Files[0].GetFilename() != "functions/b.py" || c.Files[0].GetStatus() != "added" {
		t.Fatalf("commit: %+v files %+v", c, c.Files)
	}
	f.repo.Push("main", "diverge", ghsim.Files{"x": "y"})
	for _, tc := range []struct{ base, head, status string }{
		{main, feature, "ahead"}, {feature, main, "behind"}, {feature, feature, "identical"}, {"main", "feature", "diverged"},
	} {
		cmp, _, err := f.gh.Repositories.CompareCommits(f.ctx, "octo", "app", tc.base, tc.head, nil)
		if err != nil {
			t.Fatal(err)
		}
		if cmp.GetStatus() != tc.status {
			t.Errorf("compare %s...%s = %s, want %s", tc.base, tc.head, cmp.GetStatus(), tc.status)
		}
	}
	// A branch name with a slash, escaped by go-github.
	f.repo.Push("release/1", "release", nil)
	if _, _, err := f.gh.Repositories.GetBranch(f.ctx, "octo", "app", "release/1", 0); err != nil {
		t.Fatal(err)
	}
}

func TestLabels(t *testing.T) {
	f := newFixture(t)
	if _, _, err := f.gh.Issues.CreateLabel(f.ctx, "octo", "app", &github.Label{Name: github.String("stelvio:iam-broadened"), Color: github.String("d73a4a")}); err != nil {
		t.Fatal(err)
	}
	_, resp, err := f.gh.Issues.CreateLabel(f.ctx, "octo", "app", &github.Label{Name: github.String("stelvio:iam-broadened"), Color: github.String("d73a4a")})
	if err == nil || resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("duplicate label: %v", err)
	}
	// go-github v62 sends a bare array to add or set labels; the description (23.0.2) only
	// allows {"labels": [...]}, so clients must send that object (TestLabelsAsBareArray).
	labelsReq := func(method string, names ...string) {
		req, err := f.gh.NewRequest(method, "repos/octo/app/issues/1/labels", map[string][]string{"labels": names})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.gh.Do(f.ctx, req, nil); err != nil {
			t.Fatal(err)
		}
	}
	labelsReq("POST", "stelvio:iam-broadened", "stelvio:env-changed")
	if _, err := f.gh.Issues.RemoveLabelForIssue(f.ctx, "octo", "app", f.pr, "stelvio:iam-broadened"); err != nil {
		t.Fatal(err)
	}
	got, _, err := f.gh.Issues.ListLabelsByIssue(f.ctx, "octo", "app", f.pr, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].GetName() != "stelvio:env-changed" {
		t.Fatalf("labels: %+v", got)
	}
	if _, err := f.gh.Issues.RemoveLabelForIssue(f.ctx, "octo", "app", f.pr, "stelvio:iam-broadened"); err == nil {
		t.Fatal("removing a label the issue does not have succeeded")
	}
	labelsReq("PUT", "a")
	if got := f.repo.Labels(f.pr); len(got) != 1 || got[0] != "a" {
		t.Fatalf("after replace: %v", got)
	}
}

func TestLabelsAsBareArrayAreReported(t *testing.T) {
	rec := &recorder{TB: t}
	f := newFixture(rec)
	if _, _, err := f.gh.Issues.AddLabelsToIssue(f.ctx, "octo", "app", f.pr, []string{"x"}); err != nil {
		t.Fatal(err)
	}
	if got := f.repo.Labels(f.pr); len(got) != 1 || got[0] != "x" {
		t.Fatalf("labels: %v", got)
	}
	if len(rec.reports()) != 1 {
		t.Fatalf("reports: %q", rec.reports())
	}
}
