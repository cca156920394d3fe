package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stelvio-action/stelvio-action/internal/ghsim"
	"github.com/stelvio-action/stelvio-action/internal/pr"
)

// The budgets of API calls per run.
const (
	maxCallsNoChange = 4
	maxCallsCommit   = 10
)

// narrowing is a pull request that drops the checkout function's payments link without
// regenerating functions/stlv_resources.py: stale, and no permission broadened.
func narrowing(t *testing.T) *e2e {
	base := generated(t, shopSource([]string{"orders", "payments"}, "test"))
	head := shopSource([]string{"orders"}, "test")
	head["functions/stlv_resources.py"] = base["functions/stlv_resources.py"]
	return newE2E(t, base, head)
}

func TestActionReviewLifecycle(t *testing.T) {
	e := narrowing(t)
	oldHead := e.repo.Branch("feature")

	// First run: one comment, the stale file committed on the PR head.
	first := e.act(actOpts{action: "opened"})
	if first.code != 0 {
		t.Fatalf("exit %d\n%s", first.code, first.log)
	}
	commit := first.outputs["commit-sha"]
	if commit == "" || e.repo.Branch("feature") != commit {
		t.Fatalf("outputs %v\n%s", first.outputs, first.log)
	}
	if parents := e.repo.Parents(commit); len(parents) != 1 || parents[0] != oldHead {
		t.Errorf("commit parents %v, want the PR head %s", parents, oldHead)
	}
	if msg := e.repo.Message(commit); !strings.Contains(msg, pr.InputTrailer+": ") {
		t.Errorf("commit message lacks the trailer:\n%s", msg)
	}
	want := generated(t, shopSource([]string{"orders"}, "test"))["functions/stlv_resources.py"]
	if got, _ := e.repo.File(commit, "functions/stlv_resources.py"); got != want {
		t.Errorf("committed file:\n%s\nwant what generate writes:\n%s", got, want)
	}
	for name, want := range map[string]string{"changed": "true", "iam-changed": "true", "permissions-broadened": "false",
		"env-changed": "true", "files-changed": "true", "report-path": ReportPath} {
		if first.outputs[name] != want {
			t.Errorf("output %s = %q, want %q", name, first.outputs[name], want)
		}
	}
	comments := e.ourComments()
	if len(comments) != 1 || first.outputs["comment-id"] != fmt.Sprint(comments[0].ID) {
		t.Fatalf("comments %+v, comment-id %q", comments, first.outputs["comment-id"])
	}
	if body := comments[0].Body; !strings.HasPrefix(body, "<!-- stelvio-action:shop:dev -->") || !strings.Contains(body, "sqs:SendMessage") {
		t.Errorf("comment:\n%s", body)
	}
	if c := e.check(commit, pr.CheckLinks); c.Conclusion != "success" {
		t.Errorf("links check %+v", c)
	}
	if c := e.check(commit, pr.CheckPermissions); c.Conclusion != "success" {
		t.Errorf("permissions check %+v", c)
	}
	if !strings.Contains(first.summary, "Stelvio review of #1") || !strings.Contains(first.summary, "sqs:SendMessage") {
		t.Errorf("job summary:\n%s", first.summary)
	}
	var report map[string]any
	data, err := os.ReadFile(filepath.Join(first.ws, filepath.FromSlash(ReportPath)))
	if err != nil || json.Unmarshal(data, &report) != nil || report["schema"] != pr.ReviewSchema {
		t.Errorf("report.json: %v\n%s", err, data)
	}
	if first.calls > maxCallsCommit {
		t.Errorf("first run: %d API calls, budget %d", first.calls, maxCallsCommit)
	}
	t.Logf("FIGURE commenting and committing: %d API calls (%d writes)", first.calls, first.writes)

	// Second run, on the regenerated head: nothing to write.
	second := e.act(actOpts{})
	if second.code != 0 || second.writes != 0 || second.outputs["commit-sha"] != "" {
		t.Errorf("second run: exit %d, %d writes, outputs %v\n%s", second.code, second.writes, second.outputs, second.routes)
	}
	if second.calls > maxCallsNoChange {
		t.Errorf("second run: %d API calls, budget %d", second.calls, maxCallsNoChange)
	}
	t.Logf("FIGURE nothing changed: %d API calls (%d writes)", second.calls, second.writes)

	// A new push: the same comment is updated.
	e.push("live mode", generated(t, shopSource([]string{"orders"}, "live")))
	third := e.act(actOpts{})
	got := e.ourComments()
	if third.code != 0 || len(got) != 1 || got[0].ID != comments[0].ID || got[0].Body == comments[0].Body || !strings.Contains(got[0].Body, "MODE") {
		t.Errorf("after a new push: exit %d, comments %+v", third.code, got)
	}
	if strings.Contains(got[0].Body, "live") {
		t.Errorf("the literal env value leaked into the comment:\n%s", got[0].Body)
	}
	t.Logf("FIGURE updating the comment: %d API calls (%d writes)", third.calls, third.writes)
}

