package pr

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

// The API-call budgets of issue 5.
const (
	maxCallsNoChange = 4
	maxCallsCommit   = 10
)

// staleScenario is a pull request adding an env var to shop without regenerating
// orders/stlv_resources.py.
func staleScenario(t *testing.T) (*scenario, fakeApp) {
	head := addEnv(shop(), "STLV_PAYMENTS_URL")
	return newScenario(t, appFiles(".", shop(), true), appFiles(".", head, false)), head
}

func TestReviewLifecycle(t *testing.T) {
	sc, head := staleScenario(t)
	before := sc.repo.PullRequest(sc.number)

	// First run: one comment, and the stale file committed on top of the head.
	first := sc.run(runOpts{action: "opened"})
	out := first.out
	if out.ExitCode != 0 || out.CommitSHA == "" || !out.Changed || !out.EnvChanged || out.IAMChanged || out.Broadened {
		t.Fatalf("outcome %+v\n%s", out, first.log)
	}
	if got := sc.repo.Branch("feature"); got != out.CommitSHA {
		t.Fatalf("branch at %s, want the commit %s", got, out.CommitSHA)
	}
	if parents := sc.repo.Parents(out.CommitSHA); len(parents) != 1 || parents[0] != before.HeadSHA {
		t.Errorf("commit parents %v, want only the PR head %s (never the merge commit %s)", parents, before.HeadSHA, before.MergeCommitSHA)
	}
	msg := sc.repo.Message(out.CommitSHA)
	if !strings.Contains(msg, "\n\n"+InputTrailer+": ") || !strings.Contains(msg, "- write orders/stlv_resources.py") {
		t.Errorf("commit message:\n%s", msg)
	}
	if got, _ := sc.repo.File("feature", "orders/stlv_resources.py"); got != head.resourcesFile("orders") {
		t.Errorf("committed file:\n%s\nwant:\n%s", got, head.resourcesFile("orders"))
	}
	comments := sc.ourComments()
	if len(comments) != 1 || comments[0].User != ghsim.BotLogin || !strings.Contains(comments[0].Body, "| + | `orders` | `STLV_PAYMENTS_URL` |") {
		t.Fatalf("comments %+v", comments)
	}
	if !strings.Contains(comments[0].Body, "→ head `"+out.CommitSHA[:7]+"`") {
		t.Errorf("the comment names head %q, want the commit that is now the head", comments[0].Body)
	}
	if c := sc.check(CheckLinks); c.Conclusion != "success" || !strings.HasPrefix(c.Title, "Regenerated 1 file in") {
		t.Errorf("links check %+v", c)
	}
	if c := sc.check(CheckPermissions); c.Conclusion != "success" || c.Title != "No broadened permissions" {
		t.Errorf("permissions check %+v", c)
	}
	if len(out.CommentIDs) != 1 || out.CommentIDs[0] != comments[0].ID {
		t.Errorf("comment ids %v", out.CommentIDs)
	}
	if first.calls > maxCallsCommit {
		t.Errorf("first run: %d API calls, budget %d:\n%s", first.calls, maxCallsCommit, first.routes)
	}
	t.Logf("commenting and committing: %d API calls", first.calls)

	// Second run on the regenerated head (a commit-token push starts it): nothing to write.
	second := sc.run(runOpts{})
	if second.writes != 0 || second.out.CommitSHA != "" || second.out.ExitCode != 0 {
		t.Errorf("second run: %d writes, commit %q, exit %d:\n%s", second.writes, second.out.CommitSHA, second.out.ExitCode, second.routes)
	}
	if second.calls > maxCallsNoChange {
		t.Errorf("second run: %d API calls, budget %d:\n%s", second.calls, maxCallsNoChange, second.routes)
	}
	t.Logf("nothing changed: %d API calls", second.calls)
	if got := sc.ourComments(); len(got) != 1 || got[0].Body != comments[0].Body {
		t.Errorf("comments after the second run: %+v", got)
	}

	// A new push with a new grant: the same comment is updated.
	next := addGrant(head, "dynamodb:PutItem ${orders.arn}")
	sc.push("grant put", appFiles(".", next, true))
	third := sc.run(runOpts{})
	got := sc.ourComments()
	if len(got) != 1 || got[0].ID != comments[0].ID || !strings.Contains(got[0].Body, "dynamodb:PutItem") {
		t.Fatalf("after a new push: %+v, want comment %d updated", got, comments[0].ID)
	}
	if n := sc.sim.RouteCalls("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"); n != 1 {
		t.Errorf("%d comment updates, want 1", n)
	}
	if third.out.CommitSHA != "" || !third.out.Broadened {
		t.Errorf("third run outcome %+v", third.out)
	}
}

