package github_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stelvio-action/stelvio-action/internal/ghsim"
	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

const (
	routeListComments  = "GET /repos/{owner}/{repo}/issues/{issue_number}/comments"
	routeCreateComment = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"
	routeUpdateRef     = "PATCH /repos/{owner}/{repo}/git/refs/{ref}"
)

// sleeps records the waits a client asked for instead of sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(_ context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return nil
}

func (s *sleeps) list() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

type fixture struct {
	sim    *ghsim.Sim
	repo   *ghsim.Repo
	pr     int
	client *github.Client
	slept  *sleeps
	ctx    context.Context
}

func newFixture(t *testing.T, token string) *fixture {
	t.Helper()
	sim := ghsim.New(t)
	repo := sim.Repo("octo", "app")
	repo.Push("main", "initial", ghsim.Files{"stlv_app.py": "app = 1\n"})
	repo.Push("feature", "change", ghsim.Files{"api/handler.py": "def h(): pass\n"})
	pr := repo.OpenPR(ghsim.PR{Head: "feature", User: "alice"})
	f := &fixture{sim: sim, repo: repo, pr: pr, slept: &sleeps{}}
	f.client = f.newClient(t, token, github.RetryPolicy{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	f.ctx = ctx
	return f
}

func (f *fixture) newClient(t *testing.T, token string, policy github.RetryPolicy) *github.Client {
	t.Helper()
	policy.Sleep = f.slept.sleep
	c, err := github.New(github.Config{Token: token, APIURL: f.sim.URL() + "api/v3", Owner: "octo", Repo: "app", Retry: policy})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCommentsReadsEveryPage(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	for i := range 145 {
		f.repo.AddComment(f.pr, "bob", fmt.Sprintf("comment %d", i))
	}
	comments, err := f.client.Comments(f.ctx, f.pr)
	if err != nil {
		t.Fatal(err)
	}
	if len(comments) != 145 || comments[144].Body != "comment 144" || comments[0].Author != "bob" {
		t.Fatalf("got %d comments, last %+v", len(comments), comments[len(comments)-1])
	}
	if n := f.sim.RouteCalls(routeListComments); n != 2 {
		t.Errorf("listing 145 comments took %d calls, want 2 pages of 100:\n%s", n, f.sim.CallLog())
	}
}

func TestServerErrorsAreRetriedWithBackoff(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	f.sim.Fail(http.MethodGet, "/repos/{owner}/{repo}/issues/{issue_number}/comments", 2, ghsim.ServerError(502))
	if _, err := f.client.Comments(f.ctx, f.pr); err != nil {
		t.Fatal(err)
	}
	if got := f.slept.list(); len(got) != 2 || got[0] != time.Second || got[1] != 2*time.Second {
		t.Errorf("waits %v, want [1s 2s]", got)
	}
	if n := f.sim.RouteCalls(routeListComments); n != 3 {
		t.Errorf("%d calls, want 3", n)
	}
}

func TestServerErrorsGiveUpAfterMaxRetries(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	f.sim.Fail(http.MethodGet, "/repos/{owner}/{repo}/issues/{issue_number}/comments", 0, ghsim.ServerError(503))
	_, err := f.client.Comments(f.ctx, f.pr)
	if !errors.Is(err, github.ErrServer) {
		t.Fatalf("err = %v, want a server error", err)
	}
	if n := f.sim.RouteCalls(routeListComments); n != 5 {
		t.Errorf("%d calls, want 1 + 4 retries", n)
	}
}

func TestCreateCommentIsNotRepeatedAfterServerError(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	f.sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/issues/{issue_number}/comments", ghsim.ServerError(502))
	_, err := f.client.CreateComment(f.ctx, f.pr, "hello")
	if !errors.Is(err, github.ErrServer) {
		t.Fatalf("err = %v, want a server error", err)
	}
	if n := f.sim.RouteCalls(routeCreateComment); n != 1 {
		t.Errorf("%d create calls, want 1: a second could duplicate the comment", n)
	}
}

func TestSecondaryRateLimitHonoursRetryAfter(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	f.sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/issues/{issue_number}/comments", ghsim.SecondaryRateLimit(7*time.Second))
	c, err := f.client.CreateComment(f.ctx, f.pr, "hello")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.slept.list(); len(got) != 1 || got[0] != 7*time.Second {
		t.Errorf("waits %v, want [7s]", got)
	}
	if comments := f.repo.Comments(f.pr); len(comments) != 1 || comments[0].ID != c.ID {
		t.Errorf("comments %+v, want exactly the one created", comments)
	}
}

func TestSecondaryRateLimitWithoutRetryAfterWaitsAMinute(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	limit := ghsim.SecondaryRateLimit(0)
	limit.Header = nil
	f.sim.FailNext(http.MethodGet, "", limit)
	if _, err := f.client.PullRequest(f.ctx, f.pr); err != nil {
		t.Fatal(err)
	}
	if got := f.slept.list(); len(got) != 1 || got[0] != time.Minute {
		t.Errorf("waits %v, want [1m0s]", got)
	}
}

func TestPrimaryRateLimitWaitsUntilReset(t *testing.T) {
	for _, status := range []int{http.StatusForbidden, http.StatusTooManyRequests} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			f := newFixture(t, ghsim.WriteToken)
			f.sim.FailNext(http.MethodGet, "", ghsim.PrimaryRateLimit(status, 30*time.Second))
			if _, err := f.client.PullRequest(f.ctx, f.pr); err != nil {
				t.Fatal(err)
			}
			got := f.slept.list()
			if len(got) != 1 || got[0] < 29*time.Second || got[0] > 32*time.Second {
				t.Errorf("waits %v, want about 31s (reset + 1s)", got)
			}
		})
	}
}

