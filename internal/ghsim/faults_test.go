package ghsim_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

const listComments = "/repos/{owner}/{repo}/issues/{issue_number}/comments"

func listOnce(f *fixture) (*github.Response, error) {
	_, resp, err := f.gh.Issues.ListComments(f.ctx, "octo", "app", f.pr, nil)
	return resp, err
}

func TestServerErrorThenRecovery(t *testing.T) {
	f := newFixture(t)
	f.sim.Fail("GET", listComments, 2, ghsim.ServerError(http.StatusBadGateway))
	for i := range 2 {
		resp, err := listOnce(f)
		if err == nil || resp.StatusCode != http.StatusBadGateway {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if _, err := listOnce(f); err != nil {
		t.Fatalf("third call: %v", err)
	}
	calls := f.sim.Calls()
	if calls[0].Fault != "server error" || calls[2].Fault != "" {
		t.Fatalf("call log:\n%s", f.sim.CallLog())
	}
}

func TestSecondaryRateLimitIsSeenAsAbuseError(t *testing.T) {
	f := newFixture(t)
	f.sim.FailNext("POST", "/repos/octo/app/issues/*/comments", ghsim.SecondaryRateLimit(3*time.Second))
	_, _, err := f.gh.Issues.CreateComment(f.ctx, "octo", "app", f.pr, &github.IssueComment{Body: github.String("x")})
	var abuse *github.AbuseRateLimitError
	if !errors.As(err, &abuse) || abuse.RetryAfter == nil || *abuse.RetryAfter != 3*time.Second {
		t.Fatalf("secondary rate limit: %#v", err)
	}
	if len(f.repo.Comments(f.pr)) != 0 {
		t.Fatal("a rate-limited request changed state")
	}
}

func TestPrimaryRateLimit403IsSeenAsRateLimitError(t *testing.T) {
	f := newFixture(t)
	f.sim.FailNext("", "", ghsim.PrimaryRateLimit(http.StatusForbidden, 2*time.Second))
	_, err := listOnce(f)
	var rl *github.RateLimitError
	if !errors.As(err, &rl) || rl.Rate.Remaining != 0 || time.Until(rl.Rate.Reset.Time) > 3*time.Second || rl.Rate.Reset.Before(time.Now().Add(-time.Second)) {
		t.Fatalf("primary rate limit: %#v", err)
	}
}

func TestPrimaryRateLimit429CarriesResetHeaders(t *testing.T) {
	f := newFixture(t)
	f.sim.FailNext("GET", "", ghsim.PrimaryRateLimit(http.StatusTooManyRequests, time.Second))
	resp, err := listOnce(f)
	if err == nil || resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("X-RateLimit-Remaining") != "0" || resp.Header.Get("X-RateLimit-Reset") == "" {
		t.Fatalf("429: %v %v", resp.Header, err)
	}
}

func TestRefConflictAndForcedNotFastForward(t *testing.T) {
	f := newFixture(t)
	f.sim.FailNext("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}", ghsim.RefConflict())
	f.sim.FailNext("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}", ghsim.NotFastForward())
	for _, want := range []int{http.StatusConflict, http.StatusUnprocessableEntity} {
		_, err := commitBack(t, f, "feature", "gen.py", "x")
		var ghErr *github.ErrorResponse
		if !errors.As(err, &ghErr) || ghErr.Response.StatusCode != want {
			t.Fatalf("want %d, got %v", want, err)
		}
	}
	if _, err := commitBack(t, f, "feature", "gen.py", "x"); err != nil {
		t.Fatal(err)
	}
}

func TestReadOnlyTokenCannotWrite(t *testing.T) {
	f := newFixture(t)
	ro := f.sim.Client(ghsim.ReadOnlyToken)
	if _, _, err := ro.PullRequests.Get(f.ctx, "octo", "app", f.pr); err != nil {
		t.Fatalf("read with a read-only token: %v", err)
	}
	_, resp, err := ro.Issues.CreateComment(f.ctx, "octo", "app", f.pr, &github.IssueComment{Body: github.String("x")})
	var ghErr *github.ErrorResponse
	if !errors.As(err, &ghErr) || resp.StatusCode != http.StatusForbidden || ghErr.Message != "Resource not accessible by integration" {
		t.Fatalf("write with a read-only token: %v", err)
	}
	_, _, err = ro.Checks.CreateCheckRun(f.ctx, "octo", "app", github.CreateCheckRunOptions{Name: "x", HeadSHA: f.repo.Branch("feature")})
	if !errors.As(err, &ghErr) || ghErr.Response.StatusCode != http.StatusForbidden {
		t.Fatalf("check run with a read-only token: %v", err)
	}
	// A write token can still be refused once, on demand.
	f.sim.FailNext("POST", "", ghsim.NotAccessible())
	_, _, err = f.gh.Issues.CreateComment(f.ctx, "octo", "app", f.pr, &github.IssueComment{Body: github.String("x")})
	if !errors.As(err, &ghErr) || ghErr.Response.StatusCode != http.StatusForbidden {
		t.Fatalf("forced 403: %v", err)
	}
	calls := f.sim.Calls()
	if calls[0].Token != ghsim.ReadOnlyToken || calls[len(calls)-1].Token != ghsim.WriteToken {
		t.Fatalf("tokens recorded: %q, %q", calls[0].Token, calls[len(calls)-1].Token)
	}
	bad := f.sim.Client("ghp_unknown")
	if _, resp, err := bad.PullRequests.Get(f.ctx, "octo", "app", f.pr); err == nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("unknown token: %v", err)
	}
}

func TestCommentDeletedJustBeforeTheEdit(t *testing.T) {
	f := newFixture(t)
	id := f.repo.AddComment(f.pr, ghsim.BotLogin, "ours")
	f.sim.FailNext("PATCH", "", ghsim.Before("comment deleted", func() { f.repo.DeleteComment(id) }))
	_, resp, err := f.gh.Issues.EditComment(f.ctx, "octo", "app", id, &github.IssueComment{Body: github.String("new")})
	if err == nil || resp.StatusCode != http.StatusNotFound {
		t.Fatalf("edit after deletion: %v", err)
	}
}

func TestCallAccounting(t *testing.T) {
	f := newFixture(t)
	_, _ = listOnce(f)
	_, _, _ = f.gh.Issues.CreateComment(f.ctx, "octo", "app", f.pr, &github.IssueComment{Body: github.String("x")})
	_, _ = listOnce(f)
	if f.sim.APICalls() != 3 || f.sim.WriteCalls() != 1 || f.sim.RouteCalls("GET "+listComments) != 2 {
		t.Fatalf("counts: api %d write %d list %d\n%s", f.sim.APICalls(), f.sim.WriteCalls(), f.sim.RouteCalls("GET "+listComments), f.sim.RouteSummary())
	}
	f.sim.ResetCalls()
	if f.sim.APICalls() != 0 {
		t.Fatal("ResetCalls kept calls")
	}
}
