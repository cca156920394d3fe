package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	gogithub "github.com/google/go-github/v62/github"
	"github.com/stelvio-action/stelvio-action/internal/config"
	"github.com/stelvio-action/stelvio-action/internal/ghsim"
)

// The action is tested end to end as a runner runs it: the built binary as the container's
// entrypoint, GITHUB_* variables and INPUT_* inputs, the event payload in a file, the
// output and summary files, a depth-1 checkout of the test merge commit owned by another
// user, and ghsim as GitHub. Commits live in a real git "origin" and in ghsim alike.

// shopSource is a Stelvio app whose one function links to links and has MODE=mode.
func shopSource(links []string, mode string) map[string]string {
	app := `from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable, FieldType
from stelvio.aws.function import Function
from stelvio.aws.queue import Queue

app = StelvioApp("shop")


@app.run
def run() -> None:
    orders = DynamoTable("orders", fields={"order_id": FieldType.STRING}, partition_key="order_id")
    payments = Queue("payments")
    Function("checkout", handler="functions/checkout.handler", links=[` + strings.Join(links, ", ") + `], environment={"MODE": "` + mode + `"})
`
	return map[string]string{
		"stlv_app.py":           app,
		"pyproject.toml":        "[project]\nname = \"shop\"\nversion = \"0.1.0\"\nrequires-python = \">=3.12\"\ndependencies = [\"stelvio==0.9.0b5\"]\n",
		"functions/checkout.py": "def handler(event, context):\n    return {}\n",
	}
}

// generated adds the stlv_resources.py files the binary's generate writes for files.
func generated(t *testing.T, files map[string]string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		writeTestFile(t, filepath.Join(dir, p), c)
	}
	if _, stderr, code := runBinary(t, dir, "generate", "--dir", ".", "--env", "dev"); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	out := map[string]string{}
	for p, c := range files {
		out[p] = c
	}
	data, err := os.ReadFile(filepath.Join(dir, "functions", "stlv_resources.py"))
	if err != nil {
		t.Fatal(err)
	}
	out["functions/stlv_resources.py"] = string(data)
	return out
}

func writeTestFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// e2e is one pull request #number from "feature" into "main" of octo/shop.
type e2e struct {
	t       *testing.T
	origin  string
	scratch string
	sim     *ghsim.Sim
	repo    *ghsim.Repo
	number  int
	synced  string
}

func newE2E(t *testing.T, base, head map[string]string) *e2e {
	t.Helper()
	dir := t.TempDir()
	// One repository is where the test commits and the "origin" workspaces fetch from:
	// pushes between two would only cost time.
	scratch := filepath.Join(dir, "scratch")
	e := &e2e{t: t, origin: scratch, scratch: scratch}
	e.git("", "init", "--quiet", "--initial-branch=main", e.scratch)
	e.commit("main", base, "base")
	e.git(e.scratch, "checkout", "--quiet", "-b", "feature")
	e.commit("feature", head, "change the shop")
	e.sim = ghsim.New(t)
	e.repo = e.sim.Repo("octo", "shop")
	for _, b := range []string{"main", "feature"} {
		if _, err := e.repo.ImportGit(e.scratch, b, b); err != nil {
			t.Fatal(err)
		}
	}
	e.synced = e.repo.Branch("feature")
	e.repo.SetPermission("maria", "maintain")
	e.repo.SetPermission("tom", "triage")
	e.number = e.repo.OpenPR(ghsim.PR{Head: "feature", User: "alice", Title: "Change the shop"})
	return e
}