func TestRateLimitBeyondTheWaitBudgetFailsAtOnce(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	f.sim.FailNext(http.MethodGet, "", ghsim.PrimaryRateLimit(http.StatusForbidden, time.Hour))
	_, err := f.client.PullRequest(f.ctx, f.pr)
	if !errors.Is(err, github.ErrRateLimited) || errors.Is(err, github.ErrForbidden) {
		t.Fatalf("err = %v, want a rate limit error (and not a permission error)", err)
	}
	if !strings.Contains(err.Error(), "exceed the 2m0s this run waits") {
		t.Errorf("err = %q, want it to say why it stopped waiting", err)
	}
	if got := f.slept.list(); len(got) != 0 {
		t.Errorf("waits %v, want none", got)
	}
}

func TestWaitBudgetIsSharedByAllCalls(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	c := f.newClient(t, ghsim.WriteToken, github.RetryPolicy{MaxWait: 10 * time.Second})
	f.sim.FailNext(http.MethodGet, "", ghsim.SecondaryRateLimit(6*time.Second))
	if _, err := c.PullRequest(f.ctx, f.pr); err != nil {
		t.Fatal(err)
	}
	f.sim.FailNext(http.MethodGet, "", ghsim.SecondaryRateLimit(6*time.Second))
	if _, err := c.PullRequest(f.ctx, f.pr); !errors.Is(err, github.ErrRateLimited) {
		t.Fatalf("second wait of 6s within a 10s budget: err = %v, want rate limited", err)
	}
}

func TestReadOnlyTokenIsForbidden(t *testing.T) {
	f := newFixture(t, ghsim.ReadOnlyToken)
	_, err := f.client.CreateComment(f.ctx, f.pr, "hello")
	if !errors.Is(err, github.ErrForbidden) || errors.Is(err, github.ErrRateLimited) {
		t.Fatalf("err = %v, want forbidden", err)
	}
	if got := f.slept.list(); len(got) != 0 {
		t.Errorf("a permission error was retried: waits %v", got)
	}
}