func TestReviewNoChangesCreatesNoComment(t *testing.T) {
	sc := newScenario(t, appFiles(".", shop(), true), map[string]string{"README.md": "docs\n"})
	res := sc.run(runOpts{action: "opened"})
	if len(sc.ourComments()) != 0 || len(res.out.CommentIDs) != 0 || res.out.Changed {
		t.Fatalf("no link change: comments %+v, outcome %+v", sc.ourComments(), res.out)
	}
	if c := sc.check(CheckLinks); c.Conclusion != "success" {
		t.Errorf("links check %+v", c)
	}
}

func TestReviewRevertTurnsCommentIntoNoChanges(t *testing.T) {
	changed := addEnv(shop(), "STLV_X")
	sc := newScenario(t, appFiles(".", shop(), true), appFiles(".", changed, true))
	sc.run(runOpts{action: "opened"})
	id := sc.ourComments()[0].ID
	sc.push("revert", appFiles(".", shop(), true))
	sc.run(runOpts{})
	got := sc.ourComments()
	if len(got) != 1 || got[0].ID != id || !strings.Contains(got[0].Body, "No link changes") {
		t.Fatalf("after a revert: %+v", got)
	}
}

func TestReviewFindsItsCommentAmongMany(t *testing.T) {
	for _, others := range []int{45, 145} {
		t.Run(fmt.Sprintf("%d other comments", others), func(t *testing.T) {
			sc, _ := staleScenario(t)
			sc.run(runOpts{action: "opened"})
			ours := sc.ourComments()[0]
			for i := range others {
				sc.repo.AddComment(sc.number, "bob", fmt.Sprintf("comment %d", i))
			}
			// A user pasting our marker must not capture the comment.
			sc.repo.AddComment(sc.number, "mallory", strings.SplitN(ours.Body, "\n", 2)[0]+"\nspoof")
			sc.push("more", map[string]string{"orders/other.py": "x = 1\n"})
			res := sc.run(runOpts{})
			pages := (others + 2 + 99) / 100
			if n := sc.sim.RouteCalls("GET /repos/{owner}/{repo}/issues/{issue_number}/comments"); n != pages {
				t.Errorf("%d list calls, want %d pages", n, pages)
			}
			var mine []ghsim.Comment
			for _, c := range sc.ourComments() {
				if c.User == ghsim.BotLogin {
					mine = append(mine, c)
				}
			}
			if len(mine) != 1 || mine[0].ID != ours.ID {
				t.Fatalf("bot comments %+v, want only %d", mine, ours.ID)
			}
			if n := sc.sim.RouteCalls("POST /repos/{owner}/{repo}/issues/{issue_number}/comments"); n != 0 {
				t.Errorf("%d comments created:\n%s", n, res.routes)
			}
		})
	}
}

