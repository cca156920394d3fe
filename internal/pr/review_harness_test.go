package pr

import (
	"context"
	"encoding/base64"
	"fmt"
	"os/exec"
	"path"
	"strings"
	"testing"
	"time"

	gogithub "github.com/google/go-github/v62/github"
	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/ghsim"
	"github.com/stelvio-action/stelvio-action/internal/pr/github"
)

// scenario is a pull request in a real git repository (the runner's side) and in ghsim
// (GitHub's side), with the same commits in both, on which the review runs as in a
// workflow: a depth-1 checkout of the test merge commit and the event's payload.
type scenario struct {
	t        *testing.T
	git      *gitFixture
	sim      *ghsim.Sim
	repo     *ghsim.Repo
	number   int
	resolver *fakeResolver
	inputs   *config.Inputs
	token    string
	waits    []time.Duration
	synced   string // the branch head both sides have
}

func reviewInputs() *config.Inputs {
	return &config.Inputs{WorkingDirectory: ".", Environment: "dev", Mode: config.ModeReview, Comment: true, CommitGenerated: true, ApprovalLabel: "stelvio:approve-iam"}
}

// shop is the base app of most scenarios: one function with one grant and one env var.
func shop() fakeApp {
	return fakeApp{Name: "shop", Functions: map[string]fakeFunc{
		"orders": {Folder: "orders", Grants: []string{"dynamodb:GetItem ${orders.arn}"}, Env: map[string]string{"STLV_ORDERS_TABLE_NAME": "${orders.name}"}},
	}}
}

// addEnv is shop with one more env var in orders (its stlv_resources.py changes).
func addEnv(a fakeApp, name string) fakeApp {
	fn := a.Functions["orders"]
	env := map[string]string{name: "${" + strings.ToLower(name) + "}"}
	for k, v := range fn.Env {
		env[k] = v
	}
	fn.Env = env
	return replaceFunc(a, "orders", fn)
}

// addGrant is a with one more grant in orders (broadened).
func addGrant(a fakeApp, grant string) fakeApp {
	fn := a.Functions["orders"]
	fn.Grants = append(append([]string(nil), fn.Grants...), grant)
	return replaceFunc(a, "orders", fn)
}

func replaceFunc(a fakeApp, name string, fn fakeFunc) fakeApp {
	out := fakeApp{Name: a.Name, Functions: map[string]fakeFunc{}, Drift: a.Drift}
	for k, v := range a.Functions {
		out.Functions[k] = v
	}
	out.Functions[name] = fn
	return out
}

// appFiles is the source of app a in folder dir; inSync adds the generated files.
func appFiles(dir string, a fakeApp, inSync bool) map[string]string {
	out := map[string]string{}
	for p, c := range a.files(".", inSync) {
		out[path.Join(dir, p)] = c
	}
	return out
}

// newScenario commits base on main, head on feature, and opens the pull request.
func newScenario(t *testing.T, base, head map[string]string) *scenario {
	t.Helper()
	g := newGitFixture(t)
	baseSHA := g.commit("main", "", "base", base)
	g.commit("feature", baseSHA, "change", head)
	sim := ghsim.New(t)
	repo := sim.Repo("octo", "shop")
	for _, b := range []string{"main", "feature"} {
		if _, err := repo.ImportGit(g.scratch, b, b); err != nil {
			t.Fatal(err)
		}
	}
	repo.SetPermission("maria", "maintain")
	repo.SetPermission("tom", "triage")
	number := repo.OpenPR(ghsim.PR{Head: "feature", User: "alice", Title: "Change the shop"})
	return &scenario{t: t, git: g, sim: sim, repo: repo, number: number, resolver: &fakeResolver{}, inputs: reviewInputs(), token: ghsim.WriteToken}
}

// push commits files on the pull request's branch, on both sides.
func (sc *scenario) push(message string, files map[string]string) string {
	sc.t.Helper()
	sc.sync()
	sha := sc.git.commit("feature", "", message, files)
	if _, err := sc.repo.ImportGit(sc.git.scratch, sha, "feature"); err != nil {
		sc.t.Fatal(err)
	}
	sc.synced = sha
	return sha
}

// sync brings commits made through the API (commit-back) to the git side, as a fetch
// from GitHub would.
func (sc *scenario) sync() {
	sc.t.Helper()
	head := sc.repo.Branch("feature")
	if head == sc.synced {
		sc.sim.ResetCalls()
		return
	}
	if exec.Command("git", "-C", sc.git.scratch, "cat-file", "-e", head+"^{commit}").Run() != nil {
		client := sc.sim.Client(ghsim.WriteToken)
		exportCommit(sc.t, client, sc.git, head)
	}
	if sc.git.current == "feature" {
		sc.git.git(sc.git.scratch, "reset", "--quiet", "--hard", head)
	} else {
		sc.git.git(sc.git.scratch, "update-ref", "refs/heads/feature", head)
	}
	sc.synced = head
	sc.sim.ResetCalls()
}

// exportCommit copies commit sha (and its trees and blobs) from ghsim into the scratch
// repository with its id unchanged.
func exportCommit(t *testing.T, client *gogithub.Client, g *gitFixture, sha string) {
	t.Helper()
	ctx := context.Background()
	c, _, err := client.Git.GetCommit(ctx, "octo", "shop", sha)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Parents {
		if exec.Command("git", "-C", g.scratch, "cat-file", "-e", p.GetSHA()).Run() != nil {
			exportCommit(t, client, g, p.GetSHA())
		}
	}
	tree := exportTree(t, client, g, c.GetTree().GetSHA())
	var b strings.Builder
	fmt.Fprintf(&b, "tree %s\n", tree)
	for _, p := range c.Parents {
		fmt.Fprintf(&b, "parent %s\n", p.GetSHA())
	}
	sig := func(a *gogithub.CommitAuthor) string {
		return fmt.Sprintf("%s <%s> %d +0000", a.GetName(), a.GetEmail(), a.GetDate().Unix())
	}
	fmt.Fprintf(&b, "author %s\ncommitter %s\n\n%s", sig(c.Author), sig(c.Committer), c.GetMessage())
	got := hashObject(t, g, "commit", b.String())
	if got != sha {
		t.Fatalf("exporting %s made %s", sha, got)
	}
}

