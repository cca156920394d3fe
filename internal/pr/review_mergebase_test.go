package pr

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

const routeCompare = "GET /repos/{owner}/{repo}/compare/{basehead}"

// moreFunctions adds funcs to the app in dir through their own stlv_fake_<part>.py, with
// their handlers and generated files: two branches can each add one without a conflict.
func moreFunctions(dir, part string, funcs map[string]fakeFunc) map[string]string {
	extra := fakeApp{Functions: funcs}
	out := map[string]string{}
	for p, c := range extra.files(dir, true) {
		if !strings.HasSuffix(p, "/stlv_app.py") && !strings.HasSuffix(p, "/stlv_fake.py") {
			out[p] = c
		}
	}
	out[dir+"/stlv_fake_"+part+".py"] = extra.json()
	return out
}

// pushMain commits files on main after the pull request branched, on both sides; GitHub
// then moves the pull request's base.sha to it.
func (sc *scenario) pushMain(message string, files map[string]string) string {
	sc.t.Helper()
	sha := sc.git.commit("main", "", message, files)
	if _, err := sc.repo.ImportGit(sc.git.scratch, sha, "main"); err != nil {
		sc.t.Fatal(err)
	}
	return sha
}

// movedMainScenario is a pull request adding the invoices function (no grant: nothing to
// approve) while main, after the branch point, adds refunds and gives orders one more grant.
func movedMainScenario(t *testing.T) (sc *scenario, branchPoint string) {
	sc = newScenario(t, appFiles(".", shop(), true), moreFunctions(".", "pr", map[string]fakeFunc{
		"invoices": {Folder: "invoices", Env: map[string]string{"STLV_INVOICES_QUEUE_URL": "${invoices.url}"}},
	}))
	branchPoint = sc.repo.Branch("main")
	sc.pushMain("refunds", moreFunctions(".", "main", map[string]fakeFunc{
		"refunds": {Folder: "refunds", Grants: []string{"dynamodb:DeleteItem ${orders.arn}"}, Env: map[string]string{"STLV_REFUNDS_TOPIC_ARN": "${refunds.arn}"}},
	}))
	sc.pushMain("orders may scan", appFiles(".", addGrant(shop(), "dynamodb:Scan ${orders.arn}"), true))
	return sc, branchPoint
}

// comparedWithMergeBase checks that the review showed only the pull request's own change.
func comparedWithMergeBase(t *testing.T, sc *scenario, res *runResult, branchPoint string) {
	t.Helper()
	out := res.out
	if out.ExitCode != 0 || out.BaseSHA != branchPoint {
		t.Fatalf("compared with %s, want the branch point %s; outcome %+v\n%s", out.BaseSHA, branchPoint, out, res.log)
	}
	comments := sc.ourComments()
	if len(comments) != 1 {
		t.Fatalf("comments %+v", comments)
	}
	body := comments[0].Body
	if !strings.Contains(body, "`invoices`") || !strings.Contains(body, "STLV_INVOICES_QUEUE_URL") {
		t.Errorf("the function the pull request adds is missing:\n%s", body)
	}
	for _, mains := range []string{"refunds", "DeleteItem", "dynamodb:Scan"} {
		if strings.Contains(body, mains) {
			t.Errorf("the comment shows %s, made on main after the branch point, as if the pull request undid it:\n%s", mains, body)
		}
	}
	if !strings.Contains(body, "functions +1 / −0") {
		t.Errorf("summary line of the comment:\n%s", body)
	}
	if want := "merge base `" + branchPoint[:7] + "` of `main` → head `"; !strings.Contains(body, want) {
		t.Errorf("the comment does not name the merge base (%q):\n%s", want, body)
	}
	if want := "compared with merge base `" + abbrev(branchPoint) + "` of `main`"; !strings.Contains(out.Summary, want) {
		t.Errorf("the job summary does not name the merge base (%q):\n%s", want, out.Summary)
	}
	var report struct {
		BaseSHA      string `json:"base_sha"`
		MergeBaseSHA string `json:"merge_base_sha"`
	}
	if err := json.Unmarshal(out.Report, &report); err != nil || report.BaseSHA != sc.repo.Branch("main") || report.MergeBaseSHA != branchPoint {
		t.Errorf("report.json base %s, merge base %s (%v)", report.BaseSHA, report.MergeBaseSHA, err)
	}
	if notes := res.log.with("notice"); len(notes) != 0 {
		t.Errorf("notices %v", notes)
	}
}