func TestReviewRecreatesDeletedComment(t *testing.T) {
	sc, _ := staleScenario(t)
	sc.run(runOpts{action: "opened"})
	old := sc.ourComments()[0]
	sc.repo.DeleteComment(old.ID)
	res := sc.run(runOpts{})
	got := sc.ourComments()
	if len(got) != 1 || got[0].ID == old.ID || got[0].Body != old.Body {
		t.Fatalf("after deleting the comment: %+v", got)
	}
	if len(res.out.CommentIDs) != 1 || res.out.CommentIDs[0] != got[0].ID {
		t.Errorf("comment ids %v", res.out.CommentIDs)
	}
}

func TestReviewRecreatesCommentDeletedDuringTheRun(t *testing.T) {
	sc, head := staleScenario(t)
	sc.run(runOpts{action: "opened"})
	old := sc.ourComments()[0]
	sc.push("grant", appFiles(".", addGrant(head, "s3:GetObject *"), true))
	sc.sim.FailNext(http.MethodPatch, "/repos/{owner}/{repo}/issues/comments/{comment_id}",
		ghsim.Before("someone deletes the comment", func() { sc.repo.DeleteComment(old.ID) }))
	sc.run(runOpts{})
	if got := sc.ourComments(); len(got) != 1 || got[0].ID == old.ID || !strings.Contains(got[0].Body, "s3:GetObject") {
		t.Fatalf("comments %+v", got)
	}
}

func TestReviewCommitsOnTheMovedHead(t *testing.T) {
	sc, head := staleScenario(t)
	var moved string
	sc.sim.FailNext(http.MethodPatch, "/repos/{owner}/{repo}/git/refs/{ref}", ghsim.Before("a push lands meanwhile", func() {
		moved = sc.git.commit("feature", "", "meanwhile", map[string]string{"notes.txt": "pushed while the action ran\n"})
		if _, err := sc.repo.ImportGit(sc.git.scratch, moved, "feature"); err != nil {
			t.Error(err)
		}
	}))
	res := sc.run(runOpts{action: "opened"})
	out := res.out
	if out.CommitSHA == "" || sc.repo.Branch("feature") != out.CommitSHA {
		t.Fatalf("outcome %+v\n%s", out, res.log)
	}
	if parents := sc.repo.Parents(out.CommitSHA); len(parents) != 1 || parents[0] != moved {
		t.Errorf("parents %v, want the moved head %s", parents, moved)
	}
	if got, _ := sc.repo.File("feature", "orders/stlv_resources.py"); got != head.resourcesFile("orders") {
		t.Errorf("file %q", got)
	}
	if got, ok := sc.repo.File("feature", "notes.txt"); !ok || got == "" {
		t.Error("the push made meanwhile was lost")
	}
	if sc.sim.PendingFaults() != 0 {
		t.Error("the fault was never met")
	}
}

func TestReviewGivesUpWhenTheHeadKeepsMoving(t *testing.T) {
	sc, _ := staleScenario(t)
	n := 0
	sc.sim.Fail(http.MethodPatch, "/repos/{owner}/{repo}/git/refs/{ref}", 2, ghsim.Before("a push lands meanwhile", func() {
		n++
		sha := sc.git.commit("feature", "", fmt.Sprintf("meanwhile %d", n), map[string]string{"notes.txt": fmt.Sprintf("%d\n", n)})
		if _, err := sc.repo.ImportGit(sc.git.scratch, sha, "feature"); err != nil {
			t.Error(err)
		}
	}))
	res := sc.run(runOpts{action: "opened"})
	if res.out.ExitCode != 0 || res.out.CommitSHA != "" {
		t.Fatalf("outcome %+v", res.out)
	}
	if notes := res.log.with("notice"); len(notes) != 1 || !strings.Contains(notes[0], "moved") {
		t.Errorf("notices %v, want one about the moving branch", notes)
	}
	// The checks belong to the head that was reviewed, not to the pushes that came since.
	var links *ghsim.CheckRun
	for _, c := range sc.repo.CheckRuns(res.out.HeadSHA) {
		if c.Name == CheckLinks {
			links = &c
		}
	}
	if links == nil || links.Conclusion != "failure" || !strings.Contains(links.Summary, "moved") || !strings.Contains(links.Text, "+++ b/orders/stlv_resources.py") {
		t.Errorf("links check %+v", links)
	}
}

