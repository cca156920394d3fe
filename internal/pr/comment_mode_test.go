package pr

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

// workflowRunPayload is the part of GitHub's workflow_run event comment mode reads, as
// GitHub sends it for a fork's pull request (no pull_requests).
func workflowRunPayload(head, headRepo string) []byte {
	data, _ := json.Marshal(map[string]any{
		"action": "completed",
		"workflow_run": map[string]any{
			"event": "pull_request", "conclusion": "failure", "head_sha": head, "head_branch": "feature",
			"head_repository": map[string]any{"full_name": headRepo}, "pull_requests": []any{},
		},
		"repository": map[string]any{"full_name": "octo/shop"},
	})
	return data
}

func TestCommentModeReviewsTheForkHeadItself(t *testing.T) {
	sc := newForkScenario(t)
	sc.inputs.Mode = "check"
	first := sc.run(runOpts{action: "opened", edit: func(r *Review) { r.Check = true }})
	if first.writes != 0 || first.out.ExitCode != 1 {
		t.Fatalf("read-only check run: %d writes, exit %d", first.writes, first.out.ExitCode)
	}
	report := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(report, first.out.Report, 0o644); err != nil {
		t.Fatal(err)
	}
	head := sc.repo.PullRequest(sc.number).HeadSHA

	// The workflow_run job: a write token, no checkout.
	run, err := ParseWorkflowRun(workflowRunPayload(head, "alice/shop"))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := ReadReviewReport(report, run.HeadSHA); err != nil || n != sc.number {
		t.Fatalf("report: %d, %v", n, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	api := sc.client(ghsim.WriteToken)
	sc.sim.ResetCalls()
	p, err := FindPullRequest(ctx, api, run)
	if err != nil || p == nil || p.Number != sc.number {
		t.Fatalf("pull request: %+v, %v", p, err)
	}
	log := &recordLog{}
	r := &Review{Inputs: reviewInputs(), Event: EventFor(p), API: api, NoCommit: true, Sources: &Sources{API: api, TempDir: t.TempDir()},
		Resolve: sc.resolver.resolve, Diff: linkDiff(t), Log: log, Version: "test"}
	out, err := r.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("comment mode: %d API calls\n%s", sc.sim.APICalls(), sc.sim.RouteSummary())
	if out.CommitSHA != "" || sc.repo.Branch("feature") != head {
		t.Error("comment mode pushed")
	}
	if got := sc.ourComments(); len(got) != 1 || !strings.Contains(got[0].Body, "STLV_PAYMENTS_URL") {
		t.Errorf("comments %+v\n%s", got, log)
	}
	if c := sc.check(CheckLinks); c.Conclusion != "failure" || !strings.Contains(c.Summary, "fork") {
		t.Errorf("links check %+v", c)
	}
}

func TestCommentModeRefusesAReportForAnotherHead(t *testing.T) {
	report := filepath.Join(t.TempDir(), "report.json")
	data, _ := json.Marshal(map[string]any{"schema": ReviewSchema, "head_sha": strings.Repeat("a", 40), "pull_request": 1})
	if err := os.WriteFile(report, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadReviewReport(report, strings.Repeat("b", 40)); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("err = %v", err)
	}
	if err := os.WriteFile(report, []byte(`{"schema": "something/else"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadReviewReport(report, strings.Repeat("b", 40)); err == nil || !strings.Contains(err.Error(), "schema") {
		t.Errorf("err = %v", err)
	}
}

func TestCommentModeFindsNothingWhenTheHeadMovedOn(t *testing.T) {
	sc := newForkScenario(t)
	run, err := ParseWorkflowRun(workflowRunPayload(strings.Repeat("c", 40), "alice/shop"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := FindPullRequest(testContext(t), sc.client(ghsim.WriteToken), run)
	if err != nil || p != nil {
		t.Errorf("found %+v, %v", p, err)
	}
}