func TestReviewComparesWithTheMergeBase(t *testing.T) {
	sc, branchPoint := movedMainScenario(t)
	// The workspace holds the test merge commit alone (depth 1): git fetches a little
	// history of both sides and finds the merge base itself.
	res := sc.run(runOpts{action: "opened"})
	comparedWithMergeBase(t, sc, res, branchPoint)
	if n := sc.sim.RouteCalls(routeCompare); n != 0 {
		t.Errorf("git had the history, yet %d compare calls", n)
	}
	if !strings.Contains(res.log.String(), "found with git fetch") {
		t.Errorf("log:\n%s", res.log)
	}
	if res.calls > maxCallsCommit {
		t.Errorf("%d API calls, budget %d:\n%s", res.calls, maxCallsCommit, res.routes)
	}
	t.Logf("main moved, merge base from git: %d API calls", res.calls)

	again := sc.run(runOpts{})
	if again.writes != 0 || again.calls > maxCallsNoChange {
		t.Errorf("nothing changed: %d calls, %d writes:\n%s", again.calls, again.writes, again.routes)
	}
}

func TestReviewAsksGitHubForTheMergeBaseBeyondTheFetchedHistory(t *testing.T) {
	sc, branchPoint := movedMainScenario(t)
	// One commit of history reaches neither side's branch point.
	shallow := func(r *Review) { r.Sources.Git.HistoryDepth = 1 }
	res := sc.run(runOpts{action: "opened", edit: shallow})
	comparedWithMergeBase(t, sc, res, branchPoint)
	if n := sc.sim.RouteCalls(routeCompare); n != 1 {
		t.Errorf("%d compare calls, want 1:\n%s", n, res.routes)
	}
	if log := res.log.String(); !strings.Contains(log, "found with GitHub API") || !strings.Contains(log, "read with git fetch") {
		t.Errorf("log:\n%s", log)
	}
	if res.calls > maxCallsCommit {
		t.Errorf("%d API calls, budget %d:\n%s", res.calls, maxCallsCommit, res.routes)
	}
	again := sc.run(runOpts{edit: shallow})
	if again.writes != 0 || again.calls > maxCallsNoChange {
		t.Errorf("nothing changed: %d calls, %d writes:\n%s", again.calls, again.writes, again.routes)
	}
	t.Logf("merge base from the API: %d API calls, then %d with nothing changed", res.calls, again.calls)
}

func TestReviewWithoutMergeBaseComparesWithTheBaseAndSaysSo(t *testing.T) {
	sc, branchPoint := movedMainScenario(t)
	sc.sim.Fail(http.MethodGet, "/repos/{owner}/{repo}/compare/{basehead}", 0, ghsim.ServerError(http.StatusBadGateway))
	res := sc.run(runOpts{action: "opened", edit: func(r *Review) { r.Sources.Git.HistoryDepth = 1 }})
	out := res.out
	mainHead := sc.repo.Branch("main")
	if out.ExitCode != 0 || out.BaseSHA != mainHead || len(res.log.with("warning")) != 0 {
		t.Fatalf("outcome %+v, want base %s and no failure\n%s", out, mainHead, res.log)
	}
	notes := res.log.with("notice")
	if len(notes) != 1 || !strings.Contains(notes[0], "not with the merge base") || !strings.Contains(notes[0], "502") {
		t.Errorf("notices %v, want one saying why", notes)
	}
	body := sc.ourComments()[0].Body
	note := "_Compared with the head of `main`: the merge base could not be found, so changes made on `main` since this branch left it may show as undone._"
	if strings.Count(body, note) != 1 || !strings.Contains(body, "base `"+mainHead[:7]+"` → head") || strings.Contains(body, branchPoint[:7]) {
		t.Errorf("comment:\n%s", body)
	}
	// Compared with main's head, main's later work shows as removed: the note is why.
	if !strings.Contains(body, "`refunds`") {
		t.Errorf("comment:\n%s", body)
	}
	if !strings.Contains(out.Summary, "compared with base `"+abbrev(mainHead)+"`") || !strings.Contains(out.Summary, note) {
		t.Errorf("summary:\n%s", out.Summary)
	}
	if strings.Contains(string(out.Report), "merge_base_sha") {
		t.Errorf("report.json names a merge base it did not find:\n%s", out.Report)
	}
}

// The merge base from the API costs one call a run; the budgets still hold.
func TestReviewMergeBaseFromTheAPIWithinBudget(t *testing.T) {
	sc, _ := staleScenario(t)
	noHistory := func(r *Review) { r.Sources.Git.HistoryDepth = 1 }
	first := sc.run(runOpts{action: "opened", edit: noHistory})
	if first.out.CommitSHA == "" || sc.sim.RouteCalls(routeCompare) != 1 || first.calls > maxCallsCommit {
		t.Fatalf("commit %q, %d compare calls, %d calls (budget %d):\n%s", first.out.CommitSHA, sc.sim.RouteCalls(routeCompare), first.calls, maxCallsCommit, first.routes)
	}
	second := sc.run(runOpts{edit: noHistory})
	if second.writes != 0 || sc.sim.RouteCalls(routeCompare) != 1 || second.calls > maxCallsNoChange {
		t.Fatalf("%d writes, %d compare calls, %d calls (budget %d):\n%s", second.writes, sc.sim.RouteCalls(routeCompare), second.calls, maxCallsNoChange, second.routes)
	}
	t.Logf("merge base from the API: commenting and committing %d API calls, nothing changed %d", first.calls, second.calls)
}