func TestReviewRetriesARefUpdateRefusedWhileBusy(t *testing.T) {
	sc, _ := staleScenario(t)
	sc.sim.FailNext(http.MethodPatch, "/repos/{owner}/{repo}/git/refs/{ref}", ghsim.RefConflict())
	res := sc.run(runOpts{action: "opened"})
	if res.out.CommitSHA == "" || sc.repo.Branch("feature") != res.out.CommitSHA {
		t.Fatalf("outcome %+v\n%s", res.out, res.log)
	}
}

func TestReviewLoopGuard(t *testing.T) {
	drifting := addEnv(shop(), "STLV_X")
	drifting.Drift = true
	sc := newScenario(t, appFiles(".", shop(), true), appFiles(".", drifting, true))
	first := sc.run(runOpts{action: "opened"})
	if first.out.CommitSHA == "" {
		t.Fatalf("first run made no commit: %+v", first.out)
	}
	second := sc.run(runOpts{})
	if second.out.CommitSHA != "" {
		t.Fatalf("the second run committed again on its own regeneration")
	}
	if n := sc.sim.RouteCalls("POST /repos/{owner}/{repo}/git/trees"); n != 0 {
		t.Errorf("%d trees made by the second run", n)
	}
	if notes := second.log.with("notice"); len(notes) != 1 || !strings.Contains(notes[0], "already stelvio-action's regeneration") {
		t.Errorf("notices %v", notes)
	}
}

// newForkScenario is staleScenario's pull request, from alice's fork.
func newForkScenario(t *testing.T) *scenario {
	head := addEnv(shop(), "STLV_PAYMENTS_URL")
	g := newGitFixture(t)
	base := g.commit("main", "", "base", appFiles(".", shop(), true))
	g.commit("feature", base, "change", appFiles(".", head, false))
	sim := ghsim.New(t)
	upstream := sim.Repo("octo", "shop")
	if _, err := upstream.ImportGit(g.scratch, "main", "main"); err != nil {
		t.Fatal(err)
	}
	fork := upstream.Fork("alice")
	if _, err := fork.ImportGit(g.scratch, "feature", "feature"); err != nil {
		t.Fatal(err)
	}
	number := upstream.OpenPR(ghsim.PR{Head: "feature", HeadRepo: fork, User: "alice"})
	// The harness follows the head through the base repository's "feature" branch.
	upstream.SetBranch("feature", fork.Branch("feature"))
	return &scenario{t: t, git: g, sim: sim, repo: upstream, number: number, resolver: &fakeResolver{}, inputs: reviewInputs(), token: ghsim.ReadOnlyToken}
}

func TestReviewForkGetsNoPushAndNoFailure(t *testing.T) {
	sc := newForkScenario(t)
	res := sc.run(runOpts{action: "opened"})
	out := res.out
	if out.ExitCode != 0 || out.CommitSHA != "" || len(out.Stale) != 1 || !out.Changed {
		t.Fatalf("outcome %+v\n%s", out, res.log)
	}
	if res.writes != 0 {
		t.Errorf("%d write calls on a fork's read-only run:\n%s", res.writes, res.routes)
	}
	if notes := res.log.with("notice"); len(notes) != 1 || !strings.Contains(notes[0], "fork") {
		t.Errorf("notices %v, want one about the fork", notes)
	}
	if !strings.Contains(out.Summary, "+++ b/orders/stlv_resources.py") || !strings.Contains(out.Summary, "fork") {
		t.Errorf("job summary lacks the patch:\n%s", out.Summary)
	}
	var report map[string]any
	if err := json.Unmarshal(out.Report, &report); err != nil || report["schema"] != ReviewSchema {
		t.Errorf("report %s: %v", out.Report, err)
	}
}