func TestUpdateDeletedCommentIsNotFound(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	id := f.repo.AddComment(f.pr, ghsim.BotLogin, "x")
	f.repo.DeleteComment(id)
	if _, err := f.client.UpdateComment(f.ctx, id, "y"); !errors.Is(err, github.ErrNotFound) {
		t.Fatalf("err = %v, want not found", err)
	}
}

func TestPullRequest(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	f.repo.AddLabels(f.pr, "bug")
	p, err := f.client.PullRequest(f.ctx, f.pr)
	if err != nil {
		t.Fatal(err)
	}
	want := f.repo.PullRequest(f.pr)
	if p.HeadSHA != want.HeadSHA || p.BaseSHA != want.BaseSHA || p.HeadRef != "feature" || p.HeadRepo != "octo/app" ||
		p.BaseRepo != "octo/app" || p.Author != "alice" || len(p.Labels) != 1 || p.Labels[0] != "bug" {
		t.Errorf("got %+v, want %+v", p, want)
	}
	prs, err := f.client.OpenPullRequests(f.ctx, "octo", "feature")
	if err != nil || len(prs) != 1 || prs[0].Number != f.pr {
		t.Errorf("open PRs from octo:feature = %+v, %v", prs, err)
	}
}

func TestLabels(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	if err := f.client.AddLabels(f.ctx, f.pr, "stelvio:env-changed", "stelvio:iam-broadened"); err != nil {
		t.Fatal(err)
	}
	if err := f.client.RemoveLabel(f.ctx, f.pr, "stelvio:env-changed"); err != nil {
		t.Fatal(err)
	}
	if err := f.client.RemoveLabel(f.ctx, f.pr, "stelvio:env-changed"); err != nil {
		t.Errorf("removing a label already gone: %v", err)
	}
	if got := f.repo.Labels(f.pr); len(got) != 1 || got[0] != "stelvio:iam-broadened" {
		t.Errorf("labels %v", got)
	}
}

func TestReviewsAndPermission(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	f.repo.SetPermission("carol", "maintain")
	f.repo.SetPermission("dave", "triage")
	f.repo.AddReview(f.pr, ghsim.Review{User: "carol", State: "APPROVED"})
	reviews, err := f.client.Reviews(f.ctx, f.pr)
	if err != nil || len(reviews) != 1 || reviews[0].User != "carol" || reviews[0].State != "APPROVED" ||
		reviews[0].CommitID != f.repo.PullRequest(f.pr).HeadSHA {
		t.Fatalf("reviews %+v, %v", reviews, err)
	}
	for login, want := range map[string]string{"carol": "write", "dave": "read", "octo": "admin", "nobody": "read"} {
		if got, err := f.client.Permission(f.ctx, login); err != nil || got != want {
			t.Errorf("Permission(%s) = %q, %v; want %q", login, got, err, want)
		}
	}
}

func TestCheckRuns(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	head := f.repo.PullRequest(f.pr).HeadSHA
	run, err := f.client.CreateCheckRun(f.ctx, github.CheckRun{Name: "stelvio/links", HeadSHA: head, Conclusion: "failure",
		ExternalID: "v1 x", Title: "1 stale file", Summary: "sum"})
	if err != nil {
		t.Fatal(err)
	}
	run.Conclusion, run.Title = "success", "in sync"
	if _, err := f.client.UpdateCheckRun(f.ctx, run); err != nil {
		t.Fatal(err)
	}
	runs, err := f.client.CheckRuns(f.ctx, head)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].ID != run.ID || runs[0].Conclusion != "success" || runs[0].ExternalID != "v1 x" ||
		runs[0].Title != "in sync" || runs[0].Summary != "sum" || runs[0].Status != "completed" {
		t.Errorf("runs %+v", runs)
	}
}