func TestActionFindsItsCommentAmongMany(t *testing.T) {
	for _, others := range []int{45, 145} {
		t.Run(fmt.Sprintf("%d others", others), func(t *testing.T) {
			e := narrowing(t)
			e.act(actOpts{action: "opened"})
			ours := e.ourComments()[0]
			for i := range others {
				e.repo.AddComment(e.number, "bob", fmt.Sprintf("comment %d", i))
			}
			e.push("live", generated(t, shopSource([]string{"orders"}, "live")))
			res := e.act(actOpts{})
			if got := e.ourComments(); len(got) != 1 || got[0].ID != ours.ID {
				t.Fatalf("comments %+v, want only %d", got, ours.ID)
			}
			pages := (others + 1 + 99) / 100
			if n := e.sim.RouteCalls("GET /repos/{owner}/{repo}/issues/{issue_number}/comments"); n != pages {
				t.Errorf("%d list calls for %d comments, want %d:\n%s", n, others+1, pages, res.routes)
			}
		})
	}
}

func TestActionRecreatesADeletedComment(t *testing.T) {
	e := narrowing(t)
	e.act(actOpts{action: "opened"})
	old := e.ourComments()[0]
	e.repo.DeleteComment(old.ID)
	res := e.act(actOpts{})
	got := e.ourComments()
	if len(got) != 1 || got[0].ID == old.ID || got[0].Body != old.Body || res.outputs["comment-id"] != fmt.Sprint(got[0].ID) {
		t.Fatalf("comments %+v, outputs %v", got, res.outputs)
	}
}

func TestActionCommitsOnAHeadThatMoved(t *testing.T) {
	e := narrowing(t)
	var moved string
	e.sim.FailNext(http.MethodPatch, "/repos/{owner}/{repo}/git/refs/{ref}", ghsim.Before("a push lands meanwhile", func() {
		files := shopSource([]string{"orders"}, "test")
		files["functions/stlv_resources.py"] = generated(t, shopSource([]string{"orders", "payments"}, "test"))["functions/stlv_resources.py"]
		files["NOTES.md"] = "pushed while the action ran\n"
		moved = e.commit("feature", files, "meanwhile")
		if _, err := e.repo.ImportGit(e.scratch, moved, "feature"); err != nil {
			t.Error(err)
		}
		e.synced = moved
	}))
	res := e.act(actOpts{action: "opened"})
	commit := res.outputs["commit-sha"]
	if res.code != 0 || commit == "" || e.repo.Branch("feature") != commit {
		t.Fatalf("exit %d, outputs %v\n%s", res.code, res.outputs, res.log)
	}
	if parents := e.repo.Parents(commit); len(parents) != 1 || parents[0] != moved {
		t.Errorf("parents %v, want the moved head %s", parents, moved)
	}
	if _, ok := e.repo.File(commit, "NOTES.md"); !ok {
		t.Error("the push made meanwhile was lost")
	}
	if e.sim.PendingFaults() != 0 {
		t.Error("the fault was never met")
	}
}

// forkPR is narrowing's pull request opened again from alice's fork.
func forkPR(t *testing.T) *e2e {
	e := narrowing(t)
	fork := e.repo.Fork("alice")
	if _, err := fork.ImportGit(e.scratch, "feature", "feature"); err != nil {
		t.Fatal(err)
	}
	e.number = e.repo.OpenPR(ghsim.PR{Head: "feature", HeadRepo: fork, User: "alice"})
	return e
}

func TestActionForkGetsNoPushAndNoFailure(t *testing.T) {
	e := forkPR(t)
	res := e.act(actOpts{action: "opened", token: ghsim.ReadOnlyToken})
	if res.code != 0 || res.writes != 0 || res.outputs["commit-sha"] != "" || res.outputs["files-changed"] != "true" {
		t.Fatalf("exit %d, %d writes, outputs %v\n%s\n%s", res.code, res.writes, res.outputs, res.log, res.routes)
	}
	if n := strings.Count(res.log, "::notice::"); n != 1 || !strings.Contains(res.log, "fork") {
		t.Errorf("want one notice about the fork:\n%s", res.log)
	}
	if !strings.Contains(res.summary, "+++ b/functions/stlv_resources.py") {
		t.Errorf("job summary lacks the patch:\n%s", res.summary)
	}
	if _, err := os.Stat(filepath.Join(res.ws, filepath.FromSlash(ReportPath))); err != nil {
		t.Error(err)
	}
}