func TestReviewReadOnlyTokenDegradesWithOneNotice(t *testing.T) {
	sc, _ := staleScenario(t)
	sc.token = ghsim.ReadOnlyToken
	res := sc.run(runOpts{action: "opened"})
	if res.out.ExitCode != 0 || res.out.CommitSHA != "" {
		t.Fatalf("outcome %+v", res.out)
	}
	notes := res.log.with("notice")
	if len(notes) != 1 || !strings.Contains(notes[0], "contents: write") || !strings.Contains(notes[0], "pull-requests: write") || !strings.Contains(notes[0], "checks: write") {
		t.Errorf("notices %v, want one naming every missing permission", notes)
	}
	if len(sc.ourComments()) != 0 {
		t.Error("a comment appeared")
	}
}

func TestReviewCommitGeneratedFalse(t *testing.T) {
	sc, _ := staleScenario(t)
	sc.inputs.CommitGenerated = false
	head := sc.repo.Branch("feature")
	res := sc.run(runOpts{action: "opened"})
	if res.out.CommitSHA != "" || sc.repo.Branch("feature") != head || res.out.ExitCode != 0 {
		t.Fatalf("outcome %+v", res.out)
	}
	c := sc.check(CheckLinks)
	if c.Conclusion != "failure" || !strings.Contains(c.Summary, "`orders/stlv_resources.py` (write)") || !strings.Contains(c.Summary, "commit-generated") {
		t.Errorf("links check %+v", c)
	}
}

func TestReviewCheckModeWritesNothingAndFailsOnStaleFiles(t *testing.T) {
	sc, _ := staleScenario(t)
	res := sc.run(runOpts{edit: func(r *Review) { r.Check = true }})
	if res.writes != 0 || res.out.ExitCode != 1 || res.out.CommitSHA != "" {
		t.Fatalf("check mode: %d writes, outcome %+v", res.writes, res.out)
	}
}

func TestReviewCommitToken(t *testing.T) {
	sc, _ := staleScenario(t)
	const pat = "github_pat_commit0000000000000000000000"
	sc.sim.AddToken(ghsim.Token{Value: pat, Login: "release-bot"})
	res := sc.run(runOpts{action: "opened", edit: func(r *Review) { r.Commits = sc.client(pat) }})
	if res.out.CommitSHA == "" {
		t.Fatalf("outcome %+v", res.out)
	}
	for _, c := range sc.sim.Calls() {
		isGit := strings.Contains(c.Path, "/git/")
		if c.Write() && isGit && c.Token != pat || c.Write() && !isGit && c.Token == pat {
			t.Errorf("%s made with the wrong token", c)
		}
	}
}

func TestReviewSourceErrorIsAnnotated(t *testing.T) {
	broken := shop()
	broken.Error, broken.Line = "Function(...) takes a handler string", 7
	sc := newScenario(t, appFiles("svc", shop(), true), appFiles("svc", broken, true))
	sc.inputs.WorkingDirectory = "svc"
	res := sc.run(runOpts{action: "opened"})
	if res.out.ExitCode != 2 {
		t.Errorf("exit %d, want 2", res.out.ExitCode)
	}
	if errs := res.log.with("error svc/stlv_app.py:7 "); len(errs) != 1 {
		t.Errorf("annotations %v\n%s", errs, res.log)
	}
	if c := sc.check(CheckLinks); c.Conclusion != "failure" || !strings.Contains(c.Summary, "handler string") {
		t.Errorf("links check %+v", c)
	}
}