func exportTree(t *testing.T, client *gogithub.Client, g *gitFixture, sha string) string {
	t.Helper()
	tree, _, err := client.Git.GetTree(context.Background(), "octo", "shop", sha, false)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range tree.Entries {
		switch e.GetType() {
		case "tree":
			exportTree(t, client, g, e.GetSHA())
		case "blob":
			if exec.Command("git", "-C", g.scratch, "cat-file", "-e", e.GetSHA()).Run() != nil {
				blob, _, err := client.Git.GetBlob(context.Background(), "octo", "shop", e.GetSHA())
				if err != nil {
					t.Fatal(err)
				}
				data, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(blob.GetContent(), "\n", ""))
				if err != nil {
					t.Fatal(err)
				}
				hashObject(t, g, "blob", string(data))
			}
		}
		mode := e.GetMode()
		if e.GetType() == "tree" {
			mode = "040000"
		}
		lines = append(lines, fmt.Sprintf("%s %s %s\t%s", mode, e.GetType(), e.GetSHA(), e.GetPath()))
	}
	cmd := exec.Command("git", "-C", g.scratch, "mktree")
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil || strings.TrimSpace(string(out)) != sha {
		t.Fatalf("mktree for %s: %s, %v", sha, out, err)
	}
	return sha
}

func hashObject(t *testing.T, g *gitFixture, kind, data string) string {
	t.Helper()
	cmd := exec.Command("git", "-C", g.scratch, "hash-object", "-w", "--stdin", "-t", kind)
	cmd.Stdin = strings.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// runOpts say which event starts a run.
type runOpts struct {
	event  string // default pull_request
	action string // default synchronize
	sender string
	label  string
	review int64 // a pull_request_review event for this review
	edit   func(*Review)
}

type runResult struct {
	out    *Outcome
	log    *recordLog
	calls  int
	writes int
	routes string
}

// run reviews the pull request as a workflow on its current state would.
func (sc *scenario) run(o runOpts) *runResult {
	sc.t.Helper()
	sc.sync()
	pr := sc.repo.PullRequest(sc.number)
	ws := sc.git.workspace(sc.git.mergeCommit(sc.number, pr.BaseSHA, pr.HeadSHA))
	if o.event == "" {
		o.event = "pull_request"
	}
	if o.action == "" {
		o.action = "synchronize"
	}
	var payload []byte
	if o.review != 0 {
		o.event, payload = "pull_request_review", sc.repo.ReviewEvent(sc.number, o.review)
	} else {
		payload = sc.repo.PullRequestEvent(sc.number, o.action, o.sender, o.label)
	}
	ev, err := ParseEvent(o.event, payload)
	if err != nil {
		sc.t.Fatal(err)
	}
	client := sc.client(sc.token)
	log := &recordLog{}
	inputs := *sc.inputs
	r := &Review{Inputs: &inputs, Event: ev, API: client, Sources: &Sources{Git: &Git{Dir: ws}, API: client, TempDir: sc.t.TempDir()},
		Resolve: sc.resolver.resolve, Diff: linkDiff(sc.t), Log: log, Version: "test", RunURL: "https://github.com/octo/shop/actions/runs/7"}
	if o.edit != nil {
		o.edit(r)
	}
	sc.sim.ResetCalls()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := r.Run(ctx)
	if err != nil {
		sc.t.Fatalf("review: %v\nlog:\n%s\ncalls:\n%s", err, log, sc.sim.CallLog())
	}
	res := &runResult{out: out, log: log, calls: sc.sim.APICalls(), writes: sc.sim.WriteCalls(), routes: sc.sim.RouteSummary()}
	sc.t.Logf("run (%s %s): %d API calls, %d writes, exit %d\n%s", o.event, o.action, res.calls, res.writes, out.ExitCode, res.routes)
	return res
}

// client is a GitHub client for the simulator that records waits instead of sleeping.
func (sc *scenario) client(token string) *github.Client {
	sc.t.Helper()
	policy := github.RetryPolicy{Sleep: func(_ context.Context, d time.Duration) error {
		sc.waits = append(sc.waits, d)
		return nil
	}}
	c, err := github.New(github.Config{Token: token, APIURL: sc.sim.URL() + "api/v3", Owner: "octo", Repo: "shop", Retry: policy})
	if err != nil {
		sc.t.Fatal(err)
	}
	return c
}

// ourComments are the comments carrying a stelvio-action marker.
func (sc *scenario) ourComments() []ghsim.Comment {
	var out []ghsim.Comment
	for _, c := range sc.repo.Comments(sc.number) {
		if strings.HasPrefix(c.Body, "<!-- stelvio-action:") {
			out = append(out, c)
		}
	}
	return out
}

// check is the latest check run of name on the branch's head.
func (sc *scenario) check(name string) ghsim.CheckRun {
	sc.t.Helper()
	var found ghsim.CheckRun
	n := 0
	for _, c := range sc.repo.CheckRuns(sc.repo.Branch("feature")) {
		if c.Name == name {
			found = c
			n++
		}
	}
	if n != 1 {
		sc.t.Fatalf("%d check runs named %s on the head, want exactly 1", n, name)
	}
	return found
}