// actionState renders the pull request after a run, commit ids hidden.
func actionState(e *e2e) string {
	var b strings.Builder
	head := e.repo.Branch("feature")
	for _, p := range []string{"functions/stlv_resources.py", "stlv_app.py"} {
		c, ok := e.repo.File(head, p)
		fmt.Fprintf(&b, "file %s %v %q\n", p, ok, c)
	}
	for _, c := range e.repo.Comments(e.number) {
		fmt.Fprintf(&b, "comment by %s: %q\n", c.User, c.Body)
	}
	var runs []string
	for _, c := range e.repo.CheckRuns(head) {
		runs = append(runs, fmt.Sprintf("check %s %s %q", c.Name, c.Conclusion, c.Title))
	}
	sort.Strings(runs)
	b.WriteString(strings.Join(runs, "\n"))
	return regexp.MustCompile(`\b[0-9a-f]{7,40}\b`).ReplaceAllString(b.String(), "<sha>")
}

func TestActionFaultsEndInTheSameState(t *testing.T) {
	clean := narrowing(t)
	clean.act(actOpts{action: "opened"})
	want := actionState(clean)

	e := narrowing(t)
	e.sim.FailNext(http.MethodGet, "/repos/{owner}/{repo}/pulls/{pull_number}", ghsim.ServerError(502))
	e.sim.FailNext(http.MethodGet, "/repos/{owner}/{repo}/issues/{issue_number}/comments", ghsim.SecondaryRateLimit(time.Second))
	e.sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/issues/{issue_number}/comments", ghsim.ServerError(500))
	e.sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/git/trees", ghsim.ServerError(503))
	e.sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/git/commits", ghsim.PrimaryRateLimit(http.StatusForbidden, time.Second))
	e.sim.FailNext(http.MethodPatch, "/repos/{owner}/{repo}/git/refs/{ref}", ghsim.ServerError(502))
	e.sim.FailNext(http.MethodPost, "/repos/{owner}/{repo}/check-runs", ghsim.ServerError(502))
	res := e.act(actOpts{action: "opened"})
	if res.code != 0 || e.sim.PendingFaults() != 0 {
		t.Fatalf("exit %d, %d faults unmet\n%s", res.code, e.sim.PendingFaults(), res.log)
	}
	if got := actionState(e); got != want {
		t.Errorf("with faults:\n%s\nwithout:\n%s", got, want)
	}
}

func TestActionBroadeningNeedsApproval(t *testing.T) {
	base := generated(t, shopSource([]string{"orders"}, "test"))
	e := newE2E(t, base, generated(t, shopSource([]string{"orders", "payments"}, "test")))
	head := e.repo.Branch("feature")
	permissions := func() ghsim.CheckRun { return e.check(e.repo.Branch("feature"), pr.CheckPermissions) }

	res := e.act(actOpts{action: "opened", inputs: map[string]string{"fail-on-broadened": "true"}})
	if c := permissions(); c.Conclusion != "failure" || res.code != 1 || res.outputs["permissions-broadened"] != "true" {
		t.Fatalf("unapproved: exit %d, check %+v\n%s", res.code, c, res.log)
	}
	t.Logf("FIGURE broadened, unapproved: %d API calls", res.calls)

	e.repo.AddLabels(e.number, "stelvio:approve-iam")
	e.act(actOpts{action: "labeled", sender: "tom", label: "stelvio:approve-iam"})
	if c := permissions(); c.Conclusion != "failure" {
		t.Fatalf("label by a triager: %+v", c)
	}
	res = e.act(actOpts{action: "labeled", sender: "maria", label: "stelvio:approve-iam", inputs: map[string]string{"fail-on-broadened": "true"}})
	if c := permissions(); c.Conclusion != "success" || res.code != 0 {
		t.Fatalf("label by a maintainer: exit %d, %+v", res.code, c)
	}

	// A new broadening resets it; a maintainer's approving review approves again.
	files := generated(t, shopSource([]string{"orders", "payments"}, "test"))
	files["stlv_app.py"] = strings.Replace(files["stlv_app.py"], `payments = Queue("payments")`,
		"payments = Queue(\"payments\")\n    audit = Queue(\"audit\")", 1)
	files["stlv_app.py"] = strings.Replace(files["stlv_app.py"], "links=[orders, payments]", "links=[orders, payments, audit]", 1)
	e.push("audit", generated(t, files))
	if e.repo.Branch("feature") == head {
		t.Fatal("push did not move the head")
	}
	e.act(actOpts{})
	if c := permissions(); c.Conclusion != "failure" || !strings.Contains(c.Summary, "audit") {
		t.Fatalf("after a new broadening: %+v", c)
	}
	review := e.repo.AddReview(e.number, ghsim.Review{User: "maria", State: "APPROVED"})
	e.act(actOpts{review: review})
	if c := permissions(); c.Conclusion != "success" {
		t.Fatalf("after a maintainer's review: %+v", c)
	}
}