func TestGitData(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	f.repo.Push("feature", "more", ghsim.Files{"api/stlv_resources.py": "old\n", "api/gone/stlv_resources.py": "x\n"})
	head := f.repo.Branch("feature")
	entries, truncated, err := f.client.Tree(f.ctx, head)
	if err != nil || truncated {
		t.Fatal(err, truncated)
	}
	var blob string
	for _, e := range entries {
		if e.Path == "api/stlv_resources.py" {
			blob = e.SHA
		}
	}
	if data, err := f.client.Blob(f.ctx, blob); err != nil || string(data) != "old\n" {
		t.Fatalf("blob = %q, %v", data, err)
	}
	parent, err := f.client.Commit(f.ctx, head)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := f.client.CreateTree(f.ctx, parent.Tree, []github.FileWrite{
		{Path: "api/stlv_resources.py", Content: "new\n"}, {Path: "api/gone/stlv_resources.py", Delete: true}})
	if err != nil {
		t.Fatal(err)
	}
	commit, err := f.client.CreateCommit(f.ctx, "regenerate\n\nStelvio-Action-Input: abc\n", tree, []string{head})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.client.FastForward(f.ctx, "feature", commit.SHA); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.repo.File("feature", "api/stlv_resources.py"); got != "new\n" {
		t.Errorf("file after commit = %q", got)
	}
	if _, found := f.repo.File("feature", "api/gone/stlv_resources.py"); found {
		t.Error("deleted file still there")
	}
	if got, err := f.client.Branch(f.ctx, "feature"); err != nil || got != commit.SHA {
		t.Errorf("branch = %s, %v", got, err)
	}
	// The branch moved on: the old commit is no fast forward any more.
	f.repo.Push("feature", "someone else", ghsim.Files{"b.py": "\n"})
	if err := f.client.FastForward(f.ctx, "feature", commit.SHA); !errors.Is(err, github.ErrConflict) {
		t.Errorf("stale fast forward: err = %v, want conflict", err)
	}
	f.sim.FailNext(http.MethodPatch, routeUpdateRef[len("PATCH "):], ghsim.RefConflict())
	if err := f.client.FastForward(f.ctx, "feature", f.repo.Branch("feature")); !errors.Is(err, github.ErrConflict) {
		t.Errorf("409: err = %v, want conflict", err)
	}
}

func TestBranchNamesWithSlashes(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	sha := f.repo.Push("feat/x", "c", ghsim.Files{"a.py": "\n"})
	if got, err := f.client.Branch(f.ctx, "feat/x"); err != nil || got != sha {
		t.Fatalf("Branch(feat/x) = %s, %v", got, err)
	}
	next := f.repo.Commit(sha, "d", ghsim.Files{"b.py": "\n"})
	if err := f.client.FastForward(f.ctx, "feat/x", next); err != nil {
		t.Fatal(err)
	}
	if f.repo.Branch("feat/x") != next {
		t.Error("branch did not move")
	}
}

func TestMergeBase(t *testing.T) {
	f := newFixture(t, ghsim.WriteToken)
	forked := f.repo.Branch("feature")
	f.repo.Push("feature", "more", ghsim.Files{"api/more.py": "\n"})
	f.repo.Push("main", "main moves on", ghsim.Files{"other.py": "\n"})
	if got, err := f.client.MergeBase(f.ctx, f.repo.Branch("main"), f.repo.Branch("feature")); err != nil || got != f.repo.Parents(forked)[0] {
		t.Errorf("MergeBase = %s, %v; want where feature left main, %s", got, err, f.repo.Parents(forked)[0])
	}
	orphan := f.repo.Commit("", "unrelated", ghsim.Files{"x": "\n"})
	if _, err := f.client.MergeBase(f.ctx, f.repo.Branch("main"), orphan); !errors.Is(err, github.ErrNotFound) || !strings.Contains(err.Error(), "No common ancestor") {
		t.Errorf("unrelated histories: err = %v, want GitHub's 404", err)
	}
}
