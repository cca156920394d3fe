package ghsim_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-github/v62/github"
	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

func TestPullRequestEventDescribesTheSimulatedPullRequest(t *testing.T) {
	f := newFixture(t)
	fork := f.repo.Fork("mallory")
	fork.Push("evil", "x", ghsim.Files{"a": "b"})
	n := f.repo.OpenPR(ghsim.PR{Head: "evil", HeadRepo: fork})
	for _, action := range []string{"opened", "synchronize", "labeled"} {
		raw := f.repo.PullRequestEvent(n, action, "", "stelvio:approve")
		if strings.Contains(string(raw), "Codertocat/Hello-World") {
			t.Fatalf("%s: the example repository is still named", action)
		}
		var ev github.PullRequestEvent
		if err := json.Unmarshal(raw, &ev); err != nil {
			t.Fatal(err)
		}
		state := f.repo.PullRequest(n)
		if ev.GetAction() != action || ev.GetNumber() != n || ev.GetRepo().GetFullName() != "octo/app" ||
			ev.GetPullRequest().GetHead().GetSHA() != state.HeadSHA || ev.GetPullRequest().GetHead().GetRepo().GetFullName() != "mallory/app" ||
			ev.GetPullRequest().GetBase().GetSHA() != state.BaseSHA || ev.GetPullRequest().GetMergeCommitSHA() != state.MergeCommitSHA ||
			ev.GetSender().GetLogin() != "mallory" {
			t.Fatalf("%s event: %s", action, raw)
		}
		if (action == "labeled") != (ev.GetLabel().GetName() == "stelvio:approve") {
			t.Fatalf("%s: label %q", action, ev.GetLabel().GetName())
		}
	}
}

func TestReviewPushAndDispatchEvents(t *testing.T) {
	f := newFixture(t)
	id := f.repo.AddReview(f.pr, ghsim.Review{User: "bob", State: "APPROVED"})
	var rev github.PullRequestReviewEvent
	if err := json.Unmarshal(f.repo.ReviewEvent(f.pr, id), &rev); err != nil {
		t.Fatal(err)
	}
	if rev.GetReview().GetState() != "approved" || rev.GetReview().GetUser().GetLogin() != "bob" || rev.GetPullRequest().GetNumber() != f.pr {
		t.Fatalf("review event: %+v", rev.GetReview())
	}

	before := f.repo.Branch("main")
	merge := f.repo.MergePR(f.pr, "bob")
	var push github.PushEvent
	if err := json.Unmarshal(f.repo.PushEvent("main", before, "bob"), &push); err != nil {
		t.Fatal(err)
	}
	if push.GetRef() != "refs/heads/main" || push.GetBefore() != before || push.GetAfter() != merge || push.GetHeadCommit().GetID() != merge || len(push.Commits) != 2 {
		t.Fatalf("push event: ref %s before %s after %s commits %d", push.GetRef(), push.GetBefore(), push.GetAfter(), len(push.Commits))
	}

	var dispatch github.WorkflowDispatchEvent
	raw := f.repo.WorkflowDispatchEvent("main", "bob", map[string]string{"environment": "staging"})
	if err := json.Unmarshal(raw, &dispatch); err != nil {
		t.Fatal(err)
	}
	var inputs map[string]string
	_ = json.Unmarshal(dispatch.Inputs, &inputs)
	if dispatch.GetRef() != "refs/heads/main" || inputs["environment"] != "staging" || dispatch.GetRepo().GetFullName() != "octo/app" {
		t.Fatalf("dispatch event: %s", raw)
	}
	path, err := ghsim.WriteEvent(t.TempDir(), raw)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(path); err != nil || string(data) != string(raw) {
		t.Fatalf("WriteEvent: %v", err)
	}
}