func TestActionModeAndEventMismatch(t *testing.T) {
	e := narrowing(t)
	res := e.act(actOpts{event: "push", payload: e.repo.PushEvent("feature", "", "alice"), inputs: map[string]string{"mode": "review"}})
	if res.code != exitInput || !strings.Contains(res.log, "::error::mode review needs a pull_request") {
		t.Errorf("exit %d\n%s", res.code, res.log)
	}
	if !strings.Contains(res.summary, "mode review needs a pull_request") {
		t.Errorf("the job summary does not say why the run stopped:\n%s", res.summary)
	}
	res = e.act(actOpts{inputs: map[string]string{"comment": "maybe"}})
	if res.code != exitInput || !strings.Contains(res.log, `input \"comment\"`) && !strings.Contains(res.log, `input "comment"`) {
		t.Errorf("exit %d\n%s", res.code, res.log)
	}
	if res.calls != 0 {
		t.Errorf("%d API calls on bad input", res.calls)
	}
}

// workflowRun is GitHub's workflow_run event for a finished review run of a fork's PR: no
// pull_requests, as GitHub sends it for forks.
func workflowRun(head string) []byte {
	data, _ := json.Marshal(map[string]any{
		"action": "completed",
		"workflow_run": map[string]any{
			"id": 99, "name": "stelvio review", "event": "pull_request", "status": "completed", "conclusion": "failure",
			"head_sha": head, "head_branch": "feature", "head_repository": map[string]any{"full_name": "alice/shop"},
			"pull_requests": []any{},
		},
		"repository": map[string]any{"full_name": "octo/shop"},
		"sender":     map[string]any{"login": "alice"},
	})
	return data
}

func TestActionCommentModeForAFork(t *testing.T) {
	e := forkPR(t)
	review := e.act(actOpts{action: "opened", token: ghsim.ReadOnlyToken, inputs: map[string]string{"mode": "check"}})
	if review.code != exitCheck || review.writes != 0 {
		t.Fatalf("check run: exit %d, %d writes\n%s", review.code, review.writes, review.log)
	}
	report, err := os.ReadFile(filepath.Join(review.ws, filepath.FromSlash(review.outputs["report-path"])))
	if err != nil {
		t.Fatal(err)
	}
	head := e.repo.PullRequest(e.number).HeadSHA

	// The workflow_run job: the artifact downloaded into the workspace, a write token.
	files := map[string]string{"stelvio-report/report.json": string(report)}
	res := e.act(actOpts{event: "workflow_run", payload: workflowRun(head), files: files,
		inputs: map[string]string{"mode": "comment", "report-file": "stelvio-report/report.json"}})
	if res.code != 0 {
		t.Fatalf("comment run: exit %d\n%s", res.code, res.log)
	}
	if got := e.ourComments(); len(got) != 1 || !strings.Contains(got[0].Body, "sqs:SendMessage") {
		t.Errorf("comments %+v", got)
	}
	if c := e.check(head, pr.CheckLinks); c.Conclusion != "failure" || !strings.Contains(c.Summary, "fork") {
		t.Errorf("links check %+v", c)
	}
	if e.repo.Branch("feature") != head {
		t.Error("comment mode pushed")
	}
	t.Logf("FIGURE comment mode for a fork: %d API calls", res.calls)

	// A report made for another head is refused.
	forged := strings.Replace(string(report), head, strings.Repeat("0", 40), 1)
	res = e.act(actOpts{event: "workflow_run", payload: workflowRun(head), files: map[string]string{"stelvio-report/report.json": forged},
		inputs: map[string]string{"mode": "comment", "report-file": "stelvio-report/report.json"}})
	if res.code != exitInput || !strings.Contains(res.log, "refused") || res.writes != 0 {
		t.Errorf("forged report: exit %d, %d writes\n%s", res.code, res.writes, res.log)
	}
}