func (e *e2e) git(dir string, args ...string) string {
	e.t.Helper()
	if dir != "" {
		args = append([]string{"-C", dir}, args...)
	}
	cmd := exec.Command("git", args...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Alice", "GIT_AUTHOR_EMAIL=alice@example.com", "GIT_COMMITTER_NAME=Alice",
		"GIT_COMMITTER_EMAIL=alice@example.com", "GIT_AUTHOR_DATE=2024-05-01T12:00:00Z", "GIT_COMMITTER_DATE=2024-05-01T12:00:00Z",
		"GIT_CONFIG_NOSYSTEM=1", "HOME="+e.t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		e.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// commit writes files (all of the branch's files: others are removed) on the checked-out
// branch and commits.
func (e *e2e) commit(branch string, files map[string]string, message string) string {
	e.t.Helper()
	e.git(e.scratch, "rm", "-r", "--quiet", "--ignore-unmatch", "--cached", ".")
	entries, _ := os.ReadDir(e.scratch)
	for _, en := range entries {
		if en.Name() != ".git" {
			os.RemoveAll(filepath.Join(e.scratch, en.Name()))
		}
	}
	for p, c := range files {
		writeTestFile(e.t, filepath.Join(e.scratch, p), c)
	}
	e.git(e.scratch, "add", "--all")
	e.git(e.scratch, "commit", "--quiet", "--allow-empty", "-m", message)
	return e.git(e.scratch, "rev-parse", "HEAD")
}

// push makes files the pull request's new head, on both sides.
func (e *e2e) push(message string, files map[string]string) string {
	e.t.Helper()
	e.sync()
	sha := e.commit("feature", files, message)
	if _, err := e.repo.ImportGit(e.scratch, sha, "feature"); err != nil {
		e.t.Fatal(err)
	}
	e.synced = sha
	return sha
}

// sync brings commits the action made through the API into git, as GitHub would serve
// them to a fetch.
func (e *e2e) sync() {
	e.t.Helper()
	head := e.repo.Branch("feature")
	if head == e.synced {
		return
	}
	client := e.sim.Client(ghsim.WriteToken)
	e.export(client, head)
	e.git(e.scratch, "reset", "--quiet", "--hard", head)
	e.synced = head
}

func (e *e2e) has(sha string) bool {
	return exec.Command("git", "-C", e.scratch, "cat-file", "-e", sha).Run() == nil
}

// export copies commit sha, its trees and blobs from ghsim into scratch, ids unchanged.
func (e *e2e) export(client *gogithub.Client, sha string) {
	e.t.Helper()
	if e.has(sha) {
		return
	}
	c, _, err := client.Git.GetCommit(context.Background(), "octo", "shop", sha)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, p := range c.Parents {
		e.export(client, p.GetSHA())
	}
	e.exportTree(client, c.GetTree().GetSHA())
	var b strings.Builder
	fmt.Fprintf(&b, "tree %s\n", c.GetTree().GetSHA())
	for _, p := range c.Parents {
		fmt.Fprintf(&b, "parent %s\n", p.GetSHA())
	}
	sig := func(a *gogithub.CommitAuthor) string {
		return fmt.Sprintf("%s <%s> %d +0000", a.GetName(), a.GetEmail(), a.GetDate().Unix())
	}
	fmt.Fprintf(&b, "author %s\ncommitter %s\n\n%s", sig(c.Author), sig(c.Committer), c.GetMessage())
	if got := e.hashObject("commit", b.String()); got != sha {
		e.t.Fatalf("exporting commit %s made %s", sha, got)
	}
}

func (e *e2e) exportTree(client *gogithub.Client, sha string) {
	e.t.Helper()
	tree, _, err := client.Git.GetTree(context.Background(), "octo", "shop", sha, false)
	if err != nil {
		e.t.Fatal(err)
	}
	var lines []string
	for _, en := range tree.Entries {
		mode := en.GetMode()
		switch en.GetType() {
		case "tree":
			e.exportTree(client, en.GetSHA())
			mode = "040000"
		case "blob":
			if !e.has(en.GetSHA()) {
				blob, _, err := client.Git.GetBlob(context.Background(), "octo", "shop", en.GetSHA())
				if err != nil {
					e.t.Fatal(err)
				}
				data, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(blob.GetContent(), "\n", ""))
				if err != nil {
					e.t.Fatal(err)
				}
				e.hashObject("blob", string(data))
			}
		}
		lines = append(lines, fmt.Sprintf("%s %s %s\t%s", mode, en.GetType(), en.GetSHA(), en.GetPath()))
	}
	cmd := exec.Command("git", "-C", e.scratch, "mktree")
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	if out, err := cmd.Output(); err != nil || strings.TrimSpace(string(out)) != sha {
		e.t.Fatalf("mktree for %s: %s, %v", sha, out, err)
	}
}

func (e *e2e) hashObject(kind, data string) string {
	e.t.Helper()
	cmd := exec.Command("git", "-C", e.scratch, "hash-object", "-w", "--stdin", "-t", kind)
	cmd.Stdin = strings.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		e.t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// checkout makes the workspace as actions/checkout does on pull_request: GitHub's test
// merge commit, alone (depth 1), owned by the runner's user rather than by the container's
// root.
func (e *e2e) checkout() (ws, merge string) {
	e.t.Helper()
	pr := e.repo.PullRequest(e.number)
	e.git(e.scratch, "checkout", "--quiet", "--detach", pr.BaseSHA)
	e.git(e.scratch, "merge", "--quiet", "--no-ff", "--no-edit", "-m", "Merge "+pr.HeadSHA+" into "+pr.BaseSHA, pr.HeadSHA)
	merge = e.git(e.scratch, "rev-parse", "HEAD")
	n := strconv.Itoa(e.number)
	e.git(e.scratch, "update-ref", "refs/pull/"+n+"/merge", merge)
	e.git(e.scratch, "checkout", "--quiet", "feature")
	ws = filepath.Join(e.t.TempDir(), "workspace")
	e.git("", "init", "--quiet", ws)
	e.git(ws, "remote", "add", "origin", "file://"+e.origin)
	e.git(ws, "fetch", "--quiet", "--no-tags", "--depth=1", "origin", "+refs/pull/"+n+"/merge:refs/remotes/pull/"+n+"/merge")
	e.git(ws, "checkout", "--quiet", "--detach", merge)
	if os.Geteuid() == 0 {
		err := filepath.WalkDir(ws, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			return os.Lchown(p, 1001, 1001)
		})
		if err != nil {
			e.t.Fatal(err)
		}
	}
	return ws, merge
}

// actOpts say how the runner starts the action.
type actOpts struct {
	event   string // default pull_request
	action  string // default synchronize
	sender  string
	label   string
	review  int64
	payload []byte // instead of a pull request event
	token   string // default ghsim.WriteToken
	inputs  map[string]string
	files   map[string]string // written into the workspace before the run (a downloaded artifact)
}

// actResult is what a run left behind.
type actResult struct {
	code    int
	log     string
	outputs map[string]string
	summary string
	ws      string
	calls   int
	writes  int
	routes  string
}

// act runs the action on the pull request's current state.
func (e *e2e) act(o actOpts) *actResult {
	e.t.Helper()
	e.sync()
	ws, merge := e.checkout()
	for p, c := range o.files {
		writeTestFile(e.t, filepath.Join(ws, filepath.FromSlash(p)), c)
	}
	tmp := e.t.TempDir()
	if o.event == "" {
		o.event = "pull_request"
	}
	if o.action == "" {
		o.action = "synchronize"
	}
	payload := o.payload
	switch {
	case payload != nil:
	case o.review != 0:
		o.event, payload = "pull_request_review", e.repo.ReviewEvent(e.number, o.review)
	default:
		payload = e.repo.PullRequestEvent(e.number, o.action, o.sender, o.label)
	}
	eventPath, err := ghsim.WriteEvent(tmp, payload)
	if err != nil {
		e.t.Fatal(err)
	}
	if o.token == "" {
		o.token = ghsim.WriteToken
	}
	files := map[string]string{}
	for _, name := range []string{"GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_STATE", "GITHUB_ENV", "GITHUB_PATH"} {
		files[name] = filepath.Join(tmp, strings.ToLower(name))
		writeTestFile(e.t, files[name], "")
	}
	env := []string{
		"GITHUB_ACTIONS=true", "CI=true", "PATH=" + os.Getenv("PATH"), "HOME=" + tmp,
		"GITHUB_EVENT_NAME=" + o.event, "GITHUB_EVENT_PATH=" + eventPath, "GITHUB_WORKSPACE=" + ws,
		"GITHUB_SHA=" + merge, "GITHUB_REF=refs/pull/" + strconv.Itoa(e.number) + "/merge",
		"GITHUB_REPOSITORY=octo/shop", "GITHUB_REPOSITORY_OWNER=octo", "GITHUB_SERVER_URL=https://github.com",
		"GITHUB_API_URL=" + strings.TrimSuffix(e.sim.URL(), "/") + "/api/v3", "GITHUB_RUN_ID=4242", "GITHUB_RUN_ATTEMPT=1",
		"GITHUB_ACTOR=alice", "GITHUB_HEAD_REF=feature", "GITHUB_BASE_REF=main", "RUNNER_TEMP=" + tmp,
	}
	for name, path := range files {
		env = append(env, name+"="+path)
	}
	// The runner passes every input action.yml declares, with its default.
	inputs := map[string]string{"github-token": o.token, "environment": "dev"}
	for _, in := range config.KnownInputs() {
		if _, set := inputs[in.Name]; !set {
			inputs[in.Name] = in.Default
		}
	}
	for k, v := range o.inputs {
		inputs[k] = v
	}
	for k, v := range inputs {
		env = append(env, "INPUT_"+strings.ToUpper(k)+"="+v)
	}
	cmd := exec.Command(binary(e.t))
	cmd.Dir, cmd.Env = ws, env
	e.sim.ResetCalls()
	out, err := cmd.CombinedOutput()
	res := &actResult{log: string(out), ws: ws, calls: e.sim.APICalls(), writes: e.sim.WriteCalls(), routes: e.sim.RouteSummary()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		res.code = ee.ExitCode()
	case err != nil:
		e.t.Fatal(err)
	}
	res.outputs = readOutputs(e.t, files["GITHUB_OUTPUT"])
	summary, err := os.ReadFile(files["GITHUB_STEP_SUMMARY"])
	if err != nil {
		e.t.Fatal(err)
	}
	res.summary = string(summary)
	e.t.Logf("action (%s %s): exit %d, %d API calls, %d writes\n%s", o.event, o.action, res.code, res.calls, res.writes, res.routes)
	return res
}

// readOutputs parses $GITHUB_OUTPUT's name<<delimiter records.
func readOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, delim, ok := strings.Cut(sc.Text(), "<<")
		if !ok {
			t.Fatalf("output line %q is not name<<delimiter", sc.Text())
		}
		var lines []string
		for sc.Scan() && sc.Text() != delim {
			lines = append(lines, sc.Text())
		}
		out[name] = strings.Join(lines, "\n")
	}
	return out
}

// ourComments are the comments with a stelvio-action marker.
func (e *e2e) ourComments() []ghsim.Comment {
	var out []ghsim.Comment
	for _, c := range e.repo.Comments(e.number) {
		if strings.HasPrefix(c.Body, "<!-- stelvio-action:") {
			out = append(out, c)
		}
	}
	return out
}

// check is the one check run named name on commit sha.
func (e *e2e) check(sha, name string) ghsim.CheckRun {
	e.t.Helper()
	var found []ghsim.CheckRun
	for _, c := range e.repo.CheckRuns(sha) {
		if c.Name == name {
			found = append(found, c)
		}
	}
	if len(found) != 1 {
		e.t.Fatalf("%d check runs named %s on %s, want 1", len(found), name, sha)
	}
	return found[0]
}