func TestReviewSeveralApps(t *testing.T) {
	base := appFiles("services/api", shop(), true)
	web := fakeApp{Name: "web", Functions: map[string]fakeFunc{"page": {Folder: "page", Env: map[string]string{"STLV_A": "${a}"}}}}
	for p, c := range appFiles("services/web", web, true) {
		base[p] = c
	}
	head := appFiles("services/api", addEnv(shop(), "STLV_B"), true)
	for p, c := range appFiles("services/web", addEnv(replaceFunc(web, "orders", fakeFunc{Folder: "o2"}), "STLV_C"), true) {
		head[p] = c
	}
	sc := newScenario(t, base, head)
	sc.inputs.Apps = []string{"services/*"}
	res := sc.run(runOpts{action: "opened"})
	got := sc.ourComments()
	if len(got) != 2 || len(res.out.CommentIDs) != 2 {
		t.Fatalf("comments %+v", got)
	}
	var markers []string
	for _, c := range got {
		markers = append(markers, strings.SplitN(c.Body, "\n", 2)[0])
	}
	slices.Sort(markers)
	if markers[0] != "<!-- stelvio-action:shop:dev -->" || markers[1] != "<!-- stelvio-action:web:dev -->" {
		t.Errorf("markers %v", markers)
	}
}

func TestReviewLabels(t *testing.T) {
	sc, head := staleScenario(t)
	sc.inputs.Labels = true
	sc.repo.AddLabels(sc.number, LabelNoChanges, "bug")
	sc.run(runOpts{action: "opened"})
	if got := sc.repo.Labels(sc.number); strings.Join(slices.Sorted(slices.Values(got)), ",") != "bug,"+LabelEnvChanged {
		t.Errorf("labels %v", got)
	}
	sc.push("grant", appFiles(".", addGrant(head, "s3:GetObject *"), true))
	res := sc.run(runOpts{})
	got := sc.repo.Labels(sc.number)
	slices.Sort(got)
	if strings.Join(got, ",") != "bug,"+LabelEnvChanged+","+LabelBroadened {
		t.Errorf("labels %v\n%s", got, res.routes)
	}
}

func TestReviewEnvDefaultsAsStelvioPicksIt(t *testing.T) {
	base := appFiles(".", shop(), true)
	base[".stelvio/userenv"] = "alice\n"
	head := appFiles(".", addEnv(shop(), "STLV_X"), true)
	sc := newScenario(t, base, head)
	sc.inputs.Environment = ""
	sc.run(runOpts{action: "opened"})
	if got := sc.ourComments(); len(got) != 1 || !strings.HasPrefix(got[0].Body, "<!-- stelvio-action:shop:alice -->") {
		t.Fatalf("comments %+v", got)
	}
}

func TestReviewEnvFromTheBaseBranchsDeployMapping(t *testing.T) {
	sc := newScenario(t, appFiles(".", shop(), true), appFiles(".", addEnv(shop(), "STLV_X"), true))
	sc.inputs.Environment = ""
	sc.inputs.DeployBranches = []config.DeployBranch{{Pattern: "main", Env: "prod"}}
	sc.run(runOpts{action: "opened"})
	if got := sc.ourComments(); len(got) != 1 || !strings.HasPrefix(got[0].Body, "<!-- stelvio-action:shop:prod -->") {
		t.Fatalf("comments %+v", got)
	}
}

func TestReviewTokenWithContentsOnly(t *testing.T) {
	sc, _ := staleScenario(t)
	const token = "ghs_contentsOnly000000000000000000000000"
	sc.sim.AddToken(ghsim.Token{Value: token, Login: ghsim.BotLogin, Type: "Bot",
		Perms: map[string]ghsim.Access{"contents": ghsim.Write, "metadata": ghsim.Read}})
	sc.token = token
	sc.inputs.Labels = true
	res := sc.run(runOpts{action: "opened"})
	if res.out.ExitCode != 0 || res.out.CommitSHA == "" {
		t.Fatalf("outcome %+v\n%s", res.out, res.log)
	}
	notes := res.log.with("notice")
	if len(notes) != 1 || !strings.Contains(notes[0], "pull-requests: read") || !strings.Contains(notes[0], "checks: write") {
		t.Errorf("notices %v, want one naming the missing permissions", notes)
	}
}
